//! `POST /api/v1/auth/refresh`: rotates the refresh token.

use actix_web::{post, web, HttpRequest};
use ecom_storage::sessions::Subject;
use ecom_types::auth::{RefreshRequest, TokenPair};
use ecom_types::Problem;

use crate::audit::Audit;
use crate::auth::caller::request_id;
use crate::auth::sessions::{self, Refreshed};
use crate::error::ApiError;
use crate::state::AppState;

/// Exchanges a refresh token for a new pair. Each refresh token works once:
/// presenting a used one revokes the whole session (it must have leaked).
#[utoipa::path(
    tag = "auth",
    request_body = RefreshRequest,
    responses(
        (status = 200, description = "The next token pair", body = TokenPair),
        (status = 401, description = "Unknown, expired, reused or revoked refresh token", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/refresh")]
pub async fn refresh(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: crate::json_body::Json<RefreshRequest>,
) -> Result<web::Json<TokenPair>, ApiError> {
    let now = state.clock.now();
    let presented = body.into_inner()?.refresh_token;
    let st = state.clone();
    let request_id = request_id(&req);
    let outcome = state
        .write(move |conn| {
            let outcome = sessions::refresh(conn, &st.keys, &st.settings, &presented, now)?;
            if let Refreshed::Reused(session, subject) = &outcome {
                let (kind, id, tenant) = match subject {
                    Subject::User { tenant, user } => ("user", user.0, Some(*tenant)),
                    Subject::Operator(op) => ("operator", op.0, None),
                };
                let audit = Audit::new("auth.refresh_token_reused", (kind, Some(id)), now)
                    .tenant(tenant)
                    .target("session", session.0)
                    .request(request_id);
                audit.write(conn)?;
            }
            Ok(outcome)
        })
        .await?;
    match outcome {
        Refreshed::Rotated(_, _, pair) => Ok(web::Json(pair)),
        Refreshed::Reused(..) => Err(ApiError::Unauthorized {
            code: "refresh_token_reused",
            detail: "this refresh token was already used, so the session has been ended for safety; log in again".into(),
        }),
        Refreshed::Invalid => Err(ApiError::Unauthorized {
            code: "invalid_refresh_token",
            detail: "the refresh token is unknown, expired or its session has ended; log in again".into(),
        }),
    }
}
