//! `/crm/companies` (search, filters, sorting, pages, a new company) and
//! `/crm/companies/:id` (details, edit, delete, its people).

use std::rc::Rc;

use ecom_types::crm::{CompanyView, ContactView, DealView};
use ecom_types::page::Page;
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::{company_form, company_request, query_string, CsvImport};
use crate::api::{self, ApiError};
use crate::components::{
    Alert, AlertKind, Checkbox, ConfirmButton, DownloadButton, ErrorAlert, Fetch, Input, Loading,
    Select, TextArea,
};
use crate::hooks::{use_session, Load};
use crate::i18n::{self, crm};
use crate::routes::Route;
use crate::state::form::{FieldErrors, FormValues};

const FIELDS: &[&str] = &[
    "name",
    "vat_number",
    "email",
    "phone",
    "website",
    "street",
    "postal_code",
    "city",
    "country",
    "tags",
    "notes",
    "marketing_consent",
];

#[derive(Properties, PartialEq)]
pub struct CompanyFormProps {
    /// The company being edited; a new one when absent.
    #[prop_or_default]
    pub company: Option<CompanyView>,
    pub on_saved: Callback<CompanyView>,
}

/// The company form: create or edit, the API's field errors next to the
/// inputs, and "save anyway" when the VAT number is another company's.
#[function_component]
pub fn CompanyForm(props: &CompanyFormProps) -> Html {
    let t = crm::text();
    let session = use_session();
    let initial = props.company.clone();
    let form = use_reducer(move || initial.as_ref().map(company_form).unwrap_or_default());
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let saved = use_state(|| false);

    let submit = {
        let (form, errors, failure, busy, saved) = (
            form.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
            saved.clone(),
        );
        let (session, on_saved, id) = (
            session.clone(),
            props.on_saved.clone(),
            props.company.as_ref().map(|c| c.id),
        );
        Callback::from(move |allow_duplicate: bool| {
            let request = company_request(&form);
            let (errors, failure, busy, saved, session, on_saved) = (
                errors.clone(),
                failure.clone(),
                busy.clone(),
                saved.clone(),
                session.clone(),
                on_saved.clone(),
            );
            busy.set(true);
            saved.set(false);
            spawn_local(async move {
                let outcome = match id {
                    Some(id) => {
                        api::crm::update_company(&session.api, id, &request, allow_duplicate).await
                    }
                    None => api::crm::create_company(&session.api, &request, allow_duplicate).await,
                };
                busy.set(false);
                match outcome {
                    Ok(company) => {
                        errors.set(FieldErrors::default());
                        failure.set(None);
                        saved.set(true);
                        on_saved.emit(company);
                    }
                    Err(error) => {
                        errors.set(FieldErrors::from_problem(error.field_errors()));
                        failure.set(Some(error));
                    }
                }
            });
        })
    };
    let onsubmit = {
        let submit = submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            submit.emit(false);
        })
    };
    let anyway = Callback::from(move |_| submit.emit(true));
    let duplicate = failure
        .as_ref()
        .and_then(ApiError::code)
        .is_some_and(|c| c.starts_with("duplicate_"));
    let e = (*errors).clone();
    let f = |field: &'static str, id: &'static str, label: &'static str| {
        html! { <Input form={form.clone()} {field} {id} {label} errors={e.clone()} /> }
    };
    html! {
        <form class="form" novalidate=true {onsubmit} data-testid="company-form">
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} extra={e.not_in(FIELDS)} testid="company-form-error" />
                if duplicate {
                    <button type="button" class="button button-secondary" data-testid="company-save-anyway"
                        onclick={anyway} disabled={*busy}>{ t.create_anyway }</button>
                }
            }
            if *saved && props.company.is_some() {
                <Alert kind={AlertKind::Success} testid="company-saved"><p>{ t.saved }</p></Alert>
            }
            <Input form={form.clone()} field="name" id="company-name" label={t.name} errors={e.clone()} required=true />
            <div class="field-row">
                <Input form={form.clone()} field="vat_number" id="company-vat-number" label={t.vat_number} errors={e.clone()} hint={t.vat_hint} />
                { f("email", "company-email", t.email) }
            </div>
            <div class="field-row">
                { f("phone", "company-phone", t.phone) }
                { f("website", "company-website", t.website) }
            </div>
            { f("street", "company-street", t.street) }
            <div class="field-row">
                { f("postal_code", "company-postal-code", t.postal_code) }
                { f("city", "company-city", t.city) }
                <Input form={form.clone()} field="country" id="company-country" label={t.country} errors={e.clone()} hint={t.country_hint} />
            </div>
            <Input form={form.clone()} field="tags" id="company-tags" label={t.tags} errors={e.clone()} hint={t.tags_hint} />
            <TextArea form={form.clone()} field="notes" id="company-notes" label={t.notes} errors={e.clone()} />
            <Checkbox form={form.clone()} field="marketing_consent" id="company-marketing-consent" label={t.marketing_consent} errors={e.clone()} />
            <button type="submit" class="button button-primary" data-testid="company-submit" disabled={*busy}>
                { if props.company.is_some() { t.save } else { t.create } }
            </button>
        </form>
    }
}

