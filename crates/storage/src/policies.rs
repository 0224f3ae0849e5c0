//! Policy versions and who accepted which.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::policy::PolicyKind;
use ecom_domain::{TenantId, UserId};
use uuid::Uuid;

use crate::convert::{from_db, id_text, to_db};
use crate::schema::{policy_acceptances, policy_versions};
use crate::{DbConnection, StorageError, StorageResult};

/// A version of a policy document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyVersion {
    pub kind: PolicyKind,
    pub version: String,
    pub title: String,
    pub effective_from: DateTime<Utc>,
}

/// For each kind, the latest version in force at `now`.
pub fn current(conn: &mut DbConnection, now: DateTime<Utc>) -> StorageResult<Vec<PolicyVersion>> {
    let rows: Vec<(String, String, String, NaiveDateTime)> = policy_versions::table
        .filter(policy_versions::effective_from.le(to_db(now)))
        .order((
            policy_versions::kind.asc(),
            policy_versions::effective_from.desc(),
        ))
        .select((
            policy_versions::kind,
            policy_versions::version,
            policy_versions::title,
            policy_versions::effective_from,
        ))
        .load(conn)?;
    let mut current: Vec<PolicyVersion> = Vec::new();
    for (kind, version, title, effective_from) in rows {
        let kind = PolicyKind::parse(&kind)
            .ok_or_else(|| StorageError::Corrupt(format!("policy kind {kind:?}")))?;
        if current.iter().all(|p| p.kind != kind) {
            current.push(PolicyVersion {
                kind,
                version,
                title,
                effective_from: from_db(effective_from),
            });
        }
    }
    current.sort_by_key(|p| PolicyKind::ALL.iter().position(|k| *k == p.kind));
    Ok(current)
}

/// Records that a person accepted a version.
pub fn record_acceptance(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    kind: PolicyKind,
    version: &str,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    diesel::insert_into(policy_acceptances::table)
        .values((
            policy_acceptances::id.eq(id_text(Uuid::new_v4())),
            policy_acceptances::tenant_id.eq(id_text(tenant.0)),
            policy_acceptances::user_id.eq(id_text(user.0)),
            policy_acceptances::kind.eq(kind.as_str()),
            policy_acceptances::version.eq(version),
            policy_acceptances::accepted_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(())
}

/// What a person accepted, oldest first: (kind, version, when).
pub fn acceptances(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
) -> StorageResult<Vec<(String, String, DateTime<Utc>)>> {
    let rows: Vec<(String, String, NaiveDateTime)> = policy_acceptances::table
        .filter(policy_acceptances::tenant_id.eq(id_text(tenant.0)))
        .filter(policy_acceptances::user_id.eq(id_text(user.0)))
        .order(policy_acceptances::accepted_at.asc())
        .select((
            policy_acceptances::kind,
            policy_acceptances::version,
            policy_acceptances::accepted_at,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(k, v, at)| (k, v, from_db(at)))
        .collect())
}

/// Adds a new version of a policy; `UniqueViolation` when that version exists.
pub fn insert_version(conn: &mut DbConnection, version: &PolicyVersion) -> StorageResult<()> {
    diesel::insert_into(policy_versions::table)
        .values((
            policy_versions::kind.eq(version.kind.as_str()),
            policy_versions::version.eq(&version.version),
            policy_versions::title.eq(&version.title),
            policy_versions::effective_from.eq(to_db(version.effective_from)),
        ))
        .execute(conn)?;
    Ok(())
}

type VersionRow = (String, String, String, NaiveDateTime);

fn version_record(row: VersionRow) -> StorageResult<PolicyVersion> {
    let (kind, version, title, effective_from) = row;
    let kind = PolicyKind::parse(&kind)
        .ok_or_else(|| StorageError::Corrupt(format!("policy kind {kind:?}")))?;
    Ok(PolicyVersion {
        kind,
        version,
        title,
        effective_from: from_db(effective_from),
    })
}

/// Every version of one kind, the latest effective date first (announced
/// future versions included).
pub fn history(conn: &mut DbConnection, kind: PolicyKind) -> StorageResult<Vec<PolicyVersion>> {
    let rows: Vec<VersionRow> = policy_versions::table
        .filter(policy_versions::kind.eq(kind.as_str()))
        .order((
            policy_versions::effective_from.desc(),
            policy_versions::version.desc(),
        ))
        .select((
            policy_versions::kind,
            policy_versions::version,
            policy_versions::title,
            policy_versions::effective_from,
        ))
        .load(conn)?;
    rows.into_iter().map(version_record).collect()
}

/// Versions announced but not yet in force at `now`, soonest first.
pub fn upcoming(conn: &mut DbConnection, now: DateTime<Utc>) -> StorageResult<Vec<PolicyVersion>> {
    let rows: Vec<VersionRow> = policy_versions::table
        .filter(policy_versions::effective_from.gt(to_db(now)))
        .order((
            policy_versions::effective_from.asc(),
            policy_versions::kind.asc(),
        ))
        .select((
            policy_versions::kind,
            policy_versions::version,
            policy_versions::title,
            policy_versions::effective_from,
        ))
        .load(conn)?;
    rows.into_iter().map(version_record).collect()
}

/// One version of one kind.
pub fn find_version(
    conn: &mut DbConnection,
    kind: PolicyKind,
    version: &str,
) -> StorageResult<Option<PolicyVersion>> {
    let row: Option<VersionRow> = policy_versions::table
        .filter(policy_versions::kind.eq(kind.as_str()))
        .filter(policy_versions::version.eq(version))
        .select((
            policy_versions::kind,
            policy_versions::version,
            policy_versions::title,
            policy_versions::effective_from,
        ))
        .first(conn)
        .optional()?;
    row.map(version_record).transpose()
}

/// The version of `kind` in force at `now`.
pub fn current_of(
    conn: &mut DbConnection,
    kind: PolicyKind,
    now: DateTime<Utc>,
) -> StorageResult<Option<PolicyVersion>> {
    Ok(current(conn, now)?.into_iter().find(|p| p.kind == kind))
}

/// Stores the text (and a summary of the changes) of a version.
pub fn insert_text(
    conn: &mut DbConnection,
    kind: PolicyKind,
    version: &str,
    summary: &str,
    body: &str,
) -> StorageResult<()> {
    use crate::schema_consent::policy_texts;
    diesel::insert_into(policy_texts::table)
        .values((
            policy_texts::kind.eq(kind.as_str()),
            policy_texts::version.eq(version),
            policy_texts::summary.eq(summary),
            policy_texts::body.eq(body),
        ))
        .execute(conn)?;
    Ok(())
}

/// The stored (summary, text) of a version, if one was stored.
pub fn text(
    conn: &mut DbConnection,
    kind: PolicyKind,
    version: &str,
) -> StorageResult<Option<(String, String)>> {
    use crate::schema_consent::policy_texts;
    Ok(policy_texts::table
        .filter(policy_texts::kind.eq(kind.as_str()))
        .filter(policy_texts::version.eq(version))
        .select((policy_texts::summary, policy_texts::body))
        .first(conn)
        .optional()?)
}

/// Whether the person accepted this version.
pub fn has_accepted(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    kind: PolicyKind,
    version: &str,
) -> StorageResult<bool> {
    let found: i64 = policy_acceptances::table
        .filter(policy_acceptances::tenant_id.eq(id_text(tenant.0)))
        .filter(policy_acceptances::user_id.eq(id_text(user.0)))
        .filter(policy_acceptances::kind.eq(kind.as_str()))
        .filter(policy_acceptances::version.eq(version))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}
