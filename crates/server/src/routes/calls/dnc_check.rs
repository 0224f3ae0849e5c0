//! `GET /api/v1/calls/do-not-call/check`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::work::phone::E164;
use ecom_storage::work::calls;
use ecom_types::work::DoNotCallCheck;
use ecom_types::Problem;
use serde::Deserialize;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::{ApiError, FieldChecks};
use crate::state::AppState;

/// The number to check.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CheckQuery {
    /// Any notation; a leading single 0 means Belgium.
    pub number: String,
}

/// Whether a number is on the "call me no more" list (before dialling).
#[utoipa::path(
    operation_id = "do_not_call_check",
    tag = "calls",
    params(CheckQuery),
    responses(
        (status = 200, description = "The answer", body = DoNotCallCheck),
        (status = 422, description = "Not a valid phone number", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/calls/do-not-call/check")]
pub async fn check(
    state: web::Data<AppState>,
    caller: TenantCaller,
    query: crate::query_params::Query<CheckQuery>,
) -> Result<web::Json<DoNotCallCheck>, ApiError> {
    let query = query.into_inner()?;
    let mut checks = FieldChecks::default();
    let number = checks.check("number", E164::parse(&query.number));
    checks.finish()?;
    let number = number.ok_or_else(|| ApiError::Internal("validated without a number".into()))?;
    let now = state.clock.now();
    let shown = number.as_str().to_owned();
    let listed = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Voip, Access::Read, now)?;
            let hash = super::number_hash(conn, caller.tenant, &number, now)?;
            Ok(calls::is_do_not_call(conn, caller.tenant, &hash)?)
        })
        .await?;
    Ok(web::Json(DoNotCallCheck {
        number: shown,
        listed,
    }))
}
