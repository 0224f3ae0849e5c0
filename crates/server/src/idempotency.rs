//! `Idempotency-Key`: a request that creates something can be retried
//! safely. The first answer is stored with a hash of the request; the same
//! key again replays that answer (`Idempotent-Replayed: true`); the same key
//! with another body is 409.
//!
//! Two layers:
//! - [`middleware`], for every `POST` sent with the header: keys are scoped
//!   per caller (tenant and user or API key), method and path. The request
//!   runs in **one database transaction** that claims the key, does the
//!   handler's work and stores its answer ([`crate::db::RequestTx`]), so the
//!   effect and the answer commit together: a crash at any moment leaves
//!   either both (a retry replays the answer) or neither (a retry runs). A
//!   concurrent request with the same key waits for the first one's commit
//!   and replays its answer. 5xx answers (and 401, 429) are rolled back with
//!   their work, so they can be retried. Keys are kept 24 hours.
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
use base64::Engine as _;
use ecom_storage::idempotent_requests::{self, Stored};
use ecom_storage::{Database, PooledConnection};

use crate::auth::Caller;
use crate::db::RequestTx;
use crate::state::AppState;

/// How long a key's answer is replayed. After that the key is forgotten: a
/// request with it runs again. The jobs delete older keys
/// ([`crate::jobs::Jobs::run_once`]); until they run, the lookup ignores them.
pub const KEPT_HOURS: i64 = 24;

/// Marks a stored answer whose body is not UTF-8 text: the body is kept in
/// base64 and the marker is appended to its content type.
const BASE64_MARKER: &str = ";ecom-stored=base64";

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

fn reused() -> ApiError {
    ApiError::Conflict {
        code: "idempotency_key_reused",
        detail: "this Idempotency-Key was already used for a different request; use a new key for a new request".into(),
        field: None,
    }
}

/// One idempotent request: its key, scope and request hash.
#[derive(Clone)]
struct Claim {
    scope: String,
    key: String,
    hash: String,
}

/// What the key's row says when the request's transaction opens.
enum Opened {
    /// The key is this request's: it runs in the transaction on this connection.
    Claimed(PooledConnection),
    /// The same request was answered before: replay that answer.
    Replay {
        status: u16,
        content_type: Option<String>,
        body: String,
    },
    /// The key was used for another request.
    Reused,
}

/// Opens the request's transaction and claims the key in it. On PostgreSQL a
/// concurrent claim of the same key makes the insert wait for the other
/// transaction; when that one commits, its answer is read and replayed.
fn open(db: &Database, claim: &Claim, now: DateTime<Utc>) -> Result<Opened, ApiError> {
    let mut conn = db.get()?;
    ecom_storage::begin_write(&mut conn)?;
    match claim_in(&mut conn, claim, now) {
        Ok(None) => Ok(Opened::Claimed(conn)),
        Ok(Some(answer)) => {
            ecom_storage::rollback(&mut conn);
            Ok(answer)
        }
        Err(error) => {
            ecom_storage::rollback(&mut conn);
            Err(error)
        }
    }
}

fn claim_in(
    conn: &mut ecom_storage::DbConnection,
    claim: &Claim,
    now: DateTime<Utc>,
) -> Result<Option<Opened>, ApiError> {
    let Claim { scope, key, hash } = claim;
    // Twice at most: the second look reads the answer of a concurrent request
    // whose claim won the race.
    for _ in 0..2 {
        match idempotent_requests::find(conn, scope, key)? {
            Some(Stored::Done { stored_at, .. })
                if now - stored_at >= chrono::Duration::hours(KEPT_HOURS) =>
            {
                idempotent_requests::release(conn, scope, key)?;
            }
            Some(Stored::Done { request_hash, .. }) if request_hash != *hash => {
                return Ok(Some(Opened::Reused))
            }
            Some(Stored::Done {
                status,
                content_type,
                body,
                ..
            }) => {
                return Ok(Some(Opened::Replay {
                    status,
                    content_type,
                    body,
                }))
            }
            // Left by a server that claimed keys before running the request
            // (older versions): its work was never tied to the key. Forget it.
            Some(Stored::InProgress { .. }) => idempotent_requests::release(conn, scope, key)?,
            None => {}
        }
        if idempotent_requests::claim(conn, scope, key, hash, now)? {
            return Ok(None);
        }
    }
    Err(ApiError::Conflict {
        code: "idempotency_request_in_progress",
        detail: "a request with this Idempotency-Key is still being processed; retry in a moment to get its answer".into(),
        field: None,
    })
}

