//! The statement on `/invoices`: what is open per invoice (principal,
//! interest, compensation), overdue invoices highlighted, the late-payment
//! rule that applies, and what each payment paid (terms art. 11).

use ecom_types::billing::{SettlementView, StatementLineView, StatementView};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::components::{ErrorAlert, Loading};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n;
use crate::routes::Route;
use crate::state::billing::other_charges_open;

fn line(line: &StatementLineView) -> Html {
    let text = i18n::text();
    html! {
        <tr data-testid={format!("statement-line-{}", line.number)}
            class={classes!(line.overdue.then_some("row-overdue"))}>
            <td data-label={text.invoice_number}>
                <Link<Route> to={Route::Invoice { id: line.invoice_id }}>
                    <span data-testid="statement-line-number">{ &line.number }</span>
                </Link<Route>>
                if line.overdue {
                    { " " }<span class="badge badge-danger" data-testid="statement-line-overdue">{ text.statement_overdue }</span>
                }
            </td>
            <td data-label={text.invoice_due}>
                <time datetime={line.due_date.to_string()} data-testid="statement-line-due-date">{ i18n::day(&line.due_date) }</time>
            </td>
            <td data-label={text.statement_principal} class="amount" data-testid="statement-line-principal">
                { i18n::money(&line.principal) }
            </td>
            <td data-label={text.statement_principal_open} class="amount" data-testid="statement-line-principal-open">
                { i18n::money(&line.principal_open) }
            </td>
            <td data-label={text.statement_interest} class="amount" data-testid="statement-line-interest-open">
                { i18n::money(&line.interest_open) }
            </td>
            <td data-label={text.statement_compensation} class="amount" data-testid="statement-line-compensation-open">
                { i18n::money(&line.compensation_open) }
            </td>
            <td data-label={text.statement_other_charges} class="amount" data-testid="statement-line-other-charges-open">
                { i18n::money(&other_charges_open(line)) }
            </td>
            <td data-label={text.statement_total_open} class="amount" data-testid="statement-line-total-open">
                <strong>{ i18n::money(&line.total_open) }</strong>
            </td>
        </tr>
    }
}

fn settlement(settlement: &SettlementView) -> Html {
    let text = i18n::text();
    html! {
        <tr data-testid="statement-settlement">
            <td data-label={text.settlement_reference} class="mono" data-testid="statement-settlement-reference">
                { &settlement.reference }
            </td>
            <td data-label={text.settlement_on}>
                <time datetime={settlement.on.to_string()} data-testid="statement-settlement-on">{ i18n::day(&settlement.on) }</time>
            </td>
            <td data-label={text.invoice_number} data-testid="statement-settlement-invoice-number">{ &settlement.invoice_number }</td>
            <td data-label={text.settlement_component} data-testid="statement-settlement-component">
                { i18n::settlement_component(&settlement.component) }
            </td>
            <td data-label={text.settlement_amount} class="amount" data-testid="statement-settlement-amount">
                { i18n::money(&settlement.amount) }
            </td>
        </tr>
    }
}

fn details(statement: &StatementView) -> Html {
    let text = i18n::text();
    let invoices = if statement.invoices.is_empty() {
        html! { <p class="empty" data-testid="statement-empty">{ text.statement_empty }</p> }
    } else {
        html! {
            <div class="table-wrap">
                <table class="table" data-testid="statement-lines">
                    <caption class="visually-hidden">{ text.statement_title }</caption>
                    <thead><tr>
                        <th scope="col">{ text.invoice_number }</th>
                        <th scope="col">{ text.invoice_due }</th>
                        <th scope="col" class="amount">{ text.statement_principal }</th>
                        <th scope="col" class="amount">{ text.statement_principal_open }</th>
                        <th scope="col" class="amount">{ text.statement_interest }</th>
                        <th scope="col" class="amount">{ text.statement_compensation }</th>
                        <th scope="col" class="amount">{ text.statement_other_charges }</th>
                        <th scope="col" class="amount">{ text.statement_total_open }</th>
                    </tr></thead>
                    <tbody>{ for statement.invoices.iter().map(line) }</tbody>
                </table>
            </div>
        }
    };
    let settlements = if statement.settlements.is_empty() {
        html! { <p class="empty" data-testid="statement-settlements-empty">{ text.settlements_empty }</p> }
    } else {
        html! {
            <div class="table-wrap">
                <table class="table" data-testid="statement-settlements">
                    <caption class="visually-hidden">{ text.settlements_title }</caption>
                    <thead><tr>
                        <th scope="col">{ text.settlement_reference }</th>
                        <th scope="col">{ text.settlement_on }</th>
                        <th scope="col">{ text.invoice_number }</th>
                        <th scope="col">{ text.settlement_component }</th>
                        <th scope="col" class="amount">{ text.settlement_amount }</th>
                    </tr></thead>
                    <tbody>{ for statement.settlements.iter().map(settlement) }</tbody>
                </table>
            </div>
        }
    };
    html! {
        <>
            <dl class="stats stats-columns">
                <div class="stat"><dt>{ text.statement_total_open }</dt>
                    <dd data-testid="statement-total-open"><strong>{ i18n::money(&statement.total_open) }</strong></dd></div>
                <div class="stat"><dt>{ text.statement_unallocated_credit }</dt>
                    <dd data-testid="statement-unallocated-credit">{ i18n::money(&statement.unallocated_credit) }</dd></div>
                <div class="stat"><dt>{ text.statement_as_of }</dt>
                    <dd><time datetime={statement.as_of.to_string()} data-testid="statement-as-of">{ i18n::day(&statement.as_of) }</time></dd></div>
                <div class="stat"><dt>{ text.statement_regime }</dt>
                    <dd data-testid="statement-regime" data-regime={statement.regime.clone()}>{ i18n::billing_regime(&statement.regime) }</dd></div>
            </dl>
            <p class="muted small" data-testid="statement-rule">{ i18n::late_payment_rule(&statement.regime) }</p>
            { invoices }
            <h3>{ text.settlements_title }</h3>
            { settlements }
        </>
    }
}

#[function_component]
pub fn Statement() -> Html {
    let text = i18n::text();
    let session = use_session();
    let (statement, _) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::billing::statement(&api).await }
        })
    };
    html! {
        <article class="card" id="statement" data-testid="statement">
            <h2>{ text.statement_title }</h2>
            { match &*statement {
                Load::Loading => html! { <Loading /> },
                Load::Failed(error) => html! { <ErrorAlert error={error.clone()} testid="statement-error" /> },
                Load::Loaded(statement) => details(statement),
            } }
        </article>
    }
}
