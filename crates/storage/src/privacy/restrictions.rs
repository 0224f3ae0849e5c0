//! Restriction of processing (GDPR art. 18): while a restriction is in
//! force, marketing and analytics must not use the person's data. Marketing
//! and analytics code asks [`is_restricted`] before using an address.
//!
//! One restriction, two keys: the request is by e-mail address (here), the
//! marketing send checks the account (`consent::is_restricted`, by tenant
//! and user). [`restrict`] and [`lift`] therefore also restrict or lift
//! every account with that address in the consent store, in the same
//! transaction.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use ecom_domain::{TenantId, UserId};

use crate::convert::{id_text, to_db};
use crate::schema_retention::privacy_restrictions as r;
use crate::{DbConnection, StorageResult};

/// Puts a restriction in force for `email` (lower case); idempotent.
pub fn restrict(
    conn: &mut DbConnection,
    email: &str,
    request: Option<Uuid>,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    for (tenant, user) in accounts(conn, email)? {
        crate::consent::restrict(conn, tenant, user, now)?;
    }
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
    let n = diesel::update(
        r::table
            .filter(r::subject_email.eq(email))
            .filter(r::lifted_at.is_null()),
    )
    .set(r::lifted_at.eq(Some(to_db(now))))
    .execute(conn)?;
    if n > 0 {
        for (tenant, user) in accounts(conn, email)? {
            crate::consent::lift_restriction(conn, tenant, user)?;
        }
    }
    Ok(n > 0)
}

/// Whether marketing and analytics must leave `email` alone.
pub fn is_restricted(conn: &mut DbConnection, email: &str) -> StorageResult<bool> {
    let n: i64 = r::table
        .filter(r::subject_email.eq(email.trim().to_lowercase()))
        .filter(r::lifted_at.is_null())
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The accounts (tenant, user) with the e-mail address `email`.
fn accounts(conn: &mut DbConnection, email: &str) -> StorageResult<Vec<(TenantId, UserId)>> {
    use crate::schema::users;
    let rows: Vec<(String, String)> = users::table
        .filter(users::email.eq(email.trim().to_lowercase()))
        .select((users::tenant_id, users::id))
        .load(conn)?;
    let mut out = Vec::with_capacity(rows.len());
    for (tenant, user) in rows {
        out.push((
            TenantId(crate::convert::parse_uuid(&tenant)?),
            UserId(crate::convert::parse_uuid(&user)?),
        ));
    }
    Ok(out)
}
