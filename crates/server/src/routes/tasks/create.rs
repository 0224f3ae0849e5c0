//! `POST /api/v1/projects/{id}/tasks`.

use actix_web::{post, web, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::work::{ProjectId, TaskId};
use ecom_storage::work::projects::{self, Task};
use ecom_types::work::{TaskRequest, TaskView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Adds a task to a project.
#[utoipa::path(
    operation_id = "tasks_create",
    tag = "projects",
    params(("id" = Uuid, Path, description = "The project's id")),
    request_body = TaskRequest,
    responses(
        (status = 201, description = "Created", body = TaskView),
        (status = 404, description = "No such project in this account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (e.g. an assignee who is not a user of the account)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/projects/{id}/tasks")]
pub async fn create(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<TaskRequest>,
) -> Result<HttpResponse, ApiError> {
    let project = ProjectId(id.into_inner());
    let body = body.into_inner()?;
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Projects, Access::Write, now)?;
            projects::find_project(conn, caller.tenant, project)?
                .ok_or_else(|| ApiError::not_found("project"))?;
            let mut task = Task {
                id: TaskId(Uuid::now_v7()),
                project_id: project,
                title: String::new(),
                description: None,
                assignee_id: None,
                due_date: None,
                status: String::new(),
                created_at: now,
                updated_at: now,
            };
            super::apply(conn, caller.tenant, &body, &mut task)?;
            projects::insert_task(conn, caller.tenant, &task)?;
            let view = super::view(&task, now);
            events::record(
                conn,
                caller.tenant,
                "task",
                "created",
                task.id.0,
                &view,
                now,
            )?;
            Ok(view)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
