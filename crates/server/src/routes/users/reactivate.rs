//! `POST /api/v1/users/{id}/reactivate`.

use actix_web::{post, web, HttpRequest};
use ecom_domain::UserId;
use ecom_storage::users::{self, UserStatus};
use ecom_types::user::UserView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::{caller::request_id, AdminCaller};
use crate::error::ApiError;
use crate::state::AppState;
use crate::views;

/// Gives a deactivated User their account back. Someone who never accepted
/// their invitation comes back as `invited`; send them a new invitation with
/// `POST /api/v1/users/{id}/invitation`.
#[utoipa::path(
    tag = "users",
    params(("id" = Uuid, Path, description = "The user's id")),
    responses(
        (status = 200, description = "Reactivated", body = UserView),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user in this tenant", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Every ordered seat in use (`seat_limit_reached`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/users/{id}/reactivate")]
pub async fn reactivate(
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
            let user = users::find(conn, caller.tenant, user_id)?
                .ok_or_else(|| ApiError::not_found("user"))?;
            if user.status != UserStatus::Deactivated {
                return Ok(user);
            }
            crate::subscription::check_free_seat(conn, caller.tenant)?;
            let status = if user.password_hash.is_some() {
                UserStatus::Active
            } else {
                UserStatus::Invited
            };
            users::reactivate(conn, caller.tenant, user_id, status, None)?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("user.reactivated", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("user", user_id.0)
                .request(request_id)
                .write(conn)?;
            users::find(conn, caller.tenant, user_id)?.ok_or_else(|| ApiError::not_found("user"))
        })
        .await?;
    Ok(web::Json(views::user(&user)))
}
