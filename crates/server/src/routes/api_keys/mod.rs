//! API keys for integrations, managed by the Administrator.

pub mod create;
pub mod list;
pub mod revoke;
pub mod rotate;

use crate::auth::scopes::Scopes;
use crate::auth::{Caller, TenantCaller};
use crate::error::ApiError;

/// Refuses (403 `scopes_exceed_caller`) a key with more than the caller
/// has: an API key mints (creates or rotates) and revokes only keys within
/// its own scopes, `*` only from a `*` key; a person up to their role, and
/// only the Administrator reaches these endpoints (`AdminCaller`).
pub fn may_mint(caller: &TenantCaller, wanted: Scopes) -> Result<(), ApiError> {
    let own = match caller.caller {
        Caller::ApiKey { scopes, .. } => scopes,
        _ if caller.role.may_administer() => Scopes::FULL,
        _ => Scopes::default(),
    };
    if own.covers(wanted) {
        return Ok(());
    }
    let own = own.names().join(", ");
    Err(ApiError::Forbidden {
        code: "scopes_exceed_caller",
        detail: format!(
            "an API key can only create, rotate or revoke keys within its own scopes ({own}); log in as the Administrator to manage a wider key"
        ),
    })
}
