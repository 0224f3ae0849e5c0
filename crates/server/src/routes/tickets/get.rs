//! `GET /api/v1/tickets/{id}`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::work::TicketId;
use ecom_storage::work::tickets;
use ecom_types::work::TicketView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// One ticket with its SLA due times, remaining time and breach flags at this moment.
#[utoipa::path(
    operation_id = "tickets_get",
    tag = "tickets",
    params(("id" = Uuid, Path, description = "The ticket's id")),
    responses(
        (status = 200, description = "The ticket", body = TicketView),
        (status = 404, description = "No such ticket in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/tickets/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<TicketView>, ApiError> {
    let id = TicketId(id.into_inner());
    let now = state.clock.now();
    let ticket = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Ticketing, Access::Read, now)?;
            tickets::find(conn, caller.tenant, id)?.ok_or_else(|| ApiError::not_found("ticket"))
        })
        .await?;
    Ok(web::Json(super::view(&ticket, now)))
}
