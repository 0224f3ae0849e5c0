//! `POST /api/v1/webhooks`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use ecom_domain::contract::Module;
use ecom_storage::webhooks::{self, Webhook};
use ecom_types::webhooks::{CreateWebhookRequest, CreatedWebhook};
use ecom_types::Problem;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::{caller::request_id, AdminCaller};
use crate::error::{ApiError, FieldChecks};
use crate::state::AppState;

/// Subscribes a URL to event kinds. The signing secret is in this answer
/// only. The URL must be http(s) and resolve to public addresses only
/// (loopback, private, link-local and multicast ranges are refused).
/// Deliveries: `POST <url>` with a JSON body `{id, type, created_at,
/// tenant_id, resource, data}` and the header `Ecom-Signature:
/// t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`; refuse timestamps more
/// than 5 minutes old. Failed deliveries are retried with exponential
/// back-off for 3 days; a webhook failing for 3 days is disabled.
#[utoipa::path(
    tag = "webhooks",
    request_body = CreateWebhookRequest,
    responses(
        (status = 201, description = "Created; the secret is shown once", body = CreatedWebhook),
        (status = 403, description = "Not the Administrator, or the API is not in the subscription", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid URL (or a private address), or unknown event kinds", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/webhooks")]
pub async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminCaller(caller): AdminCaller,
    body: crate::json_body::Json<CreateWebhookRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let mut checks = FieldChecks::default();
    let url = match crate::webhooks::check_target(&body.url, state.settings.webhooks_allow_loopback)
        .await
    {
        Ok(target) => Some(target.url.to_string()),
        Err(refused) => {
            checks.push("url", refused.code, refused.message);
            None
        }
    };
    let events = super::check_events(&mut checks, &body.events);
    let description = super::check_description(&mut checks, &body.description);
    checks.finish()?;
    let url = url.ok_or_else(|| ApiError::Internal("URL check passed without a URL".into()))?;
    let secret = crate::webhooks::new_secret();
    let hook = Webhook {
        id: Uuid::now_v7(),
        tenant_id: caller.tenant,
        url,
        description,
        events,
        secret: secret.clone(),
        enabled: true,
        disabled_reason: None,
        failing_since: None,
        created_by: caller.user,
        created_at: now,
        updated_at: now,
    };
    let stored = hook.clone();
    let request_id = request_id(&req);
    state
        .write(move |conn| {
            crate::subscription::require_module(conn, caller.tenant, Module::Api, now)?;
            webhooks::insert(conn, caller.tenant, &stored)?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("webhook.created", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("webhook", stored.id)
                .details(serde_json::json!({ "events": stored.events }))
                .request(request_id)
                .write(conn)
        })
        .await?;
    Ok(HttpResponse::Created().json(CreatedWebhook {
        webhook: super::view(&hook),
        secret,
    }))
}
