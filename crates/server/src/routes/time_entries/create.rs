//! `POST /api/v1/time-entries`.

use actix_web::{post, web, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::work::{ProjectId, TimeEntryId};
use ecom_storage::work::projects::{self, TimeEntry};
use ecom_types::work::{TimeEntryRequest, TimeEntryView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Books time on a project (for the caller unless `user_id` names another user of the account).
#[utoipa::path(
    operation_id = "time_entries_create",
    tag = "projects",
    request_body = TimeEntryRequest,
    responses(
        (status = 201, description = "Created", body = TimeEntryView),
        (status = 422, description = "Invalid fields (unknown project, a task of another project, 0 minutes ...)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/time-entries")]
pub async fn create(
    state: web::Data<AppState>,
    caller: TenantCaller,
    body: crate::json_body::Json<TimeEntryRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Projects, Access::Write, now)?;
            let mut entry = TimeEntry {
                id: TimeEntryId(Uuid::now_v7()),
                project_id: ProjectId(body.project_id),
                task_id: None,
                user_id: caller.user,
                date: body.date,
                minutes: 0,
                description: String::new(),
                billable: body.billable,
                billed_at: None,
                invoice_reference: None,
                created_at: now,
                updated_at: now,
            };
            super::apply(conn, &caller, &body, &mut entry)?;
            projects::insert_entry(conn, caller.tenant, &entry)?;
            let view = super::view(&entry);
            events::record(
                conn,
                caller.tenant,
                "time_entry",
                "created",
                entry.id.0,
                &view,
                now,
            )?;
            Ok(view)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
