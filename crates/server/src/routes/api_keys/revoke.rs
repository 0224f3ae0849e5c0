//! `DELETE /api/v1/api-keys/{id}`.

use actix_web::{delete, web, HttpRequest, HttpResponse};
use ecom_domain::ApiKeyId;
use ecom_storage::api_keys;
use ecom_types::Problem;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::scopes::Scopes;
use crate::auth::{caller::request_id, AdminCaller, Caller};
use crate::error::ApiError;
use crate::state::AppState;

/// Revokes an API key at once; it stays listed as revoked. Revoking a
/// revoked key is harmless. An API key may revoke itself and keys within
/// its own scopes, never a wider one (`scopes_exceed_caller`).
#[utoipa::path(
    tag = "api-keys",
    params(("id" = Uuid, Path, description = "The key's id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 403, description = "Not the Administrator, or an API key revoking a key with scopes it does not have itself (`scopes_exceed_caller`)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such key in this tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[delete("/api-keys/{id}")]
pub async fn revoke(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminCaller(caller): AdminCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let key = ApiKeyId(id.into_inner());
    let now = state.clock.now();
    let request_id = request_id(&req);
    state
        .write(move |conn| {
            let existing = api_keys::find(conn, caller.tenant, key)?
                .ok_or_else(|| ApiError::not_found("API key"))?;
            // A narrow key must not switch off a wider integration.
            let itself = matches!(caller.caller, Caller::ApiKey { key: own, .. } if own == key);
            if !itself {
                let scopes = Scopes::parse(&existing.scopes)
                    .map_err(|bad| ApiError::Internal(format!("stored API key scope {bad:?}")))?;
                super::may_mint(&caller, scopes)?;
            }
            if api_keys::revoke(conn, caller.tenant, key, now)? {
                let (kind, actor) = caller.caller.actor();
                Audit::new("api_key.revoked", (kind, Some(actor)), now)
                    .tenant(caller.tenant)
                    .target("api_key", key.0)
                    .request(request_id)
                    .write(conn)?;
            }
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
