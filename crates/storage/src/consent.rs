//! Consent records: per-list marketing consent with its history, the
//! suppression list of keyed address hashes, processing restrictions, cookie
//! choices and pseudonymous analytics events.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::consent::{ConsentSource, MarketingList};
use ecom_domain::{TenantId, UserId};
use uuid::Uuid;

use crate::convert::{from_db, id_text, parse_uuid, to_db};
use crate::schema_consent::{
    analytics_events, contact_suppressions, cookie_consents, marketing_consents,
    processing_restrictions,
};
use crate::{DbConnection, StorageError, StorageResult};

/// One recorded consent decision for one list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRecord {
    pub list: MarketingList,
    pub granted: bool,
    pub source: ConsentSource,
    /// The privacy statement version in force when it was given.
    pub policy_version: String,
    pub recorded_at: DateTime<Utc>,
}

type ConsentRow = (String, bool, String, String, NaiveDateTime);

fn consent_record(row: ConsentRow) -> StorageResult<ConsentRecord> {
    let (list, granted, source, policy_version, at) = row;
    Ok(ConsentRecord {
        list: MarketingList::parse(&list)
            .ok_or_else(|| StorageError::Corrupt(format!("marketing list {list:?}")))?,
        granted,
        source: ConsentSource::parse(&source)
            .ok_or_else(|| StorageError::Corrupt(format!("consent source {source:?}")))?,
        policy_version,
        recorded_at: from_db(at),
    })
}

