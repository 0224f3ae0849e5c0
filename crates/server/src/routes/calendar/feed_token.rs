//! `POST /api/v1/calendar/feed-token`.

use actix_web::{post, web, HttpResponse};
use ecom_domain::contract::Module;
use ecom_storage::work::calendar;
use ecom_types::work::FeedTokenView;
use ecom_types::Problem;

use crate::access::{self, Access};
use crate::auth::{random_token, secret_hash, TenantCaller};
use crate::error::ApiError;
use crate::state::AppState;

/// Creates (or rotates) the caller's private iCalendar feed address. The
/// token is shown once and stored only as a hash; the previous address stops
/// working at once.
#[utoipa::path(
    operation_id = "calendar_feed_token",
    tag = "calendar",
    responses(
        (status = 201, description = "The new feed address (shown once)", body = FeedTokenView),
        (status = 403, description = "The calendar module is not in the subscription", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/calendar/feed-token")]
pub async fn create(
    state: web::Data<AppState>,
    caller: TenantCaller,
) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let token = random_token(32);
    let hash = secret_hash(&token);
    state
        .write(move |conn| {
            access::require(conn, &caller, Module::Calendar, Access::Write, now)?;
            Ok(calendar::set_feed_token(
                conn,
                caller.tenant,
                caller.user,
                &hash,
                now,
            )?)
        })
        .await?;
    let path = format!("/api/v1/calendar/feed/{token}.ics");
    Ok(HttpResponse::Created().json(FeedTokenView { token, path }))
}
