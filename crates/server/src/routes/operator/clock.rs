//! `GET`/`PUT /api/v1/operator/clock`: the server's notion of now. Setting it
//! exists only on a server started with `--dev-clock` (development and
//! tests); elsewhere both answer 404 like any unknown route.

use actix_web::{get, put, web, FromRequest, HttpRequest};
use ecom_types::operator::ClockSetting;
use ecom_types::Problem;

use crate::audit::Audit;
use crate::auth::{caller::request_id, OperatorCaller};
use crate::error::ApiError;
use crate::state::AppState;

fn require_dev_clock(state: &AppState) -> Result<(), ApiError> {
    if state.clock.is_adjustable() {
        Ok(())
    } else {
        Err(ApiError::NotFound {
            detail: "no such route".into(),
        })
    }
}

/// The server's current time (development servers only).
#[utoipa::path(
    tag = "operator",
    responses(
        (status = 200, description = "Now, as the server sees it", body = ClockSetting),
        (status = 404, description = "The server was not started with --dev-clock", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[get("/operator/clock")]
pub async fn get_clock(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<web::Json<ClockSetting>, ApiError> {
    require_dev_clock(&state)?;
    OperatorCaller::extract(&req).await?;
    Ok(web::Json(ClockSetting {
        now: state.clock.now(),
    }))
}

/// Sets the server's clock; it runs on from the given time. Only on a server
/// started with `--dev-clock`, so time-based rules can be tested end to end.
#[utoipa::path(
    tag = "operator",
    request_body = ClockSetting,
    responses(
        (status = 200, description = "The clock now reads this", body = ClockSetting),
        (status = 404, description = "The server was not started with --dev-clock", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[put("/operator/clock")]
pub async fn set_clock(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: crate::json_body::Json<ClockSetting>,
) -> Result<web::Json<ClockSetting>, ApiError> {
    // Checked before authentication: without the flag the route does not exist.
    require_dev_clock(&state)?;
    let caller = OperatorCaller::extract(&req).await?;
    let body = body.into_inner()?;
    let before = state.clock.now();
    state.clock.set(body.now);
    let now = state.clock.now();
    let request_id = request_id(&req);
    state
        .write(move |conn| {
            Audit::new(
                "platform.clock_set",
                ("operator", Some(caller.operator.0)),
                now,
            )
            .details(serde_json::json!({ "from": before, "to": now }))
            .request(request_id)
            .write(conn)
        })
        .await?;
    Ok(web::Json(ClockSetting { now }))
}
