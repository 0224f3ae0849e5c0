//! Webhook deliveries: the target check that keeps requests off private
//! networks (SSRF), the signature, the back-off, and the job that fans domain
//! events out into deliveries and sends them.
//!
//! Signature: `Ecom-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>` over
//! `"<t>.<body>"` with the webhook's secret. Receivers recompute it, compare
//! in constant time and refuse a `t` more than 5 minutes from their clock.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Instant;

use chrono::{DateTime, Duration, Utc};
use ecom_domain::notice::NoticeKind;
use ecom_storage::events::DomainEvent;
use ecom_storage::webhooks::{self, Attempt, Delivery, Webhook};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use uuid::Uuid;

use crate::error::ApiError;
use crate::state::AppState;

pub const SIGNATURE_HEADER: &str = "Ecom-Signature";
/// How far a receiver should accept the signature's timestamp from its clock.
pub const REPLAY_WINDOW_SECONDS: i64 = 300;
/// Failed deliveries are retried with back-off for this long (at least 24 h;
/// longer than [`DISABLE_AFTER`], so a dead receiver is disabled before its
/// deliveries give up).
pub const RETRY_FOR: Duration = Duration::hours(3 * 24 + 12);
/// A webhook whose deliveries have failed this long is disabled.
pub const DISABLE_AFTER: Duration = Duration::days(3);
const FIRST_RETRY_SECONDS: i64 = 30;
const LONGEST_RETRY_SECONDS: i64 = 6 * 3600;

/// `t=<unix>,v1=<hex>` for `body` signed at `at`.
pub fn signature(secret: &str, at: DateTime<Utc>, body: &str) -> String {
    let t = at.timestamp();
    // HMAC takes a key of any length.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
    mac.update(format!("{t}.{body}").as_bytes());
    format!("t={t},v1={}", hex::encode(mac.finalize().into_bytes()))
}

/// The wait before the next attempt after `attempts` failed ones: 30 s,
/// doubling, at most 6 h; `None` once retrying would pass [`RETRY_FOR`]
/// after the event (the delivery then fails for good).
pub fn retry_at(
    attempts: u32,
    created_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let exponent = attempts.saturating_sub(1).min(20);
    let delay = (FIRST_RETRY_SECONDS << exponent).min(LONGEST_RETRY_SECONDS);
    let next = now + Duration::seconds(delay);
    (next <= created_at + RETRY_FOR).then_some(next)
}

/// Whether an event kind can be subscribed to (`*`, or `<resource>.<verb>`).
pub fn valid_event_kind(kind: &str) -> bool {
    kind == "*"
        || kind
            .split_once('.')
            .is_some_and(|(resource, verb)| ecom_types::webhooks::is_event_kind(resource, verb))
}

/// Why a URL may not receive webhooks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetRefused {
    pub code: &'static str,
    pub message: String,
}

fn refused(code: &'static str, message: impl Into<String>) -> TargetRefused {
    TargetRefused {
        code,
        message: message.into(),
    }
}

/// Addresses no webhook may reach: loopback (unless allowed for
/// development), private, link-local, shared (CGNAT), multicast, broadcast,
/// unspecified, documentation and reserved ranges.
pub fn forbidden_address(ip: IpAddr, allow_loopback: bool) -> bool {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4, allow_loopback),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return forbidden_v4(v4, allow_loopback);
            }
            let s = v6.segments();
            if v6.is_loopback() {
                return !allow_loopback;
            }
            v6.is_unspecified()
                || v6.is_multicast()
                || (s[0] & 0xfe00) == 0xfc00 // unique local fc00::/7
                || (s[0] & 0xffc0) == 0xfe80 // link-local fe80::/10
                || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
                || (s[0] == 0x0064 && s[1] == 0xff9b) // NAT64: embeds IPv4, refuse
                || v6 == Ipv6Addr::UNSPECIFIED
        }
    }
}

