//! Payments, statements and disputes of the operator's invoices.

use actix_web::http::StatusCode;
use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use ecom_domain::billing::payment_terms::lodge_dispute;
use ecom_domain::billing::InvoiceNumber;
use ecom_domain::TenantId;
use ecom_storage::{invoices, payments};
use ecom_types::billing::{
    DisputeRequest, DisputeView, PaymentView, PaymentWebhook, RegisterPaymentRequest, StatementView,
};
use ecom_types::Problem;
use hmac::{Hmac, Mac};
use rust_decimal::Decimal;
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
pub async fn statement(
    state: web::Data<AppState>,
    caller: AdminCaller,
) -> Result<web::Json<StatementView>, ApiError> {
    let tenant = caller.0.tenant;
    let now = state.clock.now();
    let client = state
        .read(move |conn| client_statement(conn, tenant, today(now)))
        .await?;
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
pub async fn operator_statement(
    state: web::Data<AppState>,
    _caller: OperatorCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<StatementView>, ApiError> {
    let tenant = TenantId(id.into_inner());
    let now = state.clock.now();
    let client = state
        .read(move |conn| client_statement(conn, tenant, today(now)))
        .await?;
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
    body: crate::json_body::Json<RegisterPaymentRequest>,
) -> Result<HttpResponse, ApiError> {
    let key = idempotency::key(&req)?;
    let body = body.into_inner()?;
    let hash = idempotency::request_hash(&body);
    let now = state.clock.now();
    let settings = state.settings.clone();
    let answer = state
        .write(move |conn| {
            // The Client's row first: requests for one Client queue here, so
            // one with the same key finds the first one's stored answer.
            ecom_storage::tenants::lock(conn, TenantId(body.tenant_id))?;
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
            idempotency::remember(
                conn,
                "operator_payment",
                &key,
                &hash,
                StatusCode::CREATED,
                &view,
                now,
            )
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
pub async fn webhook(
    state: web::Data<AppState>,
    req: HttpRequest,
    raw: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let secret = state
        .settings
        .payment_webhook_secret
        .clone()
        .ok_or_else(|| ApiError::NotFound {
            detail: "no such route".into(),
        })?;
    let now = state.clock.now();
    verify_signature(&req, &raw, &secret, now)?;
    if let Some(field) = crate::input_guard::nul_in_json(&raw) {
        return Err(crate::input_guard::refused(field));
    }
    let body: PaymentWebhook = serde_json::from_slice(&raw).map_err(|e| {
        if e.is_data() {
            ApiError::InvalidBody {
                detail: format!("the JSON body does not match the expected shape: {e}"),
            }
        } else {
            ApiError::BadRequest {
                code: "malformed_json",
                detail: format!("the body is not valid JSON: {e}"),
            }
        }
    })?;
    let hash = idempotency::request_hash(&body);
    let settings = state.settings.clone();
    let answer = state
        .write(move |conn| {
            // The Client's row first: a redelivery racing the first delivery
            // waits here, then replays its stored answer.
            ecom_storage::tenants::lock(conn, TenantId(body.tenant_id))?;
            if let Some(stored) =
                idempotency::replay(conn, "payment_webhook", &body.event_id, &hash)?
            {
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
            idempotency::remember(
                conn,
                "payment_webhook",
                &body.event_id,
                &hash,
                StatusCode::CREATED,
                &view,
                now,
            )
        })
        .await?;
    Ok(answer.into_response())
}

fn verify_signature(
    req: &HttpRequest,
    body: &[u8],
    secret: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ApiError> {
    let unauthorized = |detail: &str| ApiError::Unauthorized {
        code: "invalid_signature",
        detail: detail.into(),
    };
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
        return Err(unauthorized(
            "the signature header must be 't=<unix seconds>,v1=<hex>'",
        ));
    };
    if (now.timestamp() - timestamp).abs() > WEBHOOK_TOLERANCE_SECONDS {
        return Err(unauthorized(
            "the signature is older than 5 minutes (or from the future); a replay is refused",
        ));
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(body);
    // Constant-time comparison.
    mac.verify_slice(&signature)
        .map_err(|_| unauthorized("the signature does not match the body"))
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
    body: crate::json_body::Json<DisputeRequest>,
) -> Result<HttpResponse, ApiError> {
    let invoice_id = id.into_inner();
    let tenant = caller.0.tenant;
    let body = body.into_inner()?;
    let now = state.clock.now();
    let request_id = request_id(&req);
    let view = state
        .write(move |conn| {
            ecom_storage::tenants::lock(conn, tenant)?;
            let invoice = invoices::find_for_client(conn, tenant, invoice_id)?
                .ok_or_else(|| ApiError::not_found("invoice"))?;
            if payments::dispute_of(conn, tenant, invoice.id)?.is_some() {
                return Err(ApiError::Conflict {
                    code: "already_disputed",
                    detail: "this invoice was already disputed".into(),
                    field: None,
                });
            }
            let number = InvoiceNumber::parse(&invoice.number)
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            let account = client_statement(conn, tenant, today(now))?;
            // Unconditional full payment before the dispute counts as acceptance.
            let paid_in_full_on = account
                .statement
                .invoices
                .iter()
                .find(|l| l.number == number && l.open.principal.is_zero())
                .and_then(|_| {
                    account
                        .statement
                        .settlements
                        .iter()
                        .filter(|s| s.invoice == number)
                        .map(|s| s.on)
                        .max()
                });
            let lodged = lodge_dispute(
                &number,
                invoice.issue_date,
                &body.invoice_number,
                &body.reasons,
                today(now),
                paid_in_full_on,
            )
            .map_err(|refused| {
                use ecom_domain::billing::payment_terms::DisputeRefused as R;
                let field = |name: &str, code: &'static str| {
                    ApiError::field(
                        name,
                        ecom_domain::account::InvalidInput::new(code, refused.to_string()),
                    )
                };
                match refused {
                    R::TooLate { .. } => ApiError::Rule {
                        code: "dispute_window_closed",
                        detail: refused.to_string(),
                    },
                    R::WrongInvoiceNumber { .. } => field("invoice_number", "wrong_invoice_number"),
                    R::ReasonsMissing => field("reasons", "required"),
                    _ => ApiError::Rule {
                        code: "dispute_refused",
                        detail: refused.to_string(),
                    },
                }
            })?;
            payments::insert_dispute(conn, tenant, invoice.id, &lodged.reasons, now)?;
            let (kind, actor) = caller.0.caller.actor();
            Audit::new("invoice.disputed", (kind, Some(actor)), now)
                .tenant(tenant)
                .target("invoice", invoice.id)
                .request(request_id)
                .write(conn)?;
            ecom_storage::timeline::record(
                conn,
                tenant,
                now,
                "invoice_disputed",
                &format!("Invoice {} disputed", invoice.number),
                None,
            )?;
            Ok(DisputeView {
                invoice_number: invoice.number,
                lodged_at: now,
                reasons: lodged.reasons,
            })
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
    body: crate::json_body::Json<CreditNoteRequest>,
) -> Result<HttpResponse, ApiError> {
    let invoice_id = id.into_inner();
    let reason = body.into_inner()?.reason;
    if reason.trim().is_empty() {
        return Err(ApiError::field(
            "reason",
            ecom_domain::account::InvalidInput::new("required", "say why the invoice is credited"),
        ));
    }
    let now = state.clock.now();
    let request_id = request_id(&req);
    let summary = state
        .write(move |conn| {
            let invoice = invoices::find_in_operator_ledger(conn, invoice_id)?.ok_or_else(|| ApiError::not_found("invoice"))?;
            // The Client's row is the lock of its ledger: of credit notes
            // asked at once, the first is issued, the others see it.
            if let Some(client) = invoice.buyer_tenant_id {
                ecom_storage::tenants::lock(conn, client)?;
            }
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

fn mask_iban(iban: &str) -> String {
    let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    let (head, tail) = (
        compact.get(..4).unwrap_or(""),
        compact.get(compact.len().saturating_sub(4)..).unwrap_or(""),
    );
    format!("{head} **** **** {tail}")
}

fn method_view(
    mandate: Option<ecom_storage::payments::Mandate>,
) -> ecom_types::billing::PaymentMethodView {
    match mandate {
        Some(m) => ecom_types::billing::PaymentMethodView {
            method: "direct_debit".into(),
            iban: Some(mask_iban(&m.iban)),
            account_holder: Some(m.account_holder),
            mandate_id: Some(m.mandate_id),
            mandate_signed_on: Some(m.signed_on),
        },
        None => ecom_types::billing::PaymentMethodView {
            method: "credit_transfer".into(),
            iban: None,
            account_holder: None,
            mandate_id: None,
            mandate_signed_on: None,
        },
    }
}

/// How the Client pays: credit transfer, or SEPA Direct Debit with its mandate.
#[utoipa::path(
    tag = "invoices",
    responses(
        (status = 200, description = "The payment method", body = ecom_types::billing::PaymentMethodView),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/billing/payment-method")]
pub async fn get_payment_method(
    state: web::Data<AppState>,
    caller: AdminCaller,
) -> Result<web::Json<ecom_types::billing::PaymentMethodView>, ApiError> {
    let tenant = caller.0.tenant;
    let mandate = state
        .read(move |conn| Ok(payments::active_mandate(conn, tenant)?))
        .await?;
    Ok(web::Json(method_view(mandate)))
}

/// Chooses how to pay the next invoices. `direct_debit` signs a SEPA Core
/// mandate for the given account (invoices are then collected on their
/// date); `credit_transfer` revokes it (invoices are due 14 days after their date).
#[utoipa::path(
    tag = "invoices",
    request_body = ecom_types::billing::PaymentMethodRequest,
    responses(
        (status = 200, description = "Saved", body = ecom_types::billing::PaymentMethodView),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown method, invalid IBAN or no account holder", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[put("/billing/payment-method")]
pub async fn set_payment_method(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: AdminCaller,
    body: crate::json_body::Json<ecom_types::billing::PaymentMethodRequest>,
) -> Result<web::Json<ecom_types::billing::PaymentMethodView>, ApiError> {
    use ecom_domain::account::InvalidInput;
    let body = body.into_inner()?;
    let tenant = caller.0.tenant;
    let now = state.clock.now();
    let mut checks = crate::error::FieldChecks::default();
    let mandate_input = match body.method.as_str() {
        "credit_transfer" => None,
        "direct_debit" => {
            let iban = checks.check(
                "iban",
                ecom_domain::billing::Iban::parse(body.iban.as_deref().unwrap_or("")).map_err(
                    |e| {
                        InvalidInput::new(
                            "invalid_iban",
                            format!("{e}; give the account to debit, e.g. BE71 0961 2345 6769"),
                        )
                    },
                ),
            );
            let bic = match body.bic.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
                Some(raw) => checks.check(
                    "bic",
                    ecom_domain::billing::Bic::parse(raw)
                        .map(|b| Some(b.as_str().to_owned()))
                        .map_err(|e| InvalidInput::new("invalid_bic", e.to_string())),
                ),
                None => Some(None),
            };
            let holder = checks.check(
                "account_holder",
                ecom_domain::account::parse_text(
                    body.account_holder.as_deref().unwrap_or(""),
                    "the account holder",
                    70,
                ),
            );
            Some((iban, bic, holder))
        }
        _ => {
            checks.push(
                "method",
                "invalid_method",
                "the method is `direct_debit` or `credit_transfer`",
            );
            None
        }
    };
    checks.finish()?;
    let request_id = request_id(&req);
    let mandate = state
        .write(move |conn| {
            payments::revoke_mandates(conn, tenant, now)?;
            let mandate = match mandate_input {
                Some((Some(iban), Some(bic), Some(holder))) => {
                    let mandate = payments::Mandate {
                        mandate_id: format!("ECOM-{}", Uuid::now_v7().simple().to_string()[..20].to_ascii_uppercase()),
                        tenant_id: tenant,
                        iban: iban.as_str().to_owned(),
                        bic,
                        account_holder: holder,
                        signed_on: today(now),
                    };
                    payments::insert_mandate(conn, &mandate, now)?;
                    Some(mandate)
                }
                _ => None,
            };
            let (kind, actor) = caller.0.caller.actor();
            Audit::new("billing.payment_method_changed", (kind, Some(actor)), now)
                .tenant(tenant)
                .details(serde_json::json!({ "method": if mandate.is_some() { "direct_debit" } else { "credit_transfer" }, "mandate": mandate.as_ref().map(|m| m.mandate_id.clone()) }))
                .request(request_id)
                .write(conn)?;
            Ok(mandate)
        })
        .await?;
    Ok(web::Json(method_view(mandate)))
}

/// `GET /api/v1/operator/direct-debits` query.
#[derive(Debug, Clone, serde::Deserialize, utoipa::IntoParams)]
pub struct CollectionDate {
    /// The collection date (YYYY-MM-DD): invoices collected by direct debit that are due then.
    pub collection_date: chrono::NaiveDate,
}

/// The SEPA Direct Debit batch (ISO 20022 pain.008.001.02) of every invoice
/// collected by direct debit on a date, to upload to the bank.
#[utoipa::path(
    tag = "operator",
    params(CollectionDate),
    responses(
        (status = 200, description = "The pain.008 XML", content_type = "application/xml"),
        (status = 404, description = "Nothing to collect that day", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[get("/operator/direct-debits")]
pub async fn direct_debits(
    state: web::Data<AppState>,
    _caller: OperatorCaller,
    query: crate::query_params::Query<CollectionDate>,
) -> Result<HttpResponse, ApiError> {
    use ecom_documents::{Creditor, DirectDebitBatch, DirectDebitTransaction, SequenceType};
    let date = query.into_inner()?.collection_date;
    let now = state.clock.now();
    let settings = state.settings.clone();
    let batch = state
        .read(move |conn| {
            let mut transactions = Vec::new();
            for invoice in invoices::direct_debits_due(conn, date)? {
                let record = crate::billing::record(&invoice)?;
                let (Some(mandate), Some(client)) =
                    (record.mandate.clone(), invoice.buyer_tenant_id)
                else {
                    continue;
                };
                // A credited part is never collected: e.g. the renewal
                // invoice of a term that will not run (terms art. 15 (2)).
                let credited: Decimal = invoices::credit_notes_for(conn, client, invoice.id)?
                    .iter()
                    .map(|note| ecom_domain::money::from_cents(note.total_incl_vat_cents))
                    .sum();
                let amount = record.amount_due - credited;
                if amount <= Decimal::ZERO {
                    continue;
                }
                let first = !invoices::had_direct_debit_before(conn, client, date)?;
                transactions.push(DirectDebitTransaction {
                    end_to_end_id: invoice.number.clone(),
                    amount,
                    mandate_id: mandate.mandate_id,
                    mandate_signature_date: mandate.signed_on,
                    sequence_type: if first {
                        SequenceType::First
                    } else {
                        SequenceType::Recurring
                    },
                    debtor_name: mandate.account_holder,
                    debtor_iban: mandate.iban,
                    debtor_bic: mandate.bic,
                    structured_reference: invoice.structured_communication.clone(),
                });
            }
            Ok(transactions)
        })
        .await?;
    if batch.is_empty() {
        return Err(ApiError::NotFound {
            detail: format!("no invoice is collected by direct debit on {date}"),
        });
    }
    let xml = ecom_documents::to_pain_008(&DirectDebitBatch {
        message_id: format!("ECOM-DD-{}", date.format("%Y%m%d")),
        created_at: now.naive_utc(),
        creditor: Creditor {
            name: crate::billing::OPERATOR_NAME.into(),
            iban: settings.operator_iban.clone(),
            bic: settings.operator_bic.clone(),
            creditor_id: settings.operator_creditor_id.clone(),
        },
        collection_date: date,
        transactions: batch,
    })
    .map_err(|e| ApiError::Rule {
        code: "direct_debit_batch_invalid",
        detail: e.to_string(),
    })?;
    Ok(HttpResponse::Ok()
        .content_type("application/xml")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"ecom-direct-debits-{date}.xml\""),
        ))
        .body(xml))
}

/// `POST /api/v1/operator/invoices/{id}/collection-costs`.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CollectionCostRequest {
    /// EUR actually spent on collecting this invoice.
    #[schema(value_type = String, example = "35.00")]
    pub amount: rust_decimal::Decimal,
    pub incurred_on: chrono::NaiveDate,
    /// What the cost was (e.g. a bailiff's letter).
    pub description: String,
}

/// Records collection costs actually incurred on an invoice (terms art. 11);
/// a payment pays them first. Business Clients only.
#[utoipa::path(
    tag = "operator",
    params(("id" = Uuid, Path, description = "The invoice's id")),
    request_body = CollectionCostRequest,
    responses(
        (status = 201, description = "Recorded; the Client's statement", body = StatementView),
        (status = 404, description = "No such invoice", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid amount, or a consumer Client", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/invoices/{id}/collection-costs")]
pub async fn collection_cost(
    state: web::Data<AppState>,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<CollectionCostRequest>,
) -> Result<HttpResponse, ApiError> {
    let invoice_id = id.into_inner();
    let body = body.into_inner()?;
    let cents = ecom_domain::money::to_cents(body.amount)
        .filter(|c| *c > 0)
        .ok_or_else(|| {
            ApiError::field(
                "amount",
                ecom_domain::account::InvalidInput::new(
                    "invalid_amount",
                    "a positive amount in EUR",
                ),
            )
        })?;
    let description = ecom_domain::account::parse_text(&body.description, "the description", 200)
        .map_err(|e| ApiError::field("description", e))?;
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            let invoice = invoices::find_in_operator_ledger(conn, invoice_id)?
                .ok_or_else(|| ApiError::not_found("invoice"))?;
            let tenant = invoice
                .buyer_tenant_id
                .ok_or_else(|| ApiError::Internal("no Client".into()))?;
            ecom_storage::tenants::lock(conn, tenant)?;
            payments::add_collection_cost(
                conn,
                tenant,
                invoice.id,
                cents,
                body.incurred_on,
                &description,
                now,
            )?;
            let account = client_statement(conn, tenant, today(now)).map_err(|e| match e {
                ApiError::Internal(m) if m.contains("statement") => ApiError::Rule {
                    code: "collection_costs_refused",
                    detail: format!("collection costs cannot be charged here: {m}"),
                },
                other => other,
            })?;
            Audit::new(
                "invoice.collection_cost_recorded",
                ("operator", Some(caller.operator.0)),
                now,
            )
            .tenant(tenant)
            .target("invoice", invoice.id)
            .details(serde_json::json!({ "amount_cents": cents }))
            .write(conn)?;
            Ok(view(&account))
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Cancels the order behind an overdue invoice for non-payment: liquidated
/// damages of 20 % of its price excl. VAT, at least EUR 100, become due
/// (terms art. 11). Business Clients only.
#[utoipa::path(
    tag = "operator",
    params(("id" = Uuid, Path, description = "The invoice's id")),
    responses(
        (status = 200, description = "Cancelled; the Client's statement", body = StatementView),
        (status = 404, description = "No such invoice", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already cancelled", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The invoice is not overdue, or a consumer Client", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/invoices/{id}/cancel-for-non-payment")]
pub async fn cancel_for_non_payment(
    state: web::Data<AppState>,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
) -> Result<web::Json<StatementView>, ApiError> {
    let invoice_id = id.into_inner();
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            let invoice = invoices::find_in_operator_ledger(conn, invoice_id)?
                .ok_or_else(|| ApiError::not_found("invoice"))?;
            let tenant = invoice
                .buyer_tenant_id
                .ok_or_else(|| ApiError::Internal("no Client".into()))?;
            ecom_storage::tenants::lock(conn, tenant)?;
            let before = client_statement(conn, tenant, today(now))?;
            if before.consumer {
                return Err(ApiError::Rule {
                    code: "consumer_client",
                    detail: "liquidated damages do not apply to a consumer (Book XIX)".into(),
                });
            }
            let overdue = before
                .statement
                .invoices
                .iter()
                .any(|l| l.number.to_string() == invoice.number && l.is_overdue(today(now)));
            if !overdue {
                return Err(ApiError::Rule {
                    code: "not_overdue",
                    detail: format!("invoice {} is not overdue", invoice.number),
                });
            }
            if !payments::cancel_for_non_payment(conn, tenant, invoice.id, today(now), now)? {
                return Err(ApiError::Conflict {
                    code: "already_cancelled",
                    detail: "this order was already cancelled for non-payment".into(),
                    field: None,
                });
            }
            Audit::new(
                "invoice.cancelled_for_non_payment",
                ("operator", Some(caller.operator.0)),
                now,
            )
            .tenant(tenant)
            .target("invoice", invoice.id)
            .write(conn)?;
            ecom_storage::timeline::record(
                conn,
                tenant,
                now,
                "cancelled_for_non_payment",
                &format!(
                    "The order of invoice {} was cancelled for non-payment",
                    invoice.number
                ),
                None,
            )?;
            Ok(view(&client_statement(conn, tenant, today(now))?))
        })
        .await?;
    Ok(web::Json(view))
}
