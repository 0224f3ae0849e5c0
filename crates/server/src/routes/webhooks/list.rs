//! `GET /api/v1/webhooks`.

use actix_web::{get, web};
use ecom_storage::webhooks;
use ecom_types::webhooks::WebhookList;
use ecom_types::Problem;

use crate::auth::AdminCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// The tenant's webhooks, oldest first. Never a secret.
#[utoipa::path(
    tag = "webhooks",
    responses(
        (status = 200, description = "The tenant's webhooks", body = WebhookList),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/webhooks")]
pub async fn list(
    state: web::Data<AppState>,
    AdminCaller(caller): AdminCaller,
) -> Result<web::Json<WebhookList>, ApiError> {
    let hooks = state
        .read(move |conn| Ok(webhooks::list(conn, caller.tenant)?))
        .await?;
    Ok(web::Json(WebhookList {
        items: hooks.iter().map(super::view).collect(),
    }))
}
