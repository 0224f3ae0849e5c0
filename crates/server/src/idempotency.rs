//! `Idempotency-Key`: a request that creates something can be retried
//! safely. The first answer is stored with a hash of the request, in the
//! same transaction as the work; the same key again replays that answer
//! (`Idempotent-Replayed: true`); the same key with another body is 409.

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
    let key = req.headers().get(HEADER).and_then(|v| v.to_str().ok()).map(str::trim).unwrap_or("");
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
pub fn replay(conn: &mut DbConnection, scope: &str, key: &str, hash: &str) -> Result<Option<StoredResponse>, ApiError> {
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
        let mut response = HttpResponse::build(StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK));
        response.content_type("application/json");
        if replayed {
            response.insert_header(("Idempotent-Replayed", "true"));
        }
        response.body(stored.body)
    }
}
