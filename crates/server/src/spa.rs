//! Serves the built SPA: real files as they are, every other non-API GET
//! path as `index.html` so client-side routes survive a reload.

use std::path::{Path, PathBuf};

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method};
use actix_web::HttpResponse;

use crate::error::ApiError;

fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/") || path == "/healthz" || path == "/readyz"
}

/// Unknown API routes get a problem document; unknown pages get the SPA.
async fn fallback(
    index: Option<PathBuf>,
    req: ServiceRequest,
) -> Result<ServiceResponse, actix_web::Error> {
    let (req, _) = req.into_parts();
    let path = req.path().to_owned();
    if is_api_path(&path) || !matches!(*req.method(), Method::GET | Method::HEAD) {
        let response = actix_web::ResponseError::error_response(&ApiError::NotFound {
            detail: format!(
                "there is no endpoint {} {path}; the API is described at /api/docs",
                req.method()
            ),
        });
        return Ok(ServiceResponse::new(req, response));
    }
    let response = match index {
        Some(index) => {
            let mut response = NamedFile::open_async(&index).await?.into_response(&req);
            response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static("no-cache"));
            response
        }
        None => HttpResponse::ServiceUnavailable().content_type("text/html; charset=utf-8").body(
            "<!doctype html><title>Ecom</title><p>The web app has not been built. Run <code>scripts/run</code> \
             (or <code>trunk build --release</code>) and restart the server. The API is at <a href=\"/api/docs/\">/api/docs</a>.</p>",
        ),
    };
    Ok(ServiceResponse::new(req, response))
}

/// The service for `/`: static files from `dir` when it holds an
/// `index.html`, with the SPA fallback.
pub fn service(dir: Option<&Path>) -> Files {
    let dir = dir.filter(|d| d.join("index.html").is_file());
    let index = dir.map(|d| d.join("index.html"));
    // When there is no build, serve from an empty path that matches nothing.
    let root = dir.map_or_else(
        || PathBuf::from("/nonexistent-ecom-dist"),
        Path::to_path_buf,
    );
    Files::new("/", root)
        .index_file("index.html")
        .default_handler(actix_web::dev::fn_service(move |req| {
            let index = index.clone();
            async move { fallback(index, req).await }
        }))
}

/// The app's default service (a scope matched but none of its routes did).
pub async fn not_found(req: ServiceRequest) -> Result<ServiceResponse, actix_web::Error> {
    fallback(None, req).await
}

/// The CSP sources (`sha256-<base64>`) of the inline scripts in the built
/// `index.html` (Trunk's wasm loader), computed once at start-up so the
/// policy allows exactly them and no other inline script.
pub fn inline_script_hashes(dir: Option<&Path>) -> Vec<String> {
    let Some(html) = dir.and_then(|d| std::fs::read_to_string(d.join("index.html")).ok()) else {
        return Vec::new();
    };
    script_hashes_of(&html)
}

fn script_hashes_of(html: &str) -> Vec<String> {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let tag_and_more = &rest[start..];
        let Some(open_end) = tag_and_more.find('>') else {
            break;
        };
        let tag = &tag_and_more[..open_end];
        let body_and_more = &tag_and_more[open_end + 1..];
        let Some(close) = body_and_more.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            let digest = Sha256::digest(body_and_more[..close].as_bytes());
            hashes.push(format!(
                "sha256-{}",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &body_and_more[close + "</script>".len()..];
    }
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_only_inline_scripts_exactly_as_written() {
        let html = "<head><script src=\"/a.js\"></script>\n<script type=\"module\">\nimport init from '/x.js';\n</script></head>";
        let hashes = script_hashes_of(html);
        assert_eq!(hashes.len(), 1);
        use base64::Engine;
        use sha2::{Digest, Sha256};
        let expected = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"\nimport init from '/x.js';\n"));
        assert_eq!(hashes[0], format!("sha256-{expected}"));
    }
}
