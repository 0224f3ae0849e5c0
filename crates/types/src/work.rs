//! The work modules: calendar events, projects with tasks and time entries,
//! helpdesk tickets with their SLA, and call records with the "call me no
//! more" list.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

// ---------------------------------------------------------------- calendar

/// `POST /api/v1/calendar/events` and `PUT /api/v1/calendar/events/{id}`.
///
/// A timed event gives `starts_at` and `ends_at` (UTC); an all-day event sets
/// `all_day` and gives `start_date` and `end_date` (both included, Belgian
/// calendar days).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EventRequest {
    #[cfg_attr(feature = "openapi", schema(example = "Kick-off meeting"))]
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "Kerkstraat 1, Gent"))]
    pub location: Option<String>,
    #[serde(default)]
    pub all_day: bool,
    /// Timed events: the start (UTC).
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "2026-12-01T09:00:00Z"))]
    pub starts_at: Option<DateTime<Utc>>,
    /// Timed events: the end (UTC), after the start.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "2026-12-01T10:30:00Z"))]
    pub ends_at: Option<DateTime<Utc>>,
    /// All-day events: the first day (Europe/Brussels).
    #[serde(default)]
    pub start_date: Option<NaiveDate>,
    /// All-day events: the last day, included.
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    /// A contact of the tenant the event is about.
    #[serde(default)]
    pub contact_id: Option<Uuid>,
    /// A company of the tenant the event is about.
    #[serde(default)]
    pub company_id: Option<Uuid>,
    /// Users of the tenant who attend.
    #[serde(default)]
    pub attendee_ids: Vec<Uuid>,
}

/// A calendar event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventView {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub all_day: bool,
    /// The start (UTC); for all-day events local midnight of the first day.
    pub starts_at: DateTime<Utc>,
    /// The end (UTC), excluded; for all-day events local midnight after the last day.
    pub ends_at: DateTime<Utc>,
    /// All-day events: the first Belgian day.
    pub start_date: Option<NaiveDate>,
    /// All-day events: the last Belgian day (included).
    pub end_date: Option<NaiveDate>,
    pub contact_id: Option<Uuid>,
    pub company_id: Option<Uuid>,
    pub attendee_ids: Vec<Uuid>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/calendar/feed-token`: the caller's new feed address. The
/// previous one stops working. The token is shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedTokenView {
    pub token: String,
    /// The path of the feed, e.g. `/api/v1/calendar/feed/<token>.ics`; subscribe to it from a calendar app.
    pub path: String,
}

// ---------------------------------------------------------------- projects

/// `POST /api/v1/projects` and `PUT /api/v1/projects/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProjectRequest {
    #[cfg_attr(feature = "openapi", schema(example = "Website redesign"))]
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    /// The customer company.
    #[serde(default)]
    pub company_id: Option<Uuid>,
    /// The customer's contact person.
    #[serde(default)]
    pub contact_id: Option<Uuid>,
    /// `planned`, `active` (default), `on_hold`, `completed` or `cancelled`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "active"))]
    pub status: Option<String>,
    /// Hours budgeted, two decimals at most.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "40"))]
    pub budget_hours: Option<Decimal>,
    /// EUR per hour, excluding VAT.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "85.00"))]
    pub hourly_rate: Decimal,
    /// VAT % of invoiced time: 21 (default), 12, 6 or 0.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "21"))]
    pub vat_rate: Option<Decimal>,
}

/// Time booked on a project, in minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeTotals {
    pub total_minutes: i64,
    pub billable_minutes: i64,
    /// Billable and not yet invoiced.
    pub unbilled_minutes: i64,
    pub billed_minutes: i64,
    /// `total_minutes` in hours (hundredths, halves away from zero).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "12.5"))]
    pub total_hours: Decimal,
}

