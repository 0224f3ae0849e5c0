//! The query-string extractor every handler uses: parsed at extraction,
//! judged only when the handler asks for it, like [`crate::json_body::Json`],
//! so a caller who may not use an endpoint hears 401/403 whatever the query
//! holds; and every parameter the OpenAPI document types as a date or
//! date-time lies in [`crate::json_body::DATE_RANGE`].

use std::future::{ready, Ready};

use actix_web::{dev::Payload, web, FromRequest, HttpRequest};
use ecom_types::FieldError;
use serde::de::DeserializeOwned;
use utoipa::openapi::path::ParameterIn;
use utoipa::IntoParams;

use crate::error::ApiError;
use crate::json_body::{date_of, out_of_range, DATE_RANGE};

/// Query parameters of type `T`, or why they were refused.
pub struct Query<T>(Result<T, ApiError>);

impl<T> Query<T> {
    /// The parameters, or the problem to answer (400 `invalid_query`, 422).
    pub fn into_inner(self) -> Result<T, ApiError> {
        self.0
    }
}

impl<T: DeserializeOwned + IntoParams + 'static> FromRequest for Query<T> {
    type Error = actix_web::Error;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Query(judge::<T>(req.query_string()))))
    }
}

fn judge<T: DeserializeOwned + IntoParams>(query: &str) -> Result<T, ApiError> {
    let parsed = web::Query::<T>::from_query(query)
        .map_err(|error| crate::error::query_problem(&error))?
        .into_inner();
    let dates = dates_out_of_range::<T>(query);
    if !dates.is_empty() {
        return Err(ApiError::Validation(dates));
    }
    Ok(parsed)
}

/// One field error per date (or date-time) parameter of `T` whose year is
/// outside the range; unparsable ones were refused by serde already.
pub fn dates_out_of_range<T: IntoParams>(query: &str) -> Vec<FieldError> {
    if query.is_empty() {
        return Vec::new();
    }
    let formats: Vec<(String, String)> = T::into_params(|| Some(ParameterIn::Query))
        .into_iter()
        .filter_map(|param| {
            let json = serde_json::to_value(&param).ok()?;
            let name = json.get("name")?.as_str()?.to_owned();
            let format = json.pointer("/schema/format")?.as_str()?.to_owned();
            Some((name, format))
        })
        .collect();
    let mut errors = Vec::new();
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let name = crate::input_guard::decoded(name);
        let Some((_, format)) = formats.iter().find(|(n, _)| *n == name) else {
            continue;
        };
        let value = crate::input_guard::decoded(value);
        if date_of(&value, format).is_some_and(out_of_range)
            && !errors.iter().any(|e: &FieldError| e.field == name)
        {
            errors.push(FieldError {
                field: name,
                code: "date_out_of_range".into(),
                message: format!(
                    "the year must be between {} and {}; check the date",
                    DATE_RANGE.0, DATE_RANGE.1
                ),
            });
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use serde::Deserialize;

    #[derive(Deserialize, IntoParams)]
    #[allow(dead_code)]
    struct Filter {
        from: Option<NaiveDate>,
        to: Option<chrono::DateTime<chrono::Utc>>,
        q: Option<String>,
    }

    #[test]
    fn names_every_date_parameter_outside_the_range() {
        let fields = |q: &str| -> Vec<String> {
            dates_out_of_range::<Filter>(q)
                .into_iter()
                .map(|e| e.field)
                .collect()
        };
        assert!(fields("from=2026-01-01&to=2026-01-01T00%3A00%3A00Z&q=0000-01-01").is_empty());
        assert_eq!(
            fields("from=0000-01-01&to=3000-01-01T00:00:00Z"),
            ["from", "to"]
        );
        assert_eq!(
            judge::<Filter>("from=0000-01-01")
                .err()
                .map(|e| e.problem().code)
                .as_deref(),
            Some("validation_failed")
        );
        assert_eq!(
            judge::<Filter>("from=x")
                .err()
                .map(|e| e.problem().code)
                .as_deref(),
            Some("invalid_query")
        );
        assert!(judge::<Filter>("from=1900-01-01").is_ok());
    }
}
