//! The operator's queue of data-subject requests
//! (`/api/v1/operator/privacy/requests`): file for someone who wrote in,
//! list by deadline with overdue ones flagged, verify identity, extend,
//! carry out, reject, lift a restriction, download an export.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use ecom_domain::retention::requests::{self as rules, RequestStatus, Right};
use ecom_storage::privacy::requests::{self, PrivacyRequest};
use ecom_storage::privacy::restrictions;
use ecom_storage::DbConnection;
use ecom_types::privacy::{
    CompletePrivacyRequest, ExtendPrivacyRequest, OperatorFilePrivacyRequest,
    OperatorVerifyPrivacyRequest, PrivacyRequestList, PrivacyRequestView, RejectPrivacyRequest,
    TableCount,
};
use ecom_types::Problem;
use serde::Deserialize;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::{caller::request_id, OperatorCaller};
use crate::error::{ApiError, FieldChecks};
use crate::privacy;
use crate::state::AppState;

fn actor(caller: &OperatorCaller) -> (&'static str, Option<Uuid>) {
    ("operator", Some(caller.operator.0))
}

fn find(conn: &mut DbConnection, id: Uuid) -> Result<PrivacyRequest, ApiError> {
    requests::find_for_operator(conn, id)?.ok_or_else(|| ApiError::NotFound {
        detail: "no privacy request with that id".into(),
    })
}

