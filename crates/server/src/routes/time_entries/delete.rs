//! `DELETE /api/v1/time-entries/{id}`.

use actix_web::{delete, web, HttpRequest, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::work::TimeEntryId;
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

/// Deletes an unbilled entry (audit-logged).
#[utoipa::path(
    operation_id = "time_entries_delete",
    tag = "projects",
    params(("id" = Uuid, Path, description = "The entry's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 404, description = "No such entry in this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The entry is billed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[delete("/time-entries/{id}")]
pub async fn delete(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = TimeEntryId(id.into_inner());
    let now = state.clock.now();
    let request = request_id(&req);
    state
        .write(move |conn| {
            access::require(conn, &caller, Module::Projects, Access::Write, now)?;
            let entry = projects::find_entry(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("time entry"))?;
            if entry.billed_at.is_some() || !projects::delete_entry(conn, caller.tenant, id)? {
                return Err(super::already_billed());
            }
            events::record(
                conn,
                caller.tenant,
                "time_entry",
                "deleted",
                id.0,
                &super::view(&entry),
                now,
            )?;
            Audit::new("time_entry.deleted", actor(&caller), now)
                .tenant(caller.tenant)
                .target("time_entry", id.0)
                .details(serde_json::json!({ "minutes": entry.minutes }))
                .request(request)
                .write(conn)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
