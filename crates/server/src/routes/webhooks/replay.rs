//! `POST /api/v1/webhooks/{id}/deliveries/{delivery_id}/replay`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use ecom_storage::webhooks;
use ecom_types::webhooks::WebhookDeliveryView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::{caller::request_id, AdminCaller};
use crate::error::ApiError;
use crate::state::AppState;

/// Sends a delivery again (same body, same event id, a fresh signature) at
/// the next run of the delivery worker, whatever its status. The webhook
/// must be enabled.
#[utoipa::path(
    tag = "webhooks",
    params(
        ("id" = Uuid, Path, description = "The webhook's id"),
        ("delivery_id" = Uuid, Path, description = "The delivery's id"),
    ),
    responses(
        (status = 202, description = "Queued again", body = WebhookDeliveryView),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such webhook or delivery in this tenant", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The webhook is disabled", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/webhooks/{id}/deliveries/{delivery_id}/replay")]
pub async fn replay(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminCaller(caller): AdminCaller,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, ApiError> {
    let (hook_id, delivery_id) = path.into_inner();
    let now = state.clock.now();
    let request_id = request_id(&req);
    let (delivery, attempts) = state
        .write(move |conn| {
            let hook = webhooks::find(conn, caller.tenant, hook_id)?.ok_or_else(|| ApiError::not_found("webhook"))?;
            webhooks::find_delivery(conn, caller.tenant, hook_id, delivery_id)?.ok_or_else(|| ApiError::not_found("delivery"))?;
            if !hook.enabled {
                return Err(ApiError::Rule {
                    code: "webhook_disabled",
                    detail: "the webhook is disabled; re-enable it (PATCH with {\"enabled\": true}) before replaying".into(),
                });
            }
            webhooks::requeue(conn, caller.tenant, delivery_id, now)?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("webhook.delivery_replayed", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("webhook_delivery", delivery_id)
                .request(request_id)
                .write(conn)?;
            let delivery = webhooks::find_delivery(conn, caller.tenant, hook_id, delivery_id)?
                .ok_or_else(|| ApiError::Internal("replayed delivery vanished".into()))?;
            let attempts = webhooks::attempts_of(conn, caller.tenant, &[delivery_id])?;
            Ok((delivery, attempts))
        })
        .await?;
    Ok(HttpResponse::Accepted().json(super::delivery_view(&delivery, &attempts)))
}
