//! Operators: Ecom staff accounts. They manage the platform and never read a
//! tenant's customer data, so no repository here touches tenant-owned rows.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::OperatorId;

use crate::convert::{from_db, from_db_opt, id_text, parse_uuid, to_db};
use crate::schema::operators;
use crate::{DbConnection, StorageResult};

/// An operator account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    pub id: OperatorId,
    pub email: String,
    pub password_hash: String,
    pub failed_login_count: u32,
    pub locked_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub last_login_at: Option<DateTime<Utc>>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = operators)]
struct OperatorRow {
    id: String,
    email: String,
    password_hash: String,
    failed_login_count: i32,
    locked_until: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    last_login_at: Option<NaiveDateTime>,
}

impl OperatorRow {
    fn into_record(self) -> StorageResult<Operator> {
        Ok(Operator {
            id: OperatorId(parse_uuid(&self.id)?),
            email: self.email,
            password_hash: self.password_hash,
            failed_login_count: u32::try_from(self.failed_login_count).unwrap_or(0),
            locked_until: from_db_opt(self.locked_until),
            created_at: from_db(self.created_at),
            last_login_at: from_db_opt(self.last_login_at),
        })
    }
}

/// Creates an operator; `UniqueViolation` when the e-mail is taken.
pub fn insert(
    conn: &mut DbConnection,
    id: OperatorId,
    email: &str,
    password_hash: &str,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    diesel::insert_into(operators::table)
        .values((
            operators::id.eq(id_text(id.0)),
            operators::email.eq(email),
            operators::password_hash.eq(password_hash),
            operators::created_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> StorageResult<Option<Operator>> {
    operators::table
        .filter(operators::email.eq(email))
        .select(OperatorRow::as_select())
        .first(conn)
        .optional()?
        .map(OperatorRow::into_record)
        .transpose()
}

pub fn find(conn: &mut DbConnection, id: OperatorId) -> StorageResult<Option<Operator>> {
    operators::table
        .filter(operators::id.eq(id_text(id.0)))
        .select(OperatorRow::as_select())
        .first(conn)
        .optional()?
        .map(OperatorRow::into_record)
        .transpose()
}

pub fn record_failed_login(
    conn: &mut DbConnection,
    id: OperatorId,
    failed_count: u32,
    locked_until: Option<DateTime<Utc>>,
) -> StorageResult<()> {
    diesel::update(operators::table.filter(operators::id.eq(id_text(id.0))))
        .set((
            operators::failed_login_count.eq(i32::try_from(failed_count).unwrap_or(i32::MAX)),
            operators::locked_until.eq(locked_until.map(to_db)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn record_login(
    conn: &mut DbConnection,
    id: OperatorId,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    diesel::update(operators::table.filter(operators::id.eq(id_text(id.0))))
        .set((
            operators::failed_login_count.eq(0),
            operators::locked_until.eq(None::<NaiveDateTime>),
            operators::last_login_at.eq(Some(to_db(now))),
        ))
        .execute(conn)?;
    Ok(())
}
