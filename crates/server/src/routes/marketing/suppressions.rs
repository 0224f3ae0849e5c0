//! `POST /api/v1/operator/suppressions` and `.../check`: the operator's
//! suppression list, holding only keyed hashes. Scope `sales_calls` is the
//! "call me no more" list for Ecom's own sales calls (check it before a call
//! is planned or logged); `all_marketing` stops every marketing e-mail.

use actix_web::{post, web, HttpRequest};
use chrono::{DateTime, Utc};
use ecom_domain::account::InvalidInput;
use ecom_storage::{consent as store, DbConnection};
use ecom_types::consent::{SuppressionRequest, SuppressionStatus};
use ecom_types::Problem;

use crate::audit::Audit;
use crate::auth::{caller::request_id, OperatorCaller};
use crate::consent::{email_hash, phone_hash};
use crate::error::{ApiError, FieldChecks};
use crate::state::AppState;

/// The scopes an operator may set by hand.
const SCOPES: [&str; 2] = ["all_marketing", "sales_calls"];

fn validate(body: &SuppressionRequest) -> Result<(), ApiError> {
    let mut checks = FieldChecks::default();
    if !matches!(body.channel.as_str(), "email" | "phone") {
        checks.push(
            "channel",
            "unknown_channel",
            "the channel is email or phone",
        );
    }
    if !SCOPES.contains(&body.scope.as_str()) {
        checks.push(
            "scope",
            "unknown_scope",
            "the scope is all_marketing or sales_calls",
        );
    }
    if body.channel == "email" && !body.address.contains('@') {
        checks.push("address", "invalid_email", "give the e-mail address");
    }
    if body.channel == "phone" && ecom_domain::consent::normalise_phone(&body.address).is_none() {
        checks.push(
            "address",
            "invalid_phone",
            "give the phone number, at least 6 digits",
        );
    }
    checks.finish()
}

fn hash(
    conn: &mut DbConnection,
    body: &SuppressionRequest,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    match body.channel.as_str() {
        "email" => email_hash(conn, &body.address, now),
        _ => phone_hash(conn, &body.address, now)?.ok_or_else(|| {
            ApiError::field(
                "address",
                InvalidInput::new("invalid_phone", "give the phone number, at least 6 digits"),
            )
        }),
    }
}

/// Puts an address on the suppression list (only its keyed hash is kept).
#[utoipa::path(
    tag = "marketing",
    request_body(content = SuppressionRequest, example = json!({"channel": "phone", "address": "+32 9 123 45 67", "scope": "sales_calls"})),
    responses(
        (status = 200, description = "Listed", body = SuppressionStatus),
        (status = 422, description = "Unknown channel or scope, or not an address", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/suppressions")]
pub async fn add(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    body: crate::json_body::Json<SuppressionRequest>,
) -> Result<web::Json<SuppressionStatus>, ApiError> {
    let body = body.into_inner()?;
    validate(&body)?;
    let now = state.clock.now();
    let request_id = request_id(&req);
    let scope = body.scope.clone();
    state
        .write(move |conn| {
            let hash = hash(conn, &body, now)?;
            store::suppress(conn, &hash, &body.scope, now)?;
            Audit::new(
                "suppression.added",
                ("operator", Some(caller.operator.0)),
                now,
            )
            .details(serde_json::json!({ "channel": body.channel, "scope": body.scope }))
            .request(request_id)
            .write(conn)
        })
        .await?;
    Ok(web::Json(SuppressionStatus {
        scope,
        listed: true,
    }))
}

/// Whether an address is on the list for a scope: ask before calling or
/// writing to someone.
#[utoipa::path(
    tag = "marketing",
    request_body = SuppressionRequest,
    responses(
        (status = 200, description = "Whether it is listed", body = SuppressionStatus),
        (status = 422, description = "Unknown channel or scope, or not an address", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/suppressions/check")]
pub async fn check(
    state: web::Data<AppState>,
    _caller: OperatorCaller,
    body: crate::json_body::Json<SuppressionRequest>,
) -> Result<web::Json<SuppressionStatus>, ApiError> {
    let body = body.into_inner()?;
    validate(&body)?;
    let now = state.clock.now();
    let scope = body.scope.clone();
    // Writes only when the hashing key does not exist yet.
    let listed = state
        .write(move |conn| {
            let hash = hash(conn, &body, now)?;
            Ok(store::is_suppressed(conn, &hash, &[body.scope.as_str()])?)
        })
        .await?;
    Ok(web::Json(SuppressionStatus { scope, listed }))
}
