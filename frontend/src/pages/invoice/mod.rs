//! `/invoices/:id` (Administrator): one invoice with its lines, VAT summary,
//! totals, how to pay it and its PDF and UBL files; while it is recent, the
//! form to dispute it (terms art. 10).

mod dispute;

use std::rc::Rc;

use chrono::Local;

use ecom_types::billing::InvoiceView;
use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::invoices::{self, InvoiceFile};
use crate::components::{DownloadButton, ErrorAlert, Fetch, Loading};
use crate::hooks::{use_load, use_session, Load, SessionContext};
use crate::i18n;
use crate::routes::Route;
use crate::state::billing::dispute_offered_until;

use dispute::DisputeForm;

#[derive(Properties, PartialEq)]
pub struct InvoiceProps {
    pub id: Uuid,
}

fn download(
    session: &SessionContext,
    invoice: &InvoiceView,
    file: InvoiceFile,
    label: &'static str,
) -> Html {
    let id = invoice.summary.id;
    let api = session.api.clone();
    let fetch: Fetch = Rc::new(move || {
        let api = api.clone();
        Box::pin(async move { invoices::download(&api, id, file).await })
    });
    let testid = match file {
        InvoiceFile::Pdf => "invoice-download-pdf",
        InvoiceFile::Ubl => "invoice-download-ubl",
    };
    html! {
        <DownloadButton {label} href={invoices::file_path(id, file)} {fetch} {testid}
            file_name={file.file_name(&invoice.summary.number)} media_type={file.media_type()} />
    }
}

