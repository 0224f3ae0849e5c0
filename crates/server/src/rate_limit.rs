//! Request rate limits: per API key, per client IP, and a stricter one per
//! IP for log-in, sign-up, token refresh and invitation acceptance.
//!
//! Token buckets (GCRA, the `governor` crate) refilled evenly over a minute,
//! on the server's [`Clock`] so tests move time instead of sleeping. Every
//! limited response carries `RateLimit-Limit`, `RateLimit-Remaining` and
//! `RateLimit-Reset` (IETF draft "RateLimit header fields for HTTP"); a
//! refused one is `429` problem+json with `Retry-After`.

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, ResponseError};
use governor::clock::Clock as GovernorClock;
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DashMapStateStore;
use governor::{Quota, RateLimiter};

use crate::clock::Clock;
use crate::error::ApiError;
use crate::settings::{RateLimits, Settings};

/// The server's clock as `governor` sees it: time since the Unix epoch.
#[derive(Clone, Debug)]
pub struct LimiterClock(pub Clock);

impl GovernorClock for LimiterClock {
    type Instant = Duration;

    fn now(&self) -> Duration {
        let now = self.0.now();
        Duration::from_micros(u64::try_from(now.timestamp_micros()).unwrap_or(0))
    }
}

type Limiter =
    RateLimiter<String, DashMapStateStore<String>, LimiterClock, StateInformationMiddleware>;

/// One limit: a keyed bucket of `per_minute` requests.
struct Limit {
    per_minute: u32,
    limiter: Limiter,
}

impl Limit {
    fn new(per_minute: u32, clock: &Clock) -> Option<Limit> {
        let n = NonZeroU32::new(per_minute)?;
        let limiter =
            RateLimiter::dashmap_with_clock(Quota::per_minute(n), LimiterClock(clock.clone()))
                .with_middleware::<StateInformationMiddleware>();
        Some(Limit {
            per_minute,
            limiter,
        })
    }

    /// Seconds for one request's worth to refill.
    fn refill_secs(&self) -> f64 {
        60.0 / f64::from(self.per_minute)
    }
}

/// What a check left: the numbers for the headers, or a refusal.
struct Outcome {
    limit: u32,
    remaining: u32,
    /// Seconds until the bucket is full again (or, when refused, until the next request fits).
    reset_secs: u64,
    refused: bool,
}

/// Every limiter of the server (shared by all workers).
pub struct RateLimiters {
    api_key: Option<Limit>,
    ip: Option<Limit>,
    auth: Option<Limit>,
    clock: Clock,
    checks: AtomicU64,
}

impl RateLimiters {
    pub fn new(limits: RateLimits, clock: &Clock) -> RateLimiters {
        RateLimiters {
            api_key: Limit::new(limits.per_api_key_per_minute, clock),
            ip: Limit::new(limits.per_ip_per_minute, clock),
            auth: Limit::new(limits.auth_per_ip_per_minute, clock),
            clock: clock.clone(),
            checks: AtomicU64::new(0),
        }
    }

    fn check(&self, limit: &Limit, key: String) -> Outcome {
        let clock = LimiterClock(self.clock.clone());
        match limit.limiter.check_key(&key) {
            Ok(snapshot) => {
                let remaining = snapshot.remaining_burst_capacity();
                let missing = f64::from(limit.per_minute.saturating_sub(remaining));
                #[allow(clippy::float_arithmetic)] // header value in whole seconds, not money
                let reset_secs = (missing * limit.refill_secs()).ceil() as u64;
                Outcome {
                    limit: limit.per_minute,
                    remaining,
                    reset_secs,
                    refused: false,
                }
            }
            Err(not_until) => {
                let wait = not_until.wait_time_from(clock.now());
                Outcome {
                    limit: limit.per_minute,
                    remaining: 0,
                    reset_secs: wait.as_secs().max(1),
                    refused: true,
                }
            }
        }
    }

    /// Forgets buckets that are full again, now and then, so memory stays bounded.
    fn housekeeping(&self) {
        if self.checks.fetch_add(1, Ordering::Relaxed) % 10_000 == 9_999 {
            for limit in [&self.api_key, &self.ip, &self.auth].into_iter().flatten() {
                limit.limiter.retain_recent();
            }
        }
    }
}

