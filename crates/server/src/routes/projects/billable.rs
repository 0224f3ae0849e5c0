//! `GET /api/v1/projects/{id}/billable`.

use std::collections::BTreeMap;

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::money::{in_cents_scale, round_to_cent};
use ecom_domain::work::timesheet::billable_line;
use ecom_domain::work::ProjectId;
use ecom_domain::TenantId;
use ecom_storage::work::projects::{self, EntryFilter, TaskFilter};
use ecom_storage::DbConnection;
use ecom_types::work::{BillableLineDraft, BillableTime};
use ecom_types::Problem;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// The project's billable time not yet invoiced, as invoice-line drafts:
/// one line per task (and one for time without a task), the minutes summed
/// and then rounded once to hundredths of an hour (halves away from zero),
/// at the project's hourly rate and VAT rate. Put the lines on an invoice,
/// then mark the entries billed so they are never invoiced twice.
#[utoipa::path(
    operation_id = "projects_billable",
    tag = "projects",
    params(("id" = Uuid, Path, description = "The project's id")),
    responses(
        (status = 200, description = "Draft lines", body = BillableTime),
        (status = 404, description = "No such project in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/projects/{id}/billable")]
pub async fn billable(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<BillableTime>, ApiError> {
    let id = ProjectId(id.into_inner());
    let now = state.clock.now();
    let result = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Projects, Access::Read, now)?;
            drafts(conn, caller.tenant, id)
        })
        .await?;
    Ok(web::Json(result))
}

/// A draft line's group: (has a task, the task's title, the task's id).
type LineKey = (bool, String, Option<Uuid>);

/// The drafts of the project's unbilled billable time.
pub fn drafts(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: ProjectId,
) -> Result<BillableTime, ApiError> {
    let project =
        projects::find_project(conn, tenant, id)?.ok_or_else(|| ApiError::not_found("project"))?;
    let entries = projects::list_entries(
        conn,
        tenant,
        &EntryFilter {
            project: Some(id),
            billable: Some(true),
            billed: Some(false),
            ..EntryFilter::default()
        },
    )?;
    let tasks = projects::list_tasks(
        conn,
        tenant,
        &TaskFilter {
            project: Some(id),
            ..TaskFilter::default()
        },
    )?;
    // Time without a task first, then tasks by title.
    let mut groups: BTreeMap<LineKey, (i64, Vec<Uuid>)> = BTreeMap::new();
    for e in &entries {
        let title = e
            .task_id
            .and_then(|t| tasks.iter().find(|task| task.id == t))
            .map(|t| t.title.clone());
        let key = (
            title.is_some(),
            title.unwrap_or_default(),
            e.task_id.map(|t| t.0),
        );
        let group = groups.entry(key).or_default();
        group.0 += e.minutes;
        group.1.push(e.id.0);
    }
    let lines: Vec<BillableLineDraft> = groups
        .into_iter()
        .map(|((has_task, title, _), (minutes, ids))| {
            let description = if has_task {
                format!("{} – {title}", project.name)
            } else {
                project.name.clone()
            };
            let line = billable_line(description, minutes, project.hourly_rate, project.vat_rate);
            BillableLineDraft {
                description: line.description,
                minutes: line.minutes,
                quantity: line.quantity,
                unit_price: in_cents_scale(line.unit_price),
                net_amount: in_cents_scale(line.net_amount),
                vat_rate: line.vat_rate,
                time_entry_ids: ids,
            }
        })
        .collect();
    let total: Decimal = lines.iter().map(|l| l.net_amount).sum();
    Ok(BillableTime {
        project_id: id.0,
        total_net: in_cents_scale(round_to_cent(total)),
        lines,
    })
}