/// The list's filters as query pairs.
fn filters(form: &FormValues) -> Vec<(&'static str, String)> {
    ["q", "tag", "country", "marketing_consent", "sort"]
        .iter()
        .map(|k| (*k, form.trimmed(k)))
        .collect()
}

#[function_component]
pub fn Companies() -> Html {
    let t = crm::text();
    let session = use_session();
    let navigator = use_navigator();
    let form = use_reducer(|| FormValues::with(&[("sort", "name")]));
    let applied = use_state(|| filters(&FormValues::with(&[("sort", "name")])));
    let cursor = use_state(|| None::<String>);
    let page = use_state(|| Rc::new(Load::<Page<CompanyView>>::Loading));
    let creating = use_state(|| false);
    let generation = use_state(|| 0_u32);
    let query = {
        let mut pairs = (*applied).clone();
        pairs.push(("limit", "25".into()));
        pairs.push(("cursor", cursor.as_ref().cloned().unwrap_or_default()));
        query_string(&pairs)
    };
    {
        let (page, api) = (page.clone(), session.api.clone());
        use_effect_with((query, *generation), move |(query, _)| {
            let query = query.clone();
            spawn_local(async move {
                page.set(Rc::new(
                    match api::crm::list_companies(&api, &query).await {
                        Ok(list) => Load::Loaded(list),
                        Err(error) => Load::Failed(error),
                    },
                ));
            });
        });
    }
    let onsubmit = {
        let (form, applied, cursor) = (form.clone(), applied.clone(), cursor.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            applied.set(filters(&form));
            cursor.set(None);
        })
    };
    let toggle = {
        let creating = creating.clone();
        Callback::from(move |_| creating.set(!*creating))
    };
    let on_saved = Callback::from(move |company: CompanyView| {
        if let Some(navigator) = &navigator {
            navigator.push(&Route::CrmCompany { id: company.id });
        }
    });
    let export: Fetch = {
        let api = session.api.clone();
        Rc::new(move || {
            let api = api.clone();
            Box::pin(async move { api::crm::export_companies(&api).await })
        })
    };
    let on_imported = {
        let generation = generation.clone();
        Callback::from(move |()| generation.set(generation.wrapping_add(1)))
    };
    let e = FieldErrors::default();

    let row = |c: &CompanyView| {
        html! {
            <tr data-testid="company-row">
                <td data-label={t.name}>
                    <Link<Route> to={Route::CrmCompany { id: c.id }}><span data-testid="company-link">{ &c.name }</span></Link<Route>>
                </td>
                <td data-label={t.vat_number} class="mono">{ c.vat_number.clone().unwrap_or_default() }</td>
                <td data-label={t.city}>{ c.city.clone().unwrap_or_default() }</td>
                <td data-label={t.country}>{ c.country.as_deref().map(i18n::country).unwrap_or_default() }</td>
                <td data-label={t.tags}>{ for c.tags.iter().map(|tag| html! { <span class="badge badge-info">{ tag }</span> }) }</td>
            </tr>
        }
    };
    let list = match &**page {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="companies-error" /> }
        }
        Load::Loaded(list) if list.items.is_empty() => {
            html! { <p class="empty" data-testid="companies-empty">{ t.companies_empty }</p> }
        }
        Load::Loaded(list) => {
            let next = list.next_cursor.clone().map(|next| {
                let cursor = cursor.clone();
                Callback::from(move |_| cursor.set(Some(next.clone())))
            });
            let first = cursor.is_some().then(|| {
                let cursor = cursor.clone();
                Callback::from(move |_| cursor.set(None))
            });
            html! {
                <>
                    <div class="table-wrap">
                        <table class="table" data-testid="companies-table">
                            <caption class="visually-hidden">{ t.companies_title }</caption>
                            <thead><tr>
                                <th scope="col">{ t.name }</th>
                                <th scope="col">{ t.vat_number }</th>
                                <th scope="col">{ t.city }</th>
                                <th scope="col">{ t.country }</th>
                                <th scope="col">{ t.tags }</th>
                            </tr></thead>
                            <tbody>{ for list.items.iter().map(row) }</tbody>
                        </table>
                    </div>
                    <div class="button-row">
                        if let Some(first) = first {
                            <button type="button" class="button button-secondary button-small" data-testid="companies-first" onclick={first}>{ t.first_page }</button>
                        }
                        if let Some(next) = next {
                            <button type="button" class="button button-secondary button-small" data-testid="companies-next" onclick={next}>{ t.next_page }</button>
                        }
                    </div>
                </>
            }
        }
    };

    html! {
        <section>
            <div class="page-header">
                <h1>{ t.companies_title }</h1>
                <div class="button-row">
                    <button type="button" class="button button-primary" data-testid="company-new" onclick={toggle}>
                        { if *creating { t.cancel } else { t.new_company } }
                    </button>
                    <DownloadButton label={t.export_csv} href="/api/v1/companies/export" file_name="companies.csv"
                        media_type="text/csv" fetch={export} testid="companies-export" />
                </div>
            </div>
            if *creating {
                <article class="card">
                    <h2>{ t.new_company }</h2>
                    <CompanyForm on_saved={on_saved} />
                </article>
            }
            <article class="card">
                <form class="form" role="search" {onsubmit} data-testid="companies-filters">
                    <div class="field-row">
                        <Input form={form.clone()} field="q" id="companies-search" label={t.search} errors={e.clone()} hint={t.search_companies_hint} />
                        <Input form={form.clone()} field="tag" id="companies-tag" label={t.filter_tag} errors={e.clone()} />
                        <Input form={form.clone()} field="country" id="companies-country" label={t.filter_country} errors={e.clone()} />
                    </div>
                    <div class="field-row">
                        <Select form={form.clone()} field="marketing_consent" id="companies-consent" label={t.filter_consent} errors={e.clone()} options={t.consent_filters} />
                        <Select form={form.clone()} field="sort" id="companies-sort" label={t.sort_by} errors={e.clone()} options={t.company_sorts} />
                    </div>
                    <button type="submit" class="button button-secondary" data-testid="companies-apply">{ t.apply }</button>
                </form>
            </article>
            <article class="card">{ list }</article>
            <CsvImport resource="companies" on_imported={on_imported} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub id: Uuid,
}

