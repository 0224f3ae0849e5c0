//! Stored answers to requests sent with an `Idempotency-Key`.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::convert::to_db;
use crate::schema::idempotency_keys;
use crate::{DbConnection, StorageResult};

/// A stored answer: the hash of the request it answered, its status and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    pub request_hash: String,
    pub status: u16,
    pub body: String,
}

pub fn find(
    conn: &mut DbConnection,
    scope: &str,
    key: &str,
) -> StorageResult<Option<StoredResponse>> {
    let row: Option<(String, i32, String)> = idempotency_keys::table
        .filter(idempotency_keys::scope.eq(scope))
        .filter(idempotency_keys::idempotency_key.eq(key))
        .select((
            idempotency_keys::request_hash,
            idempotency_keys::status,
            idempotency_keys::body,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(|(request_hash, status, body)| StoredResponse {
        request_hash,
        status: u16::try_from(status).unwrap_or(500),
        body,
    }))
}

/// Stores the answer, in the transaction that did the work.
pub fn store(
    conn: &mut DbConnection,
    scope: &str,
    key: &str,
    response: &StoredResponse,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    diesel::insert_into(idempotency_keys::table)
        .values((
            idempotency_keys::scope.eq(scope),
            idempotency_keys::idempotency_key.eq(key),
            idempotency_keys::request_hash.eq(&response.request_hash),
            idempotency_keys::status.eq(i32::from(response.status)),
            idempotency_keys::body.eq(&response.body),
            idempotency_keys::created_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(())
}
