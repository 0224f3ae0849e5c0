//! `GET /api/v1/sales-invoices/{id}`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_types::sales::SalesInvoiceView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// One sales invoice with lines, totals, payments, credit notes, reminders
/// and what is owed today (principal, interest, compensation).
#[utoipa::path(
    tag = "sales-invoices",
    params(("id" = Uuid, Path, description = "The sales invoice's id")),
    responses(
        (status = 200, description = "The sales invoice", body = SalesInvoiceView),
        (status = 404, description = "No such sales invoice in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/sales-invoices/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<SalesInvoiceView>, ApiError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let view = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Invoicing, Access::Read, now)?;
            let si = super::find(conn, caller.tenant, id)?;
            super::view(
                conn,
                caller.tenant,
                &si,
                crate::subscription::today(now),
                now,
            )
        })
        .await?;
    Ok(web::Json(view))
}
