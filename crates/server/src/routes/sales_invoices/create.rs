//! `POST /api/v1/sales-invoices`.

use actix_web::{post, web, HttpResponse};
use ecom_domain::contract::Module;
use ecom_types::sales::{SalesInvoiceInput, SalesInvoiceView};
use ecom_types::Problem;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::sales;
use crate::state::AppState;

/// Creates a draft sales invoice for a company and/or contact of the tenant.
/// A draft can be edited and deleted; issuing it makes it final.
#[utoipa::path(
    tag = "sales-invoices",
    request_body(content = SalesInvoiceInput, example = json!({
        "company_id": "0194c3a0-0000-7000-8000-000000000001",
        "lines": [{ "description": "Consulting", "quantity": "8", "unit_price": "95.00", "vat_rate": "21" }]
    })),
    responses(
        (status = 201, description = "Created (a draft)", body = SalesInvoiceView),
        (status = 403, description = "The Invoicing module is not subscribed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/sales-invoices")]
pub async fn create(
    state: web::Data<AppState>,
    caller: TenantCaller,
    body: crate::json_body::Json<SalesInvoiceInput>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Invoicing, Access::Write, now)?;
            let si = sales::create_draft_invoice(
                conn,
                caller.tenant,
                body.company_id,
                body.contact_id,
                &body.lines,
                body.notes,
                now,
            )?;
            super::view(
                conn,
                caller.tenant,
                &si,
                crate::subscription::today(now),
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
