//! Calendar events, their attendees and the per-user feed tokens.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::work::EventId;
use ecom_domain::{CompanyId, ContactId, TenantId, UserId};

use super::{opt_uuid, search_text, ListPage};
use crate::convert::{from_db, id_text, parse_uuid, to_db};
use crate::listing::{keyset, SortValue};
use crate::schema_work::{
    calendar_event_attendees as att, calendar_events as ev, calendar_feed_tokens as feed,
};
use crate::{DbConnection, StorageResult};

/// A stored event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub id: EventId,
    pub title: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub all_day: bool,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub contact_id: Option<ContactId>,
    pub company_id: Option<CompanyId>,
    pub attendees: Vec<UserId>,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = ev)]
struct EventRow {
    id: String,
    title: String,
    description: Option<String>,
    location: Option<String>,
    all_day: bool,
    starts_at: NaiveDateTime,
    ends_at: NaiveDateTime,
    contact_id: Option<String>,
    company_id: Option<String>,
    created_by: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl EventRow {
    fn into_record(self, attendees: Vec<UserId>) -> StorageResult<Event> {
        Ok(Event {
            id: EventId(parse_uuid(&self.id)?),
            title: self.title,
            description: self.description,
            location: self.location,
            all_day: self.all_day,
            starts_at: from_db(self.starts_at),
            ends_at: from_db(self.ends_at),
            contact_id: opt_uuid(self.contact_id)?.map(ContactId),
            company_id: opt_uuid(self.company_id)?.map(CompanyId),
            attendees,
            created_by: UserId(parse_uuid(&self.created_by)?),
            created_at: from_db(self.created_at),
            updated_at: from_db(self.updated_at),
        })
    }
}

/// What `q` searches: title, description and location.
fn event_search_text(event: &Event) -> String {
    search_text(&[
        Some(&event.title),
        event.description.as_deref(),
        event.location.as_deref(),
    ])
}

/// Inserts the event and its attendees.
pub fn insert(conn: &mut DbConnection, tenant: TenantId, event: &Event) -> StorageResult<()> {
    diesel::insert_into(ev::table)
        .values((
            ev::id.eq(id_text(event.id.0)),
            ev::tenant_id.eq(id_text(tenant.0)),
            ev::title.eq(&event.title),
            ev::title_key.eq(event.title.to_lowercase()),
            ev::search_text.eq(event_search_text(event)),
            ev::description.eq(&event.description),
            ev::location.eq(&event.location),
            ev::all_day.eq(event.all_day),
            ev::starts_at.eq(to_db(event.starts_at)),
            ev::ends_at.eq(to_db(event.ends_at)),
            ev::contact_id.eq(event.contact_id.map(|c| id_text(c.0))),
            ev::company_id.eq(event.company_id.map(|c| id_text(c.0))),
            ev::created_by.eq(id_text(event.created_by.0)),
            ev::created_at.eq(to_db(event.created_at)),
            ev::updated_at.eq(to_db(event.updated_at)),
        ))
        .execute(conn)?;
    set_attendees(conn, tenant, event.id, &event.attendees)
}

/// Replaces the event's fields and attendees.
pub fn update(conn: &mut DbConnection, tenant: TenantId, event: &Event) -> StorageResult<()> {
    diesel::update(
        ev::table
            .filter(ev::tenant_id.eq(id_text(tenant.0)))
            .filter(ev::id.eq(id_text(event.id.0))),
    )
    .set((
        ev::title.eq(&event.title),
        ev::title_key.eq(event.title.to_lowercase()),
        ev::search_text.eq(event_search_text(event)),
        ev::description.eq(&event.description),
        ev::location.eq(&event.location),
        ev::all_day.eq(event.all_day),
        ev::starts_at.eq(to_db(event.starts_at)),
        ev::ends_at.eq(to_db(event.ends_at)),
        ev::contact_id.eq(event.contact_id.map(|c| id_text(c.0))),
        ev::company_id.eq(event.company_id.map(|c| id_text(c.0))),
        ev::updated_at.eq(to_db(event.updated_at)),
    ))
    .execute(conn)?;
    set_attendees(conn, tenant, event.id, &event.attendees)
}

fn set_attendees(
    conn: &mut DbConnection,
    tenant: TenantId,
    event: EventId,
    users: &[UserId],
) -> StorageResult<()> {
    diesel::delete(
        att::table
            .filter(att::tenant_id.eq(id_text(tenant.0)))
            .filter(att::event_id.eq(id_text(event.0))),
    )
    .execute(conn)?;
    for user in users {
        diesel::insert_into(att::table)
            .values((
                att::event_id.eq(id_text(event.0)),
                att::tenant_id.eq(id_text(tenant.0)),
                att::user_id.eq(id_text(user.0)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Deletes the event and its attendee rows; false when there was none.
pub fn delete(conn: &mut DbConnection, tenant: TenantId, id: EventId) -> StorageResult<bool> {
    diesel::delete(
        att::table
            .filter(att::tenant_id.eq(id_text(tenant.0)))
            .filter(att::event_id.eq(id_text(id.0))),
    )
    .execute(conn)?;
    let n = diesel::delete(
        ev::table
            .filter(ev::tenant_id.eq(id_text(tenant.0)))
            .filter(ev::id.eq(id_text(id.0))),
    )
    .execute(conn)?;
    Ok(n > 0)
}

pub fn find(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: EventId,
) -> StorageResult<Option<Event>> {
    let row: Option<EventRow> = ev::table
        .filter(ev::tenant_id.eq(id_text(tenant.0)))
        .filter(ev::id.eq(id_text(id.0)))
        .select(EventRow::as_select())
        .first(conn)
        .optional()?;
    match row {
        Some(row) => {
            let mut with = attach(conn, tenant, vec![row])?;
            Ok(with.pop())
        }
        None => Ok(None),
    }
}

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Events overlapping `[from, to)`.
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub attendee: Option<UserId>,
    pub contact: Option<ContactId>,
}

/// Applies an [`EventFilter`] to a boxed event query of `tenant` (the feed's
/// full list and the keyset page share it).
macro_rules! event_filters {
    ($query:expr, $filter:expr, $tenant:expr) => {{
        let (mut query, filter, tenant) = ($query, $filter, $tenant);
        if let Some(from) = filter.from {
            query = query.filter(ev::ends_at.gt(to_db(from)));
        }
        if let Some(to) = filter.to {
            query = query.filter(ev::starts_at.lt(to_db(to)));
        }
        if let Some(contact) = filter.contact {
            query = query.filter(ev::contact_id.eq(id_text(contact.0)));
        }
        if let Some(user) = filter.attendee {
            let ids = att::table
                .filter(att::tenant_id.eq(id_text(tenant.0)))
                .filter(att::user_id.eq(id_text(user.0)))
                .select(att::event_id);
            query = query.filter(ev::id.eq_any(ids));
        }
        query
    }};
}

/// The tenant's events matching `filter`, by start.
pub fn list(
    conn: &mut DbConnection,
    tenant: TenantId,
    filter: &EventFilter,
) -> StorageResult<Vec<Event>> {
    let mut query = ev::table
        .filter(ev::tenant_id.eq(id_text(tenant.0)))
        .select(EventRow::as_select())
        .into_boxed();
    query = event_filters!(query, filter, tenant);
    let rows: Vec<EventRow> = query
        .order((ev::starts_at.asc(), ev::id.asc()))
        .load(conn)?;
    attach(conn, tenant, rows)
}

/// The columns the event list sorts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventSort {
    StartsAt,
    /// The title, ignoring case.
    Title,
    CreatedAt,
}

impl EventSort {
    /// The event's value of this key, as a cursor carries it.
    pub fn value_of(self, e: &Event) -> SortValue {
        match self {
            EventSort::StartsAt => SortValue::time(e.starts_at),
            EventSort::Title => SortValue::Text(e.title.to_lowercase()),
            EventSort::CreatedAt => SortValue::time(e.created_at),
        }
    }

    /// Reads a cursor's value; `None` when it cannot be one of this key.
    pub fn parse_value(self, raw: &str) -> Option<SortValue> {
        match self {
            EventSort::StartsAt | EventSort::CreatedAt => SortValue::parse_time(raw),
            EventSort::Title => SortValue::parse_text(raw),
        }
    }
}

/// One page of the tenant's events matching `filter`: searched (title,
/// description, location), ordered by the sort column then id, after
/// `page.after`; at most `page.limit + 1` rows, with their attendees.
pub fn list_page(
    conn: &mut DbConnection,
    tenant: TenantId,
    filter: &EventFilter,
    page: &ListPage<EventSort>,
) -> StorageResult<Vec<Event>> {
    let mut query = ev::table
        .filter(ev::tenant_id.eq(id_text(tenant.0)))
        .select(EventRow::as_select())
        .into_boxed();
    query = event_filters!(query, filter, tenant);
    if let Some(pattern) = page.pattern() {
        query = query.filter(ev::search_text.like(pattern).escape('\\'));
    }
    let after = page.after.as_ref();
    query = match page.sort {
        EventSort::StartsAt => keyset!(query, ev::starts_at, ev::id, page.descending, after, Time),
        EventSort::Title => keyset!(query, ev::title_key, ev::id, page.descending, after, Text),
        EventSort::CreatedAt => {
            keyset!(query, ev::created_at, ev::id, page.descending, after, Time)
        }
    };
    let rows: Vec<EventRow> = query.limit(page.fetch()).load(conn)?;
    attach(conn, tenant, rows)
}

fn attach(
    conn: &mut DbConnection,
    tenant: TenantId,
    rows: Vec<EventRow>,
) -> StorageResult<Vec<Event>> {
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut pairs: Vec<(String, String)> = Vec::new();
    for chunk in ids.chunks(500) {
        pairs.extend(
            att::table
                .filter(att::tenant_id.eq(id_text(tenant.0)))
                .filter(att::event_id.eq_any(chunk))
                .select((att::event_id, att::user_id))
                .order(att::user_id.asc())
                .load::<(String, String)>(conn)?,
        );
    }
    rows.into_iter()
        .map(|row| {
            let users = pairs
                .iter()
                .filter(|(event, _)| *event == row.id)
                .map(|(_, user)| parse_uuid(user).map(UserId))
                .collect::<StorageResult<Vec<_>>>()?;
            row.into_record(users)
        })
        .collect()
}

/// Stores the hash of the user's new feed token, replacing any previous one.
pub fn set_feed_token(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    token_hash: &str,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    diesel::delete(
        feed::table
            .filter(feed::tenant_id.eq(id_text(tenant.0)))
            .filter(feed::user_id.eq(id_text(user.0))),
    )
    .execute(conn)?;
    diesel::insert_into(feed::table)
        .values((
            feed::user_id.eq(id_text(user.0)),
            feed::tenant_id.eq(id_text(tenant.0)),
            feed::token_hash.eq(token_hash),
            feed::created_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Whose feed a token hash opens: (tenant, user).
pub fn feed_owner(
    conn: &mut DbConnection,
    token_hash: &str,
) -> StorageResult<Option<(TenantId, UserId)>> {
    let row: Option<(String, String)> = feed::table
        .filter(feed::token_hash.eq(token_hash))
        .select((feed::tenant_id, feed::user_id))
        .first(conn)
        .optional()?;
    row.map(|(t, u)| Ok((TenantId(parse_uuid(&t)?), UserId(parse_uuid(&u)?))))
        .transpose()
}
