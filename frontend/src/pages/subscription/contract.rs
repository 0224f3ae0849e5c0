//! The contract as the server reports it, with the forms that change it.

use chrono::{NaiveDate, Utc};
use ecom_types::contract::{Catalogue, ContractView};
use yew::prelude::*;

use super::cancel::CancelForm;
use super::change::ChangeForm;
use super::item_name;
use super::nonconformity::NonConformityForm;
use crate::components::{Alert, AlertKind};
use crate::i18n;

#[derive(Properties, PartialEq)]
pub struct ContractDetailsProps {
    pub contract: ContractView,
    /// To name modules and price changes; the contract shows without it.
    pub catalogue: Option<Catalogue>,
    /// Called with a sentence for the person after an action succeeded.
    pub on_changed: Callback<&'static str>,
}

/// The last day a term covers: the server's `ends_on` is the day after it.
pub(crate) fn last_day(ends_on: &NaiveDate) -> NaiveDate {
    ends_on.pred_opt().unwrap_or(*ends_on)
}

fn stat(label: &str, value: Html) -> Html {
    html! {
        <div class="stat">
            <dt>{ label.to_owned() }</dt>
            <dd>{ value }</dd>
        </div>
    }
}

fn status_class(status: &str) -> &'static str {
    match status {
        "active" => "badge-success",
        "cancelled" | "suspended" => "badge-warning",
        _ => "badge-danger",
    }
}

