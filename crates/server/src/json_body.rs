//! The JSON body extractor every handler uses: read at extraction, judged
//! only when the handler asks for it, so a caller who may not use the
//! endpoint hears 401/403 whatever the body holds.
//!
//! actix polls a handler's extractors together; a body error is ready at once
//! while the caller's check waits for the database, so with `web::Json` a
//! tenant calling an operator endpoint with a bad body got 422, not 403
//! (issue 12). [`Json::into_inner`] returns the refusal instead, and the
//! handler's `?` runs after every extractor (the caller's included) passed.
//!
//! Besides the shape (serde), every body is checked once here for what no
//! handler should have to repeat: the top level is an object (or `null`);
//! no string or key holds U+0000 ([`crate::input_guard`]); and every field
//! the schema types as a date or date-time lies in [`DATE_RANGE`].

use std::collections::HashMap;

use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use chrono::{Datelike, NaiveDate};
use ecom_types::FieldError;
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use serde_json::Value;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::state::AppState;

/// The years a date in a request may have. Business documents (invoices,
/// payments, deals, time, plans) are dated around the present: 1900 leaves
/// room for historical records, 2999 for any contract or validity horizon.
/// Year 0 or 20000 is a typing error; the formats the dates end up in
/// (UBL/Peppol `xs:date`, SEPA `ISODate`, SQLite's text dates that sort as
/// text) need a four-digit year after 0000 anyway.
pub const DATE_RANGE: (i32, i32) = (1900, 2999);

/// A JSON body of type `T`, or why it was refused; see the module docs.
pub struct Json<T>(Result<T, ApiError>);

impl<T> Json<T> {
    /// The body, or the problem to answer (400, 413, 415, 422).
    pub fn into_inner(self) -> Result<T, ApiError> {
        self.0
    }
}

impl<T: DeserializeOwned + ToSchema + 'static> FromRequest for Json<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let limit = req
            .app_data::<web::Data<AppState>>()
            .map_or(256 * 1024, |s| s.settings.max_body_bytes);
        let body = web::JsonBody::<Value>::new(req, payload, None, true).limit(limit);
        Box::pin(async move {
            let judged = match body.await {
                Ok(value) => judge::<T>(value),
                Err(error) => Err(crate::error::json_problem(&error)),
            };
            Ok(Json(judged))
        })
    }
}

fn judge<T: DeserializeOwned + ToSchema>(value: Value) -> Result<T, ApiError> {
    if let Some(refusal) = crate::input_guard::not_an_object(&value) {
        return Err(refusal);
    }
    if let Some(field) = crate::input_guard::nul_in_value(&value) {
        return Err(crate::input_guard::refused(field));
    }
    // The schema is consulted only when some text reads as such a date.
    let dates = if any_text_out_of_range(&value) {
        dates_out_of_range::<T>(&value)
    } else {
        Vec::new()
    };
    let parsed = serde_json::from_value::<T>(value).map_err(|e| ApiError::InvalidBody {
        detail: format!(
            "the JSON body does not match the expected shape: {e}; see the schema at /api/docs"
        ),
    })?;
    if !dates.is_empty() {
        return Err(ApiError::Validation(dates));
    }
    Ok(parsed)
}

/// The date a text means, as serde reads a date or a date-time.
pub(crate) fn date_of(text: &str, format: &str) -> Option<NaiveDate> {
    match format {
        "date" => text.parse::<NaiveDate>().ok(),
        "date-time" => text
            .parse::<chrono::DateTime<chrono::FixedOffset>>()
            .ok()
            .map(|at| at.date_naive()),
        _ => None,
    }
}

pub(crate) fn out_of_range(date: NaiveDate) -> bool {
    !(DATE_RANGE.0..=DATE_RANGE.1).contains(&date.year())
}

/// Whether any string in the body reads as a date or date-time outside the
/// range (cheap; most bodies have none, and then the schema is not built).
fn any_text_out_of_range(value: &Value) -> bool {
    match value {
        Value::String(text) => ["date", "date-time"]
            .iter()
            .any(|format| date_of(text, format).is_some_and(out_of_range)),
        Value::Array(items) => items.iter().any(any_text_out_of_range),
        Value::Object(fields) => fields.values().any(any_text_out_of_range),
        _ => false,
    }
}

/// One field error per date (or date-time) field of `T`'s schema whose year
/// is outside [`DATE_RANGE`]; unparsable dates are left to serde.
pub fn dates_out_of_range<T: ToSchema>(value: &Value) -> Vec<FieldError> {
    let mut components = Vec::new();
    T::schemas(&mut components);
    let components: HashMap<String, Value> = components
        .into_iter()
        .filter_map(|(name, schema)| Some((name, serde_json::to_value(schema).ok()?)))
        .collect();
    let Ok(root) = serde_json::to_value(T::schema()) else {
        return Vec::new();
    };
    let mut errors = Vec::new();
    let mut walk = DateWalk {
        components: &components,
        errors: &mut errors,
    };
    walk.visit(&root, value, &mut String::new(), 0);
    errors
}

