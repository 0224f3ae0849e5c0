//! Refuses, once for every endpoint, input no handler can use: the NUL
//! character (U+0000) in any text a request brings, and a JSON body that is
//! not an object.
//!
//! PostgreSQL cannot store U+0000 in a text column (it fails with "invalid
//! byte sequence for encoding UTF8: 0x00", a 500) while SQLite stores it; no
//! business text needs it. Refusing it at the edge gives the same clear
//! `400 nul_character` naming the field on both engines: path segments and
//! query parameters in [`middleware`], JSON bodies in
//! [`crate::json_body::Json`] (after the caller's checks), CSV imports in
//! [`crate::crm_csv::read_body`]. Binary uploads (the logo) are bytes, not
//! text, and pass.
//!
//! serde reads a struct from a JSON array too (its fields in order), so `[]`
//! was a valid "change nothing" body for every all-optional update; every
//! JSON body of this API is an object (or `null` where the body is optional),
//! so anything else is `422 invalid_body` ([`not_an_object`]).

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::ResponseError;

use crate::error::ApiError;

/// The 400 for a NUL character in `field` (a body path like
/// `lines[2].description`, `query parameter 'q'` or `path`).
pub fn refused(field: impl Into<String>) -> ApiError {
    ApiError::NulCharacter {
        field: field.into(),
    }
}

/// Middleware: a NUL in the path or a query parameter is refused before
/// any handler (or the idempotency store) sees the request.
pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if let Some(field) = nul_in_path(req.path()).or_else(|| nul_in_query(req.query_string())) {
        let response = refused(field).error_response();
        return Ok(req.into_response(response).map_into_boxed_body());
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// 422 for a JSON body that is not an object or `null`.
pub fn not_an_object(value: &serde_json::Value) -> Option<ApiError> {
    let kind = match value {
        serde_json::Value::Object(_) | serde_json::Value::Null => return None,
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::Bool(_) => "a boolean",
    };
    Some(ApiError::InvalidBody {
        detail: format!(
            "the body is {kind}; send a JSON object ({{ ... }}) with the fields described in the schema at /api/docs"
        ),
    })
}

/// The path of the first string (or key) holding U+0000 in a raw JSON
/// body, if the body is JSON (for handlers that read the bytes themselves).
pub fn nul_in_json(body: &[u8]) -> Option<String> {
    // JSON can only carry U+0000 escaped (`\u0000`).
    if !body.windows(5).any(|w| w.eq_ignore_ascii_case(b"u0000")) {
        return None;
    }
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    nul_in_value(&value)
}

/// The path (`lines[2].description`, `body` for the whole) of the first
/// string or key holding U+0000.
pub fn nul_in_value(value: &serde_json::Value) -> Option<String> {
    let mut path = String::new();
    find_in_value(value, &mut path).then(|| {
        if path.is_empty() {
            "body".to_owned()
        } else {
            path
        }
    })
}

/// Depth-first: leaves `path` at the offending value.
fn find_in_value(value: &serde_json::Value, path: &mut String) -> bool {
    match value {
        serde_json::Value::String(s) => s.contains('\0'),
        serde_json::Value::Array(items) => {
            let len = path.len();
            for (i, item) in items.iter().enumerate() {
                path.push_str(&format!("[{i}]"));
                if find_in_value(item, path) {
                    return true;
                }
                path.truncate(len);
            }
            false
        }
        serde_json::Value::Object(fields) => {
            let len = path.len();
            for (key, item) in fields {
                if !path.is_empty() {
                    path.push('.');
                }
                if key.contains('\0') {
                    path.push_str(&key.replace('\0', "\\u0000"));
                    return true;
                }
                path.push_str(key);
                if find_in_value(item, path) {
                    return true;
                }
                path.truncate(len);
            }
            false
        }
        _ => false,
    }
}

/// `query parameter 'q'` when a parameter's name or value decodes to U+0000.
pub fn nul_in_query(query: &str) -> Option<String> {
    if !query.contains('\0') && !contains_escaped_nul(query) {
        return None;
    }
    query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        (is_nul(name) || is_nul(value)).then(|| {
            let name = String::from_utf8_lossy(&percent_decode(name)).replace('\0', "\\u0000");
            format!("query parameter '{name}'")
        })
    })
}

/// `path` when a segment decodes to U+0000 (e.g. `/contacts/%00`).
pub fn nul_in_path(path: &str) -> Option<String> {
    (path.contains('\0') || contains_escaped_nul(path)).then(|| "path".to_owned())
}

fn contains_escaped_nul(text: &str) -> bool {
    text.as_bytes().windows(3).any(|w| w == b"%00")
}

fn is_nul(raw: &str) -> bool {
    percent_decode(raw).contains(&0)
}

/// A query-string name or value as it reads, decoded (lossy UTF-8).
pub fn decoded(raw: &str) -> String {
    String::from_utf8_lossy(&percent_decode(raw)).into_owned()
}

/// Percent-decoding as a query string is read (`+` is a space); malformed
/// escapes stay as they are, for the extractor to judge.
fn percent_decode(raw: &str) -> Vec<u8> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'?'));
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            other => out.push(other),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_json_field_holding_a_nul() {
        assert_eq!(nul_in_json(br#"{"note":"fine"}"#), None);
        assert_eq!(
            nul_in_json(br#"{"note":"a\u0000b"}"#).as_deref(),
            Some("note")
        );
        assert_eq!(
            nul_in_json(
                br#"{"lines":[{"description":"x"},{"description":"x"},{"description":"\u0000"}]}"#
            )
            .as_deref(),
            Some("lines[2].description")
        );
        assert_eq!(nul_in_json(br#"["\u0000"]"#).as_deref(), Some("[0]"));
        assert_eq!(nul_in_json(br#""\u0000""#).as_deref(), Some("body"));
        assert_eq!(
            nul_in_json(br#"{"a\u0000":1}"#).as_deref(),
            Some("a\\u0000")
        );
        // An escaped backslash followed by "u0000" is text, not NUL.
        assert_eq!(nul_in_json(br#"{"note":"C:\\u0000"}"#), None);
        // Not JSON: the extractor refuses it.
        assert_eq!(nul_in_json(b"{\\u0000"), None);
    }

    #[test]
    fn only_objects_and_null_are_bodies() {
        use serde_json::json;
        assert!(not_an_object(&json!({})).is_none());
        assert!(not_an_object(&json!(null)).is_none());
        for body in [json!([]), json!([1]), json!("x"), json!(1), json!(true)] {
            let error = not_an_object(&body).expect("refused");
            assert_eq!(error.problem().code, "invalid_body");
        }
    }

    #[test]
    fn names_the_query_parameter_holding_a_nul() {
        assert_eq!(nul_in_query("q=abc&limit=5"), None);
        assert_eq!(
            nul_in_query("q=%00x").as_deref(),
            Some("query parameter 'q'")
        );
        assert_eq!(
            nul_in_query("limit=5&q=a%00").as_deref(),
            Some("query parameter 'q'")
        );
        assert_eq!(
            nul_in_query("a%00b=1").as_deref(),
            Some("query parameter 'a\\u0000b'")
        );
        assert_eq!(nul_in_query("q=%2500"), None);
        assert_eq!(nul_in_query("q=%0"), None);
        assert_eq!(nul_in_path("/api/v1/contacts/%00"), Some("path".into()));
        assert_eq!(nul_in_path("/api/v1/contacts/abc"), None);
    }
}