fn forbidden_v4(ip: Ipv4Addr, allow_loopback: bool) -> bool {
    if ip.is_loopback() {
        return !allow_loopback;
    }
    let [a, b, ..] = ip.octets();
    ip.is_private()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_unspecified()
        || ip.is_documentation()
        || a == 0
        || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
        || (a == 192 && b == 0 && ip.octets()[2] == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240 // reserved
}

/// A URL that passed the checks, with the addresses it resolved to (the
/// delivery connects to exactly these, so DNS cannot be re-pointed after the check).
#[derive(Debug, Clone)]
pub struct Target {
    pub url: reqwest::Url,
    pub host: String,
    pub addrs: Vec<SocketAddr>,
}

/// Checks a webhook URL: http(s), no credentials, a host whose every address is public.
pub async fn check_target(raw: &str, allow_loopback: bool) -> Result<Target, TargetRefused> {
    let url = reqwest::Url::parse(raw.trim())
        .map_err(|e| refused("invalid_url", format!("not a valid URL: {e}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(refused(
            "unsupported_scheme",
            "only http:// and https:// URLs can receive webhooks",
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refused(
            "credentials_in_url",
            "do not put credentials in the URL; verify deliveries with the signature instead",
        ));
    }
    if raw.len() > 2000 {
        return Err(refused(
            "too_long",
            "the URL is longer than 2000 characters",
        ));
    }
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| refused("invalid_url", "the URL has no host"))?
        .to_owned();
    let port = url.port_or_known_default().unwrap_or(443);
    let lookup_host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let addrs: Vec<SocketAddr> = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        tokio::net::lookup_host((lookup_host.as_str(), port)),
    )
    .await
    .map_err(|_| {
        refused(
            "unresolvable_host",
            format!("looking up {host} took too long"),
        )
    })?
    .map_err(|e| {
        refused(
            "unresolvable_host",
            format!("{host} could not be resolved: {e}"),
        )
    })?
    .collect();
    if addrs.is_empty() {
        return Err(refused(
            "unresolvable_host",
            format!("{host} has no address"),
        ));
    }
    if let Some(bad) = addrs
        .iter()
        .find(|a| forbidden_address(a.ip(), allow_loopback))
    {
        return Err(refused(
            "forbidden_address",
            format!("{host} resolves to {}, a private, loopback or reserved address; webhooks only go to public addresses", bad.ip()),
        ));
    }
    Ok(Target {
        url,
        host: lookup_host,
        addrs,
    })
}

/// A new webhook secret: `whsec_` + 32 random bytes.
pub fn new_secret() -> String {
    format!("whsec_{}", crate::auth::random_token(32))
}

/// The JSON body delivered for an event.
pub fn delivery_body(event: &DomainEvent) -> String {
    serde_json::json!({
        "id": event.id,
        "type": event.kind,
        "created_at": event.occurred_at,
        "tenant_id": event.tenant_id.0,
        "resource": { "type": event.resource_type, "id": event.resource_id },
        "data": event.payload,
    })
    .to_string()
}

/// What the webhook job did in one run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WebhookReport {
    pub fanned_out: usize,
    pub delivered: usize,
    pub retrying: usize,
    pub failed: usize,
    pub disabled: usize,
}

const FANOUT_BATCH: i64 = 200;
const DELIVERY_BATCH: i64 = 50;
const DELIVERY_LEASE: Duration = Duration::minutes(5);

/// Fans new domain events out to the subscribed webhooks, then sends every
/// due delivery.
pub async fn run(state: &AppState, now: DateTime<Utc>) -> Result<WebhookReport, ApiError> {
    let mut report = WebhookReport::default();
    loop {
        let n = state
            .write(move |conn| {
                let events = webhooks::events_to_fan_out(conn, FANOUT_BATCH)?;
                let mut queued = 0;
                let mut hooks_by_tenant: std::collections::HashMap<
                    ecom_domain::TenantId,
                    Vec<Webhook>,
                > = Default::default();
                for event in &events {
                    if !webhooks::mark_fanned_out(conn, event.id, now)? {
                        continue;
                    }
                    if !hooks_by_tenant.contains_key(&event.tenant_id) {
                        let hooks = webhooks::list(conn, event.tenant_id)?;
                        hooks_by_tenant.insert(event.tenant_id, hooks);
                    }
                    let body = delivery_body(event);
                    for hook in hooks_by_tenant.get(&event.tenant_id).into_iter().flatten() {
                        // Only events after the subscription began.
                        if hook.enabled
                            && hook.subscribes_to(&event.kind)
                            && event.occurred_at >= hook.created_at
                        {
                            webhooks::enqueue(conn, hook, event, &body, now)?;
                            queued += 1;
                        }
                    }
                }
                Ok((events.len(), queued))
            })
            .await?;
        report.fanned_out += n.1;
        if n.0 < usize::try_from(FANOUT_BATCH).unwrap_or(usize::MAX) {
            break;
        }
    }
    loop {
        let claimed = state
            .write(move |conn| {
                Ok(webhooks::claim_due(
                    conn,
                    now,
                    DELIVERY_LEASE,
                    DELIVERY_BATCH,
                )?)
            })
            .await?;
        if claimed.is_empty() {
            return Ok(report);
        }
        for delivery in claimed {
            deliver(state, delivery, now, &mut report).await?;
        }
    }
}

