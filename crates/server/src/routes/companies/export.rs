//! `GET /api/v1/companies/export`.

use actix_web::{get, web, HttpResponse};
use ecom_domain::contract::Module;
use ecom_storage::companies;
use ecom_types::Problem;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::crm_csv;
use crate::error::ApiError;
use crate::state::AppState;

/// Every company as CSV (UTF-8, header row): name, vat_number, email,
/// phone, website, street, postal_code, city, country, tags (`;`-separated),
/// notes, marketing_consent. The same format imports back.
/// A cell a spreadsheet would run as a formula (`=...`, `@...`) is
/// prefixed with `'`; the import removes it again.
#[utoipa::path(
    tag = "crm",
    operation_id = "export_companies",
    responses(
        (status = 200, description = "The CSV file", content_type = "text/csv", body = String,
            example = json!("name,vat_number,email,phone,website,street,postal_code,city,country,tags,notes,marketing_consent\nBrouwerij De Klok BV,BE0810231595,info@deklok.be,,,Veldstraat 10,9000,Gent,BE,horeca;vip,,true\n")),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/companies/export")]
pub async fn export(
    state: web::Data<AppState>,
    caller: TenantCaller,
) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let bytes = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Read, now)?;
            crm_csv::export_companies(&companies::all(conn, caller.tenant)?)
        })
        .await?;
    Ok(crm_csv::csv_response(bytes, "companies.csv"))
}
