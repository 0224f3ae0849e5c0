//! `PATCH /api/v1/webhooks/{id}`.

use actix_web::{patch, web, HttpRequest};
use ecom_storage::webhooks;
use ecom_types::webhooks::{UpdateWebhookRequest, WebhookView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::{caller::request_id, AdminCaller};
use crate::error::{ApiError, FieldChecks};
use crate::state::AppState;

/// Changes a webhook's URL, description or events, pauses it
/// (`enabled: false`) or re-enables it (which clears the failure state).
#[utoipa::path(
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "The webhook's id")),
    request_body = UpdateWebhookRequest,
    responses(
        (status = 200, description = "Changed", body = WebhookView),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such webhook in this tenant", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid URL or event kinds", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[patch("/webhooks/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminCaller(caller): AdminCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<UpdateWebhookRequest>,
) -> Result<web::Json<WebhookView>, ApiError> {
    let id = id.into_inner();
    let body = body.into_inner()?;
    let now = state.clock.now();
    let mut checks = FieldChecks::default();
    let mut url = None;
    if let Some(raw) = &body.url {
        match crate::webhooks::check_target(raw, state.settings.webhooks_allow_loopback).await {
            Ok(target) => url = Some(target.url.to_string()),
            Err(refused) => checks.push("url", refused.code, refused.message),
        }
    }
    let events = body
        .events
        .as_deref()
        .map(|e| super::check_events(&mut checks, e));
    let description = body
        .description
        .as_deref()
        .map(|d| super::check_description(&mut checks, d));
    checks.finish()?;
    let request_id = request_id(&req);
    let hook = state
        .write(move |conn| {
            let mut hook = webhooks::find(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("webhook"))?;
            if let Some(url) = url {
                hook.url = url;
            }
            if let Some(events) = events {
                hook.events = events;
            }
            if let Some(description) = description {
                hook.description = description;
            }
            match body.enabled {
                Some(true) if !hook.enabled => {
                    hook.enabled = true;
                    hook.disabled_reason = None;
                    hook.failing_since = None;
                }
                Some(false) if hook.enabled => {
                    hook.enabled = false;
                    hook.disabled_reason = Some("paused by the Administrator".into());
                    webhooks::cancel_pending(
                        conn,
                        caller.tenant,
                        hook.id,
                        "the webhook was paused",
                    )?;
                }
                _ => {}
            }
            hook.updated_at = now;
            webhooks::update(conn, caller.tenant, &hook)?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("webhook.updated", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("webhook", hook.id)
                .details(serde_json::json!({ "enabled": hook.enabled, "events": hook.events }))
                .request(request_id)
                .write(conn)?;
            Ok(hook)
        })
        .await?;
    Ok(web::Json(super::view(&hook)))
}
