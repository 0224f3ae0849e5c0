//! `PUT /api/v1/time-entries/{id}`.

use actix_web::{put, web};
use ecom_domain::contract::Module;
use ecom_domain::work::TimeEntryId;
use ecom_storage::work::projects;
use ecom_types::work::{TimeEntryRequest, TimeEntryView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Replaces an unbilled entry's fields.
#[utoipa::path(
    operation_id = "time_entries_update",
    tag = "projects",
    params(("id" = Uuid, Path, description = "The entry's id")),
    request_body = TimeEntryRequest,
    responses(
        (status = 200, description = "Updated", body = TimeEntryView),
        (status = 404, description = "No such entry in this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The entry is billed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[put("/time-entries/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<TimeEntryRequest>,
) -> Result<web::Json<TimeEntryView>, ApiError> {
    let id = TimeEntryId(id.into_inner());
    let body = body.into_inner()?;
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Projects, Access::Write, now)?;
            let mut entry = projects::find_entry(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("time entry"))?;
            if entry.billed_at.is_some() {
                return Err(super::already_billed());
            }
            super::apply(conn, &caller, &body, &mut entry)?;
            entry.updated_at = now;
            if !projects::update_entry(conn, caller.tenant, &entry)? {
                return Err(super::already_billed());
            }
            let view = super::view(&entry);
            events::record(
                conn,
                caller.tenant,
                "time_entry",
                "updated",
                id.0,
                &view,
                now,
            )?;
            Ok(view)
        })
        .await?;
    Ok(web::Json(view))
}
