//! `GET`/`PUT /api/v1/me/communications`: opting out of non-essential notices (terms art. 21).

use actix_web::{get, put, web, HttpRequest};
use ecom_storage::notices;
use ecom_types::user::CommunicationPreferences;
use ecom_types::Problem;

use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::error::ApiError;
use crate::state::AppState;

/// Whether the caller receives non-essential notices.
#[utoipa::path(
    tag = "accounts",
    responses(
        (status = 200, description = "The caller's choice", body = CommunicationPreferences),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/me/communications")]
pub async fn get_preferences(state: web::Data<AppState>, caller: TenantCaller) -> Result<web::Json<CommunicationPreferences>, ApiError> {
    let opted_out = state.read(move |conn| Ok(notices::opted_out(conn, caller.tenant, caller.user)?)).await?;
    Ok(web::Json(CommunicationPreferences { non_essential: !opted_out }))
}

/// Turns non-essential notices on or off for the caller. Essential notices
/// (required by the terms) are always sent.
#[utoipa::path(
    tag = "accounts",
    request_body = CommunicationPreferences,
    responses(
        (status = 200, description = "Saved", body = CommunicationPreferences),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[put("/me/communications")]
pub async fn set_preferences(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    body: web::Json<CommunicationPreferences>,
) -> Result<web::Json<CommunicationPreferences>, ApiError> {
    let wanted = body.into_inner();
    let now = state.clock.now();
    let request_id = request_id(&req);
    state
        .write(move |conn| {
            notices::set_opt_out(conn, caller.tenant, caller.user, !wanted.non_essential, now)?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("communications.preferences_changed", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("user", caller.user.0)
                .details(serde_json::json!({ "non_essential": wanted.non_essential }))
                .request(request_id)
                .write(conn)
        })
        .await?;
    Ok(web::Json(wanted))
}