struct DateWalk<'a> {
    components: &'a HashMap<String, Value>,
    errors: &'a mut Vec<FieldError>,
}

impl DateWalk<'_> {
    fn visit(&mut self, schema: &Value, value: &Value, path: &mut String, depth: usize) {
        if depth > 32 || value.is_null() {
            return;
        }
        if let Some(name) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
        {
            if let Some(target) = self.components.get(name) {
                self.visit(target, value, path, depth + 1);
            }
            return;
        }
        for key in ["oneOf", "anyOf", "allOf"] {
            for branch in schema
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                self.visit(branch, value, path, depth + 1);
            }
        }
        if let (Some(format), Value::String(text)) =
            (schema.get("format").and_then(Value::as_str), value)
        {
            if date_of(text, format).is_some_and(out_of_range) {
                self.out_of_range(path);
            }
        }
        match value {
            Value::Object(fields) => {
                let properties = schema.get("properties").and_then(Value::as_object);
                let extra = schema.get("additionalProperties").filter(|s| s.is_object());
                for (key, item) in fields {
                    let Some(sub) = properties.and_then(|p| p.get(key)).or(extra) else {
                        continue;
                    };
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                    self.visit(sub, item, path, depth + 1);
                    path.truncate(len);
                }
            }
            Value::Array(items) => {
                if let Some(sub) = schema.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        let len = path.len();
                        path.push_str(&format!("[{i}]"));
                        self.visit(sub, item, path, depth + 1);
                        path.truncate(len);
                    }
                }
            }
            _ => {}
        }
    }

    fn out_of_range(&mut self, path: &str) {
        let field = if path.is_empty() { "body" } else { path };
        if self.errors.iter().any(|e| e.field == field) {
            return;
        }
        self.errors.push(FieldError {
            field: field.into(),
            code: "date_out_of_range".into(),
            message: format!(
                "the year must be between {} and {}; check the date",
                DATE_RANGE.0, DATE_RANGE.1
            ),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Deserialize, ToSchema)]
    #[allow(dead_code)]
    struct Line {
        day: NaiveDate,
        note: String,
    }

    #[derive(Deserialize, ToSchema)]
    #[allow(dead_code)]
    struct Doc {
        due: Option<NaiveDate>,
        at: chrono::DateTime<chrono::Utc>,
        lines: Vec<Line>,
    }

    fn fields(value: Value) -> Vec<String> {
        dates_out_of_range::<Doc>(&value)
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn names_every_date_outside_the_range() {
        let ok = json!({"due": "2026-12-07", "at": "1900-01-01T00:00:00Z",
            "lines": [{"day": "2999-12-31", "note": "0000-01-01"}]});
        assert!(
            fields(ok).is_empty(),
            "a text that looks like a date is text"
        );
        let bad = json!({"due": "0000-01-01", "at": "1899-12-31T23:00:00Z",
            "lines": [{"day": "2026-01-01", "note": ""}, {"day": "3000-01-01", "note": ""}]});
        assert_eq!(fields(bad), ["at", "due", "lines[1].day"]);
        assert!(fields(json!({"due": null, "at": "garbage", "lines": []})).is_empty());
    }

    #[test]
    fn the_schema_is_consulted_only_for_text_that_reads_as_such_a_date() {
        assert!(!any_text_out_of_range(
            &json!({"a": ["2026-01-01", "1900-01-01T00:00:00Z", "x", 1]})
        ));
        assert!(any_text_out_of_range(&json!({"a": [{"b": "0000-01-01"}]})));
        assert!(any_text_out_of_range(&json!("3000-01-01T00:00:00+02:00")));
    }

    #[test]
    fn refuses_in_order_shape_nul_dates() {
        let judged = |v: Value| judge::<Doc>(v).err().map(|e| e.problem().code);
        assert_eq!(judged(json!([])).as_deref(), Some("invalid_body"));
        assert_eq!(
            judged(json!({"due": null, "at": "2026-01-01T00:00:00Z", "lines": [{"day": "2026-01-01", "note": "a\u{0}"}]})).as_deref(),
            Some("nul_character")
        );
        assert_eq!(
            judged(json!({"due": "0000-01-01", "at": "2026-01-01T00:00:00Z", "lines": []}))
                .as_deref(),
            Some("validation_failed")
        );
        assert_eq!(
            judged(json!({"due": null})).as_deref(),
            Some("invalid_body")
        );
        assert_eq!(
            judged(json!({"due": null, "at": "2026-01-01T00:00:00Z", "lines": []})),
            None
        );
    }
}
