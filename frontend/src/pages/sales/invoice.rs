//! `/sales-invoices/:id`: a sales invoice with its actions — edit, delete and
//! issue a draft; PDF and UBL, payments, a credit note and reminders once issued.

use std::rc::Rc;
use std::str::FromStr;

use ecom_types::sales::{SalesCreditNoteInput, SalesInvoiceView, SalesPaymentInput};
use rust_decimal::Decimal;
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{ConfirmButton, DownloadButton, ErrorAlert, Fetch, Loading};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n::{self, sales};
use crate::routes::Route;
use crate::state::form::FieldErrors;

use super::lines::{badge, lines_table};

#[derive(Properties, PartialEq)]
pub struct SalesInvoiceProps {
    pub id: Uuid,
}

fn field(
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    state: &UseStateHandle<String>,
    error: Option<String>,
) -> Html {
    let s = state.clone();
    let oninput = Callback::from(move |e: InputEvent| {
        let i: web_sys::HtmlInputElement = e.target_unchecked_into();
        s.set(i.value());
    });
    html! {
        <div class={classes!("field", error.is_some().then_some("has-error"))}>
            <label for={id}>{ label }</label>
            <input id={id} data-testid={id} type={kind} value={(**state).clone()} {oninput} aria-invalid={error.is_some().then_some("true")} />
            if let Some(error) = error { <p class="field-error" data-testid={format!("{id}-error")}>{ error }</p> }
        </div>
    }
}

