//! `GET /api/v1/tickets/{id}/messages`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::work::TicketId;
use ecom_storage::work::tickets::{self, Message};
use ecom_types::work::{TicketMessageList, TicketMessageView};
use ecom_types::Problem;
use serde::Deserialize;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::state::AppState;
use crate::work::filter_choice;

pub fn view(m: &Message) -> TicketMessageView {
    TicketMessageView {
        id: m.id.0,
        ticket_id: m.ticket_id.0,
        author_id: m.author_id.0,
        body: m.body.clone(),
        internal: m.internal,
        created_at: m.created_at,
    }
}

/// Who will read the messages.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MessagesQuery {
    /// `staff` (default: replies and internal notes) or `customer` (public replies only,
    /// for anything shown or sent to the requester).
    pub audience: Option<String>,
}

/// The ticket's replies and notes, oldest first.
#[utoipa::path(
    operation_id = "tickets_messages_list",
    tag = "tickets",
    params(("id" = Uuid, Path, description = "The ticket's id"), MessagesQuery),
    responses(
        (status = 200, description = "The messages", body = TicketMessageList),
        (status = 404, description = "No such ticket in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/tickets/{id}/messages")]
pub async fn list(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    query: crate::query_params::Query<MessagesQuery>,
) -> Result<web::Json<TicketMessageList>, ApiError> {
    let query = query.into_inner()?;
    let id = TicketId(id.into_inner());
    let public_only = filter_choice(
        "audience",
        query.audience.as_deref(),
        &["staff", "customer"],
    )?
    .as_deref()
        == Some("customer");
    let now = state.clock.now();
    let items = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Ticketing, Access::Read, now)?;
            tickets::find(conn, caller.tenant, id)?.ok_or_else(|| ApiError::not_found("ticket"))?;
            Ok(tickets::messages(conn, caller.tenant, id, public_only)?)
        })
        .await?;
    Ok(web::Json(TicketMessageList {
        items: items.iter().map(view).collect(),
    }))
}