#[function_component]
pub fn CompanyDetail(props: &DetailProps) -> Html {
    let t = crm::text();
    let session = use_session();
    let navigator = use_navigator();
    let company = use_state(|| Rc::new(Load::<CompanyView>::Loading));
    let people = use_state(|| None::<Page<ContactView>>);
    let deals = use_state(|| None::<Page<DealView>>);
    let delete_failure = use_state(|| None::<ApiError>);
    {
        let (company, people, deals, api) = (
            company.clone(),
            people.clone(),
            deals.clone(),
            session.api.clone(),
        );
        use_effect_with(props.id, move |id| {
            let id = *id;
            spawn_local(async move {
                company.set(Rc::new(match api::crm::get_company(&api, id).await {
                    Ok(c) => Load::Loaded(c),
                    Err(error) => Load::Failed(error),
                }));
                people.set(
                    api::crm::list_contacts(&api, &query_string(&[("company_id", id.to_string())]))
                        .await
                        .ok(),
                );
                deals.set(
                    api::crm::list_deals(&api, &query_string(&[("company_id", id.to_string())]))
                        .await
                        .ok(),
                );
            });
        });
    }
    let delete = {
        let (session, navigator, failure, id) = (
            session.clone(),
            navigator.clone(),
            delete_failure.clone(),
            props.id,
        );
        Callback::from(move |unlink: bool| {
            let (session, navigator, failure) =
                (session.clone(), navigator.clone(), failure.clone());
            spawn_local(async move {
                match api::crm::delete_company(&session.api, id, unlink).await {
                    Ok(()) => {
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::CrmCompanies);
                        }
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let on_saved = {
        let company = company.clone();
        Callback::from(move |saved: CompanyView| company.set(Rc::new(Load::Loaded(saved))))
    };
    let body = match &**company {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="company-error" /> }
        }
        Load::Loaded(c) => {
            let in_use = delete_failure.as_ref().and_then(ApiError::code) == Some("company_in_use");
            let (plain, unlink) = (delete.clone(), delete.clone());
            html! {
                <>
                    <div class="page-header">
                        <h1 data-testid="company-detail-name">{ &c.name }</h1>
                        <div class="button-row">
                            <ConfirmButton label={t.delete} danger=true testid="company-delete"
                                question={i18n::fill(t.delete_company_question, &[("name", &c.name)])}
                                on_confirm={Callback::from(move |()| plain.emit(false))} />
                        </div>
                    </div>
                    if let Some(error) = &*delete_failure {
                        <ErrorAlert error={error.clone()} testid="company-delete-error" />
                        if in_use {
                            <ConfirmButton label={t.delete_and_unlink} danger=true testid="company-delete-unlink"
                                question={i18n::fill(t.delete_and_unlink_question, &[("name", &c.name)])}
                                on_confirm={Callback::from(move |()| unlink.emit(true))} />
                        }
                    }
                    <article class="card" data-testid="company-detail">
                        <dl class="stats stats-columns">
                            <div class="stat"><dt>{ t.vat_number }</dt><dd data-testid="company-detail-vat">{ c.vat_number.clone().unwrap_or_default() }</dd></div>
                            <div class="stat"><dt>{ t.email }</dt><dd>{ c.email.clone().unwrap_or_default() }</dd></div>
                            <div class="stat"><dt>{ t.phone }</dt><dd>{ c.phone.clone().unwrap_or_default() }</dd></div>
                            <div class="stat"><dt>{ t.city }</dt><dd>{ format!("{} {}", c.postal_code.clone().unwrap_or_default(), c.city.clone().unwrap_or_default()) }</dd></div>
                            <div class="stat"><dt>{ t.tags }</dt><dd>{ c.tags.join(", ") }</dd></div>
                            <div class="stat"><dt>{ t.updated }</dt><dd>{ i18n::date_time(&c.updated_at) }</dd></div>
                        </dl>
                    </article>
                    if let Some(people) = &*people {
                        <article class="card">
                            <h2>{ t.company_people }</h2>
                            <ul data-testid="company-people">
                                { for people.items.iter().map(|p| html! {
                                    <li><Link<Route> to={Route::CrmContact { id: p.id }}>{ format!("{} {}", p.first_name, p.last_name) }</Link<Route>></li>
                                }) }
                            </ul>
                        </article>
                    }
                    if let Some(deals) = deals.as_ref().filter(|d| !d.items.is_empty()) {
                        <article class="card">
                            <h2>{ t.deals_title }</h2>
                            <ul data-testid="company-deals">
                                { for deals.items.iter().map(|d| html! {
                                    <li>
                                        <Link<Route> to={Route::CrmDeal { id: d.id }}>{ &d.title }</Link<Route>>
                                        { " " }<span class="muted small">{ format!("{} · {}", crm::stage(&d.stage), i18n::money(&d.value)) }</span>
                                    </li>
                                }) }
                            </ul>
                        </article>
                    }
                    <article class="card">
                        <h2>{ t.edit }</h2>
                        <CompanyForm key={c.id.to_string()} company={Some(c.clone())} {on_saved} />
                    </article>
                </>
            }
        }
    };
    html! {
        <section>
            <p><Link<Route> to={Route::CrmCompanies}>{ t.back_to_companies }</Link<Route>></p>
            { body }
        </section>
    }
}
