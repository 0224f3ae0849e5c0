//! `GET /api/v1/calendar/events`.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use ecom_domain::contract::Module;
use ecom_domain::{ContactId, UserId};
use ecom_storage::work::calendar::{self, EventFilter, EventSort};
use ecom_storage::work::ListPage;
use ecom_types::page::Page;
use ecom_types::work::EventView;
use ecom_types::Problem;
use serde::Deserialize;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::pagination::{limit, sort, Sort};
use crate::state::AppState;
use crate::work::{after, cut};

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
    query: crate::query_params::Query<EventQuery>,
) -> Result<web::Json<Page<EventView>>, ApiError> {
    let query = query.into_inner()?;
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
    let key = match order.field {
        "title" => EventSort::Title,
        "created_at" => EventSort::CreatedAt,
        _ => EventSort::StartsAt,
    };
    let page = ListPage {
        q: query.q,
        sort: key,
        descending: order.descending,
        after: after(query.cursor.as_deref(), &order, |v| {
            v.and_then(|raw| key.parse_value(raw))
        })?,
        limit: limit(query.limit),
    };
    let rows = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Calendar, Access::Read, now)?;
            Ok(calendar::list_page(conn, caller.tenant, &filter, &page)?)
        })
        .await?;
    let (rows, next_cursor) = cut(
        rows,
        limit(query.limit),
        &order,
        |e| key.value_of(e),
        |e| e.id.0,
    );
    Ok(web::Json(Page {
        items: rows.iter().map(super::view).collect(),
        next_cursor,
    }))
}
