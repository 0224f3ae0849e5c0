//! The tenant's people, managed by the Administrator.

pub mod deactivate;
pub mod invite;
pub mod list;
pub mod reactivate;
pub mod reinvite;

use chrono::{DateTime, Duration, Utc};

use crate::auth::{random_token, secret_hash};
use crate::settings::Settings;

/// A new invitation: the token to hand over, its stored hash and its expiry.
pub(crate) fn new_invitation(settings: &Settings, now: DateTime<Utc>) -> (String, String, DateTime<Utc>) {
    let token = random_token(32);
    let hash = secret_hash(&token);
    let expires = now + Duration::from_std(settings.invitation_ttl).unwrap_or(Duration::days(7));
    (token, hash, expires)
}