async fn deliver(
    state: &AppState,
    delivery: Delivery,
    now: DateTime<Utc>,
    report: &mut WebhookReport,
) -> Result<(), ApiError> {
    let tenant = delivery.tenant_id;
    let hook_id = delivery.webhook_id;
    let hook = state
        .read(move |conn| Ok(webhooks::find(conn, tenant, hook_id)?))
        .await?;
    let Some(hook) = hook.filter(|h| h.enabled) else {
        let id = delivery.id;
        state
            .write(move |conn| Ok(webhooks::cancel(conn, id, "the webhook is disabled")?))
            .await?;
        return Ok(());
    };
    let started = Instant::now();
    let outcome = send(state, &hook, &delivery, now).await;
    let latency_ms = i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX);
    let (status_code, error) = match outcome {
        Ok(status) if (200..300).contains(&status) => (Some(status), None),
        Ok(status) => (
            Some(status),
            Some(format!("the receiver answered HTTP {status}")),
        ),
        Err(error) => (None, Some(error)),
    };
    let succeeded = error.is_none();
    let attempt = Attempt {
        id: Uuid::now_v7(),
        delivery_id: delivery.id,
        attempted_at: now,
        status_code,
        latency_ms,
        error,
        succeeded,
    };
    let retry = if succeeded {
        None
    } else {
        retry_at(delivery.attempts, delivery.created_at, now)
    };
    if succeeded {
        report.delivered += 1;
    } else if retry.is_some() {
        report.retrying += 1;
    } else {
        report.failed += 1;
    }
    let disabled = state
        .write(move |conn| {
            webhooks::record_attempt(conn, &delivery, &attempt, retry)?;
            let Some(mut hook) = webhooks::find(conn, tenant, hook_id)? else {
                return Ok(false);
            };
            if succeeded {
                if hook.failing_since.is_some() {
                    hook.failing_since = None;
                    webhooks::update(conn, tenant, &hook)?;
                }
                return Ok(false);
            }
            let since = *hook.failing_since.get_or_insert(now);
            if hook.enabled && now - since >= DISABLE_AFTER {
                disable_for_failures(conn, &mut hook, since, now)?;
                return Ok(true);
            }
            hook.updated_at = hook.updated_at.max(now);
            webhooks::update(conn, tenant, &hook)?;
            Ok(false)
        })
        .await?;
    if disabled {
        report.disabled += 1;
    }
    Ok(())
}

/// Disables a webhook that has failed since `since`, cancels what it still
/// had queued and tells the Administrator.
fn disable_for_failures(
    conn: &mut ecom_storage::DbConnection,
    hook: &mut Webhook,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let reason = format!(
        "deliveries failed since {} UTC (3 days); fix the receiver and re-enable it",
        since.format("%Y-%m-%d %H:%M")
    );
    hook.enabled = false;
    hook.disabled_reason = Some(reason.clone());
    hook.updated_at = now;
    webhooks::update(conn, hook.tenant_id, hook)?;
    webhooks::cancel_pending(
        conn,
        hook.tenant_id,
        hook.id,
        "the webhook was disabled after failing for 3 days",
    )?;
    crate::notices::to_administrator(
        conn,
        hook.tenant_id,
        NoticeKind::WebhookDisabled,
        "A webhook was disabled after failing for 3 days".into(),
        format!(
            "Ecom could not deliver events to your webhook {} ({}): {reason}.\n\n\
             Check the receiver, then re-enable the webhook on the Integrations page (or PATCH /api/v1/webhooks/{} with {{\"enabled\": true}}). \
             Events that occurred while it was disabled are not sent; the delivery log shows which.",
            hook.url,
            if hook.description.is_empty() { "no description" } else { &hook.description },
            hook.id
        ),
        Some(format!("webhook_disabled:{}:{}", hook.id, since.timestamp())),
        now,
    )?;
    crate::audit::Audit::new("webhook.disabled", ("system", None), now)
        .tenant(hook.tenant_id)
        .target("webhook", hook.id)
        .details(serde_json::json!({ "reason": "failing_for_3_days", "failing_since": since }))
        .write(conn)?;
    Ok(())
}

