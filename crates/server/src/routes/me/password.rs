//! `POST /api/v1/me/password`: change one's password.

use actix_web::{post, web, HttpRequest};
use ecom_domain::Password;
use ecom_storage::sessions::{self as stored_sessions, Subject};
use ecom_storage::users;
use ecom_types::auth::{ChangePasswordRequest, TokenPair};
use ecom_types::Problem;

use crate::audit::Audit;
use crate::auth::{caller::request_id, password, sessions, Caller, TenantCaller};
use crate::error::{ApiError, FieldChecks};
use crate::state::AppState;

/// Changes the caller's password. Every session of the account ends
/// (refresh and access tokens everywhere stop working); the answer is a new
/// token pair for this browser.
#[utoipa::path(
    tag = "accounts",
    request_body = ChangePasswordRequest,
    responses(
        (status = 200, description = "Changed; a fresh session", body = TokenPair),
        (status = 403, description = "Only a logged-in person can change a password (not an API key)", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Current password wrong or new password too weak", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/me/password")]
pub async fn change_password(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    body: crate::json_body::Json<ChangePasswordRequest>,
) -> Result<web::Json<TokenPair>, ApiError> {
    let Caller::User { tenant, user, .. } = caller.caller else {
        return Err(ApiError::Forbidden {
            code: "session_required",
            detail: "an API key cannot change a password; log in as the person".into(),
        });
    };
    let body = body.into_inner()?;
    let now = state.clock.now();
    let mut checks = FieldChecks::default();
    let new_password = checks.check("new_password", Password::parse(&body.new_password));
    let account = state
        .read(move |conn| {
            users::find(conn, tenant, user)?.ok_or_else(|| ApiError::not_found("user"))
        })
        .await?;
    let stored = account.password_hash.unwrap_or_default();
    let current = body.current_password;
    if !web::block(move || password::verify(&current, &stored)).await? {
        checks.push(
            "current_password",
            "incorrect",
            "the current password is not correct",
        );
    }
    checks.finish()?;
    let Some(new_password) = new_password else {
        return Err(ApiError::Internal(
            "validation passed without a password".into(),
        ));
    };
    let cost = state.settings.password_hashing;
    let hash = web::block(move || password::hash(new_password.expose(), cost)).await??;
    let st = state.clone();
    let request_id = request_id(&req);
    let pair = state
        .write(move |conn| {
            users::set_password(conn, tenant, user, &hash)?;
            let ended =
                stored_sessions::revoke_all_for_user(conn, tenant, user, now, "password changed")?;
            let (_, pair) = sessions::open(
                conn,
                &st.keys,
                &st.settings,
                Subject::User { tenant, user },
                now,
            )?;
            Audit::new("auth.password_changed", ("user", Some(user.0)), now)
                .tenant(tenant)
                .target("user", user.0)
                .details(serde_json::json!({ "sessions_ended": ended }))
                .request(request_id)
                .write(conn)?;
            Ok(pair)
        })
        .await?;
    Ok(web::Json(pair))
}
