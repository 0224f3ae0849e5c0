//! `/signup`: a company registers for the free 15-day trial (terms art. 4);
//! its Administrator accepts the current terms, privacy statement and data
//! processing agreement, whose versions are sent with the request.

use ecom_types::auth::{SignupAdministrator, SignupCompany, SignupRequest};
use ecom_types::policy::{CurrentPolicies, PolicyAcceptance, PolicyVersion};
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{Alert, AlertKind, Checkbox, ErrorAlert, Input, Loading, Select};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n;
use crate::routes::Route;
use crate::state::form::{FieldErrors, FormValues};
use crate::state::{SessionAction, SessionKind};

/// The request fields this form has an input for.
/// The marketing lists offered on the form, unticked: (form field, list).
const MARKETING: &[(&str, &str)] = &[
    ("marketing.onboarding", "onboarding"),
    ("marketing.product_updates", "product_updates"),
    ("marketing.newsletter", "newsletter"),
    ("marketing.events", "events"),
];

const FIELDS: &[&str] = &[
    "company.name",
    "company.country",
    "company.vat_number",
    "company.street",
    "company.postal_code",
    "company.city",
    "administrator.first_name",
    "administrator.last_name",
    "administrator.email",
    "administrator.password",
    "administrator.function",
    "administrator.phone",
    "accepted.terms",
    "accepted.privacy",
    "accepted.data_processing",
];

/// The policies to accept: (request field, policy kind).
const ACCEPTANCES: &[(&str, &str)] = &[
    ("accepted.terms", "terms"),
    ("accepted.privacy", "privacy"),
    ("accepted.data_processing", "data_processing"),
];

fn version_of<'a>(policies: &'a CurrentPolicies, kind: &str) -> Option<&'a PolicyVersion> {
    policies.policies.iter().find(|p| p.kind == kind)
}

