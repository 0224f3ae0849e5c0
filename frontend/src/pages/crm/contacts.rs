//! `/crm/contacts` (search, filters, sorting, pages, a new contact) and
//! `/crm/contacts/:id` (details, edit, delete).

use std::rc::Rc;

use ecom_types::crm::{ContactView, DealView};
use ecom_types::page::Page;
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use super::{contact_form, contact_request, query_string, Choice, CsvImport};
use crate::api::{self, Api, ApiError};
use crate::components::{
    Alert, AlertKind, Checkbox, ConfirmButton, DownloadButton, ErrorAlert, Fetch, Input, Loading,
    Select, TextArea,
};
use crate::hooks::{use_session, Load};
use crate::i18n::{self, crm};
use crate::routes::Route;
use crate::state::form::{FieldErrors, FormValues};

const FIELDS: &[&str] = &[
    "first_name",
    "last_name",
    "company_id",
    "email",
    "phone",
    "mobile",
    "job_title",
    "street",
    "postal_code",
    "city",
    "country",
    "language",
    "tags",
    "notes",
    "marketing_consent",
];

/// The account's companies as select options, with "none" first.
pub async fn company_options(api: &Api, none: &str) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), none.to_owned())];
    if let Ok(page) = api::crm::list_companies(api, "?limit=200&sort=name").await {
        options.extend(page.items.into_iter().map(|c| (c.id.to_string(), c.name)));
    }
    options
}

#[derive(Properties, PartialEq)]
pub struct ContactFormProps {
    #[prop_or_default]
    pub contact: Option<ContactView>,
    pub on_saved: Callback<ContactView>,
}

/// The contact form: create or edit, with the company chosen from the
/// account's companies and the API's field errors inline.
#[function_component]
pub fn ContactForm(props: &ContactFormProps) -> Html {
    let t = crm::text();
    let session = use_session();
    let initial = props.contact.clone();
    let form = use_reducer(move || initial.as_ref().map(contact_form).unwrap_or_default());
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let saved = use_state(|| false);
    let companies = use_state(Vec::<(String, String)>::new);
    {
        let (companies, api) = (companies.clone(), session.api.clone());
        use_effect_with((), move |()| {
            spawn_local(async move { companies.set(company_options(&api, t.no_company).await) });
        });
    }
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
            props.contact.as_ref().map(|c| c.id),
        );
        Callback::from(move |allow_duplicate: bool| {
            let request = contact_request(&form);
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
                        api::crm::update_contact(&session.api, id, &request, allow_duplicate).await
                    }
                    None => api::crm::create_contact(&session.api, &request, allow_duplicate).await,
                };
                busy.set(false);
                match outcome {
                    Ok(contact) => {
                        errors.set(FieldErrors::default());
                        failure.set(None);
                        saved.set(true);
                        on_saved.emit(contact);
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
        <form class="form" novalidate=true {onsubmit} data-testid="contact-form">
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} extra={e.not_in(FIELDS)} testid="contact-form-error" />
                if duplicate {
                    <button type="button" class="button button-secondary" data-testid="contact-save-anyway"
                        onclick={anyway} disabled={*busy}>{ t.create_anyway }</button>
                }
            }
            if *saved && props.contact.is_some() {
                <Alert kind={AlertKind::Success} testid="contact-saved"><p>{ t.saved }</p></Alert>
            }
            <div class="field-row">
                <Input form={form.clone()} field="first_name" id="contact-first-name" label={t.first_name} errors={e.clone()} required=true />
                <Input form={form.clone()} field="last_name" id="contact-last-name" label={t.last_name} errors={e.clone()} required=true />
            </div>
            <div class="field-row">
                <Choice form={form.clone()} field="company_id" id="contact-company" label={t.company} errors={e.clone()} options={(*companies).clone()} />
                { f("job_title", "contact-job-title", t.job_title) }
            </div>
            <div class="field-row">
                { f("email", "contact-email", t.email) }
                { f("phone", "contact-phone", t.phone) }
                { f("mobile", "contact-mobile", t.mobile) }
            </div>
            { f("street", "contact-street", t.street) }
            <div class="field-row">
                { f("postal_code", "contact-postal-code", t.postal_code) }
                { f("city", "contact-city", t.city) }
                <Input form={form.clone()} field="country" id="contact-country" label={t.country} errors={e.clone()} hint={t.country_hint} />
                <Select form={form.clone()} field="language" id="contact-language" label={t.language} errors={e.clone()} options={t.languages} />
            </div>
            <Input form={form.clone()} field="tags" id="contact-tags" label={t.tags} errors={e.clone()} hint={t.tags_hint} />
            <TextArea form={form.clone()} field="notes" id="contact-notes" label={t.notes} errors={e.clone()} />
            <Checkbox form={form.clone()} field="marketing_consent" id="contact-marketing-consent" label={t.marketing_consent} errors={e.clone()} />
            <button type="submit" class="button button-primary" data-testid="contact-submit" disabled={*busy}>
                { if props.contact.is_some() { t.save } else { t.create } }
            </button>
        </form>
    }
}

