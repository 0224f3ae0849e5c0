//! `DELETE /api/v1/operator/prospects/{id}`.

use actix_web::{delete, web, HttpRequest, HttpResponse};
use ecom_domain::retention::Profile;
use ecom_storage::privacy::{erasures, prospects};
use ecom_types::Problem;
use uuid::Uuid;

use super::{actor, find};
use crate::audit::Audit;
use crate::auth::{caller::request_id, OperatorCaller};
use crate::error::ApiError;
use crate::state::AppState;

/// Erases a prospect now (the row is removed; the erasure log keeps the
/// count). Does not put the person on the suppression list: use
/// `not-interested` when they asked to be left alone.
#[utoipa::path(
    tag = "prospects",
    operation_id = "delete_prospect",
    params(("id" = Uuid, Path, description = "The prospect's id")),
    responses(
        (status = 204, description = "Erased"),
        (status = 403, description = "Not an operator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such prospect (or already erased)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[delete("/operator/prospects/{id}")]
pub async fn delete(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let (request_id, who) = (request_id(&req), actor(&caller));
    state
        .write(move |conn| {
            let prospect = find(conn, id)?;
            let n = prospects::delete(conn, prospect.id)?;
            erasures::record(
                conn,
                now,
                Profile::Prospect.as_str(),
                None,
                "prospect",
                "prospects",
                n,
                "erased by the operator",
            )?;
            Audit::new("prospect.deleted", who, now)
                .target("prospect", prospect.id)
                .request(request_id)
                .write(conn)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
