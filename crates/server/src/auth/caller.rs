//! Who is calling. One extractor understands user sessions, operator sessions
//! and API keys (`Authorization: Bearer <jwt or key>`); narrower extractors
//! say who may call a handler.

use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest, ResponseError};
use chrono::Duration;
use ecom_domain::{ApiKeyId, OperatorId, Role, SessionId, TenantId, UserId};
use ecom_storage::sessions::{self, Subject};
use ecom_storage::{api_keys, users};
use futures_util::future::LocalBoxFuture;

use super::scopes::Scopes;
use super::tokens::{self, TokenError};
use super::{api_keys as key_format, hashes_equal, secret_hash};
use crate::error::ApiError;
use crate::request_id::RequestId;
use crate::state::AppState;

/// An authenticated caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    /// A person of a tenant, logged in.
    User {
        tenant: TenantId,
        user: UserId,
        role: Role,
        session: SessionId,
    },
    /// An integration with an API key, acting with its creator's (current)
    /// role, narrowed to its scopes.
    ApiKey {
        tenant: TenantId,
        key: ApiKeyId,
        created_by: UserId,
        role: Role,
        scopes: Scopes,
    },
    /// Ecom staff, logged in.
    Operator {
        operator: OperatorId,
        session: SessionId,
    },
}

/// Audit fields for the caller: (actor kind, actor id).
impl Caller {
    pub fn actor(&self) -> (&'static str, uuid::Uuid) {
        match self {
            Caller::User { user, .. } => ("user", user.0),
            Caller::ApiKey { key, .. } => ("api_key", key.0),
            Caller::Operator { operator, .. } => ("operator", operator.0),
        }
    }
}

fn unauthorized(code: &'static str, detail: &str) -> ApiError {
    ApiError::Unauthorized {
        code,
        detail: detail.into(),
    }
}

/// API keys record their last use at most once a minute, so integrations that
/// call often do not turn every read into a write.
const LAST_USED_GRANULARITY_SECS: i64 = 60;

/// The caller's country as a trusted proxy reports it (e.g. `CF-IPCountry`),
/// when the server is told to trust such a header: two letters or nothing.
pub fn reported_country(req: &HttpRequest, state: &AppState) -> Option<String> {
    let header = state.settings.country_header.as_deref()?;
    let value = req
        .headers()
        .get(header)?
        .to_str()
        .ok()?
        .trim()
        .to_ascii_uppercase();
    (value.len() == 2 && value.bytes().all(|b| b.is_ascii_uppercase()) && value != "XX")
        .then_some(value)
}

