//! `DELETE /api/v1/calls/do-not-call/{id}`.

use actix_web::{delete, web, HttpRequest, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::work::DoNotCallId;
use ecom_storage::work::calls;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::actor;

/// Takes a number off the list (e.g. the person asked to be called again); audit-logged.
#[utoipa::path(
    operation_id = "do_not_call_remove",
    tag = "calls",
    params(("id" = Uuid, Path, description = "The list entry's id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 404, description = "No such entry in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[delete("/calls/do-not-call/{id}")]
pub async fn remove(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = DoNotCallId(id.into_inner());
    let now = state.clock.now();
    let request = request_id(&req);
    state
        .write(move |conn| {
            access::require(conn, &caller, Module::Voip, Access::Write, now)?;
            if !calls::remove_do_not_call(conn, caller.tenant, id)? {
                return Err(ApiError::not_found("\"call me no more\" entry"));
            }
            Audit::new("do_not_call.removed", actor(&caller), now)
                .tenant(caller.tenant)
                .target("do_not_call", id.0)
                .request(request)
                .write(conn)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
