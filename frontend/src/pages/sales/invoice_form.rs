//! `/sales-invoices/new` and `/sales-invoices/:id/edit`: a draft's customer and lines.

use ecom_types::sales::SalesInvoiceInput;
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
pub struct SalesInvoiceFormProps {
    #[prop_or_default]
    pub id: Option<Uuid>,
}

const SHOWN: &[&str] = &["company_id", "contact_id", "notes", "lines"];

#[function_component]
pub fn SalesInvoiceForm(props: &SalesInvoiceFormProps) -> Html {
    let text = sales::text();
    let session = use_session();
    let navigator = use_navigator();
    let companies = use_state(Vec::<CustomerOption>::new);
    let contacts = use_state(Vec::<CustomerOption>::new);
    let company = use_state(String::new);
    let contact = use_state(String::new);
    let notes = use_state(String::new);
    let lines = use_state(|| vec![LineDraft::empty()]);
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    {
        let (api, id) = (session.api.clone(), props.id);
        let (companies, contacts, company, contact, notes, lines, failure) = (
            companies.clone(),
            contacts.clone(),
            company.clone(),
            contact.clone(),
            notes.clone(),
            lines.clone(),
            failure.clone(),
        );
        use_effect_with(id, move |_| {
            spawn_local(async move {
                let (cs, ps) = api::sales::customers(&api).await;
                companies.set(cs);
                contacts.set(ps);
                if let Some(id) = id {
                    match api::sales::invoice(&api, id).await {
                        Ok(i) => {
                            company.set(
                                i.summary
                                    .company_id
                                    .map(|c| c.to_string())
                                    .unwrap_or_default(),
                            );
                            contact.set(
                                i.summary
                                    .contact_id
                                    .map(|c| c.to_string())
                                    .unwrap_or_default(),
                            );
                            notes.set(i.notes.clone().unwrap_or_default());
                            lines.set(i.lines.iter().map(LineDraft::from_view).collect());
                        }
                        Err(error) => failure.set(Some(error)),
                    }
                }
            });
        });
    }
    let onsubmit = {
        let (session, navigator, id) = (session.clone(), navigator.clone(), props.id);
        let (company, contact, notes, lines, errors, failure, busy) = (
            company.clone(),
            contact.clone(),
            notes.clone(),
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
            let body = SalesInvoiceInput {
                company_id: id_of(&company),
                contact_id: id_of(&contact),
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
                    Some(id) => api::sales::update_invoice(&session.api, id, &body).await,
                    None => api::sales::create_invoice(&session.api, &body).await,
                };
                match saved {
                    Ok(i) => {
                        if let Some(nav) = navigator {
                            nav.push(&Route::SalesInvoice { id: i.summary.id });
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
    let on_notes = {
        let notes = notes.clone();
        Callback::from(move |e: InputEvent| {
            let i: web_sys::HtmlInputElement = e.target_unchecked_into();
            notes.set(i.value());
        })
    };
    let e = (*errors).clone();
    html! {
        <section>
            <h1>{ if props.id.is_some() { text.edit_invoice } else { text.new_invoice } }</h1>
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} extra={e.not_in(SHOWN).into_iter().filter(|m| !m.starts_with("lines[")).collect::<Vec<_>>()} />
            }
            <form class="form card" novalidate=true {onsubmit} data-testid="sales-invoice-form">
                <CustomerPicker companies={(*companies).clone()} contacts={(*contacts).clone()} company={company.clone()} contact={contact.clone()} errors={e.clone()} prefix="sales-invoice" />
                <LineEditor lines={lines.clone()} errors={e.clone()} />
                <div class={classes!("field", e.get("notes").is_some().then_some("has-error"))}>
                    <label for="sales-invoice-notes">{ text.notes }</label>
                    <input id="sales-invoice-notes" data-testid="sales-invoice-notes" value={(*notes).clone()} oninput={on_notes} />
                    if let Some(error) = e.get("notes") { <p class="field-error">{ error }</p> }
                </div>
                <button type="submit" class="button button-primary" data-testid="sales-invoice-save" disabled={*busy}>{ text.save }</button>
            </form>
        </section>
    }
}
