//! Restriction of processing (GDPR art. 18): while a restriction is in
//! force, marketing and analytics must not use the person's data. Marketing
//! and analytics code asks [`is_restricted`] before using an address.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::convert::{id_text, to_db};
use crate::schema_retention::privacy_restrictions as r;
use crate::{DbConnection, StorageResult};

/// Puts a restriction in force for `email` (lower case); idempotent.
pub fn restrict(conn: &mut DbConnection, email: &str, request: Option<Uuid>, now: DateTime<Utc>) -> StorageResult<bool> {
    if is_restricted(conn, email)? {
        return Ok(false);
    }
    diesel::insert_into(r::table)
        .values((
            r::id.eq(id_text(Uuid::now_v7())),
            r::subject_email.eq(email),
            r::request_id.eq(request.map(id_text)),
            r::since.eq(to_db(now)),
            r::lifted_at.eq(None::<chrono::NaiveDateTime>),
        ))
        .execute(conn)?;
    Ok(true)
}

/// Lifts the restriction of `email`; returns whether one was in force.
pub fn lift(conn: &mut DbConnection, email: &str, now: DateTime<Utc>) -> StorageResult<bool> {
    let n = diesel::update(r::table.filter(r::subject_email.eq(email)).filter(r::lifted_at.is_null())).set(r::lifted_at.eq(Some(to_db(now)))).execute(conn)?;
    Ok(n > 0)
}

/// Whether marketing and analytics must leave `email` alone.
pub fn is_restricted(conn: &mut DbConnection, email: &str) -> StorageResult<bool> {
    let n: i64 = r::table.filter(r::subject_email.eq(email.trim().to_lowercase())).filter(r::lifted_at.is_null()).count().get_result(conn)?;
    Ok(n > 0)
}
