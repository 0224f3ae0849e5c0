//! `PUT /api/v1/tasks/{id}`.

use actix_web::{put, web};
use ecom_domain::contract::Module;
use ecom_domain::work::TaskId;
use ecom_storage::work::projects;
use ecom_types::work::{TaskRequest, TaskView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Replaces a task's fields (e.g. moves it to `done`).
#[utoipa::path(
    operation_id = "tasks_update",
    tag = "projects",
    params(("id" = Uuid, Path, description = "The task's id")),
    request_body = TaskRequest,
    responses(
        (status = 200, description = "Updated", body = TaskView),
        (status = 404, description = "No such task in this account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[put("/tasks/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<TaskRequest>,
) -> Result<web::Json<TaskView>, ApiError> {
    let id = TaskId(id.into_inner());
    let body = body.into_inner()?;
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Projects, Access::Write, now)?;
            let mut task = projects::find_task(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("task"))?;
            super::apply(conn, caller.tenant, &body, &mut task)?;
            task.updated_at = now;
            projects::update_task(conn, caller.tenant, &task)?;
            let view = super::view(&task, now);
            events::record(conn, caller.tenant, "task", "updated", id.0, &view, now)?;
            Ok(view)
        })
        .await?;
    Ok(web::Json(view))
}
