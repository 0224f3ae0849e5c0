//! `GET /api/v1/sales-invoices/{id}/pdf` and `.../ubl` (and a credit note's).

use actix_web::{get, web, HttpResponse};
use ecom_domain::contract::Module;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::sales;
use crate::state::AppState;

/// The issued invoice, or one of its credit notes, as the documents crate's input.
async fn load(
    state: &AppState,
    caller: TenantCaller,
    id: Uuid,
    credit_note: Option<Uuid>,
) -> Result<
    (
        ecom_documents::InvoiceDocument,
        ecom_storage::sales::SalesSettingsRow,
    ),
    ApiError,
> {
    let now = state.clock.now();
    state
        .read(move |conn| {
            access::require(conn, &caller, Module::Invoicing, Access::Read, now)?;
            let si = super::find(conn, caller.tenant, id)?;
            let invoice = sales::issued_document(conn, caller.tenant, &si)?;
            let stored = match credit_note {
                None => invoice,
                Some(cn) => ecom_storage::invoices::credit_notes_in_seller_ledger(
                    conn,
                    caller.tenant,
                    invoice.id,
                )?
                .into_iter()
                .find(|n| n.id == cn)
                .ok_or_else(|| ApiError::not_found("credit note"))?,
            };
            let record = sales::record(&stored)?;
            let reference = si.number.clone().unwrap_or_else(|| stored.number.clone());
            Ok((
                sales::document(&stored, &record, &reference),
                sales::settings(conn, caller.tenant, now)?,
            ))
        })
        .await
}

fn ubl_response(doc: &ecom_documents::InvoiceDocument) -> Result<HttpResponse, ApiError> {
    let xml = ecom_documents::to_ubl_xml(doc).map_err(|e| ApiError::Rule {
        code: "document_not_producible",
        detail: format!("this invoice cannot be written as Peppol UBL: {e} (a Peppol invoice needs the customer's VAT or enterprise number)"),
    })?;
    Ok(HttpResponse::Ok()
        .content_type("application/xml")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{}.xml\"", doc.number),
        ))
        .body(xml))
}

/// The issued invoice as a PDF: the tenant's logo, both parties, lines,
/// VAT summary, IBAN, structured communication and an EPC payment QR code.
#[utoipa::path(
    tag = "sales-invoices",
    params(("id" = Uuid, Path, description = "The sales invoice's id")),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf"),
        (status = 404, description = "No such sales invoice in this account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A draft (`not_issued`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/sales-invoices/{id}/pdf")]
pub async fn pdf(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let (doc, settings) = load(&state, caller, id.into_inner(), None).await?;
    crate::routes::quotations::get::pdf_response(doc, &settings)
}

/// The issued invoice as a UBL 2.1 invoice conforming to Peppol BIS Billing 3.0.
#[utoipa::path(
    tag = "sales-invoices",
    params(("id" = Uuid, Path, description = "The sales invoice's id")),
    responses(
        (status = 200, description = "The UBL XML", content_type = "application/xml"),
        (status = 404, description = "No such sales invoice in this account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A draft, or data Peppol requires is missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/sales-invoices/{id}/ubl")]
pub async fn ubl(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let (doc, _) = load(&state, caller, id.into_inner(), None).await?;
    ubl_response(&doc)
}

/// A credit note of the invoice as a PDF.
#[utoipa::path(
    tag = "sales-invoices",
    params(("id" = Uuid, Path, description = "The sales invoice's id"), ("credit_note_id" = Uuid, Path, description = "The credit note's id")),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf"),
        (status = 404, description = "No such credit note", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/sales-invoices/{id}/credit-notes/{credit_note_id}/pdf")]
pub async fn credit_note_pdf(
    state: web::Data<AppState>,
    caller: TenantCaller,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, cn) = path.into_inner();
    let (doc, settings) = load(&state, caller, id, Some(cn)).await?;
    crate::routes::quotations::get::pdf_response(doc, &settings)
}

/// A credit note of the invoice as a Peppol BIS 3.0 UBL credit note.
#[utoipa::path(
    tag = "sales-invoices",
    params(("id" = Uuid, Path, description = "The sales invoice's id"), ("credit_note_id" = Uuid, Path, description = "The credit note's id")),
    responses(
        (status = 200, description = "The UBL XML", content_type = "application/xml"),
        (status = 404, description = "No such credit note", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Data Peppol requires is missing", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/sales-invoices/{id}/credit-notes/{credit_note_id}/ubl")]
pub async fn credit_note_ubl(
    state: web::Data<AppState>,
    caller: TenantCaller,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (id, cn) = path.into_inner();
    let (doc, _) = load(&state, caller, id, Some(cn)).await?;
    ubl_response(&doc)
}
