//! The notice outbox and people's communication preferences.
//!
//! A notice is written in the same transaction as the event it reports, so
//! it is never lost; a worker delivers it later. Claiming a notice moves its
//! next attempt forward (a lease), so two workers never send the same notice
//! at once; an unreachable mail server is retried with back-off.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::{TenantId, UserId};
use uuid::Uuid;

use crate::convert::{from_db, from_db_opt, id_text, parse_uuid, to_db};
use crate::schema::{communication_preferences, notices};
use crate::{DbConnection, StorageError, StorageResult};

/// Where a notice is in its delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeStatus {
    Queued,
    Sent,
    /// Gave up after the last retry.
    Failed,
    /// Not sent: the person opted out of non-essential notices.
    Suppressed,
}

impl NoticeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeStatus::Queued => "queued",
            NoticeStatus::Sent => "sent",
            NoticeStatus::Failed => "failed",
            NoticeStatus::Suppressed => "suppressed",
        }
    }

    fn parse(raw: &str) -> StorageResult<Self> {
        Ok(match raw {
            "queued" => NoticeStatus::Queued,
            "sent" => NoticeStatus::Sent,
            "failed" => NoticeStatus::Failed,
            "suppressed" => NoticeStatus::Suppressed,
            other => return Err(StorageError::Corrupt(format!("notice status {other:?}"))),
        })
    }
}

/// A notice to enqueue.
#[derive(Debug, Clone)]
pub struct NewNotice {
    pub tenant_id: Option<TenantId>,
    pub recipient: String,
    /// e.g. `user_invited`, `trial_ending`.
    pub kind: String,
    /// Essential notices (required by the terms) ignore opt-outs.
    pub essential: bool,
    pub subject: String,
    pub body: String,
    /// Substituted for `{secret}` in the body when sending, then wiped.
    pub secret: Option<String>,
    /// At most one notice per key, ever.
    pub dedupe_key: Option<String>,
}

/// A stored notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: Uuid,
    pub tenant_id: Option<TenantId>,
    pub recipient: String,
    pub kind: String,
    pub essential: bool,
    pub subject: String,
    pub body: String,
    pub secret: Option<String>,
    pub status: NoticeStatus,
    pub attempts: u32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = notices)]
struct NoticeRow {
    id: String,
    tenant_id: Option<String>,
    recipient: String,
    kind: String,
    essential: bool,
    subject: String,
    body: String,
    secret: Option<String>,
    status: String,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    last_error: Option<String>,
    created_at: NaiveDateTime,
    sent_at: Option<NaiveDateTime>,
}

impl NoticeRow {
    fn into_record(self) -> StorageResult<Notice> {
        Ok(Notice {
            id: parse_uuid(&self.id)?,
            tenant_id: self
                .tenant_id
                .as_deref()
                .map(parse_uuid)
                .transpose()?
                .map(TenantId),
            recipient: self.recipient,
            kind: self.kind,
            essential: self.essential,
            subject: self.subject,
            body: self.body,
            secret: self.secret,
            status: NoticeStatus::parse(&self.status)?,
            attempts: u32::try_from(self.attempts).unwrap_or(0),
            next_attempt_at: from_db(self.next_attempt_at),
            last_error: self.last_error,
            created_at: from_db(self.created_at),
            sent_at: from_db_opt(self.sent_at),
        })
    }
}

/// Queues a notice. Returns false (and queues nothing) when a notice with the
/// same `dedupe_key` exists already.
pub fn enqueue(
    conn: &mut DbConnection,
    notice: &NewNotice,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    if let Some(key) = &notice.dedupe_key {
        let existing: i64 = notices::table
            .filter(notices::dedupe_key.eq(key))
            .count()
            .get_result(conn)?;
        if existing > 0 {
            return Ok(false);
        }
    }
    // A concurrent job may queue the same notice first.
    crate::insert_unless_exists(conn, |c| {
        diesel::insert_into(notices::table)
            .values((
                notices::id.eq(id_text(Uuid::now_v7())),
                notices::tenant_id.eq(notice.tenant_id.map(|t| id_text(t.0))),
                notices::recipient.eq(&notice.recipient),
                notices::kind.eq(&notice.kind),
                notices::essential.eq(notice.essential),
                notices::subject.eq(&notice.subject),
                notices::body.eq(&notice.body),
                notices::secret.eq(&notice.secret),
                notices::dedupe_key.eq(&notice.dedupe_key),
                notices::status.eq(NoticeStatus::Queued.as_str()),
                notices::next_attempt_at.eq(to_db(now)),
                notices::created_at.eq(to_db(now)),
            ))
            .execute(c)
    })
}

