//! `GET /api/v1/calendar/feed/{token}.ics`: a user's events as iCalendar
//! (RFC 5545), for calendar apps that subscribe by URL and cannot send an
//! Authorization header. The token in the path is the credential.

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
use chrono::{Duration, NaiveDate};
use ecom_domain::contract::Module;
use ecom_domain::work::calendar_event::EventSpan;
use ecom_storage::users;
use ecom_storage::work::calendar::{self, Event, EventFilter};
use ecom_types::Problem;
use icalendar::{Calendar, Component, EventLike};

use crate::auth::secret_hash;
use crate::error::ApiError;
use crate::state::AppState;

/// How far back the feed goes; calendar apps keep what they already have.
const FEED_HISTORY_DAYS: i64 = 180;

/// The events the token's owner attends, from 180 days ago on. No
/// Authorization header: the token is the credential (rotate it with
/// `POST /api/v1/calendar/feed-token`).
#[utoipa::path(
    operation_id = "calendar_feed",
    tag = "calendar",
    params(("token" = String, Path, description = "The feed token from POST /api/v1/calendar/feed-token")),
    responses(
        (status = 200, description = "An iCalendar document", content_type = "text/calendar", body = String),
        (status = 403, description = "The calendar module is not in the subscription", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Unknown or rotated token", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[get("/calendar/feed/{token}.ics")]
pub async fn feed(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let hash = secret_hash(token.as_str());
    let now = state.clock.now();
    let rows = state
        .read(move |conn| {
            let unknown = || ApiError::NotFound {
                detail: "no calendar feed at this address; it may have been rotated".into(),
            };
            let (tenant, user) = calendar::feed_owner(conn, &hash)?.ok_or_else(unknown)?;
            users::find(conn, tenant, user)?
                .filter(|u| u.status == users::UserStatus::Active)
                .ok_or_else(unknown)?;
            crate::subscription::require_module(conn, tenant, Module::Calendar, now)?;
            let filter = EventFilter {
                from: Some(now - Duration::days(FEED_HISTORY_DAYS)),
                attendee: Some(user),
                ..EventFilter::default()
            };
            Ok(calendar::list(conn, tenant, &filter)?)
        })
        .await?;
    let mut cal = Calendar::new();
    cal.name("Ecom");
    for event in &rows {
        cal.push(ics_event(event, now));
    }
    let body = cal.done().to_string();
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/calendar; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "private, max-age=300"))
        .body(body))
}

fn ics_event(e: &Event, now: chrono::DateTime<chrono::Utc>) -> icalendar::Event {
    let mut out = icalendar::Event::with_uid(&format!("{}@ecom", e.id.0));
    out.summary(&e.title)
        .timestamp(now)
        .created(e.created_at)
        .last_modified(e.updated_at);
    let span = EventSpan {
        starts_at: e.starts_at,
        ends_at: e.ends_at,
        all_day: e.all_day,
    };
    match span.days() {
        // RFC 5545: an all-day event is a DATE start and the (exclusive) day after its last day.
        Some((first, last)) => {
            out.starts(first)
                .ends(last.succ_opt().unwrap_or(NaiveDate::MAX));
        }
        None => {
            out.starts(e.starts_at).ends(e.ends_at);
        }
    }
    if let Some(description) = &e.description {
        out.description(description);
    }
    if let Some(location) = &e.location {
        out.location(location);
    }
    out.done()
}
