//! `DELETE /api/v1/deals/{id}`.

use actix_web::{delete, web, HttpRequest, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::DealId;
use ecom_storage::deals;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::crm;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Deletes a deal and its stage history.
#[utoipa::path(
    tag = "crm",
    operation_id = "delete_deal",
    params(("id" = Uuid, Path, description = "The deal's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such deal in this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Records of other modules still refer to the deal", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[delete("/deals/{id}")]
pub async fn delete(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = DealId(id.into_inner());
    let now = state.clock.now();
    let request_id = request_id(&req);
    state
        .write(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Write, now)?;
            let deal =
                deals::find(conn, caller.tenant, id)?.ok_or_else(|| ApiError::not_found("deal"))?;
            let view = crm::deal_view(conn, caller.tenant, &deal)?;
            crm::delete_or_in_use(deals::delete(conn, caller.tenant, id), "deal")?;
            events::record(conn, caller.tenant, "deal", "deleted", id.0, &view, now)?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("deal.deleted", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("deal", id.0)
                .details(serde_json::json!({ "stage": deal.stage.as_str() }))
                .request(request_id)
                .write(conn)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