/// Claims up to `limit` due notices for delivery: each one's next attempt
/// moves `lease` ahead and its attempt count goes up, so another worker
/// skips it. Only notices this call claimed are returned.
pub fn claim_due(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> StorageResult<Vec<Notice>> {
    let candidates: Vec<NoticeRow> = notices::table
        .filter(notices::status.eq(NoticeStatus::Queued.as_str()))
        .filter(notices::next_attempt_at.le(to_db(now)))
        .order((notices::next_attempt_at.asc(), notices::id.asc()))
        .limit(limit)
        .select(NoticeRow::as_select())
        .load(conn)?;
    let mut claimed = Vec::new();
    for row in candidates {
        let won = diesel::update(
            notices::table
                .filter(notices::id.eq(&row.id))
                .filter(notices::status.eq(NoticeStatus::Queued.as_str()))
                .filter(notices::next_attempt_at.eq(row.next_attempt_at)),
        )
        .set((
            notices::next_attempt_at.eq(to_db(now + lease)),
            notices::attempts.eq(row.attempts + 1),
        ))
        .execute(conn)?;
        if won == 1 {
            let mut notice = row.into_record()?;
            notice.attempts += 1;
            claimed.push(notice);
        }
    }
    Ok(claimed)
}

pub fn mark_sent(conn: &mut DbConnection, id: Uuid, now: DateTime<Utc>) -> StorageResult<()> {
    diesel::update(notices::table.filter(notices::id.eq(id_text(id))))
        .set((
            notices::status.eq(NoticeStatus::Sent.as_str()),
            notices::sent_at.eq(Some(to_db(now))),
            notices::last_error.eq(None::<String>),
            notices::secret.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn mark_suppressed(conn: &mut DbConnection, id: Uuid) -> StorageResult<()> {
    diesel::update(notices::table.filter(notices::id.eq(id_text(id))))
        .set((
            notices::status.eq(NoticeStatus::Suppressed.as_str()),
            notices::secret.eq(None::<String>),
        ))
        .execute(conn)?;
    Ok(())
}

/// Records a failed attempt: retried at `retry_at`, or failed for good when `None`.
pub fn mark_attempt_failed(
    conn: &mut DbConnection,
    id: Uuid,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let status = if retry_at.is_some() {
        NoticeStatus::Queued
    } else {
        NoticeStatus::Failed
    };
    // A notice that will never be sent needs its secret no more.
    let secret_kept = retry_at.is_some();
    diesel::update(notices::table.filter(notices::id.eq(id_text(id))))
        .set((
            notices::status.eq(status.as_str()),
            notices::last_error.eq(Some(error)),
            notices::next_attempt_at.eq(to_db(retry_at.unwrap_or(now))),
        ))
        .execute(conn)?;
    if !secret_kept {
        diesel::update(notices::table.filter(notices::id.eq(id_text(id))))
            .set(notices::secret.eq(None::<String>))
            .execute(conn)?;
    }
    Ok(())
}

/// The tenant's notices, newest first.
pub fn list_for_tenant(
    conn: &mut DbConnection,
    tenant: TenantId,
    limit: i64,
) -> StorageResult<Vec<Notice>> {
    let rows: Vec<NoticeRow> = notices::table
        .filter(notices::tenant_id.eq(id_text(tenant.0)))
        .order((notices::created_at.desc(), notices::id.desc()))
        .limit(limit)
        .select(NoticeRow::as_select())
        .load(conn)?;
    rows.into_iter().map(NoticeRow::into_record).collect()
}

/// Whether this person opted out of non-essential notices. Unknown
/// recipients (not a user of the tenant) have not opted out.
pub fn opted_out_by_email(
    conn: &mut DbConnection,
    tenant: TenantId,
    email: &str,
) -> StorageResult<bool> {
    use crate::schema::users;
    let found: Option<bool> = communication_preferences::table
        .inner_join(users::table.on(users::id.eq(communication_preferences::user_id)))
        .filter(communication_preferences::tenant_id.eq(id_text(tenant.0)))
        .filter(users::email.eq(email))
        .select(communication_preferences::non_essential_opt_out)
        .first(conn)
        .optional()?;
    Ok(found.unwrap_or(false))
}

pub fn opted_out(conn: &mut DbConnection, tenant: TenantId, user: UserId) -> StorageResult<bool> {
    let found: Option<bool> = communication_preferences::table
        .filter(communication_preferences::tenant_id.eq(id_text(tenant.0)))
        .filter(communication_preferences::user_id.eq(id_text(user.0)))
        .select(communication_preferences::non_essential_opt_out)
        .first(conn)
        .optional()?;
    Ok(found.unwrap_or(false))
}

pub fn set_opt_out(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    opt_out: bool,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let (t, u) = (id_text(tenant.0), id_text(user.0));
    let updated = diesel::update(
        communication_preferences::table
            .filter(communication_preferences::tenant_id.eq(&t))
            .filter(communication_preferences::user_id.eq(&u)),
    )
    .set((
        communication_preferences::non_essential_opt_out.eq(opt_out),
        communication_preferences::updated_at.eq(to_db(now)),
    ))
    .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(communication_preferences::table)
            .values((
                communication_preferences::tenant_id.eq(t),
                communication_preferences::user_id.eq(u),
                communication_preferences::non_essential_opt_out.eq(opt_out),
                communication_preferences::updated_at.eq(to_db(now)),
            ))
            .execute(conn)?;
    }
    Ok(())
}
