//! `GET /api/v1/contacts/export`.

use actix_web::{get, web, HttpResponse};
use ecom_domain::contract::Module;
use ecom_storage::{companies, contacts};
use ecom_types::Problem;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::crm_csv;
use crate::error::ApiError;
use crate::state::AppState;

/// Every contact as CSV (UTF-8, header row): first_name, last_name, email,
/// phone, mobile, job_title, company, company_vat_number, street,
/// postal_code, city, country, language, tags (`;`-separated), notes,
/// marketing_consent. The company is named by name and VAT number, so the
/// file imports into another account once its companies are imported.
/// A cell a spreadsheet would run as a formula (`=...`, `@...`) is
/// prefixed with `'`; the import removes it again.
#[utoipa::path(
    tag = "crm",
    operation_id = "export_contacts",
    responses(
        (status = 200, description = "The CSV file", content_type = "text/csv", body = String,
            example = json!("first_name,last_name,email,phone,mobile,job_title,company,company_vat_number,street,postal_code,city,country,language,tags,notes,marketing_consent\nEls,Claes,els.claes@deklok.be,,,Aankoper,Brouwerij De Klok BV,BE0810231595,,,Gent,BE,nl,,,false\n")),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/contacts/export")]
pub async fn export(
    state: web::Data<AppState>,
    caller: TenantCaller,
) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let bytes = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Read, now)?;
            let all_companies = companies::all(conn, caller.tenant)?;
            crm_csv::export_contacts(&contacts::all(conn, caller.tenant)?, &all_companies)
        })
        .await?;
    Ok(crm_csv::csv_response(bytes, "contacts.csv"))
}