#[function_component]
pub fn ContractDetails(props: &ContractDetailsProps) -> Html {
    let text = i18n::text();
    let contract = &props.contract;
    let term = &contract.current_term;
    let term_last_day = last_day(&term.ends_on);
    let active = contract.status == "active";

    // Terms art. 5: the renewal stops only if cancelled 15 days before the
    // term ends; say so where nobody can miss it.
    let renewal = match (
        &contract.cancelled_at,
        &contract.cancellation_deadline,
        &contract.next_renewal_on,
    ) {
        (Some(cancelled), _, _) => html! {
            <Alert kind={AlertKind::Info} testid="contract-cancelled">
                { i18n::fill(text.contract_cancelled, &[
                    ("cancelled", &i18n::date_time(cancelled)),
                    ("last_day", &i18n::day(&term_last_day)),
                ]) }
            </Alert>
        },
        (None, Some(deadline), renewal) if active => html! {
            <Alert kind={AlertKind::Warning} testid="contract-renewal">
                <p class="deadline">
                    { text.cancel_before_1 }
                    <time datetime={deadline.to_rfc3339()} data-testid="contract-cancellation-deadline">
                        { i18n::date_time(deadline) }
                    </time>
                    { text.cancel_before_2 }
                </p>
                if let Some(on) = renewal {
                    <p class="small">{ i18n::fill(text.renews_on, &[
                        ("date", &i18n::day(on)),
                        ("term", &i18n::term_length(&contract.term_length).to_lowercase()),
                    ]) }</p>
                }
            </Alert>
        },
        _ => html! {},
    };

    let seats_next_term = contract.seats_next_term + 1;
    let modules = if contract.modules.is_empty() {
        html! { <span class="muted">{ text.no_modules }</span> }
    } else {
        html! {
            <ul class="inline-list">
                { for contract.modules.iter().map(|code| html! {
                    <li>{ item_name(props.catalogue.as_ref(), code) }</li>
                }) }
            </ul>
        }
    };
    let now = Utc::now();
    let may_report = contract.delivery.state == "open" && now < contract.delivery.report_deadline;

    html! {
        <>
            { renewal }
            if let Some(until) = &contract.export_window_ends_at {
                <Alert kind={AlertKind::Warning} testid="contract-export-window">
                    { i18n::fill(text.export_window, &[("date", &i18n::date_time(until))]) }
                </Alert>
            }
            <article class="card" data-testid="contract">
                <h2>{ text.contract_title }</h2>
                <dl class="stats stats-columns">
                    { stat(text.status, html! {
                        <span class={classes!("badge", status_class(&contract.status))} data-testid="contract-status">
                            { i18n::contract_status(&contract.status) }
                        </span>
                    }) }
                    { stat(text.term_length, html! {
                        <span data-testid="contract-term-length">{ i18n::term_length(&contract.term_length) }</span>
                    }) }
                    { stat(text.current_term, html! {
                        <span>
                            <time datetime={term.starts_on.to_string()} data-testid="contract-term-starts">
                                { i18n::day(&term.starts_on) }
                            </time>
                            { " – " }
                            <time datetime={term_last_day.to_string()} data-testid="contract-term-ends">
                                { i18n::day(&term_last_day) }
                            </time>
                        </span>
                    }) }
                    if let Some(on) = &contract.next_renewal_on {
                        { stat(text.next_renewal, html! {
                            <time datetime={on.to_string()} data-testid="contract-next-renewal">{ i18n::day(on) }</time>
                        }) }
                    }
                    { stat(text.price_per_term, html! {
                        <span>
                            <span data-testid="contract-price-per-term">{ i18n::money(&contract.price_per_term) }</span>
                            { " " }<span class="muted small">{ i18n::per_term(&contract.term_length) }{ ", " }{ text.excl_vat }</span>
                        </span>
                    }) }
                    { stat(text.seats, html! {
                        <span>
                            <span data-testid="contract-seats">{ i18n::fill(text.seats_used_of, &[
                                ("used", &contract.seats_used.to_string()),
                                ("ordered", &contract.seats_ordered.to_string()),
                            ]) }</span>
                            if seats_next_term != contract.seats_ordered {
                                <span class="badge badge-info" data-testid="contract-seats-next-term">
                                    { i18n::fill(text.seats_next_term, &[("n", &seats_next_term.to_string())]) }
                                </span>
                            }
                        </span>
                    }) }
                    { stat(text.modules, html! { <span data-testid="contract-modules">{ modules }</span> }) }
                    if let Some(cap) = &contract.liability_cap {
                        { stat(text.liability_cap, html! {
                            <span>
                                <span data-testid="contract-liability-cap">{ i18n::money(cap) }</span>
                                <span class="hint">{ text.liability_cap_hint }</span>
                            </span>
                        }) }
                    }
                    { stat(text.delivery, html! {
                        <span>
                            <span data-testid="contract-delivery-state">{ i18n::delivery_state(&contract.delivery.state) }</span>
                            <span class="muted small">{ i18n::fill(text.delivered_at, &[
                                ("date", &i18n::date_time(&contract.delivery.delivered_at)),
                            ]) }</span>
                        </span>
                    }) }
                    if let Some(by) = &contract.deactivation_due_by {
                        { stat(text.deactivation_due_by, html! { <span>{ i18n::date_time(by) }</span> }) }
                    }
                    { stat(text.started_at, html! { <span>{ i18n::date(&contract.started_at) }</span> }) }
                </dl>
            </article>
            if may_report {
                <NonConformityForm deadline={contract.delivery.report_deadline}
                    on_reported={props.on_changed.reform(|()| i18n::text().nonconformity_reported)} />
            }
            if active {
                if let Some(catalogue) = &props.catalogue {
                    <ChangeForm contract={contract.clone()} catalogue={catalogue.clone()}
                        on_changed={props.on_changed.reform(|()| i18n::text().changes_saved)} />
                }
                <CancelForm last_day={term_last_day}
                    on_cancelled={props.on_changed.reform(|()| i18n::text().cancellation_done)} />
            }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_term_ending_on_a_day_covers_up_to_the_day_before() {
        let ends_on = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default();
        assert_eq!(
            last_day(&ends_on),
            NaiveDate::from_ymd_opt(2027, 2, 28).unwrap_or_default()
        );
    }
}
