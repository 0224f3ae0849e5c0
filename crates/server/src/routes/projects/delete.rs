//! `DELETE /api/v1/projects/{id}`.

use actix_web::{delete, web, HttpRequest, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::work::ProjectId;
use ecom_storage::work::projects::{self, EntryFilter};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;
use crate::work::actor;

/// Deletes a project with its tasks and time entries (audit-logged). A
/// project with billed time is kept: its entries back an invoice.
#[utoipa::path(
    operation_id = "projects_delete",
    tag = "projects",
    params(("id" = Uuid, Path, description = "The project's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such project in this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The project has billed time", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[delete("/projects/{id}")]
pub async fn delete(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = ProjectId(id.into_inner());
    let now = state.clock.now();
    let request = request_id(&req);
    state
        .write(move |conn| {
            access::require(conn, &caller, Module::Projects, Access::Write, now)?;
            let project = projects::find_project(conn, caller.tenant, id)?.ok_or_else(|| ApiError::not_found("project"))?;
            let entries = projects::list_entries(conn, caller.tenant, &EntryFilter { project: Some(id), ..EntryFilter::default() })?;
            if entries.iter().any(|e| e.billed_at.is_some()) {
                return Err(ApiError::Conflict {
                    code: "project_has_billed_time",
                    detail: "this project has time that was invoiced; set its status to completed or cancelled instead of deleting it".into(),
                    field: None,
                });
            }
            let view = super::view(&project, super::totals(entries.iter()));
            projects::delete_project(conn, caller.tenant, id)?;
            events::record(conn, caller.tenant, "project", "deleted", id.0, &view, now)?;
            Audit::new("project.deleted", actor(&caller), now)
                .tenant(caller.tenant)
                .target("project", id.0)
                .details(serde_json::json!({ "time_entries_deleted": entries.len() }))
                .request(request)
                .write(conn)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
