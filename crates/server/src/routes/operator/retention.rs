//! `GET /api/v1/operator/retention/dry-run`.

use actix_web::{get, web};
use ecom_domain::retention::{Anchor, Period, Then};
use ecom_types::privacy::{RetentionDryRun, RetentionRuleView};
use ecom_types::Problem;

use crate::auth::OperatorCaller;
use crate::error::ApiError;
use crate::retention;
use crate::state::AppState;

fn period(p: Period) -> String {
    match p {
        Period::Days(0) => "at once".into(),
        Period::Days(n) => format!("{n} days"),
        Period::Years(n) => format!("{n} years"),
        Period::WhileTheRelationshipLasts => "while the relationship lasts".into(),
        Period::Indefinitely => "indefinitely".into(),
    }
}

fn json_name<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// What the next retention sweep would do at the server's now, and why (ids
/// only, no personal data), with the schedule it applies.
#[utoipa::path(
    tag = "retention",
    responses(
        (status = 200, description = "The report", body = RetentionDryRun),
        (status = 403, description = "Not an operator", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[get("/operator/retention/dry-run")]
pub async fn dry_run(
    state: web::Data<AppState>,
    _caller: OperatorCaller,
) -> Result<web::Json<RetentionDryRun>, ApiError> {
    let now = state.clock.now();
    let settings = state.settings.clone();
    let schedule = retention::schedule(&settings);
    let steps = state
        .read(move |conn| retention::dry_run(conn, &settings, now))
        .await?;
    let rules = schedule
        .rules()
        .into_iter()
        .map(|r| RetentionRuleView {
            profile: r.profile.as_str().into(),
            keeps: r.keeps.into_iter().map(json_name).collect(),
            period: period(r.period),
            from: json_name::<Anchor>(r.from),
            then: json_name::<Then>(r.then),
            basis: r.basis.into(),
        })
        .collect();
    Ok(web::Json(RetentionDryRun {
        generated_at: now,
        invoice_retention_years: schedule.invoice_retention_years,
        steps,
        rules,
    }))
}