/// The export zip of the person a request is about.
pub fn person_zip(
    conn: &mut DbConnection,
    request: &PrivacyRequest,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, ApiError> {
    if !matches!(request.right, Right::Access | Right::Portability) {
        return Err(ApiError::Rule {
            code: "no_export",
            detail: "only an access or portability request has an export".into(),
        });
    }
    if !privacy::export_available(request) {
        return Err(ApiError::Rule {
            code: "identity_not_verified",
            detail: "the export is available once the identity is verified".into(),
        });
    }
    let person = privacy::subject(conn, request)?;
    let tables = privacy::person_tables(conn, &person)?;
    let manifest = serde_json::json!({
        "request_id": request.id,
        "right": request.right.as_str(),
        "exported_at": now,
        "tables": tables.iter().map(|t| TableCount { table: t.name.clone(), rows: t.rows.len() as i64 }).collect::<Vec<_>>(),
    });
    crate::export::zip(&tables, &manifest)
}

/// Files a request for someone who wrote in (e-mail, letter, phone). The
/// deadline runs from `received_at`.
#[utoipa::path(
    tag = "data-subject-requests",
    request_body = OperatorFilePrivacyRequest,
    responses(
        (status = 201, description = "Filed", body = PrivacyRequestView),
        (status = 403, description = "Not an operator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid address, right, details or a receipt in the future", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/privacy/requests")]
pub async fn file(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    body: crate::json_body::Json<OperatorFilePrivacyRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let mut checks = FieldChecks::default();
    let email = checks
        .check(
            "subject_email",
            ecom_domain::EmailAddress::parse(&body.subject_email),
        )
        .map(|e| e.as_str().to_owned());
    let details = privacy::parse_details(&mut checks, body.details.as_deref());
    let received_at = body.received_at.unwrap_or(now);
    if received_at > now {
        checks.push(
            "received_at",
            "in_the_future",
            "the request cannot have been received in the future",
        );
    }
    checks.finish()?;
    let email =
        email.ok_or_else(|| ApiError::Internal("validation passed without an address".into()))?;
    let request_id = request_id(&req);
    let who = actor(&caller);
    let filed = state
        .write(move |conn| {
            privacy::file(
                conn,
                None,
                &email,
                privacy::right_of(body.right),
                details,
                "operator",
                received_at,
                who,
                request_id,
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(privacy::view(&filed, now)))
}

/// Query of the queue.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct QueueQuery {
    /// `open` (default): requests still to answer; `all`: closed ones too.
    pub status: Option<String>,
}

/// The queue: open requests by deadline (the extended one when extended),
/// overdue ones flagged; with `status=all` closed ones follow, newest first.
#[utoipa::path(
    tag = "data-subject-requests",
    params(QueueQuery),
    responses(
        (status = 200, description = "The queue", body = PrivacyRequestList),
        (status = 400, description = "Unknown status filter", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an operator", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[get("/operator/privacy/requests")]
pub async fn queue(
    state: web::Data<AppState>,
    _caller: OperatorCaller,
    query: crate::query_params::Query<QueueQuery>,
) -> Result<web::Json<PrivacyRequestList>, ApiError> {
    let query = query.into_inner()?;
    let open_only = match query.status.as_deref() {
        None | Some("open") => true,
        Some("all") => false,
        Some(other) => {
            return Err(ApiError::BadRequest {
                code: "invalid_status_filter",
                detail: format!("status must be `open` or `all`, not {other:?}"),
            })
        }
    };
    let now = state.clock.now();
    let items = state
        .read(move |conn| Ok(requests::queue_for_operator(conn, open_only, 500)?))
        .await?;
    Ok(web::Json(PrivacyRequestList {
        items: items.iter().map(|r| privacy::view(r, now)).collect(),
    }))
}

/// E-mails a one-time code to the person's address (their account's if they have one).
#[utoipa::path(
    tag = "data-subject-requests",
    params(("id" = Uuid, Path, description = "The request's id")),
    responses(
        (status = 200, description = "Code sent", body = PrivacyRequestView),
        (status = 404, description = "No such request", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not awaiting verification", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/privacy/requests/{id}/verification-code")]
pub async fn send_code(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<PrivacyRequestView>, ApiError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let (request_id, who) = (request_id(&req), actor(&caller));
    let request = state
        .write(move |conn| {
            let mut request = find(conn, id)?;
            privacy::send_code(conn, &mut request, who, request_id, now)?;
            Ok(request)
        })
        .await?;
    Ok(web::Json(privacy::view(&request, now)))
}

/// Records how the person's identity was verified (e.g. the front of the
/// identity card, privacy statement). Access and portability are then ready.
#[utoipa::path(
    tag = "data-subject-requests",
    params(("id" = Uuid, Path, description = "The request's id")),
    request_body = OperatorVerifyPrivacyRequest,
    responses(
        (status = 200, description = "Verified", body = PrivacyRequestView),
        (status = 404, description = "No such request", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not awaiting verification", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid method", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/privacy/requests/{id}/verify")]
pub async fn verify(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<OperatorVerifyPrivacyRequest>,
) -> Result<web::Json<PrivacyRequestView>, ApiError> {
    let method = body.into_inner()?.method.trim().to_owned();
    if method.is_empty()
        || method.len() > 50
        || !method
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err(ApiError::field(
            "method",
            ecom_domain::account::InvalidInput::new("invalid_method", "name the method in lower case letters, digits and _ (e.g. identity_card_front), at most 50"),
        ));
    }
    let id = id.into_inner();
    let now = state.clock.now();
    let (request_id, who) = (request_id(&req), actor(&caller));
    let request = state
        .write(move |conn| {
            let mut request = find(conn, id)?;
            privacy::mark_verified(
                conn,
                &mut request,
                &format!("operator:{method}"),
                who,
                request_id,
                now,
            )?;
            Ok(request)
        })
        .await?;
    Ok(web::Json(privacy::view(&request, now)))
}

/// Extends the deadline by two months, once, with a reason, before it passes.
#[utoipa::path(
    tag = "data-subject-requests",
    params(("id" = Uuid, Path, description = "The request's id")),
    request_body = ExtendPrivacyRequest,
    responses(
        (status = 200, description = "Extended", body = PrivacyRequestView),
        (status = 404, description = "No such request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Already extended, closed, past the deadline or no reason", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/privacy/requests/{id}/extend")]
pub async fn extend(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<ExtendPrivacyRequest>,
) -> Result<web::Json<PrivacyRequestView>, ApiError> {
    let reason = body.into_inner()?.reason.trim().to_owned();
    if reason.chars().count() > 500 {
        return Err(ApiError::field(
            "reason",
            ecom_domain::account::InvalidInput::new(
                "too_long",
                "the reason must be at most 500 characters",
            ),
        ));
    }
    let id = id.into_inner();
    let now = state.clock.now();
    let (request_id, who) = (request_id(&req), actor(&caller));
    let request = state
        .write(move |conn| {
            let mut request = find(conn, id)?;
            let until = rules::extend(
                request.status,
                request.due_at,
                request.extended_due_at.is_some(),
                &reason,
                now,
            )
            .map_err(|refused| ApiError::Rule {
                code: "extension_refused",
                detail: refused.to_string(),
            })?;
            request.extended_due_at = Some(until);
            request.extension_reason = Some(reason);
            requests::save(conn, &request, now)?;
            Audit::new("privacy_request.extended", who, now)
                .tenant(request.account.map(|(t, _)| t))
                .target("privacy_request", request.id)
                .request(request_id)
                .write(conn)?;
            Ok(request)
        })
        .await?;
    Ok(web::Json(privacy::view(&request, now)))
}

/// Carries the request out: rectification applies the corrected fields,
/// erasure removes what may be removed and answers item by item what was
/// kept and why; access and portability close with the export ready.
#[utoipa::path(
    tag = "data-subject-requests",
    params(("id" = Uuid, Path, description = "The request's id")),
    request_body = CompletePrivacyRequest,
    responses(
        (status = 200, description = "Done; the outcome says what was done", body = PrivacyRequestView),
        (status = 404, description = "No such request", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Identity not verified, invalid corrected fields, or erasure of a running contract's Administrator (`needed_for_the_contract`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/privacy/requests/{id}/complete")]
pub async fn complete(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<CompletePrivacyRequest>,
) -> Result<web::Json<PrivacyRequestView>, ApiError> {
    let body = body.into_inner()?;
    let id = id.into_inner();
    let now = state.clock.now();
    let (request_id, who) = (request_id(&req), actor(&caller));
    let request = state
        .write(move |conn| {
            let mut request = find(conn, id)?;
            let person = privacy::subject(conn, &request)?;
            privacy::carry_out(
                conn,
                &mut request,
                &person,
                body.rectification.as_ref(),
                now,
            )?;
            requests::save(conn, &request, now)?;
            Audit::new("privacy_request.completed", who, now)
                .tenant(request.account.map(|(t, _)| t))
                .target("privacy_request", request.id)
                .details(serde_json::json!({ "right": request.right.as_str() }))
                .request(request_id)
                .write(conn)?;
            Ok(request)
        })
        .await?;
    Ok(web::Json(privacy::view(&request, now)))
}

/// Refuses a request, with the reason told to the person.
#[utoipa::path(
    tag = "data-subject-requests",
    params(("id" = Uuid, Path, description = "The request's id")),
    request_body = RejectPrivacyRequest,
    responses(
        (status = 200, description = "Rejected", body = PrivacyRequestView),
        (status = 404, description = "No such request", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already closed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/privacy/requests/{id}/reject")]
pub async fn reject(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<RejectPrivacyRequest>,
) -> Result<web::Json<PrivacyRequestView>, ApiError> {
    let reason = ecom_domain::account::parse_text(&body.into_inner()?.reason, "the reason", 500)
        .map_err(|e| ApiError::field("reason", e))?;
    let id = id.into_inner();
    let now = state.clock.now();
    let (request_id, who) = (request_id(&req), actor(&caller));
    let request = state
        .write(move |conn| {
            let mut request = find(conn, id)?;
            if !request.status.is_open() {
                return Err(ApiError::Conflict {
                    code: "request_closed",
                    detail: "this request is closed already".into(),
                    field: None,
                });
            }
            request.status = RequestStatus::Rejected;
            request.closed_at = Some(now);
            request.code_hash = None;
            request.outcome = serde_json::to_string(&ecom_types::privacy::RequestOutcome {
                summary: reason,
                items: Vec::new(),
            })
            .ok();
            requests::save(conn, &request, now)?;
            Audit::new("privacy_request.rejected", who, now)
                .tenant(request.account.map(|(t, _)| t))
                .target("privacy_request", request.id)
                .request(request_id)
                .write(conn)?;
            Ok(request)
        })
        .await?;
    Ok(web::Json(privacy::view(&request, now)))
}

/// Lifts the restriction a restriction request put in force.
#[utoipa::path(
    tag = "data-subject-requests",
    params(("id" = Uuid, Path, description = "The restriction request's id")),
    responses(
        (status = 200, description = "Lifted", body = PrivacyRequestView),
        (status = 404, description = "No such request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a restriction, or none in force", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/privacy/requests/{id}/lift-restriction")]
pub async fn lift_restriction(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<PrivacyRequestView>, ApiError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let (request_id, who) = (request_id(&req), actor(&caller));
    let request = state
        .write(move |conn| {
            let request = find(conn, id)?;
            if request.right != Right::Restriction {
                return Err(ApiError::Rule {
                    code: "not_a_restriction",
                    detail: "only a restriction request can be lifted".into(),
                });
            }
            if !restrictions::lift(conn, &request.subject_email, now)? {
                return Err(ApiError::Rule {
                    code: "no_restriction",
                    detail: "no restriction is in force for this person".into(),
                });
            }
            Audit::new("privacy_request.restriction_lifted", who, now)
                .tenant(request.account.map(|(t, _)| t))
                .target("privacy_request", request.id)
                .request(request_id)
                .write(conn)?;
            Ok(request)
        })
        .await?;
    Ok(web::Json(privacy::view(&request, now)))
}

/// The person's export (access or portability, identity verified), to send them.
#[utoipa::path(
    tag = "data-subject-requests",
    params(("id" = Uuid, Path, description = "The request's id")),
    responses(
        (status = 200, description = "The zip", content_type = "application/zip", body = Vec<u8>),
        (status = 404, description = "No such request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No export for this request (yet)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[get("/operator/privacy/requests/{id}/export")]
pub async fn export(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let (request_id, who) = (request_id(&req), actor(&caller));
    let bytes = state
        .write(move |conn| {
            let request = find(conn, id)?;
            let bytes = person_zip(conn, &request, now)?;
            Audit::new("privacy_request.exported", who, now)
                .tenant(request.account.map(|(t, _)| t))
                .target("privacy_request", request.id)
                .request(request_id)
                .write(conn)?;
            Ok(bytes)
        })
        .await?;
    Ok(crate::export::download(
        bytes,
        &format!("privacy-request-{id}.zip"),
    ))
}
