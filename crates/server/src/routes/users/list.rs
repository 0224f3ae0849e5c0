//! `GET /api/v1/users`.

use actix_web::{get, web};
use ecom_storage::users;
use ecom_types::user::UserList;
use ecom_types::Problem;

use crate::auth::AdminCaller;
use crate::error::ApiError;
use crate::state::AppState;
use crate::views;

/// The tenant's people: the Administrator first, then by name. Administrator only.
#[utoipa::path(
    tag = "users",
    responses(
        (status = 200, description = "The tenant's users", body = UserList),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/users")]
pub async fn list(
    state: web::Data<AppState>,
    AdminCaller(caller): AdminCaller,
) -> Result<web::Json<UserList>, ApiError> {
    let items = state
        .read(move |conn| Ok(users::list(conn, caller.tenant)?))
        .await?;
    Ok(web::Json(UserList {
        items: items.iter().map(views::user).collect(),
    }))
}
