//! `GET /api/v1/api-keys`.

use actix_web::{get, web};
use ecom_storage::api_keys;
use ecom_types::auth::ApiKeyList;
use ecom_types::Problem;

use crate::auth::AdminCaller;
use crate::error::ApiError;
use crate::state::AppState;
use crate::views;

/// The tenant's API keys, newest first, revoked ones included. Never a secret.
#[utoipa::path(
    tag = "api-keys",
    responses(
        (status = 200, description = "The tenant's keys", body = ApiKeyList),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/api-keys")]
pub async fn list(
    state: web::Data<AppState>,
    AdminCaller(caller): AdminCaller,
) -> Result<web::Json<ApiKeyList>, ApiError> {
    let keys = state
        .read(move |conn| Ok(api_keys::list(conn, caller.tenant)?))
        .await?;
    Ok(web::Json(ApiKeyList {
        items: keys.iter().map(views::api_key).collect(),
    }))
}
