//! Data-subject requests as stored. The rules (deadlines, verification)
//! live in `ecom_domain::retention::requests`.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::retention::requests::{RequestStatus, Right};
use ecom_domain::{TenantId, UserId};
use uuid::Uuid;

use crate::convert::{from_db, from_db_opt, id_text, parse_uuid, to_db};
use crate::schema_retention::privacy_requests as r;
use crate::{DbConnection, StorageError, StorageResult};

/// A request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivacyRequest {
    pub id: Uuid,
    /// Set when the person filed it from their account.
    pub account: Option<(TenantId, UserId)>,
    pub subject_email: String,
    pub right: Right,
    pub status: RequestStatus,
    /// `self` or `operator`.
    pub filed_by: String,
    pub details: Option<String>,
    pub received_at: DateTime<Utc>,
    pub due_at: DateTime<Utc>,
    pub extended_due_at: Option<DateTime<Utc>>,
    pub extension_reason: Option<String>,
    pub verified_at: Option<DateTime<Utc>>,
    pub verification_method: Option<String>,
    pub code_hash: Option<String>,
    pub code_expires_at: Option<DateTime<Utc>>,
    pub code_attempts: u32,
    /// JSON: what was done, item by item.
    pub outcome: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl PrivacyRequest {
    /// The deadline in force (extended or not).
    pub fn deadline(&self) -> DateTime<Utc> {
        self.extended_due_at.unwrap_or(self.due_at)
    }
}

#[derive(Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = r)]
#[diesel(treat_none_as_null = true)]
struct Row {
    id: String,
    tenant_id: Option<String>,
    user_id: Option<String>,
    subject_email: String,
    right_kind: String,
    status: String,
    filed_by: String,
    details: Option<String>,
    received_at: NaiveDateTime,
    due_at: NaiveDateTime,
    extended_due_at: Option<NaiveDateTime>,
    extension_reason: Option<String>,
    verified_at: Option<NaiveDateTime>,
    verification_method: Option<String>,
    code_hash: Option<String>,
    code_expires_at: Option<NaiveDateTime>,
    code_attempts: i32,
    outcome: Option<String>,
    closed_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl Row {
    fn from_record(q: &PrivacyRequest, now: DateTime<Utc>) -> Self {
        Row {
            id: id_text(q.id),
            tenant_id: q.account.map(|(t, _)| id_text(t.0)),
            user_id: q.account.map(|(_, u)| id_text(u.0)),
            subject_email: q.subject_email.clone(),
            right_kind: q.right.as_str().into(),
            status: q.status.as_str().into(),
            filed_by: q.filed_by.clone(),
            details: q.details.clone(),
            received_at: to_db(q.received_at),
            due_at: to_db(q.due_at),
            extended_due_at: q.extended_due_at.map(to_db),
            extension_reason: q.extension_reason.clone(),
            verified_at: q.verified_at.map(to_db),
            verification_method: q.verification_method.clone(),
            code_hash: q.code_hash.clone(),
            code_expires_at: q.code_expires_at.map(to_db),
            code_attempts: i32::try_from(q.code_attempts).unwrap_or(i32::MAX),
            outcome: q.outcome.clone(),
            closed_at: q.closed_at.map(to_db),
            created_at: to_db(q.created_at),
            updated_at: to_db(now),
        }
    }

    fn into_record(self) -> StorageResult<PrivacyRequest> {
        let account = match (self.tenant_id, self.user_id) {
            (Some(t), Some(u)) => Some((TenantId(parse_uuid(&t)?), UserId(parse_uuid(&u)?))),
            _ => None,
        };
        Ok(PrivacyRequest {
            id: parse_uuid(&self.id)?,
            account,
            subject_email: self.subject_email,
            right: Right::parse(&self.right_kind)
                .ok_or_else(|| StorageError::Corrupt(format!("right {:?}", self.right_kind)))?,
            status: RequestStatus::parse(&self.status).ok_or_else(|| {
                StorageError::Corrupt(format!("request status {:?}", self.status))
            })?,
            filed_by: self.filed_by,
            details: self.details,
            received_at: from_db(self.received_at),
            due_at: from_db(self.due_at),
            extended_due_at: from_db_opt(self.extended_due_at),
            extension_reason: self.extension_reason,
            verified_at: from_db_opt(self.verified_at),
            verification_method: self.verification_method,
            code_hash: self.code_hash,
            code_expires_at: from_db_opt(self.code_expires_at),
            code_attempts: u32::try_from(self.code_attempts).unwrap_or(0),
            outcome: self.outcome,
            closed_at: from_db_opt(self.closed_at),
            created_at: from_db(self.created_at),
        })
    }
}

pub fn insert(
    conn: &mut DbConnection,
    request: &PrivacyRequest,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    diesel::insert_into(r::table)
        .values(Row::from_record(request, now))
        .execute(conn)?;
    Ok(())
}

pub fn save(
    conn: &mut DbConnection,
    request: &PrivacyRequest,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    diesel::update(r::table.filter(r::id.eq(id_text(request.id))))
        .set(Row::from_record(request, now))
        .execute(conn)?;
    Ok(())
}

/// A person's own request: found only with their tenant and account.
pub fn find_for_user(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    id: Uuid,
) -> StorageResult<Option<PrivacyRequest>> {
    let row: Option<Row> = r::table
        .filter(r::id.eq(id_text(id)))
        .filter(r::tenant_id.eq(id_text(tenant.0)))
        .filter(r::user_id.eq(id_text(user.0)))
        .select(Row::as_select())
        .first(conn)
        .optional()?;
    row.map(Row::into_record).transpose()
}

/// The person's own requests, newest first.
pub fn list_for_user(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
) -> StorageResult<Vec<PrivacyRequest>> {
    let rows: Vec<Row> = r::table
        .filter(r::tenant_id.eq(id_text(tenant.0)))
        .filter(r::user_id.eq(id_text(user.0)))
        .order((r::received_at.desc(), r::id.desc()))
        .select(Row::as_select())
        .load(conn)?;
    rows.into_iter().map(Row::into_record).collect()
}

/// Operator only: any request.
pub fn find_for_operator(
    conn: &mut DbConnection,
    id: Uuid,
) -> StorageResult<Option<PrivacyRequest>> {
    let row: Option<Row> = r::table
        .filter(r::id.eq(id_text(id)))
        .select(Row::as_select())
        .first(conn)
        .optional()?;
    row.map(Row::into_record).transpose()
}

/// Operator only: the queue. Open requests first by deadline (extended one
/// when set), then closed ones newest first; `open_only` leaves closed ones out.
pub fn queue_for_operator(
    conn: &mut DbConnection,
    open_only: bool,
    limit: i64,
) -> StorageResult<Vec<PrivacyRequest>> {
    let mut query = r::table.select(Row::as_select()).into_boxed();
    if open_only {
        query = query.filter(r::status.eq_any([
            RequestStatus::AwaitingVerification.as_str(),
            RequestStatus::InProgress.as_str(),
        ]));
    }
    let rows: Vec<Row> = query
        .order((r::due_at.asc(), r::id.asc()))
        .limit(limit)
        .load(conn)?;
    let mut all = rows
        .into_iter()
        .map(Row::into_record)
        .collect::<StorageResult<Vec<_>>>()?;
    all.sort_by(|a, b| {
        b.status.is_open().cmp(&a.status.is_open()).then_with(|| {
            if a.status.is_open() {
                a.deadline().cmp(&b.deadline()).then(a.id.cmp(&b.id))
            } else {
                b.received_at.cmp(&a.received_at).then(a.id.cmp(&b.id))
            }
        })
    });
    Ok(all)
}
