//! `POST /api/v1/users/{id}/deactivate`.

use actix_web::{post, web, HttpRequest};
use ecom_domain::{Role, UserId};
use ecom_storage::sessions;
use ecom_storage::users::{self, UserStatus};
use ecom_types::user::UserView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::{caller::request_id, AdminCaller};
use crate::error::ApiError;
use crate::state::AppState;
use crate::views;

/// Deactivates a User: they can no longer log in, their sessions end at once
/// and their seat is freed. The Administrator account cannot be deactivated
/// here (it ends with the contract). Deactivating twice is harmless.
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path, description = "The user's id")),
    responses(
        (status = 200, description = "Deactivated", body = UserView),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user in this tenant", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The Administrator cannot be deactivated", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/users/{id}/deactivate")]
pub async fn deactivate(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminCaller(caller): AdminCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<UserView>, ApiError> {
    let user_id = UserId(id.into_inner());
    let now = state.clock.now();
    let request_id = request_id(&req);
    let user = state
        .write(move |conn| {
            let user = users::find(conn, caller.tenant, user_id)?.ok_or_else(|| ApiError::not_found("user"))?;
            if user.role == Role::Administrator {
                return Err(ApiError::Rule {
                    code: "cannot_deactivate_administrator",
                    detail: "the Administrator account stays active while the contract runs; to leave, terminate the contract".into(),
                });
            }
            if user.status == UserStatus::Deactivated {
                return Ok(user);
            }
            users::deactivate(conn, caller.tenant, user_id, now)?;
            sessions::revoke_all_for_user(conn, caller.tenant, user_id, now, "account deactivated")?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("user.deactivated", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("user", user_id.0)
                .request(request_id)
                .write(conn)?;
            users::find(conn, caller.tenant, user_id)?.ok_or_else(|| ApiError::not_found("user"))
        })
        .await?;
    Ok(web::Json(views::user(&user)))
}
