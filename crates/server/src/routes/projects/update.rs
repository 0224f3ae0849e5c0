//! `PUT /api/v1/projects/{id}`.

use actix_web::{put, web};
use ecom_domain::contract::Module;
use ecom_domain::work::ProjectId;
use ecom_storage::work::projects::{self, EntryFilter};
use ecom_types::work::{ProjectRequest, ProjectView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Replaces a project's fields. A new rate applies to time not yet billed.
#[utoipa::path(
    operation_id = "projects_update",
    tag = "projects",
    params(("id" = Uuid, Path, description = "The project's id")),
    request_body = ProjectRequest,
    responses(
        (status = 200, description = "Updated", body = ProjectView),
        (status = 404, description = "No such project in this account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[put("/projects/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<ProjectRequest>,
) -> Result<web::Json<ProjectView>, ApiError> {
    let id = ProjectId(id.into_inner());
    let body = body.into_inner()?;
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Projects, Access::Write, now)?;
            let mut project = projects::find_project(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("project"))?;
            super::apply(conn, caller.tenant, &body, &mut project)?;
            project.updated_at = now;
            projects::update_project(conn, caller.tenant, &project)?;
            let entries = projects::list_entries(
                conn,
                caller.tenant,
                &EntryFilter {
                    project: Some(id),
                    ..EntryFilter::default()
                },
            )?;
            let view = super::view(&project, super::totals(entries.iter()));
            events::record(conn, caller.tenant, "project", "updated", id.0, &view, now)?;
            Ok(view)
        })
        .await?;
    Ok(web::Json(view))
}
