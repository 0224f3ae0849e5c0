//! Webhook subscriptions, their durable delivery queue and the log of every
//! delivery attempt.
//!
//! Domain events (see [`crate::events`]) are fanned out into one delivery per
//! subscribed webhook; a worker claims due deliveries with a lease (like the
//! notice outbox), so two workers never send the same one at once.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::{TenantId, UserId};
use uuid::Uuid;

use crate::convert::{from_db, from_db_opt, id_text, parse_uuid, to_db};
use crate::events::DomainEvent;
use crate::schema::domain_events;
use crate::schema_integrations::{webhook_attempts, webhook_deliveries, webhook_fanout, webhooks};
use crate::{DbConnection, StorageError, StorageResult};

/// A tenant's subscription of a URL to event kinds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Webhook {
    pub id: Uuid,
    pub tenant_id: TenantId,
    pub url: String,
    pub description: String,
    /// Event kinds (`contact.created`), or `*` for all.
    pub events: Vec<String>,
    pub secret: String,
    pub enabled: bool,
    pub disabled_reason: Option<String>,
    pub failing_since: Option<DateTime<Utc>>,
    pub created_by: UserId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Webhook {
    /// Whether this webhook wants events of `kind`.
    pub fn subscribes_to(&self, kind: &str) -> bool {
        self.events.iter().any(|e| e == "*" || e == kind)
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = webhooks)]
struct WebhookRow {
    id: String,
    tenant_id: String,
    url: String,
    description: String,
    events: String,
    secret: String,
    enabled: bool,
    disabled_reason: Option<String>,
    failing_since: Option<NaiveDateTime>,
    created_by: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl WebhookRow {
    fn into_record(self) -> StorageResult<Webhook> {
        Ok(Webhook {
            id: parse_uuid(&self.id)?,
            tenant_id: TenantId(parse_uuid(&self.tenant_id)?),
            url: self.url,
            description: self.description,
            events: serde_json::from_str(&self.events)
                .map_err(|e| StorageError::Corrupt(format!("webhook events: {e}")))?,
            secret: self.secret,
            enabled: self.enabled,
            disabled_reason: self.disabled_reason,
            failing_since: from_db_opt(self.failing_since),
            created_by: UserId(parse_uuid(&self.created_by)?),
            created_at: from_db(self.created_at),
            updated_at: from_db(self.updated_at),
        })
    }
}

fn events_json(events: &[String]) -> StorageResult<String> {
    serde_json::to_string(events).map_err(|e| StorageError::Corrupt(e.to_string()))
}

pub fn insert(conn: &mut DbConnection, tenant: TenantId, hook: &Webhook) -> StorageResult<()> {
    diesel::insert_into(webhooks::table)
        .values((
            webhooks::id.eq(id_text(hook.id)),
            webhooks::tenant_id.eq(id_text(tenant.0)),
            webhooks::url.eq(&hook.url),
            webhooks::description.eq(&hook.description),
            webhooks::events.eq(events_json(&hook.events)?),
            webhooks::secret.eq(&hook.secret),
            webhooks::enabled.eq(hook.enabled),
            webhooks::disabled_reason.eq(&hook.disabled_reason),
            webhooks::failing_since.eq(hook.failing_since.map(to_db)),
            webhooks::created_by.eq(id_text(hook.created_by.0)),
            webhooks::created_at.eq(to_db(hook.created_at)),
            webhooks::updated_at.eq(to_db(hook.updated_at)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The tenant's webhooks, oldest first.
pub fn list(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<Vec<Webhook>> {
    let rows: Vec<WebhookRow> = webhooks::table
        .filter(webhooks::tenant_id.eq(id_text(tenant.0)))
        .order((webhooks::created_at.asc(), webhooks::id.asc()))
        .select(WebhookRow::as_select())
        .load(conn)?;
    rows.into_iter().map(WebhookRow::into_record).collect()
}

pub fn find(conn: &mut DbConnection, tenant: TenantId, id: Uuid) -> StorageResult<Option<Webhook>> {
    webhooks::table
        .filter(webhooks::tenant_id.eq(id_text(tenant.0)))
        .filter(webhooks::id.eq(id_text(id)))
        .select(WebhookRow::as_select())
        .first(conn)
        .optional()?
        .map(WebhookRow::into_record)
        .transpose()
}

/// Saves the changeable fields (url, description, events, enabled state, failure tracking).
pub fn update(conn: &mut DbConnection, tenant: TenantId, hook: &Webhook) -> StorageResult<()> {
    diesel::update(
        webhooks::table
            .filter(webhooks::tenant_id.eq(id_text(tenant.0)))
            .filter(webhooks::id.eq(id_text(hook.id))),
    )
    .set((
        webhooks::url.eq(&hook.url),
        webhooks::description.eq(&hook.description),
        webhooks::events.eq(events_json(&hook.events)?),
        webhooks::enabled.eq(hook.enabled),
        webhooks::disabled_reason.eq(&hook.disabled_reason),
        webhooks::failing_since.eq(hook.failing_since.map(to_db)),
        webhooks::updated_at.eq(to_db(hook.updated_at)),
    ))
    .execute(conn)?;
    Ok(())
}

/// Deletes the webhook with its deliveries and their attempt log.
pub fn delete(conn: &mut DbConnection, tenant: TenantId, id: Uuid) -> StorageResult<bool> {
    let tenant_text = id_text(tenant.0);
    let ids: Vec<String> = webhook_deliveries::table
        .filter(webhook_deliveries::tenant_id.eq(&tenant_text))
        .filter(webhook_deliveries::webhook_id.eq(id_text(id)))
        .select(webhook_deliveries::id)
        .load(conn)?;
    for chunk in ids.chunks(500) {
        diesel::delete(webhook_attempts::table.filter(webhook_attempts::delivery_id.eq_any(chunk)))
            .execute(conn)?;
    }
    diesel::delete(
        webhook_deliveries::table
            .filter(webhook_deliveries::tenant_id.eq(&tenant_text))
            .filter(webhook_deliveries::webhook_id.eq(id_text(id))),
    )
    .execute(conn)?;
    let n = diesel::delete(
        webhooks::table
            .filter(webhooks::tenant_id.eq(&tenant_text))
            .filter(webhooks::id.eq(id_text(id))),
    )
    .execute(conn)?;
    Ok(n == 1)
}

// ---------------------------------------------------------------- fan-out

/// Domain events not yet fanned out to deliveries, oldest first.
pub fn events_to_fan_out(conn: &mut DbConnection, limit: i64) -> StorageResult<Vec<DomainEvent>> {
    let done = webhook_fanout::table.select(webhook_fanout::event_id);
    let rows: Vec<(
        String,
        String,
        String,
        String,
        String,
        String,
        NaiveDateTime,
    )> = domain_events::table
        .filter(diesel::dsl::not(domain_events::id.eq_any(done)))
        .order(domain_events::id.asc())
        .limit(limit)
        .select((
            domain_events::id,
            domain_events::tenant_id,
            domain_events::kind,
            domain_events::resource_type,
            domain_events::resource_id,
            domain_events::payload,
            domain_events::occurred_at,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(
            |(id, tenant, kind, resource_type, resource_id, payload, occurred_at)| {
                Ok(DomainEvent {
                    id: parse_uuid(&id)?,
                    tenant_id: TenantId(parse_uuid(&tenant)?),
                    kind,
                    resource_type,
                    resource_id: parse_uuid(&resource_id)?,
                    payload: serde_json::from_str(&payload)
                        .map_err(|e| StorageError::Corrupt(format!("event payload: {e}")))?,
                    occurred_at: from_db(occurred_at),
                })
            },
        )
        .collect()
}

/// Marks an event as fanned out. False if another worker did it first.
pub fn mark_fanned_out(
    conn: &mut DbConnection,
    event: Uuid,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let existing: i64 = webhook_fanout::table
        .filter(webhook_fanout::event_id.eq(id_text(event)))
        .count()
        .get_result(conn)?;
    if existing > 0 {
        return Ok(false);
    }
    // Another worker may fan the same event out at the same moment: the
    // primary key decides, and the loser skips the event.
    crate::insert_unless_exists(conn, |c| {
        diesel::insert_into(webhook_fanout::table)
            .values((
                webhook_fanout::event_id.eq(id_text(event)),
                webhook_fanout::fanned_out_at.eq(to_db(now)),
            ))
            .execute(c)
    })
}

// ---------------------------------------------------------------- deliveries

/// Where a delivery is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryStatus {
    Pending,
    Succeeded,
    /// Gave up after retrying.
    Failed,
    /// Not sent: the webhook was disabled.
    Cancelled,
}

impl DeliveryStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "pending",
            DeliveryStatus::Succeeded => "succeeded",
            DeliveryStatus::Failed => "failed",
            DeliveryStatus::Cancelled => "cancelled",
        }
    }

    fn parse(raw: &str) -> StorageResult<Self> {
        Ok(match raw {
            "pending" => DeliveryStatus::Pending,
            "succeeded" => DeliveryStatus::Succeeded,
            "failed" => DeliveryStatus::Failed,
            "cancelled" => DeliveryStatus::Cancelled,
            other => return Err(StorageError::Corrupt(format!("delivery status {other:?}"))),
        })
    }
}

/// One event to one webhook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub id: Uuid,
    pub tenant_id: TenantId,
    pub webhook_id: Uuid,
    pub event_id: Uuid,
    pub event_kind: String,
    /// The exact JSON body that is sent and signed.
    pub body: String,
    pub status: DeliveryStatus,
    /// Attempts made (a claimed delivery counts the running attempt).
    pub attempts: u32,
    pub next_attempt_at: DateTime<Utc>,
    pub last_status_code: Option<u16>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = webhook_deliveries)]
struct DeliveryRow {
    id: String,
    tenant_id: String,
    webhook_id: String,
    event_id: String,
    event_kind: String,
    body: String,
    status: String,
    attempts: i32,
    next_attempt_at: NaiveDateTime,
    last_status_code: Option<i32>,
    last_error: Option<String>,
    created_at: NaiveDateTime,
    delivered_at: Option<NaiveDateTime>,
}

impl DeliveryRow {
    fn into_record(self) -> StorageResult<Delivery> {
        Ok(Delivery {
            id: parse_uuid(&self.id)?,
            tenant_id: TenantId(parse_uuid(&self.tenant_id)?),
            webhook_id: parse_uuid(&self.webhook_id)?,
            event_id: parse_uuid(&self.event_id)?,
            event_kind: self.event_kind,
            body: self.body,
            status: DeliveryStatus::parse(&self.status)?,
            attempts: u32::try_from(self.attempts).unwrap_or(0),
            next_attempt_at: from_db(self.next_attempt_at),
            last_status_code: self.last_status_code.and_then(|c| u16::try_from(c).ok()),
            last_error: self.last_error,
            created_at: from_db(self.created_at),
            delivered_at: from_db_opt(self.delivered_at),
        })
    }
}

/// Queues a delivery, due at once. False if this webhook already has one for the event.
pub fn enqueue(
    conn: &mut DbConnection,
    hook: &Webhook,
    event: &DomainEvent,
    body: &str,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    let existing: i64 = webhook_deliveries::table
        .filter(webhook_deliveries::webhook_id.eq(id_text(hook.id)))
        .filter(webhook_deliveries::event_id.eq(id_text(event.id)))
        .count()
        .get_result(conn)?;
    if existing > 0 {
        return Ok(false);
    }
    crate::insert_unless_exists(conn, |c| {
        diesel::insert_into(webhook_deliveries::table)
            .values((
                webhook_deliveries::id.eq(id_text(Uuid::now_v7())),
                webhook_deliveries::tenant_id.eq(id_text(hook.tenant_id.0)),
                webhook_deliveries::webhook_id.eq(id_text(hook.id)),
                webhook_deliveries::event_id.eq(id_text(event.id)),
                webhook_deliveries::event_kind.eq(&event.kind),
                webhook_deliveries::body.eq(body),
                webhook_deliveries::status.eq(DeliveryStatus::Pending.as_str()),
                webhook_deliveries::attempts.eq(0),
                webhook_deliveries::next_attempt_at.eq(to_db(now)),
                webhook_deliveries::created_at.eq(to_db(now)),
            ))
            .execute(c)
    })
}

/// Claims up to `limit` due deliveries: each one's next attempt moves `lease`
/// ahead and its attempt count goes up, so another worker skips it.
pub fn claim_due(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    lease: Duration,
    limit: i64,
) -> StorageResult<Vec<Delivery>> {
    let candidates: Vec<DeliveryRow> = webhook_deliveries::table
        .filter(webhook_deliveries::status.eq(DeliveryStatus::Pending.as_str()))
        .filter(webhook_deliveries::next_attempt_at.le(to_db(now)))
        .order((
            webhook_deliveries::next_attempt_at.asc(),
            webhook_deliveries::id.asc(),
        ))
        .limit(limit)
        .select(DeliveryRow::as_select())
        .load(conn)?;
    let mut claimed = Vec::new();
    for row in candidates {
        let won = diesel::update(
            webhook_deliveries::table
                .filter(webhook_deliveries::id.eq(&row.id))
                .filter(webhook_deliveries::status.eq(DeliveryStatus::Pending.as_str()))
                .filter(webhook_deliveries::next_attempt_at.eq(row.next_attempt_at)),
        )
        .set((
            webhook_deliveries::next_attempt_at.eq(to_db(now + lease)),
            webhook_deliveries::attempts.eq(row.attempts + 1),
        ))
        .execute(conn)?;
        if won == 1 {
            let mut delivery = row.into_record()?;
            delivery.attempts += 1;
            claimed.push(delivery);
        }
    }
    Ok(claimed)
}

/// One attempt to deliver.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub id: Uuid,
    pub delivery_id: Uuid,
    pub attempted_at: DateTime<Utc>,
    pub status_code: Option<u16>,
    pub latency_ms: i64,
    pub error: Option<String>,
    pub succeeded: bool,
}

/// Logs an attempt and moves the delivery on: done, retried at `retry_at`,
/// or failed for good (`retry_at` = `None` after a failure).
pub fn record_attempt(
    conn: &mut DbConnection,
    delivery: &Delivery,
    attempt: &Attempt,
    retry_at: Option<DateTime<Utc>>,
) -> StorageResult<()> {
    diesel::insert_into(webhook_attempts::table)
        .values((
            webhook_attempts::id.eq(id_text(attempt.id)),
            webhook_attempts::tenant_id.eq(id_text(delivery.tenant_id.0)),
            webhook_attempts::delivery_id.eq(id_text(delivery.id)),
            webhook_attempts::attempted_at.eq(to_db(attempt.attempted_at)),
            webhook_attempts::status_code.eq(attempt.status_code.map(i32::from)),
            webhook_attempts::latency_ms.eq(attempt.latency_ms),
            webhook_attempts::error.eq(&attempt.error),
            webhook_attempts::succeeded.eq(attempt.succeeded),
        ))
        .execute(conn)?;
    let status = match (attempt.succeeded, retry_at) {
        (true, _) => DeliveryStatus::Succeeded,
        (false, Some(_)) => DeliveryStatus::Pending,
        (false, None) => DeliveryStatus::Failed,
    };
    diesel::update(
        webhook_deliveries::table.filter(webhook_deliveries::id.eq(id_text(delivery.id))),
    )
    .set((
        webhook_deliveries::status.eq(status.as_str()),
        webhook_deliveries::next_attempt_at.eq(to_db(retry_at.unwrap_or(attempt.attempted_at))),
        webhook_deliveries::last_status_code.eq(attempt.status_code.map(i32::from)),
        webhook_deliveries::last_error.eq(&attempt.error),
        webhook_deliveries::delivered_at.eq(attempt.succeeded.then(|| to_db(attempt.attempted_at))),
    ))
    .execute(conn)?;
    Ok(())
}

/// Cancels a delivery that will not be attempted (its webhook is disabled).
pub fn cancel(conn: &mut DbConnection, delivery: Uuid, reason: &str) -> StorageResult<()> {
    diesel::update(webhook_deliveries::table.filter(webhook_deliveries::id.eq(id_text(delivery))))
        .set((
            webhook_deliveries::status.eq(DeliveryStatus::Cancelled.as_str()),
            webhook_deliveries::last_error.eq(Some(reason)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Cancels every pending delivery of a webhook (it was disabled).
pub fn cancel_pending(
    conn: &mut DbConnection,
    tenant: TenantId,
    webhook: Uuid,
    reason: &str,
) -> StorageResult<usize> {
    Ok(diesel::update(
        webhook_deliveries::table
            .filter(webhook_deliveries::tenant_id.eq(id_text(tenant.0)))
            .filter(webhook_deliveries::webhook_id.eq(id_text(webhook)))
            .filter(webhook_deliveries::status.eq(DeliveryStatus::Pending.as_str())),
    )
    .set((
        webhook_deliveries::status.eq(DeliveryStatus::Cancelled.as_str()),
        webhook_deliveries::last_error.eq(Some(reason)),
    ))
    .execute(conn)?)
}

/// A webhook's deliveries, newest first, at most `limit`.
pub fn list_deliveries(
    conn: &mut DbConnection,
    tenant: TenantId,
    webhook: Uuid,
    limit: i64,
) -> StorageResult<Vec<Delivery>> {
    let rows: Vec<DeliveryRow> = webhook_deliveries::table
        .filter(webhook_deliveries::tenant_id.eq(id_text(tenant.0)))
        .filter(webhook_deliveries::webhook_id.eq(id_text(webhook)))
        .order((
            webhook_deliveries::created_at.desc(),
            webhook_deliveries::id.desc(),
        ))
        .limit(limit)
        .select(DeliveryRow::as_select())
        .load(conn)?;
    rows.into_iter().map(DeliveryRow::into_record).collect()
}

pub fn find_delivery(
    conn: &mut DbConnection,
    tenant: TenantId,
    webhook: Uuid,
    id: Uuid,
) -> StorageResult<Option<Delivery>> {
    webhook_deliveries::table
        .filter(webhook_deliveries::tenant_id.eq(id_text(tenant.0)))
        .filter(webhook_deliveries::webhook_id.eq(id_text(webhook)))
        .filter(webhook_deliveries::id.eq(id_text(id)))
        .select(DeliveryRow::as_select())
        .first(conn)
        .optional()?
        .map(DeliveryRow::into_record)
        .transpose()
}

/// The attempts of these deliveries, oldest first.
pub fn attempts_of(
    conn: &mut DbConnection,
    tenant: TenantId,
    deliveries: &[Uuid],
) -> StorageResult<Vec<Attempt>> {
    let ids: Vec<String> = deliveries.iter().map(|d| id_text(*d)).collect();
    let mut found = Vec::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(
            String,
            String,
            NaiveDateTime,
            Option<i32>,
            i64,
            Option<String>,
            bool,
        )> = webhook_attempts::table
            .filter(webhook_attempts::tenant_id.eq(id_text(tenant.0)))
            .filter(webhook_attempts::delivery_id.eq_any(chunk))
            .order((
                webhook_attempts::attempted_at.asc(),
                webhook_attempts::id.asc(),
            ))
            .select((
                webhook_attempts::id,
                webhook_attempts::delivery_id,
                webhook_attempts::attempted_at,
                webhook_attempts::status_code,
                webhook_attempts::latency_ms,
                webhook_attempts::error,
                webhook_attempts::succeeded,
            ))
            .load(conn)?;
        for (id, delivery, at, status, latency_ms, error, succeeded) in rows {
            found.push(Attempt {
                id: parse_uuid(&id)?,
                delivery_id: parse_uuid(&delivery)?,
                attempted_at: from_db(at),
                status_code: status.and_then(|c| u16::try_from(c).ok()),
                latency_ms,
                error,
                succeeded,
            });
        }
    }
    Ok(found)
}

/// Queues a delivery again, due at once (manual replay).
pub fn requeue(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: Uuid,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    diesel::update(
        webhook_deliveries::table
            .filter(webhook_deliveries::tenant_id.eq(id_text(tenant.0)))
            .filter(webhook_deliveries::id.eq(id_text(id))),
    )
    .set((
        webhook_deliveries::status.eq(DeliveryStatus::Pending.as_str()),
        webhook_deliveries::next_attempt_at.eq(to_db(now)),
        webhook_deliveries::delivered_at.eq(None::<NaiveDateTime>),
    ))
    .execute(conn)?;
    Ok(())
}
