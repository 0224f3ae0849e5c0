//! Log-in sessions and their rotating refresh tokens.
//!
//! A session is one chain of refresh tokens; each token is used once and
//! replaced. Using a token twice means it leaked: the whole session is
//! revoked. Access tokens name their session, so revoking it ends them too.
//! Only hashes of refresh tokens are stored.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::{OperatorId, SessionId, TenantId, UserId};

use crate::convert::{from_db, from_db_opt, id_text, parse_uuid, to_db};
use crate::schema::{refresh_tokens, sessions};
use crate::{DbConnection, StorageError, StorageResult};

/// Whose session it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    User { tenant: TenantId, user: UserId },
    Operator(OperatorId),
}

/// A session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: SessionId,
    pub subject: Subject,
    pub created_at: DateTime<Utc>,
    /// The session cannot be refreshed past this, however active.
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl Session {
    pub fn is_live(&self, now: DateTime<Utc>) -> bool {
        self.revoked_at.is_none() && now < self.expires_at
    }
}

/// A refresh token's state, found by its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshToken {
    pub session: Session,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = sessions)]
struct SessionRow {
    id: String,
    subject_kind: String,
    subject_id: String,
    tenant_id: Option<String>,
    created_at: NaiveDateTime,
    expires_at: NaiveDateTime,
    revoked_at: Option<NaiveDateTime>,
}

impl SessionRow {
    fn into_record(self) -> StorageResult<Session> {
        let subject_id = parse_uuid(&self.subject_id)?;
        let subject = match (self.subject_kind.as_str(), self.tenant_id) {
            ("user", Some(tenant)) => Subject::User {
                tenant: TenantId(parse_uuid(&tenant)?),
                user: UserId(subject_id),
            },
            ("operator", None) => Subject::Operator(OperatorId(subject_id)),
            (kind, _) => return Err(StorageError::Corrupt(format!("session subject {kind:?}"))),
        };
        Ok(Session {
            id: SessionId(parse_uuid(&self.id)?),
            subject,
            created_at: from_db(self.created_at),
            expires_at: from_db(self.expires_at),
            revoked_at: from_db_opt(self.revoked_at),
        })
    }
}

/// Opens a session with its first refresh token.
pub fn create(
    conn: &mut DbConnection,
    id: SessionId,
    subject: Subject,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StorageResult<()> {
    let (kind, subject_id, tenant) = match subject {
        Subject::User { tenant, user } => ("user", user.0, Some(id_text(tenant.0))),
        Subject::Operator(op) => ("operator", op.0, None),
    };
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(id_text(id.0)),
            sessions::subject_kind.eq(kind),
            sessions::subject_id.eq(id_text(subject_id)),
            sessions::tenant_id.eq(tenant),
            sessions::created_at.eq(to_db(now)),
            sessions::expires_at.eq(to_db(expires_at)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn add_refresh_token(
    conn: &mut DbConnection,
    session: SessionId,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> StorageResult<()> {
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::token_hash.eq(token_hash),
            refresh_tokens::session_id.eq(id_text(session.0)),
            refresh_tokens::issued_at.eq(to_db(now)),
            refresh_tokens::expires_at.eq(to_db(expires_at)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, id: SessionId) -> StorageResult<Option<Session>> {
    sessions::table
        .filter(sessions::id.eq(id_text(id.0)))
        .select(SessionRow::as_select())
        .first(conn)
        .optional()?
        .map(SessionRow::into_record)
        .transpose()
}

/// Authentication only: the refresh token with this hash and its session.
pub fn find_refresh_token(
    conn: &mut DbConnection,
    token_hash: &str,
) -> StorageResult<Option<RefreshToken>> {
    let found: Option<(NaiveDateTime, Option<NaiveDateTime>, SessionRow)> = refresh_tokens::table
        .inner_join(sessions::table)
        .filter(refresh_tokens::token_hash.eq(token_hash))
        .select((
            refresh_tokens::expires_at,
            refresh_tokens::used_at,
            SessionRow::as_select(),
        ))
        .first(conn)
        .optional()?;
    found
        .map(|(expires_at, used_at, session)| {
            Ok(RefreshToken {
                session: session.into_record()?,
                expires_at: from_db(expires_at),
                used_at: from_db_opt(used_at),
            })
        })
        .transpose()
}

/// Marks a refresh token used. Returns false when it already was (a replay,
/// or a concurrent refresh that won the race).
pub fn mark_refresh_token_used(
    conn: &mut DbConnection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let updated = diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::token_hash.eq(token_hash))
            .filter(refresh_tokens::used_at.is_null()),
    )
    .set(refresh_tokens::used_at.eq(Some(to_db(now))))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Ends a session: its refresh tokens and access tokens stop working.
pub fn revoke(
    conn: &mut DbConnection,
    id: SessionId,
    now: DateTime<Utc>,
    reason: &str,
) -> StorageResult<()> {
    diesel::update(
        sessions::table
            .filter(sessions::id.eq(id_text(id.0)))
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::revoked_at.eq(Some(to_db(now))),
        sessions::revoke_reason.eq(Some(reason)),
    ))
    .execute(conn)?;
    Ok(())
}

/// Ends every session of a user (password change, deactivation).
pub fn revoke_all_for_user(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    now: DateTime<Utc>,
    reason: &str,
) -> StorageResult<usize> {
    Ok(diesel::update(
        sessions::table
            .filter(sessions::tenant_id.eq(id_text(tenant.0)))
            .filter(sessions::subject_kind.eq("user"))
            .filter(sessions::subject_id.eq(id_text(user.0)))
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::revoked_at.eq(Some(to_db(now))),
        sessions::revoke_reason.eq(Some(reason)),
    ))
    .execute(conn)?)
}

/// Ends every session of every account of a tenant.
pub fn revoke_all_for_tenant(
    conn: &mut DbConnection,
    tenant: TenantId,
    now: DateTime<Utc>,
    reason: &str,
) -> StorageResult<usize> {
    Ok(diesel::update(
        sessions::table
            .filter(sessions::tenant_id.eq(id_text(tenant.0)))
            .filter(sessions::revoked_at.is_null()),
    )
    .set((
        sessions::revoked_at.eq(Some(to_db(now))),
        sessions::revoke_reason.eq(Some(reason)),
    ))
    .execute(conn)?)
}
