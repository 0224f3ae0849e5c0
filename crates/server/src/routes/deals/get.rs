//! `GET /api/v1/deals/{id}`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::DealId;
use ecom_storage::deals;
use ecom_types::crm::DealDetail;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::crm;
use crate::error::ApiError;
use crate::state::AppState;

/// One deal with its stage history (who moved it, when, from and to).
#[utoipa::path(
    tag = "crm",
    operation_id = "get_deal",
    params(("id" = Uuid, Path, description = "The deal's id")),
    responses(
        (status = 200, description = "The deal", body = DealDetail),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such deal in this account", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/deals/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<DealDetail>, ApiError> {
    let id = DealId(id.into_inner());
    let now = state.clock.now();
    let detail = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Read, now)?;
            let deal =
                deals::find(conn, caller.tenant, id)?.ok_or_else(|| ApiError::not_found("deal"))?;
            crm::deal_detail(conn, caller.tenant, &deal)
        })
        .await?;
    Ok(web::Json(detail))
}
