//! `GET /api/v1/quotations/{id}` and its PDF.

use actix_web::{get, web, HttpResponse};
use ecom_domain::contract::Module;
use ecom_types::sales::QuotationView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::sales;
use crate::state::AppState;

/// One quotation with its lines and totals.
#[utoipa::path(
    tag = "quotations",
    params(("id" = Uuid, Path, description = "The quotation's id")),
    responses(
        (status = 200, description = "The quotation", body = QuotationView),
        (status = 404, description = "No such quotation in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/quotations/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<QuotationView>, ApiError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let view = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Quotations, Access::Read, now)?;
            let q = super::find(conn, caller.tenant, id)?;
            let tenant = sales::tenant(conn, caller.tenant)?;
            super::view(conn, &tenant, &q, crate::subscription::today(now))
        })
        .await?;
    Ok(web::Json(view))
}

/// The quotation as a PDF, with the tenant's logo.
#[utoipa::path(
    tag = "quotations",
    params(("id" = Uuid, Path, description = "The quotation's id")),
    responses(
        (status = 200, description = "The PDF", content_type = "application/pdf"),
        (status = 404, description = "No such quotation in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/quotations/{id}/pdf")]
pub async fn pdf(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let (doc, settings) = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Quotations, Access::Read, now)?;
            let q = super::find(conn, caller.tenant, id)?;
            let tenant = sales::tenant(conn, caller.tenant)?;
            let view = super::view(conn, &tenant, &q, crate::subscription::today(now))?;
            let buyer = super::buyer(conn, &q)?;
            Ok((
                super::document(&tenant, &q, &view, &buyer)?,
                sales::settings(conn, caller.tenant, now)?,
            ))
        })
        .await?;
    pdf_response(doc, &settings)
}

/// Renders a document as a PDF download with the tenant's logo.
pub fn pdf_response(
    doc: ecom_documents::InvoiceDocument,
    settings: &ecom_storage::sales::SalesSettingsRow,
) -> Result<HttpResponse, ApiError> {
    let logo = sales::logo(settings);
    let bytes =
        ecom_documents::to_pdf_with_logo(&doc, logo.as_ref()).map_err(|e| ApiError::Rule {
            code: "document_not_producible",
            detail: format!("this document cannot be printed: {e}"),
        })?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{}.pdf\"", doc.number),
        ))
        .body(bytes))
}
