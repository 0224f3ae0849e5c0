//! `GET /api/v1/operator/analytics`.

use actix_web::{get, web};
use chrono::{Duration, NaiveDate};
use ecom_storage::consent as store;
use ecom_types::consent::{AnalyticsReport, AnalyticsRow};
use ecom_types::Problem;
use serde::Deserialize;

use crate::auth::OperatorCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// The period to report.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct Period {
    /// First day (inclusive); default 30 days before `to`.
    pub from: Option<NaiveDate>,
    /// Last day (inclusive); default today.
    pub to: Option<NaiveDate>,
}

/// Counts per day, event, page/feature and country, with distinct
/// pseudonymous browsers. No person can be told from it.
#[utoipa::path(
    tag = "analytics",
    params(Period),
    responses(
        (status = 200, description = "Aggregated usage", body = AnalyticsReport),
        (status = 403, description = "Not an operator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "from after to, or longer than a year", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[get("/operator/analytics")]
pub async fn report(
    state: web::Data<AppState>,
    _caller: OperatorCaller,
    query: crate::query_params::Query<Period>,
) -> Result<web::Json<AnalyticsReport>, ApiError> {
    let query = query.into_inner()?;
    let to = query.to.unwrap_or_else(|| state.clock.now().date_naive());
    let from = query.from.unwrap_or(to - Duration::days(30));
    if from > to || to - from > Duration::days(366) {
        return Err(ApiError::field(
            "from",
            ecom_domain::account::InvalidInput::new(
                "bad_period",
                "from is on or before to, at most a year apart",
            ),
        ));
    }
    let rows = state
        .read(move |conn| Ok(store::aggregate(conn, from, to)?))
        .await?;
    Ok(web::Json(AnalyticsReport {
        from,
        to,
        rows: rows
            .into_iter()
            .map(|r| AnalyticsRow {
                day: r.day,
                event: r.event,
                name: r.name,
                country: r.country,
                count: r.count,
                visitors: r.visitors,
            })
            .collect(),
    }))
}
