//! `DELETE /api/v1/calendar/events/{id}`.

use actix_web::{delete, web, HttpRequest, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::work::EventId;
use ecom_storage::work::calendar;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;
use crate::work::actor;

/// Deletes an event (audit-logged).
#[utoipa::path(
    operation_id = "calendar_events_delete",
    tag = "calendar",
    params(("id" = Uuid, Path, description = "The event's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such event in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[delete("/calendar/events/{id}")]
pub async fn delete(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = EventId(id.into_inner());
    let now = state.clock.now();
    let request = request_id(&req);
    state
        .write(move |conn| {
            access::require(conn, &caller, Module::Calendar, Access::Write, now)?;
            let event = calendar::find(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("event"))?;
            calendar::delete(conn, caller.tenant, id)?;
            events::record(
                conn,
                caller.tenant,
                "calendar_event",
                "deleted",
                id.0,
                &super::view(&event),
                now,
            )?;
            Audit::new("event.deleted", actor(&caller), now)
                .tenant(caller.tenant)
                .target("event", id.0)
                .request(request)
                .write(conn)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
