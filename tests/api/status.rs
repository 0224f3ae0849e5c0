//! The public status page (terms art. 20): live health, 90 days of history
//! from the scheduler's samples, and maintenance the operator announces and
//! calls off, with notices to every Client.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use ecom_domain::TenantId;
use ecom_storage::notices;
use ecom_tests::{email, expect_json, expect_problem, TestApp};
use ecom_types::status::{MaintenanceAnnounced, ServiceStatus};
use reqwest::StatusCode;
use serde_json::json;

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn status(app: &TestApp) -> ServiceStatus {
    expect_json(app.get("/api/v1/status", None).await, StatusCode::OK).await
}

/// The notices of a kind queued for a tenant, subjects only.
fn subjects(app: &TestApp, tenant: uuid::Uuid) -> Vec<String> {
    let mut conn = app.database.get().unwrap();
    notices::list_for_tenant(&mut conn, TenantId(tenant), 500)
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == "maintenance")
        .map(|n| n.subject)
        .collect()
}

#[tokio::test]
async fn the_status_is_public_live_and_counts_the_scheduler_samples_per_brussels_day() {
    let app = TestApp::spawn().await;
    app.at(utc(2026, 11, 19, 9, 0)).await;
    app.at(utc(2026, 11, 19, 15, 0)).await;
    // 23:30 UTC is already the 20th in Brussels (UTC+1).
    app.at(utc(2026, 11, 19, 23, 30)).await;
    app.at(utc(2026, 11, 20, 10, 0)).await;

    let response = app.get("/api/v1/status", None).await;
    assert_eq!(
        response
            .headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store"),
        "a status must never be served from a cache"
    );
    let status: ServiceStatus = expect_json(response, StatusCode::OK).await;
    assert_eq!(status.status, "operational");
    let since = status.checked_at - utc(2026, 11, 20, 10, 0);
    assert!(
        since >= Duration::zero() && since < Duration::minutes(1),
        "checked at {}",
        status.checked_at
    );
    let names: Vec<_> = status
        .components
        .iter()
        .map(|c| (c.name.as_str(), c.status.as_str()))
        .collect();
    assert_eq!(names, [("api", "operational"), ("database", "operational")]);
    assert!(status.components.iter().all(|c| c.latency_ms.is_some()));

    assert_eq!(status.uptime.len(), 90);
    assert_eq!(status.uptime.first().unwrap().day, day(2026, 8, 23));
    assert_eq!(status.uptime.last().unwrap().day, day(2026, 11, 20));
    let on = |d: NaiveDate| status.uptime.iter().find(|u| u.day == d).unwrap();
    assert_eq!(
        (
            on(day(2026, 11, 19)).samples,
            on(day(2026, 11, 19)).healthy_samples
        ),
        (2, 2)
    );
    assert_eq!(
        (
            on(day(2026, 11, 20)).samples,
            on(day(2026, 11, 20)).healthy_samples
        ),
        (2, 2)
    );
    assert!(on(day(2026, 11, 20)).average_latency_ms.is_some());
    // A day without samples is "no data", not downtime.
    assert_eq!(
        (
            on(day(2026, 11, 18)).samples,
            on(day(2026, 11, 18)).average_latency_ms
        ),
        (0, None)
    );
    assert!(status.maintenance.is_empty());

    // 90 days on, the old samples fall off the page.
    app.clock.set(utc(2027, 2, 18, 12, 0));
    let later = status_of(&app).await;
    assert_eq!(later.uptime.first().unwrap().day, day(2026, 11, 21));
    assert!(later.uptime.iter().all(|u| u.samples == 0));
}

async fn status_of(app: &TestApp) -> ServiceStatus {
    status(app).await
}

