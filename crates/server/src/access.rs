//! Who may use a module endpoint: the one check every module handler makes
//! inside its transaction, before reading or writing.
//!
//! Today it checks the subscription (the module must be in the contract, the
//! account not suspended, terms art. 1 and 11). Scoped API keys (read/write
//! per module) plug in here, so handlers never change when scopes do.

use chrono::{DateTime, Utc};
use ecom_domain::contract::Module;
use ecom_storage::DbConnection;

use crate::auth::TenantCaller;
use crate::error::ApiError;

/// What the handler is about to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// Refuses with 403 (and a code saying why) unless `caller` may `access`
/// `module` at `now`.
pub fn require(conn: &mut DbConnection, caller: &TenantCaller, module: Module, access: Access, now: DateTime<Utc>) -> Result<(), ApiError> {
    let _ = access;
    crate::subscription::require_module(conn, caller.tenant, module, now)
}
