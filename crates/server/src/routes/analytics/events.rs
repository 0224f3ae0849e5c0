//! `POST /api/v1/analytics/events`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use ecom_storage::consent::{self as store, NewAnalyticsEvent};
use ecom_types::consent::AnalyticsEventRequest;
use ecom_types::Problem;

use crate::consent::client_location;
use crate::error::{ApiError, FieldChecks};
use crate::routes::cookie_consent::{consent_id, consented, ANALYTICS_COOKIE};
use crate::state::AppState;

/// Records a page view or feature use, only for a browser that consented to
/// performance cookies under the cookie policy in force. Deliberately reads
/// no credentials: the event is tied to the random id of the `ecom_aid`
/// cookie only. The country (and region) come from the trusted proxy's
/// header when configured; the IP address is never read or stored.
#[utoipa::path(
    tag = "analytics",
    request_body(content = AnalyticsEventRequest, example = json!({"event": "page_view", "name": "/invoices"})),
    responses(
        (status = 204, description = "Recorded"),
        (status = 403, description = "No consent to performance cookies (or no analytics cookie)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown event or bad name", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/analytics/events")]
pub async fn record(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: crate::json_body::Json<AnalyticsEventRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let mut checks = FieldChecks::default();
    if !matches!(body.event.as_str(), "page_view" | "feature_use") {
        checks.push(
            "event",
            "unknown_event",
            "the event is page_view or feature_use",
        );
    }
    // A path or feature name, never free text that could carry personal data.
    let name = body.name.trim();
    let ok_name = !name.is_empty()
        && name.len() <= 100
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'))
        && !name.contains('@');
    if !ok_name {
        checks.push(
            "name",
            "invalid_name",
            "a page path or feature name: letters, digits, / - _ . only, at most 100",
        );
    }
    checks.finish()?;
    let not_consented = || ApiError::Forbidden {
        code: "no_analytics_consent",
        detail: "usage analytics need consent to performance cookies (cookie settings)".into(),
    };
    let pseudonym = req
        .cookie(ANALYTICS_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| v.len() == 32 && v.chars().all(|c| c.is_ascii_hexdigit()))
        .ok_or_else(not_consented)?;
    let (country, region) = client_location(&state.settings, &req);
    let now = state.clock.now();
    let id = consent_id(&req);
    let name = name.to_owned();
    state
        .write(move |conn| {
            if !consented(conn, id, now)?.iter().any(|c| c == "performance") {
                return Err(not_consented());
            }
            let event = NewAnalyticsEvent {
                pseudonym,
                event: body.event,
                name,
                country,
                region,
                occurred_on: now.date_naive(),
            };
            Ok(store::record_event(conn, &event, now)?)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
