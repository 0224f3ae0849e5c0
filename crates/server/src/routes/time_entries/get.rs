//! `GET /api/v1/time-entries/{id}`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::work::TimeEntryId;
use ecom_storage::work::projects;
use ecom_types::work::TimeEntryView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// One time entry.
#[utoipa::path(
    operation_id = "time_entries_get",
    tag = "projects",
    params(("id" = Uuid, Path, description = "The entry's id")),
    responses(
        (status = 200, description = "The entry", body = TimeEntryView),
        (status = 404, description = "No such entry in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/time-entries/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<TimeEntryView>, ApiError> {
    let id = TimeEntryId(id.into_inner());
    let now = state.clock.now();
    let entry = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Projects, Access::Read, now)?;
            projects::find_entry(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("time entry"))
        })
        .await?;
    Ok(web::Json(super::view(&entry)))
}
