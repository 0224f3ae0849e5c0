//! `POST /api/v1/operator/auth/login`.

use actix_web::{post, web, HttpRequest};
use ecom_types::auth::{LoginRequest, TokenPair};
use ecom_types::Problem;

use crate::error::ApiError;
use crate::routes::auth::login::{log_in, AccountKind};
use crate::state::AppState;

/// Operator log-in (accounts made with `ecom operator create`). Refresh and
/// log-out use the same endpoints as users.
#[utoipa::path(
    tag = "operator",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Logged in", body = TokenPair),
        (status = 401, description = "Wrong e-mail or password, or the account locked after repeated failures (answered alike)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/operator/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: crate::json_body::Json<LoginRequest>,
) -> Result<web::Json<TokenPair>, ApiError> {
    log_in(state, req, body.into_inner()?, AccountKind::Operator)
        .await
        .map(web::Json)
}
