//! `POST /api/v1/projects/{id}/invoice`: the project's unbilled billable
//! time becomes a draft sales invoice.

use actix_web::{post, web, HttpRequest, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::work::{ProjectId, TimeEntryId};
use ecom_storage::work::projects;
use ecom_types::sales::{SalesInvoiceView, SalesLineInput};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::error::ApiError;
use crate::events;
use crate::routes::time_entries::view as entry_view;
use crate::state::AppState;

/// Invoices the project's billable time in one transaction: the unbilled
/// billable entries (as `GET /projects/{id}/billable` shows them, one line
/// per task) become a draft sales invoice for the project's customer, and
/// those entries are marked billed with the draft's id as invoice reference,
/// so they are never invoiced twice. Needs write access to Projects and to
/// Invoicing.
#[utoipa::path(
    operation_id = "projects_invoice",
    tag = "projects",
    params(("id" = Uuid, Path, description = "The project's id")),
    responses(
        (status = 201, description = "The draft sales invoice", body = SalesInvoiceView),
        (status = 403, description = "No write access to Projects or Invoicing", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such project in this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Some of the time was invoiced by a concurrent request; nothing changed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Nothing billable (`nothing_billable`), the project has no customer (`no_customer`), or the customer is gone (field `company_id` / `contact_id`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/projects/{id}/invoice")]
pub async fn invoice(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = ProjectId(id.into_inner());
    let now = state.clock.now();
    let today = crate::subscription::today(now);
    let request_id = request_id(&req);
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Projects, Access::Write, now)?;
            access::require(conn, &caller, Module::Invoicing, Access::Write, now)?;
            let project = projects::lock_project(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("project"))?;
            if project.company_id.is_none() && project.contact_id.is_none() {
                return Err(ApiError::Rule {
                    code: "no_customer",
                    detail:
                        "the project has no customer (company or contact) to invoice; set one first"
                            .into(),
                });
            }
            let billable = super::billable::drafts(conn, caller.tenant, id)?;
            if billable.lines.is_empty() {
                return Err(ApiError::Rule {
                    code: "nothing_billable",
                    detail: "the project has no billable time that is not invoiced yet".into(),
                });
            }
            let lines: Vec<SalesLineInput> = billable
                .lines
                .iter()
                .map(|l| SalesLineInput {
                    description: l.description.clone(),
                    quantity: l.quantity,
                    unit_price: l.unit_price,
                    vat_rate: Some(l.vat_rate),
                    discount_percent: None,
                })
                .collect();
            let si = crate::sales::create_draft_invoice(
                conn,
                caller.tenant,
                project.company_id.map(|c| c.0),
                project.contact_id.map(|c| c.0),
                &lines,
                Some(format!("Time booked on {}", project.name)),
                now,
            )?;
            let mut ids: Vec<TimeEntryId> = billable
                .lines
                .iter()
                .flat_map(|l| l.time_entry_ids.iter().copied().map(TimeEntryId))
                .collect();
            ids.sort();
            let reference = si.id.to_string();
            let changed = projects::mark_billed(conn, caller.tenant, id, &ids, &reference, now)?;
            if changed != ids.len() {
                // Another request billed some of them meanwhile: roll everything back.
                return Err(ApiError::Conflict {
                    code: "not_billable",
                    detail:
                        "some of the time was invoiced meanwhile; nothing was invoiced. Try again"
                            .into(),
                    field: None,
                });
            }
            for entry_id in &ids {
                let entry = projects::find_entry(conn, caller.tenant, *entry_id)?
                    .ok_or_else(|| ApiError::Internal("billed entry vanished".into()))?;
                events::record(
                    conn,
                    caller.tenant,
                    "time_entry",
                    "updated",
                    entry_id.0,
                    &entry_view(&entry),
                    now,
                )?;
            }
            let (kind, actor) = caller.caller.actor();
            Audit::new("project.invoiced", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("project", id.0)
                .details(
                    serde_json::json!({ "sales_invoice_id": si.id, "time_entries": ids.len() }),
                )
                .request(request_id)
                .write(conn)?;
            crate::routes::sales_invoices::view(conn, caller.tenant, &si, today, now)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
