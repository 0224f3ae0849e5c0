//! The API's one error type, rendered as `application/problem+json` (RFC 9457).
//!
//! Every failure has a stable `code`. 500s carry no internal detail: the cause
//! is logged with the request id instead.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use ecom_domain::account::InvalidInput;
use ecom_storage::StorageError;
use ecom_types::{FieldError, Problem};

/// A refused or failed request.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// 400: the request could not be read (malformed JSON, bad path parameter).
    #[error("{detail}")]
    BadRequest { code: &'static str, detail: String },
    /// 400: a text (body field, query parameter, path) holds U+0000, which
    /// no text column can store; `field` names where.
    #[error("NUL character in {field}")]
    NulCharacter { field: String },
    /// 422: fields failed validation; one entry per field.
    #[error("invalid fields")]
    Validation(Vec<FieldError>),
    /// 401: no valid credentials.
    #[error("{detail}")]
    Unauthorized { code: &'static str, detail: String },
    /// 403: authenticated, but not allowed.
    #[error("{detail}")]
    Forbidden { code: &'static str, detail: String },
    /// 404: no such resource for this caller (also for other tenants' resources).
    #[error("{detail}")]
    NotFound { detail: String },
    /// 404 with a more precise code (e.g. `no_contract`).
    #[error("{detail}")]
    NotFoundCode { code: &'static str, detail: String },
    /// 409: conflicts with the current state (e.g. e-mail already registered).
    #[error("{detail}")]
    Conflict {
        code: &'static str,
        detail: String,
        field: Option<&'static str>,
    },
    /// 405: the path exists, the method does not (with `Allow`).
    #[error("{detail}")]
    MethodNotAllowed { detail: String },
    /// 413: body larger than accepted.
    #[error("body too large")]
    PayloadTooLarge { limit: usize },
    /// 415: not JSON.
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// 422: well-formed JSON of the wrong shape (unknown field, wrong type, missing field).
    #[error("{detail}")]
    InvalidBody { detail: String },
    /// 422: a business rule refused the request; `detail` says which and what to do.
    #[error("{detail}")]
    Rule { code: &'static str, detail: String },
    /// 429: too many attempts; retry after the given seconds.
    #[error("{detail}")]
    TooManyRequests {
        code: &'static str,
        detail: String,
        retry_after_secs: u64,
    },
    /// 503: a dependency (the database) is unavailable.
    #[error("service unavailable")]
    Unavailable,
    /// 503 with `Retry-After`: PostgreSQL gave up this transaction to let a
    /// concurrent one through (deadlock, SQLSTATE 40P01, or serialization
    /// failure, 40001). Nothing was written; the same request can be sent again.
    #[error("transaction aborted by a concurrent one")]
    Contended,
    /// 500: a bug or an unexpected failure; logged, never shown.
    #[error("internal error: {0}")]
    Internal(String),
}

impl ApiError {
    pub fn not_found(what: &str) -> Self {
        ApiError::NotFound {
            detail: format!("no {what} with that id exists in your account"),
        }
    }

    pub fn field(field: &str, error: InvalidInput) -> Self {
        ApiError::Validation(vec![field_error(field, error)])
    }

    fn code(&self) -> &'static str {
        match self {
            ApiError::BadRequest { code, .. }
            | ApiError::Unauthorized { code, .. }
            | ApiError::Forbidden { code, .. }
            | ApiError::Conflict { code, .. }
            | ApiError::NotFoundCode { code, .. }
            | ApiError::Rule { code, .. }
            | ApiError::TooManyRequests { code, .. } => code,
            ApiError::Validation(_) => "validation_failed",
            ApiError::NulCharacter { .. } => "nul_character",
            ApiError::InvalidBody { .. } => "invalid_body",
            ApiError::NotFound { .. } => "not_found",
            ApiError::MethodNotAllowed { .. } => "method_not_allowed",
            ApiError::PayloadTooLarge { .. } => "payload_too_large",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::Unavailable => "service_unavailable",
            ApiError::Contended => "concurrent_update",
            ApiError::Internal(_) => "internal_error",
        }
    }

    fn title(&self) -> &'static str {
        match self {
            ApiError::BadRequest { .. } | ApiError::NulCharacter { .. } => {
                "The request could not be read"
            }
            ApiError::Validation(_) => "The request has invalid fields",
            ApiError::Unauthorized { .. } => "Authentication required",
            ApiError::Forbidden { .. } => "Not allowed",
            ApiError::NotFound { .. } | ApiError::NotFoundCode { .. } => "Not found",
            ApiError::Conflict { .. } => "Conflict with the current state",
            ApiError::MethodNotAllowed { .. } => "Method not allowed",
            ApiError::PayloadTooLarge { .. } => "Request body too large",
            ApiError::UnsupportedMediaType => "Unsupported media type",
            ApiError::InvalidBody { .. } => "The request body does not match the schema",
            ApiError::Rule { .. } => "Refused by a business rule",
            ApiError::TooManyRequests { .. } => "Too many requests",
            ApiError::Unavailable => "Service unavailable",
            ApiError::Contended => "Busy with a concurrent change",
            ApiError::Internal(_) => "Internal server error",
        }
    }

    fn detail(&self) -> String {
        match self {
            ApiError::BadRequest { detail, .. }
            | ApiError::Unauthorized { detail, .. }
            | ApiError::Forbidden { detail, .. }
            | ApiError::NotFound { detail }
            | ApiError::MethodNotAllowed { detail }
            | ApiError::NotFoundCode { detail, .. }
            | ApiError::InvalidBody { detail }
            | ApiError::Conflict { detail, .. }
            | ApiError::Rule { detail, .. }
            | ApiError::TooManyRequests { detail, .. } => detail.clone(),
            ApiError::Validation(errors) => match errors.as_slice() {
                [one] => format!("{}: {}", one.field, one.message),
                many => format!("{} fields are invalid; correct them and send the request again", many.len()),
            },
            ApiError::NulCharacter { field } => format!(
                "{field} contains a NUL character (U+0000), which cannot be stored; remove it (it is often left by copying from a binary file) and send the request again"
            ),
            ApiError::PayloadTooLarge { limit } => {
                format!("the request body is larger than the {} KiB this endpoint accepts", limit / 1024)
            }
            ApiError::UnsupportedMediaType => "send the body as JSON with 'Content-Type: application/json'".into(),
            ApiError::Unavailable => "the database is unavailable; try again in a moment".into(),
            ApiError::Contended => "a concurrent request changed the same records, so nothing was written; send the same request again after the Retry-After delay".into(),
            ApiError::Internal(_) => "something went wrong on our side; it has been logged. Quote the request id when contacting support".into(),
        }
    }

    /// The problem document for this error.
    pub fn problem(&self) -> Problem {
        let errors = match self {
            ApiError::Validation(errors) => errors.clone(),
            ApiError::Conflict {
                field: Some(field),
                detail,
                code,
            } => {
                vec![FieldError {
                    field: (*field).into(),
                    code: (*code).into(),
                    message: detail.clone(),
                }]
            }
            ApiError::NulCharacter { field } => vec![FieldError {
                field: field.clone(),
                code: "nul_character".into(),
                message: "contains a NUL character (U+0000); remove it".into(),
            }],
            _ => Vec::new(),
        };
        Problem {
            problem_type: format!("/problems/{}", self.code()),
            title: self.title().into(),
            status: self.status_code().as_u16(),
            detail: self.detail(),
            code: self.code().into(),
            request_id: None,
            errors,
        }
    }
}

/// A field error from a domain parse failure.
pub fn field_error(field: &str, error: InvalidInput) -> FieldError {
    FieldError {
        field: field.into(),
        code: error.code.into(),
        message: error.message,
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } | ApiError::NulCharacter { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::NotFound { .. } | ApiError::NotFoundCode { .. } => StatusCode::NOT_FOUND,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Validation(_) | ApiError::InvalidBody { .. } | ApiError::Rule { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable | ApiError::Contended => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Internal(cause) = self {
            tracing::error!(%cause, "internal error");
        }
        let mut response = HttpResponse::build(self.status_code());
        response.insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        ));
        match self {
            ApiError::Unauthorized { .. } => {
                response.insert_header((
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"ecom\""),
                ));
            }
            ApiError::TooManyRequests {
                retry_after_secs, ..
            } => {
                response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            ApiError::Unavailable | ApiError::Contended => {
                response.insert_header((header::RETRY_AFTER, HeaderValue::from_static("1")));
            }
            _ => {}
        }
        response.body(serde_json::to_string(&self.problem()).unwrap_or_default())
    }
}

impl From<StorageError> for ApiError {
    fn from(error: StorageError) -> Self {
        match error {
            StorageError::Unavailable(cause) => {
                tracing::error!(%cause, "database unavailable");
                ApiError::Unavailable
            }
            // Two requests raced past the same uniqueness check.
            StorageError::UniqueViolation(_) => ApiError::Conflict {
                code: "already_exists",
                detail: "this conflicts with a record that was just created; reload and try again"
                    .into(),
                field: None,
            },
            StorageError::InvalidCursor => crate::pagination::invalid_cursor(),
            // Locks are taken in one order (tenant, contract, invoice), so
            // PostgreSQL should never have to abort a deadlock; if it does,
            // the caller is told to retry instead of getting a 500.
            ref contended if contended.is_contention() => {
                tracing::warn!(cause = %contended, "transaction aborted by a concurrent one");
                ApiError::Contended
            }
            other => ApiError::Internal(other.to_string()),
        }
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(error: actix_web::error::BlockingError) -> Self {
        ApiError::Internal(error.to_string())
    }
}

/// Turns the JSON extractor's failures into problems: syntax errors are 400,
/// well-formed JSON of the wrong shape (unknown field, wrong type, missing
/// field) is 422 naming the field, oversized bodies 413, non-JSON 415.
pub fn json_error(
    error: actix_web::error::JsonPayloadError,
    _req: &HttpRequest,
) -> actix_web::Error {
    json_problem(&error).into()
}

/// The problem for a JSON body that could not be read (see [`json_error`]).
pub fn json_problem(error: &actix_web::error::JsonPayloadError) -> ApiError {
    use actix_web::error::JsonPayloadError as E;
    match error {
        E::Overflow { limit } | E::OverflowKnownLength { limit, .. } => {
            ApiError::PayloadTooLarge { limit: *limit }
        }
        E::ContentType => ApiError::UnsupportedMediaType,
        E::Deserialize(e) if e.is_data() => ApiError::InvalidBody {
            detail: format!(
                "the JSON body does not match the expected shape: {e}; see the schema at /api/docs"
            ),
        },
        E::Deserialize(e) => ApiError::BadRequest {
            code: "malformed_json",
            detail: format!("the body is not valid JSON: {e}"),
        },
        other => ApiError::BadRequest {
            code: "unreadable_body",
            detail: format!("the body could not be read: {other}"),
        },
    }
}

/// Path parameters that do not parse (an id that is not a UUID) are 404s:
/// no resource can have that id.
pub fn path_error(error: actix_web::error::PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::NotFound {
        detail: format!("no resource at this address: {error}"),
    }
    .into()
}

pub fn query_error(
    error: actix_web::error::QueryPayloadError,
    _req: &HttpRequest,
) -> actix_web::Error {
    query_problem(&error).into()
}

/// The problem for a query string that does not parse (see [`query_error`]).
pub fn query_problem(error: &actix_web::error::QueryPayloadError) -> ApiError {
    ApiError::BadRequest {
        code: "invalid_query",
        detail: format!("the query string is invalid: {error}"),
    }
}

/// Collects field errors so a form learns about every invalid field at once.
#[derive(Debug, Default)]
pub struct FieldChecks {
    errors: Vec<FieldError>,
}

impl FieldChecks {
    /// Keeps the value, or records the error under `field`.
    pub fn check<T>(&mut self, field: &str, parsed: Result<T, InvalidInput>) -> Option<T> {
        match parsed {
            Ok(value) => Some(value),
            Err(error) => {
                self.errors.push(field_error(field, error));
                None
            }
        }
    }

    pub fn push(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        });
    }

    /// `Err(Validation)` if any check failed.
    pub fn finish(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.errors))
        }
    }
}
