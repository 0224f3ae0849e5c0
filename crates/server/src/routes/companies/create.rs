//! `POST /api/v1/companies`.

use actix_web::{post, web, HttpResponse};
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

/// Creates a company. A VAT number already used by another company of the
/// account is refused (409, with that company's id) unless
/// `?allow_duplicate=true`.
#[utoipa::path(
    tag = "crm",
    operation_id = "create_company",
    params(DuplicateQuery),
    request_body = CompanyRequest,
    responses(
        (status = 201, description = "Created", body = CompanyView),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A company with this VAT number exists", body = DuplicateProblem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (name, VAT number, e-mail, country, ...)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/companies")]
pub async fn create(
    state: web::Data<AppState>,
    caller: TenantCaller,
    query: crate::query_params::Query<DuplicateQuery>,
    body: crate::json_body::Json<CompanyRequest>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner()?;
    let body = body.into_inner()?;
    let allow_duplicate = query.allow_duplicate;
    let now = state.clock.now();
    let outcome = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Write, now)?;
            let company = crm::company_from_request(&body, CompanyId(Uuid::now_v7()), now, now)
                .map_err(ApiError::Validation)?;
            if let (Some(vat), false) = (&company.vat_number, allow_duplicate) {
                if let Some(existing) = companies::find_by_vat(conn, caller.tenant, vat)? {
                    return Ok(Err(existing.id.0));
                }
            }
            companies::insert(conn, caller.tenant, &company)?;
            let view = crm::company_view(&company);
            events::record(
                conn,
                caller.tenant,
                "company",
                "created",
                company.id.0,
                &view,
                now,
            )?;
            Ok(Ok(view))
        })
        .await?;
    Ok(match outcome {
        Ok(view) => HttpResponse::Created().json(view),
        Err(existing) => crm::duplicate("company", "vat_number", existing),
    })
}
