//! `/quotations/:id`: a quotation with its actions — edit, delete, send,
//! PDF, and once accepted, make the invoice.

use std::rc::Rc;

use ecom_types::sales::QuotationSent;
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{
    Alert, AlertKind, ConfirmButton, CopyBox, DownloadButton, ErrorAlert, Fetch, Loading,
};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n::{self, sales};
use crate::routes::Route;

use super::lines::{badge, lines_table};

#[derive(Properties, PartialEq)]
pub struct QuotationProps {
    pub id: Uuid,
}

#[function_component]
pub fn Quotation(props: &QuotationProps) -> Html {
    let text = sales::text();
    let session = use_session();
    let navigator = use_navigator();
    let id = props.id;
    let (quotation, reload) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::sales::quotation(&api, id).await }
        })
    };
    let failure = use_state(|| None::<ApiError>);
    let sent = use_state(|| None::<QuotationSent>);

    let send = {
        let (session, reload, failure, sent) = (
            session.clone(),
            reload.clone(),
            failure.clone(),
            sent.clone(),
        );
        Callback::from(move |()| {
            let (session, reload, failure, sent) = (
                session.clone(),
                reload.clone(),
                failure.clone(),
                sent.clone(),
            );
            spawn_local(async move {
                match api::sales::send_quotation(&session.api, id).await {
                    Ok(answer) => {
                        failure.set(None);
                        sent.set(Some(answer));
                        reload.emit(());
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let delete = {
        let (session, navigator, failure) = (session.clone(), navigator.clone(), failure.clone());
        Callback::from(move |()| {
            let (session, navigator, failure) =
                (session.clone(), navigator.clone(), failure.clone());
            spawn_local(async move {
                match api::sales::delete_quotation(&session.api, id).await {
                    Ok(()) => {
                        if let Some(nav) = navigator {
                            nav.push(&Route::Quotations);
                        }
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let convert = {
        let (session, navigator, failure) = (session.clone(), navigator.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            let (session, navigator, failure) =
                (session.clone(), navigator.clone(), failure.clone());
            spawn_local(async move {
                match api::sales::invoice_quotation(&session.api, id, false).await {
                    Ok(invoice) => {
                        if let Some(nav) = navigator {
                            nav.push(&Route::SalesInvoice {
                                id: invoice.summary.id,
                            });
                        }
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };

    let body = match &*quotation {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="quotation-error" /> }
        }
        Load::Loaded(q) => {
            let status = q.summary.status.as_str();
            let api = session.api.clone();
            let fetch: Fetch = Rc::new(move || {
                let api = api.clone();
                Box::pin(async move { api::sales::quotation_pdf(&api, id).await })
            });
            let number = q
                .summary
                .number
                .clone()
                .unwrap_or_else(|| text.status_draft.to_owned());
            html! {
                <>
                    <h1 data-testid="quotation-number">{ &number }{ " " }{ badge(status) }</h1>
                    <article class="card">
                        <dl class="facts">
                            <dt>{ text.customer }</dt><dd data-testid="quotation-customer">{ &q.customer.name }</dd>
                            if let Some(title) = &q.summary.title { <dt>{ text.title }</dt><dd>{ title }</dd> }
                            <dt>{ text.valid_until }</dt><dd>{ i18n::day(&q.summary.valid_until) }</dd>
                            if let Some(notes) = &q.notes { <dt>{ text.notes }</dt><dd>{ notes }</dd> }
                        </dl>
                        { lines_table(&q.lines, &q.totals) }
                    </article>
                    <div class="actions" data-testid="quotation-actions">
                        if status == "draft" {
                            <Link<Route> to={Route::QuotationEdit { id }} classes="button button-secondary"><span data-testid="quotation-edit">{ text.edit }</span></Link<Route>>
                            <ConfirmButton label={text.delete} question={text.delete_question} danger=true testid="quotation-delete" on_confirm={delete} />
                        }
                        if status == "draft" || status == "sent" {
                            <ConfirmButton label={text.send} question={text.send_question} testid="quotation-send" on_confirm={send} />
                        }
                        if status == "accepted" && q.summary.sales_invoice_id.is_none() {
                            <button type="button" class="button button-primary" data-testid="quotation-convert" onclick={convert}>{ text.convert_to_invoice }</button>
                        }
                        if let Some(invoice) = q.summary.sales_invoice_id {
                            <Link<Route> to={Route::SalesInvoice { id: invoice }} classes="button button-secondary"><span data-testid="quotation-invoice-link">{ text.view_invoice }</span></Link<Route>>
                        }
                        <DownloadButton label={text.download_pdf} href={format!("/api/v1/quotations/{id}/pdf")} file_name={format!("{number}.pdf")}
                            media_type="application/pdf" fetch={fetch} testid="quotation-pdf" />
                    </div>
                </>
            }
        }
    };
    html! {
        <section>
            <p><Link<Route> to={Route::Quotations}>{ text.back }</Link<Route>></p>
            if let Some(answer) = &*sent {
                <Alert kind={AlertKind::Success} testid="quotation-sent">
                    <p>{ i18n::fill(text.sent_to, &[("email", &answer.sent_to)]) }</p>
                    <CopyBox id="quotation-public-url" label={text.send} value={answer.public_url.clone()} />
                </Alert>
            }
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} testid="quotation-action-error" />
            }
            { body }
        </section>
    }
}
