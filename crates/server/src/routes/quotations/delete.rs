//! `DELETE /api/v1/quotations/{id}` (drafts only).

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

/// Deletes a draft quotation (a sent one stays on record: 409).
#[utoipa::path(
    tag = "quotations",
    params(("id" = Uuid, Path, description = "The quotation's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such quotation in this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[delete("/quotations/{id}")]
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
            access::require(conn, &caller, Module::Quotations, Access::Write, now)?;
            let q = super::lock(conn, caller.tenant, id)?;
            if !store::delete_draft_quotation(conn, caller.tenant, id)? {
                return Err(ApiError::Conflict {
                    code: "not_a_draft",
                    detail: "only a draft quotation can be deleted".into(),
                    field: None,
                });
            }
            crate::events::record(
                conn,
                caller.tenant,
                "quotation",
                "deleted",
                id,
                &serde_json::json!({ "id": id }),
                now,
            )?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("quotation.deleted", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("quotation", id)
                .details(serde_json::json!({ "total_incl_vat_cents": q.total_incl_vat_cents }))
                .request(request_id)
                .write(conn)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
