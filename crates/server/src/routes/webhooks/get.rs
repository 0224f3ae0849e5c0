//! `GET /api/v1/webhooks/{id}`.

use actix_web::{get, web};
use ecom_storage::webhooks;
use ecom_types::webhooks::WebhookView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::auth::AdminCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// One webhook.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "The webhook's id")),
    responses(
        (status = 200, description = "The webhook", body = WebhookView),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such webhook in this tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/webhooks/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    AdminCaller(caller): AdminCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<WebhookView>, ApiError> {
    let id = id.into_inner();
    let hook = state
        .read(move |conn| {
            webhooks::find(conn, caller.tenant, id)?.ok_or_else(|| ApiError::not_found("webhook"))
        })
        .await?;
    Ok(web::Json(super::view(&hook)))
}
