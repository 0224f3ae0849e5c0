//! A request id for every request: taken from a sane `X-Request-Id` or made
//! up, put on the response, and on every log line of the request.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::HttpMessage;
use tracing::Instrument;

pub const HEADER: &str = "x-request-id";

/// The current request's id, in the request extensions.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

fn acceptable(id: &str) -> bool {
    (8..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Paths that carry a credential (the calendar feed token) are logged
/// without it.
fn logged_path(path: &str) -> std::borrow::Cow<'_, str> {
    const FEED: &str = "/api/v1/calendar/feed/";
    match path.strip_prefix(FEED) {
        Some(rest) if !rest.is_empty() => format!(
            "{FEED}<token>{}",
            if rest.ends_with(".ics") { ".ics" } else { "" }
        )
        .into(),
        _ => path.into(),
    }
}

/// Middleware: assigns the id, logs one line per request (never headers or bodies).
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = req
        .headers()
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|v| acceptable(v))
        .map_or_else(|| uuid::Uuid::now_v7().simple().to_string(), str::to_owned);
    req.extensions_mut().insert(RequestId(id.clone()));
    let span = tracing::info_span!("request", request_id = %id, method = %req.method(), path = %logged_path(req.path()));
    let started = std::time::Instant::now();
    let mut response = next.call(req).instrument(span.clone()).await?;
    let status = response.status().as_u16();
    span.in_scope(|| {
        tracing::info!(
            status,
            elapsed_ms = started.elapsed().as_millis() as u64,
            "handled"
        )
    });
    if let Ok(value) = HeaderValue::from_str(&id) {
        response
            .headers_mut()
            .insert(HeaderName::from_static(HEADER), value);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feed_tokens_are_not_logged() {
        assert_eq!(
            logged_path("/api/v1/calendar/feed/abcDEF.ics"),
            "/api/v1/calendar/feed/<token>.ics"
        );
        assert_eq!(
            logged_path("/api/v1/calendar/events"),
            "/api/v1/calendar/events"
        );
    }
}