/// A project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectView {
    pub id: Uuid,
    pub name: String,
    pub description: Option<String>,
    pub company_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    pub status: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "40"))]
    pub budget_hours: Option<Decimal>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "85.00"))]
    pub hourly_rate: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "21"))]
    pub vat_rate: Decimal,
    pub totals: TimeTotals,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/projects/{id}/tasks` and `PUT /api/v1/tasks/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TaskRequest {
    #[cfg_attr(feature = "openapi", schema(example = "Wireframes"))]
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// A user of the tenant.
    #[serde(default)]
    pub assignee_id: Option<Uuid>,
    #[serde(default)]
    pub due_date: Option<NaiveDate>,
    /// `todo` (default), `in_progress` or `done`.
    #[serde(default)]
    pub status: Option<String>,
}

/// A task of a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TaskView {
    pub id: Uuid,
    pub project_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub assignee_id: Option<Uuid>,
    pub due_date: Option<NaiveDate>,
    pub status: String,
    /// Past its due date (Belgian calendar) and not done.
    pub overdue: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/time-entries` and `PUT /api/v1/time-entries/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TimeEntryRequest {
    pub project_id: Uuid,
    /// A task of that project.
    #[serde(default)]
    pub task_id: Option<Uuid>,
    /// Who worked; the caller when absent. A user of the tenant.
    #[serde(default)]
    pub user_id: Option<Uuid>,
    #[cfg_attr(feature = "openapi", schema(example = "2026-12-01"))]
    pub date: NaiveDate,
    /// 1 to 1440.
    #[cfg_attr(feature = "openapi", schema(example = 90))]
    pub minutes: i64,
    #[cfg_attr(feature = "openapi", schema(example = "Workshop with the customer"))]
    pub description: String,
    /// Whether the time is invoiced to the customer (default true).
    #[serde(default = "yes")]
    pub billable: bool,
}

fn yes() -> bool {
    true
}

/// Time a user spent on a project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimeEntryView {
    pub id: Uuid,
    pub project_id: Uuid,
    pub task_id: Option<Uuid>,
    pub user_id: Uuid,
    pub date: NaiveDate,
    pub minutes: i64,
    pub description: String,
    pub billable: bool,
    /// When the entry was put on an invoice; then it can no longer change.
    pub billed_at: Option<DateTime<Utc>>,
    pub invoice_reference: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A draft invoice line for unbilled billable time (one per task, plus one
/// for time without a task).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BillableLineDraft {
    #[cfg_attr(feature = "openapi", schema(example = "Website redesign – Wireframes"))]
    pub description: String,
    pub minutes: i64,
    /// Hours: the minutes summed, then rounded to the hundredth, halves away from zero.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1.5"))]
    pub quantity: Decimal,
    /// The project's hourly rate.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "85.00"))]
    pub unit_price: Decimal,
    /// quantity × unit price, rounded to the cent.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "127.50"))]
    pub net_amount: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "21"))]
    pub vat_rate: Decimal,
    /// The time entries on this line; pass them to `mark-billed` once invoiced.
    pub time_entry_ids: Vec<Uuid>,
}

/// `GET /api/v1/projects/{id}/billable`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BillableTime {
    pub project_id: Uuid,
    pub lines: Vec<BillableLineDraft>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "127.50"))]
    pub total_net: Decimal,
}

/// `POST /api/v1/projects/{id}/billable/mark-billed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MarkBilledRequest {
    pub time_entry_ids: Vec<Uuid>,
    /// The invoice the time went onto, e.g. its number.
    #[cfg_attr(feature = "openapi", schema(example = "2026-000123"))]
    pub invoice_reference: String,
}

/// The entries marked billed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarkBilledResponse {
    pub billed: Vec<TimeEntryView>,
}

// ---------------------------------------------------------------- tickets

/// `POST /api/v1/tickets` and `PUT /api/v1/tickets/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TicketRequest {
    #[cfg_attr(feature = "openapi", schema(example = "Invoice PDF does not open"))]
    pub subject: String,
    /// What the customer asked, as received.
    #[serde(default)]
    pub description: Option<String>,
    /// The contact who asked.
    pub requester_id: Uuid,
    /// `open` (default), `pending` (waiting for the customer: the SLA clock pauses), `resolved` or `closed`.
    #[serde(default)]
    pub status: Option<String>,
    /// `low`, `normal` (default), `high` or `urgent`.
    #[serde(default)]
    pub priority: Option<String>,
    /// A user of the tenant.
    #[serde(default)]
    pub assignee_id: Option<Uuid>,
}

