//! Rules of the tenant's work modules: calendar, projects and time, tickets
//! (helpdesk SLA) and call records (phone numbers, the "call me no more" list).

pub mod calendar_event;
pub mod ids;
pub mod phone;
pub mod sla;
pub mod timesheet;

pub use ids::{
    CallId, DoNotCallId, EventId, ProjectId, TaskId, TicketId, TicketMessageId, TimeEntryId,
};