/// Records a consent decision (a grant or a withdrawal) for one list.
#[allow(clippy::too_many_arguments)]
pub fn record_consent(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    list: MarketingList,
    granted: bool,
    source: ConsentSource,
    policy_version: &str,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    diesel::insert_into(marketing_consents::table)
        .values((
            marketing_consents::id.eq(id_text(Uuid::now_v7())),
            marketing_consents::tenant_id.eq(id_text(tenant.0)),
            marketing_consents::user_id.eq(id_text(user.0)),
            marketing_consents::list.eq(list.as_str()),
            marketing_consents::granted.eq(granted),
            marketing_consents::source.eq(source.as_str()),
            marketing_consents::policy_version.eq(policy_version),
            marketing_consents::recorded_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Every consent decision of a person, newest first.
pub fn consent_history(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
) -> StorageResult<Vec<ConsentRecord>> {
    let rows: Vec<ConsentRow> = marketing_consents::table
        .filter(marketing_consents::tenant_id.eq(id_text(tenant.0)))
        .filter(marketing_consents::user_id.eq(id_text(user.0)))
        .order((
            marketing_consents::recorded_at.desc(),
            marketing_consents::id.desc(),
        ))
        .select((
            marketing_consents::list,
            marketing_consents::granted,
            marketing_consents::source,
            marketing_consents::policy_version,
            marketing_consents::recorded_at,
        ))
        .load(conn)?;
    rows.into_iter().map(consent_record).collect()
}

/// The latest decision per list (lists never decided are absent).
pub fn current_consents(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
) -> StorageResult<Vec<ConsentRecord>> {
    let history = consent_history(conn, tenant, user)?;
    let mut current: Vec<ConsentRecord> = Vec::new();
    for record in history {
        if current.iter().all(|c| c.list != record.list) {
            current.push(record);
        }
    }
    current.sort_by_key(|c| MarketingList::ALL.iter().position(|l| *l == c.list));
    Ok(current)
}

/// The people whose latest decision for `list` is a grant, across tenants:
/// (tenant, user). The caller still checks account status, restriction and
/// suppression.
pub fn consenting(
    conn: &mut DbConnection,
    list: MarketingList,
) -> StorageResult<Vec<(TenantId, UserId)>> {
    let rows: Vec<(String, String, bool)> = marketing_consents::table
        .filter(marketing_consents::list.eq(list.as_str()))
        .order((
            marketing_consents::recorded_at.asc(),
            marketing_consents::id.asc(),
        ))
        .select((
            marketing_consents::tenant_id,
            marketing_consents::user_id,
            marketing_consents::granted,
        ))
        .load(conn)?;
    let mut latest: HashMap<(String, String), bool> = HashMap::new();
    let mut order: Vec<(String, String)> = Vec::new();
    for (tenant, user, granted) in rows {
        let key = (tenant, user);
        if !latest.contains_key(&key) {
            order.push(key.clone());
        }
        latest.insert(key, granted);
    }
    order
        .into_iter()
        .filter(|key| latest.get(key).copied().unwrap_or(false))
        .map(|(tenant, user)| Ok((TenantId(parse_uuid(&tenant)?), UserId(parse_uuid(&user)?))))
        .collect()
}

/// Adds a keyed address hash to the suppression list for `scope` (a list
/// name, `all_marketing` or `sales_calls`); adding it twice is no change.
pub fn suppress(
    conn: &mut DbConnection,
    address_hash: &str,
    scope: &str,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    crate::insert_unless_exists(conn, |c| {
        diesel::insert_into(contact_suppressions::table)
            .values((
                contact_suppressions::address_hash.eq(address_hash),
                contact_suppressions::scope.eq(scope),
                contact_suppressions::created_at.eq(to_db(now)),
            ))
            .execute(c)
    })?;
    Ok(())
}

/// Whether the hash is suppressed for any of `scopes`.
pub fn is_suppressed(
    conn: &mut DbConnection,
    address_hash: &str,
    scopes: &[&str],
) -> StorageResult<bool> {
    let found: i64 = contact_suppressions::table
        .filter(contact_suppressions::address_hash.eq(address_hash))
        .filter(contact_suppressions::scope.eq_any(scopes))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

/// Lifts a suppression: only when the person gives consent again themself.
pub fn lift_suppression(
    conn: &mut DbConnection,
    address_hash: &str,
    scopes: &[&str],
) -> StorageResult<()> {
    diesel::delete(
        contact_suppressions::table
            .filter(contact_suppressions::address_hash.eq(address_hash))
            .filter(contact_suppressions::scope.eq_any(scopes)),
    )
    .execute(conn)?;
    Ok(())
}

/// Marks a person's processing as restricted (GDPR art. 18): no marketing.
pub fn restrict(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    crate::insert_unless_exists(conn, |c| {
        diesel::insert_into(processing_restrictions::table)
            .values((
                processing_restrictions::tenant_id.eq(id_text(tenant.0)),
                processing_restrictions::user_id.eq(id_text(user.0)),
                processing_restrictions::restricted_at.eq(to_db(now)),
            ))
            .execute(c)
    })?;
    Ok(())
}

pub fn lift_restriction(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
) -> StorageResult<()> {
    diesel::delete(
        processing_restrictions::table
            .filter(processing_restrictions::tenant_id.eq(id_text(tenant.0)))
            .filter(processing_restrictions::user_id.eq(id_text(user.0))),
    )
    .execute(conn)?;
    Ok(())
}

pub fn is_restricted(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
) -> StorageResult<bool> {
    let found: i64 = processing_restrictions::table
        .filter(processing_restrictions::tenant_id.eq(id_text(tenant.0)))
        .filter(processing_restrictions::user_id.eq(id_text(user.0)))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

/// Removes a person's consent history (erasure); the suppression list,
/// holding only hashes, stays.
pub fn erase_person(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
) -> StorageResult<usize> {
    let t = id_text(tenant.0);
    let u = id_text(user.0);
    let consents = diesel::delete(
        marketing_consents::table
            .filter(marketing_consents::tenant_id.eq(&t))
            .filter(marketing_consents::user_id.eq(&u)),
    )
    .execute(conn)?;
    let restrictions = diesel::delete(
        processing_restrictions::table
            .filter(processing_restrictions::tenant_id.eq(&t))
            .filter(processing_restrictions::user_id.eq(&u)),
    )
    .execute(conn)?;
    Ok(consents + restrictions)
}

/// A browser's cookie choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieChoice {
    /// The optional categories consented to (names), sorted.
    pub categories: Vec<String>,
    pub policy_version: String,
    pub recorded_at: DateTime<Utc>,
}

/// Records a cookie choice for the browser with this consent id.
pub fn record_cookie_choice(
    conn: &mut DbConnection,
    consent_id: Uuid,
    categories: &[&str],
    policy_version: &str,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    diesel::insert_into(cookie_consents::table)
        .values((
            cookie_consents::id.eq(id_text(Uuid::now_v7())),
            cookie_consents::consent_id.eq(id_text(consent_id)),
            cookie_consents::categories.eq(categories.join(",")),
            cookie_consents::policy_version.eq(policy_version),
            cookie_consents::recorded_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The latest cookie choice of a browser.
pub fn latest_cookie_choice(
    conn: &mut DbConnection,
    consent_id: Uuid,
) -> StorageResult<Option<CookieChoice>> {
    let row: Option<(String, String, NaiveDateTime)> = cookie_consents::table
        .filter(cookie_consents::consent_id.eq(id_text(consent_id)))
        .order((
            cookie_consents::recorded_at.desc(),
            cookie_consents::id.desc(),
        ))
        .select((
            cookie_consents::categories,
            cookie_consents::policy_version,
            cookie_consents::recorded_at,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(|(categories, policy_version, at)| CookieChoice {
        categories: categories
            .split(',')
            .filter(|c| !c.is_empty())
            .map(str::to_owned)
            .collect(),
        policy_version,
        recorded_at: from_db(at),
    }))
}

/// A usage event to record.
#[derive(Debug, Clone)]
pub struct NewAnalyticsEvent {
    /// The random pseudonymous id of the browser's analytics cookie.
    pub pseudonym: String,
    /// `page_view` or `feature_use`.
    pub event: String,
    pub name: String,
    pub country: Option<String>,
    pub region: Option<String>,
    pub occurred_on: NaiveDate,
}

pub fn record_event(
    conn: &mut DbConnection,
    event: &NewAnalyticsEvent,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    diesel::insert_into(analytics_events::table)
        .values((
            analytics_events::id.eq(id_text(Uuid::now_v7())),
            analytics_events::pseudonym.eq(&event.pseudonym),
            analytics_events::event.eq(&event.event),
            analytics_events::name.eq(&event.name),
            analytics_events::country.eq(&event.country),
            analytics_events::region.eq(&event.region),
            analytics_events::occurred_on.eq(event.occurred_on),
            analytics_events::recorded_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(())
}

/// A count of events per day, event, name and country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalyticsCount {
    pub day: NaiveDate,
    pub event: String,
    pub name: String,
    pub country: Option<String>,
    pub count: i64,
    /// Distinct pseudonymous visitors.
    pub visitors: i64,
}

/// Counts between `from` and `to` (both inclusive), by day, event, name
/// and country, sorted by those.
pub fn aggregate(
    conn: &mut DbConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> StorageResult<Vec<AnalyticsCount>> {
    use std::collections::{BTreeMap, HashSet};
    let rows: Vec<(NaiveDate, String, String, Option<String>, String)> = analytics_events::table
        .filter(analytics_events::occurred_on.ge(from))
        .filter(analytics_events::occurred_on.le(to))
        .select((
            analytics_events::occurred_on,
            analytics_events::event,
            analytics_events::name,
            analytics_events::country,
            analytics_events::pseudonym,
        ))
        .load(conn)?;
    type Key = (NaiveDate, String, String, Option<String>);
    let mut groups: BTreeMap<Key, (i64, HashSet<String>)> = BTreeMap::new();
    for (day, event, name, country, pseudonym) in rows {
        let entry = groups.entry((day, event, name, country)).or_default();
        entry.0 += 1;
        entry.1.insert(pseudonym);
    }
    Ok(groups
        .into_iter()
        .map(
            |((day, event, name, country), (count, visitors))| AnalyticsCount {
                day,
                event,
                name,
                country,
                count,
                visitors: i64::try_from(visitors.len()).unwrap_or(i64::MAX),
            },
        )
        .collect())
}
