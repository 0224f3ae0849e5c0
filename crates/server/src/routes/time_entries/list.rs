//! `GET /api/v1/time-entries`.

use actix_web::{get, web};
use chrono::NaiveDate;
use ecom_domain::contract::Module;
use ecom_domain::work::{ProjectId, TaskId};
use ecom_domain::UserId;
use ecom_storage::work::projects::{self, EntryFilter, EntrySort};
use ecom_storage::work::ListPage;
use ecom_types::page::Page;
use ecom_types::work::TimeEntryView;
use ecom_types::Problem;
use serde::Deserialize;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::pagination::{limit, sort, Sort};
use crate::state::AppState;
use crate::work::{after, cut};

/// Filters of the time entry list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EntryQuery {
    pub project: Option<Uuid>,
    pub task: Option<Uuid>,
    pub user: Option<Uuid>,
    /// From this day (included).
    pub from: Option<NaiveDate>,
    /// Until this day (included).
    pub to: Option<NaiveDate>,
    pub billable: Option<bool>,
    /// `true`: only invoiced entries; `false`: only entries not invoiced yet.
    pub billed: Option<bool>,
    /// Searches the description.
    pub q: Option<String>,
    /// `date` (default), `minutes`, `created_at`; `-` for descending.
    #[param(pattern = r"^(-?(date|minutes|created_at))?$")]
    pub sort: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// Time entries; the project view carries the totals.
#[utoipa::path(
    operation_id = "time_entries_list",
    tag = "projects",
    params(EntryQuery),
    responses(
        (status = 200, description = "A page of time entries", body = Page<TimeEntryView>),
        (status = 400, description = "Bad sort or cursor", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/time-entries")]
pub async fn list(
    state: web::Data<AppState>,
    caller: TenantCaller,
    query: crate::query_params::Query<EntryQuery>,
) -> Result<web::Json<Page<TimeEntryView>>, ApiError> {
    let query = query.into_inner()?;
    let order = sort(
        query.sort.as_deref(),
        &["date", "minutes", "created_at"],
        Sort {
            field: "date",
            descending: false,
        },
    )?;
    let now = state.clock.now();
    let filter = EntryFilter {
        project: query.project.map(ProjectId),
        task: query.task.map(TaskId),
        user: query.user.map(UserId),
        from: query.from,
        to: query.to,
        billable: query.billable,
        billed: query.billed,
    };
    let key = match order.field {
        "minutes" => EntrySort::Minutes,
        "created_at" => EntrySort::CreatedAt,
        _ => EntrySort::Date,
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
            access::require(conn, &caller, Module::Projects, Access::Read, now)?;
            Ok(projects::list_entries_page(
                conn,
                caller.tenant,
                &filter,
                &page,
            )?)
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
