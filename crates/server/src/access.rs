//! Who may use an endpoint: the one check every module handler makes inside
//! its transaction, before reading or writing, and the scope an API key needs
//! for the endpoints outside the modules.
//!
//! [`require`] checks the API key's scope (`crm:read`, `crm:write`, ...) and
//! the subscription (the module must be in the contract, the account not
//! suspended, terms art. 1 and 11). Endpoints outside the modules (billing,
//! users, API keys, webhooks, export) are classified by path in
//! [`endpoint_scope`], checked when the caller is extracted.

use actix_web::http::Method;
use chrono::{DateTime, Utc};
use ecom_domain::contract::Module;
use ecom_storage::DbConnection;

use crate::auth::scopes::Scopes;
use crate::auth::{Caller, TenantCaller};
use crate::error::ApiError;

/// What the handler is about to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// Refuses with 403 (and a code saying why) unless `caller` may `access`
/// `module` at `now`: `missing_scope` for an API key without the module's
/// scope, otherwise the subscription's refusals.
pub fn require(
    conn: &mut DbConnection,
    caller: &TenantCaller,
    module: Module,
    access: Access,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    if let Caller::ApiKey { scopes, .. } = caller.caller {
        if let Some(scope) = Scopes::for_module(module, access) {
            check_scope(scopes, &scope)?;
        }
    }
    crate::subscription::require_module(conn, caller.tenant, module, now)
}

/// 403 `missing_scope` naming the scope the key lacks.
pub fn check_scope(scopes: Scopes, scope: &str) -> Result<(), ApiError> {
    if scopes.allows(scope) {
        return Ok(());
    }
    Err(ApiError::Forbidden {
        code: "missing_scope",
        detail: format!(
            "this API key lacks the scope '{scope}'; the Administrator can create a key with it (or rotate to one) on the API keys page"
        ),
    })
}

/// Refuses an API key caller without `scope`; people pass (their role is
/// checked by the extractors).
pub fn require_scope(caller: &TenantCaller, scope: &str) -> Result<(), ApiError> {
    match caller.caller {
        Caller::ApiKey { scopes, .. } => check_scope(scopes, scope),
        _ => Ok(()),
    }
}

/// What an API key needs for an endpoint, decided from its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndpointScope {
    /// Any key (e.g. `GET /api/v1/me`).
    Any,
    /// A module endpoint: its handler calls [`require`], which checks the scope.
    Module,
    /// This scope.
    Needs(String),
}

/// Path prefixes (under `/api/v1/`) of the tenant's modules, whose handlers
/// check scopes through [`require`]. A new module resource adds its prefix here.
pub const MODULE_PATHS: &[&str] = &[
    "contacts",
    "companies",
    "deals",
    "crm",
    "quotations",
    "sales-invoices",
    "invoicing",
    "customer-payments",
    "calendar",
    "events",
    "projects",
    "tasks",
    "time-entries",
    "tickets",
    "calls",
    "voip",
];

/// Endpoints outside the modules and the scope they need; GET/HEAD need the
/// `:read` variant where there is one.
const ENDPOINT_SCOPES: &[(&str, &str)] = &[
    ("users", "admin"),
    ("api-keys", "admin"),
    ("webhooks", "admin"),
    ("export", "admin"),
    ("exports", "admin"),
    ("audit", "admin"),
    ("privacy", "admin"),
    ("me/password", "admin"),
    ("me/communications", "admin"),
    ("contract", "billing"),
    ("invoices", "billing"),
    ("billing", "billing"),
    ("statement", "billing"),
    ("payment-method", "billing"),
    ("timeline", "billing"),
    ("change-notices", "billing"),
    ("catalogue", "billing"),
];

fn under(rest: &str, prefix: &str) -> bool {
    rest == prefix
        || rest
            .strip_prefix(prefix)
            .is_some_and(|tail| tail.starts_with('/'))
}

/// The scope an API key needs to call `method path`. Paths nobody listed
/// need `admin`: a narrow key is never let through by omission.
pub fn endpoint_scope(method: &Method, path: &str) -> EndpointScope {
    let Some(rest) = path.strip_prefix("/api/v1/") else {
        return EndpointScope::Any;
    };
    if rest == "me" {
        return EndpointScope::Any;
    }
    if MODULE_PATHS.iter().any(|p| under(rest, p)) {
        return EndpointScope::Module;
    }
    let read = matches!(*method, Method::GET | Method::HEAD);
    for (prefix, area) in ENDPOINT_SCOPES {
        if under(rest, prefix) {
            return EndpointScope::Needs(match *area {
                "billing" if read => "billing:read".into(),
                "billing" => "billing:write".into(),
                other => other.into(),
            });
        }
    }
    EndpointScope::Needs("admin".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_are_classified() {
        assert_eq!(
            endpoint_scope(&Method::GET, "/api/v1/me"),
            EndpointScope::Any
        );
        assert_eq!(
            endpoint_scope(&Method::POST, "/api/v1/contacts"),
            EndpointScope::Module
        );
        assert_eq!(
            endpoint_scope(&Method::GET, "/api/v1/contacts/1"),
            EndpointScope::Module
        );
        assert_eq!(
            endpoint_scope(&Method::GET, "/api/v1/invoices/1"),
            EndpointScope::Needs("billing:read".into())
        );
        assert_eq!(
            endpoint_scope(&Method::POST, "/api/v1/contract/cancel"),
            EndpointScope::Needs("billing:write".into())
        );
        assert_eq!(
            endpoint_scope(&Method::GET, "/api/v1/users"),
            EndpointScope::Needs("admin".into())
        );
        assert_eq!(
            endpoint_scope(&Method::POST, "/api/v1/me/password"),
            EndpointScope::Needs("admin".into())
        );
        // Not a prefix match on a longer word, and unknown paths need admin.
        assert_eq!(
            endpoint_scope(&Method::GET, "/api/v1/contactsx"),
            EndpointScope::Needs("admin".into())
        );
    }
}
