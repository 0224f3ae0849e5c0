//! `GET /api/v1/privacy/requests/{id}/export`.

use actix_web::{get, web, HttpRequest, HttpResponse};
use ecom_storage::privacy::requests;
use ecom_types::Problem;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::error::ApiError;
use crate::state::AppState;

/// Everything Ecom holds about the caller (access or portability request,
/// identity verified): a zip with `<data set>.json` and `<data set>.csv`
/// per data set and `manifest.json` with the counts.
#[utoipa::path(
    tag = "data-subject-requests",
    params(("id" = Uuid, Path, description = "The request's id")),
    responses(
        (status = 200, description = "The zip", content_type = "application/zip", body = Vec<u8>),
        (status = 404, description = "Not one of the caller's requests", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not an access or portability request, or identity not verified", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[get("/privacy/requests/{id}/export")]
pub async fn export(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let (tenant, user) = super::person(&caller)?;
    let id = id.into_inner();
    let now = state.clock.now();
    let request_id = request_id(&req);
    let (kind, actor) = caller.caller.actor();
    let bytes = state
        .write(move |conn| {
            let request = requests::find_for_user(conn, tenant, user, id)?
                .ok_or_else(|| ApiError::not_found("privacy request"))?;
            let bytes = super::super::operator::privacy::person_zip(conn, &request, now)?;
            Audit::new("privacy_request.exported", (kind, Some(actor)), now)
                .tenant(tenant)
                .target("privacy_request", request.id)
                .request(request_id)
                .write(conn)?;
            Ok(bytes)
        })
        .await?;
    Ok(crate::export::download(bytes, "my-ecom-data.zip"))
}
