//! Webhooks: the Administrator subscribes URLs to event kinds; deliveries are
//! signed, retried and logged (see `crate::webhooks`).

pub mod create;
pub mod delete;
pub mod deliveries;
pub mod get;
pub mod list;
pub mod replay;
pub mod update;

use ecom_storage::webhooks::{Attempt, Delivery, DeliveryStatus, Webhook};
use ecom_types::webhooks::{WebhookAttemptView, WebhookDeliveryView, WebhookView};

use crate::error::FieldChecks;

pub(crate) fn view(hook: &Webhook) -> WebhookView {
    WebhookView {
        id: hook.id,
        url: hook.url.clone(),
        description: hook.description.clone(),
        events: hook.events.clone(),
        enabled: hook.enabled,
        disabled_reason: hook.disabled_reason.clone(),
        failing_since: hook.failing_since,
        created_at: hook.created_at,
        updated_at: hook.updated_at,
    }
}

pub(crate) fn delivery_view(delivery: &Delivery, attempts: &[Attempt]) -> WebhookDeliveryView {
    WebhookDeliveryView {
        id: delivery.id,
        event_id: delivery.event_id,
        event_kind: delivery.event_kind.clone(),
        status: delivery.status.as_str().into(),
        next_attempt_at: (delivery.status == DeliveryStatus::Pending)
            .then_some(delivery.next_attempt_at),
        created_at: delivery.created_at,
        delivered_at: delivery.delivered_at,
        attempts: attempts
            .iter()
            .filter(|a| a.delivery_id == delivery.id)
            .map(|a| WebhookAttemptView {
                attempted_at: a.attempted_at,
                status_code: a.status_code,
                latency_ms: a.latency_ms,
                error: a.error.clone(),
                succeeded: a.succeeded,
            })
            .collect(),
    }
}

/// The subscribed event kinds, deduplicated; `*` alone when present.
pub(crate) fn check_events(checks: &mut FieldChecks, events: &[String]) -> Vec<String> {
    if events.is_empty() {
        checks.push(
            "events",
            "required",
            "subscribe to at least one event kind, e.g. contact.created, or \"*\" for all",
        );
    }
    if events.len() > 100 {
        checks.push(
            "events",
            "too_many",
            "at most 100 event kinds; use \"*\" for all",
        );
    }
    let mut kept: Vec<String> = Vec::new();
    for kind in events {
        if !crate::webhooks::valid_event_kind(kind) {
            checks.push(
                "events",
                "unknown_event",
                format!(
                    "unknown event kind '{}'; use <resource>.<created|updated|deleted> with resource one of {}, quotation.<sent|accepted|declined|invoiced>, invoice.<issued|credited|reminded>, or \"*\"",
                    kind.chars().take(60).collect::<String>(),
                    ecom_types::webhooks::WEBHOOK_EVENT_RESOURCES.join(", ")
                ),
            );
        } else if !kept.contains(kind) {
            kept.push(kind.clone());
        }
    }
    if kept.iter().any(|k| k == "*") {
        return vec!["*".into()];
    }
    kept
}

/// The description: trimmed, at most 200 characters.
pub(crate) fn check_description(checks: &mut FieldChecks, description: &str) -> String {
    let description = description.trim();
    if description.chars().count() > 200 {
        checks.push("description", "too_long", "at most 200 characters");
    }
    description.to_owned()
}
