//! Call records and the "call me no more" list (keyed hashes and masked
//! hints only, never the number).

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::work::{CallId, DoNotCallId};
use ecom_domain::{ContactId, TenantId, UserId};

use super::{opt_uuid, search_text, ListPage};
use crate::convert::{from_db, id_text, parse_uuid, to_db};
use crate::listing::{keyset, SortValue};
use crate::schema_work::{call_records as cr, do_not_call_numbers as dnc};
use crate::{DbConnection, StorageResult};

/// A stored call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub id: CallId,
    /// E.164.
    pub number: String,
    pub direction: String,
    pub started_at: DateTime<Utc>,
    pub duration_seconds: i64,
    pub outcome: String,
    pub notes: Option<String>,
    pub contact_id: Option<ContactId>,
    pub user_id: UserId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = cr)]
struct CallRow {
    id: String,
    number: String,
    direction: String,
    started_at: NaiveDateTime,
    duration_seconds: i64,
    outcome: String,
    notes: Option<String>,
    contact_id: Option<String>,
    user_id: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl CallRow {
    fn into_record(self) -> StorageResult<Call> {
        Ok(Call {
            id: CallId(parse_uuid(&self.id)?),
            number: self.number,
            direction: self.direction,
            started_at: from_db(self.started_at),
            duration_seconds: self.duration_seconds,
            outcome: self.outcome,
            notes: self.notes,
            contact_id: opt_uuid(self.contact_id)?.map(ContactId),
            user_id: UserId(parse_uuid(&self.user_id)?),
            created_at: from_db(self.created_at),
            updated_at: from_db(self.updated_at),
        })
    }
}

/// What `q` searches: the number and the notes.
fn call_search_text(c: &Call) -> String {
    search_text(&[Some(&c.number), c.notes.as_deref()])
}

pub fn insert(conn: &mut DbConnection, tenant: TenantId, c: &Call) -> StorageResult<()> {
    diesel::insert_into(cr::table)
        .values((
            cr::id.eq(id_text(c.id.0)),
            cr::tenant_id.eq(id_text(tenant.0)),
            cr::number.eq(&c.number),
            cr::direction.eq(&c.direction),
            cr::started_at.eq(to_db(c.started_at)),
            cr::duration_seconds.eq(c.duration_seconds),
            cr::outcome.eq(&c.outcome),
            cr::notes.eq(&c.notes),
            cr::search_text.eq(call_search_text(c)),
            cr::contact_id.eq(c.contact_id.map(|x| id_text(x.0))),
            cr::user_id.eq(id_text(c.user_id.0)),
            cr::created_at.eq(to_db(c.created_at)),
            cr::updated_at.eq(to_db(c.updated_at)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn update(conn: &mut DbConnection, tenant: TenantId, c: &Call) -> StorageResult<()> {
    diesel::update(
        cr::table
            .filter(cr::tenant_id.eq(id_text(tenant.0)))
            .filter(cr::id.eq(id_text(c.id.0))),
    )
    .set((
        cr::number.eq(&c.number),
        cr::direction.eq(&c.direction),
        cr::started_at.eq(to_db(c.started_at)),
        cr::duration_seconds.eq(c.duration_seconds),
        cr::outcome.eq(&c.outcome),
        cr::notes.eq(&c.notes),
        cr::search_text.eq(call_search_text(c)),
        cr::contact_id.eq(c.contact_id.map(|x| id_text(x.0))),
        cr::updated_at.eq(to_db(c.updated_at)),
    ))
    .execute(conn)?;
    Ok(())
}

pub fn find(conn: &mut DbConnection, tenant: TenantId, id: CallId) -> StorageResult<Option<Call>> {
    cr::table
        .filter(cr::tenant_id.eq(id_text(tenant.0)))
        .filter(cr::id.eq(id_text(id.0)))
        .select(CallRow::as_select())
        .first(conn)
        .optional()?
        .map(CallRow::into_record)
        .transpose()
}

/// What calls to list.
#[derive(Debug, Clone, Default)]
pub struct CallFilter {
    pub contact: Option<ContactId>,
    pub direction: Option<String>,
    pub outcome: Option<String>,
    pub number: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

/// The columns the call log sorts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallSort {
    StartedAt,
    DurationSeconds,
}

impl CallSort {
    /// The call's value of this key, as a cursor carries it.
    pub fn value_of(self, c: &Call) -> SortValue {
        match self {
            CallSort::StartedAt => SortValue::time(c.started_at),
            CallSort::DurationSeconds => SortValue::Number(c.duration_seconds),
        }
    }

    /// Reads a cursor's value; `None` when it cannot be one of this key.
    pub fn parse_value(self, raw: &str) -> Option<SortValue> {
        match self {
            CallSort::StartedAt => SortValue::parse_time(raw),
            CallSort::DurationSeconds => SortValue::parse_number(raw),
        }
    }
}

/// One page of the tenant's calls matching `f`: searched (number and notes),
/// ordered by the sort column then id, after `page.after`; at most
/// `page.limit + 1` rows.
pub fn list(
    conn: &mut DbConnection,
    tenant: TenantId,
    f: &CallFilter,
    page: &ListPage<CallSort>,
) -> StorageResult<Vec<Call>> {
    let mut query = cr::table
        .filter(cr::tenant_id.eq(id_text(tenant.0)))
        .select(CallRow::as_select())
        .into_boxed();
    if let Some(c) = f.contact {
        query = query.filter(cr::contact_id.eq(id_text(c.0)));
    }
    if let Some(d) = &f.direction {
        query = query.filter(cr::direction.eq(d.clone()));
    }
    if let Some(o) = &f.outcome {
        query = query.filter(cr::outcome.eq(o.clone()));
    }
    if let Some(n) = &f.number {
        query = query.filter(cr::number.eq(n.clone()));
    }
    if let Some(from) = f.from {
        query = query.filter(cr::started_at.ge(to_db(from)));
    }
    if let Some(to) = f.to {
        query = query.filter(cr::started_at.lt(to_db(to)));
    }
    if let Some(pattern) = page.pattern() {
        query = query.filter(cr::search_text.like(pattern).escape('\\'));
    }
    let after = page.after.as_ref();
    query = match page.sort {
        CallSort::StartedAt => keyset!(query, cr::started_at, cr::id, page.descending, after, Time),
        CallSort::DurationSeconds => keyset!(
            query,
            cr::duration_seconds,
            cr::id,
            page.descending,
            after,
            Number
        ),
    };
    let rows: Vec<CallRow> = query.limit(page.fetch()).load(conn)?;
    rows.into_iter().map(CallRow::into_record).collect()
}

pub fn delete(conn: &mut DbConnection, tenant: TenantId, id: CallId) -> StorageResult<bool> {
    let n = diesel::delete(
        cr::table
            .filter(cr::tenant_id.eq(id_text(tenant.0)))
            .filter(cr::id.eq(id_text(id.0))),
    )
    .execute(conn)?;
    Ok(n > 0)
}

/// A "call me no more" entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoNotCall {
    pub id: DoNotCallId,
    pub hint: String,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
}

/// Adds the number's hash; false when it is already listed.
pub fn add_do_not_call(
    conn: &mut DbConnection,
    tenant: TenantId,
    entry: &DoNotCall,
    number_hash: &str,
) -> StorageResult<bool> {
    crate::insert_unless_exists(conn, |c| {
        diesel::insert_into(dnc::table)
            .values((
                dnc::id.eq(id_text(entry.id.0)),
                dnc::tenant_id.eq(id_text(tenant.0)),
                dnc::number_hash.eq(number_hash),
                dnc::hint.eq(&entry.hint),
                dnc::created_by.eq(id_text(entry.created_by.0)),
                dnc::created_at.eq(to_db(entry.created_at)),
            ))
            .execute(c)
    })
}

/// Whether the number's hash is on the tenant's list.
pub fn is_do_not_call(
    conn: &mut DbConnection,
    tenant: TenantId,
    number_hash: &str,
) -> StorageResult<bool> {
    let n: i64 = dnc::table
        .filter(dnc::tenant_id.eq(id_text(tenant.0)))
        .filter(dnc::number_hash.eq(number_hash))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The tenant's list, newest first.
pub fn list_do_not_call(
    conn: &mut DbConnection,
    tenant: TenantId,
) -> StorageResult<Vec<DoNotCall>> {
    let rows: Vec<(String, String, String, NaiveDateTime)> = dnc::table
        .filter(dnc::tenant_id.eq(id_text(tenant.0)))
        .select((dnc::id, dnc::hint, dnc::created_by, dnc::created_at))
        .order((dnc::created_at.desc(), dnc::id.desc()))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, hint, by, at)| {
            Ok(DoNotCall {
                id: DoNotCallId(parse_uuid(&id)?),
                hint,
                created_by: UserId(parse_uuid(&by)?),
                created_at: from_db(at),
            })
        })
        .collect()
}

pub fn remove_do_not_call(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: DoNotCallId,
) -> StorageResult<bool> {
    let n = diesel::delete(
        dnc::table
            .filter(dnc::tenant_id.eq(id_text(tenant.0)))
            .filter(dnc::id.eq(id_text(id.0))),
    )
    .execute(conn)?;
    Ok(n > 0)
}