fn filters(form: &FormValues) -> Vec<(&'static str, String)> {
    [
        "q",
        "tag",
        "company_id",
        "country",
        "marketing_consent",
        "sort",
    ]
    .iter()
    .map(|k| (*k, form.trimmed(k)))
    .collect()
}

#[function_component]
pub fn Contacts() -> Html {
    let t = crm::text();
    let session = use_session();
    let navigator = use_navigator();
    let form = use_reducer(|| FormValues::with(&[("sort", "name")]));
    let applied = use_state(|| filters(&FormValues::with(&[("sort", "name")])));
    let cursor = use_state(|| None::<String>);
    let page = use_state(|| Rc::new(Load::<Page<ContactView>>::Loading));
    let creating = use_state(|| false);
    let generation = use_state(|| 0_u32);
    let companies = use_state(Vec::<(String, String)>::new);
    {
        let (companies, api) = (companies.clone(), session.api.clone());
        use_effect_with((), move |()| {
            spawn_local(async move { companies.set(company_options(&api, t.any).await) });
        });
    }
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
                page.set(Rc::new(match api::crm::list_contacts(&api, &query).await {
                    Ok(list) => Load::Loaded(list),
                    Err(error) => Load::Failed(error),
                }));
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
    let on_saved = Callback::from(move |contact: ContactView| {
        if let Some(navigator) = &navigator {
            navigator.push(&Route::CrmContact { id: contact.id });
        }
    });
    let export: Fetch = {
        let api = session.api.clone();
        Rc::new(move || {
            let api = api.clone();
            Box::pin(async move { api::crm::export_contacts(&api).await })
        })
    };
    let on_imported = {
        let generation = generation.clone();
        Callback::from(move |()| generation.set(generation.wrapping_add(1)))
    };
    let e = FieldErrors::default();
    let row = |c: &ContactView| {
        html! {
            <tr data-testid="contact-row">
                <td data-label={t.name}>
                    <Link<Route> to={Route::CrmContact { id: c.id }}>
                        <span data-testid="contact-link">{ format!("{} {}", c.first_name, c.last_name) }</span>
                    </Link<Route>>
                </td>
                <td data-label={t.company}>
                    if let (Some(id), Some(name)) = (c.company_id, &c.company_name) {
                        <Link<Route> to={Route::CrmCompany { id }}>{ name }</Link<Route>>
                    }
                </td>
                <td data-label={t.email}>{ c.email.clone().unwrap_or_default() }</td>
                <td data-label={t.phone}>{ c.phone.clone().or_else(|| c.mobile.clone()).unwrap_or_default() }</td>
                <td data-label={t.city}>{ c.city.clone().unwrap_or_default() }</td>
            </tr>
        }
    };
    let list = match &**page {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="contacts-error" /> }
        }
        Load::Loaded(list) if list.items.is_empty() => {
            html! { <p class="empty" data-testid="contacts-empty">{ t.contacts_empty }</p> }
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
                        <table class="table" data-testid="contacts-table">
                            <caption class="visually-hidden">{ t.contacts_title }</caption>
                            <thead><tr>
                                <th scope="col">{ t.name }</th>
                                <th scope="col">{ t.company }</th>
                                <th scope="col">{ t.email }</th>
                                <th scope="col">{ t.phone }</th>
                                <th scope="col">{ t.city }</th>
                            </tr></thead>
                            <tbody>{ for list.items.iter().map(row) }</tbody>
                        </table>
                    </div>
                    <div class="button-row">
                        if let Some(first) = first {
                            <button type="button" class="button button-secondary button-small" data-testid="contacts-first" onclick={first}>{ t.first_page }</button>
                        }
                        if let Some(next) = next {
                            <button type="button" class="button button-secondary button-small" data-testid="contacts-next" onclick={next}>{ t.next_page }</button>
                        }
                    </div>
                </>
            }
        }
    };
    html! {
        <section>
            <div class="page-header">
                <h1>{ t.contacts_title }</h1>
                <div class="button-row">
                    <button type="button" class="button button-primary" data-testid="contact-new" onclick={toggle}>
                        { if *creating { t.cancel } else { t.new_contact } }
                    </button>
                    <DownloadButton label={t.export_csv} href="/api/v1/contacts/export" file_name="contacts.csv"
                        media_type="text/csv" fetch={export} testid="contacts-export" />
                </div>
            </div>
            if *creating {
                <article class="card">
                    <h2>{ t.new_contact }</h2>
                    <ContactForm on_saved={on_saved} />
                </article>
            }
            <article class="card">
                <form class="form" role="search" {onsubmit} data-testid="contacts-filters">
                    <div class="field-row">
                        <Input form={form.clone()} field="q" id="contacts-search" label={t.search} errors={e.clone()} hint={t.search_contacts_hint} />
                        <Input form={form.clone()} field="tag" id="contacts-tag" label={t.filter_tag} errors={e.clone()} />
                        <Choice form={form.clone()} field="company_id" id="contacts-company" label={t.filter_company} errors={e.clone()} options={(*companies).clone()} />
                    </div>
                    <div class="field-row">
                        <Input form={form.clone()} field="country" id="contacts-country" label={t.filter_country} errors={e.clone()} />
                        <Select form={form.clone()} field="marketing_consent" id="contacts-consent" label={t.filter_consent} errors={e.clone()} options={t.consent_filters} />
                        <Select form={form.clone()} field="sort" id="contacts-sort" label={t.sort_by} errors={e.clone()} options={t.contact_sorts} />
                    </div>
                    <button type="submit" class="button button-secondary" data-testid="contacts-apply">{ t.apply }</button>
                </form>
            </article>
            <article class="card">{ list }</article>
            <CsvImport resource="contacts" on_imported={on_imported} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct DetailProps {
    pub id: Uuid,
}

#[function_component]
pub fn ContactDetail(props: &DetailProps) -> Html {
    let t = crm::text();
    let session = use_session();
    let navigator = use_navigator();
    let contact = use_state(|| Rc::new(Load::<ContactView>::Loading));
    let deals = use_state(|| None::<Page<DealView>>);
    let delete_failure = use_state(|| None::<ApiError>);
    {
        let (contact, deals, api) = (contact.clone(), deals.clone(), session.api.clone());
        use_effect_with(props.id, move |id| {
            let id = *id;
            spawn_local(async move {
                contact.set(Rc::new(match api::crm::get_contact(&api, id).await {
                    Ok(c) => Load::Loaded(c),
                    Err(error) => Load::Failed(error),
                }));
                deals.set(
                    api::crm::list_deals(&api, &query_string(&[("contact_id", id.to_string())]))
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
        Callback::from(move |()| {
            let (session, navigator, failure) =
                (session.clone(), navigator.clone(), failure.clone());
            spawn_local(async move {
                match api::crm::delete_contact(&session.api, id).await {
                    Ok(()) => {
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::CrmContacts);
                        }
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let on_saved = {
        let contact = contact.clone();
        Callback::from(move |saved: ContactView| contact.set(Rc::new(Load::Loaded(saved))))
    };
    let body = match &**contact {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="contact-error" /> }
        }
        Load::Loaded(c) => {
            let name = format!("{} {}", c.first_name, c.last_name);
            html! {
                <>
                    <div class="page-header">
                        <h1 data-testid="contact-detail-name">{ &name }</h1>
                        <div class="button-row">
                            <ConfirmButton label={t.delete} danger=true testid="contact-delete"
                                question={i18n::fill(t.delete_contact_question, &[("name", &name)])} on_confirm={delete} />
                        </div>
                    </div>
                    if let Some(error) = &*delete_failure {
                        <ErrorAlert error={error.clone()} testid="contact-delete-error" />
                    }
                    <article class="card" data-testid="contact-detail">
                        <dl class="stats stats-columns">
                            <div class="stat"><dt>{ t.company }</dt><dd data-testid="contact-detail-company">
                                if let (Some(id), Some(company)) = (c.company_id, &c.company_name) {
                                    <Link<Route> to={Route::CrmCompany { id }}>{ company }</Link<Route>>
                                }
                            </dd></div>
                            <div class="stat"><dt>{ t.email }</dt><dd>{ c.email.clone().unwrap_or_default() }</dd></div>
                            <div class="stat"><dt>{ t.phone }</dt><dd>{ c.phone.clone().unwrap_or_default() }</dd></div>
                            <div class="stat"><dt>{ t.mobile }</dt><dd>{ c.mobile.clone().unwrap_or_default() }</dd></div>
                            <div class="stat"><dt>{ t.marketing_consent }</dt><dd>{ if c.marketing_consent { t.yes } else { t.no } }</dd></div>
                            <div class="stat"><dt>{ t.updated }</dt><dd>{ i18n::date_time(&c.updated_at) }</dd></div>
                        </dl>
                    </article>
                    if let Some(deals) = deals.as_ref().filter(|d| !d.items.is_empty()) {
                        <article class="card">
                            <h2>{ t.deals_title }</h2>
                            <ul data-testid="contact-deals">
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
                        <ContactForm key={c.id.to_string()} contact={Some(c.clone())} {on_saved} />
                    </article>
                </>
            }
        }
    };
    html! {
        <section>
            <p><Link<Route> to={Route::CrmContacts}>{ t.back_to_contacts }</Link<Route>></p>
            { body }
        </section>
    }
}
