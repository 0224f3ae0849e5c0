//! `POST /api/v1/users/{id}/invitation`: a new invitation token.

use actix_web::{post, web, HttpRequest};
use ecom_domain::UserId;
use ecom_storage::users::{self, UserStatus};
use ecom_types::user::InvitationCreated;
use ecom_types::Problem;
use uuid::Uuid;

use super::{new_invitation, queue_invitation};
use crate::audit::Audit;
use crate::auth::{caller::request_id, AdminCaller};
use crate::error::ApiError;
use crate::state::AppState;
use crate::views;

/// Issues and e-mails a new invitation for a User who has not accepted
/// theirs (lost or expired); the old token stops working.
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path, description = "The user's id")),
    responses(
        (status = 200, description = "A new invitation", body = InvitationCreated),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user in this tenant", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The user already has a password or is deactivated", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/users/{id}/invitation")]
pub async fn reinvite(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminCaller(caller): AdminCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<InvitationCreated>, ApiError> {
    let user_id = UserId(id.into_inner());
    let now = state.clock.now();
    let (token, token_hash, expires) = new_invitation(&state.settings, now);
    let request_id = request_id(&req);
    let st = state.clone();
    let mail_token = token.clone();
    let user = state
        .write(move |conn| {
            let user = users::find(conn, caller.tenant, user_id)?.ok_or_else(|| ApiError::not_found("user"))?;
            if user.status != UserStatus::Invited {
                return Err(ApiError::Rule {
                    code: "not_invited",
                    detail: format!(
                        "this person's account is {}; only someone who has not accepted an invitation yet can be invited again{}",
                        user.status.as_str(),
                        if user.status == UserStatus::Deactivated { " (reactivate the account first)" } else { "" }
                    ),
                });
            }
            users::reactivate(conn, caller.tenant, user_id, UserStatus::Invited, Some((&token_hash, expires)))?;
            queue_invitation(conn, &st.settings, &caller, &user.email, &mail_token, expires, now)?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("user.reinvited", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("user", user_id.0)
                .request(request_id)
                .write(conn)?;
            users::find(conn, caller.tenant, user_id)?.ok_or_else(|| ApiError::not_found("user"))
        })
        .await?;
    Ok(web::Json(InvitationCreated {
        user: views::user(&user),
        invitation_token: token,
        invitation_expires_at: expires,
    }))
}
