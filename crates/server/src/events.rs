//! Recording domain events in the outbox (see `ecom_storage::events`).
//! Call [`record`] inside the transaction that makes the change.

use chrono::{DateTime, Utc};
use ecom_domain::TenantId;
use ecom_storage::events::{self, DomainEvent};
use ecom_storage::DbConnection;
use serde::Serialize;
use uuid::Uuid;

use crate::error::ApiError;

/// Records `<resource_type>.<verb>` for the resource `id`, with its view as
/// the payload (what a webhook receiver gets).
pub fn record(
    conn: &mut DbConnection,
    tenant: TenantId,
    resource_type: &str,
    verb: &str,
    id: Uuid,
    view: &impl Serialize,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let payload = serde_json::to_value(view)
        .map_err(|e| ApiError::Internal(format!("event payload: {e}")))?;
    events::append(
        conn,
        &DomainEvent {
            id: Uuid::now_v7(),
            tenant_id: tenant,
            kind: format!("{resource_type}.{verb}"),
            resource_type: resource_type.into(),
            resource_id: id,
            payload,
            occurred_at: now,
        },
    )?;
    Ok(())
}
