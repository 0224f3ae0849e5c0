//! Payments, statements and disputes of the operator's invoices.

use actix_web::http::StatusCode;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use ecom_domain::billing::payment_terms::lodge_dispute;
use ecom_domain::billing::InvoiceNumber;
use ecom_domain::TenantId;
use ecom_storage::{invoices, payments};
use ecom_types::billing::{DisputeRequest, DisputeView, PaymentView, PaymentWebhook, RegisterPaymentRequest, StatementView};
use ecom_types::Problem;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::{caller::request_id, AdminCaller, OperatorCaller};
use crate::collections::record_payment;
use crate::error::ApiError;
use crate::idempotency::{self, Answer};
use crate::state::AppState;
use crate::statement::{client_statement, view};
use crate::subscription::today;

/// The Client's statement: each invoice's open principal, interest and
/// compensation to date, and what every payment paid. Administrator only.
#[utoipa::path(
    tag = "invoices",
    responses(
        (status = 200, description = "The statement", body = StatementView),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/billing/statement")]
pub async fn statement(state: web::Data<AppState>, caller: AdminCaller) -> Result<web::Json<StatementView>, ApiError> {
    let tenant = caller.0.tenant;
    let now = state.clock.now();
    let client = state.read(move |conn| client_statement(conn, tenant, today(now))).await?;
    Ok(web::Json(view(&client)))
}

/// A Client's statement, for the operator.
#[utoipa::path(
    tag = "operator",
    params(("id" = Uuid, Path, description = "The tenant's id")),
    responses(
        (status = 200, description = "The statement", body = StatementView),
        (status = 404, description = "No such tenant", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[get("/operator/tenants/{id}/statement")]
pub async fn operator_statement(state: web::Data<AppState>, _caller: OperatorCaller, id: web::Path<Uuid>) -> Result<web::Json<StatementView>, ApiError> {
    let tenant = TenantId(id.into_inner());
    let now = state.clock.now();
    let client = state.read(move |conn| client_statement(conn, tenant, today(now))).await?;
    Ok(web::Json(view(&client)))
}

/// Registers a payment received from a Client. Requires an
/// `Idempotency-Key`: retrying with the same key returns the first answer;
/// the same key with another body is 409.
#[utoipa::path(
    tag = "operator",
    request_body = RegisterPaymentRequest,
    params(("Idempotency-Key" = String, Header, description = "Unique per payment, e.g. a UUID")),
    responses(
        (status = 201, description = "Recorded, with what it paid", body = PaymentView),
        (status = 400, description = "No Idempotency-Key", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such tenant", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The key was used for another request", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid amount or date", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/payments")]
pub async fn register(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    body: web::Json<RegisterPaymentRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotency::key(&req)?;
    let body = body.into_inner();
    let hash = idempotency::request_hash(&body);
    let now = state.clock.now();
    let settings = state.settings.clone();
    let answer = state
        .write(move |conn| {
            if let Some(stored) = idempotency::replay(conn, "operator_payment", &key, &hash)? {
                return Ok(Answer::Replayed(stored));
            }
            let view = record_payment(
                conn,
                &settings,
                TenantId(body.tenant_id),
                body.amount,
                body.received_on,
                body.communication,
                format!("PAY-{}", Uuid::now_v7().simple()),
                "operator",
                ("operator", Some(caller.operator.0)),
                now,
            )?;
            idempotency::remember(conn, "operator_payment", &key, &hash, StatusCode::CREATED, &view, now)
        })
        .await?;
    Ok(answer.into_response())
}

/// How old a signed webhook may be (replay window).
const WEBHOOK_TOLERANCE_SECONDS: i64 = 300;

/// A payment provider reports a payment. The body is signed:
/// `Ecom-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`;
/// a signature older than 5 minutes is refused. The provider's `event_id`
/// makes redelivery harmless.
#[utoipa::path(
    tag = "operator",
    request_body = PaymentWebhook,
    params(("Ecom-Signature" = String, Header, description = "t=<unix seconds>,v1=<hex HMAC-SHA256>")),
    responses(
        (status = 201, description = "Recorded (or already recorded)", body = PaymentView),
        (status = 401, description = "Missing, wrong or stale signature", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Webhook not configured, or no such tenant", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The event id was used for another payment", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/webhooks/payments")]
pub async fn webhook(state: web::Data<AppState>, req: HttpRequest, raw: web::Bytes) -> Result<HttpResponse, ApiError> {
    let secret = state.settings.payment_webhook_secret.clone().ok_or_else(|| ApiError::NotFound { detail: "no such route".into() })?;
    let now = state.clock.now();
    verify_signature(&req, &raw, &secret, now)?;
    let body: PaymentWebhook = serde_json::from_slice(&raw).map_err(|e| {
        if e.is_data() {
            ApiError::InvalidBody { detail: format!("the JSON body does not match the expected shape: {e}") }
        } else {
            ApiError::BadRequest { code: "malformed_json", detail: format!("the body is not valid JSON: {e}") }
        }
    })?;
    let hash = idempotency::request_hash(&body);
    let settings = state.settings.clone();
    let answer = state
        .write(move |conn| {
            if let Some(stored) = idempotency::replay(conn, "payment_webhook", &body.event_id, &hash)? {
                return Ok(Answer::Replayed(stored));
            }
            let view = record_payment(
                conn,
                &settings,
                TenantId(body.tenant_id),
                body.amount,
                body.received_on,
                body.communication,
                format!("PSP-{}", body.event_id),
                "webhook",
                ("payment_provider", None),
                now,
            )?;
            idempotency::remember(conn, "payment_webhook", &body.event_id, &hash, StatusCode::CREATED, &view, now)
        })
        .await?;
    Ok(answer.into_response())
}

fn verify_signature(req: &HttpRequest, body: &[u8], secret: &str, now: chrono::DateTime<chrono::Utc>) -> Result<(), ApiError> {
    let unauthorized = |detail: &str| ApiError::Unauthorized { code: "invalid_signature", detail: detail.into() };
    let header = req
        .headers()
        .get("Ecom-Signature")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| unauthorized("send the 'Ecom-Signature: t=...,v1=...' header"))?;
    let mut timestamp = None;
    let mut signature = None;
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", v)) => signature = hex::decode(v).ok(),
            _ => {}
        }
    }
    let (Some(timestamp), Some(signature)) = (timestamp, signature) else {
        return Err(unauthorized("the signature header must be 't=<unix seconds>,v1=<hex>'"));
    };
    if (now.timestamp() - timestamp).abs() > WEBHOOK_TOLERANCE_SECONDS {
        return Err(unauthorized("the signature is older than 5 minutes (or from the future); a replay is refused"));
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).map_err(|e| ApiError::Internal(e.to_string()))?;
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(body);
    // Constant-time comparison.
    mac.verify_slice(&signature).map_err(|_| unauthorized("the signature does not match the body"))
}

/// Disputes an invoice: within 7 calendar days of its date, quoting its
/// number and giving reasons (terms art. 10). A dispute does not suspend the
/// duty to pay, nor interest or collection.
#[utoipa::path(
    tag = "invoices",
    params(("id" = Uuid, Path, description = "The invoice's id")),
    request_body = DisputeRequest,
    responses(
        (status = 201, description = "Dispute lodged", body = DisputeView),
        (status = 404, description = "No such invoice for this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already disputed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Too late (`dispute_window_closed`), wrong number or no reasons", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/invoices/{id}/dispute")]
pub async fn dispute(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: AdminCaller,
    id: web::Path<Uuid>,
    body: web::Json<DisputeRequest>,
) -> Result<HttpResponse, ApiError> {
    let invoice_id = id.into_inner();
    let tenant = caller.0.tenant;
    let body = body.into_inner();
    let now = state.clock.now();
    let request_id = request_id(&req);
    let view = state
        .write(move |conn| {
            let invoice = invoices::find_for_client(conn, tenant, invoice_id)?.ok_or_else(|| ApiError::not_found("invoice"))?;
            if payments::dispute_of(conn, tenant, invoice.id)?.is_some() {
                return Err(ApiError::Conflict { code: "already_disputed", detail: "this invoice was already disputed".into(), field: None });
            }
            let number = InvoiceNumber::parse(&invoice.number).map_err(|e| ApiError::Internal(e.to_string()))?;
            let account = client_statement(conn, tenant, today(now))?;
            // Unconditional full payment before the dispute counts as acceptance.
            let paid_in_full_on = account
                .statement
                .invoices
                .iter()
                .find(|l| l.number == number && l.open.principal.is_zero())
                .and_then(|_| account.statement.settlements.iter().filter(|s| s.invoice == number).map(|s| s.on).max());
            let lodged = lodge_dispute(&number, invoice.issue_date, &body.invoice_number, &body.reasons, today(now), paid_in_full_on).map_err(|refused| {
                let code = match refused {
                    ecom_domain::billing::payment_terms::DisputeRefused::TooLate { .. } => "dispute_window_closed",
                    _ => "dispute_refused",
                };
                ApiError::Rule { code, detail: refused.to_string() }
            })?;
            payments::insert_dispute(conn, tenant, invoice.id, &lodged.reasons, now)?;
            let (kind, actor) = caller.0.caller.actor();
            Audit::new("invoice.disputed", (kind, Some(actor)), now)
                .tenant(tenant)
                .target("invoice", invoice.id)
                .request(request_id)
                .write(conn)?;
            ecom_storage::timeline::record(conn, tenant, now, "invoice_disputed", &format!("Invoice {} disputed", invoice.number), None)?;
            Ok(DisputeView { invoice_number: invoice.number, lodged_at: now, reasons: lodged.reasons })
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// `POST /api/v1/operator/invoices/{id}/credit-note`.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreditNoteRequest {
    /// Why the invoice is credited; printed on the credit note.
    pub reason: String,
}

/// Credits an invoice in full with a credit note that references it (an
/// issued invoice never changes). The credit settles the invoice's open
/// principal; what was already paid stays as the Client's credit.
#[utoipa::path(
    tag = "operator",
    params(("id" = Uuid, Path, description = "The invoice's id")),
    request_body = CreditNoteRequest,
    responses(
        (status = 201, description = "The credit note", body = ecom_types::billing::InvoiceSummary),
        (status = 404, description = "No such invoice", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already credited", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason given", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/invoices/{id}/credit-note")]
pub async fn credit_note(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
    body: web::Json<CreditNoteRequest>,
) -> Result<HttpResponse, ApiError> {
    let invoice_id = id.into_inner();
    let reason = body.into_inner().reason;
    if reason.trim().is_empty() {
        return Err(ApiError::field("reason", ecom_domain::account::InvalidInput::new("required", "say why the invoice is credited")));
    }
    let now = state.clock.now();
    let request_id = request_id(&req);
    let summary = state
        .write(move |conn| {
            let invoice = invoices::find_in_operator_ledger(conn, invoice_id)?.ok_or_else(|| ApiError::not_found("invoice"))?;
            if invoice.kind != "invoice" {
                return Err(ApiError::Rule { code: "not_an_invoice", detail: "a credit note cannot be credited".into() });
            }
            let note = crate::billing::credit_in_full(conn, &invoice, &reason, today(now), now)?;
            let tenant = invoice.buyer_tenant_id.ok_or_else(|| ApiError::Internal("no Client".into()))?;
            Audit::new("invoice.credited", ("operator", Some(caller.operator.0)), now)
                .tenant(tenant)
                .target("invoice", invoice.id)
                .details(serde_json::json!({ "credit_note": note.number, "total_incl_vat_cents": note.total_incl_vat_cents }))
                .request(request_id)
                .write(conn)?;
            ecom_storage::timeline::record(conn, tenant, now, "invoice_credited", &format!("Invoice {} credited by credit note {}", invoice.number, note.number), None)?;
            Ok(crate::routes::invoices::summary(&note))
        })
        .await?;
    Ok(HttpResponse::Created().json(summary))
}
