//! `GET /api/v1/projects/{id}/tasks` and `GET /api/v1/tasks`.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use ecom_domain::calendar::belgian_date;
use ecom_domain::contract::Module;
use ecom_domain::work::ProjectId;
use ecom_domain::UserId;
use ecom_storage::work::projects::{self, Task, TaskFilter, TaskSort};
use ecom_storage::work::ListPage;
use ecom_types::page::Page;
use ecom_types::work::TaskView;
use ecom_types::Problem;
use serde::Deserialize;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::pagination::{limit, sort, Sort};
use crate::state::AppState;
use crate::work::{after, cut, filter_choice};

/// Filters of the task lists.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TaskQuery {
    /// Tasks assigned to this user.
    pub assignee: Option<Uuid>,
    /// `todo`, `in_progress` or `done`.
    pub status: Option<String>,
    /// `true`: only tasks past their due day and not done.
    pub overdue: Option<bool>,
    /// Searches title and description.
    pub q: Option<String>,
    /// `due_date` (default; tasks without one last), `title`, `created_at`; `-` for descending.
    #[param(pattern = r"^(-?(due_date|title|created_at))?$")]
    pub sort: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// A project's tasks.
#[utoipa::path(
    operation_id = "tasks_list_for_project",
    tag = "projects",
    params(("id" = Uuid, Path, description = "The project's id"), TaskQuery),
    responses(
        (status = 200, description = "A page of tasks", body = Page<TaskView>),
        (status = 400, description = "Bad filter, sort or cursor", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such project in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/projects/{id}/tasks")]
pub async fn for_project(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    query: crate::query_params::Query<TaskQuery>,
) -> Result<web::Json<Page<TaskView>>, ApiError> {
    run(
        state,
        caller,
        Some(ProjectId(id.into_inner())),
        query.into_inner()?,
    )
    .await
}

/// Tasks across projects (e.g. `?assignee=<me>&overdue=true`).
#[utoipa::path(
    operation_id = "tasks_list_all",
    tag = "projects",
    params(TaskQuery),
    responses(
        (status = 200, description = "A page of tasks", body = Page<TaskView>),
        (status = 400, description = "Bad filter, sort or cursor", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/tasks")]
pub async fn all(
    state: web::Data<AppState>,
    caller: TenantCaller,
    query: crate::query_params::Query<TaskQuery>,
) -> Result<web::Json<Page<TaskView>>, ApiError> {
    run(state, caller, None, query.into_inner()?).await
}

async fn run(
    state: web::Data<AppState>,
    caller: TenantCaller,
    project: Option<ProjectId>,
    query: TaskQuery,
) -> Result<web::Json<Page<TaskView>>, ApiError> {
    let order = sort(
        query.sort.as_deref(),
        &["due_date", "title", "created_at"],
        Sort {
            field: "due_date",
            descending: false,
        },
    )?;
    let status = filter_choice("status", query.status.as_deref(), &super::STATUSES)?;
    let now: DateTime<Utc> = state.clock.now();
    let today = belgian_date(now);
    let filter = TaskFilter {
        project,
        assignee: query.assignee.map(UserId),
        status,
        due_before: query.overdue.filter(|o| *o).map(|_| today),
        not_overdue_on: query.overdue.filter(|o| !*o).map(|_| today),
    };
    let key = match order.field {
        "title" => TaskSort::Title,
        "created_at" => TaskSort::CreatedAt,
        _ => TaskSort::DueDate,
    };
    let page = ListPage {
        q: query.q,
        sort: key,
        descending: order.descending,
        after: after(query.cursor.as_deref(), &order, |v| key.parse_value(v))?,
        limit: limit(query.limit),
    };
    let rows: Vec<Task> = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Projects, Access::Read, now)?;
            if let Some(project) = project {
                projects::find_project(conn, caller.tenant, project)?
                    .ok_or_else(|| ApiError::not_found("project"))?;
            }
            Ok(projects::list_tasks_page(
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
        |t| key.value_of(t),
        |t| t.id.0,
    );
    Ok(web::Json(Page {
        items: rows.iter().map(|t| super::view(t, now)).collect(),
        next_cursor,
    }))
}
