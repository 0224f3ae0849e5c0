//! `GET /api/v1/webhooks/{id}/deliveries`.

use actix_web::{get, web};
use ecom_storage::webhooks;
use ecom_types::webhooks::WebhookDeliveryList;
use ecom_types::Problem;
use uuid::Uuid;

use crate::auth::AdminCaller;
use crate::error::ApiError;
use crate::state::AppState;

const SHOWN: i64 = 100;

/// The webhook's last 100 deliveries, newest first, each with its attempts
/// (time, HTTP status, latency, error).
#[utoipa::path(
    tag = "webhooks",
    params(("id" = Uuid, Path, description = "The webhook's id")),
    responses(
        (status = 200, description = "Deliveries and their attempts", body = WebhookDeliveryList),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such webhook in this tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/webhooks/{id}/deliveries")]
pub async fn list(
    state: web::Data<AppState>,
    AdminCaller(caller): AdminCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<WebhookDeliveryList>, ApiError> {
    let id = id.into_inner();
    let (deliveries, attempts) = state
        .read(move |conn| {
            webhooks::find(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::not_found("webhook"))?;
            let deliveries = webhooks::list_deliveries(conn, caller.tenant, id, SHOWN)?;
            let ids: Vec<Uuid> = deliveries.iter().map(|d| d.id).collect();
            let attempts = webhooks::attempts_of(conn, caller.tenant, &ids)?;
            Ok((deliveries, attempts))
        })
        .await?;
    Ok(web::Json(WebhookDeliveryList {
        items: deliveries
            .iter()
            .map(|d| super::delivery_view(d, &attempts))
            .collect(),
    }))
}