fn details(session: &SessionContext, invoice: &InvoiceView) -> Html {
    let text = i18n::text();
    let summary = &invoice.summary;
    let payment = if summary.payment_method == "credit_transfer" {
        i18n::fill(
            text.pay_by_transfer,
            &[
                ("amount", &i18n::money(&summary.total_incl_vat)),
                ("due", &i18n::day(&summary.due_date)),
            ],
        )
    } else {
        i18n::fill(
            text.pay_collected,
            &[
                ("method", &i18n::payment_method(&summary.payment_method)),
                ("amount", &i18n::money(&summary.total_incl_vat)),
                ("date", &i18n::day(&summary.issue_date)),
            ],
        )
    };
    // The browser's calendar only decides whether to offer the form; the
    // server decides whether the dispute is in time.
    let dispute = dispute_offered_until(&summary.kind, summary.issue_date, Local::now().date_naive())
        .map(|last_day| html! {
            <DisputeForm invoice_id={summary.id} invoice_number={summary.number.clone()} {last_day} />
        });
    html! {
        <>
            <div class="page-header">
                <div>
                    <p class="muted small">{ i18n::invoice_kind(&summary.kind) }</p>
                    <h1 data-testid="invoice-title">{ &summary.number }</h1>
                </div>
                <div class="button-row">
                    { download(session, invoice, InvoiceFile::Pdf, text.download_pdf) }
                    { download(session, invoice, InvoiceFile::Ubl, text.download_ubl) }
                </div>
            </div>
            <article class="card">
                <dl class="stats stats-columns">
                    <div class="stat"><dt>{ text.invoice_date }</dt>
                        <dd><time datetime={summary.issue_date.to_string()} data-testid="invoice-issue-date">{ i18n::day(&summary.issue_date) }</time></dd></div>
                    <div class="stat"><dt>{ text.invoice_due }</dt>
                        <dd><time datetime={summary.due_date.to_string()} data-testid="invoice-due-date">{ i18n::day(&summary.due_date) }</time></dd></div>
                    <div class="stat"><dt>{ text.payment_method }</dt>
                        <dd>{ i18n::payment_method(&summary.payment_method) }</dd></div>
                </dl>
            </article>
            <article class="card">
                <h2>{ text.invoice_lines }</h2>
                <div class="table-wrap">
                    <table class="table" data-testid="invoice-lines">
                        <caption class="visually-hidden">{ text.invoice_lines }</caption>
                        <thead><tr>
                            <th scope="col">{ text.description }</th>
                            <th scope="col" class="amount">{ text.quantity }</th>
                            <th scope="col" class="amount">{ text.unit_price }</th>
                            <th scope="col" class="amount">{ text.discount }</th>
                            <th scope="col" class="amount">{ text.net_amount }</th>
                            <th scope="col" class="amount">{ text.vat_rate }</th>
                        </tr></thead>
                        <tbody>
                            { for invoice.lines.iter().map(|line| html! {
                                <tr>
                                    <td data-label={text.description}>{ &line.description }</td>
                                    <td data-label={text.quantity} class="amount">{ line.quantity.normalize().to_string() }</td>
                                    <td data-label={text.unit_price} class="amount">{ i18n::money(&line.unit_price) }</td>
                                    <td data-label={text.discount} class="amount">
                                        if line.discount.is_zero() { { "–" } } else { { i18n::money(&line.discount) } }
                                    </td>
                                    <td data-label={text.net_amount} class="amount">{ i18n::money(&line.net_amount) }</td>
                                    <td data-label={text.vat_rate} class="amount">{ format!("{} %", line.vat_rate.normalize()) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                <h3>{ text.vat_summary }</h3>
                <div class="table-wrap">
                    <table class="table" data-testid="invoice-vat">
                        <caption class="visually-hidden">{ text.vat_summary }</caption>
                        <thead><tr>
                            <th scope="col">{ text.vat_rate }</th>
                            <th scope="col" class="amount">{ text.taxable_amount }</th>
                            <th scope="col" class="amount">{ text.vat_amount }</th>
                        </tr></thead>
                        <tbody>
                            { for invoice.vat_breakdown.iter().map(|vat| html! {
                                <tr>
                                    <td data-label={text.vat_rate}>
                                        { format!("{} % ({})", vat.vat_rate.normalize(), vat.vat_category) }
                                    </td>
                                    <td data-label={text.taxable_amount} class="amount">{ i18n::money(&vat.taxable_amount) }</td>
                                    <td data-label={text.vat_amount} class="amount">{ i18n::money(&vat.vat_amount) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                <dl class="totals">
                    <div><dt>{ text.total_excl_vat }</dt>
                        <dd data-testid="invoice-total-excl-vat">{ i18n::money(&summary.total_excl_vat) }</dd></div>
                    <div><dt>{ text.vat }</dt>
                        <dd data-testid="invoice-vat-total">{ i18n::money(&summary.vat) }</dd></div>
                    <div class="grand-total"><dt>{ text.total_incl_vat }</dt>
                        <dd data-testid="invoice-total-incl-vat">{ i18n::money(&summary.total_incl_vat) }</dd></div>
                </dl>
                if !invoice.notes.is_empty() {
                    <ul class="notes" data-testid="invoice-notes">
                        { for invoice.notes.iter().map(|note| html! { <li>{ note }</li> }) }
                    </ul>
                }
            </article>
            <article class="card" data-testid="invoice-payment">
                <h2>{ text.payment_title }</h2>
                <p>{ payment }</p>
                <p>
                    { text.structured_communication }{ ": " }
                    <strong class="mono" data-testid="invoice-structured-communication">
                        { &summary.structured_communication }
                    </strong>
                </p>
            </article>
            { for dispute }
        </>
    }
}

#[function_component]
pub fn Invoice(props: &InvoiceProps) -> Html {
    let text = i18n::text();
    let session = use_session();
    let (invoice, _) = {
        let api = session.api.clone();
        let id = props.id;
        use_load(move || {
            let api = api.clone();
            async move { invoices::get(&api, id).await }
        })
    };
    html! {
        <section data-testid="invoice">
            <p class="small">
                <Link<Route> to={Route::Invoices}>{ text.back_to_invoices }</Link<Route>>
            </p>
            { match &*invoice {
                Load::Loading => html! { <Loading /> },
                Load::Failed(error) => html! { <ErrorAlert error={error.clone()} testid="invoice-error" /> },
                Load::Loaded(invoice) => details(&session, invoice),
            } }
        </section>
    }
}
