//! `POST /api/v1/privacy/requests`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use ecom_storage::users;
use ecom_types::privacy::{FilePrivacyRequest, PrivacyRequestView};
use ecom_types::Problem;

use crate::auth::{caller::request_id, TenantCaller};
use crate::error::{ApiError, FieldChecks};
use crate::privacy;
use crate::state::AppState;

/// Files a request about the caller's own personal data. Access,
/// rectification, erasure and portability then wait for the identity check
/// (a code e-mailed to the account's address); restriction, withdrawal of
/// consent and objection to direct marketing take effect at once. The
/// request is due one calendar month after receipt.
#[utoipa::path(
    tag = "data-subject-requests",
    request_body = FilePrivacyRequest,
    responses(
        (status = 201, description = "Filed", body = PrivacyRequestView),
        (status = 401, description = "Not logged in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "An API key, not a person", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown right or details too long", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/privacy/requests")]
pub async fn file(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    body: crate::json_body::Json<FilePrivacyRequest>,
) -> Result<HttpResponse, ApiError> {
    let (tenant, user) = super::person(&caller)?;
    let body = body.into_inner()?;
    let mut checks = FieldChecks::default();
    let details = privacy::parse_details(&mut checks, body.details.as_deref());
    checks.finish()?;
    let now = state.clock.now();
    let request_id = request_id(&req);
    let (kind, actor) = caller.caller.actor();
    let filed = state
        .write(move |conn| {
            let account =
                users::find(conn, tenant, user)?.ok_or_else(|| ApiError::not_found("account"))?;
            privacy::file(
                conn,
                Some((tenant, user)),
                &account.email,
                privacy::right_of(body.right),
                details,
                "self",
                now,
                (kind, Some(actor)),
                request_id,
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(privacy::view(&filed, now)))
}
