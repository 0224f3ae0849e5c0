//! `POST /api/v1/privacy/requests/{id}/verify`.

use actix_web::{post, web, HttpRequest};
use ecom_storage::privacy::requests;
use ecom_types::privacy::{PrivacyRequestView, VerifyPrivacyRequest};
use ecom_types::Problem;
use uuid::Uuid;

use crate::auth::{caller::request_id, TenantCaller};
use crate::error::ApiError;
use crate::privacy;
use crate::state::AppState;

/// Checks the e-mailed code. Access and portability are then ready at once
/// (download the export); rectification and erasure go to Ecom's privacy team.
#[utoipa::path(
    tag = "data-subject-requests",
    params(("id" = Uuid, Path, description = "The request's id")),
    request_body = VerifyPrivacyRequest,
    responses(
        (status = 200, description = "Verified", body = PrivacyRequestView),
        (status = 404, description = "Not one of the caller's requests", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The request does not await verification", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong, expired or no code", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/privacy/requests/{id}/verify")]
pub async fn verify(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<VerifyPrivacyRequest>,
) -> Result<web::Json<PrivacyRequestView>, ApiError> {
    let (tenant, user) = super::person(&caller)?;
    let id = id.into_inner();
    let now = state.clock.now();
    let request_id = request_id(&req);
    let (kind, actor) = caller.caller.actor();
    let code = body.into_inner()?.code;
    // A wrong code is counted even though the answer is an error: the count
    // is written in its own transaction.
    let result = state
        .write(move |conn| {
            let mut request = requests::find_for_user(conn, tenant, user, id)?
                .ok_or_else(|| ApiError::not_found("privacy request"))?;
            match privacy::verify_code(
                conn,
                &mut request,
                &code,
                (kind, Some(actor)),
                request_id,
                now,
            ) {
                Ok(()) => Ok(Ok(request)),
                Err(refused @ ApiError::Validation(_)) => Ok(Err(refused)),
                Err(other) => Err(other),
            }
        })
        .await?;
    Ok(web::Json(privacy::view(&result?, now)))
}
