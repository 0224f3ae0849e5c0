//! The erasure log: what the sweep and erasure requests removed, as counts
//! only (the aggregates that survive erasure). Never personal data.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use ecom_domain::TenantId;
use uuid::Uuid;

use crate::convert::{id_text, to_db};
use crate::schema_retention::retention_erasures as e;
use crate::{DbConnection, StorageResult};

/// Records that `rows` rows of `table` were erased.
#[allow(clippy::too_many_arguments)]
pub fn record(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    profile: &str,
    tenant: Option<TenantId>,
    subject_kind: &str,
    table: &str,
    rows: usize,
    reason: &str,
) -> StorageResult<()> {
    diesel::insert_into(e::table)
        .values((
            e::id.eq(id_text(Uuid::now_v7())),
            e::occurred_at.eq(to_db(now)),
            e::profile.eq(profile),
            e::tenant_id.eq(tenant.map(|t| id_text(t.0))),
            e::subject_kind.eq(subject_kind),
            e::table_name.eq(table),
            e::row_count.eq(i64::try_from(rows).unwrap_or(i64::MAX)),
            e::reason.eq(reason),
        ))
        .execute(conn)?;
    Ok(())
}

/// Rows erased per table so far, all tenants (for statistics and tests).
pub fn totals(conn: &mut DbConnection) -> StorageResult<Vec<(String, i64)>> {
    let rows: Vec<(String, i64)> = e::table.select((e::table_name, e::row_count)).load(conn)?;
    let mut totals: std::collections::BTreeMap<String, i64> = std::collections::BTreeMap::new();
    for (table, n) in rows {
        *totals.entry(table).or_default() += n;
    }
    Ok(totals.into_iter().collect())
}
