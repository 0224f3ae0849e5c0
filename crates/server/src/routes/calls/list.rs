//! `GET /api/v1/calls`.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use ecom_domain::contract::Module;
use ecom_domain::work::phone::E164;
use ecom_domain::ContactId;
use ecom_storage::work::calls::{self, CallFilter, CallSort};
use ecom_storage::work::ListPage;
use ecom_types::page::Page;
use ecom_types::work::CallView;
use ecom_types::Problem;
use serde::Deserialize;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::pagination::{limit, sort, Sort};
use crate::state::AppState;
use crate::work::{after, cut, filter_choice};

/// Filters of the call log.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallQuery {
    pub contact: Option<Uuid>,
    /// `inbound` or `outbound`.
    pub direction: Option<String>,
    /// `answered`, `no_answer`, `busy`, `voicemail` or `planned`.
    pub outcome: Option<String>,
    /// Calls with this number (any notation).
    pub number: Option<String>,
    /// Calls started at or after.
    pub from: Option<DateTime<Utc>>,
    /// Calls started before.
    pub to: Option<DateTime<Utc>>,
    /// Searches the notes.
    pub q: Option<String>,
    /// `started_at` (default `-started_at` is the usual log order), `duration_seconds`; `-` for descending.
    #[param(pattern = r"^(-?(started_at|duration_seconds))?$")]
    pub sort: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// The call log.
#[utoipa::path(
    operation_id = "calls_list",
    tag = "calls",
    params(CallQuery),
    responses(
        (status = 200, description = "A page of calls", body = Page<CallView>),
        (status = 400, description = "Bad filter, sort or cursor", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/calls")]
pub async fn list(
    state: web::Data<AppState>,
    caller: TenantCaller,
    query: crate::query_params::Query<CallQuery>,
) -> Result<web::Json<Page<CallView>>, ApiError> {
    let query = query.into_inner()?;
    let order = sort(
        query.sort.as_deref(),
        &["started_at", "duration_seconds"],
        Sort {
            field: "started_at",
            descending: true,
        },
    )?;
    let number = match query
        .number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        Some(raw) => Some(
            E164::parse(raw)
                .map_err(|e| ApiError::BadRequest {
                    code: "invalid_filter",
                    detail: format!("number: {}", e.message),
                })?
                .as_str()
                .to_owned(),
        ),
        None => None,
    };
    let filter = CallFilter {
        contact: query.contact.map(ContactId),
        direction: filter_choice("direction", query.direction.as_deref(), &super::DIRECTIONS)?,
        outcome: filter_choice("outcome", query.outcome.as_deref(), &super::OUTCOMES)?,
        number,
        from: query.from,
        to: query.to,
    };
    let key = match order.field {
        "duration_seconds" => CallSort::DurationSeconds,
        _ => CallSort::StartedAt,
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
    let now = state.clock.now();
    let rows = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Voip, Access::Read, now)?;
            Ok(calls::list(conn, caller.tenant, &filter, &page)?)
        })
        .await?;
    let (rows, next_cursor) = cut(
        rows,
        limit(query.limit),
        &order,
        |c| key.value_of(c),
        |c| c.id.0,
    );
    Ok(web::Json(Page {
        items: rows.iter().map(super::view).collect(),
        next_cursor,
    }))
}
