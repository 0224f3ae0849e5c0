//! `GET /api/v1/status`: public, no credentials. Measures the API and the
//! database for this answer and adds the last 90 days' availability and the
//! announced maintenance. Answers 200 even when the database is down: the
//! page must still say so.

use std::time::Instant;

use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use ecom_domain::calendar::belgian_date;
use ecom_storage::status::{self as records, DaySamples};
use ecom_types::status::{ComponentStatus, ServiceStatus, UptimeDay};

use crate::state::AppState;

/// Days of history on the page, today included.
pub const HISTORY_DAYS: i64 = 90;

/// The service's live health, availability over the last 90 days and
/// announced maintenance (terms art. 20).
#[utoipa::path(
    tag = "status",
    responses(
        (status = 200, description = "The status, also when a component is down", body = ServiceStatus,
         example = json!({
            "status": "operational",
            "checked_at": "2026-11-22T09:00:00Z",
            "components": [
                { "name": "api", "status": "operational", "latency_ms": 3 },
                { "name": "database", "status": "operational", "latency_ms": 1 }
            ],
            "uptime": [{ "day": "2026-11-22", "samples": 540, "healthy_samples": 540, "average_latency_ms": 1 }],
            "maintenance": [{
                "id": "0193a5a0-0000-7000-8000-000000000001",
                "starts_at": "2026-11-29T05:00:00Z", "ends_at": "2026-11-29T06:00:00Z",
                "description": "Database upgrade; Ecom is unavailable for up to 30 minutes.",
                "announced_at": "2026-11-22T08:00:00Z", "cancelled_at": null
            }]
         })),
    )
)]
#[get("/status")]
pub async fn get(state: web::Data<AppState>) -> HttpResponse {
    let started = Instant::now();
    let now = state.clock.now();
    let today = belgian_date(now);
    let from = today - Duration::days(HISTORY_DAYS - 1);
    let db = state.db.clone();
    // One connection: the round trip of SELECT 1, then the history.
    let measured = web::block(move || {
        let mut conn = db.get().ok()?;
        let ping = Instant::now();
        records::ping(&mut conn).ok()?;
        let latency = elapsed_ms(ping);
        let days = records::days_since(&mut conn, from).ok()?;
        let windows = records::current_and_upcoming(&mut conn, now).ok()?;
        Some((latency, days, windows))
    })
    .await
    .ok()
    .flatten();

    let (database, uptime, maintenance) = match measured {
        Some((latency, days, windows)) => (
            ComponentStatus {
                name: "database".into(),
                status: "operational".into(),
                latency_ms: Some(latency),
            },
            history(from, today, &days),
            windows.iter().map(super::view).collect::<Vec<_>>(),
        ),
        None => (
            ComponentStatus {
                name: "database".into(),
                status: "down".into(),
                latency_ms: None,
            },
            history(from, today, &[]),
            Vec::new(),
        ),
    };
    let overall = overall(database.status == "operational", &maintenance, now);
    let api = ComponentStatus {
        name: "api".into(),
        status: "operational".into(),
        latency_ms: Some(elapsed_ms(started)),
    };
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(ServiceStatus {
            status: overall.into(),
            checked_at: now,
            components: vec![api, database],
            uptime,
            maintenance,
        })
}

fn elapsed_ms(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// `degraded` when the database is down, else `maintenance` while an
/// announced window runs, else `operational`.
fn overall(
    database_up: bool,
    windows: &[ecom_types::status::MaintenanceWindow],
    now: DateTime<Utc>,
) -> &'static str {
    if !database_up {
        "degraded"
    } else if windows
        .iter()
        .any(|w| w.starts_at <= now && now < w.ends_at)
    {
        "maintenance"
    } else {
        "operational"
    }
}

/// Every day from `from` to `today`, days without samples included (as no
/// data, not as downtime).
fn history(from: NaiveDate, today: NaiveDate, recorded: &[DaySamples]) -> Vec<UptimeDay> {
    from.iter_days()
        .take_while(|day| *day <= today)
        .map(|day| {
            let found = recorded.iter().find(|r| r.day == day);
            let samples = found.map_or(0, |r| r.samples);
            let healthy = found.map_or(0, |r| r.healthy_samples);
            UptimeDay {
                day,
                samples,
                healthy_samples: healthy,
                average_latency_ms: found
                    .filter(|r| r.healthy_samples > 0)
                    .map(|r| r.latency_ms_total / r.healthy_samples),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default()
    }

    #[test]
    fn history_fills_days_without_samples() {
        let recorded = [DaySamples {
            day: day(3),
            samples: 4,
            healthy_samples: 3,
            latency_ms_total: 9,
        }];
        let days = history(day(1), day(4), &recorded);
        assert_eq!(days.len(), 4);
        assert_eq!(days[0].samples, 0);
        assert_eq!(days[0].average_latency_ms, None);
        assert_eq!(
            (
                days[2].samples,
                days[2].healthy_samples,
                days[2].average_latency_ms
            ),
            (4, 3, Some(3))
        );
        assert_eq!(days[3].day, day(4));
    }
}
