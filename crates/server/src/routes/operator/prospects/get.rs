//! `GET /api/v1/operator/prospects/{id}`.

use actix_web::{get, web};
use ecom_types::prospects::ProspectView;
use ecom_types::Problem;
use uuid::Uuid;

use super::{find, view};
use crate::auth::OperatorCaller;
use crate::error::ApiError;
use crate::state::AppState;

/// One prospect, with the date the retention sweep erases it.
#[utoipa::path(
    tag = "prospects",
    operation_id = "get_prospect",
    params(("id" = Uuid, Path, description = "The prospect's id")),
    responses(
        (status = 200, description = "The prospect", body = ProspectView),
        (status = 403, description = "Not an operator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such prospect (or already erased)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[get("/operator/prospects/{id}")]
pub async fn get(
    state: web::Data<AppState>,
    _caller: OperatorCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<ProspectView>, ApiError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let prospect = state.read(move |conn| find(conn, id)).await?;
    Ok(web::Json(view(&prospect, now)))
}
