//! Server-generated secrets, shared by every instance on the same database.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::convert::to_db;
use crate::schema::server_secrets;
use crate::{DbConnection, StorageError, StorageResult};

/// The secret called `name`, created from `generate` on first use. Two
/// instances racing to create it both end up with the stored one.
pub fn get_or_create(
    conn: &mut DbConnection,
    name: &str,
    now: DateTime<Utc>,
    generate: impl FnOnce() -> String,
) -> StorageResult<String> {
    let existing: Option<String> = server_secrets::table
        .filter(server_secrets::name.eq(name))
        .select(server_secrets::value)
        .first(conn)
        .optional()?;
    if let Some(value) = existing {
        return Ok(value);
    }
    let inserted = diesel::insert_into(server_secrets::table)
        .values((
            server_secrets::name.eq(name),
            server_secrets::value.eq(generate()),
            server_secrets::created_at.eq(to_db(now)),
        ))
        .execute(conn);
    match inserted {
        Ok(_)
        | Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => {}
        Err(other) => return Err(other.into()),
    }
    server_secrets::table
        .filter(server_secrets::name.eq(name))
        .select(server_secrets::value)
        .first(conn)
        .map_err(StorageError::from)
}
