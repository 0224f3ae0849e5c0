//! `POST /api/v1/projects`.

use actix_web::{post, web, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::work::ProjectId;
use ecom_storage::work::projects::{self, Project};
use ecom_types::work::{ProjectRequest, ProjectView};
use ecom_types::Problem;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Creates a project.
#[utoipa::path(
    operation_id = "projects_create",
    tag = "projects",
    request_body = ProjectRequest,
    responses(
        (status = 201, description = "Created", body = ProjectView),
        (status = 403, description = "The projects module is not in the subscription", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/projects")]
pub async fn create(
    state: web::Data<AppState>,
    caller: TenantCaller,
    body: crate::json_body::Json<ProjectRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Projects, Access::Write, now)?;
            let mut project = Project {
                id: ProjectId(Uuid::now_v7()),
                name: String::new(),
                description: None,
                company_id: None,
                contact_id: None,
                status: String::new(),
                budget_hours: None,
                hourly_rate: Decimal::ZERO,
                vat_rate: Decimal::ZERO,
                created_at: now,
                updated_at: now,
            };
            super::apply(conn, caller.tenant, &body, &mut project)?;
            projects::insert_project(conn, caller.tenant, &project)?;
            let view = super::view(&project, super::totals(std::iter::empty()));
            events::record(
                conn,
                caller.tenant,
                "project",
                "created",
                project.id.0,
                &view,
                now,
            )?;
            Ok(view)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
