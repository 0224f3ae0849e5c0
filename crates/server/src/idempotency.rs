//! `Idempotency-Key`: a request that creates something can be retried
//! safely. The first answer is stored with a hash of the request; the same
//! key again replays that answer (`Idempotent-Replayed: true`); the same key
//! with another body is 409.
//!
//! Two layers:
//! - [`middleware`], for every `POST` sent with the header: keys are scoped
//!   per caller (tenant and user or API key), method and path; the key is
//!   claimed before the handler runs, so a concurrent request with the same
//!   key gets 409 `idempotency_request_in_progress`; 5xx answers (and 401,
//!   429) are not stored, so they can be retried. Keys are kept 24 hours.
//! - the handler-level functions below ([`key`], [`replay`], [`remember`]),
//!   for endpoints where the header is required and the answer must be
//!   stored in the same transaction as the work (operator payments, the
//!   payment provider's webhook).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use ecom_storage::idempotency::{self, StoredResponse};
use ecom_storage::DbConnection;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::ApiError;

pub const HEADER: &str = "Idempotency-Key";

/// The request's key: required, 1 to 255 visible ASCII characters.
pub fn key(req: &HttpRequest) -> Result<String, ApiError> {
    let key = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or("");
    if key.is_empty() || key.len() > 255 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::BadRequest {
            code: "idempotency_key_required",
            detail: "send an 'Idempotency-Key' header (1 to 255 visible characters, e.g. a UUID) so the request can be retried safely".into(),
        });
    }
    Ok(key.to_owned())
}

/// A hash of what the request asks.
pub fn request_hash(body: &impl Serialize) -> String {
    hex::encode(Sha256::digest(serde_json::to_vec(body).unwrap_or_default()))
}

/// The answer to give: a fresh one or the stored one.
pub enum Answer {
    Fresh(StoredResponse),
    Replayed(StoredResponse),
}

/// The stored answer for `key`, if the same request was made before; 409
/// when the key was used for another request.
pub fn replay(
    conn: &mut DbConnection,
    scope: &str,
    key: &str,
    hash: &str,
) -> Result<Option<StoredResponse>, ApiError> {
    match idempotency::find(conn, scope, key)? {
        Some(stored) if stored.request_hash == hash => Ok(Some(stored)),
        Some(_) => Err(ApiError::Conflict {
            code: "idempotency_key_reused",
            detail: "this Idempotency-Key was already used for a different request; use a new key for a new request".into(),
            field: None,
        }),
        None => Ok(None),
    }
}

/// Stores `body` as the answer to `key` and returns it as fresh.
pub fn remember(
    conn: &mut DbConnection,
    scope: &str,
    key: &str,
    hash: &str,
    status: StatusCode,
    body: &impl Serialize,
    now: DateTime<Utc>,
) -> Result<Answer, ApiError> {
    let response = StoredResponse {
        request_hash: hash.to_owned(),
        status: status.as_u16(),
        body: serde_json::to_string(body).map_err(|e| ApiError::Internal(e.to_string()))?,
    };
    idempotency::store(conn, scope, key, &response, now)?;
    Ok(Answer::Fresh(response))
}

impl Answer {
    pub fn into_response(self) -> HttpResponse {
        let (stored, replayed) = match self {
            Answer::Fresh(s) => (s, false),
            Answer::Replayed(s) => (s, true),
        };
        let mut response =
            HttpResponse::build(StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK));
        response.content_type("application/json");
        if replayed {
            response.insert_header(("Idempotent-Replayed", "true"));
        }
        response.body(stored.body)
    }
}

// ------------------------------------------------------------ middleware

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, ResponseError};
use ecom_storage::idempotent_requests::{self, Stored};

use crate::auth::Caller;
use crate::state::AppState;

/// A claim older than this is taken to be abandoned (its server died).
const ABANDONED_AFTER_MINUTES: i64 = 5;

/// How long a key's answer is replayed. After that the key is forgotten: a
/// request with it runs again. The jobs delete older keys
/// ([`crate::jobs::Jobs::run_once`]); until they run, the lookup ignores them.
pub const KEPT_HOURS: i64 = 24;

fn caller_scope(caller: Option<Caller>, ip: Option<std::net::IpAddr>) -> String {
    match caller {
        Some(Caller::User { tenant, user, .. }) => format!("tenant:{tenant}:user:{user}"),
        Some(Caller::ApiKey { tenant, key, .. }) => format!("tenant:{tenant}:key:{key}"),
        Some(Caller::Operator { operator, .. }) => format!("operator:{operator}"),
        None => format!(
            "anonymous:{}",
            ip.map_or_else(|| "unknown".into(), |ip| ip.to_string())
        ),
    }
}

fn problem(req: ServiceRequest, error: ApiError) -> ServiceResponse<BoxBody> {
    req.into_response(error.error_response())
}

