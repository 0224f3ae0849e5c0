//! `GET /api/v1/operator/tenants`.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use ecom_storage::tenants::{self, TenantWithCounts};
use ecom_storage::{contracts, DbConnection};
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
pub async fn list(
    state: web::Data<AppState>,
    _caller: OperatorCaller,
) -> Result<web::Json<TenantSummaryList>, ApiError> {
    let now = state.clock.now();
    let items = state
        .read(move |conn| {
            tenants::list_all_for_operator(conn, 500)?
                .into_iter()
                .map(|row| summary(conn, row, now))
                .collect()
        })
        .await?;
    Ok(web::Json(TenantSummaryList { items }))
}

/// A tenant with its contract's state, as the operator sees it.
pub fn summary(
    conn: &mut DbConnection,
    row: TenantWithCounts,
    now: DateTime<Utc>,
) -> Result<TenantSummary, ApiError> {
    let contract = contracts::current(conn, row.tenant.id)?;
    Ok(TenantSummary {
        id: row.tenant.id.0,
        status: views::tenant_status(&row.tenant, now).0.into(),
        name: row.tenant.name,
        country: row.tenant.country,
        vat_number: row.tenant.vat_number,
        trial_ends_at: row.tenant.trial_ends_at,
        created_at: row.tenant.created_at,
        active_users: row.active_users,
        contract_status: contract.as_ref().map(|c| c.status.clone()),
        term_ends_on: contract.as_ref().map(|c| c.term_ends_on),
    })
}
