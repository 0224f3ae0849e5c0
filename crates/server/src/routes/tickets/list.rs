//! `GET /api/v1/tickets`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::{ContactId, UserId};
use ecom_storage::work::tickets::{self, TicketFilter};
use ecom_types::page::Page;
use ecom_types::work::TicketView;
use ecom_types::Problem;
use serde::Deserialize;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::pagination::{sort, Sort};
use crate::state::AppState;
use crate::work::{filter_choice, matches, number_key, page, time_key, Key};

/// Filters of the ticket list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TicketQuery {
    /// `open`, `pending`, `resolved` or `closed`.
    pub status: Option<String>,
    /// `low`, `normal`, `high` or `urgent`.
    pub priority: Option<String>,
    pub assignee: Option<Uuid>,
    /// The requesting contact.
    pub requester: Option<Uuid>,
    /// `true`: only tickets with a breached SLA target; `false`: only tickets within SLA.
    pub breached: Option<bool>,
    /// Searches subject and description.
    pub q: Option<String>,
    /// `sla_due` (default: what falls due first; tickets with nothing due last), `priority`, `created_at`, `updated_at`; `-` for descending.
    #[param(pattern = r"^(-?(sla_due|priority|created_at|updated_at))?$")]
    pub sort: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

fn priority_rank(p: &str) -> i64 {
    match p {
        "urgent" => 3,
        "high" => 2,
        "normal" => 1,
        _ => 0,
    }
}

/// The tenant's tickets with their SLA state now.
#[utoipa::path(
    operation_id = "tickets_list",
    tag = "tickets",
    params(TicketQuery),
    responses(
        (status = 200, description = "A page of tickets", body = Page<TicketView>),
        (status = 400, description = "Bad filter, sort or cursor", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/tickets")]
pub async fn list(
    state: web::Data<AppState>,
    caller: TenantCaller,
    query: crate::query_params::Query<TicketQuery>,
) -> Result<web::Json<Page<TicketView>>, ApiError> {
    let query = query.into_inner()?;
    let order = sort(
        query.sort.as_deref(),
        &["sla_due", "priority", "created_at", "updated_at"],
        Sort {
            field: "sla_due",
            descending: false,
        },
    )?;
    let filter = TicketFilter {
        status: filter_choice("status", query.status.as_deref(), &super::STATUSES)?,
        priority: filter_choice("priority", query.priority.as_deref(), &super::PRIORITIES)?,
        assignee: query.assignee.map(UserId),
        requester: query.requester.map(ContactId),
    };
    let now = state.clock.now();
    let rows = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Ticketing, Access::Read, now)?;
            Ok(tickets::list(conn, caller.tenant, &filter)?)
        })
        .await?;
    let q = query.q.as_deref();
    let views: Vec<TicketView> = rows
        .iter()
        .filter(|t| matches(q, &[Some(&t.subject), t.description.as_deref()]))
        .map(|t| super::view(t, now))
        .filter(|v| query.breached.is_none_or(|b| v.sla.breached == b))
        .collect();
    let field = order.field;
    Ok(web::Json(page(
        views,
        |v| Key {
            value: match field {
                "priority" => number_key(priority_rank(&v.priority)),
                "created_at" => time_key(v.created_at),
                "updated_at" => time_key(v.updated_at),
                _ => v.sla.next_due_at.and_then(time_key),
            },
            id: v.id.to_string(),
        },
        order,
        query.cursor.as_deref(),
        query.limit,
    )?))
}
