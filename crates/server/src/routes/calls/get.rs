//! `GET /api/v1/calls/{id}`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::work::CallId;
use ecom_storage::work::calls;
use ecom_types::work::CallView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// One call record.
#[utoipa::path(
    operation_id = "calls_get",
    tag = "calls",
    params(("id" = Uuid, Path, description = "The call's id")),
    responses(
        (status = 200, description = "The call", body = CallView),
        (status = 404, description = "No such call in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/calls/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<CallView>, ApiError> {
    let id = CallId(id.into_inner());
    let now = state.clock.now();
    let call = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Voip, Access::Read, now)?;
            calls::find(conn, caller.tenant, id)?.ok_or_else(|| ApiError::not_found("call"))
        })
        .await?;
    Ok(web::Json(super::view(&call)))
}
