//! Helpdesk tickets and their messages (public replies and internal notes).

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::work::sla::Pause;
use ecom_domain::work::{TicketId, TicketMessageId};
use ecom_domain::{ContactId, TenantId, UserId};

use super::opt_uuid;
use crate::convert::{from_db, from_db_opt, id_text, parse_uuid, to_db};
use crate::schema_work::{ticket_messages as tm, tickets as tt};
use crate::{DbConnection, StorageError, StorageResult};

/// A stored ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    pub id: TicketId,
    pub subject: String,
    pub description: Option<String>,
    pub requester_id: ContactId,
    pub status: String,
    pub priority: String,
    pub assignee_id: Option<UserId>,
    pub first_response_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub sla_pauses: Vec<Pause>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = tt)]
struct TicketRow {
    id: String,
    subject: String,
    description: Option<String>,
    requester_id: String,
    status: String,
    priority: String,
    assignee_id: Option<String>,
    first_response_at: Option<NaiveDateTime>,
    resolved_at: Option<NaiveDateTime>,
    sla_pauses: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl TicketRow {
    fn into_record(self) -> StorageResult<Ticket> {
        Ok(Ticket {
            id: TicketId(parse_uuid(&self.id)?),
            subject: self.subject,
            description: self.description,
            requester_id: ContactId(parse_uuid(&self.requester_id)?),
            status: self.status,
            priority: self.priority,
            assignee_id: opt_uuid(self.assignee_id)?.map(UserId),
            first_response_at: from_db_opt(self.first_response_at),
            resolved_at: from_db_opt(self.resolved_at),
            sla_pauses: serde_json::from_str(&self.sla_pauses)
                .map_err(|e| StorageError::Corrupt(format!("ticket sla pauses: {e}")))?,
            created_at: from_db(self.created_at),
            updated_at: from_db(self.updated_at),
        })
    }
}

fn pauses_json(pauses: &[Pause]) -> StorageResult<String> {
    serde_json::to_string(pauses).map_err(|e| StorageError::Corrupt(e.to_string()))
}

pub fn insert(conn: &mut DbConnection, tenant: TenantId, t: &Ticket) -> StorageResult<()> {
    diesel::insert_into(tt::table)
        .values((
            tt::id.eq(id_text(t.id.0)),
            tt::tenant_id.eq(id_text(tenant.0)),
            tt::subject.eq(&t.subject),
            tt::description.eq(&t.description),
            tt::requester_id.eq(id_text(t.requester_id.0)),
            tt::status.eq(&t.status),
            tt::priority.eq(&t.priority),
            tt::assignee_id.eq(t.assignee_id.map(|u| id_text(u.0))),
            tt::first_response_at.eq(t.first_response_at.map(to_db)),
            tt::resolved_at.eq(t.resolved_at.map(to_db)),
            tt::sla_pauses.eq(pauses_json(&t.sla_pauses)?),
            tt::created_at.eq(to_db(t.created_at)),
            tt::updated_at.eq(to_db(t.updated_at)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn update(conn: &mut DbConnection, tenant: TenantId, t: &Ticket) -> StorageResult<()> {
    diesel::update(
        tt::table
            .filter(tt::tenant_id.eq(id_text(tenant.0)))
            .filter(tt::id.eq(id_text(t.id.0))),
    )
    .set((
        tt::subject.eq(&t.subject),
        tt::description.eq(&t.description),
        tt::requester_id.eq(id_text(t.requester_id.0)),
        tt::status.eq(&t.status),
        tt::priority.eq(&t.priority),
        tt::assignee_id.eq(t.assignee_id.map(|u| id_text(u.0))),
        tt::first_response_at.eq(t.first_response_at.map(to_db)),
        tt::resolved_at.eq(t.resolved_at.map(to_db)),
        tt::sla_pauses.eq(pauses_json(&t.sla_pauses)?),
        tt::updated_at.eq(to_db(t.updated_at)),
    ))
    .execute(conn)?;
    Ok(())
}

pub fn find(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: TicketId,
) -> StorageResult<Option<Ticket>> {
    tt::table
        .filter(tt::tenant_id.eq(id_text(tenant.0)))
        .filter(tt::id.eq(id_text(id.0)))
        .select(TicketRow::as_select())
        .first(conn)
        .optional()?
        .map(TicketRow::into_record)
        .transpose()
}

/// What tickets to list (the SLA filters are applied by the caller, who
/// knows `now`).
#[derive(Debug, Clone, Default)]
pub struct TicketFilter {
    pub status: Option<String>,
    pub priority: Option<String>,
    pub assignee: Option<UserId>,
    pub requester: Option<ContactId>,
}

pub fn list(
    conn: &mut DbConnection,
    tenant: TenantId,
    f: &TicketFilter,
) -> StorageResult<Vec<Ticket>> {
    let mut query = tt::table
        .filter(tt::tenant_id.eq(id_text(tenant.0)))
        .select(TicketRow::as_select())
        .into_boxed();
    if let Some(s) = &f.status {
        query = query.filter(tt::status.eq(s.clone()));
    }
    if let Some(p) = &f.priority {
        query = query.filter(tt::priority.eq(p.clone()));
    }
    if let Some(u) = f.assignee {
        query = query.filter(tt::assignee_id.eq(id_text(u.0)));
    }
    if let Some(c) = f.requester {
        query = query.filter(tt::requester_id.eq(id_text(c.0)));
    }
    let rows: Vec<TicketRow> = query
        .order((tt::created_at.asc(), tt::id.asc()))
        .load(conn)?;
    rows.into_iter().map(TicketRow::into_record).collect()
}

/// Deletes the ticket and its messages.
pub fn delete(conn: &mut DbConnection, tenant: TenantId, id: TicketId) -> StorageResult<bool> {
    let t = id_text(tenant.0);
    diesel::delete(
        tm::table
            .filter(tm::tenant_id.eq(&t))
            .filter(tm::ticket_id.eq(id_text(id.0))),
    )
    .execute(conn)?;
    let n = diesel::delete(
        tt::table
            .filter(tt::tenant_id.eq(&t))
            .filter(tt::id.eq(id_text(id.0))),
    )
    .execute(conn)?;
    Ok(n > 0)
}

/// A reply or note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: TicketMessageId,
    pub ticket_id: TicketId,
    pub author_id: UserId,
    pub body: String,
    pub internal: bool,
    pub created_at: DateTime<Utc>,
}

pub fn insert_message(conn: &mut DbConnection, tenant: TenantId, m: &Message) -> StorageResult<()> {
    diesel::insert_into(tm::table)
        .values((
            tm::id.eq(id_text(m.id.0)),
            tm::tenant_id.eq(id_text(tenant.0)),
            tm::ticket_id.eq(id_text(m.ticket_id.0)),
            tm::author_id.eq(id_text(m.author_id.0)),
            tm::body.eq(&m.body),
            tm::internal.eq(m.internal),
            tm::created_at.eq(to_db(m.created_at)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The ticket's messages, oldest first; `public_only` leaves internal notes out.
pub fn messages(
    conn: &mut DbConnection,
    tenant: TenantId,
    ticket: TicketId,
    public_only: bool,
) -> StorageResult<Vec<Message>> {
    let mut query = tm::table
        .filter(tm::tenant_id.eq(id_text(tenant.0)))
        .filter(tm::ticket_id.eq(id_text(ticket.0)))
        .select((
            tm::id,
            tm::ticket_id,
            tm::author_id,
            tm::body,
            tm::internal,
            tm::created_at,
        ))
        .into_boxed();
    if public_only {
        query = query.filter(tm::internal.eq(false));
    }
    let rows: Vec<(String, String, String, String, bool, NaiveDateTime)> = query
        .order((tm::created_at.asc(), tm::id.asc()))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, ticket, author, body, internal, at)| {
            Ok(Message {
                id: TicketMessageId(parse_uuid(&id)?),
                ticket_id: TicketId(parse_uuid(&ticket)?),
                author_id: UserId(parse_uuid(&author)?),
                body,
                internal,
                created_at: from_db(at),
            })
        })
        .collect()
}
