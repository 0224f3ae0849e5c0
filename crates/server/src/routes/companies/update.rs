//! `PUT /api/v1/companies/{id}`.

use actix_web::{put, web, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::CompanyId;
use ecom_storage::companies;
use ecom_types::crm::{CompanyRequest, CompanyView, DuplicateProblem};
use ecom_types::Problem;
use uuid::Uuid;

use super::DuplicateQuery;
use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::crm;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Replaces a company's details (a field left out is cleared). Changing the
/// VAT number to another company's is refused (409) unless
/// `?allow_duplicate=true`.
#[utoipa::path(
    tag = "crm",
    operation_id = "update_company",
    params(("id" = Uuid, Path, description = "The company's id"), DuplicateQuery),
    request_body = CompanyRequest,
    responses(
        (status = 200, description = "Updated", body = CompanyView),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such company in this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another company has this VAT number", body = DuplicateProblem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[put("/companies/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    query: crate::query_params::Query<DuplicateQuery>,
    body: crate::json_body::Json<CompanyRequest>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner()?;
    let id = CompanyId(id.into_inner());
    let body = body.into_inner()?;
    let allow_duplicate = query.allow_duplicate;
    let now = state.clock.now();
    let outcome = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Write, now)?;
            let current = companies::find(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("company"))?;
            let company = crm::company_from_request(&body, id, current.created_at, now)
                .map_err(ApiError::Validation)?;
            if let (Some(vat), false) = (&company.vat_number, allow_duplicate) {
                if let Some(existing) =
                    companies::find_by_vat(conn, caller.tenant, vat)?.filter(|c| c.id != id)
                {
                    return Ok(Err(existing.id.0));
                }
            }
            companies::update(conn, caller.tenant, &company)?;
            let view = crm::company_view(&company);
            events::record(conn, caller.tenant, "company", "updated", id.0, &view, now)?;
            Ok(Ok(view))
        })
        .await?;
    Ok(match outcome {
        Ok(view) => HttpResponse::Ok().json(view),
        Err(existing) => crm::duplicate("company", "vat_number", existing),
    })
}
