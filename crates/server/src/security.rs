//! Security headers on every response (CSP, HSTS, nosniff, referrer policy,
//! no framing) and request body size limits (413 problem+json).
//!
//! The SPA's `index.html` has one inline module script (Trunk's wasm
//! loader); its SHA-256 is computed at start-up ([`crate::spa::inline_script_hashes`])
//! and allowed by hash, so scripts never need `'unsafe-inline'`;
//! `'wasm-unsafe-eval'` lets the browser compile the WebAssembly.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, ResponseError};

use crate::error::ApiError;
use crate::state::AppState;

/// The content security policies, computed once at start-up.
#[derive(Debug, Clone)]
pub struct Policies {
    /// For the SPA's HTML.
    pub spa: String,
    /// For the API documentation page (Swagger UI: its own scripts, inline styles).
    pub docs: String,
    /// For everything else (JSON, files): nothing may load.
    pub api: String,
}

impl Policies {
    /// `script_hashes`: `sha256-...` sources of the SPA's inline scripts.
    pub fn new(script_hashes: &[String]) -> Policies {
        let hashes: String = script_hashes.iter().map(|h| format!(" '{h}'")).collect();
        Policies {
            spa: format!(
                "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self' 'unsafe-inline'; \
                 img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; \
                 form-action 'self'; frame-ancestors 'none'"
            ),
            docs: "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
                   connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
                .into(),
            api: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'".into(),
        }
    }
}

const HSTS: &str = "max-age=31536000; includeSubDomains";

/// Whether the request came over HTTPS (directly, or per a trusted proxy).
fn over_tls(req: &actix_web::HttpRequest, state: &AppState) -> bool {
    if state.settings.hsts {
        return true;
    }
    if state.settings.trust_proxy_headers {
        return req.connection_info().scheme() == "https";
    }
    false
}

/// Middleware: the security headers.
pub async fn headers(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let policies = req.app_data::<web::Data<Policies>>().cloned();
    let tls = state.as_ref().is_some_and(|s| over_tls(req.request(), s));
    let docs = req.path().starts_with("/api/docs");
    let mut response = next.call(req).await?;
    let html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let headers = response.headers_mut();
    if let Some(policies) = policies {
        let csp = if docs {
            &policies.docs
        } else if html {
            &policies.spa
        } else {
            &policies.api
        };
        if let Ok(value) = HeaderValue::from_str(csp) {
            headers.insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if tls {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    Ok(response)
}

/// Middleware: refuses bodies announced larger than allowed (JSON: the JSON
/// limit; anything else, e.g. CSV: the upload limit) before reading them.
pub async fn body_limit(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let length = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    let json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.starts_with("application/json") || v.contains("+json"));
    let limit = if json {
        state.settings.max_body_bytes
    } else {
        state.settings.max_upload_bytes
    };
    if length.is_some_and(|n| n > u64::try_from(limit).unwrap_or(u64::MAX)) {
        let response = ApiError::PayloadTooLarge { limit }.error_response();
        return Ok(req.into_response(response).map_into_boxed_body());
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}
