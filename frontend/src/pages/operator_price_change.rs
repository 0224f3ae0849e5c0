//! Announcing a new annual price. It applies only if announced at least one
//! month ahead (terms art. 9); the Clients notified may terminate within 30
//! days.

use chrono::{DateTime, Local, NaiveDate, TimeZone, Utc};
use ecom_types::operator::{PriceChangeAnnounced, PriceChangeRequest};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{Alert, AlertKind, ErrorAlert, Input, Loading};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n;
use crate::state::form::{FieldChanged, FieldErrors, FormValues};
use crate::state::plan::parse_amount;

const FIELDS: &[&str] = &["item", "annual_price", "effective_from"];

/// The start of `date` (`YYYY-MM-DD`) in the operator's time zone.
fn start_of_day(date: &str) -> Option<DateTime<Utc>> {
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    Local
        .from_local_datetime(&day.and_hms_opt(0, 0, 0)?)
        .earliest()
        .map(|at| at.with_timezone(&Utc))
}

#[function_component]
pub fn PriceChangeForm() -> Html {
    let text = i18n::text();
    let session = use_session();
    let (catalogue, _) = use_load(api::catalogue::get);
    let form = use_reducer(FormValues::default);
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let announced = use_state(|| None::<PriceChangeAnnounced>);
    let busy = use_state(|| false);

    let onsubmit = {
        let form = form.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let announced = announced.clone();
        let busy = busy.clone();
        let session = session.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut local = FieldErrors::default();
            let item = form.trimmed("item");
            if item.is_empty() {
                local.add("item", text.price_change_item_required);
            }
            let annual_price = parse_amount(form.get("annual_price"));
            if annual_price.is_none() {
                local.add("annual_price", text.invalid_amount);
            }
            let effective_from = start_of_day(&form.trimmed("effective_from"));
            if effective_from.is_none() {
                local.add("effective_from", text.invalid_date);
            }
            let (Some(annual_price), Some(effective_from), true) =
                (annual_price, effective_from, local.is_empty())
            else {
                errors.set(local);
                failure.set(None);
                return;
            };
            let request = PriceChangeRequest {
                item,
                annual_price,
                effective_from,
            };
            let errors = errors.clone();
            let failure = failure.clone();
            let announced = announced.clone();
            let busy = busy.clone();
            let session = session.clone();
            busy.set(true);
            announced.set(None);
            spawn_local(async move {
                match api::operator::announce_price_change(&session.api, &request).await {
                    Ok(outcome) => {
                        errors.set(FieldErrors::default());
                        failure.set(None);
                        announced.set(Some(outcome));
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
    let item_select = match &*catalogue {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="catalogue-error" /> }
        }
        Load::Loaded(catalogue) => {
            let dispatcher = form.dispatcher();
            let onchange = Callback::from(move |e: Event| {
                let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
                dispatcher.dispatch(FieldChanged {
                    field: "item",
                    value: select.value(),
                });
            });
            let current = form.get("item").to_owned();
            let error = e.get("item");
            let items = [&catalogue.basic, &catalogue.seat]
                .into_iter()
                .chain(catalogue.modules.iter());
            html! {
                <div class={classes!("field", error.is_some().then_some("has-error"))}>
                    <label for="price-change-item">{ text.price_change_item }<span class="required" aria-hidden="true">{ " *" }</span></label>
                    <select id="price-change-item" data-testid="price-change-item" name="item" required=true
                        aria-invalid={error.is_some().then_some("true")} {onchange}>
                        <option value="" selected={current.is_empty()}>{ text.choose }</option>
                        { for items.map(|item| html! {
                            <option value={item.code.clone()} selected={current == item.code}>
                                { format!("{} ({} {})", item.name, i18n::money(&item.annual_price), text.per_year) }
                            </option>
                        }) }
                    </select>
                    if let Some(message) = error {
                        <p class="field-error" id="price-change-item-error" data-testid="price-change-item-error">{ message }</p>
                    }
                </div>
            }
        }
    };

    html! {
        <article class="card">
            <h2>{ text.price_change_title }</h2>
            <p class="muted">{ text.price_change_lead }</p>
            if let Some(outcome) = &*announced {
                <Alert kind={AlertKind::Success} testid="price-change-announced">
                    { i18n::fill(text.price_change_done, &[
                        ("date", &i18n::date(&outcome.effective_from)),
                        ("n", &outcome.clients_notified.to_string()),
                    ]) }
                </Alert>
            }
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} extra={e.not_in(FIELDS)} testid="price-change-error" />
            }
            <form class="form" novalidate=true {onsubmit} data-testid="price-change-form">
                { item_select }
                <div class="field-row">
                    <Input form={form.clone()} field="annual_price" id="price-change-annual-price"
                        label={text.price_change_price} errors={e.clone()} required=true autocomplete="off"
                        hint={text.price_change_price_hint} />
                    <Input form={form.clone()} field="effective_from" id="price-change-effective-from"
                        label={text.price_change_effective_from} kind="date" errors={e.clone()} required=true
                        hint={text.price_change_effective_hint} />
                </div>
                <button type="submit" class="button button-primary" data-testid="price-change-submit"
                    disabled={*busy}>{ text.price_change_submit }</button>
            </form>
        </article>
    }
}