/// One SLA target's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlaTimerView {
    pub due_at: DateTime<Utc>,
    pub met_at: Option<DateTime<Utc>>,
    /// Seconds left now (or when met); negative once overdue.
    pub remaining_seconds: i64,
    pub breached: bool,
    /// The clock stands still (pending, resolved or closed).
    pub paused: bool,
}

/// A ticket's service levels (see the ticket module's rules: urgent 1 h / 4 h,
/// high 4 h / 24 h, normal 8 h / 72 h, low 24 h / 120 h; clock time, paused
/// while pending).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SlaView {
    pub first_response: SlaTimerView,
    pub resolution: SlaTimerView,
    pub breached: bool,
    /// The due instant that matters next; absent when both targets are met.
    pub next_due_at: Option<DateTime<Utc>>,
}

/// A helpdesk ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketView {
    pub id: Uuid,
    pub subject: String,
    pub description: Option<String>,
    pub requester_id: Uuid,
    pub status: String,
    pub priority: String,
    pub assignee_id: Option<Uuid>,
    pub sla: SlaView,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/tickets/{id}/messages`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TicketMessageRequest {
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Could you send us the invoice number?")
    )]
    pub body: String,
    /// An internal note for colleagues: never shown to the customer and not a response.
    #[serde(default)]
    pub internal: bool,
}

/// A public reply or an internal note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketMessageView {
    pub id: Uuid,
    pub ticket_id: Uuid,
    pub author_id: Uuid,
    pub body: String,
    pub internal: bool,
    pub created_at: DateTime<Utc>,
}

/// The messages of a ticket, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TicketMessageList {
    pub items: Vec<TicketMessageView>,
}

// ---------------------------------------------------------------- calls

/// `POST /api/v1/calls` and `PUT /api/v1/calls/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CallRequest {
    /// As typed; stored in E.164 (`+32470123467`). A leading single 0 means Belgium.
    #[cfg_attr(feature = "openapi", schema(example = "+32 470 12 34 67"))]
    pub number: String,
    /// `inbound` or `outbound`.
    #[cfg_attr(feature = "openapi", schema(example = "outbound"))]
    pub direction: String,
    #[cfg_attr(feature = "openapi", schema(example = "2026-12-01T10:00:00Z"))]
    pub started_at: DateTime<Utc>,
    /// 0 for calls not (yet) connected.
    #[serde(default)]
    pub duration_seconds: i64,
    /// `answered`, `no_answer`, `busy`, `voicemail` or `planned`.
    #[cfg_attr(feature = "openapi", schema(example = "answered"))]
    pub outcome: String,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub contact_id: Option<Uuid>,
}

/// A call record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CallView {
    pub id: Uuid,
    /// E.164.
    pub number: String,
    pub direction: String,
    pub started_at: DateTime<Utc>,
    pub duration_seconds: i64,
    pub outcome: String,
    pub notes: Option<String>,
    pub contact_id: Option<Uuid>,
    /// The user who logged the call.
    pub user_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/calls/do-not-call`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DoNotCallRequest {
    #[cfg_attr(feature = "openapi", schema(example = "0470 12 34 67"))]
    pub number: String,
}

/// An entry of the "call me no more" list: only a masked hint of the number
/// is kept (and a keyed hash to recognise it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DoNotCallView {
    pub id: Uuid,
    #[cfg_attr(feature = "openapi", schema(example = "+32 4** ** ** 67"))]
    pub hint: String,
    pub created_at: DateTime<Utc>,
}

/// The tenant's "call me no more" list, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DoNotCallList {
    pub items: Vec<DoNotCallView>,
}

/// `GET /api/v1/calls/do-not-call/check?number=`: whether a number may be called.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DoNotCallCheck {
    /// The number in E.164.
    pub number: String,
    pub listed: bool,
}
