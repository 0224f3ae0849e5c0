//! `/quotations`: the tenant's quotations, filtered by status, paged.

use ecom_types::sales::QuotationSummary;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::components::{ErrorAlert, Loading};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n::{self, sales};
use crate::routes::Route;

use super::lines::badge;

const STATUSES: [&str; 5] = ["draft", "sent", "accepted", "declined", "expired"];

#[function_component]
pub fn Quotations() -> Html {
    let text = sales::text();
    let session = use_session();
    let status = use_state(String::new);
    let cursor = use_state(|| None::<String>);
    let extra = use_state(Vec::<QuotationSummary>::new);
    let (page, _reload) = {
        let api = session.api.clone();
        let status = (*status).clone();
        let cursor = (*cursor).clone();
        use_load(move || {
            let api = api.clone();
            let mut query = vec!["limit=50".to_owned()];
            if !status.is_empty() {
                query.push(format!("status={status}"));
            }
            if let Some(c) = &cursor {
                query.push(format!("cursor={c}"));
            }
            let query = format!("?{}", query.join("&"));
            async move { api::sales::quotations(&api, &query).await }
        })
    };
    // Re-run the load when the filter or page changes.
    let key = format!("{}|{:?}", *status, *cursor);
    let last = use_state(|| key.clone());
    if *last != key {
        last.set(key);
        _reload.emit(());
    }
    let on_status = {
        let status = status.clone();
        let cursor = cursor.clone();
        let extra = extra.clone();
        Callback::from(move |e: Event| {
            let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
            extra.set(Vec::new());
            cursor.set(None);
            status.set(s.value());
        })
    };
    let row = |q: &QuotationSummary| {
        html! {
            <tr data-testid={format!("quotation-row-{}", q.id)}>
                <td data-label={text.number}>
                    <Link<Route> to={Route::Quotation { id: q.id }}>{ q.number.clone().unwrap_or_else(|| text.status_draft.to_owned()) }</Link<Route>>
                </td>
                <td data-label={text.title}>{ q.title.clone().unwrap_or_default() }</td>
                <td data-label={text.customer}>{ &q.customer_name }</td>
                <td data-label={text.valid_until}>{ i18n::day(&q.valid_until) }</td>
                <td data-label={text.total}>{ i18n::money(&q.total_incl_vat) }</td>
                <td data-label={text.status}>{ badge(&q.status) }</td>
            </tr>
        }
    };
    let body = match &*page {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="quotations-error" /> }
        }
        Load::Loaded(page) if page.items.is_empty() && extra.is_empty() => {
            html! { <p class="empty" data-testid="quotations-empty">{ text.quotations_empty }</p> }
        }
        Load::Loaded(page) => {
            let more = page.next_cursor.clone().map(|next| {
                let cursor = cursor.clone();
                let extra = extra.clone();
                let items = page.items.clone();
                Callback::from(move |_| {
                    let mut all = (*extra).clone();
                    all.extend(items.clone());
                    extra.set(all);
                    cursor.set(Some(next.clone()));
                })
            });
            html! {
                <div class="table-wrap">
                    <table class="table" data-testid="quotations-table">
                        <thead><tr>
                            <th scope="col">{ text.number }</th><th scope="col">{ text.title }</th>
                            <th scope="col">{ text.customer }</th><th scope="col">{ text.valid_until }</th>
                            <th scope="col">{ text.total }</th><th scope="col">{ text.status }</th>
                        </tr></thead>
                        <tbody>{ for extra.iter().chain(page.items.iter()).map(row) }</tbody>
                    </table>
                    if let Some(more) = more {
                        <button type="button" class="button button-secondary" data-testid="quotations-more" onclick={more}>{ text.more }</button>
                    }
                </div>
            }
        }
    };
    html! {
        <section>
            <h1>{ text.quotations_title }</h1>
            <p class="lead">{ text.quotations_lead }</p>
            <div class="toolbar">
                <Link<Route> to={Route::QuotationNew} classes="button button-primary"><span data-testid="quotation-new">{ text.new_quotation }</span></Link<Route>>
                <label for="quotation-status-filter">{ text.status }</label>
                <select id="quotation-status-filter" data-testid="quotation-status-filter" onchange={on_status}>
                    <option value="" selected={status.is_empty()}>{ text.filter_all }</option>
                    { for STATUSES.iter().map(|s| html! { <option value={*s} selected={*status == *s}>{ sales::status(s) }</option> }) }
                </select>
            </div>
            <article class="card">{ body }</article>
        </section>
    }
}
