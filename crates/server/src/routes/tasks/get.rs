//! `GET /api/v1/tasks/{id}`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::work::TaskId;
use ecom_storage::work::projects;
use ecom_types::work::TaskView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// One task.
#[utoipa::path(
    operation_id = "tasks_get",
    tag = "projects",
    params(("id" = Uuid, Path, description = "The task's id")),
    responses(
        (status = 200, description = "The task", body = TaskView),
        (status = 404, description = "No such task in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/tasks/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<TaskView>, ApiError> {
    let id = TaskId(id.into_inner());
    let now = state.clock.now();
    let task = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Projects, Access::Read, now)?;
            projects::find_task(conn, caller.tenant, id)?.ok_or_else(|| ApiError::not_found("task"))
        })
        .await?;
    Ok(web::Json(super::view(&task, now)))
}
