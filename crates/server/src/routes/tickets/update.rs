//! `PUT /api/v1/tickets/{id}`.

use actix_web::{put, web};
use ecom_domain::contract::Module;
use ecom_domain::work::TicketId;
use ecom_storage::work::tickets;
use ecom_types::work::{TicketRequest, TicketView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Replaces a ticket's fields. `pending` pauses the SLA clock, `open`
/// resumes it; `resolved`/`closed` stop the resolution timer.
#[utoipa::path(
    operation_id = "tickets_update",
    tag = "tickets",
    params(("id" = Uuid, Path, description = "The ticket's id")),
    request_body = TicketRequest,
    responses(
        (status = 200, description = "Updated", body = TicketView),
        (status = 404, description = "No such ticket in this account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[put("/tickets/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<TicketRequest>,
) -> Result<web::Json<TicketView>, ApiError> {
    let id = TicketId(id.into_inner());
    let body = body.into_inner()?;
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Ticketing, Access::Write, now)?;
            let mut ticket = tickets::find(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("ticket"))?;
            super::apply(conn, caller.tenant, &body, &mut ticket, now)?;
            ticket.updated_at = now;
            tickets::update(conn, caller.tenant, &ticket)?;
            let view = super::view(&ticket, now);
            events::record(conn, caller.tenant, "ticket", "updated", id.0, &view, now)?;
            Ok(view)
        })
        .await?;
    Ok(web::Json(view))
}
