//! Webhooks: a tenant's URLs that receive signed event deliveries.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Resources whose changes can be subscribed to, as `<resource>.<verb>`:
/// exactly the resource types the modules record (`events::record`).
/// `invoice` is the tenant's own (sales) invoice, `subscription` its
/// contract with Ecom.
pub const WEBHOOK_EVENT_RESOURCES: &[&str] = &[
    "contact",
    "company",
    "deal",
    "quotation",
    "invoice",
    "payment",
    "calendar_event",
    "project",
    "task",
    "time_entry",
    "ticket",
    "call",
    "subscription",
];

/// What happened to the resource.
pub const WEBHOOK_EVENT_VERBS: &[&str] = &["created", "updated", "deleted"];

/// Verbs besides [`WEBHOOK_EVENT_VERBS`] that one resource records.
pub const WEBHOOK_EVENT_EXTRA_VERBS: &[(&str, &[&str])] = &[
    ("quotation", &["sent", "accepted", "declined", "invoiced"]),
    ("invoice", &["issued", "credited", "reminded"]),
];

/// Whether `<resource>.<verb>` is an event kind Ecom records.
pub fn is_event_kind(resource: &str, verb: &str) -> bool {
    WEBHOOK_EVENT_RESOURCES.contains(&resource)
        && (WEBHOOK_EVENT_VERBS.contains(&verb)
            || WEBHOOK_EVENT_EXTRA_VERBS
                .iter()
                .any(|(r, verbs)| *r == resource && verbs.contains(&verb)))
}

/// `POST /api/v1/webhooks`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateWebhookRequest {
    /// Where deliveries are POSTed: `https://` (or `http://`) to a public address.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "https://hooks.example.com/ecom")
    )]
    pub url: String,
    /// What the webhook is for.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "Sync contacts to the webshop"))]
    pub description: String,
    /// Event kinds to receive, `<resource>.<verb>` (`contact.created`,
    /// `deal.updated`, `invoice.created`, `payment.created`, `ticket.created`,
    /// `subscription.updated`, `quotation.accepted`, `invoice.issued`,
    /// `calendar_event.created`, ...), or `*` for every event.
    #[cfg_attr(feature = "openapi", schema(example = json!(["contact.created", "deal.updated"])))]
    pub events: Vec<String>,
}

/// `PATCH /api/v1/webhooks/{id}`: only the fields sent change.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateWebhookRequest {
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(example = "https://hooks.example.com/ecom-v2")
    )]
    pub url: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = json!(["*"])))]
    pub events: Option<Vec<String>>,
    /// `false` pauses deliveries; `true` re-enables a disabled webhook.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = true))]
    pub enabled: Option<bool>,
}

/// A webhook as listed: never its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookView {
    pub id: Uuid,
    pub url: String,
    pub description: String,
    pub events: Vec<String>,
    pub enabled: bool,
    /// Why deliveries stopped, when disabled.
    pub disabled_reason: Option<String>,
    /// The first failed delivery since the last success; after 3 days of
    /// failures the webhook is disabled and the Administrator told.
    pub failing_since: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A new webhook and its signing secret, shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedWebhook {
    pub webhook: WebhookView,
    /// Verifies the `Ecom-Signature` header of every delivery (HMAC-SHA256).
    /// Store it now: it is not shown again.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG")
    )]
    pub secret: String,
}

/// The tenant's webhooks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookList {
    pub items: Vec<WebhookView>,
}

/// One attempt to deliver.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookAttemptView {
    pub attempted_at: DateTime<Utc>,
    /// The receiver's HTTP status; absent when it did not answer.
    pub status_code: Option<u16>,
    /// How long the attempt took, in milliseconds.
    pub latency_ms: i64,
    /// What went wrong (refused, timed out, non-2xx status).
    pub error: Option<String>,
    pub succeeded: bool,
}

/// One event delivered (or to be delivered) to the webhook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDeliveryView {
    pub id: Uuid,
    /// The event's id, also the `id` in the delivered body: receivers use it
    /// to ignore duplicates.
    pub event_id: Uuid,
    #[cfg_attr(feature = "openapi", schema(example = "contact.created"))]
    pub event_kind: String,
    /// `pending`, `succeeded`, `failed` (gave up after retrying for 3½ days) or
    /// `cancelled` (the webhook was disabled).
    #[cfg_attr(feature = "openapi", schema(example = "succeeded"))]
    pub status: String,
    /// When the next attempt is due, while pending.
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// Every attempt, oldest first.
    pub attempts: Vec<WebhookAttemptView>,
}

/// A webhook's deliveries, newest first (the last 100).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookDeliveryList {
    pub items: Vec<WebhookDeliveryView>,
}
