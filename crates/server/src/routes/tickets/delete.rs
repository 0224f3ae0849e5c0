//! `DELETE /api/v1/tickets/{id}`.

use actix_web::{delete, web, HttpRequest, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::work::TicketId;
use ecom_storage::work::tickets;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;
use crate::work::actor;

/// Deletes a ticket with its messages (audit-logged).
#[utoipa::path(
    operation_id = "tickets_delete",
    tag = "tickets",
    params(("id" = Uuid, Path, description = "The ticket's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such ticket in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[delete("/tickets/{id}")]
pub async fn delete(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = TicketId(id.into_inner());
    let now = state.clock.now();
    let request = request_id(&req);
    state
        .write(move |conn| {
            access::require(conn, &caller, Module::Ticketing, Access::Write, now)?;
            let ticket = tickets::find(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("ticket"))?;
            tickets::delete(conn, caller.tenant, id)?;
            events::record(
                conn,
                caller.tenant,
                "ticket",
                "deleted",
                id.0,
                &super::view(&ticket, now),
                now,
            )?;
            Audit::new("ticket.deleted", actor(&caller), now)
                .tenant(caller.tenant)
                .target("ticket", id.0)
                .request(request)
                .write(conn)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
