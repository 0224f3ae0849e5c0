//! `DELETE /api/v1/sales-invoices/{id}` (drafts only).

use actix_web::{delete, web, HttpRequest, HttpResponse};
use ecom_domain::contract::Module;
use ecom_storage::sales as store;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::error::ApiError;
use crate::state::AppState;

/// Deletes a draft. An issued invoice stays (409): it has a number in a
/// series without gaps; credit it instead. A quotation it came from can be
/// invoiced again.
#[utoipa::path(
    tag = "sales-invoices",
    params(("id" = Uuid, Path, description = "The sales invoice's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such sales invoice in this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Issued", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[delete("/sales-invoices/{id}")]
pub async fn delete(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let request_id = request_id(&req);
    state
        .write(move |conn| {
            access::require(conn, &caller, Module::Invoicing, Access::Write, now)?;
            // Lock order: the quotation it was made from, then the invoice
            // (as POST /quotations/{id}/invoice takes them).
            if let Some(qid) = super::find(conn, caller.tenant, id)?.quotation_id {
                store::lock_quotation(conn, caller.tenant, qid)?;
            }
            let si = super::lock(conn, caller.tenant, id)?;
            if si.state != "draft" {
                return Err(ApiError::Conflict {
                    code: "already_issued",
                    detail: "an issued invoice cannot be deleted; issue a credit note".into(),
                    field: None,
                });
            }
            if let Some(qid) = si.quotation_id {
                if let Some(mut q) = store::find_quotation(conn, caller.tenant, qid)? {
                    q.sales_invoice_id = None;
                    q.updated_at = now;
                    store::update_quotation(conn, caller.tenant, &q)?;
                }
            }
            if !store::delete_draft_sales_invoice(conn, caller.tenant, id)? {
                return Err(ApiError::Conflict {
                    code: "already_issued",
                    detail: "the invoice was issued meanwhile".into(),
                    field: None,
                });
            }
            crate::events::record(
                conn,
                caller.tenant,
                "invoice",
                "deleted",
                id,
                &serde_json::json!({ "id": id }),
                now,
            )?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("sales_invoice.deleted", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("sales_invoice", id)
                .details(serde_json::json!({ "total_incl_vat_cents": si.total_incl_vat_cents }))
                .request(request_id)
                .write(conn)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