async fn authenticate(
    state: web::Data<AppState>,
    header: Option<String>,
    country: Option<String>,
) -> Result<Caller, ApiError> {
    let header = header.ok_or_else(|| {
        unauthorized(
            "missing_credentials",
            "send 'Authorization: Bearer <access token or API key>'; log in at /api/v1/auth/login",
        )
    })?;
    let credential = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .ok_or_else(|| {
            unauthorized(
                "invalid_authorization_header",
                "the Authorization header must be 'Bearer <token>'",
            )
        })?
        .to_owned();
    let now = state.clock.now();

    if key_format::looks_like_key(&credential) {
        let prefix = key_format::prefix_of(&credential)
            .ok_or_else(|| {
                unauthorized(
                    "invalid_api_key",
                    "the API key is malformed; copy it again from where you stored it",
                )
            })?
            .to_owned();
        return state
            .read(move |conn| {
                let invalid = || unauthorized("invalid_api_key", "the API key is not valid");
                let key = match api_keys::find_by_prefix(conn, &prefix)? {
                    Some(key) if hashes_equal(&key.secret_hash, &secret_hash(&credential)) => key,
                    Some(_) => return Err(invalid()),
                    // A secret replaced by a rotation works until its grace period ends.
                    None => {
                        let previous = api_keys::find_previous_by_prefix(conn, &prefix)?.ok_or_else(invalid)?;
                        if !hashes_equal(&previous.secret_hash, &secret_hash(&credential)) {
                            return Err(invalid());
                        }
                        if previous.valid_until <= now {
                            return Err(unauthorized(
                                "api_key_rotated",
                                "this API key was rotated and its grace period is over; use the new secret",
                            ));
                        }
                        api_keys::find(conn, previous.tenant_id, previous.api_key_id)?.ok_or_else(invalid)?
                    }
                };
                if key.revoked_at.is_some() {
                    return Err(unauthorized("api_key_revoked", "this API key was revoked; ask the Administrator for a new one"));
                }
                if !key.is_usable(now) {
                    return Err(unauthorized("api_key_expired", "this API key has expired; ask the Administrator for a new one"));
                }
                let creator = users::find(conn, key.tenant_id, key.created_by)?
                    .filter(|u| u.status == users::UserStatus::Active)
                    .ok_or_else(|| unauthorized("api_key_creator_inactive", "the person who created this API key no longer has an active account"))?;
                // The API is a module (terms art. 1): a key works while the
                // subscription includes it (every module is open in the trial).
                crate::subscription::require_module(conn, key.tenant_id, ecom_domain::contract::Module::Api, now)?;
                if key.last_used_at.is_none_or(|at| now - at >= Duration::seconds(LAST_USED_GRANULARITY_SECS))
                    || key.last_used_country != country
                {
                    api_keys::touch(conn, key.tenant_id, key.id, now, country.as_deref())?;
                }
                let scopes = Scopes::parse(&key.scopes).map_err(|bad| ApiError::Internal(format!("stored API key scope {bad:?}")))?;
                Ok(Caller::ApiKey { tenant: key.tenant_id, key: key.id, created_by: creator.id, role: creator.role, scopes })
            })
            .await;
    }

    let claims = tokens::decode(&credential, &state.keys, now).map_err(|e| match e {
        TokenError::Expired => unauthorized(
            "token_expired",
            "the access token has expired; get a new one at /api/v1/auth/refresh",
        ),
        TokenError::Invalid => unauthorized(
            "invalid_token",
            "the access token is not valid; log in again",
        ),
    })?;
    state
        .read(move |conn| {
            let ended = || {
                unauthorized(
                    "session_ended",
                    "this session has ended (logged out or password changed); log in again",
                )
            };
            let session = sessions::find(conn, SessionId(claims.sid))?
                .filter(|s| s.is_live(now))
                .ok_or_else(ended)?;
            match (claims.kind.as_str(), session.subject) {
                ("user", Subject::User { tenant, user })
                    if user.0 == claims.sub && Some(tenant.0) == claims.tid =>
                {
                    let account = users::find(conn, tenant, user)?
                        .filter(|u| u.status == users::UserStatus::Active)
                        .ok_or_else(|| {
                            unauthorized("account_inactive", "this account has been deactivated")
                        })?;
                    Ok(Caller::User {
                        tenant,
                        user,
                        role: account.role,
                        session: session.id,
                    })
                }
                ("operator", Subject::Operator(operator)) if operator.0 == claims.sub => {
                    Ok(Caller::Operator {
                        operator,
                        session: session.id,
                    })
                }
                _ => Err(unauthorized(
                    "invalid_token",
                    "the access token is not valid; log in again",
                )),
            }
        })
        .await
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        if let Some(caller) = req.extensions().get::<Caller>() {
            let caller = *caller;
            return Box::pin(async move { Ok(caller) });
        }
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let header = req
            .headers()
            .get(actix_web::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let req = req.clone();
        Box::pin(async move {
            let state =
                state.ok_or_else(|| ApiError::Internal("application state missing".into()))?;
            let country = reported_country(&req, &state);
            let caller = authenticate(state, header, country).await?;
            req.extensions_mut().insert(caller);
            Ok(caller)
        })
    }
}

