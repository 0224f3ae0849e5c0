//! `GET /api/v1/projects/{id}`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::work::ProjectId;
use ecom_storage::work::projects::{self, EntryFilter};
use ecom_types::work::ProjectView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// One project with its time totals.
#[utoipa::path(
    operation_id = "projects_get",
    tag = "projects",
    params(("id" = Uuid, Path, description = "The project's id")),
    responses(
        (status = 200, description = "The project", body = ProjectView),
        (status = 404, description = "No such project in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/projects/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<ProjectView>, ApiError> {
    let id = ProjectId(id.into_inner());
    let now = state.clock.now();
    let view = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Projects, Access::Read, now)?;
            let project = projects::find_project(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("project"))?;
            let entries = projects::list_entries(
                conn,
                caller.tenant,
                &EntryFilter {
                    project: Some(id),
                    ..EntryFilter::default()
                },
            )?;
            Ok(super::view(&project, super::totals(entries.iter())))
        })
        .await?;
    Ok(web::Json(view))
}
