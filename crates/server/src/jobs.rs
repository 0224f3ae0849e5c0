//! Background jobs, run on an interval by the server and by hand in tests
//! (`Application::jobs().run_once()`): every job is idempotent and safe to
//! run twice or from two servers at once.

use chrono::{DateTime, Duration, Utc};
use ecom_domain::notice::retry_delay;
use ecom_storage::notices::{self, Notice};

use crate::error::ApiError;
use crate::mail::Outgoing;
use crate::state::AppState;

/// What one run did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct JobReport {
    /// Contract and trial steps taken (renewals, deactivations, ...).
    pub lifecycle_steps: usize,
    pub notices_sent: usize,
    pub notices_retrying: usize,
    pub notices_failed: usize,
    pub notices_suppressed: usize,
    /// Retention steps applied (marketing stopped, persons and tenants erased, invoices redacted).
    pub retention_steps: usize,
    /// Webhook deliveries queued from new domain events, sent, retrying, given up.
    pub webhooks: crate::webhooks::WebhookReport,
}

/// A handle to run the jobs.
#[derive(Clone)]
pub struct Jobs {
    state: AppState,
    /// Health samples taken while the database could not store them (it was
    /// down): written once it answers again, so downtime is not lost.
    unrecorded: std::sync::Arc<std::sync::Mutex<Vec<HealthSample>>>,
}

/// One health sample for the status page (terms art. 20).
#[derive(Debug, Clone, Copy)]
struct HealthSample {
    day: chrono::NaiveDate,
    healthy: bool,
    latency_ms: u64,
}

/// At most this many samples wait in memory for the database.
const MAX_UNRECORDED: usize = 10_000;

/// A claimed notice is not offered to another worker for this long.
const DELIVERY_LEASE_MINUTES: i64 = 5;
const BATCH: i64 = 50;

impl Jobs {
    pub fn new(state: AppState) -> Self {
        Self {
            state,
            unrecorded: std::sync::Arc::default(),
        }
    }

    /// Runs every job once, at the server clock's now.
    pub async fn run_once(&self) -> Result<JobReport, ApiError> {
        let now = self.state.clock.now();
        self.record_health(now).await;
        let steps = self.advance_lifecycles(now).await?;
        let retention_steps = self.sweep_retention(now).await?;
        let mut report = self.deliver_notices(now).await?;
        report.lifecycle_steps = steps;
        report.retention_steps = retention_steps;
        report.webhooks = crate::webhooks::run(&self.state, now).await?;
        let kept = Duration::hours(crate::idempotency::KEPT_HOURS);
        self.state
            .write(move |conn| Ok(ecom_storage::idempotent_requests::purge(conn, now - kept)?))
            .await?;
        Ok(report)
    }

