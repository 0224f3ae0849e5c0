//! `GET /api/v1/deals/pipeline`.

use actix_web::{get, web};
use ecom_domain::contract::Module;
use ecom_domain::crm::pipeline_summary;
use ecom_domain::money::{from_cents, in_cents_scale};
use ecom_storage::deals;
use ecom_types::crm::{PipelineStage, PipelineSummary};
use ecom_types::Problem;
use rust_decimal::Decimal;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// The pipeline: for every stage in order, the number of deals, their value
/// and their weighted value (Σ value × probability, rounded to the cent
/// once per stage, half away from zero), plus the open stages' totals.
#[utoipa::path(
    tag = "crm",
    operation_id = "get_pipeline",
    responses(
        (status = 200, description = "The pipeline summary", body = PipelineSummary),
        (status = 403, description = "The CRM module is not available", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/deals/pipeline")]
pub async fn pipeline(
    state: web::Data<AppState>,
    caller: TenantCaller,
) -> Result<web::Json<PipelineSummary>, ApiError> {
    let now = state.clock.now();
    let rows = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Read, now)?;
            Ok(deals::pipeline(conn, caller.tenant)?)
        })
        .await?;
    let totals = pipeline_summary(
        rows.into_iter()
            .map(|(stage, cents, p)| (stage, from_cents(cents), p)),
    );
    let open = totals.iter().filter(|t| !t.stage.is_closed());
    let (open_value, open_weighted_value) = open
        .fold((Decimal::ZERO, Decimal::ZERO), |(v, w), t| {
            (v + t.value, w + t.weighted_value)
        });
    Ok(web::Json(PipelineSummary {
        currency: "EUR".into(),
        stages: totals
            .iter()
            .map(|t| PipelineStage {
                stage: t.stage.as_str().into(),
                default_probability: t.stage.default_probability(),
                count: t.count,
                value: in_cents_scale(t.value),
                weighted_value: in_cents_scale(t.weighted_value),
            })
            .collect(),
        open_value: in_cents_scale(open_value),
        open_weighted_value: in_cents_scale(open_weighted_value),
    }))
}
