//! `GET /api/v1/timeline`: what happened to the account.

use actix_web::{get, web};
use ecom_storage::timeline;
use ecom_types::contract::{Timeline, TimelineEvent};
use ecom_types::Problem;

use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// The tenant's timeline, newest first (at most 200 events): trial,
/// order, renewals, cancellation, suspension, termination, deactivation.
#[utoipa::path(
    tag = "subscription",
    responses(
        (status = 200, description = "The timeline", body = Timeline),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/timeline")]
pub async fn list(
    state: web::Data<AppState>,
    caller: TenantCaller,
) -> Result<web::Json<Timeline>, ApiError> {
    let events = state
        .read(move |conn| Ok(timeline::list(conn, caller.tenant, 200)?))
        .await?;
    Ok(web::Json(Timeline {
        items: events
            .into_iter()
            .map(|e| TimelineEvent {
                occurred_at: e.occurred_at,
                kind: e.kind,
                summary: e.summary,
            })
            .collect(),
    }))
}
