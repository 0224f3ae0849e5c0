//! The append-only audit log of security- and money-relevant actions.
//!
//! The schema refuses updates and deletes (triggers on both engines). Entries
//! name people by id only; details never carry secrets or personal data.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::TenantId;
use uuid::Uuid;

use crate::convert::{from_db, id_text, to_db};
use crate::schema::audit_log;
use crate::{DbConnection, StorageResult};

/// One audited action.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    pub occurred_at: DateTime<Utc>,
    pub tenant_id: Option<TenantId>,
    /// `user`, `api_key`, `operator`, `system` or `anonymous`.
    pub actor_kind: String,
    pub actor_id: Option<Uuid>,
    /// What happened, e.g. `auth.login_failed`, `api_key.created`.
    pub action: String,
    pub target_kind: Option<String>,
    pub target_id: Option<Uuid>,
    pub details: serde_json::Value,
    pub request_id: Option<String>,
}

pub fn append(conn: &mut DbConnection, entry: &AuditEntry) -> StorageResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::id.eq(id_text(Uuid::now_v7())),
            audit_log::occurred_at.eq(to_db(entry.occurred_at)),
            audit_log::tenant_id.eq(entry.tenant_id.map(|t| id_text(t.0))),
            audit_log::actor_kind.eq(&entry.actor_kind),
            audit_log::actor_id.eq(entry.actor_id.map(id_text)),
            audit_log::action.eq(&entry.action),
            audit_log::target_kind.eq(&entry.target_kind),
            audit_log::target_id.eq(entry.target_id.map(id_text)),
            audit_log::details.eq(entry.details.to_string()),
            audit_log::request_id.eq(&entry.request_id),
        ))
        .execute(conn)?;
    Ok(())
}

/// The tenant's audit trail, newest first: (when, action, actor kind).
pub fn list_for_tenant(
    conn: &mut DbConnection,
    tenant: TenantId,
    limit: i64,
) -> StorageResult<Vec<(DateTime<Utc>, String, String)>> {
    let rows: Vec<(NaiveDateTime, String, String)> = audit_log::table
        .filter(audit_log::tenant_id.eq(id_text(tenant.0)))
        .order((audit_log::occurred_at.desc(), audit_log::id.desc()))
        .limit(limit)
        .select((
            audit_log::occurred_at,
            audit_log::action,
            audit_log::actor_kind,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(at, action, actor)| (from_db(at), action, actor))
        .collect())
}

/// Every entry with this action, oldest first (platform-wide; operator tools and tests).
pub fn count_action(conn: &mut DbConnection, action: &str) -> StorageResult<i64> {
    Ok(audit_log::table
        .filter(audit_log::action.eq(action))
        .count()
        .get_result(conn)?)
}
