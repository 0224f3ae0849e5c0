//! `GET /api/v1/privacy/requests/{id}`.

use actix_web::{get, web};
use ecom_storage::privacy::requests;
use ecom_types::privacy::PrivacyRequestView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::privacy;
use crate::state::AppState;

/// One of the caller's own requests.
#[utoipa::path(
    tag = "data-subject-requests",
    params(("id" = Uuid, Path, description = "The request's id")),
    responses(
        (status = 200, description = "The request", body = PrivacyRequestView),
        (status = 404, description = "Not one of the caller's requests", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[get("/privacy/requests/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<PrivacyRequestView>, ApiError> {
    let (tenant, user) = super::person(&caller)?;
    let id = id.into_inner();
    let now = state.clock.now();
    let request = state
        .read(move |conn| {
            requests::find_for_user(conn, tenant, user, id)?
                .ok_or_else(|| ApiError::not_found("privacy request"))
        })
        .await?;
    Ok(web::Json(privacy::view(&request, now)))
}
