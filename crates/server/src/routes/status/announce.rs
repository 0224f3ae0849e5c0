//! `POST /api/v1/operator/maintenance`: the operator announces a maintenance
//! window; it shows on the status page and every Client's Administrator gets
//! a notice (terms art. 20: "inform the Customer in due time").

use actix_web::{post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Duration, Utc};
use ecom_domain::account::{parse_text, InvalidInput};
use ecom_domain::calendar::belgian_time_label;
use ecom_domain::notice::NoticeKind;
use ecom_domain::TenantId;
use ecom_storage::status::{self, MaintenanceWindow};
use ecom_storage::tenants::{self, TenantStatus};
use ecom_storage::DbConnection;
use ecom_types::status::{MaintenanceAnnounced, MaintenanceRequest};
use ecom_types::Problem;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::{caller::request_id, OperatorCaller};
use crate::error::{ApiError, FieldChecks};
use crate::state::AppState;

/// The longest window one announcement may cover.
pub const MAX_WINDOW_DAYS: i64 = 7;
const MAX_DESCRIPTION_CHARS: usize = 500;

/// Announces a maintenance window to every Client; 201 with the window and
/// the number of Administrators notified.
#[utoipa::path(
    tag = "operator",
    request_body(content = MaintenanceRequest, example = json!({
        "starts_at": "2026-11-29T05:00:00Z",
        "ends_at": "2026-11-29T06:00:00Z",
        "description": "Database upgrade; Ecom is unavailable for up to 30 minutes."
    })),
    responses(
        (status = 201, description = "Announced", body = MaintenanceAnnounced),
        (status = 401, description = "Not logged in as an operator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Start in the past, end before the start, longer than 7 days, or an empty description", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/maintenance")]
pub async fn announce(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    body: crate::json_body::Json<MaintenanceRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let mut checks = FieldChecks::default();
    let description = checks.check(
        "description",
        parse_text(&body.description, "the description", MAX_DESCRIPTION_CHARS),
    );
    if body.starts_at <= now {
        checks.check::<()>(
            "starts_at",
            Err(InvalidInput::new(
                "in_the_past",
                "maintenance must be announced before it starts",
            )),
        );
    }
    if body.ends_at <= body.starts_at {
        checks.check::<()>(
            "ends_at",
            Err(InvalidInput::new(
                "before_start",
                "the end must be after the start",
            )),
        );
    } else if body.ends_at - body.starts_at > Duration::days(MAX_WINDOW_DAYS) {
        checks.check::<()>(
            "ends_at",
            Err(InvalidInput::new(
                "too_long",
                format!(
                    "a window lasts at most {MAX_WINDOW_DAYS} days; announce longer work in parts"
                ),
            )),
        );
    }
    checks.finish()?;
    let Some(description) = description else {
        return Err(ApiError::Internal(
            "validation passed without a description".into(),
        ));
    };
    let window = MaintenanceWindow {
        id: Uuid::now_v7(),
        starts_at: body.starts_at,
        ends_at: body.ends_at,
        description,
        announced_at: now,
        announced_by: caller.operator,
        cancelled_at: None,
    };
    let request_id = request_id(&req);
    let announced = state
        .write(move |conn| {
            status::insert_window(conn, &window)?;
            let subject = format!("Ecom maintenance from {}", belgian_time_label(window.starts_at));
            let text = format!(
                "Ecom plans maintenance from {} to {}:\n\n{}\n\nThe status page shows it and any change to it.\n",
                belgian_time_label(window.starts_at),
                belgian_time_label(window.ends_at),
                window.description
            );
            let notified = notify_clients(conn, &subject, &text, &format!("maintenance:{}", window.id), now)?;
            Audit::new("maintenance.announced", ("operator", Some(caller.operator.0)), now)
                .target("maintenance_window", window.id)
                .details(serde_json::json!({ "starts_at": window.starts_at, "ends_at": window.ends_at, "tenants_notified": notified }))
                .request(request_id)
                .write(conn)?;
            Ok(MaintenanceAnnounced { window: super::view(&window), tenants_notified: notified })
        })
        .await?;
    Ok(HttpResponse::Created().json(announced))
}

/// Queues the notice to the Administrator of every Client still using Ecom
/// (on trial, active or suspended); one per Client and `dedupe`.
pub(crate) fn notify_clients(
    conn: &mut DbConnection,
    subject: &str,
    text: &str,
    dedupe: &str,
    now: DateTime<Utc>,
) -> Result<u32, ApiError> {
    let mut notified = 0u32;
    for tenant in tenants::all_ids_for_jobs(conn)? {
        if !uses_ecom(conn, tenant)? {
            continue;
        }
        let queued = crate::notices::to_administrator(
            conn,
            tenant,
            NoticeKind::Maintenance,
            subject.to_owned(),
            text.to_owned(),
            Some(format!("{dedupe}:{tenant}")),
            now,
        )?;
        notified += u32::from(queued);
    }
    Ok(notified)
}

fn uses_ecom(conn: &mut DbConnection, tenant: TenantId) -> Result<bool, ApiError> {
    Ok(tenants::find(conn, tenant)?.is_some_and(|t| {
        matches!(
            t.status,
            TenantStatus::Trial | TenantStatus::Active | TenantStatus::Suspended
        )
    }))
}
