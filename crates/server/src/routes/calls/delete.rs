//! `DELETE /api/v1/calls/{id}`.

use actix_web::{delete, web, HttpRequest, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::work::CallId;
use ecom_storage::work::calls;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;
use crate::work::actor;

/// Deletes a call record (audit-logged, without the number).
#[utoipa::path(
    operation_id = "calls_delete",
    tag = "calls",
    params(("id" = Uuid, Path, description = "The call's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such call in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[delete("/calls/{id}")]
pub async fn delete(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = CallId(id.into_inner());
    let now = state.clock.now();
    let request = request_id(&req);
    state
        .write(move |conn| {
            access::require(conn, &caller, Module::Voip, Access::Write, now)?;
            let call =
                calls::find(conn, caller.tenant, id)?.ok_or_else(|| ApiError::not_found("call"))?;
            calls::delete(conn, caller.tenant, id)?;
            events::record(
                conn,
                caller.tenant,
                "call",
                "deleted",
                id.0,
                &super::view(&call),
                now,
            )?;
            Audit::new("call.deleted", actor(&caller), now)
                .tenant(caller.tenant)
                .target("call", id.0)
                .request(request)
                .write(conn)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
