//! `GET /api/v1/invoicing/customers`: who a quotation or invoice can be for.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_types::sales::{CustomerOptionView, CustomerOptions};
use ecom_types::Problem;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// The tenant's companies and contacts (id and name, at most 500 of each,
/// by name) for the customer pickers of quotations and sales invoices.
/// Needs the Quotations or the Invoicing module.
#[utoipa::path(
    tag = "invoicing",
    responses(
        (status = 200, description = "The customers", body = CustomerOptions),
        (status = 403, description = "Neither the Quotations nor the Invoicing module is subscribed", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/invoicing/customers")]
pub async fn customers(
    state: web::Data<AppState>,
    caller: TenantCaller,
) -> Result<web::Json<CustomerOptions>, ApiError> {
    let now = state.clock.now();
    let (companies, contacts) = state
        .read(move |conn| {
            if let Err(no_invoicing) =
                access::require(conn, &caller, Module::Invoicing, Access::Read, now)
            {
                access::require(conn, &caller, Module::Quotations, Access::Read, now)
                    .map_err(|_| no_invoicing)?;
            }
            Ok(ecom_storage::sales::customer_names(
                conn,
                caller.tenant,
                500,
            )?)
        })
        .await?;
    let view = |list: Vec<(uuid::Uuid, String)>| {
        list.into_iter()
            .map(|(id, name)| CustomerOptionView { id, name })
            .collect()
    };
    Ok(web::Json(CustomerOptions {
        companies: view(companies),
        contacts: view(contacts),
    }))
}
