//! `POST /api/v1/calendar/events`.

use actix_web::{post, web, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::work::EventId;
use ecom_storage::work::calendar::{self, Event};
use ecom_types::work::{EventRequest, EventView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Creates an event. Attendees must be users of the tenant; a linked
/// contact or company must exist in the tenant.
#[utoipa::path(
    operation_id = "calendar_events_create",
    tag = "calendar",
    request_body = EventRequest,
    responses(
        (status = 201, description = "Created", body = EventView),
        (status = 403, description = "The calendar module is not in the subscription", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (e.g. the end before the start, an unknown attendee)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/calendar/events")]
pub async fn create(
    state: web::Data<AppState>,
    caller: TenantCaller,
    body: crate::json_body::Json<EventRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Calendar, Access::Write, now)?;
            let f = super::parse(conn, caller.tenant, &body)?;
            let event = Event {
                id: EventId(Uuid::now_v7()),
                title: f.title,
                description: f.description,
                location: f.location,
                all_day: f.span.all_day,
                starts_at: f.span.starts_at,
                ends_at: f.span.ends_at,
                contact_id: f.contact_id,
                company_id: f.company_id,
                attendees: f.attendees,
                created_by: caller.user,
                created_at: now,
                updated_at: now,
            };
            calendar::insert(conn, caller.tenant, &event)?;
            let view = super::view(&event);
            events::record(
                conn,
                caller.tenant,
                "calendar_event",
                "created",
                event.id.0,
                &view,
                now,
            )?;
            Ok(view)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
