//! `DELETE /api/v1/companies/{id}`.

use actix_web::{delete, web, HttpRequest, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::CompanyId;
use ecom_storage::{companies, contacts, deals};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::crm;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// `DELETE /api/v1/companies/{id}` query.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeleteCompanyQuery {
    /// `unlink`: remove the company from its contacts, deals, calendar events and projects, then delete it.
    pub cascade: Option<String>,
}

/// Deletes a company. While contacts, deals, calendar events or projects link to it the delete is
/// refused (409, saying how many) unless `?cascade=unlink`, which removes
/// those links first (the linked records stay).
#[utoipa::path(
    tag = "crm",
    operation_id = "delete_company",
    params(("id" = Uuid, Path, description = "The company's id"), DeleteCompanyQuery),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "Unknown cascade mode", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such company in this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Contacts, deals or other records still link to it", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[delete("/companies/{id}")]
pub async fn delete(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    query: crate::query_params::Query<DeleteCompanyQuery>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner()?;
    let id = CompanyId(id.into_inner());
    let unlink = match query.cascade.as_deref() {
        None => false,
        Some("unlink") => true,
        Some(other) => {
            return Err(ApiError::BadRequest {
                code: "invalid_cascade",
                detail: format!("cascade={other:?} is not supported; use cascade=unlink to remove the company from its contacts and deals"),
            })
        }
    };
    let now = state.clock.now();
    let request_id = request_id(&req);
    state
        .write(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Write, now)?;
            let company = companies::find(conn, caller.tenant, id)?.ok_or_else(|| ApiError::not_found("company"))?;
            let linked_contacts = contacts::count_for_company(conn, caller.tenant, id)?;
            let linked_deals = deals::count_for_company(conn, caller.tenant, id)?;
            let linked_work = ecom_storage::work::count_for_company(conn, caller.tenant, id)?;
            if (linked_contacts > 0 || linked_deals > 0 || linked_work > 0) && !unlink {
                return Err(ApiError::Conflict {
                    code: "company_in_use",
                    detail: format!(
                        "{} link to this company; move them first, or delete with ?cascade=unlink to remove the company from them",
                        links_named(&[(linked_contacts, "contact(s)"), (linked_deals, "deal(s)"), (linked_work, "calendar event(s) or project(s)")])
                    ),
                    field: None,
                });
            }
            let (unlinked_contacts, unlinked_deals, unlinked_work) = if unlink {
                (
                    contacts::unlink_company(conn, caller.tenant, id, now)?,
                    deals::unlink_company(conn, caller.tenant, id, now)?,
                    ecom_storage::work::unlink_company(conn, caller.tenant, id, now)?,
                )
            } else {
                (0, 0, 0)
            };
            crm::delete_or_in_use(companies::delete(conn, caller.tenant, id), "company")?;
            let view = crm::company_view(&company);
            events::record(conn, caller.tenant, "company", "deleted", id.0, &view, now)?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("company.deleted", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("company", id.0)
                .details(serde_json::json!({ "unlinked_contacts": unlinked_contacts, "unlinked_deals": unlinked_deals, "unlinked_work_records": unlinked_work }))
                .request(request_id)
                .write(conn)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// "1 contact(s) and 2 deal(s)": the non-zero counts, in order.
fn links_named(counts: &[(i64, &str)]) -> String {
    let named: Vec<String> = counts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    match named.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => "nothing".into(),
    }
}
