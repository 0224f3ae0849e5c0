//! `GET /api/v1/policies`: the policy versions in force, to accept at sign-up.

use actix_web::{get, web};
use ecom_storage::policies;
use ecom_types::policy::{CurrentPolicies, PolicyVersion};

use crate::error::ApiError;
use crate::state::AppState;

/// The current version of the terms, privacy statement, data processing agreement and cookie policy.
#[utoipa::path(tag = "policies", responses((status = 200, description = "Versions in force", body = CurrentPolicies)))]
#[get("/policies")]
pub async fn current(state: web::Data<AppState>) -> Result<web::Json<CurrentPolicies>, ApiError> {
    let now = state.clock.now();
    let current = state.read(move |conn| Ok(policies::current(conn, now)?)).await?;
    Ok(web::Json(CurrentPolicies {
        policies: current
            .into_iter()
            .map(|p| PolicyVersion {
                kind: p.kind.as_str().into(),
                version: p.version,
                title: p.title,
                effective_from: p.effective_from,
            })
            .collect(),
    }))
}
