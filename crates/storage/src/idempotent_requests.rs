//! Stored answers of the generic `Idempotency-Key` middleware: one row per
//! (scope, key), claimed and completed with the answer in the request's own
//! transaction, so a committed row always carries its answer. (Servers
//! before that design committed the claim first: such rows read as
//! [`Stored::InProgress`].)

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::convert::to_db;
use crate::schema_integrations::idempotent_requests as t;
use crate::{DbConnection, StorageResult};

/// What is stored under a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stored {
    /// The first request with this key has not finished yet.
    InProgress {
        request_hash: String,
        started_at: DateTime<Utc>,
    },
    /// Its answer.
    Done {
        request_hash: String,
        status: u16,
        content_type: Option<String>,
        body: String,
        /// When the first request claimed the key.
        stored_at: DateTime<Utc>,
    },
}

pub fn find(conn: &mut DbConnection, scope: &str, key: &str) -> StorageResult<Option<Stored>> {
    let row: Option<(
        String,
        i32,
        Option<String>,
        Option<String>,
        chrono::NaiveDateTime,
    )> = t::table
        .filter(t::scope.eq(scope))
        .filter(t::idempotency_key.eq(key))
        .select((
            t::request_hash,
            t::status,
            t::content_type,
            t::body,
            t::created_at,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(
        |(request_hash, status, content_type, body, created_at)| match status {
            0 => Stored::InProgress {
                request_hash,
                started_at: created_at.and_utc(),
            },
            status => Stored::Done {
                request_hash,
                status: u16::try_from(status).unwrap_or(500),
                content_type,
                body: body.unwrap_or_default(),
                stored_at: created_at.and_utc(),
            },
        },
    ))
}

/// Claims the key for a request about to run, in the request's own
/// transaction. False when another request holds it: on PostgreSQL the
/// insert waits until that request's transaction ends and is refused if it
/// committed; the refusal is taken in a savepoint, so the caller's
/// transaction stays usable.
pub fn claim(
    conn: &mut DbConnection,
    scope: &str,
    key: &str,
    request_hash: &str,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    crate::insert_unless_exists(conn, |conn| {
        diesel::insert_into(t::table)
            .values((
                t::scope.eq(scope),
                t::idempotency_key.eq(key),
                t::request_hash.eq(request_hash),
                t::status.eq(0),
                t::created_at.eq(to_db(now)),
            ))
            .execute(conn)
    })
}

/// Stores the answer of the request that claimed the key.
pub fn complete(
    conn: &mut DbConnection,
    scope: &str,
    key: &str,
    status: u16,
    content_type: Option<&str>,
    body: &str,
) -> StorageResult<()> {
    diesel::update(
        t::table
            .filter(t::scope.eq(scope))
            .filter(t::idempotency_key.eq(key)),
    )
    .set((
        t::status.eq(i32::from(status)),
        t::content_type.eq(content_type),
        t::body.eq(Some(body)),
    ))
    .execute(conn)?;
    Ok(())
}

/// Frees the key (the request failed in a way worth retrying).
pub fn release(conn: &mut DbConnection, scope: &str, key: &str) -> StorageResult<()> {
    diesel::delete(
        t::table
            .filter(t::scope.eq(scope))
            .filter(t::idempotency_key.eq(key)),
    )
    .execute(conn)?;
    Ok(())
}

/// Forgets keys older than `before`.
pub fn purge(conn: &mut DbConnection, before: DateTime<Utc>) -> StorageResult<usize> {
    Ok(diesel::delete(t::table.filter(t::created_at.lt(to_db(before)))).execute(conn)?)
}
