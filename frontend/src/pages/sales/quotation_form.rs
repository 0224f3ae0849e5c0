//! `/quotations/new` and `/quotations/:id/edit`: customer, validity, lines.

use chrono::{Duration, Utc};
use ecom_types::sales::QuotationInput;
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, sales::CustomerOption, ApiError};
use crate::components::ErrorAlert;
use crate::hooks::use_session;
use crate::i18n::sales;
use crate::routes::Route;
use crate::state::form::FieldErrors;

use super::lines::{id_of, to_input, CustomerPicker, LineDraft, LineEditor};

#[derive(Properties, PartialEq)]
pub struct QuotationFormProps {
    #[prop_or_default]
    pub id: Option<Uuid>,
}

const SHOWN: &[&str] = &[
    "company_id",
    "contact_id",
    "title",
    "valid_until",
    "notes",
    "lines",
];

#[function_component]
pub fn QuotationForm(props: &QuotationFormProps) -> Html {
    let text = sales::text();
    let session = use_session();
    let navigator = use_navigator();
    let companies = use_state(Vec::<CustomerOption>::new);
    let contacts = use_state(Vec::<CustomerOption>::new);
    let company = use_state(String::new);
    let contact = use_state(String::new);
    let title = use_state(String::new);
    let notes = use_state(String::new);
    let valid_until = use_state(|| (Utc::now() + Duration::days(30)).date_naive().to_string());
    let lines = use_state(|| vec![LineDraft::empty()]);
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);

    {
        let (api, id) = (session.api.clone(), props.id);
        let (companies, contacts) = (companies.clone(), contacts.clone());
        let (company, contact, title, notes, valid_until, lines, failure) = (
            company.clone(),
            contact.clone(),
            title.clone(),
            notes.clone(),
            valid_until.clone(),
            lines.clone(),
            failure.clone(),
        );
        use_effect_with(id, move |_| {
            spawn_local(async move {
                let (cs, ps) = api::sales::customers(&api).await;
                companies.set(cs);
                contacts.set(ps);
                if let Some(id) = id {
                    match api::sales::quotation(&api, id).await {
                        Ok(q) => {
                            company.set(
                                q.summary
                                    .company_id
                                    .map(|c| c.to_string())
                                    .unwrap_or_default(),
                            );
                            contact.set(
                                q.summary
                                    .contact_id
                                    .map(|c| c.to_string())
                                    .unwrap_or_default(),
                            );
                            title.set(q.summary.title.clone().unwrap_or_default());
                            notes.set(q.notes.clone().unwrap_or_default());
                            valid_until.set(q.summary.valid_until.to_string());
                            lines.set(q.lines.iter().map(LineDraft::from_view).collect());
                        }
                        Err(error) => failure.set(Some(error)),
                    }
                }
            });
        });
    }

    let onsubmit = {
        let (session, navigator, id) = (session.clone(), navigator.clone(), props.id);
        let (company, contact, title, notes, valid_until, lines, errors, failure, busy) = (
            company.clone(),
            contact.clone(),
            title.clone(),
            notes.clone(),
            valid_until.clone(),
            lines.clone(),
            errors.clone(),
            failure.clone(),
            busy.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = match to_input(&lines) {
                Ok(l) => l,
                Err(local) => {
                    errors.set(local);
                    return;
                }
            };
            let Ok(valid) = valid_until.parse() else {
                let mut local = FieldErrors::default();
                local.add("valid_until", text.invalid_number);
                errors.set(local);
                return;
            };
            let body = QuotationInput {
                company_id: id_of(&company),
                contact_id: id_of(&contact),
                title: Some(title.trim().to_owned()).filter(|t| !t.is_empty()),
                valid_until: valid,
                notes: Some(notes.trim().to_owned()).filter(|t| !t.is_empty()),
                lines: typed,
            };
            let (session, navigator, errors, failure, busy) = (
                session.clone(),
                navigator.clone(),
                errors.clone(),
                failure.clone(),
                busy.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                let saved = match id {
                    Some(id) => api::sales::update_quotation(&session.api, id, &body).await,
                    None => api::sales::create_quotation(&session.api, &body).await,
                };
                match saved {
                    Ok(q) => {
                        if let Some(nav) = navigator {
                            nav.push(&Route::Quotation { id: q.summary.id });
                        }
                    }
                    Err(error) => {
                        errors.set(FieldErrors::from_problem(error.field_errors()));
                        failure.set(Some(error));
                    }
                }
                busy.set(false);
            });
        })
    };
    let text_input = |id: &'static str,
                      field: &'static str,
                      label: &'static str,
                      state: &UseStateHandle<String>,
                      kind: &'static str| {
        let error = errors.get(field);
        let state2 = state.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let i: web_sys::HtmlInputElement = e.target_unchecked_into();
            state2.set(i.value());
        });
        html! {
            <div class={classes!("field", error.is_some().then_some("has-error"))}>
                <label for={id}>{ label }</label>
                <input id={id} data-testid={id} type={kind} value={(**state).clone()} {oninput} aria-invalid={error.is_some().then_some("true")} />
                if let Some(error) = error { <p class="field-error" data-testid={format!("{id}-error")}>{ error }</p> }
            </div>
        }
    };
    let e = (*errors).clone();
    html! {
        <section>
            <h1>{ if props.id.is_some() { text.edit_quotation } else { text.new_quotation } }</h1>
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} extra={e.not_in(SHOWN).into_iter().filter(|m| !m.starts_with("lines[")).collect::<Vec<_>>()} />
            }
            <form class="form card" novalidate=true {onsubmit} data-testid="quotation-form">
                <CustomerPicker companies={(*companies).clone()} contacts={(*contacts).clone()} company={company.clone()} contact={contact.clone()} errors={e.clone()} prefix="quotation" />
                <div class="field-row">
                    { text_input("quotation-title", "title", text.title, &title, "text") }
                    { text_input("quotation-valid-until", "valid_until", text.valid_until, &valid_until, "date") }
                </div>
                <LineEditor lines={lines.clone()} errors={e.clone()} />
                { text_input("quotation-notes", "notes", text.notes, &notes, "text") }
                <button type="submit" class="button button-primary" data-testid="quotation-save" disabled={*busy}>{ text.save }</button>
            </form>
        </section>
    }
}
