//! `GET /api/v1/contract`.

use actix_web::{get, web};
use ecom_types::contract::ContractView;
use ecom_types::Problem;

use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::state::AppState;
use crate::subscription;

/// The tenant's contract: current term, next renewal, the cancellation
/// deadline, price per term, seats, modules, liability cap and delivery.
/// 404 `no_contract` during the trial.
#[utoipa::path(
    tag = "subscription",
    responses(
        (status = 200, description = "The contract", body = ContractView),
        (status = 404, description = "No contract yet (`no_contract`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/contract")]
pub async fn get(
    state: web::Data<AppState>,
    caller: TenantCaller,
) -> Result<web::Json<ContractView>, ApiError> {
    let now = state.clock.now();
    let view = state
        .read(move |conn| {
            let contract = subscription::current(conn, caller.tenant)?;
            subscription::view(conn, caller.tenant, &contract, now)
        })
        .await?;
    Ok(web::Json(view))
}
