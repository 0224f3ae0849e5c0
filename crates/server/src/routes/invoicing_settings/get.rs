//! `GET /api/v1/invoicing/settings`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_types::sales::InvoicingSettingsView;
use ecom_types::Problem;

use crate::access::{self, Access};
use crate::auth::AdminCaller;
use crate::error::ApiError;
use crate::sales;
use crate::state::AppState;

/// The tenant's invoicing settings, with the next numbers of its series.
/// Defaults until saved: series F and Q, 30 days, statutory late-payment
/// charges, 21 % VAT. Administrator only.
#[utoipa::path(
    tag = "invoicing",
    responses(
        (status = 200, description = "The settings", body = InvoicingSettingsView),
        (status = 403, description = "Not the Administrator, or the Invoicing module is not subscribed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/invoicing/settings")]
pub async fn get(
    state: web::Data<AppState>,
    AdminCaller(caller): AdminCaller,
) -> Result<web::Json<InvoicingSettingsView>, ApiError> {
    let now = state.clock.now();
    let view = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Invoicing, Access::Read, now)?;
            let row = sales::settings(conn, caller.tenant, now)?;
            super::view(conn, caller.tenant, &row, now)
        })
        .await?;
    Ok(web::Json(view))
}
