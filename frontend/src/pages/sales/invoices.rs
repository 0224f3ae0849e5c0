//! `/sales-invoices`: the tenant's invoices to its customers, filtered by
//! status, dates and text, paged; with the revenue per month.

use ecom_types::sales::SalesInvoiceSummary;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::components::{ErrorAlert, Loading};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n::{self, sales};
use crate::routes::Route;

use super::lines::badge;

const STATUSES: [&str; 5] = ["draft", "open", "paid", "overdue", "credited"];

#[function_component]
pub fn SalesInvoices() -> Html {
    let text = sales::text();
    let session = use_session();
    let status = use_state(String::new);
    let from = use_state(String::new);
    let to = use_state(String::new);
    let q = use_state(String::new);
    let cursor = use_state(|| None::<String>);
    let extra = use_state(Vec::<SalesInvoiceSummary>::new);
    let query = {
        let mut parts = vec!["limit=50".to_owned()];
        for (k, v) in [
            ("status", &*status),
            ("from", &*from),
            ("to", &*to),
            ("q", &*q),
        ] {
            if !v.trim().is_empty() {
                parts.push(format!("{k}={}", js_sys::encode_uri_component(v.trim())));
            }
        }
        if let Some(c) = &*cursor {
            parts.push(format!("cursor={c}"));
        }
        format!("?{}", parts.join("&"))
    };
    let (page, reload) = {
        let api = session.api.clone();
        let query = query.clone();
        use_load(move || {
            let (api, query) = (api.clone(), query.clone());
            async move { api::sales::invoices(&api, &query).await }
        })
    };
    let (revenue, _) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::sales::revenue(&api).await }
        })
    };
    let last = use_state(|| query.clone());
    if *last != query {
        last.set(query);
        reload.emit(());
    }
    let reset = {
        let (cursor, extra) = (cursor.clone(), extra.clone());
        move || {
            extra.set(Vec::new());
            cursor.set(None);
        }
    };
    let on_select = {
        let (status, reset) = (status.clone(), reset.clone());
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            reset();
            status.set(s.value());
        })
    };
    let on_input = |state: &UseStateHandle<String>| {
        let (state, reset) = (state.clone(), reset.clone());
        Callback::from(move |e: Event| {
            let i: web_sys::HtmlInputElement = e.target_unchecked_into();
            reset();
            state.set(i.value());
        })
    };
    let row = |i: &SalesInvoiceSummary| {
        html! {
            <tr data-testid={format!("sales-invoice-row-{}", i.id)}>
                <td data-label={text.number}>
                    <Link<Route> to={Route::SalesInvoice { id: i.id }}>{ i.number.clone().unwrap_or_else(|| text.status_draft.to_owned()) }</Link<Route>>
                </td>
                <td data-label={text.customer}>{ &i.customer_name }</td>
                <td data-label={text.issue_date}>{ i.issue_date.as_ref().map(i18n::day).unwrap_or_default() }</td>
                <td data-label={text.due_date}>{ i.due_date.as_ref().map(i18n::day).unwrap_or_default() }</td>
                <td data-label={text.total}>{ i18n::money(&i.total_incl_vat) }</td>
                <td data-label={text.open_amount}>{ i18n::money(&i.open_amount) }</td>
                <td data-label={text.status}>{ badge(&i.status) }</td>
            </tr>
        }
    };
    let body = match &*page {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="sales-invoices-error" /> }
        }
        Load::Loaded(page) if page.items.is_empty() && extra.is_empty() => {
            html! { <p class="empty" data-testid="sales-invoices-empty">{ text.invoices_empty }</p> }
        }
        Load::Loaded(page) => {
            let more = page.next_cursor.clone().map(|next| {
                let (cursor, extra, items) = (cursor.clone(), extra.clone(), page.items.clone());
                Callback::from(move |_| {
                    let mut all = (*extra).clone();
                    all.extend(items.clone());
                    extra.set(all);
                    cursor.set(Some(next.clone()));
                })
            });
            html! {
                <div class="table-wrap">
                    <table class="table" data-testid="sales-invoices-table">
                        <thead><tr>
                            <th scope="col">{ text.number }</th><th scope="col">{ text.customer }</th>
                            <th scope="col">{ text.issue_date }</th><th scope="col">{ text.due_date }</th>
                            <th scope="col">{ text.total }</th><th scope="col">{ text.open_amount }</th><th scope="col">{ text.status }</th>
                        </tr></thead>
                        <tbody>{ for extra.iter().chain(page.items.iter()).map(row) }</tbody>
                    </table>
                    if let Some(more) = more {
                        <button type="button" class="button button-secondary" data-testid="sales-invoices-more" onclick={more}>{ text.more }</button>
                    }
                </div>
            }
        }
    };
    let chart = match &*revenue {
        Load::Loaded(r) => {
            let max = r
                .months
                .iter()
                .map(|m| m.net)
                .max()
                .unwrap_or_default()
                .max(rust_decimal::Decimal::ONE);
            html! {
                <article class="card">
                    <h2>{ text.revenue_title }</h2>
                    <ul class="bar-chart" data-testid="revenue-chart">
                        { for r.months.iter().map(|m| {
                            let pct = (m.net.max(rust_decimal::Decimal::ZERO) * rust_decimal::Decimal::ONE_HUNDRED / max).round();
                            html! {
                                <li title={i18n::money(&m.net)}>
                                    <span class="bar-label">{ &m.month }</span>
                                    <span class="bar" style={format!("width: {pct}%")}></span>
                                    <span class="bar-value">{ i18n::money(&m.net) }</span>
                                </li>
                            }
                        }) }
                    </ul>
                </article>
            }
        }
        _ => html! {},
    };
    html! {
        <section>
            <h1>{ text.invoices_title }</h1>
            <p class="lead">{ text.invoices_lead }</p>
            <div class="toolbar">
                <Link<Route> to={Route::SalesInvoiceNew} classes="button button-primary"><span data-testid="sales-invoice-new">{ text.new_invoice }</span></Link<Route>>
                <label for="sales-invoice-status">{ text.status }</label>
                <select id="sales-invoice-status" data-testid="sales-invoice-status-filter" onchange={on_select}>
                    <option value="" selected={status.is_empty()}>{ text.filter_all }</option>
                    { for STATUSES.iter().map(|s| html! { <option value={*s} selected={*status == *s}>{ sales::status(s) }</option> }) }
                </select>
                <label for="sales-invoice-from">{ text.from }</label>
                <input id="sales-invoice-from" data-testid="sales-invoice-from" type="date" value={(*from).clone()} onchange={on_input(&from)} />
                <label for="sales-invoice-to">{ text.to }</label>
                <input id="sales-invoice-to" data-testid="sales-invoice-to" type="date" value={(*to).clone()} onchange={on_input(&to)} />
                <label for="sales-invoice-q">{ text.search }</label>
                <input id="sales-invoice-q" data-testid="sales-invoice-search" type="search" value={(*q).clone()} onchange={on_input(&q)} />
            </div>
            <article class="card">{ body }</article>
            { chart }
        </section>
    }
}
