//! `POST /api/v1/privacy/requests/{id}/verification-code`.

use actix_web::{post, web, HttpRequest};
use ecom_storage::privacy::requests;
use ecom_types::privacy::PrivacyRequestView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::auth::{caller::request_id, TenantCaller};
use crate::error::ApiError;
use crate::privacy;
use crate::state::AppState;

/// E-mails a one-time code to the account's address (valid 30 minutes; a
/// new code replaces the previous one).
#[utoipa::path(
    tag = "data-subject-requests",
    params(("id" = Uuid, Path, description = "The request's id")),
    responses(
        (status = 200, description = "Code sent", body = PrivacyRequestView),
        (status = 404, description = "Not one of the caller's requests", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The request does not await verification", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/privacy/requests/{id}/verification-code")]
pub async fn send_code(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<PrivacyRequestView>, ApiError> {
    let (tenant, user) = super::person(&caller)?;
    let id = id.into_inner();
    let now = state.clock.now();
    let request_id = request_id(&req);
    let (kind, actor) = caller.caller.actor();
    let request = state
        .write(move |conn| {
            let mut request = requests::find_for_user(conn, tenant, user, id)?
                .ok_or_else(|| ApiError::not_found("privacy request"))?;
            privacy::send_code(conn, &mut request, (kind, Some(actor)), request_id, now)?;
            Ok(request)
        })
        .await?;
    Ok(web::Json(privacy::view(&request, now)))
}
