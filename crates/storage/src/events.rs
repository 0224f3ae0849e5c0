//! The outbox of domain events: one row per change of a tenant's resource,
//! written in the transaction of the change. Webhooks (and anything else that
//! must hear about changes) read from here, so an event is never lost and
//! never announced for a change that was rolled back.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::TenantId;
use uuid::Uuid;

use crate::convert::{from_db, id_text, parse_uuid, to_db};
use crate::schema::domain_events;
use crate::{DbConnection, StorageResult};

/// One recorded change.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainEvent {
    pub id: Uuid,
    pub tenant_id: TenantId,
    /// `<resource>.<verb>`, e.g. `contact.created`.
    pub kind: String,
    pub resource_type: String,
    pub resource_id: Uuid,
    /// The resource as the API shows it after the change.
    pub payload: serde_json::Value,
    pub occurred_at: DateTime<Utc>,
}

pub fn append(conn: &mut DbConnection, event: &DomainEvent) -> StorageResult<()> {
    diesel::insert_into(domain_events::table)
        .values((
            domain_events::id.eq(id_text(event.id)),
            domain_events::tenant_id.eq(id_text(event.tenant_id.0)),
            domain_events::kind.eq(&event.kind),
            domain_events::resource_type.eq(&event.resource_type),
            domain_events::resource_id.eq(id_text(event.resource_id)),
            domain_events::payload.eq(event.payload.to_string()),
            domain_events::occurred_at.eq(to_db(event.occurred_at)),
        ))
        .execute(conn)?;
    Ok(())
}

#[derive(Queryable)]
struct EventRow {
    id: String,
    tenant_id: String,
    kind: String,
    resource_type: String,
    resource_id: String,
    payload: String,
    occurred_at: NaiveDateTime,
}

/// The tenant's events, oldest first (ids are time-ordered UUIDv7).
pub fn list_for_tenant(
    conn: &mut DbConnection,
    tenant: TenantId,
    limit: i64,
) -> StorageResult<Vec<DomainEvent>> {
    let rows: Vec<EventRow> = domain_events::table
        .filter(domain_events::tenant_id.eq(id_text(tenant.0)))
        .order(domain_events::id.asc())
        .limit(limit)
        .load(conn)?;
    rows.into_iter()
        .map(|r| {
            Ok(DomainEvent {
                id: parse_uuid(&r.id)?,
                tenant_id: TenantId(parse_uuid(&r.tenant_id)?),
                kind: r.kind,
                resource_type: r.resource_type,
                resource_id: parse_uuid(&r.resource_id)?,
                payload: serde_json::from_str(&r.payload)
                    .map_err(|e| crate::StorageError::Corrupt(format!("event payload: {e}")))?,
                occurred_at: from_db(r.occurred_at),
            })
        })
        .collect()
}