#[tokio::test]
async fn maintenance_is_announced_to_every_client_shown_and_can_be_called_off() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 11, 20, 10, 0));
    let first = app.signup("Bakkerij Peeters BV", &email("an")).await;
    let second = app.signup("Slagerij Janssens BV", &email("bert")).await;
    let op = app.operator().await;

    let body = json!({
        "starts_at": "2026-11-29T05:00:00Z",
        "ends_at": "2026-11-29T06:00:00Z",
        "description": "Database upgrade; Ecom is unavailable for up to 30 minutes."
    });
    let announced: MaintenanceAnnounced = expect_json(
        app.post("/api/v1/operator/maintenance", Some(&op), &body)
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(announced.tenants_notified, 2);
    assert_eq!(announced.window.starts_at, utc(2026, 11, 29, 5, 0));
    assert_eq!(announced.window.cancelled_at, None);
    for tenant in [first.tenant_id, second.tenant_id] {
        assert_eq!(
            subjects(&app, tenant),
            ["Ecom maintenance from 2026-11-29 06:00 (Belgian time)"]
        );
    }

    // On the public page before and during the window.
    let before = status(&app).await;
    assert_eq!(before.status, "operational");
    assert_eq!(before.maintenance.len(), 1);
    assert_eq!(
        before.maintenance[0].description,
        "Database upgrade; Ecom is unavailable for up to 30 minutes."
    );
    app.clock.set(utc(2026, 11, 29, 5, 30));
    assert_eq!(status(&app).await.status, "maintenance");

    // Called off while it runs: gone from the page, Clients told once.
    let op = app.operator().await;
    let path = format!("/api/v1/operator/maintenance/{}", announced.window.id);
    let cancelled: MaintenanceAnnounced =
        expect_json(app.delete(&path, Some(&op)).await, StatusCode::OK).await;
    let cancelled_at = cancelled.window.cancelled_at.expect("cancelled");
    assert!(cancelled_at >= utc(2026, 11, 29, 5, 30) && cancelled_at < utc(2026, 11, 29, 5, 31));
    assert_eq!(cancelled.tenants_notified, 2);
    let after = status(&app).await;
    assert_eq!(after.status, "operational");
    assert!(after.maintenance.is_empty());
    assert_eq!(subjects(&app, first.tenant_id).len(), 2);
    assert!(subjects(&app, first.tenant_id)
        .iter()
        .any(|s| s == "Ecom maintenance from 2026-11-29 06:00 (Belgian time) is cancelled"));
    expect_problem(
        app.delete(&path, Some(&op)).await,
        StatusCode::CONFLICT,
        "already_cancelled",
    )
    .await;
    expect_problem(
        app.delete(
            &format!("/api/v1/operator/maintenance/{}", uuid::Uuid::now_v7()),
            Some(&op),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn a_window_that_has_ended_shows_no_more_and_cannot_be_called_off() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 11, 20, 10, 0));
    let op = app.operator().await;
    let body = json!({ "starts_at": "2026-11-21T05:00:00Z", "ends_at": "2026-11-21T06:00:00Z", "description": "Network work" });
    let announced: MaintenanceAnnounced = expect_json(
        app.post("/api/v1/operator/maintenance", Some(&op), &body)
            .await,
        StatusCode::CREATED,
    )
    .await;
    // Nobody to tell yet.
    assert_eq!(announced.tenants_notified, 0);
    app.clock.set(utc(2026, 11, 21, 6, 0));
    assert!(status(&app).await.maintenance.is_empty());
    let op = app.operator().await;
    expect_problem(
        app.delete(
            &format!("/api/v1/operator/maintenance/{}", announced.window.id),
            Some(&op),
        )
        .await,
        StatusCode::CONFLICT,
        "already_over",
    )
    .await;
}

#[tokio::test]
async fn announcements_are_validated_per_field_and_only_operators_may_make_them() {
    let app = TestApp::spawn().await;
    let now = utc(2026, 11, 20, 10, 0);
    app.clock.set(now);
    let tenant = app.signup("Bakkerij Peeters BV", &email("an")).await;
    let op = app.operator().await;
    let at = |t: DateTime<Utc>| t.to_rfc3339();

    let cases = [
        (
            json!({ "starts_at": at(now - Duration::minutes(1)), "ends_at": at(now + Duration::hours(1)), "description": "x" }),
            "starts_at",
            "in_the_past",
        ),
        (
            json!({ "starts_at": at(now + Duration::hours(2)), "ends_at": at(now + Duration::hours(1)), "description": "x" }),
            "ends_at",
            "before_start",
        ),
        (
            json!({ "starts_at": at(now + Duration::hours(1)), "ends_at": at(now + Duration::days(8)), "description": "x" }),
            "ends_at",
            "too_long",
        ),
        (
            json!({ "starts_at": at(now + Duration::hours(1)), "ends_at": at(now + Duration::hours(2)), "description": "  " }),
            "description",
            "required",
        ),
        (
            json!({ "starts_at": at(now + Duration::hours(1)), "ends_at": at(now + Duration::hours(2)), "description": "y".repeat(501) }),
            "description",
            "too_long",
        ),
    ];
    for (body, field, code) in cases {
        let problem = expect_problem(
            app.post("/api/v1/operator/maintenance", Some(&op), &body)
                .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert!(
            problem
                .errors
                .iter()
                .any(|e| e.field == field && e.code == code),
            "{field}/{code}: {:?}",
            problem.errors
        );
    }
    let unknown = json!({ "starts_at": at(now + Duration::hours(1)), "ends_at": at(now + Duration::hours(2)), "description": "x", "silent": true });
    expect_problem(
        app.post("/api/v1/operator/maintenance", Some(&op), &unknown)
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;

    let good = json!({ "starts_at": at(now + Duration::hours(1)), "ends_at": at(now + Duration::hours(2)), "description": "x" });
    expect_problem(
        app.post("/api/v1/operator/maintenance", Some(&tenant.access), &good)
            .await,
        StatusCode::FORBIDDEN,
        "operator_only",
    )
    .await;
    let anonymous = app.post("/api/v1/operator/maintenance", None, &good).await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    // Nothing was announced by the refused attempts.
    assert!(status(&app).await.maintenance.is_empty());
    assert!(subjects(&app, tenant.tenant_id).is_empty());
}

#[tokio::test]
async fn two_job_runs_at_once_record_two_samples_on_a_new_day() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 11, 21, 12, 0));
    // Two servers' schedulers at the same moment: the day's first row is
    // inserted once and both samples count.
    let (first, second) = tokio::join!(app.jobs.run_once(), app.jobs.run_once());
    first.expect("the first run");
    second.expect("the second run");
    let today = status(&app).await.uptime.pop().unwrap();
    assert_eq!(today.day, day(2026, 11, 21));
    assert_eq!((today.samples, today.healthy_samples), (2, 2));
}