/// Paths whose POSTs are guarded by the stricter per-IP limit.
const AUTH_PATHS: &[&str] = &[
    "/api/v1/auth/login",
    "/api/v1/auth/refresh",
    "/api/v1/signup",
    "/api/v1/invitations/accept",
    "/api/v1/operator/auth/login",
];

/// The client's IP: the peer, or the first `X-Forwarded-For` hop when the
/// server is told to trust its proxy.
pub fn client_ip(req: &actix_web::HttpRequest, settings: &Settings) -> Option<IpAddr> {
    if settings.trust_proxy_headers {
        if let Some(ip) = req
            .connection_info()
            .realip_remote_addr()
            .and_then(parse_ip)
        {
            return Some(ip);
        }
    }
    req.peer_addr().map(|a| a.ip())
}

fn parse_ip(raw: &str) -> Option<IpAddr> {
    let raw = raw.trim();
    raw.parse::<IpAddr>()
        .ok()
        .or_else(|| raw.parse::<std::net::SocketAddr>().ok().map(|a| a.ip()))
        .or_else(|| {
            raw.trim_start_matches('[')
                .split(']')
                .next()
                .and_then(|h| h.parse().ok())
        })
}

/// The API key's public prefix, if the request carries one.
fn api_key_prefix(req: &ServiceRequest) -> Option<String> {
    let header = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let credential = header
        .strip_prefix("Bearer ")
        .or_else(|| header.strip_prefix("bearer "))?
        .trim();
    if !crate::auth::api_keys::looks_like_key(credential) {
        return None;
    }
    Some(
        crate::auth::api_keys::prefix_of(credential)
            .unwrap_or("ecom_malformed")
            .to_owned(),
    )
}

/// Middleware: checks the limits that apply to an API request.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let path = req.path().to_owned();
    let limiters = req.app_data::<web::Data<RateLimiters>>().cloned();
    let settings = req
        .app_data::<web::Data<crate::state::AppState>>()
        .map(|s| s.settings.clone());
    let (Some(limiters), Some(settings)) = (limiters, settings) else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    if !(path == "/api" || path.starts_with("/api/")) {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    limiters.housekeeping();
    let ip = client_ip(req.request(), &settings)
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string());
    // The tightest limit that applies decides the headers.
    let mut outcome: Option<Outcome> = None;
    let mut apply = |found: Outcome| {
        let replace = match &outcome {
            None => true,
            Some(current) => {
                !current.refused && (found.refused || found.remaining <= current.remaining)
            }
        };
        if replace {
            outcome = Some(found);
        }
    };
    if let Some(limit) = &limiters.ip {
        apply(limiters.check(limit, ip.clone()));
    }
    if let (Some(limit), Some(prefix)) = (&limiters.api_key, api_key_prefix(&req)) {
        apply(limiters.check(limit, prefix));
    }
    if let Some(limit) = limiters.auth.as_ref().filter(|_| {
        req.method() == actix_web::http::Method::POST && AUTH_PATHS.contains(&path.as_str())
    }) {
        apply(limiters.check(limit, ip));
    }
    let Some(outcome) = outcome else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let mut response = if outcome.refused {
        let error = ApiError::TooManyRequests {
            code: "rate_limited",
            detail: format!(
                "too many requests: at most {} a minute; wait {} seconds (Retry-After) and slow down",
                outcome.limit, outcome.reset_secs
            ),
            retry_after_secs: outcome.reset_secs,
        };
        req.into_response(error.error_response())
            .map_into_boxed_body()
    } else {
        next.call(req).await?.map_into_boxed_body()
    };
    let headers = response.headers_mut();
    for (name, value) in [
        ("ratelimit-limit", outcome.limit.to_string()),
        ("ratelimit-remaining", outcome.remaining.to_string()),
        ("ratelimit-reset", outcome.reset_secs.to_string()),
        ("ratelimit-policy", format!("{};w=60", outcome.limit)),
    ] {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(HeaderName::from_static(name), value);
        }
    }
    Ok(response)
}