/// Stores the answer and commits the request's transaction: the work and its
/// answer become durable together.
fn finish(
    mut conn: PooledConnection,
    claim: &Claim,
    status: u16,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<(), ApiError> {
    let (content_type, text) = match std::str::from_utf8(body) {
        Ok(text) => (content_type.map(str::to_owned), text.to_owned()),
        Err(_) => (
            Some(format!("{}{BASE64_MARKER}", content_type.unwrap_or(""))),
            base64::engine::general_purpose::STANDARD.encode(body),
        ),
    };
    let stored = idempotent_requests::complete(
        &mut conn,
        &claim.scope,
        &claim.key,
        status,
        content_type.as_deref(),
        &text,
    )
    .map_err(ApiError::from)
    .and_then(|()| Ok(ecom_storage::commit(&mut conn)?));
    if stored.is_err() {
        ecom_storage::rollback(&mut conn);
    }
    stored
}

fn replayed(status: u16, content_type: Option<String>, body: String) -> HttpResponse {
    let mut response = HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::OK));
    response.insert_header(("Idempotent-Replayed", "true"));
    match content_type {
        Some(ct) if ct.ends_with(BASE64_MARKER) => {
            let ct = ct.trim_end_matches(BASE64_MARKER);
            if !ct.is_empty() {
                response.content_type(ct.to_owned());
            }
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(body.as_bytes())
                .unwrap_or_default();
            response.body(bytes)
        }
        Some(ct) => {
            response.content_type(ct);
            response.body(body)
        }
        None => response.body(body),
    }
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
    let claim = match read_claim(&mut req, &header, &state).await {
        Ok(claim) => claim,
        Err(refused) => return Ok(req.into_response(refused)),
    };
    let now = state.clock.now();
    let (db, opening) = (state.db.clone(), claim.clone());
    let opened = web::block(move || open(&db, &opening, now))
        .await
        .map_err(ApiError::from)
        .and_then(|opened| opened);
    let conn = match opened {
        Ok(Opened::Claimed(conn)) => conn,
        Ok(Opened::Replay {
            status,
            content_type,
            body,
        }) => return Ok(req.into_response(replayed(status, content_type, body))),
        Ok(Opened::Reused) => return Ok(problem(req, reused())),
        Err(error) => return Ok(problem(req, error)),
    };

    let tx = RequestTx::new(conn);
    let response = tx.scope(next.call(req)).await;
    let conn = tx.into_connection().await;
    let abandon = |conn: Option<PooledConnection>| async move {
        if let Some(mut conn) = conn {
            let _ = web::block(move || ecom_storage::rollback(&mut conn)).await;
        }
    };
    let response = match response {
        Ok(response) => response,
        Err(error) => {
            abandon(conn).await;
            return Err(error);
        }
    };
    let status = response.status();
    if status.is_server_error()
        || status == StatusCode::TOO_MANY_REQUESTS
        || status == StatusCode::UNAUTHORIZED
    {
        abandon(conn).await;
        return Ok(response.map_into_boxed_body());
    }
    let (http_req, res) = response.into_parts();
    let (res, body) = res.into_parts();
    let (Some(conn), Ok(bytes)) = (conn, actix_web::body::to_bytes(body).await) else {
        // The transaction or the answer was lost: nothing was committed.
        return Ok(ServiceResponse::new(
            http_req,
            ApiError::Internal("an idempotent request lost its transaction or its answer".into())
                .error_response(),
        ));
    };
    let content_type = res
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let stored = bytes.clone();
    let code = status.as_u16();
    let committed =
        web::block(move || finish(conn, &claim, code, content_type.as_deref(), &stored))
            .await
            .map_err(ApiError::from)
            .and_then(|done| done);
    if let Err(error) = committed {
        // Not committed: neither the work nor the answer happened.
        return Ok(ServiceResponse::new(http_req, error.error_response()));
    }
    Ok(ServiceResponse::new(
        http_req,
        res.set_body(BoxBody::new(bytes)),
    ))
}

/// The key, its scope (caller, method, path) and the request's hash (query
/// and body); the body is put back for the handler.
async fn read_claim(
    req: &mut ServiceRequest,
    header: &actix_web::http::header::HeaderValue,
    state: &web::Data<AppState>,
) -> Result<Claim, HttpResponse> {
    let key = match header.to_str().map(str::trim) {
        Ok(key)
            if !key.is_empty() && key.len() <= 255 && key.bytes().all(|b| b.is_ascii_graphic()) =>
        {
            key.to_owned()
        }
        _ => {
            return Err(ApiError::BadRequest {
                code: "idempotency_key_invalid",
                detail:
                    "the Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID"
                        .into(),
            }
            .error_response())
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
    let body = req
        .extract::<web::Bytes>()
        .await
        .map_err(|error| error.error_response())?;
    let mut hasher = Sha256::new();
    hasher.update(req.query_string().as_bytes());
    hasher.update(b"\n");
    hasher.update(&body);
    let hash = hex::encode(hasher.finalize());
    req.set_payload(actix_web::dev::Payload::from(body));
    Ok(Claim { scope, key, hash })
}
