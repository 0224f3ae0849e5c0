//! `DELETE /api/v1/webhooks/{id}`.

use actix_web::{delete, web, HttpRequest, HttpResponse};
use ecom_storage::webhooks;
use ecom_types::Problem;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::{caller::request_id, AdminCaller};
use crate::error::ApiError;
use crate::state::AppState;

/// Deletes a webhook with its delivery log; nothing more is sent to it.
#[utoipa::path(
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "The webhook's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such webhook in this tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[delete("/webhooks/{id}")]
pub async fn delete(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminCaller(caller): AdminCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let request_id = request_id(&req);
    state
        .write(move |conn| {
            if !webhooks::delete(conn, caller.tenant, id)? {
                return Err(ApiError::not_found("webhook"));
            }
            let (kind, actor) = caller.caller.actor();
            Audit::new("webhook.deleted", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("webhook", id)
                .request(request_id)
                .write(conn)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
