//! `GET /api/v1/companies/{id}`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::CompanyId;
use ecom_storage::companies;
use ecom_types::crm::CompanyView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::crm;
use crate::error::ApiError;
use crate::state::AppState;

/// One company.
#[utoipa::path(
    tag = "crm",
    operation_id = "get_company",
    params(("id" = Uuid, Path, description = "The company's id")),
    responses(
        (status = 200, description = "The company", body = CompanyView),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such company in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/companies/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<CompanyView>, ApiError> {
    let id = CompanyId(id.into_inner());
    let now = state.clock.now();
    let company = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Read, now)?;
            companies::find(conn, caller.tenant, id)?.ok_or_else(|| ApiError::not_found("company"))
        })
        .await?;
    Ok(web::Json(crm::company_view(&company)))
}
