//! `POST /api/v1/api-keys/{id}/rotate`.

use actix_web::{post, web, HttpRequest};
use chrono::Duration;
use ecom_domain::ApiKeyId;
use ecom_storage::api_keys;
use ecom_types::auth::RotatedApiKey;
use ecom_types::Problem;
use serde::Deserialize;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::scopes::Scopes;
use crate::auth::{api_keys as key_format, caller::request_id, secret_hash, AdminCaller};
use crate::error::ApiError;
use crate::state::AppState;
use crate::views;

/// Longest grace period a rotation may give the old secret.
const MAX_GRACE_SECONDS: i64 = 7 * 24 * 3600;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RotateParams {
    /// Seconds the old secret keeps working (0 to 604800); the server's
    /// setting (24 hours by default) if omitted. 0 stops it at once.
    #[param(minimum = 0, maximum = 604800, example = 3600)]
    pub grace_period_seconds: Option<i64>,
}

/// Rotates an API key: a new secret (and prefix), shown once; the old secret
/// keeps working for the grace period so the integration can switch over.
/// Scopes, name and expiry stay.
#[utoipa::path(
    tag = "api-keys",
    params(("id" = Uuid, Path, description = "The key's id"), RotateParams),
    responses(
        (status = 200, description = "Rotated; the new secret is shown once", body = RotatedApiKey),
        (status = 400, description = "Invalid grace period", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the Administrator, or an API key rotating a key with scopes it does not have itself (`scopes_exceed_caller`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such unrevoked key in this tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/api-keys/{id}/rotate")]
pub async fn rotate(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminCaller(caller): AdminCaller,
    id: web::Path<Uuid>,
    params: crate::query_params::Query<RotateParams>,
) -> Result<web::Json<RotatedApiKey>, ApiError> {
    let params = params.into_inner()?;
    let key = ApiKeyId(id.into_inner());
    let now = state.clock.now();
    let default_grace =
        i64::try_from(state.settings.api_key_rotation_grace.as_secs()).unwrap_or(MAX_GRACE_SECONDS);
    let grace = params.grace_period_seconds.unwrap_or(default_grace);
    if !(0..=MAX_GRACE_SECONDS).contains(&grace) {
        return Err(ApiError::BadRequest {
            code: "invalid_grace_period",
            detail: format!(
                "grace_period_seconds must be between 0 and {MAX_GRACE_SECONDS} (7 days)"
            ),
        });
    }
    let grace_until = now + Duration::seconds(grace);
    let generated = key_format::generate();
    let hash = secret_hash(&generated.secret);
    let prefix = generated.prefix.clone();
    let request_id = request_id(&req);
    let rotated = state
        .write(move |conn| {
            let existing = api_keys::find(conn, caller.tenant, key)?.ok_or_else(|| ApiError::not_found("API key"))?;
            // A rotation hands out the key's power: only within the caller's own.
            let scopes = Scopes::parse(&existing.scopes).map_err(|bad| ApiError::Internal(format!("stored API key scope {bad:?}")))?;
            super::may_mint(&caller, scopes)?;
            if !api_keys::rotate(conn, caller.tenant, key, &prefix, &hash, grace_until, now)? {
                return Err(ApiError::NotFound { detail: "no unrevoked API key with that id exists in your account".into() });
            }
            let (kind, actor) = caller.caller.actor();
            Audit::new("api_key.rotated", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("api_key", key.0)
                .details(serde_json::json!({ "old_prefix": existing.prefix, "new_prefix": prefix, "grace_until": grace_until }))
                .request(request_id)
                .write(conn)?;
            api_keys::find(conn, caller.tenant, key)?.ok_or_else(|| ApiError::Internal("rotated key vanished".into()))
        })
        .await?;
    Ok(web::Json(RotatedApiKey {
        api_key: views::api_key(&rotated),
        secret: generated.secret,
        previous_secret_valid_until: grace_until,
    }))
}
