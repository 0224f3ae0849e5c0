//! Repositories of the work modules: calendar, projects and time, tickets,
//! call records. Every function takes the tenant.

pub mod calendar;
pub mod calls;
pub mod projects;
pub mod tickets;

use uuid::Uuid;

use crate::convert::parse_uuid;
use crate::listing::{contains_pattern, After};
use crate::StorageResult;

/// One page of a work list (calls, time entries, events, tasks): the search,
/// the sort column `S`, the direction and where the page starts. The list
/// functions fetch at most `limit + 1` rows: one more than the page tells
/// that there is a next page.
#[derive(Debug, Clone)]
pub struct ListPage<S> {
    /// Case-insensitive substring of any of the list's searched fields.
    pub q: Option<String>,
    pub sort: S,
    pub descending: bool,
    pub after: Option<After>,
    pub limit: i64,
}

impl<S> ListPage<S> {
    /// The `LIKE` pattern of the search (lower-cased, escaped), if any.
    pub(crate) fn pattern(&self) -> Option<String> {
        self.q
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(|q| contains_pattern(&q.to_lowercase()))
    }

    /// How many rows to fetch: the page and one more.
    pub(crate) fn fetch(&self) -> i64 {
        self.limit.max(1).saturating_add(1)
    }
}

/// The stored `search_text`: the searched fields lower-cased (full Unicode
/// folding), joined by a line break so that a one-line search matches
/// inside one field only. Absent fields are empty.
pub(crate) fn search_text(fields: &[Option<&str>]) -> String {
    fields
        .iter()
        .map(|f| f.unwrap_or("").to_lowercase())
        .collect::<Vec<_>>()
        .join("\n")
}

pub(crate) fn opt_uuid(text: Option<String>) -> StorageResult<Option<Uuid>> {
    text.as_deref().map(parse_uuid).transpose()
}

/// Deletes every row of the work modules of `tenant` (calendar, projects and
/// time, tickets, calls, the "call me no more" list), children first. For
/// the erasure of a terminated tenant's customer data; counts the rows.
pub fn purge_tenant(
    conn: &mut crate::DbConnection,
    tenant: ecom_domain::TenantId,
) -> StorageResult<usize> {
    use diesel::prelude::*;

    use crate::convert::id_text;
    use crate::schema_work::*;
    let t = id_text(tenant.0);
    let mut n = 0;
    n += diesel::delete(
        calendar_event_attendees::table.filter(calendar_event_attendees::tenant_id.eq(&t)),
    )
    .execute(conn)?;
    n += diesel::delete(calendar_events::table.filter(calendar_events::tenant_id.eq(&t)))
        .execute(conn)?;
    n += diesel::delete(calendar_feed_tokens::table.filter(calendar_feed_tokens::tenant_id.eq(&t)))
        .execute(conn)?;
    n +=
        diesel::delete(time_entries::table.filter(time_entries::tenant_id.eq(&t))).execute(conn)?;
    n += diesel::delete(project_tasks::table.filter(project_tasks::tenant_id.eq(&t)))
        .execute(conn)?;
    n += diesel::delete(projects::table.filter(projects::tenant_id.eq(&t))).execute(conn)?;
    n += diesel::delete(ticket_messages::table.filter(ticket_messages::tenant_id.eq(&t)))
        .execute(conn)?;
    n += diesel::delete(tickets::table.filter(tickets::tenant_id.eq(&t))).execute(conn)?;
    n +=
        diesel::delete(call_records::table.filter(call_records::tenant_id.eq(&t))).execute(conn)?;
    n += diesel::delete(do_not_call_numbers::table.filter(do_not_call_numbers::tenant_id.eq(&t)))
        .execute(conn)?;
    Ok(n)
}

/// Takes a contact being deleted off the calendar events, projects and call
/// records that name it (the records stay); counts the rows changed.
pub fn unlink_contact(
    conn: &mut crate::DbConnection,
    tenant: ecom_domain::TenantId,
    contact: ecom_domain::ContactId,
    now: chrono::DateTime<chrono::Utc>,
) -> StorageResult<usize> {
    use diesel::prelude::*;

    use crate::convert::{id_text, to_db};
    use crate::schema_work::*;
    let (t, c, now) = (id_text(tenant.0), id_text(contact.0), to_db(now));
    let mut n = diesel::update(
        calendar_events::table
            .filter(calendar_events::tenant_id.eq(&t))
            .filter(calendar_events::contact_id.eq(&c)),
    )
    .set((
        calendar_events::contact_id.eq(None::<String>),
        calendar_events::updated_at.eq(now),
    ))
    .execute(conn)?;
    n += diesel::update(
        projects::table
            .filter(projects::tenant_id.eq(&t))
            .filter(projects::contact_id.eq(&c)),
    )
    .set((
        projects::contact_id.eq(None::<String>),
        projects::updated_at.eq(now),
    ))
    .execute(conn)?;
    n += diesel::update(
        call_records::table
            .filter(call_records::tenant_id.eq(&t))
            .filter(call_records::contact_id.eq(&c)),
    )
    .set((
        call_records::contact_id.eq(None::<String>),
        call_records::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(n)
}

/// How many calendar events and projects name the company.
pub fn count_for_company(
    conn: &mut crate::DbConnection,
    tenant: ecom_domain::TenantId,
    company: ecom_domain::CompanyId,
) -> StorageResult<i64> {
    use diesel::prelude::*;

    use crate::convert::id_text;
    use crate::schema_work::*;
    let (t, c) = (id_text(tenant.0), id_text(company.0));
    let events: i64 = calendar_events::table
        .filter(calendar_events::tenant_id.eq(&t))
        .filter(calendar_events::company_id.eq(&c))
        .count()
        .get_result(conn)?;
    let projects: i64 = projects::table
        .filter(projects::tenant_id.eq(&t))
        .filter(projects::company_id.eq(&c))
        .count()
        .get_result(conn)?;
    Ok(events + projects)
}

/// Takes a company being deleted off the calendar events and projects that
/// name it (the records stay); counts the rows changed.
pub fn unlink_company(
    conn: &mut crate::DbConnection,
    tenant: ecom_domain::TenantId,
    company: ecom_domain::CompanyId,
    now: chrono::DateTime<chrono::Utc>,
) -> StorageResult<usize> {
    use diesel::prelude::*;

    use crate::convert::{id_text, to_db};
    use crate::schema_work::*;
    let (t, c, now) = (id_text(tenant.0), id_text(company.0), to_db(now));
    let mut n = diesel::update(
        calendar_events::table
            .filter(calendar_events::tenant_id.eq(&t))
            .filter(calendar_events::company_id.eq(&c)),
    )
    .set((
        calendar_events::company_id.eq(None::<String>),
        calendar_events::updated_at.eq(now),
    ))
    .execute(conn)?;
    n += diesel::update(
        projects::table
            .filter(projects::tenant_id.eq(&t))
            .filter(projects::company_id.eq(&c)),
    )
    .set((
        projects::company_id.eq(None::<String>),
        projects::updated_at.eq(now),
    ))
    .execute(conn)?;
    Ok(n)
}
