//! `POST /api/v1/tickets`.

use actix_web::{post, web, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::work::TicketId;
use ecom_storage::work::tickets::{self, Ticket};
use ecom_types::work::{TicketRequest, TicketView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Opens a ticket for a contact; the SLA timers start now.
#[utoipa::path(
    operation_id = "tickets_create",
    tag = "tickets",
    request_body = TicketRequest,
    responses(
        (status = 201, description = "Created", body = TicketView),
        (status = 403, description = "The ticketing module is not in the subscription", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (unknown requester, priority ...)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/tickets")]
pub async fn create(
    state: web::Data<AppState>,
    caller: TenantCaller,
    body: crate::json_body::Json<TicketRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Ticketing, Access::Write, now)?;
            let mut ticket = Ticket {
                id: TicketId(Uuid::now_v7()),
                subject: String::new(),
                description: None,
                requester_id: super::nobody(),
                status: "open".into(),
                priority: "normal".into(),
                assignee_id: None,
                first_response_at: None,
                resolved_at: None,
                sla_pauses: Vec::new(),
                created_at: now,
                updated_at: now,
            };
            super::apply(conn, caller.tenant, &body, &mut ticket, now)?;
            tickets::insert(conn, caller.tenant, &ticket)?;
            let view = super::view(&ticket, now);
            events::record(
                conn,
                caller.tenant,
                "ticket",
                "created",
                ticket.id.0,
                &view,
                now,
            )?;
            Ok(view)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
