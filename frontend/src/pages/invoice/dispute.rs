//! Disputing an invoice, within 7 calendar days of its date, quoting its
//! number and giving reasons (terms art. 10). The form is offered while the
//! browser's calendar says the window is open; the server decides, and its
//! refusal (`dispute_window_closed`, `dispute_refused`, `already_disputed`)
//! is shown in the form.

use chrono::NaiveDate;
use ecom_types::billing::{DisputeRequest, DisputeView};
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{invoices, ApiError};
use crate::components::{Alert, AlertKind, ErrorAlert, Input, TextArea};
use crate::hooks::use_session;
use crate::i18n;
use crate::state::form::{FieldErrors, FormValues};

const FIELDS: &[&str] = &["invoice_number", "reasons"];

#[derive(Properties, PartialEq)]
pub struct DisputeFormProps {
    pub invoice_id: Uuid,
    /// Prefilled: the dispute must quote it.
    pub invoice_number: AttrValue,
    /// The last day of the window, as the browser computes it.
    pub last_day: NaiveDate,
}

fn lodged(dispute: &DisputeView) -> Html {
    let text = i18n::text();
    html! {
        <>
            <Alert kind={AlertKind::Success} testid="dispute-done">
                { i18n::fill(text.dispute_done, &[("number", &dispute.invoice_number)]) }
            </Alert>
            <dl class="stats stats-columns">
                <div class="stat"><dt>{ text.dispute_invoice_number }</dt>
                    <dd data-testid="dispute-lodged-invoice-number">{ &dispute.invoice_number }</dd></div>
                <div class="stat"><dt>{ text.dispute_lodged_at }</dt>
                    <dd><time datetime={dispute.lodged_at.to_rfc3339()} data-testid="dispute-lodged-at">
                        { i18n::date_time(&dispute.lodged_at) }
                    </time></dd></div>
            </dl>
            <h3>{ text.dispute_reasons }</h3>
            <p class="pre-wrap" data-testid="dispute-lodged-reasons">{ &dispute.reasons }</p>
        </>
    }
}

#[function_component]
pub fn DisputeForm(props: &DisputeFormProps) -> Html {
    let text = i18n::text();
    let session = use_session();
    let form = use_reducer({
        let number = props.invoice_number.to_string();
        move || FormValues::with(&[("invoice_number", number.as_str())])
    });
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let dispute = use_state(|| None::<DisputeView>);

    let onsubmit = {
        let form = form.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let busy = busy.clone();
        let dispute = dispute.clone();
        let session = session.clone();
        let id = props.invoice_id;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request = DisputeRequest {
                invoice_number: form.trimmed("invoice_number"),
                reasons: form.trimmed("reasons"),
            };
            let mut missing = FieldErrors::default();
            if request.invoice_number.is_empty() {
                missing.add("invoice_number", text.dispute_number_required);
            }
            if request.reasons.is_empty() {
                missing.add("reasons", text.dispute_reasons_required);
            }
            if !missing.is_empty() {
                errors.set(missing);
                failure.set(None);
                return;
            }
            let errors = errors.clone();
            let failure = failure.clone();
            let busy = busy.clone();
            let dispute = dispute.clone();
            let session = session.clone();
            busy.set(true);
            spawn_local(async move {
                match invoices::dispute(&session.api, id, &request).await {
                    Ok(lodged) => {
                        errors.set(FieldErrors::default());
                        failure.set(None);
                        dispute.set(Some(lodged));
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

    let e = (*errors).clone();
    html! {
        <article class="card" data-testid="dispute">
            <h2>{ text.dispute_title }</h2>
            if let Some(done) = &*dispute {
                { lodged(done) }
            } else {
                <p>{ text.dispute_lead }</p>
                <p>
                    { text.dispute_last_day }{ ": " }
                    <strong><time datetime={props.last_day.to_string()} data-testid="dispute-last-day">
                        { i18n::day(&props.last_day) }
                    </time></strong>
                </p>
                if let Some(error) = &*failure {
                    <ErrorAlert error={error.clone()} extra={e.not_in(FIELDS)} testid="dispute-error" />
                }
                <form class="form" novalidate=true {onsubmit} data-testid="dispute-form">
                    <Input form={form.clone()} field="invoice_number" id="dispute-invoice-number"
                        label={text.dispute_invoice_number} errors={e.clone()} required=true
                        hint={text.dispute_invoice_number_hint} />
                    <TextArea form={form.clone()} field="reasons" id="dispute-reasons"
                        label={text.dispute_reasons} errors={e.clone()} required=true rows={5} />
                    <button type="submit" class="button" data-testid="dispute-submit" disabled={*busy}>
                        { text.dispute_submit }
                    </button>
                </form>
            }
        </article>
    }
}
