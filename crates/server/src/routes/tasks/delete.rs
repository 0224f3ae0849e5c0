//! `DELETE /api/v1/tasks/{id}`.

use actix_web::{delete, web, HttpRequest, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::work::TaskId;
use ecom_storage::work::projects;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;
use crate::work::actor;

/// Deletes a task (audit-logged); its time entries stay on the project.
#[utoipa::path(
    operation_id = "tasks_delete",
    tag = "projects",
    params(("id" = Uuid, Path, description = "The task's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such task in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[delete("/tasks/{id}")]
pub async fn delete(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = TaskId(id.into_inner());
    let now = state.clock.now();
    let request = request_id(&req);
    state
        .write(move |conn| {
            access::require(conn, &caller, Module::Projects, Access::Write, now)?;
            let task = projects::find_task(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("task"))?;
            projects::delete_task(conn, caller.tenant, id)?;
            events::record(
                conn,
                caller.tenant,
                "task",
                "deleted",
                id.0,
                &super::view(&task, now),
                now,
            )?;
            Audit::new("task.deleted", actor(&caller), now)
                .tenant(caller.tenant)
                .target("task", id.0)
                .request(request)
                .write(conn)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
