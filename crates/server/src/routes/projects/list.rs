//! `GET /api/v1/projects`.

use std::collections::HashMap;

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::CompanyId;
use ecom_storage::work::projects::{self, EntryFilter, TimeEntry};
use ecom_types::page::Page;
use ecom_types::work::ProjectView;
use ecom_types::Problem;
use serde::Deserialize;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::pagination::{sort, Sort};
use crate::state::AppState;
use crate::work::{filter_choice, matches, page, text_key, time_key, Key};

/// Filters of the project list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProjectQuery {
    /// `planned`, `active`, `on_hold`, `completed` or `cancelled`.
    pub status: Option<String>,
    /// The customer company.
    pub company: Option<Uuid>,
    /// Searches the name and description.
    pub q: Option<String>,
    /// `name` (default), `created_at`, `updated_at`; `-` for descending.
    #[param(pattern = r"^(-?(name|created_at|updated_at))?$")]
    pub sort: Option<String>,
    pub limit: Option<u32>,
    pub cursor: Option<String>,
}

/// The tenant's projects with their time totals.
#[utoipa::path(
    operation_id = "projects_list",
    tag = "projects",
    params(ProjectQuery),
    responses(
        (status = 200, description = "A page of projects", body = Page<ProjectView>),
        (status = 400, description = "Bad filter, sort or cursor", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/projects")]
pub async fn list(
    state: web::Data<AppState>,
    caller: TenantCaller,
    query: crate::query_params::Query<ProjectQuery>,
) -> Result<web::Json<Page<ProjectView>>, ApiError> {
    let query = query.into_inner()?;
    let order = sort(
        query.sort.as_deref(),
        &["name", "created_at", "updated_at"],
        Sort {
            field: "name",
            descending: false,
        },
    )?;
    let status = filter_choice("status", query.status.as_deref(), &super::STATUSES)?;
    let now = state.clock.now();
    let company = query.company.map(CompanyId);
    let (rows, entries) = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Projects, Access::Read, now)?;
            let rows = projects::list_projects(conn, caller.tenant, status.as_deref(), company)?;
            let entries = projects::list_entries(conn, caller.tenant, &EntryFilter::default())?;
            Ok((rows, entries))
        })
        .await?;
    let mut by_project: HashMap<Uuid, Vec<TimeEntry>> = HashMap::new();
    for e in entries {
        by_project.entry(e.project_id.0).or_default().push(e);
    }
    let q = query.q.as_deref();
    let views: Vec<ProjectView> = rows
        .iter()
        .filter(|p| matches(q, &[Some(&p.name), p.description.as_deref()]))
        .map(|p| {
            super::view(
                p,
                super::totals(by_project.get(&p.id.0).into_iter().flatten()),
            )
        })
        .collect();
    let field = order.field;
    Ok(web::Json(page(
        views,
        |v| Key {
            value: match field {
                "created_at" => time_key(v.created_at),
                "updated_at" => time_key(v.updated_at),
                _ => text_key(&v.name),
            },
            id: v.id.to_string(),
        },
        order,
        query.cursor.as_deref(),
        query.limit,
    )?))
}
