//! `POST /api/v1/projects/{id}/billable/mark-billed`.

use actix_web::{post, web};
use ecom_domain::account::parse_text;
use ecom_domain::contract::Module;
use ecom_domain::work::{ProjectId, TimeEntryId};
use ecom_storage::work::projects;
use ecom_types::work::{MarkBilledRequest, MarkBilledResponse};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::{ApiError, FieldChecks};
use crate::events;
use crate::routes::time_entries::view as entry_view;
use crate::state::AppState;

/// Marks time entries as invoiced on `invoice_reference`, all or none: every
/// id must be a billable, unbilled entry of this project. An entry is never
/// billed twice; a second call with the same ids is refused with 409.
#[utoipa::path(
    operation_id = "projects_mark_billed",
    tag = "projects",
    params(("id" = Uuid, Path, description = "The project's id")),
    request_body = MarkBilledRequest,
    responses(
        (status = 200, description = "The entries, now billed", body = MarkBilledResponse),
        (status = 404, description = "No such project in this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "An entry is already billed, not billable or not of this project", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No ids or no reference", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/projects/{id}/billable/mark-billed")]
pub async fn mark_billed(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<MarkBilledRequest>,
) -> Result<web::Json<MarkBilledResponse>, ApiError> {
    let id = ProjectId(id.into_inner());
    let body = body.into_inner()?;
    let mut checks = FieldChecks::default();
    let reference = checks.check(
        "invoice_reference",
        parse_text(&body.invoice_reference, "the invoice reference", 100),
    );
    let mut ids: Vec<TimeEntryId> = body
        .time_entry_ids
        .iter()
        .copied()
        .map(TimeEntryId)
        .collect();
    ids.sort();
    ids.dedup();
    if ids.is_empty() {
        checks.push(
            "time_entry_ids",
            "required",
            "give the ids of the time entries that were invoiced",
        );
    }
    if ids.len() > 1000 {
        checks.push(
            "time_entry_ids",
            "too_many",
            "mark at most 1000 entries at once",
        );
    }
    checks.finish()?;
    let reference =
        reference.ok_or_else(|| ApiError::Internal("validated without a reference".into()))?;
    let now = state.clock.now();
    let billed = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Projects, Access::Write, now)?;
            projects::lock_project(conn, caller.tenant, id)?.ok_or_else(|| ApiError::not_found("project"))?;
            let changed = projects::mark_billed(conn, caller.tenant, id, &ids, &reference, now)?;
            if changed != ids.len() {
                // The transaction rolls back: nothing is marked.
                return Err(ApiError::Conflict {
                    code: "not_billable",
                    detail: format!(
                        "{} of the {} entries are already billed, not billable or not time of this project; nothing was marked. Reload the billable time and try again",
                        ids.len() - changed,
                        ids.len()
                    ),
                    field: Some("time_entry_ids"),
                });
            }
            let mut billed = Vec::with_capacity(ids.len());
            for entry_id in &ids {
                let entry = projects::find_entry(conn, caller.tenant, *entry_id)?.ok_or_else(|| ApiError::Internal("billed entry vanished".into()))?;
                let view = entry_view(&entry);
                events::record(conn, caller.tenant, "time_entry", "updated", entry_id.0, &view, now)?;
                billed.push(view);
            }
            Ok(billed)
        })
        .await?;
    Ok(web::Json(MarkBilledResponse { billed }))
}
