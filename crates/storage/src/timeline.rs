//! The tenant's timeline: what happened to its account, in words.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::TenantId;
use uuid::Uuid;

use crate::convert::{from_db, id_text, to_db};
use crate::schema::tenant_events;
use crate::{DbConnection, StorageResult};

/// One event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEvent {
    pub occurred_at: DateTime<Utc>,
    pub kind: String,
    pub summary: String,
}

/// Records an event. With a `dedupe_key`, only the first call records
/// (returns false after), so scheduled transitions are written once.
pub fn record(
    conn: &mut DbConnection,
    tenant: TenantId,
    occurred_at: DateTime<Utc>,
    kind: &str,
    summary: &str,
    dedupe_key: Option<&str>,
) -> StorageResult<bool> {
    if let Some(key) = dedupe_key {
        let seen: i64 = tenant_events::table
            .filter(tenant_events::dedupe_key.eq(key))
            .count()
            .get_result(conn)?;
        if seen > 0 {
            return Ok(false);
        }
    }
    crate::insert_unless_exists(conn, |c| {
        diesel::insert_into(tenant_events::table)
            .values((
                tenant_events::id.eq(id_text(Uuid::now_v7())),
                tenant_events::tenant_id.eq(id_text(tenant.0)),
                tenant_events::occurred_at.eq(to_db(occurred_at)),
                tenant_events::kind.eq(kind),
                tenant_events::summary.eq(summary),
                tenant_events::dedupe_key.eq(dedupe_key),
            ))
            .execute(c)
    })
}

/// The tenant's events, newest first.
pub fn list(
    conn: &mut DbConnection,
    tenant: TenantId,
    limit: i64,
) -> StorageResult<Vec<TimelineEvent>> {
    let rows: Vec<(NaiveDateTime, String, String)> = tenant_events::table
        .filter(tenant_events::tenant_id.eq(id_text(tenant.0)))
        .order((tenant_events::occurred_at.desc(), tenant_events::id.desc()))
        .limit(limit)
        .select((
            tenant_events::occurred_at,
            tenant_events::kind,
            tenant_events::summary,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(at, kind, summary)| TimelineEvent {
            occurred_at: from_db(at),
            kind,
            summary,
        })
        .collect())
}