/// Middleware: idempotent `POST`s for requests with an `Idempotency-Key`.
pub async fn middleware(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let header = req.headers().get(HEADER).cloned();
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let (Some(header), Some(state), true) =
        (header, state, req.method() == actix_web::http::Method::POST)
    else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let key = match header.to_str().map(str::trim) {
        Ok(key)
            if !key.is_empty() && key.len() <= 255 && key.bytes().all(|b| b.is_ascii_graphic()) =>
        {
            key.to_owned()
        }
        _ => {
            return Ok(problem(
                req,
                ApiError::BadRequest {
                    code: "idempotency_key_invalid",
                    detail:
                        "the Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID"
                            .into(),
                },
            ))
        }
    };
    // The caller, if the credentials are good; bad ones are refused by the handler.
    let caller = req.extract::<Caller>().await.ok();
    let ip = crate::rate_limit::client_ip(req.request(), &state.settings);
    let scope = format!(
        "{}:{} {}",
        caller_scope(caller, ip),
        req.method(),
        req.path()
    );
    let body = match req.extract::<web::Bytes>().await {
        Ok(body) => body,
        Err(error) => return Ok(req.error_response(error)),
    };
    let mut hasher = Sha256::new();
    hasher.update(req.query_string().as_bytes());
    hasher.update(b"\n");
    hasher.update(&body);
    let hash = hex::encode(hasher.finalize());
    req.set_payload(actix_web::dev::Payload::from(body));

    let now = state.clock.now();
    let (claim_scope, claim_key, claim_hash) = (scope.clone(), key.clone(), hash.clone());
    let found = state
        .write(move |conn| {
            match idempotent_requests::find(conn, &claim_scope, &claim_key)? {
                Some(Stored::InProgress { started_at, .. })
                    if now - started_at > chrono::Duration::minutes(ABANDONED_AFTER_MINUTES) =>
                {
                    idempotent_requests::release(conn, &claim_scope, &claim_key)?;
                }
                Some(Stored::Done { stored_at, .. })
                    if now - stored_at >= chrono::Duration::hours(KEPT_HOURS) =>
                {
                    idempotent_requests::release(conn, &claim_scope, &claim_key)?;
                }
                Some(stored) => return Ok(Some(stored)),
                None => {}
            }
            idempotent_requests::claim(conn, &claim_scope, &claim_key, &claim_hash, now)?;
            Ok(None)
        })
        .await;
    let reused = || {
        ApiError::Conflict {
        code: "idempotency_key_reused",
        detail: "this Idempotency-Key was already used for a different request; use a new key for a new request".into(),
        field: None,
    }
    };
    let in_progress = || {
        ApiError::Conflict {
        code: "idempotency_request_in_progress",
        detail: "a request with this Idempotency-Key is still being processed; retry in a moment to get its answer".into(),
        field: None,
    }
    };
    match found {
        Ok(None) => {}
        Ok(Some(Stored::Done { request_hash, .. }))
        | Ok(Some(Stored::InProgress { request_hash, .. }))
            if request_hash != hash =>
        {
            return Ok(problem(req, reused()))
        }
        Ok(Some(Stored::InProgress { .. })) => return Ok(problem(req, in_progress())),
        Ok(Some(Stored::Done {
            status,
            content_type,
            body,
            ..
        })) => {
            let mut response =
                HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::OK));
            if let Some(content_type) = content_type {
                response.content_type(content_type);
            }
            response.insert_header(("Idempotent-Replayed", "true"));
            return Ok(req.into_response(response.body(body)));
        }
        // Two requests raced to claim the key: the loser waits for the winner's answer.
        Err(ApiError::Conflict { .. }) => return Ok(problem(req, in_progress())),
        Err(error) => return Ok(problem(req, error)),
    }

    let response = next.call(req).await;
    let release = |state: web::Data<AppState>, scope: String, key: String| async move {
        if let Err(error) = state
            .write(move |conn| Ok(idempotent_requests::release(conn, &scope, &key)?))
            .await
        {
            tracing::error!(%error, "could not release an idempotency key");
        }
    };
    let response = match response {
        Ok(response) => response,
        Err(error) => {
            release(state, scope, key).await;
            return Err(error);
        }
    };
    let status = response.status();
    if status.is_server_error()
        || status == StatusCode::TOO_MANY_REQUESTS
        || status == StatusCode::UNAUTHORIZED
    {
        release(state, scope, key).await;
        return Ok(response.map_into_boxed_body());
    }
    let (http_req, res) = response.into_parts();
    let (res, body) = res.into_parts();
    let bytes = match actix_web::body::to_bytes(body).await {
        Ok(bytes) => bytes,
        Err(_) => {
            release(state, scope, key).await;
            return Err(actix_web::error::ErrorInternalServerError("response body"));
        }
    };
    let content_type = res
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    match std::str::from_utf8(&bytes) {
        Ok(text) => {
            let text = text.to_owned();
            let code = status.as_u16();
            let stored = state
                .write(move |conn| {
                    Ok(idempotent_requests::complete(
                        conn,
                        &scope,
                        &key,
                        code,
                        content_type.as_deref(),
                        &text,
                    )?)
                })
                .await;
            if let Err(error) = stored {
                tracing::error!(%error, "could not store an idempotent answer");
            }
        }
        // Not text: not replayable; free the key.
        Err(_) => release(state, scope, key).await,
    }
    Ok(ServiceResponse::new(
        http_req,
        res.set_body(BoxBody::new(bytes)),
    ))
}
