//! `GET /api/v1/calendar/events/{id}`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::work::EventId;
use ecom_storage::work::calendar;
use ecom_types::work::EventView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// One event.
#[utoipa::path(
    operation_id = "calendar_events_get",
    tag = "calendar",
    params(("id" = Uuid, Path, description = "The event's id")),
    responses(
        (status = 200, description = "The event", body = EventView),
        (status = 404, description = "No such event in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/calendar/events/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<EventView>, ApiError> {
    let id = EventId(id.into_inner());
    let now = state.clock.now();
    let event = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Calendar, Access::Read, now)?;
            calendar::find(conn, caller.tenant, id)?.ok_or_else(|| ApiError::not_found("event"))
        })
        .await?;
    Ok(web::Json(super::view(&event)))
}
