//! `405 Method Not Allowed` with an `Allow` header (RFC 9110) for a known
//! API path called with a method it does not have, instead of a 404. The
//! table of paths and methods comes from the OpenAPI document, which is built
//! from the same registration as the router.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderValue, ALLOW, CONTENT_TYPE};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::{web, HttpResponse};

use crate::error::ApiError;

/// Every documented path (split in segments, `None` for a parameter) with its methods.
#[derive(Debug, Clone, Default)]
pub struct RouteTable(Vec<(Vec<Option<String>>, Vec<String>)>);

impl RouteTable {
    pub fn from_openapi(doc: &utoipa::openapi::OpenApi) -> RouteTable {
        let Ok(json) = serde_json::to_value(doc) else {
            return RouteTable::default();
        };
        let mut table = Vec::new();
        for (path, item) in json["paths"].as_object().into_iter().flatten() {
            let segments: Vec<Option<String>> = path
                .split('/')
                .filter(|s| !s.is_empty())
                .map(|s| (!s.starts_with('{')).then(|| s.to_owned()))
                .collect();
            let methods: Vec<String> = ["get", "put", "post", "delete", "patch"]
                .into_iter()
                .filter(|m| item.get(*m).is_some())
                .map(str::to_uppercase)
                .collect();
            table.push((segments, methods));
        }
        RouteTable(table)
    }

    /// The methods of the path, if it is a known one: those of the most
    /// specific templates it matches (`/contacts/duplicates` is that path,
    /// not `/contacts/{id}`, whose handlers would read "duplicates" as an id).
    pub fn methods(&self, path: &str) -> Option<Vec<String>> {
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let matching: Vec<&(Vec<Option<String>>, Vec<String>)> = self
            .0
            .iter()
            .filter(|(segments, _)| {
                segments.len() == parts.len()
                    && segments
                        .iter()
                        .zip(&parts)
                        .all(|(s, p)| s.as_deref().is_none_or(|lit| lit == *p))
            })
            .collect();
        let literals =
            |segments: &Vec<Option<String>>| segments.iter().filter(|s| s.is_some()).count();
        let most = matching
            .iter()
            .map(|(segments, _)| literals(segments))
            .max()?;
        let mut found: Option<Vec<String>> = None;
        for (segments, methods) in matching {
            if literals(segments) == most {
                let all = found.get_or_insert_with(Vec::new);
                for m in methods {
                    if !all.contains(m) {
                        all.push(m.clone());
                    }
                }
            }
        }
        found
    }
}

/// Middleware: 405 + `Allow` for a known path and an unknown method.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let method = req.method().clone();
    if method == Method::OPTIONS {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let allowed = req
        .app_data::<web::Data<RouteTable>>()
        .and_then(|t| t.methods(req.path()));
    let Some(mut allowed) = allowed else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let known = allowed.iter().any(|m| m == method.as_str())
        || (method == Method::HEAD && allowed.iter().any(|m| m == "GET"));
    if known {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    if allowed.iter().any(|m| m == "GET") {
        allowed.push("HEAD".into());
    }
    let allow = allowed.join(", ");
    let problem = ApiError::MethodNotAllowed {
        detail: format!("{method} is not supported here; use {allow}"),
    }
    .problem();
    let mut response = HttpResponse::MethodNotAllowed();
    response.insert_header((
        CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    ));
    if let Ok(value) = HeaderValue::from_str(&allow) {
        response.insert_header((ALLOW, value));
    }
    let body = serde_json::to_string(&problem).unwrap_or_default();
    Ok(req.into_response(response.body(body)).map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_with_parameters_and_merge_methods() {
        let table = RouteTable::from_openapi(&crate::openapi::document());
        assert_eq!(
            table.methods("/api/v1/users"),
            Some(vec!["GET".to_owned(), "POST".to_owned()])
        );
        assert!(table
            .methods("/api/v1/webhooks/0190/deliveries")
            .is_some_and(|m| m == vec!["GET".to_owned()]));
        assert!(table
            .methods("/api/v1/webhooks/payments")
            .is_some_and(|m| m.contains(&"POST".to_owned())));
        assert_eq!(table.methods("/api/v1/nothing"), None);
    }
}
