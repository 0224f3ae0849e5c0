//! Opening, refreshing and ending log-in sessions.

use chrono::{DateTime, Duration, Utc};
use ecom_domain::SessionId;
use ecom_storage::sessions::{self, Subject};
use ecom_storage::{operators, tenants, users, DbConnection};
use ecom_types::auth::TokenPair;
use uuid::Uuid;

use super::tokens::{self, Claims, TokenKeys};
use super::{random_token, secret_hash};
use crate::error::ApiError;
use crate::settings::Settings;

fn chrono_duration(d: std::time::Duration) -> Duration {
    Duration::from_std(d).unwrap_or(Duration::MAX)
}

fn token_pair(
    conn: &mut DbConnection,
    keys: &TokenKeys,
    settings: &Settings,
    session: SessionId,
    subject: Subject,
    now: DateTime<Utc>,
    session_expires: DateTime<Utc>,
) -> Result<TokenPair, ApiError> {
    let refresh = random_token(32);
    let refresh_expires = (now + chrono_duration(settings.refresh_token_ttl)).min(session_expires);
    sessions::add_refresh_token(conn, session, &secret_hash(&refresh), now, refresh_expires)?;
    let access_ttl = chrono_duration(settings.access_token_ttl);
    let claims = match subject {
        Subject::User { tenant, user } => {
            Claims::new("user", user.0, Some(tenant.0), session.0, now, access_ttl)
        }
        Subject::Operator(op) => Claims::new("operator", op.0, None, session.0, now, access_ttl),
    };
    let access_token = tokens::encode(&claims, keys)
        .map_err(|e| ApiError::Internal(format!("jwt encode: {e}")))?;
    Ok(TokenPair {
        access_token,
        token_type: "Bearer".into(),
        expires_in: access_ttl.num_seconds(),
        refresh_token: refresh,
        refresh_expires_in: (refresh_expires - now).num_seconds(),
    })
}

/// Opens a new session for `subject` and returns its first token pair.
pub fn open(
    conn: &mut DbConnection,
    keys: &TokenKeys,
    settings: &Settings,
    subject: Subject,
    now: DateTime<Utc>,
) -> Result<(SessionId, TokenPair), ApiError> {
    let id = SessionId(Uuid::now_v7());
    let expires = now + chrono_duration(settings.session_max_age);
    sessions::create(conn, id, subject, now, expires)?;
    let pair = token_pair(conn, keys, settings, id, subject, now, expires)?;
    Ok((id, pair))
}

/// What presenting a refresh token led to.
pub enum Refreshed {
    /// The token was valid: here is the next pair.
    Rotated(SessionId, Subject, TokenPair),
    /// The token had been used before: it leaked, so its session was revoked.
    Reused(SessionId, Subject),
    /// Unknown, expired, or its session or account ended.
    Invalid,
}

/// Exchanges a refresh token for the next pair. Must run in a write
/// transaction; a reuse is reported as `Ok(Reused)` so the revocation commits.
pub fn refresh(
    conn: &mut DbConnection,
    keys: &TokenKeys,
    settings: &Settings,
    presented: &str,
    now: DateTime<Utc>,
) -> Result<Refreshed, ApiError> {
    let hash = secret_hash(presented);
    let Some(token) = sessions::find_refresh_token(conn, &hash)? else {
        return Ok(Refreshed::Invalid);
    };
    let session = token.session;
    if !session.is_live(now) {
        return Ok(Refreshed::Invalid);
    }
    if token.used_at.is_some() || !sessions::mark_refresh_token_used(conn, &hash, now)? {
        sessions::revoke(conn, session.id, now, "refresh token reused")?;
        return Ok(Refreshed::Reused(session.id, session.subject));
    }
    if now >= token.expires_at || !subject_may_log_in(conn, session.subject)? {
        return Ok(Refreshed::Invalid);
    }
    let pair = token_pair(
        conn,
        keys,
        settings,
        session.id,
        session.subject,
        now,
        session.expires_at,
    )?;
    Ok(Refreshed::Rotated(session.id, session.subject, pair))
}

/// Whether the account behind a session may still be used.
pub fn subject_may_log_in(conn: &mut DbConnection, subject: Subject) -> Result<bool, ApiError> {
    Ok(match subject {
        Subject::User { tenant, user } => {
            let user_ok = users::find(conn, tenant, user)?
                .is_some_and(|u| u.status == users::UserStatus::Active);
            user_ok && tenants::find(conn, tenant)?.is_some()
        }
        Subject::Operator(op) => operators::find(conn, op)?.is_some(),
    })
}
