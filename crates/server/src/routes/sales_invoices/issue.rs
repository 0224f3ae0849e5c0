//! `POST /api/v1/sales-invoices/{id}/issue`.

use actix_web::{post, web, HttpRequest};
use chrono::{DateTime, NaiveDate, Utc};
use ecom_domain::contract::Module;
use ecom_storage::sales::SalesInvoice;
use ecom_storage::tenants::Tenant;
use ecom_storage::DbConnection;
use ecom_types::sales::SalesInvoiceView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::error::ApiError;
use crate::sales;
use crate::state::AppState;

/// Issues `si` in the caller's transaction, with the event and the audit entry.
pub(crate) fn issue_in(
    conn: &mut DbConnection,
    caller: &TenantCaller,
    tenant: &Tenant,
    si: &mut SalesInvoice,
    today: NaiveDate,
    now: DateTime<Utc>,
    request_id: Option<String>,
) -> Result<(), ApiError> {
    let stored = sales::issue(conn, tenant, si, today, now)?;
    crate::events::record(
        conn,
        caller.tenant,
        "invoice",
        "issued",
        si.id,
        &serde_json::json!({ "id": si.id, "number": stored.number, "issue_date": stored.issue_date, "due_date": stored.due_date, "total_incl_vat_cents": stored.total_incl_vat_cents }),
        now,
    )?;
    let (kind, actor) = caller.caller.actor();
    Audit::new("sales_invoice.issued", (kind, Some(actor)), now)
        .tenant(caller.tenant)
        .target("sales_invoice", si.id)
        .details(serde_json::json!({ "number": stored.number, "total_incl_vat_cents": stored.total_incl_vat_cents }))
        .request(request_id)
        .write(conn)
}

/// Issues a draft: the next number of the tenant's series for this year (no
/// gaps, no duplicates, also when issuing concurrently), today's date, the
/// due date after the tenant's payment term, a Belgian structured
/// communication. From then on the invoice never changes. Needs the IBAN in
/// the invoicing settings.
#[utoipa::path(
    tag = "sales-invoices",
    params(("id" = Uuid, Path, description = "The sales invoice's id")),
    responses(
        (status = 200, description = "Issued", body = SalesInvoiceView),
        (status = 404, description = "No such sales invoice in this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Issued already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Refused (e.g. `iban_missing`, a reverse charge without the seller's VAT number)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/sales-invoices/{id}/issue")]
pub async fn issue(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<SalesInvoiceView>, ApiError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let today = crate::subscription::today(now);
    let request_id = request_id(&req);
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Invoicing, Access::Write, now)?;
            let mut si = super::lock(conn, caller.tenant, id)?;
            let tenant = sales::tenant(conn, caller.tenant)?;
            issue_in(conn, &caller, &tenant, &mut si, today, now, request_id)?;
            super::view(conn, caller.tenant, &si, today, now)
        })
        .await?;
    Ok(web::Json(view))
}