/// One HTTP attempt: the receiver's status, or why there was none.
async fn send(
    state: &AppState,
    hook: &Webhook,
    delivery: &Delivery,
    now: DateTime<Utc>,
) -> Result<u16, String> {
    // Checked again at delivery: DNS may have changed since the webhook was made.
    let target = check_target(&hook.url, state.settings.webhooks_allow_loopback)
        .await
        .map_err(|r| r.message)?;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .timeout(state.settings.webhook_timeout)
        .resolve_to_addrs(&target.host, &target.addrs)
        .user_agent(concat!("Ecom-Webhooks/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| format!("HTTP client: {e}"))?;
    let response = client
        .post(target.url)
        .header("Content-Type", "application/json")
        .header(
            SIGNATURE_HEADER,
            signature(&hook.secret, now, &delivery.body),
        )
        .header("Ecom-Event", &delivery.event_kind)
        .header("Ecom-Event-Id", delivery.event_id.to_string())
        .header("Ecom-Delivery-Id", delivery.id.to_string())
        .body(delivery.body.clone())
        .send()
        .await
        .map_err(|e| {
            if e.is_timeout() {
                "the receiver did not answer in time".to_owned()
            } else {
                format!("could not reach the receiver: {}", without_url(&e))
            }
        })?;
    Ok(response.status().as_u16())
}

/// reqwest's error text without the URL (which may hold a token in its query).
fn without_url(error: &reqwest::Error) -> String {
    let mut text = if error.is_connect() {
        "connection failed".to_owned()
    } else {
        "request failed".to_owned()
    };
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text = format!("{text}: {cause}");
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_and_special_addresses_are_refused() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "255.255.255.255",
        ] {
            assert!(
                forbidden_address(ip.parse().unwrap(), false),
                "{ip} must be refused"
            );
        }
        for ip in ["93.184.215.14", "8.8.8.8", "2a00:1450:4001::1"] {
            assert!(
                !forbidden_address(ip.parse().unwrap(), false),
                "{ip} is public"
            );
        }
        assert!(!forbidden_address("127.0.0.1".parse().unwrap(), true));
        assert!(!forbidden_address("::1".parse().unwrap(), true));
        assert!(
            forbidden_address("10.0.0.1".parse().unwrap(), true),
            "the development flag allows loopback only"
        );
    }

    #[test]
    fn retries_back_off_and_stop_after_three_days() {
        let t0 = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(retry_at(1, t0, t0), Some(t0 + Duration::seconds(30)));
        assert_eq!(retry_at(2, t0, t0), Some(t0 + Duration::seconds(60)));
        assert_eq!(retry_at(30, t0, t0), Some(t0 + Duration::hours(6)));
        // Still retrying a day later (at least 24 h of retries) ...
        assert!(retry_at(12, t0, t0 + Duration::hours(25)).is_some());
        // ... but not past 3.5 days.
        assert_eq!(retry_at(20, t0, t0 + Duration::hours(3 * 24 + 11)), None);
    }

    #[test]
    fn signature_is_hmac_of_timestamp_dot_body() {
        let at = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let sig = signature("whsec_test", at, "{}");
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(b"whsec_test").unwrap();
        mac.update(b"1767225600.{}");
        assert_eq!(
            sig,
            format!(
                "t=1767225600,v1={}",
                hex::encode(mac.finalize().into_bytes())
            )
        );
    }

    #[test]
    fn event_kinds() {
        assert!(
            valid_event_kind("contact.created")
                && valid_event_kind("*")
                && valid_event_kind("subscription.updated")
        );
        assert!(
            !valid_event_kind("contact")
                && !valid_event_kind("contact.exploded")
                && !valid_event_kind("nope.created")
        );
    }
}