/// The request, or the fields to correct first (an unticked acceptance: a
/// version the person did not accept is never sent).
fn request(form: &FormValues, policies: &CurrentPolicies) -> Result<SignupRequest, FieldErrors> {
    let text = i18n::text();
    let mut errors = FieldErrors::default();
    let mut accepted = |field: &str, kind: &str| -> String {
        match version_of(policies, kind) {
            Some(policy) if form.is_checked(field) => policy.version.clone(),
            _ => {
                errors.add(field, text.signup_must_accept);
                String::new()
            }
        }
    };
    let acceptance = PolicyAcceptance {
        terms: accepted("accepted.terms", "terms"),
        privacy: accepted("accepted.privacy", "privacy"),
        data_processing: accepted("accepted.data_processing", "data_processing"),
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(SignupRequest {
        company: SignupCompany {
            name: form.trimmed("company.name"),
            country: form.trimmed("company.country"),
            vat_number: form.optional("company.vat_number"),
            street: form.trimmed("company.street"),
            postal_code: form.trimmed("company.postal_code"),
            city: form.trimmed("company.city"),
        },
        administrator: SignupAdministrator {
            first_name: form.trimmed("administrator.first_name"),
            last_name: form.trimmed("administrator.last_name"),
            email: form.trimmed("administrator.email"),
            // Passwords are sent as typed: blanks are part of them.
            password: form.get("administrator.password").to_owned(),
            function: form.trimmed("administrator.function"),
            phone: form.trimmed("administrator.phone"),
        },
        accepted: acceptance,
        // Marketing consent is opt-in: only the lists ticked (SPEC §4).
        marketing: MARKETING
            .iter()
            .filter(|(field, _)| form.is_checked(field))
            .map(|(_, list)| (*list).to_owned())
            .collect(),
    })
}

#[function_component]
pub fn Signup() -> Html {
    let text = i18n::text();
    let session = use_session();
    let form = use_reducer(|| FormValues::with(&[("company.country", "BE")]));
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let (policies, reload_policies) = use_load(api::policies::current);

    if session.state.is_signed_in() {
        return html! { <Redirect<Route> to={Route::Dashboard} /> };
    }

    let onsubmit = {
        let form = form.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let busy = busy.clone();
        let session = session.clone();
        let policies = policies.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Load::Loaded(current) = &*policies else {
                return;
            };
            let request = match request(&form, current) {
                Ok(request) => request,
                Err(local) => {
                    errors.set(local);
                    failure.set(None);
                    return;
                }
            };
            let errors = errors.clone();
            let failure = failure.clone();
            let busy = busy.clone();
            let session = session.clone();
            busy.set(true);
            spawn_local(async move {
                match api::auth::signup(&request).await {
                    // Signed in: the page re-renders and redirects.
                    Ok(created) => session.apply(SessionAction::SignedIn(
                        SessionKind::Tenant,
                        created.session,
                    )),
                    Err(error) => {
                        errors.set(FieldErrors::from_problem(error.field_errors()));
                        failure.set(Some(error));
                        busy.set(false);
                    }
                }
            });
        })
    };

    let acceptance_boxes = match &*policies {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            let retry = reload_policies.reform(|_: MouseEvent| ());
            html! {
                <>
                    <ErrorAlert error={error.clone()} testid="policies-error" />
                    <button type="button" class="button" onclick={retry}>{ text.retry }</button>
                </>
            }
        }
        Load::Loaded(current) => html! {
            { for ACCEPTANCES.iter().map(|(field, kind)| {
                let id = format!("signup-{}", field.replace(['.', '_'], "-"));
                let (label, missing) = match version_of(current, kind) {
                    Some(policy) => (i18n::fill(text.signup_accept, &[
                        ("title", &policy.title), ("version", &policy.version),
                    ]), false),
                    None => (text.signup_policy_missing.to_owned(), true),
                };
                html! {
                    <Checkbox form={form.clone()} field={*field} id={id} label={label}
                        errors={(*errors).clone()} disabled={missing} />
                }
            }) }
        },
    };

    let can_submit = !*busy && matches!(&*policies, Load::Loaded(_));
    let e = (*errors).clone();
    html! {
        <section class="auth-page">
            <h1>{ text.signup_title }</h1>
            <p class="lead">{ text.signup_lead }</p>
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} extra={e.not_in(FIELDS)} />
            } else if !e.is_empty() {
                <Alert kind={AlertKind::Error} testid="form-error">
                    <p>{ text.form_has_errors }</p>
                </Alert>
            }
            <form class="card form" novalidate=true {onsubmit} data-testid="signup-form">
                <fieldset>
                    <legend>{ text.signup_company }</legend>
                    <Input form={form.clone()} field="company.name" id="signup-company-name"
                        label={text.company_name} errors={e.clone()} autocomplete="organization" required=true />
                    <div class="field-row">
                        <Select form={form.clone()} field="company.country" id="signup-company-country"
                            label={text.country} errors={e.clone()} options={i18n::countries()} required=true />
                        <Input form={form.clone()} field="company.vat_number" id="signup-company-vat-number"
                            label={text.vat_number} errors={e.clone()} hint={text.vat_number_hint} />
                    </div>
                    <Input form={form.clone()} field="company.street" id="signup-company-street"
                        label={text.street} errors={e.clone()} autocomplete="address-line1" required=true />
                    <div class="field-row">
                        <Input form={form.clone()} field="company.postal_code" id="signup-company-postal-code"
                            label={text.postal_code} errors={e.clone()} autocomplete="postal-code" required=true />
                        <Input form={form.clone()} field="company.city" id="signup-company-city"
                            label={text.city} errors={e.clone()} autocomplete="address-level2" required=true />
                    </div>
                </fieldset>
                <fieldset>
                    <legend>{ text.signup_administrator }</legend>
                    <div class="field-row">
                        <Input form={form.clone()} field="administrator.first_name" id="signup-administrator-first-name"
                            label={text.first_name} errors={e.clone()} autocomplete="given-name" required=true />
                        <Input form={form.clone()} field="administrator.last_name" id="signup-administrator-last-name"
                            label={text.last_name} errors={e.clone()} autocomplete="family-name" required=true />
                    </div>
                    <Input form={form.clone()} field="administrator.email" id="signup-administrator-email"
                        label={text.email} kind="email" errors={e.clone()} autocomplete="email" required=true />
                    <Input form={form.clone()} field="administrator.password" id="signup-administrator-password"
                        label={text.password} kind="password" errors={e.clone()} autocomplete="new-password"
                        required=true hint={text.password_hint} />
                    <div class="field-row">
                        <Input form={form.clone()} field="administrator.function" id="signup-administrator-function"
                            label={text.function} errors={e.clone()} autocomplete="organization-title" required=true />
                        <Input form={form.clone()} field="administrator.phone" id="signup-administrator-phone"
                            label={text.phone} kind="tel" errors={e.clone()} autocomplete="tel" required=true />
                    </div>
                </fieldset>
                <fieldset>
                    <legend>{ text.signup_policies }</legend>
                    { acceptance_boxes }
                </fieldset>
                <fieldset data-testid="signup-marketing">
                    <legend>{ crate::i18n::consent::text().signup_marketing }</legend>
                    <p class="muted small">{ crate::i18n::consent::text().signup_marketing_hint }</p>
                    { for MARKETING.iter().map(|(field, list)| html! {
                        <Checkbox form={form.clone()} field={*field} id={format!("signup-marketing-{}", list.replace('_', "-"))}
                            label={crate::i18n::consent::text().list(list)} errors={e.clone()} />
                    }) }
                </fieldset>
                <button type="submit" class="button button-primary button-block" data-testid="signup-submit"
                    disabled={!can_submit}>
                    { if *busy { text.signup_submitting } else { text.signup_submit } }
                </button>
            </form>
            <p class="switch-link">
                { text.signup_have_account }{ " " }
                <Link<Route> to={Route::Login}><span data-testid="link-login">{ text.log_in }</span></Link<Route>>
            </p>
        </section>
    }
}