    /// Takes a health sample (can the database be reached, how fast) and
    /// adds it to its Brussels day for the status page's history. A sample
    /// the database cannot store waits in memory for the next run.
    async fn record_health(&self, now: DateTime<Utc>) {
        let db = self.state.db.clone();
        let pending: Vec<HealthSample> = self
            .unrecorded
            .lock()
            .map(|mut p| std::mem::take(&mut *p))
            .unwrap_or_default();
        let day = ecom_domain::calendar::belgian_date(now);
        let outcome = actix_web::web::block(move || {
            let started = std::time::Instant::now();
            let Ok(mut conn) = db.get() else {
                return Err((
                    pending,
                    HealthSample {
                        day,
                        healthy: false,
                        latency_ms: 0,
                    },
                ));
            };
            let healthy = ecom_storage::status::ping(&mut conn).is_ok();
            let latency_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
            let sample = HealthSample {
                day,
                healthy,
                latency_ms,
            };
            let stored = ecom_storage::write_transaction(&mut conn, |conn| {
                for s in pending.iter().chain(std::iter::once(&sample)) {
                    ecom_storage::status::record_sample(conn, s.day, s.healthy, s.latency_ms)?;
                }
                Ok::<(), ecom_storage::StorageError>(())
            });
            match stored {
                Ok(()) => Ok(()),
                Err(_) => Err((
                    pending,
                    HealthSample {
                        healthy: false,
                        ..sample
                    },
                )),
            }
        })
        .await;
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err((mut pending, sample))) => {
                tracing::warn!(
                    "the database is unreachable; the health sample is kept for the next run"
                );
                pending.push(sample);
                if let Ok(mut unrecorded) = self.unrecorded.lock() {
                    let start = pending.len().saturating_sub(MAX_UNRECORDED);
                    unrecorded.extend(pending.drain(start..));
                }
            }
            Err(error) => tracing::error!(%error, "the health sample could not be taken"),
        }
    }

    /// Moves every tenant's trial or contract forward, one transaction per
    /// tenant; a tenant that fails is logged and retried next run.
    async fn advance_lifecycles(&self, now: DateTime<Utc>) -> Result<usize, ApiError> {
        let tenants = self
            .state
            .read(|conn| Ok(ecom_storage::tenants::all_ids_for_jobs(conn)?))
            .await?;
        let mut steps = 0;
        for tenant in tenants {
            let settings = self.state.settings.clone();
            match self
                .state
                .write(move |conn| {
                    // The tenant's row first (lock order: tenant, contract, invoice).
                    ecom_storage::tenants::lock(conn, tenant)?;
                    Ok(
                        crate::lifecycle::advance_tenant(conn, &settings, tenant, now)?
                            + crate::collections::review(conn, &settings, tenant, now)?,
                    )
                })
                .await
            {
                Ok(n) => steps += n,
                Err(error) => {
                    tracing::error!(%tenant, %error, "advancing the tenant failed; retrying next run")
                }
            }
        }
        Ok(steps)
    }

    /// Applies the retention schedule (SPEC §4), one transaction per tenant
    /// and one for the prospects; a tenant that fails is retried next run.
    async fn sweep_retention(&self, now: DateTime<Utc>) -> Result<usize, ApiError> {
        use crate::retention::{review_prospects, review_tenant, Mode};
        let tenants = self
            .state
            .read(|conn| Ok(ecom_storage::tenants::all_ids_for_jobs(conn)?))
            .await?;
        let mut steps = 0;
        for tenant in tenants {
            let settings = self.state.settings.clone();
            match self
                .state
                .write(move |conn| {
                    ecom_storage::tenants::lock(conn, tenant)?;
                    review_tenant(conn, &settings, tenant, now, Mode::Apply)
                })
                .await
            {
                Ok(done) => steps += done.len(),
                Err(error) => {
                    tracing::error!(%tenant, %error, "the retention sweep failed for the tenant; retrying next run")
                }
            }
        }
        steps += self
            .state
            .write(move |conn| review_prospects(conn, now, Mode::Apply))
            .await?
            .len();
        Ok(steps)
    }

    async fn deliver_notices(&self, now: DateTime<Utc>) -> Result<JobReport, ApiError> {
        let mut report = JobReport::default();
        loop {
            let claimed = self
                .state
                .write(move |conn| {
                    Ok(notices::claim_due(
                        conn,
                        now,
                        Duration::minutes(DELIVERY_LEASE_MINUTES),
                        BATCH,
                    )?)
                })
                .await?;
            if claimed.is_empty() {
                return Ok(report);
            }
            for notice in claimed {
                self.deliver(notice, now, &mut report).await?;
            }
        }
    }

    async fn deliver(
        &self,
        notice: Notice,
        now: DateTime<Utc>,
        report: &mut JobReport,
    ) -> Result<(), ApiError> {
        let id = notice.id;
        if !notice.essential {
            if let Some(tenant) = notice.tenant_id {
                let recipient = notice.recipient.clone();
                // Opted out, or processing restricted (GDPR art. 18): not sent.
                let opted_out = self
                    .state
                    .read(move |conn| {
                        Ok(notices::opted_out_by_email(conn, tenant, &recipient)?
                            || ecom_storage::privacy::restrictions::is_restricted(
                                conn, &recipient,
                            )?)
                    })
                    .await?;
                if opted_out {
                    self.state
                        .write(move |conn| Ok(notices::mark_suppressed(conn, id)?))
                        .await?;
                    report.notices_suppressed += 1;
                    return Ok(());
                }
            }
        }
        // A marketing message is checked against the suppression list once
        // more when sent (the person may have unsubscribed since it was
        // queued), and carries the one-click unsubscribe headers.
        let mut unsubscribe = None;
        if notice.kind == crate::consent::MARKETING_NOTICE_KIND {
            let (recipient, token) = (
                notice.recipient.clone(),
                notice.secret.clone().unwrap_or_default(),
            );
            let link = self
                .state
                .read(move |conn| crate::consent::deliverable(conn, &recipient, &token, now))
                .await?;
            match link {
                Some(token) => {
                    unsubscribe = Some(crate::consent::UnsubscribeToken::link(
                        &self.state.settings,
                        &token,
                    ))
                }
                None => {
                    self.state
                        .write(move |conn| Ok(notices::mark_suppressed(conn, id)?))
                        .await?;
                    report.notices_suppressed += 1;
                    return Ok(());
                }
            }
        }
        let body = match &notice.secret {
            Some(secret) => notice.body.replace("{secret}", secret),
            None => notice.body.clone(),
        };
        let outgoing = Outgoing {
            to: &notice.recipient,
            subject: &notice.subject,
            body: &body,
        };
        match self
            .state
            .mailer
            .send_with_unsubscribe(
                &self.state.settings.mail_from,
                outgoing,
                unsubscribe.as_deref(),
            )
            .await
        {
            Ok(()) => {
                self.state
                    .write(move |conn| Ok(notices::mark_sent(conn, id, now)?))
                    .await?;
                report.notices_sent += 1;
            }
            Err(error) => {
                tracing::warn!(notice = %id, attempts = notice.attempts, %error, "notice delivery failed");
                let retry_at = retry_delay(notice.attempts).map(|delay| now + delay);
                if retry_at.is_some() {
                    report.notices_retrying += 1;
                } else {
                    report.notices_failed += 1;
                }
                self.state
                    .write(move |conn| {
                        Ok(notices::mark_attempt_failed(
                            conn, id, &error, retry_at, now,
                        )?)
                    })
                    .await?;
            }
        }
        Ok(())
    }
}

/// Runs the jobs every `interval` until the process ends.
pub async fn run_forever(jobs: Jobs, interval: std::time::Duration) {
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        match jobs.run_once().await {
            Ok(report) if report != JobReport::default() => tracing::info!(?report, "jobs ran"),
            Ok(_) => {}
            Err(error) => tracing::error!(%error, "jobs failed; retrying at the next tick"),
        }
    }
}
