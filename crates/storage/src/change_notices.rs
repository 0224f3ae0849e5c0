//! Notices of changes (price, terms, service) sent to a Client; each opens a
//! 30-day right to terminate (terms art. 9/22, SPEC §2).

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::TenantId;
use uuid::Uuid;

use crate::convert::{from_db, id_text, parse_uuid, to_db};
use crate::schema::change_notices;
use crate::{DbConnection, StorageResult};

/// A change notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeNotice {
    pub id: Uuid,
    pub tenant_id: TenantId,
    /// `price`, `terms` or `service`.
    pub kind: String,
    pub summary: String,
    pub announced_at: DateTime<Utc>,
    pub effective_from: DateTime<Utc>,
}

type Row = (String, String, String, String, NaiveDateTime, NaiveDateTime);

fn record(row: Row) -> StorageResult<ChangeNotice> {
    let (id, tenant, kind, summary, announced, effective) = row;
    Ok(ChangeNotice {
        id: parse_uuid(&id)?,
        tenant_id: TenantId(parse_uuid(&tenant)?),
        kind,
        summary,
        announced_at: from_db(announced),
        effective_from: from_db(effective),
    })
}

pub fn insert(
    conn: &mut DbConnection,
    tenant: TenantId,
    notice: &ChangeNotice,
) -> StorageResult<()> {
    diesel::insert_into(change_notices::table)
        .values((
            change_notices::id.eq(id_text(notice.id)),
            change_notices::tenant_id.eq(id_text(tenant.0)),
            change_notices::kind.eq(&notice.kind),
            change_notices::summary.eq(&notice.summary),
            change_notices::announced_at.eq(to_db(notice.announced_at)),
            change_notices::effective_from.eq(to_db(notice.effective_from)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn find(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: Uuid,
) -> StorageResult<Option<ChangeNotice>> {
    change_notices::table
        .filter(change_notices::tenant_id.eq(id_text(tenant.0)))
        .filter(change_notices::id.eq(id_text(id)))
        .select((
            change_notices::id,
            change_notices::tenant_id,
            change_notices::kind,
            change_notices::summary,
            change_notices::announced_at,
            change_notices::effective_from,
        ))
        .first::<Row>(conn)
        .optional()?
        .map(record)
        .transpose()
}

/// The tenant's notices, newest first.
pub fn list(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<Vec<ChangeNotice>> {
    let rows: Vec<Row> = change_notices::table
        .filter(change_notices::tenant_id.eq(id_text(tenant.0)))
        .order(change_notices::announced_at.desc())
        .select((
            change_notices::id,
            change_notices::tenant_id,
            change_notices::kind,
            change_notices::summary,
            change_notices::announced_at,
            change_notices::effective_from,
        ))
        .load(conn)?;
    rows.into_iter().map(record).collect()
}
