//! `GET /api/v1/change-notices`: changes announced to the Client.

use actix_web::{get, web};
use ecom_storage::change_notices;
use ecom_types::contract::ChangeNoticeView;
use ecom_types::Problem;

use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// Price, terms and service changes announced to this Client, newest first.
/// Each opens a 30-day right to terminate whatever the 15-day deadline
/// (cite its id when cancelling).
#[utoipa::path(
    tag = "subscription",
    responses(
        (status = 200, description = "The notices", body = Vec<ChangeNoticeView>),
        (status = 401, description = "Not authenticated", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/change-notices")]
pub async fn list(
    state: web::Data<AppState>,
    caller: TenantCaller,
) -> Result<web::Json<Vec<ChangeNoticeView>>, ApiError> {
    let notices = state
        .read(move |conn| Ok(change_notices::list(conn, caller.tenant)?))
        .await?;
    Ok(web::Json(
        notices.iter().map(crate::views::change_notice).collect(),
    ))
}
