//! Calendar (Module::Calendar): events and meetings with attendees from the
//! tenant, linked to a contact or company, and a per-user iCalendar feed.

pub mod create;
pub mod delete;
pub mod feed;
pub mod feed_token;
pub mod get;
pub mod list;
pub mod update;

use ecom_domain::work::calendar_event::EventSpan;
use ecom_domain::{CompanyId, ContactId, TenantId, UserId};
use ecom_storage::work::calendar::Event;
use ecom_storage::DbConnection;
use ecom_types::work::{EventRequest, EventView};

use crate::error::{ApiError, FieldChecks};
use crate::work::{check_company, check_contact, check_user, optional_line, optional_text};

pub fn view(e: &Event) -> EventView {
    let span = EventSpan {
        starts_at: e.starts_at,
        ends_at: e.ends_at,
        all_day: e.all_day,
    };
    let days = span.days();
    EventView {
        id: e.id.0,
        title: e.title.clone(),
        description: e.description.clone(),
        location: e.location.clone(),
        all_day: e.all_day,
        starts_at: e.starts_at,
        ends_at: e.ends_at,
        start_date: days.map(|d| d.0),
        end_date: days.map(|d| d.1),
        contact_id: e.contact_id.map(|c| c.0),
        company_id: e.company_id.map(|c| c.0),
        attendee_ids: e.attendees.iter().map(|u| u.0).collect(),
        created_by: e.created_by.0,
        created_at: e.created_at,
        updated_at: e.updated_at,
    }
}

/// The validated fields of an event request.
pub struct Fields {
    pub title: String,
    pub description: Option<String>,
    pub location: Option<String>,
    pub span: EventSpan,
    pub contact_id: Option<ContactId>,
    pub company_id: Option<CompanyId>,
    pub attendees: Vec<UserId>,
}

/// Checks every field at once (links against the tenant's contacts,
/// companies and users); 422 listing each bad field.
pub fn parse(
    conn: &mut DbConnection,
    tenant: TenantId,
    body: &EventRequest,
) -> Result<Fields, ApiError> {
    let mut checks = FieldChecks::default();
    let title = checks.check(
        "title",
        ecom_domain::account::parse_text(&body.title, "the title", 200),
    );
    let description = checks.check(
        "description",
        optional_text(body.description.as_deref(), "the description", 5000),
    );
    let location = checks.check(
        "location",
        optional_line(body.location.as_deref(), "the location", 300),
    );
    let span = if body.all_day {
        if body.starts_at.is_some() || body.ends_at.is_some() {
            checks.push(
                "starts_at",
                "not_for_all_day",
                "an all-day event gives start_date and end_date, not starts_at/ends_at",
            );
            None
        } else {
            match (body.start_date, body.end_date) {
                (Some(first), last) => {
                    checks.check("end_date", EventSpan::all_day(first, last.unwrap_or(first)))
                }
                (None, _) => {
                    checks.push(
                        "start_date",
                        "required",
                        "an all-day event needs a start_date",
                    );
                    None
                }
            }
        }
    } else if body.start_date.is_some() || body.end_date.is_some() {
        checks.push(
            "start_date",
            "only_for_all_day",
            "start_date and end_date are for all-day events; give starts_at and ends_at",
        );
        None
    } else {
        match (body.starts_at, body.ends_at) {
            (Some(start), Some(end)) => checks.check("ends_at", EventSpan::timed(start, end)),
            (None, _) => {
                checks.push(
                    "starts_at",
                    "required",
                    "give the start (UTC), or set all_day with start_date",
                );
                None
            }
            (Some(_), None) => {
                checks.push("ends_at", "required", "give the end (UTC)");
                None
            }
        }
    };
    let contact_id = check_contact(conn, &mut checks, tenant, "contact_id", body.contact_id)?;
    let company_id = check_company(conn, &mut checks, tenant, "company_id", body.company_id)?;
    let mut attendees = Vec::new();
    for (i, id) in body.attendee_ids.iter().enumerate() {
        if let Some(user) = check_user(
            conn,
            &mut checks,
            tenant,
            &format!("attendee_ids[{i}]"),
            Some(*id),
        )? {
            if !attendees.contains(&user) {
                attendees.push(user);
            }
        }
    }
    if body.attendee_ids.len() > 100 {
        checks.push(
            "attendee_ids",
            "too_many",
            "an event has at most 100 attendees",
        );
    }
    checks.finish()?;
    match (title, span) {
        (Some(title), Some(span)) => Ok(Fields {
            title,
            description: description.flatten(),
            location: location.flatten(),
            span,
            contact_id,
            company_id,
            attendees,
        }),
        _ => Err(ApiError::Internal(
            "event validation passed without title or span".into(),
        )),
    }
}
