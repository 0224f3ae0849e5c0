//! `POST /api/v1/sales-invoices/{id}/payments`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::money::{from_cents, round_to_cent};
use ecom_storage::sales::{self as store, SalesPaymentRow};
use ecom_types::sales::{SalesInvoiceView, SalesPaymentInput};
use ecom_types::Problem;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::error::{ApiError, FieldChecks};
use crate::sales;
use crate::state::AppState;

/// Records a payment received for an issued invoice. The engine allocates
/// it as the late-payment rules require: compensation, then interest, then
/// the principal (terms art. 10 order; with the policy `none` all goes to
/// the principal). **An overpayment is refused** (422 `overpayment`, with
/// what is owed): the invoice's balance never goes negative; register only
/// what this invoice is owed and refund or re-book the rest.
#[utoipa::path(
    tag = "sales-invoices",
    params(("id" = Uuid, Path, description = "The sales invoice's id")),
    request_body(content = SalesPaymentInput, example = json!({ "amount": "500.00", "received_on": "2026-11-30", "reference": "+++090/9337/55493+++" })),
    responses(
        (status = 201, description = "Recorded; the invoice with its new balance", body = SalesInvoiceView),
        (status = 404, description = "No such sales invoice in this account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid amount or date, a draft (`not_issued`), or more than owed (`overpayment`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/sales-invoices/{id}/payments")]
pub async fn register(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<SalesPaymentInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, body) = (id.into_inner(), body.into_inner()?);
    let now = state.clock.now();
    let today = crate::subscription::today(now);
    let received_on = body.received_on.unwrap_or(today);
    let mut checks = FieldChecks::default();
    if body.amount <= Decimal::ZERO || round_to_cent(body.amount) != body.amount {
        checks.push(
            "amount",
            "invalid_amount",
            "the amount must be more than zero, in euros with at most two decimals",
        );
    }
    if received_on > today {
        checks.push(
            "received_on",
            "in_the_future",
            "a payment cannot be received after today",
        );
    }
    if body
        .reference
        .as_deref()
        .is_some_and(|r| r.chars().count() > 140)
    {
        checks.push("reference", "too_long", "at most 140 characters");
    }
    checks.finish()?;
    let request_id = request_id(&req);
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Invoicing, Access::Write, now)?;
            let mut si = super::lock(conn, caller.tenant, id)?;
            let stored = sales::issued_document(conn, caller.tenant, &si)?;
            if received_on < stored.issue_date {
                return Err(ApiError::Validation(vec![ecom_types::FieldError {
                    field: "received_on".into(),
                    code: "before_invoice".into(),
                    message: format!("the invoice is dated {}; a payment for it cannot be earlier", stored.issue_date),
                }]));
            }
            let settings = sales::settings(conn, caller.tenant, now)?;
            // Allocate with the engine as of today; anything left over is an overpayment.
            let with_it = sales::statement(conn, caller.tenant, &si, &stored, &settings, Some((received_on, body.amount)), today)?;
            if with_it.unallocated_credit > Decimal::ZERO {
                let before = sales::statement(conn, caller.tenant, &si, &stored, &settings, None, today)?;
                let owed = before.invoices.first().map(|l| l.open.total()).unwrap_or(Decimal::ZERO);
                return Err(ApiError::Rule {
                    code: "overpayment",
                    detail: format!("EUR {} is more than the EUR {} owed on invoice {}; register at most what is owed", sales::eur(body.amount), sales::eur(owed), stored.number),
                });
            }
            let payment = SalesPaymentRow {
                id: store::id_string(Uuid::now_v7()),
                tenant_id: String::new(),
                sales_invoice_id: store::id_string(si.id),
                amount_cents: crate::billing::cents(body.amount)?,
                received_on,
                reference: body.reference.map(|r| r.trim().to_owned()).filter(|r| !r.is_empty()),
                created_at: store::db_time(now),
            };
            store::insert_payment(conn, caller.tenant, &payment)?;
            sales::refresh_balance(conn, caller.tenant, &mut si, &stored, &settings, today)?;
            si.updated_at = now;
            store::update_sales_invoice(conn, caller.tenant, &si, "issued")?;
            crate::events::record(
                conn,
                caller.tenant,
                "payment",
                "created",
                Uuid::parse_str(&payment.id).unwrap_or_default(),
                &serde_json::json!({ "sales_invoice_id": si.id, "amount": from_cents(payment.amount_cents), "received_on": received_on, "open_amount": from_cents(si.open_principal_cents) }),
                now,
            )?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("sales_payment.created", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("sales_invoice", si.id)
                .details(serde_json::json!({ "amount_cents": payment.amount_cents, "received_on": received_on }))
                .request(request_id)
                .write(conn)?;
            super::view(conn, caller.tenant, &si, today, now)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