#[function_component]
pub fn SalesInvoice(props: &SalesInvoiceProps) -> Html {
    let text = sales::text();
    let session = use_session();
    let navigator = use_navigator();
    let id = props.id;
    let (invoice, reload) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::sales::invoice(&api, id).await }
        })
    };
    let failure = use_state(|| None::<ApiError>);
    let amount = use_state(String::new);
    let received_on = use_state(String::new);
    let reference = use_state(String::new);
    let pay_errors = use_state(FieldErrors::default);
    let reason = use_state(String::new);
    let credit_errors = use_state(FieldErrors::default);

    // One action at a time: a second click while a payment, credit note or
    // issue is on its way is ignored (`running` is read at the click, not at
    // the last render), and the buttons show it.
    let running = use_mut_ref(|| false);
    let busy = use_state(|| false);
    // Runs an action that answers the new invoice view.
    let act = {
        let (reload, failure, running, busy) = (
            reload.clone(),
            failure.clone(),
            running.clone(),
            busy.clone(),
        );
        move |work: std::pin::Pin<
            Box<dyn std::future::Future<Output = Result<SalesInvoiceView, ApiError>>>,
        >,
              errors: Option<UseStateHandle<FieldErrors>>| {
            if running.replace(true) {
                return;
            }
            busy.set(true);
            let (reload, failure, running, busy) = (
                reload.clone(),
                failure.clone(),
                running.clone(),
                busy.clone(),
            );
            spawn_local(async move {
                let outcome = work.await;
                *running.borrow_mut() = false;
                busy.set(false);
                match outcome {
                    Ok(_) => {
                        failure.set(None);
                        if let Some(e) = &errors {
                            e.set(FieldErrors::default());
                        }
                        reload.emit(());
                    }
                    Err(error) => {
                        if let Some(e) = &errors {
                            e.set(FieldErrors::from_problem(error.field_errors()));
                        }
                        failure.set(Some(error));
                    }
                }
            });
        }
    };
    let issue = {
        let (api, act) = (session.api.clone(), act.clone());
        Callback::from(move |()| {
            let api = api.clone();
            act(
                Box::pin(async move { api::sales::issue_invoice(&api, id).await }),
                None,
            );
        })
    };
    let remind = {
        let (api, act) = (session.api.clone(), act.clone());
        Callback::from(move |()| {
            let api = api.clone();
            act(
                Box::pin(async move { api::sales::remind_invoice(&api, id).await }),
                None,
            );
        })
    };
    let delete = {
        let (session, navigator, failure) = (session.clone(), navigator.clone(), failure.clone());
        Callback::from(move |()| {
            let (session, navigator, failure) =
                (session.clone(), navigator.clone(), failure.clone());
            spawn_local(async move {
                match api::sales::delete_invoice(&session.api, id).await {
                    Ok(()) => {
                        if let Some(nav) = navigator {
                            nav.push(&Route::SalesInvoices);
                        }
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let on_pay = {
        let (api, act, amount, received_on, reference, pay_errors) = (
            session.api.clone(),
            act.clone(),
            amount.clone(),
            received_on.clone(),
            reference.clone(),
            pay_errors.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Ok(value) = Decimal::from_str(amount.trim().replace(',', ".").as_str()) else {
                let mut local = FieldErrors::default();
                local.add("amount", sales::text().invalid_number);
                pay_errors.set(local);
                return;
            };
            let body = SalesPaymentInput {
                amount: value,
                received_on: received_on.trim().parse().ok(),
                reference: Some(reference.trim().to_owned()).filter(|r| !r.is_empty()),
            };
            let api = api.clone();
            amount.set(String::new());
            act(
                Box::pin(async move { api::sales::pay_invoice(&api, id, &body).await }),
                Some(pay_errors.clone()),
            );
        })
    };
    let on_credit = {
        let (api, act, reason, credit_errors) = (
            session.api.clone(),
            act.clone(),
            reason.clone(),
            credit_errors.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = SalesCreditNoteInput {
                reason: reason.trim().to_owned(),
                lines: None,
            };
            let api = api.clone();
            act(
                Box::pin(async move { api::sales::credit_invoice(&api, id, &body).await }),
                Some(credit_errors.clone()),
            );
        })
    };

    let body = match &*invoice {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="sales-invoice-error" /> }
        }
        Load::Loaded(i) => {
            let status = i.summary.status.as_str();
            let issued = status != "draft";
            let number = i
                .summary
                .number
                .clone()
                .unwrap_or_else(|| text.status_draft.to_owned());
            let download = |kind: &'static str| -> Fetch {
                let api = session.api.clone();
                Rc::new(move || {
                    let api = api.clone();
                    Box::pin(async move { api::sales::invoice_file(&api, id, kind).await })
                })
            };
            html! {
                <>
                    <h1 data-testid="sales-invoice-number">{ &number }{ " " }{ badge(status) }</h1>
                    <article class="card">
                        <dl class="facts">
                            <dt>{ text.customer }</dt><dd data-testid="sales-invoice-customer">{ &i.customer.name }</dd>
                            if let Some(d) = &i.summary.issue_date { <dt>{ text.issue_date }</dt><dd>{ i18n::day(d) }</dd> }
                            if let Some(d) = &i.summary.due_date { <dt>{ text.due_date }</dt><dd data-testid="sales-invoice-due">{ i18n::day(d) }</dd> }
                            if let Some(c) = &i.structured_communication { <dt>{ text.structured_communication }</dt><dd data-testid="sales-invoice-communication">{ c }</dd> }
                            if let Some(q) = i.summary.quotation_id {
                                <dt>{ text.nav_quotations }</dt><dd><Link<Route> to={Route::Quotation { id: q }}><span data-testid="sales-invoice-quotation">{ text.nav_quotations }</span></Link<Route>></dd>
                            }
                            if let Some(n) = &i.notes { <dt>{ text.notes }</dt><dd>{ n }</dd> }
                        </dl>
                        { lines_table(&i.lines, &i.totals) }
                        if let Some(b) = &i.balance {
                            <h2>{ text.balance_title }</h2>
                            <dl class="totals sales-totals" data-testid="sales-invoice-balance">
                                <dt>{ text.principal }</dt><dd>{ i18n::money(&b.principal) }</dd>
                                <dt>{ text.interest }</dt><dd>{ i18n::money(&b.interest) }</dd>
                                <dt>{ text.compensation }</dt><dd>{ i18n::money(&b.compensation) }</dd>
                                <dt>{ text.total }</dt><dd data-testid="sales-invoice-balance-total">{ i18n::money(&b.total) }</dd>
                            </dl>
                        }
                    </article>
                    <div class="actions" data-testid="sales-invoice-actions">
                        if !issued {
                            <Link<Route> to={Route::SalesInvoiceEdit { id }} classes="button button-secondary"><span data-testid="sales-invoice-edit">{ text.edit }</span></Link<Route>>
                            <ConfirmButton label={text.delete} question={text.delete_question} danger=true testid="sales-invoice-delete" on_confirm={delete} />
                            <ConfirmButton label={text.issue} question={text.issue_question} testid="sales-invoice-issue" on_confirm={issue} />
                        } else {
                            <DownloadButton label={text.download_pdf} href={format!("/api/v1/sales-invoices/{id}/pdf")} file_name={format!("{number}.pdf")}
                                media_type="application/pdf" fetch={download("pdf")} testid="sales-invoice-pdf" />
                            <DownloadButton label={text.download_ubl} href={format!("/api/v1/sales-invoices/{id}/ubl")} file_name={format!("{number}.xml")}
                                media_type="application/xml" fetch={download("ubl")} testid="sales-invoice-ubl" />
                        }
                        if status == "overdue" {
                            <ConfirmButton label={text.reminder_send} question={text.reminder_question} testid="sales-invoice-remind" on_confirm={remind} />
                        }
                    </div>
                    if status == "open" || status == "overdue" {
                        <article class="card">
                            <h2>{ text.payment_title }</h2>
                            <form class="form" novalidate=true onsubmit={on_pay.clone()} data-testid="sales-payment-form">
                                <div class="field-row">
                                    { field("sales-payment-amount", text.amount, "text", &amount, pay_errors.get("amount")) }
                                    { field("sales-payment-date", text.received_on, "date", &received_on, pay_errors.get("received_on")) }
                                    { field("sales-payment-reference", text.reference, "text", &reference, pay_errors.get("reference")) }
                                </div>
                                <button type="submit" class="button button-primary" data-testid="sales-payment-submit" disabled={*busy}>{ text.register_payment }</button>
                            </form>
                        </article>
                    }
                    if issued && status != "credited" {
                        <article class="card">
                            <h2>{ text.credit_title }</h2>
                            <form class="form" novalidate=true onsubmit={on_credit.clone()} data-testid="sales-credit-form">
                                { field("sales-credit-reason", text.credit_reason, "text", &reason, credit_errors.get("reason")) }
                                <button type="submit" class="button button-secondary" data-testid="sales-credit-submit" disabled={*busy}>{ text.credit_full }</button>
                            </form>
                        </article>
                    }
                    if !i.payments.is_empty() {
                        <article class="card" data-testid="sales-invoice-payments">
                            <h2>{ text.payments_title }</h2>
                            <ul>{ for i.payments.iter().map(|p| html! {
                                <li>{ format!("{} — {} {}", i18n::day(&p.received_on), i18n::money(&p.amount), p.reference.clone().unwrap_or_default()) }</li>
                            }) }</ul>
                        </article>
                    }
                    if !i.credit_notes.is_empty() {
                        <article class="card" data-testid="sales-invoice-credit-notes">
                            <h2>{ text.credit_notes_title }</h2>
                            <ul>{ for i.credit_notes.iter().map(|c| html! {
                                <li>{ format!("{} — {} — {} ({})", c.number, i18n::day(&c.issue_date), i18n::money(&c.total_incl_vat), c.reason) }</li>
                            }) }</ul>
                        </article>
                    }
                    if !i.reminders.is_empty() {
                        <article class="card" data-testid="sales-invoice-reminders">
                            <h2>{ text.reminders_title }</h2>
                            <ul>{ for i.reminders.iter().map(|r| html! {
                                <li>{ format!("{} — {} ({} {}, {} {})", i18n::day(&r.sent_on), i18n::money(&r.total), text.interest, i18n::money(&r.interest), text.compensation, i18n::money(&r.compensation)) }</li>
                            }) }</ul>
                        </article>
                    }
                </>
            }
        }
    };
    html! {
        <section>
            <p><Link<Route> to={Route::SalesInvoices}>{ text.back }</Link<Route>></p>
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} testid="sales-invoice-action-error" />
            }
            { body }
        </section>
    }
}
