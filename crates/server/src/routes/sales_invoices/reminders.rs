//! `POST /api/v1/sales-invoices/{id}/reminders`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use ecom_domain::billing::LatePaymentPolicy;
use ecom_domain::contract::Module;
use ecom_domain::notice::NoticeKind;
use ecom_storage::sales::{self as store, SalesReminderRow};
use ecom_types::sales::SalesInvoiceView;
use ecom_types::Problem;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::error::ApiError;
use crate::notices::Draft;
use crate::sales;
use crate::state::AppState;

/// E-mails the customer a payment reminder for an overdue invoice with what
/// is owed today as the engine computes it under the tenant's policy: the
/// principal, the interest and the fixed compensation (B2B: Law of 2 August
/// 2002; a consumer's first reminder is free, Code of Economic Law
/// art. XIX.2). The reminder and its amounts are recorded.
#[utoipa::path(
    tag = "sales-invoices",
    params(("id" = Uuid, Path, description = "The sales invoice's id")),
    responses(
        (status = 201, description = "Sent (queued); the invoice with its reminders", body = SalesInvoiceView),
        (status = 404, description = "No such sales invoice in this account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not overdue (`not_overdue`), or the customer has no e-mail address", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/sales-invoices/{id}/reminders")]
pub async fn remind(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let today = crate::subscription::today(now);
    let request_id = request_id(&req);
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Invoicing, Access::Write, now)?;
            let si = super::lock(conn, caller.tenant, id)?;
            let stored = sales::issued_document(conn, caller.tenant, &si)?;
            let record = sales::record(&stored)?;
            let settings = sales::settings(conn, caller.tenant, now)?;
            let statement = sales::statement(conn, caller.tenant, &si, &stored, &settings, None, today)?;
            let Some(line) = statement.invoices.first() else {
                return Err(ApiError::Internal("statement without its invoice".into()));
            };
            if !line.is_overdue(today) {
                return Err(ApiError::Rule {
                    code: "not_overdue",
                    detail: format!("invoice {} is not overdue: it is due on {} and EUR {} is left to pay", stored.number, stored.due_date, sales::eur(line.open.principal)),
                });
            }
            let Some(recipient) = record.buyer.email.clone().filter(|e| e.contains('@')) else {
                return Err(ApiError::Rule { code: "customer_without_email", detail: "the customer has no e-mail address: add one to the company or contact first".into() });
            };
            let tenant = sales::tenant(conn, caller.tenant)?;
            let open = line.open;
            let total = open.total();
            let regime = sales::policy(&settings).regime(record.buyer_is_consumer);
            let legal = match (&regime, record.buyer_is_consumer) {
                (LatePaymentPolicy::Consumer(_), _) if store::reminders_for(conn, caller.tenant, si.id)?.is_empty() => {
                    "This first reminder is free of charge. If the invoice is not paid within 14 days of this reminder, interest and a fixed compensation will be due (Code of Economic Law art. XIX.2).".to_owned()
                }
                (LatePaymentPolicy::Consumer(_), _) => "Interest and the fixed compensation are charged under Code of Economic Law art. XIX.4.".to_owned(),
                (LatePaymentPolicy::B2b(_), _) if open.interest + open.compensation > Decimal::ZERO => {
                    "Interest and the fixed compensation for recovery costs are due by law without notice (Law of 2 August 2002 on late payment in commercial transactions, art. 5 and 6).".to_owned()
                }
                _ => String::new(),
            };
            let body = format!(
                "Hello,\n\nOur records show that invoice {} of {} (due on {}) is not fully paid.\n\n\
                 Principal still open: EUR {}\nLate-payment interest: EUR {}\nFixed compensation: EUR {}\nTotal to pay today: EUR {}\n\n\
                 Please pay to {} quoting {}.\n{}\n\nIf you paid meanwhile, please ignore this reminder.\n\nKind regards,\n{}\n",
                stored.number,
                stored.issue_date.format("%d/%m/%Y"),
                stored.due_date.format("%d/%m/%Y"),
                sales::eur(open.principal),
                sales::eur(open.interest),
                sales::eur(open.compensation),
                sales::eur(total),
                record.iban,
                stored.structured_communication,
                legal,
                tenant.name,
            );
            Draft {
                kind: NoticeKind::SalesInvoiceReminder,
                tenant: Some(caller.tenant),
                recipient,
                subject: format!("Payment reminder: invoice {} from {}", stored.number, tenant.name),
                body,
                secret: None,
                dedupe_key: None,
            }
            .queue(conn, now)?;
            let reminder = SalesReminderRow {
                id: store::id_string(Uuid::now_v7()),
                tenant_id: String::new(),
                sales_invoice_id: store::id_string(si.id),
                sent_on: today,
                principal_cents: crate::billing::cents(open.principal)?,
                interest_cents: crate::billing::cents(open.interest)?,
                compensation_cents: crate::billing::cents(open.compensation)?,
                total_cents: crate::billing::cents(total)?,
                created_at: ecom_storage::sales::db_time(now),
            };
            store::insert_reminder(conn, caller.tenant, &reminder)?;
            crate::events::record(
                conn,
                caller.tenant,
                "invoice",
                "reminded",
                si.id,
                &serde_json::json!({ "id": si.id, "number": stored.number, "total": total, "interest": open.interest, "compensation": open.compensation }),
                now,
            )?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("sales_invoice.reminded", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("sales_invoice", si.id)
                .details(serde_json::json!({ "total_cents": reminder.total_cents, "interest_cents": reminder.interest_cents, "compensation_cents": reminder.compensation_cents }))
                .request(request_id)
                .write(conn)?;
            super::view(conn, caller.tenant, &si, today, now)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
