//! `POST /api/v1/deals`.

use actix_web::{post, web, HttpResponse};
use ecom_domain::contract::Module;
use ecom_storage::deals::{self, StageChange};
use ecom_types::crm::{DealDetail, DealRequest};
use ecom_types::Problem;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::crm;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Creates a deal in a stage of the pipeline; the stage's default
/// probability applies unless one is given. The owner is the caller unless
/// another user of the account is named.
#[utoipa::path(
    tag = "crm",
    operation_id = "create_deal",
    request_body = DealRequest,
    responses(
        (status = 201, description = "Created, with its first stage in the history", body = DealDetail),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or an owner, company or contact not in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/deals")]
pub async fn create(
    state: web::Data<AppState>,
    caller: TenantCaller,
    body: crate::json_body::Json<DealRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let detail = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Write, now)?;
            let input = crm::deal_from_request(&body, caller.user)?;
            crm::check_deal_links(conn, caller.tenant, &input)?;
            let deal = crm::new_deal(input, now);
            deals::insert(conn, caller.tenant, &deal)?;
            deals::record_stage_change(
                conn,
                caller.tenant,
                deal.id,
                &StageChange {
                    from_stage: None,
                    to_stage: deal.stage,
                    changed_by: caller.user,
                    changed_at: now,
                },
            )?;
            let detail = crm::deal_detail(conn, caller.tenant, &deal)?;
            events::record(
                conn,
                caller.tenant,
                "deal",
                "created",
                deal.id.0,
                &detail,
                now,
            )?;
            Ok(detail)
        })
        .await?;
    Ok(HttpResponse::Created().json(detail))
}
