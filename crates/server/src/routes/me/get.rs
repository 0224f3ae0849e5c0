//! `GET /api/v1/me`: who is calling, in which tenant.

use actix_web::{get, web};
use ecom_storage::{tenants, users};
use ecom_types::auth::MeResponse;
use ecom_types::Problem;

use crate::auth::{Caller, TenantCaller};
use crate::error::ApiError;
use crate::state::AppState;
use crate::views;

/// The calling user (for an API key: its creator), the tenant with its trial
/// state, and how the caller authenticated.
#[utoipa::path(
    tag = "accounts",
    responses(
        (status = 200, description = "The caller", body = MeResponse),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Operators have no tenant account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/me")]
pub async fn me(
    state: web::Data<AppState>,
    caller: TenantCaller,
) -> Result<web::Json<MeResponse>, ApiError> {
    let now = state.clock.now();
    let (tenant, user) = state
        .read(move |conn| {
            let tenant =
                tenants::find(conn, caller.tenant)?.ok_or_else(|| ApiError::not_found("tenant"))?;
            let user = users::find(conn, caller.tenant, caller.user)?
                .ok_or_else(|| ApiError::not_found("user"))?;
            Ok((tenant, user))
        })
        .await?;
    let (authenticated_with, api_key_id) = match caller.caller {
        Caller::ApiKey { key, .. } => ("api_key", Some(key.0)),
        _ => ("session", None),
    };
    Ok(web::Json(MeResponse {
        user: views::user(&user),
        tenant: views::tenant(&tenant, now),
        authenticated_with: authenticated_with.into(),
        api_key_id,
    }))
}
