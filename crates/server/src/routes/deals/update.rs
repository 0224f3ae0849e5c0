//! `PUT /api/v1/deals/{id}`.

use actix_web::{put, web};
use ecom_domain::contract::Module;
use ecom_domain::DealId;
use ecom_storage::deals::{self, Deal, StageChange};
use ecom_types::crm::{DealDetail, DealRequest};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::crm;
use crate::error::ApiError;
use crate::events;
use crate::state::AppState;

/// Replaces a deal's details. A new `stage` moves the deal: the move is
/// recorded in its stage history with who made it and when.
#[utoipa::path(
    tag = "crm",
    operation_id = "update_deal",
    params(("id" = Uuid, Path, description = "The deal's id")),
    request_body = DealRequest,
    responses(
        (status = 200, description = "Updated", body = DealDetail),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such deal in this account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or an owner, company or contact not in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[put("/deals/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<DealRequest>,
) -> Result<web::Json<DealDetail>, ApiError> {
    let id = DealId(id.into_inner());
    let body = body.into_inner()?;
    let now = state.clock.now();
    let detail = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Write, now)?;
            let current =
                deals::find(conn, caller.tenant, id)?.ok_or_else(|| ApiError::not_found("deal"))?;
            let input = crm::deal_from_request(&body, current.owner_id)?;
            crm::check_deal_links(conn, caller.tenant, &input)?;
            let deal = Deal {
                id,
                title: input.title,
                stage: input.stage,
                value_cents: input.value_cents,
                probability: input.probability,
                expected_close_date: input.expected_close_date,
                owner_id: input.owner_id,
                company_id: input.company_id,
                contact_id: input.contact_id,
                notes: input.notes,
                created_at: current.created_at,
                updated_at: now,
            };
            deals::update(conn, caller.tenant, &deal)?;
            if deal.stage != current.stage {
                deals::record_stage_change(
                    conn,
                    caller.tenant,
                    id,
                    &StageChange {
                        from_stage: Some(current.stage),
                        to_stage: deal.stage,
                        changed_by: caller.user,
                        changed_at: now,
                    },
                )?;
            }
            let detail = crm::deal_detail(conn, caller.tenant, &deal)?;
            events::record(conn, caller.tenant, "deal", "updated", id.0, &detail, now)?;
            Ok(detail)
        })
        .await?;
    Ok(web::Json(detail))
}
