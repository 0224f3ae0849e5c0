//! The tenant's people, managed by the Administrator.

pub mod deactivate;
pub mod invite;
pub mod list;
pub mod reactivate;
pub mod reinvite;

use chrono::{DateTime, Duration, Utc};
use ecom_storage::{tenants, users, DbConnection};

use crate::auth::{random_token, secret_hash, TenantCaller};
use crate::error::ApiError;
use crate::settings::Settings;

/// A new invitation: the token to hand over, its stored hash and its expiry.
pub(crate) fn new_invitation(
    settings: &Settings,
    now: DateTime<Utc>,
) -> (String, String, DateTime<Utc>) {
    let token = random_token(32);
    let hash = secret_hash(&token);
    let expires = now + Duration::from_std(settings.invitation_ttl).unwrap_or(Duration::days(7));
    (token, hash, expires)
}

/// Queues the invitation e-mail to `recipient`, signed with the inviter's name.
pub(crate) fn queue_invitation(
    conn: &mut DbConnection,
    settings: &Settings,
    caller: &TenantCaller,
    recipient: &str,
    token: &str,
    expires: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let company = tenants::find(conn, caller.tenant)?
        .map(|t| t.name)
        .unwrap_or_default();
    let inviter = users::find(conn, caller.tenant, caller.user)?
        .map(|u| format!("{} {}", u.first_name, u.last_name))
        .unwrap_or_else(|| "Your Administrator".into());
    crate::notices::invitation(
        settings,
        caller.tenant,
        &company,
        &inviter,
        recipient,
        token,
        expires,
    )
    .queue(conn, now)?;
    Ok(())
}
