//! `POST /api/v1/tickets/{id}/messages`.

use actix_web::{post, web, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::work::{TicketId, TicketMessageId};
use ecom_storage::work::tickets::{self, Message};
use ecom_types::work::{TicketMessageRequest, TicketMessageView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::{ApiError, FieldChecks};
use crate::events;
use crate::state::AppState;
use crate::work::required_text;

/// Adds a public reply or an internal note. The first public reply is the
/// ticket's first response (SLA); notes never count and are never shown to
/// the customer.
#[utoipa::path(
    operation_id = "tickets_reply",
    tag = "tickets",
    params(("id" = Uuid, Path, description = "The ticket's id")),
    request_body = TicketMessageRequest,
    responses(
        (status = 201, description = "Added", body = TicketMessageView),
        (status = 404, description = "No such ticket in this account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty or too long body", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/tickets/{id}/messages")]
pub async fn reply(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<TicketMessageRequest>,
) -> Result<HttpResponse, ApiError> {
    let id = TicketId(id.into_inner());
    let body = body.into_inner()?;
    let mut checks = FieldChecks::default();
    let text = checks.check("body", required_text(&body.body, "the message", 20_000));
    checks.finish()?;
    let text = text.ok_or_else(|| ApiError::Internal("validated without a body".into()))?;
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Ticketing, Access::Write, now)?;
            let mut ticket = tickets::find(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("ticket"))?;
            let message = Message {
                id: TicketMessageId(Uuid::now_v7()),
                ticket_id: id,
                author_id: caller.user,
                body: text,
                internal: body.internal,
                created_at: now,
            };
            tickets::insert_message(conn, caller.tenant, &message)?;
            if !message.internal && ticket.first_response_at.is_none() {
                ticket.first_response_at = Some(now);
            }
            ticket.updated_at = now;
            tickets::update(conn, caller.tenant, &ticket)?;
            // The event carries the ticket, never the message: notes stay internal.
            events::record(
                conn,
                caller.tenant,
                "ticket",
                "updated",
                id.0,
                &super::view(&ticket, now),
                now,
            )?;
            Ok(super::messages::view(&message))
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
