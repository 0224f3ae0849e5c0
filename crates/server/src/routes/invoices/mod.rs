//! The operator's invoices to the calling Client: list, detail, PDF and UBL.

use actix_web::{get, web, HttpResponse};
use ecom_domain::money::from_cents;
use ecom_storage::invoices::{self, StoredInvoice};
use ecom_types::billing::{InvoiceLineView, InvoiceList, InvoiceSummary, InvoiceView, VatLineView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::auth::AdminCaller;
use crate::billing;
use crate::error::ApiError;
use crate::state::AppState;

pub fn summary(invoice: &StoredInvoice) -> InvoiceSummary {
    InvoiceSummary {
        id: invoice.id,
        number: invoice.number.clone(),
        kind: invoice.kind.clone(),
        issue_date: invoice.issue_date,
        due_date: invoice.due_date,
        payment_method: invoice.payment_method.clone(),
        structured_communication: invoice.structured_communication.clone(),
        currency: invoice.currency.clone(),
        total_excl_vat: from_cents(invoice.total_excl_vat_cents),
        vat: from_cents(invoice.vat_cents),
        total_incl_vat: from_cents(invoice.total_incl_vat_cents),
    }
}

async fn load(state: &AppState, caller: AdminCaller, id: Uuid) -> Result<StoredInvoice, ApiError> {
    let tenant = caller.0.tenant;
    state
        .read(move |conn| {
            invoices::find_for_client(conn, tenant, id)?
                .ok_or_else(|| ApiError::not_found("invoice"))
        })
        .await
}

/// Ecom's invoices and credit notes to this account, newest first. Administrator only (billing).
#[utoipa::path(
    tag = "invoices",
    responses(
        (status = 200, description = "The invoices", body = InvoiceList),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/invoices")]
pub async fn list(
    state: web::Data<AppState>,
    caller: AdminCaller,
) -> Result<web::Json<InvoiceList>, ApiError> {
    let tenant = caller.0.tenant;
    let items = state
        .read(move |conn| Ok(invoices::list_for_client(conn, tenant)?))
        .await?;
    Ok(web::Json(InvoiceList {
        items: items.iter().map(summary).collect(),
    }))
}

/// One invoice with its lines and VAT summary.
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice's id")),
    responses(
        (status = 200, description = "The invoice", body = InvoiceView),
        (status = 404, description = "No such invoice for this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/invoices/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    caller: AdminCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<InvoiceView>, ApiError> {
    let invoice = load(&state, caller, id.into_inner()).await?;
    let record = billing::record(&invoice)?;
    let (tenant, invoice_id) = (caller.0.tenant, invoice.id);
    let dispute = state
        .read(move |conn| {
            Ok(ecom_storage::payments::dispute_of(
                conn, tenant, invoice_id,
            )?)
        })
        .await?;
    Ok(web::Json(InvoiceView {
        summary: summary(&invoice),
        lines: record
            .lines
            .iter()
            .map(|l| InvoiceLineView {
                description: l.description.clone(),
                quantity: l.quantity,
                unit_price: l.unit_price,
                discount: l.discount_amount,
                net_amount: l.net_amount,
                vat_category: l.vat_category.clone(),
                vat_rate: l.vat_rate,
            })
            .collect(),
        vat_breakdown: record
            .vat_breakdown
            .iter()
            .map(|v| VatLineView {
                vat_category: v.vat_category.clone(),
                vat_rate: v.vat_rate,
                taxable_amount: v.taxable_amount,
                vat_amount: v.vat_amount,
            })
            .collect(),
        notes: record.notes,
        dispute: dispute.map(|(lodged_at, reasons)| ecom_types::billing::DisputeView {
            invoice_number: invoice.number.clone(),
            lodged_at,
            reasons,
        }),
    }))
}

fn document_error(error: ecom_documents::DocumentError) -> ApiError {
    ApiError::Rule {
        code: "document_not_producible",
        detail: format!("this invoice cannot be written in that format: {error}"),
    }
}

/// The invoice as a PDF, with the payment QR code.
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice's id")),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf"),
        (status = 404, description = "No such invoice for this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/invoices/{id}/pdf")]
pub async fn pdf(
    state: web::Data<AppState>,
    caller: AdminCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let invoice = load(&state, caller, id.into_inner()).await?;
    let record = billing::record(&invoice)?;
    let bytes = web::block(move || {
        ecom_documents::to_pdf(&billing::document(&invoice, &record)).map(|b| (b, invoice.number))
    })
    .await?
    .map_err(document_error)?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{}.pdf\"", bytes.1),
        ))
        .body(bytes.0))
}

/// The invoice as a UBL 2.1 document conforming to Peppol BIS Billing 3.0.
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice's id")),
    responses(
        (status = 200, description = "The UBL XML", content_type = "application/xml"),
        (status = 404, description = "No such invoice for this account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The invoice lacks data Peppol requires", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/invoices/{id}/ubl")]
pub async fn ubl(
    state: web::Data<AppState>,
    caller: AdminCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let invoice = load(&state, caller, id.into_inner()).await?;
    let record = billing::record(&invoice)?;
    let xml = ecom_documents::to_ubl_xml(&billing::document(&invoice, &record))
        .map_err(document_error)?;
    Ok(HttpResponse::Ok()
        .content_type("application/xml")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{}.xml\"", invoice.number),
        ))
        .body(xml))
}
