//! `GET /api/v1/calls/do-not-call`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_storage::work::calls;
use ecom_types::work::DoNotCallList;
use ecom_types::Problem;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// The "call me no more" list, newest first, as masked hints.
#[utoipa::path(
    operation_id = "do_not_call_list",
    tag = "calls",
    responses(
        (status = 200, description = "The list", body = DoNotCallList),
        (status = 403, description = "The VoIP module is not in the subscription", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/calls/do-not-call")]
pub async fn list(
    state: web::Data<AppState>,
    caller: TenantCaller,
) -> Result<web::Json<DoNotCallList>, ApiError> {
    let now = state.clock.now();
    let items = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Voip, Access::Read, now)?;
            Ok(calls::list_do_not_call(conn, caller.tenant)?)
        })
        .await?;
    Ok(web::Json(DoNotCallList {
        items: items.iter().map(super::dnc_add::view).collect(),
    }))
}
