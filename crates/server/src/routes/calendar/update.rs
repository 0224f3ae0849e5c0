//! `PUT /api/v1/calendar/events/{id}`.

use actix_web::{put, web};
use ecom_domain::contract::Module;
use ecom_domain::work::EventId;
use ecom_storage::work::calendar;
use ecom_types::work::{EventRequest, EventView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Replaces an event's fields and attendees.
#[utoipa::path(
    operation_id = "calendar_events_update",
    tag = "calendar",
    params(("id" = Uuid, Path, description = "The event's id")),
    request_body = EventRequest,
    responses(
        (status = 200, description = "Updated", body = EventView),
        (status = 404, description = "No such event in this account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[put("/calendar/events/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<EventRequest>,
) -> Result<web::Json<EventView>, ApiError> {
    let id = EventId(id.into_inner());
    let body = body.into_inner()?;
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Calendar, Access::Write, now)?;
            let mut event = calendar::find(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("event"))?;
            let f = super::parse(conn, caller.tenant, &body)?;
            event.title = f.title;
            event.description = f.description;
            event.location = f.location;
            event.all_day = f.span.all_day;
            event.starts_at = f.span.starts_at;
            event.ends_at = f.span.ends_at;
            event.contact_id = f.contact_id;
            event.company_id = f.company_id;
            event.attendees = f.attendees;
            event.updated_at = now;
            calendar::update(conn, caller.tenant, &event)?;
            let view = super::view(&event);
            events::record(
                conn,
                caller.tenant,
                "calendar_event",
                "updated",
                event.id.0,
                &view,
                now,
            )?;
            Ok(view)
        })
        .await?;
    Ok(web::Json(view))
}
