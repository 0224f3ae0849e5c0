//! `POST /api/v1/invitations/accept`.

use actix_web::{post, web, HttpRequest};
use ecom_domain::Password;
use ecom_storage::sessions::Subject;
use ecom_storage::users::{self, UserStatus};
use ecom_types::auth::TokenPair;
use ecom_types::user::AcceptInvitationRequest;
use ecom_types::Problem;

use crate::audit::Audit;
use crate::auth::{caller::request_id, password, secret_hash, sessions};
use crate::error::ApiError;
use crate::state::AppState;

/// The invitee chooses a password with their invitation token; the account
/// becomes active and they are logged in.
#[utoipa::path(
    tag = "users",
    request_body = AcceptInvitationRequest,
    responses(
        (status = 200, description = "Account active; logged in", body = TokenPair),
        (status = 404, description = "Unknown or already used invitation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Expired invitation or weak password", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/invitations/accept")]
pub async fn accept(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: crate::json_body::Json<AcceptInvitationRequest>,
) -> Result<web::Json<TokenPair>, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let password = Password::parse(&body.password).map_err(|e| ApiError::field("password", e))?;
    let token_hash = secret_hash(body.token.trim());
    let lookup = token_hash.clone();
    let invited = state
        .read(move |conn| Ok(users::find_by_invitation(conn, &lookup)?))
        .await?;
    let user = invited.filter(|u| u.status == UserStatus::Invited).ok_or_else(|| ApiError::NotFound {
        detail: "this invitation is unknown or was already used; ask your Administrator for a new one".into(),
    })?;
    if user.invitation_expires_at.is_none_or(|until| now >= until) {
        return Err(ApiError::Rule {
            code: "invitation_expired",
            detail: "this invitation has expired; ask your Administrator to send a new one".into(),
        });
    }
    let cost = state.settings.password_hashing;
    let hash = web::block(move || password::hash(password.expose(), cost)).await??;
    let st = state.clone();
    let request_id = request_id(&req);
    let pair = state
        .write(move |conn| {
            // Re-check inside the transaction: the token is single-use.
            let still = users::find_by_invitation(conn, &token_hash)?
                .filter(|u| u.id == user.id && u.status == UserStatus::Invited);
            if still.is_none() {
                return Err(ApiError::NotFound {
                    detail: "this invitation was already used".into(),
                });
            }
            users::activate_invited(conn, user.tenant_id, user.id, &hash, now)?;
            users::record_login(conn, user.tenant_id, user.id, now)?;
            let (_, pair) = sessions::open(
                conn,
                &st.keys,
                &st.settings,
                Subject::User {
                    tenant: user.tenant_id,
                    user: user.id,
                },
                now,
            )?;
            Audit::new("user.invitation_accepted", ("user", Some(user.id.0)), now)
                .tenant(user.tenant_id)
                .target("user", user.id.0)
                .request(request_id)
                .write(conn)?;
            Ok(pair)
        })
        .await?;
    Ok(web::Json(pair))
}
