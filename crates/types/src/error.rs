//! Errors: every failed request answers `application/problem+json` (RFC 9457).

use serde::{Deserialize, Serialize};

/// An RFC 9457 problem document. `code` is stable and machine-readable;
/// `detail` says what was wrong and what to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(example = json!({
    "type": "https://ecom.example/problems/validation_failed",
    "title": "The request has invalid fields",
    "status": 422,
    "detail": "2 fields are invalid; correct them and send the request again",
    "code": "validation_failed",
    "errors": [{"field": "email", "code": "invalid_email", "message": "'x' is not a valid e-mail address: it has no '@'"}]
})))]
pub struct Problem {
    /// A URI naming the kind of problem; stable across releases.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong in this request and what the caller can do about it.
    pub detail: String,
    /// Stable machine-readable code, e.g. `validation_failed`, `unauthorized`.
    pub code: String,
    /// The request id, to quote when asking for support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// Field-level errors, one per invalid field.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// One invalid field of a request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field's name in the request body (`admin.email`, `vat_number`).
    pub field: String,
    /// Stable machine-readable reason (`required`, `too_short`, `invalid_vat_number`).
    pub code: String,
    /// A sentence for the person filling in the form.
    pub message: String,
}
