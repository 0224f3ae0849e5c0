//! Writing the audit log from handlers.

use chrono::{DateTime, Utc};
use ecom_domain::TenantId;
use ecom_storage::audit::{self, AuditEntry};
use ecom_storage::DbConnection;
use uuid::Uuid;

use crate::error::ApiError;

/// An audit record under construction.
pub struct Audit {
    entry: AuditEntry,
}

impl Audit {
    /// `action` is `area.verb`, e.g. `api_key.created`.
    pub fn new(action: &str, actor: (&str, Option<Uuid>), now: DateTime<Utc>) -> Self {
        Self {
            entry: AuditEntry {
                occurred_at: now,
                tenant_id: None,
                actor_kind: actor.0.into(),
                actor_id: actor.1,
                action: action.into(),
                target_kind: None,
                target_id: None,
                details: serde_json::json!({}),
                request_id: None,
            },
        }
    }

    /// The tenant concerned, if any.
    pub fn tenant(mut self, tenant: impl Into<Option<TenantId>>) -> Self {
        self.entry.tenant_id = tenant.into();
        self
    }

    pub fn target(mut self, kind: &str, id: Uuid) -> Self {
        self.entry.target_kind = Some(kind.into());
        self.entry.target_id = Some(id);
        self
    }

    /// Extra facts; never secrets or personal data.
    pub fn details(mut self, details: serde_json::Value) -> Self {
        self.entry.details = details;
        self
    }

    pub fn request(mut self, request_id: Option<String>) -> Self {
        self.entry.request_id = request_id;
        self
    }

    pub fn write(self, conn: &mut DbConnection) -> Result<(), ApiError> {
        audit::append(conn, &self.entry)?;
        Ok(())
    }
}
