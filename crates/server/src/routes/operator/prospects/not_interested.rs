//! `POST /api/v1/operator/prospects/{id}/not-interested`.

use actix_web::{post, web, HttpRequest};
use ecom_storage::privacy::prospects;
use ecom_types::prospects::ProspectView;
use ecom_types::Problem;
use uuid::Uuid;

use super::{actor, find, suppress, view};
use crate::audit::Audit;
use crate::auth::{caller::request_id, OperatorCaller};
use crate::error::ApiError;
use crate::state::AppState;

/// Records that the prospect is not interested: "we will make a note of
/// this and then leave you alone for good". In the same transaction the
/// e-mail address and phone number go on the suppression list (keyed hashes,
/// scopes `all_marketing` and `sales_calls`), so they are never added or
/// contacted again; the next retention sweep erases the record itself.
/// Saying it twice changes nothing.
#[utoipa::path(
    tag = "prospects",
    operation_id = "prospect_not_interested",
    params(("id" = Uuid, Path, description = "The prospect's id")),
    responses(
        (status = 200, description = "Recorded; `erase_after` is now", body = ProspectView),
        (status = 403, description = "Not an operator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such prospect (or already erased)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/prospects/{id}/not-interested")]
pub async fn not_interested(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<ProspectView>, ApiError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let (request_id, who) = (request_id(&req), actor(&caller));
    let prospect = state
        .write(move |conn| {
            let mut prospect = find(conn, id)?;
            if prospect.not_interested_at.is_some() {
                return Ok(prospect);
            }
            prospect.not_interested_at = Some(now);
            suppress(conn, &prospect, now)?;
            prospects::update(conn, &prospect)?;
            Audit::new("prospect.not_interested", who, now)
                .target("prospect", prospect.id)
                .details(serde_json::json!({ "suppressed": ["all_marketing", "sales_calls"] }))
                .request(request_id)
                .write(conn)?;
            Ok(prospect)
        })
        .await?;
    Ok(web::Json(view(&prospect, now)))
}
