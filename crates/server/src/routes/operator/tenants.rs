//! `GET /api/v1/operator/tenants`.

use actix_web::{get, web};
use ecom_storage::tenants;
use ecom_types::operator::{TenantSummary, TenantSummaryList};
use ecom_types::Problem;

use crate::auth::OperatorCaller;
use crate::error::ApiError;
use crate::state::AppState;
use crate::views;

/// Every tenant, newest first (at most 500): company data and account state,
/// never the tenant's customer data.
#[utoipa::path(
    tag = "operator",
    responses(
        (status = 200, description = "The tenants", body = TenantSummaryList),
        (status = 403, description = "Not an operator", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[get("/operator/tenants")]
pub async fn list(state: web::Data<AppState>, _caller: OperatorCaller) -> Result<web::Json<TenantSummaryList>, ApiError> {
    let now = state.clock.now();
    let rows = state.read(move |conn| Ok(tenants::list_all_for_operator(conn, 500)?)).await?;
    Ok(web::Json(TenantSummaryList {
        items: rows
            .into_iter()
            .map(|row| TenantSummary {
                id: row.tenant.id.0,
                status: views::tenant_status(&row.tenant, now).0.into(),
                name: row.tenant.name,
                country: row.tenant.country,
                vat_number: row.tenant.vat_number,
                trial_ends_at: row.tenant.trial_ends_at,
                created_at: row.tenant.created_at,
                active_users: row.active_users,
                contract_status: None,
                term_ends_on: None,
            })
            .collect(),
    }))
}
