//! `GET /api/v1/operator/me`.

use actix_web::{get, web};
use ecom_storage::operators;
use ecom_types::operator::OperatorView;
use ecom_types::Problem;

use crate::auth::OperatorCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// The logged-in operator.
#[utoipa::path(
    tag = "operator",
    responses(
        (status = 200, description = "The operator", body = OperatorView),
        (status = 403, description = "Not an operator", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[get("/operator/me")]
pub async fn me(
    state: web::Data<AppState>,
    caller: OperatorCaller,
) -> Result<web::Json<OperatorView>, ApiError> {
    let op = state
        .read(move |conn| {
            operators::find(conn, caller.operator)?.ok_or_else(|| ApiError::not_found("operator"))
        })
        .await?;
    Ok(web::Json(OperatorView {
        id: op.id.0,
        email: op.email,
        created_at: op.created_at,
    }))
}
