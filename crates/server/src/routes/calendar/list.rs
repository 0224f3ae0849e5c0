//! `GET /api/v1/calendar/events`.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use ecom_domain::contract::Module;
use ecom_domain::{ContactId, UserId};
use ecom_storage::work::calendar::{self, EventFilter};
use ecom_types::page::Page;
use ecom_types::work::EventView;
use ecom_types::Problem;
use serde::Deserialize;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::pagination::{sort, Sort};
use crate::state::AppState;
use crate::work::{matches, page, text_key, time_key, Key};

/// Filters of the event list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventQuery {
    /// Events that end after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Events that start before this instant.
    pub to: Option<DateTime<Utc>>,
    /// Events this user attends.
    pub attendee: Option<Uuid>,
    /// Events linked to this contact.
    pub contact: Option<Uuid>,
    /// Searches title, description and location.
    pub q: Option<String>,
    /// `starts_at` (default), `title`, `created_at`; `-` for descending.
    #[param(pattern = r"^(-?(starts_at|title|created_at))?$")]
    pub sort: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// Events overlapping the range `[from, to)`, by start.
#[utoipa::path(
    operation_id = "calendar_events_list",
    tag = "calendar",
    params(EventQuery),
    responses(
        (status = 200, description = "A page of events", body = Page<EventView>),
        (status = 400, description = "Bad sort, cursor or range", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/calendar/events")]
pub async fn list(
    state: web::Data<AppState>,
    caller: TenantCaller,
    query: web::Query<EventQuery>,
) -> Result<web::Json<Page<EventView>>, ApiError> {
    let query = query.into_inner();
    let order = sort(
        query.sort.as_deref(),
        &["starts_at", "title", "created_at"],
        Sort {
            field: "starts_at",
            descending: false,
        },
    )?;
    if let (Some(from), Some(to)) = (query.from, query.to) {
        if to <= from {
            return Err(ApiError::BadRequest {
                code: "invalid_range",
                detail: "`to` must be after `from`".into(),
            });
        }
    }
    let now = state.clock.now();
    let filter = EventFilter {
        from: query.from,
        to: query.to,
        attendee: query.attendee.map(UserId),
        contact: query.contact.map(ContactId),
    };
    let rows = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Calendar, Access::Read, now)?;
            Ok(calendar::list(conn, caller.tenant, &filter)?)
        })
        .await?;
    let q = query.q.as_deref();
    let views: Vec<EventView> = rows
        .iter()
        .filter(|e| {
            matches(
                q,
                &[
                    Some(&e.title),
                    e.description.as_deref(),
                    e.location.as_deref(),
                ],
            )
        })
        .map(super::view)
        .collect();
    let field = order.field;
    let result = page(
        views,
        |v| Key {
            value: match field {
                "title" => text_key(&v.title),
                "created_at" => time_key(v.created_at),
                _ => time_key(v.starts_at),
            },
            id: v.id.to_string(),
        },
        order,
        query.cursor.as_deref(),
        query.limit,
    )?;
    Ok(web::Json(result))
}
