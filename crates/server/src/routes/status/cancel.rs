//! `DELETE /api/v1/operator/maintenance/{id}`: the operator calls off an
//! announced window that has not ended; it leaves the status page and the
//! Clients who were told get a notice that it is off.

use actix_web::{delete, web, HttpRequest};
use ecom_domain::calendar::belgian_time_label;
use ecom_storage::status;
use ecom_types::status::MaintenanceAnnounced;
use ecom_types::Problem;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::{caller::request_id, OperatorCaller};
use crate::error::ApiError;
use crate::state::AppState;

/// Cancels a maintenance window; 200 with the cancelled window.
#[utoipa::path(
    tag = "operator",
    params(("id" = Uuid, Path, description = "The maintenance window")),
    responses(
        (status = 200, description = "Cancelled", body = MaintenanceAnnounced),
        (status = 401, description = "Not logged in as an operator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such window", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already cancelled or already over", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[delete("/operator/maintenance/{id}")]
pub async fn cancel(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<MaintenanceAnnounced>, ApiError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let request_id = request_id(&req);
    let cancelled = state
        .write(move |conn| {
            let window = status::find_window(conn, id)?.ok_or_else(|| ApiError::NotFound {
                detail: "no maintenance window with that id exists".into(),
            })?;
            if window.cancelled_at.is_some() {
                return Err(ApiError::Conflict {
                    code: "already_cancelled",
                    detail: "this maintenance window is already cancelled".into(),
                    field: None,
                });
            }
            if window.ends_at <= now {
                return Err(ApiError::Conflict {
                    code: "already_over",
                    detail: "this maintenance window has already ended".into(),
                    field: None,
                });
            }
            if !status::cancel_window(conn, id, now)? {
                return Err(ApiError::Conflict {
                    code: "already_cancelled",
                    detail: "this maintenance window is already cancelled".into(),
                    field: None,
                });
            }
            let subject = format!(
                "Ecom maintenance from {} is cancelled",
                belgian_time_label(window.starts_at)
            );
            let text = format!(
                "The maintenance Ecom planned from {} to {} will not take place:\n\n{}\n",
                belgian_time_label(window.starts_at),
                belgian_time_label(window.ends_at),
                window.description
            );
            let notified = super::announce::notify_clients(
                conn,
                &subject,
                &text,
                &format!("maintenance_cancelled:{id}"),
                now,
            )?;
            Audit::new(
                "maintenance.cancelled",
                ("operator", Some(caller.operator.0)),
                now,
            )
            .target("maintenance_window", id)
            .details(serde_json::json!({ "tenants_notified": notified }))
            .request(request_id)
            .write(conn)?;
            let mut view = super::view(&window);
            view.cancelled_at = Some(now);
            Ok(MaintenanceAnnounced {
                window: view,
                tenants_notified: notified,
            })
        })
        .await?;
    Ok(web::Json(cancelled))
}
