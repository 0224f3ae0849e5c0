//! `POST /api/v1/contract/nonconformity`: report within 48 hours of delivery.

use actix_web::{post, web, HttpRequest};
use ecom_domain::account::parse_text;
use ecom_domain::calendar::belgian_time_label;
use ecom_domain::contract::check_non_conformity_report;
use ecom_storage::contracts;
use ecom_types::contract::{ContractView, NonConformityRequest};
use ecom_types::Problem;

use super::record;
use crate::audit::Audit;
use crate::auth::{caller::request_id, AdminCaller};
use crate::error::ApiError;
use crate::state::AppState;
use crate::subscription;

/// Reports that the delivery does not conform. Accepted within 48 hours of
/// delivery (terms art. 6); after that the delivery counts as accepted and
/// the report is refused with 422 `nonconformity_window_closed`.
#[utoipa::path(
    tag = "subscription",
    request_body = NonConformityRequest,
    responses(
        (status = 200, description = "Reported", body = ContractView),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already reported", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "After 48 hours (`nonconformity_window_closed`) or no description", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/contract/nonconformity")]
pub async fn report(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminCaller(caller): AdminCaller,
    body: crate::json_body::Json<NonConformityRequest>,
) -> Result<web::Json<ContractView>, ApiError> {
    let body = body.into_inner()?;
    let description = body.description.trim();
    if description.is_empty() {
        return Err(ApiError::field(
            "description",
            ecom_domain::account::InvalidInput::new("required", "describe what does not conform"),
        ));
    }
    let description = parse_text(
        &description.replace(['\n', '\r'], " "),
        "the description",
        2000,
    )
    .map_err(|e| ApiError::field("description", e))?;
    let now = state.clock.now();
    let request_id = request_id(&req);
    let view = state
        .write(move |conn| {
            // The tenant's row first: contract changes queue here and each
            // decides on the contract as the previous one left it.
            ecom_storage::tenants::lock(conn, caller.tenant)?;
            let mut contract = subscription::current(conn, caller.tenant)?;
            if contract.nonconformity_reported_at.is_some() {
                return Err(ApiError::Conflict {
                    code: "nonconformity_already_reported",
                    detail: "a non-conformity was already reported for this delivery; Ecom's support will contact you".into(),
                    field: None,
                });
            }
            check_non_conformity_report(contract.delivered_at, now).map_err(|late| ApiError::Rule {
                code: "nonconformity_window_closed",
                detail: format!(
                    "a non-conformity must be reported within 48 hours of delivery, by {}; the delivery now counts as accepted (terms art. 6)",
                    belgian_time_label(late.deadline)
                ),
            })?;
            contract.nonconformity_reported_at = Some(now);
            contract.nonconformity = Some(description);
            contracts::save(conn, caller.tenant, &contract, now)?;
            record(conn, caller.tenant, now, "nonconformity_reported", "A non-conformity of the delivery was reported")?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("contract.nonconformity_reported", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("contract", contract.id)
                .request(request_id)
                .write(conn)?;
            subscription::view(conn, caller.tenant, &contract, now)
        })
        .await?;
    Ok(web::Json(view))
}
