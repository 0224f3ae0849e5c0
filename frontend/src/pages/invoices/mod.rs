//! `/invoices` (Administrator): the statement of what is open, then Ecom's
//! invoices and credit notes to the tenant, newest first.

mod statement;

use ecom_types::billing::InvoiceSummary;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::components::{ErrorAlert, Loading};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n;
use crate::routes::Route;

use statement::Statement;

#[function_component]
pub fn Invoices() -> Html {
    let text = i18n::text();
    let session = use_session();
    let (invoices, _) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::invoices::list(&api).await }
        })
    };

    let row = |invoice: &InvoiceSummary| {
        html! {
            <tr data-testid={format!("invoice-{}", invoice.number)}>
                <td data-label={text.invoice_number}>
                    <Link<Route> to={Route::Invoice { id: invoice.id }}>
                        <span data-testid="invoice-number">{ &invoice.number }</span>
                    </Link<Route>>
                    if invoice.kind != "invoice" {
                        { " " }<span class="badge badge-info">{ i18n::invoice_kind(&invoice.kind) }</span>
                    }
                </td>
                <td data-label={text.invoice_date}>{ i18n::day(&invoice.issue_date) }</td>
                <td data-label={text.invoice_due}>{ i18n::day(&invoice.due_date) }</td>
                <td data-label={text.total_incl_vat} class="amount" data-testid="invoice-total">
                    { i18n::money(&invoice.total_incl_vat) }
                </td>
                <td data-label={text.structured_communication} class="mono" data-testid="invoice-structured-communication">
                    { &invoice.structured_communication }
                </td>
            </tr>
        }
    };

    let body = match &*invoices {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="invoices-error" /> }
        }
        Load::Loaded(list) if list.items.is_empty() => html! {
            <p class="empty" data-testid="invoices-empty">{ text.invoices_empty }</p>
        },
        Load::Loaded(list) => html! {
            <div class="table-wrap">
                <table class="table" data-testid="invoices-table">
                    <caption class="visually-hidden">{ text.invoices_title }</caption>
                    <thead><tr>
                        <th scope="col">{ text.invoice_number }</th>
                        <th scope="col">{ text.invoice_date }</th>
                        <th scope="col">{ text.invoice_due }</th>
                        <th scope="col" class="amount">{ text.total_incl_vat }</th>
                        <th scope="col">{ text.structured_communication }</th>
                    </tr></thead>
                    <tbody>{ for list.items.iter().map(row) }</tbody>
                </table>
            </div>
        },
    };

    html! {
        <section>
            <h1>{ text.invoices_title }</h1>
            <Statement />
            <article class="card">
                <h2>{ text.invoices_list_title }</h2>
                <p class="muted">{ text.invoices_lead }</p>
                { body }
            </article>
        </section>
    }
}
