//! `POST /api/v1/api-keys`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use ecom_domain::account::parse_text;
use ecom_domain::ApiKeyId;
use ecom_storage::api_keys::{self, ApiKey};
use ecom_types::auth::{CreateApiKeyRequest, CreatedApiKey, FULL_ACCESS_SCOPE};
use ecom_types::Problem;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::scopes::Scopes;
use crate::auth::{api_keys as key_format, caller::request_id, secret_hash, AdminCaller};
use crate::error::{ApiError, FieldChecks};
use crate::state::AppState;
use crate::views;

/// Creates an API key with the scopes the Administrator picks. The secret
/// is in this answer only: store it now. Scopes: `<module>:read|write`,
/// `billing:read|write`, `admin`, or `*` = **full access** (everything the
/// Administrator may do, terms art. 18); pick the fewest the integration
/// needs and keep the key as safe as a password.
#[utoipa::path(
    tag = "api-keys",
    request_body = CreateApiKeyRequest,
    responses(
        (status = 201, description = "Created; the secret is shown once", body = CreatedApiKey),
        (status = 403, description = "Not the Administrator, or an API key asking for scopes it does not have itself (`scopes_exceed_caller`)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid name, an unknown or missing scope, or an expiry in the past", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/api-keys")]
pub async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminCaller(caller): AdminCaller,
    body: crate::json_body::Json<CreateApiKeyRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let mut checks = FieldChecks::default();
    let name = checks.check("name", parse_text(&body.name, "the key's name", 100));
    if body.expires_at.is_some_and(|at| at <= now) {
        checks.push(
            "expires_at",
            "in_the_past",
            "the expiry must be in the future; leave it out for a key that does not expire",
        );
    }
    let mut scopes: Vec<String> = Vec::new();
    if body.scopes.is_empty() {
        checks.push(
            "scopes",
            "required",
            "pick at least one scope (e.g. crm:read), or \"*\" for full access",
        );
    }
    match Scopes::parse(&body.scopes) {
        Err(bad) => checks.push(
            "scopes",
            "unknown_scope",
            format!("unknown scope '{bad}'; see the list in the API documentation"),
        ),
        Ok(parsed) => {
            // Never more than the caller has (issue 12: an `admin` key minted `*`).
            super::may_mint(&caller, parsed)?;
            if parsed.is_full() {
                scopes.push(FULL_ACCESS_SCOPE.into());
            } else {
                for scope in body.scopes.iter() {
                    if !scopes.contains(scope) {
                        scopes.push(scope.clone());
                    }
                }
            }
        }
    }
    checks.finish()?;
    let Some(name) = name else {
        return Err(ApiError::Internal(
            "validation passed without a name".into(),
        ));
    };
    let generated = key_format::generate();
    let key = ApiKey {
        id: ApiKeyId(Uuid::now_v7()),
        tenant_id: caller.tenant,
        created_by: caller.user,
        name,
        prefix: generated.prefix.clone(),
        secret_hash: secret_hash(&generated.secret),
        scopes,
        created_at: now,
        expires_at: body.expires_at,
        last_used_at: None,
        last_used_country: None,
        revoked_at: None,
    };
    let request_id = request_id(&req);
    let stored = key.clone();
    state
        .write(move |conn| {
            api_keys::insert(conn, caller.tenant, &stored)?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("api_key.created", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("api_key", stored.id.0)
                .details(serde_json::json!({ "prefix": stored.prefix, "expires_at": stored.expires_at, "scopes": stored.scopes }))
                .request(request_id)
                .write(conn)
        })
        .await?;
    Ok(HttpResponse::Created().json(CreatedApiKey {
        api_key: views::api_key(&key),
        secret: generated.secret,
    }))
}
