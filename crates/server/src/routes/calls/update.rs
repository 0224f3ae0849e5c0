//! `PUT /api/v1/calls/{id}`.

use actix_web::{put, web};
use ecom_domain::contract::Module;
use ecom_domain::work::CallId;
use ecom_storage::work::calls;
use ecom_types::work::{CallRequest, CallView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Replaces a call record's fields (e.g. a planned call that took place).
#[utoipa::path(
    operation_id = "calls_update",
    tag = "calls",
    params(("id" = Uuid, Path, description = "The call's id")),
    request_body = CallRequest,
    responses(
        (status = 200, description = "Updated", body = CallView),
        (status = 404, description = "No such call in this account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields or a listed number", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[put("/calls/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<CallRequest>,
) -> Result<web::Json<CallView>, ApiError> {
    let id = CallId(id.into_inner());
    let body = body.into_inner()?;
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Voip, Access::Write, now)?;
            let mut call =
                calls::find(conn, caller.tenant, id)?.ok_or_else(|| ApiError::not_found("call"))?;
            super::apply(conn, caller.tenant, &body, &mut call, now)?;
            call.updated_at = now;
            calls::update(conn, caller.tenant, &call)?;
            let view = super::view(&call);
            events::record(conn, caller.tenant, "call", "updated", id.0, &view, now)?;
            Ok(view)
        })
        .await?;
    Ok(web::Json(view))
}
