//! `POST /api/v1/contacts/import`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use ecom_types::crm::{ImportProblem, ImportReport};
use ecom_types::Problem;

use super::ImportQuery;
use crate::auth::TenantCaller;
use crate::crm_csv;
use crate::error::ApiError;
use crate::state::AppState;

/// Imports contacts from CSV (the export's columns, in any order;
/// `first_name` and `last_name` are required). The company is found by
/// `company_vat_number`, else by `company` (its name); it must exist. `?dry_run=true` checks every row and reports each
/// bad one (line, column, message) without importing. A real import with
/// any bad row imports nothing (422 with the report); a clean one imports
/// every row in one transaction.
#[utoipa::path(
    tag = "crm",
    operation_id = "import_contacts",
    params(ImportQuery),
    request_body(content = String, content_type = "text/csv",
        example = json!("first_name,last_name,email,company\nEls,Claes,els.claes@deklok.be,Brouwerij De Klok BV\n")),
    responses(
        (status = 200, description = "Dry run report, or the clean import's report", body = ImportReport),
        (status = 400, description = "Not a UTF-8 text/csv body", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 5 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Bad rows: nothing imported", body = ImportProblem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/contacts/import")]
pub async fn import(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    query: crate::query_params::Query<ImportQuery>,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner()?;
    let flags = (query.dry_run, query.allow_duplicate);
    crm_csv::import_endpoint(state, req, caller, flags, payload, crm_csv::import_contacts).await
}
