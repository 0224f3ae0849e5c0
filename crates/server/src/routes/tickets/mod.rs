//! Helpdesk tickets (Module::Ticketing): requester, status, priority,
//! assignee, public replies and internal notes, and the SLA timers of
//! `ecom_domain::work::sla` (clock time per priority, paused while pending).

pub mod create;
pub mod delete;
pub mod get;
pub mod list;
pub mod messages;
pub mod reply;
pub mod update;

use chrono::{DateTime, Utc};
use ecom_domain::account::parse_text;
use ecom_domain::work::sla::{self, Pause, Priority, TicketClock, Timer};
use ecom_domain::{ContactId, TenantId};
use ecom_storage::work::tickets::Ticket;
use ecom_storage::DbConnection;
use ecom_types::work::{SlaTimerView, SlaView, TicketRequest, TicketView};

use crate::error::{ApiError, FieldChecks};
use crate::work::{check_choice, check_contact, check_user, optional_text};

pub const STATUSES: [&str; 4] = ["open", "pending", "resolved", "closed"];
pub const PRIORITIES: [&str; 4] = ["low", "normal", "high", "urgent"];

/// Statuses in which the SLA clock stands still.
fn clock_stopped(status: &str) -> bool {
    matches!(status, "pending" | "resolved" | "closed")
}

fn done(status: &str) -> bool {
    matches!(status, "resolved" | "closed")
}

/// Moves the ticket to `status` at `now`, keeping the SLA bookkeeping:
/// leaving `open` opens a pause, coming back closes it; resolving (or
/// closing) stops the resolution timer, reopening restarts it.
pub fn transition(ticket: &mut Ticket, status: &str, now: DateTime<Utc>) {
    let from = ticket.status.clone();
    if from == status {
        return;
    }
    match (clock_stopped(&from), clock_stopped(status)) {
        (false, true) => ticket.sla_pauses.push(Pause {
            from: now,
            until: None,
        }),
        (true, false) => {
            if let Some(open) = ticket
                .sla_pauses
                .iter_mut()
                .rev()
                .find(|p| p.until.is_none())
            {
                open.until = Some(now);
            }
        }
        _ => {}
    }
    if done(status) && !done(&from) {
        ticket.resolved_at = Some(now);
    } else if !done(status) {
        ticket.resolved_at = None;
    }
    ticket.status = status.to_owned();
}

fn timer_view(t: &Timer) -> SlaTimerView {
    SlaTimerView {
        due_at: t.due_at,
        met_at: t.met_at,
        remaining_seconds: t.remaining_seconds,
        breached: t.breached,
        paused: t.paused,
    }
}

pub fn sla_of(t: &Ticket, now: DateTime<Utc>) -> SlaView {
    let priority = Priority::parse(&t.priority).unwrap_or(Priority::Normal);
    let clock = TicketClock {
        priority,
        created_at: t.created_at,
        pauses: t.sla_pauses.clone(),
        first_response_at: t.first_response_at,
        resolved_at: t.resolved_at,
    };
    let sla = sla::evaluate(&clock, now);
    SlaView {
        first_response: timer_view(&sla.first_response),
        resolution: timer_view(&sla.resolution),
        breached: sla.breached(),
        // A resolved or closed ticket has nothing falling due.
        next_due_at: if done(&t.status) {
            None
        } else {
            sla.next_due()
        },
    }
}

pub fn view(t: &Ticket, now: DateTime<Utc>) -> TicketView {
    TicketView {
        id: t.id.0,
        subject: t.subject.clone(),
        description: t.description.clone(),
        requester_id: t.requester_id.0,
        status: t.status.clone(),
        priority: t.priority.clone(),
        assignee_id: t.assignee_id.map(|u| u.0),
        sla: sla_of(t, now),
        created_at: t.created_at,
        updated_at: t.updated_at,
    }
}

/// Validated ticket fields written onto `into` (status through [`transition`]).
pub fn apply(
    conn: &mut DbConnection,
    tenant: TenantId,
    body: &TicketRequest,
    into: &mut Ticket,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let mut checks = FieldChecks::default();
    let subject = checks.check("subject", parse_text(&body.subject, "the subject", 200));
    let description = checks.check(
        "description",
        optional_text(body.description.as_deref(), "the description", 20_000),
    );
    let requester = check_contact(
        conn,
        &mut checks,
        tenant,
        "requester_id",
        Some(body.requester_id),
    )?;
    let status = check_choice(
        &mut checks,
        "status",
        body.status.as_deref().unwrap_or(&into.status),
        &STATUSES,
    );
    let priority = check_choice(
        &mut checks,
        "priority",
        body.priority.as_deref().unwrap_or(&into.priority),
        &PRIORITIES,
    );
    let assignee = check_user(conn, &mut checks, tenant, "assignee_id", body.assignee_id)?;
    checks.finish()?;
    match (subject, description, requester, status, priority) {
        (Some(subject), Some(description), Some(requester), Some(status), Some(priority)) => {
            into.subject = subject;
            into.description = description;
            into.requester_id = requester;
            into.priority = priority;
            into.assignee_id = assignee;
            transition(into, &status, now);
            Ok(())
        }
        _ => Err(ApiError::Internal(
            "ticket validation passed with a missing field".into(),
        )),
    }
}

/// Placeholder requester before [`apply`] fills it in.
pub fn nobody() -> ContactId {
    ContactId(uuid::Uuid::nil())
}
