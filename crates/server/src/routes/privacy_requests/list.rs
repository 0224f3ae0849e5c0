//! `GET /api/v1/privacy/requests`.

use actix_web::{get, web};
use ecom_storage::privacy::requests;
use ecom_types::privacy::PrivacyRequestList;
use ecom_types::Problem;

use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::privacy;
use crate::state::AppState;

/// The caller's own requests, newest first, with status and deadline.
#[utoipa::path(
    tag = "data-subject-requests",
    responses(
        (status = 200, description = "The caller's requests", body = PrivacyRequestList),
        (status = 403, description = "An API key, not a person", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[get("/privacy/requests")]
pub async fn list(
    state: web::Data<AppState>,
    caller: TenantCaller,
) -> Result<web::Json<PrivacyRequestList>, ApiError> {
    let (tenant, user) = super::person(&caller)?;
    let now = state.clock.now();
    let items = state
        .read(move |conn| Ok(requests::list_for_user(conn, tenant, user)?))
        .await?;
    Ok(web::Json(PrivacyRequestList {
        items: items.iter().map(|r| privacy::view(r, now)).collect(),
    }))
}
