//! Repositories of the work modules: calendar, projects and time, tickets,
//! call records. Every function takes the tenant.

pub mod calendar;
pub mod calls;
pub mod projects;
pub mod tickets;

use uuid::Uuid;

use crate::convert::parse_uuid;
use crate::StorageResult;

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
