//! `POST /api/v1/auth/logout`: ends the session.

use actix_web::{post, web, HttpRequest, HttpResponse};
use ecom_domain::SessionId;
use ecom_storage::sessions::{self, Subject};
use ecom_types::auth::RefreshRequest;
use ecom_types::Problem;

use crate::audit::Audit;
use crate::auth::caller::request_id;
use crate::auth::{secret_hash, Caller};
use crate::error::ApiError;
use crate::state::AppState;

/// Ends the session of the access token in `Authorization`, or of the refresh
/// token in the body (so a person whose access token expired can still log
/// out). Its refresh and access tokens stop working at once.
#[utoipa::path(
    tag = "auth",
    request_body(content = Option<RefreshRequest>, description = "Optional: the session's refresh token"),
    responses(
        (status = 204, description = "Logged out"),
        (status = 400, description = "Neither a session token nor a refresh token was given", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Invalid credentials", body = Problem, content_type = "application/problem+json"),
    ),
    security((), ("bearer_token" = []))
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Option<Caller>,
    body: Option<web::Json<RefreshRequest>>,
) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let from_token = match caller {
        Some(Caller::User { session, .. } | Caller::Operator { session, .. }) => Some(session),
        Some(Caller::ApiKey { .. }) => {
            return Err(ApiError::BadRequest {
                code: "api_key_has_no_session",
                detail: "API keys do not log in or out; revoke the key at /api/v1/api-keys instead"
                    .into(),
            })
        }
        None => None,
    };
    let refresh = body.map(|b| b.into_inner().refresh_token);
    if from_token.is_none() && refresh.is_none() {
        return Err(ApiError::BadRequest {
            code: "nothing_to_log_out",
            detail: "send the access token in 'Authorization: Bearer ...' or the refresh token in the body".into(),
        });
    }
    let request_id = request_id(&req);
    state
        .write(move |conn| {
            let mut ended: Vec<(SessionId, Subject)> = Vec::new();
            if let Some(token) = refresh {
                if let Some(found) = sessions::find_refresh_token(conn, &secret_hash(&token))? {
                    ended.push((found.session.id, found.session.subject));
                }
            }
            if let Some(id) = from_token {
                if let Some(session) = sessions::find(conn, id)? {
                    ended.push((session.id, session.subject));
                }
            }
            for (id, subject) in ended {
                sessions::revoke(conn, id, now, "logout")?;
                let (kind, actor, tenant) = match subject {
                    Subject::User { tenant, user } => ("user", user.0, Some(tenant)),
                    Subject::Operator(op) => ("operator", op.0, None),
                };
                let audit = Audit::new("auth.logout", (kind, Some(actor)), now)
                    .tenant(tenant)
                    .target("session", id.0)
                    .request(request_id.clone());
                audit.write(conn)?;
            }
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