/// A caller acting inside a tenant: a user or an API key, never an operator.
#[derive(Debug, Clone, Copy)]
pub struct TenantCaller {
    pub caller: Caller,
    pub tenant: TenantId,
    pub role: Role,
    /// The person acting: the user, or the API key's creator.
    pub user: UserId,
}

impl FromRequest for TenantCaller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let caller = Caller::from_request(req, payload);
        let method = req.method().clone();
        let path = req.path().to_owned();
        Box::pin(async move {
            match caller.await? {
                c @ Caller::User { tenant, user, role, .. } => Ok(TenantCaller { caller: c, tenant, role, user }),
                c @ Caller::ApiKey { tenant, created_by, role, scopes, .. } => {
                    // Endpoints outside the modules need their scope here;
                    // module endpoints check theirs in `access::require`.
                    if let crate::access::EndpointScope::Needs(scope) = crate::access::endpoint_scope(&method, &path) {
                        crate::access::check_scope(scopes, &scope)?;
                    }
                    Ok(TenantCaller { caller: c, tenant, role, user: created_by })
                }
                Caller::Operator { .. } => Err(ApiError::Forbidden {
                    code: "operator_not_allowed",
                    detail: "operators manage the platform and cannot use a tenant's account or read its data".into(),
                }),
            }
        })
    }
}

/// The tenant's Administrator (or an API key created by them).
#[derive(Debug, Clone, Copy)]
pub struct AdminCaller(pub TenantCaller);

impl FromRequest for AdminCaller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let caller = TenantCaller::from_request(req, payload);
        Box::pin(async move {
            let caller = caller.await?;
            if !caller.role.may_administer() {
                return Err(ApiError::Forbidden {
                    code: "administrator_only",
                    detail:
                        "only the Administrator manages users, API keys, billing and termination"
                            .into(),
                });
            }
            Ok(AdminCaller(caller))
        })
    }
}

/// Ecom staff.
#[derive(Debug, Clone, Copy)]
pub struct OperatorCaller {
    pub operator: OperatorId,
    pub session: SessionId,
}

impl FromRequest for OperatorCaller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let caller = Caller::from_request(req, payload);
        Box::pin(async move {
            match caller.await? {
                Caller::Operator { operator, session } => Ok(OperatorCaller { operator, session }),
                _ => Err(operator_only()),
            }
        })
    }
}

fn operator_only() -> ApiError {
    ApiError::Forbidden {
        code: "operator_only",
        detail: "this endpoint is for Ecom's operators".into(),
    }
}

/// Middleware: every `/api/v1/operator/...` endpoint but the log-in is
/// refused (401, or 403 `operator_only`) before anything else about the
/// request is read. actix polls a handler's extractors together, and a bad
/// query or body is ready before the caller's database check, so a tenant
/// learnt the endpoint's parameters from 400/422 answers (issue 12). The
/// handlers still take [`OperatorCaller`]; this only decides first.
pub async fn operator_routes_first(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let path = req.path();
    // The dev clock's route does not exist without the flag: its 404 first.
    let no_clock = path == "/api/v1/operator/clock"
        && req
            .app_data::<web::Data<AppState>>()
            .is_some_and(|s| !s.clock.is_adjustable());
    let gated =
        path.starts_with("/api/v1/operator/") && path != "/api/v1/operator/auth/login" && !no_clock;
    if gated {
        let refusal = match req.extract::<Caller>().await {
            Ok(Caller::Operator { .. }) => None,
            Ok(_) => Some(operator_only()),
            Err(error) => Some(error),
        };
        if let Some(error) = refusal {
            let response = error.error_response();
            return Ok(req.into_response(response).map_into_boxed_body());
        }
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// The request id of the current request, for the audit log.
pub fn request_id(req: &HttpRequest) -> Option<String> {
    req.extensions().get::<RequestId>().map(|r| r.0.clone())
}
