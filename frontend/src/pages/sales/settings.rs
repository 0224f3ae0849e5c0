//! `/invoicing/settings` (Administrator): series, bank account, logo,
//! payment term, late-payment policy and default VAT.

use std::str::FromStr;

use ecom_types::sales::{InvoicingSettingsView, UpdateInvoicingSettings};
use rust_decimal::Decimal;
use wasm_bindgen::JsCast;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{Alert, AlertKind, ErrorAlert};
use crate::hooks::use_session;
use crate::i18n::{self, sales};
use crate::state::form::FieldErrors;

const SHOWN: &[&str] = &[
    "invoice_prefix",
    "quotation_prefix",
    "iban",
    "bic",
    "payment_term_days",
    "late_payment_policy",
    "contractual_rate",
    "default_vat_rate",
    "logo",
];

#[function_component]
pub fn InvoicingSettings() -> Html {
    let text = sales::text();
    let session = use_session();
    let current = use_state(|| None::<InvoicingSettingsView>);
    let invoice_prefix = use_state(String::new);
    let quotation_prefix = use_state(String::new);
    let iban = use_state(String::new);
    let bic = use_state(String::new);
    let term = use_state(String::new);
    let policy = use_state(String::new);
    let rate = use_state(String::new);
    let vat = use_state(String::new);
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let saved = use_state(|| false);
    let fill = {
        let (current, invoice_prefix, quotation_prefix, iban, bic, term, policy, rate, vat) = (
            current.clone(),
            invoice_prefix.clone(),
            quotation_prefix.clone(),
            iban.clone(),
            bic.clone(),
            term.clone(),
            policy.clone(),
            rate.clone(),
            vat.clone(),
        );
        move |s: InvoicingSettingsView| {
            invoice_prefix.set(s.invoice_prefix.clone());
            quotation_prefix.set(s.quotation_prefix.clone());
            iban.set(s.iban.clone().unwrap_or_default());
            bic.set(s.bic.clone().unwrap_or_default());
            term.set(s.payment_term_days.to_string());
            policy.set(s.late_payment_policy.clone());
            rate.set(
                s.contractual_rate
                    .map(|r| r.to_string())
                    .unwrap_or_default(),
            );
            vat.set(s.default_vat_rate.to_string());
            current.set(Some(s));
        }
    };
    {
        let (api, fill, failure) = (session.api.clone(), fill.clone(), failure.clone());
        use_effect_with((), move |()| {
            spawn_local(async move {
                match api::sales::settings(&api).await {
                    Ok(s) => fill(s),
                    Err(error) => failure.set(Some(error)),
                }
            });
        });
    }
    let onsubmit = {
        let (api, fill, errors, failure, saved) = (
            session.api.clone(),
            fill.clone(),
            errors.clone(),
            failure.clone(),
            saved.clone(),
        );
        let (invoice_prefix, quotation_prefix, iban, bic, term, policy, rate, vat) = (
            invoice_prefix.clone(),
            quotation_prefix.clone(),
            iban.clone(),
            bic.clone(),
            term.clone(),
            policy.clone(),
            rate.clone(),
            vat.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut local = FieldErrors::default();
            let days = term
                .trim()
                .parse::<i64>()
                .map_err(|_| local.add("payment_term_days", text.invalid_number))
                .unwrap_or(-1);
            let vat_rate = Decimal::from_str(vat.trim())
                .map_err(|_| local.add("default_vat_rate", text.invalid_number))
                .unwrap_or_default();
            let contractual = if rate.trim().is_empty() {
                None
            } else {
                Decimal::from_str(rate.trim().replace(',', ".").as_str())
                    .map_err(|_| local.add("contractual_rate", text.invalid_number))
                    .ok()
            };
            if !local.is_empty() {
                errors.set(local);
                return;
            }
            let body = UpdateInvoicingSettings {
                invoice_prefix: invoice_prefix.trim().to_owned(),
                quotation_prefix: quotation_prefix.trim().to_owned(),
                iban: Some(iban.trim().to_owned()).filter(|s| !s.is_empty()),
                bic: Some(bic.trim().to_owned()).filter(|s| !s.is_empty()),
                payment_term_days: days,
                late_payment_policy: (*policy).clone(),
                contractual_rate: contractual,
                default_vat_rate: vat_rate,
            };
            let (api, fill, errors, failure, saved) = (
                api.clone(),
                fill.clone(),
                errors.clone(),
                failure.clone(),
                saved.clone(),
            );
            spawn_local(async move {
                match api::sales::save_settings(&api, &body).await {
                    Ok(s) => {
                        errors.set(FieldErrors::default());
                        failure.set(None);
                        saved.set(true);
                        fill(s);
                    }
                    Err(error) => {
                        saved.set(false);
                        errors.set(FieldErrors::from_problem(error.field_errors()));
                        failure.set(Some(error));
                    }
                }
            });
        })
    };
    let on_logo = {
        let (api, fill, errors, failure, saved) = (
            session.api.clone(),
            fill.clone(),
            errors.clone(),
            failure.clone(),
            saved.clone(),
        );
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let (api, fill, errors, failure, saved) = (
                api.clone(),
                fill.clone(),
                errors.clone(),
                failure.clone(),
                saved.clone(),
            );
            spawn_local(async move {
                let media = file.type_();
                let Ok(buffer) = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await
                else {
                    return;
                };
                let Ok(buffer) = buffer.dyn_into::<js_sys::ArrayBuffer>() else {
                    return;
                };
                let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                match api::sales::upload_logo(&api, &media, &bytes).await {
                    Ok(s) => {
                        errors.set(FieldErrors::default());
                        failure.set(None);
                        saved.set(true);
                        fill(s);
                    }
                    Err(error) => {
                        errors.set(FieldErrors::from_problem(error.field_errors()));
                        failure.set(Some(error));
                    }
                }
            });
        })
    };
    let input = |id: &'static str,
                 field: &'static str,
                 label: &'static str,
                 state: &UseStateHandle<String>| {
        let error = errors.get(field);
        let s = state.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let i: web_sys::HtmlInputElement = e.target_unchecked_into();
            s.set(i.value());
        });
        html! {
            <div class={classes!("field", error.is_some().then_some("has-error"))}>
                <label for={id}>{ label }</label>
                <input id={id} data-testid={id} value={(**state).clone()} {oninput} aria-invalid={error.is_some().then_some("true")} />
                if let Some(error) = error { <p class="field-error" data-testid={format!("{id}-error")}>{ error }</p> }
            </div>
        }
    };
    let on_policy = {
        let policy = policy.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            policy.set(s.value());
        })
    };
    let e = (*errors).clone();
    html! {
        <section>
            <h1>{ text.settings_title }</h1>
            <p class="lead">{ text.settings_lead }</p>
            if *saved { <Alert kind={AlertKind::Success} testid="invoicing-settings-saved">{ text.saved }</Alert> }
            if let Some(error) = &*failure { <ErrorAlert error={error.clone()} extra={e.not_in(SHOWN)} /> }
            if let Some(s) = &*current {
                <p data-testid="invoicing-next-numbers">{ i18n::fill(text.next_numbers, &[("invoice", &s.next_invoice_number), ("quotation", &s.next_quotation_number)]) }</p>
            }
            <form class="form card" novalidate=true {onsubmit} data-testid="invoicing-settings-form">
                <div class="field-row">
                    { input("invoicing-invoice-prefix", "invoice_prefix", text.invoice_prefix, &invoice_prefix) }
                    { input("invoicing-quotation-prefix", "quotation_prefix", text.quotation_prefix, &quotation_prefix) }
                </div>
                <div class="field-row">
                    { input("invoicing-iban", "iban", text.iban, &iban) }
                    { input("invoicing-bic", "bic", text.bic, &bic) }
                </div>
                <div class="field-row">
                    { input("invoicing-term", "payment_term_days", text.payment_term_days, &term) }
                    { input("invoicing-vat", "default_vat_rate", text.default_vat_rate, &vat) }
                </div>
                <div class={classes!("field", e.get("late_payment_policy").is_some().then_some("has-error"))}>
                    <label for="invoicing-policy">{ text.late_payment_policy }</label>
                    <select id="invoicing-policy" data-testid="invoicing-policy" onchange={on_policy}>
                        { for [("none", text.policy_none), ("statutory", text.policy_statutory), ("contractual", text.policy_contractual)].iter().map(|(v, l)| html! {
                            <option value={*v} selected={*policy == *v}>{ *l }</option>
                        }) }
                    </select>
                    if let Some(error) = e.get("late_payment_policy") { <p class="field-error">{ error }</p> }
                </div>
                if *policy == "contractual" {
                    { input("invoicing-rate", "contractual_rate", text.contractual_rate, &rate) }
                }
                if let Some(s) = current.as_ref().filter(|_| *policy == "statutory") {
                    <p class="hint" data-testid="invoicing-statutory-rate" data-rate={s.statutory_rate.normalize().to_string()}>{ i18n::rates::statutory_rate_in_force(&s.statutory_rate) }</p>
                    if !s.statutory_rate_recorded {
                        <Alert kind={AlertKind::Warning} testid="invoicing-statutory-rate-not-recorded">{ i18n::rates::text().statutory_rate_not_recorded }</Alert>
                    }
                }
                <button type="submit" class="button button-primary" data-testid="invoicing-settings-save">{ text.save }</button>
            </form>
            <article class="card">
                <div class={classes!("field", e.get("logo").is_some().then_some("has-error"))}>
                    <label for="invoicing-logo">{ text.logo }</label>
                    <input id="invoicing-logo" data-testid="invoicing-logo" type="file" accept="image/png,image/jpeg" onchange={on_logo} />
                    if let Some(error) = e.get("logo") { <p class="field-error" data-testid="invoicing-logo-error">{ error }</p> }
                    if current.as_ref().is_some_and(|s| s.has_logo) { <p class="hint" data-testid="invoicing-has-logo">{ text.has_logo }</p> }
                </div>
            </article>
        </section>
    }
}
