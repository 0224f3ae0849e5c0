//! `POST /api/v1/sales-invoices/{id}/credit-note`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use ecom_domain::contract::Module;
use ecom_storage::sales as store;
use ecom_types::sales::{SalesCreditNoteInput, SalesInvoiceView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::audit::Audit;
use crate::auth::{caller::request_id, TenantCaller};
use crate::error::{ApiError, FieldChecks};
use crate::sales;
use crate::state::AppState;

/// Corrects an issued invoice with a credit note (series `CN`, no gaps) that
/// references it: the whole invoice when `lines` is left out, else the
/// lines given (never more, per VAT rate, than the invoice invoiced minus
/// earlier credit notes). The credit settles the invoice's open amount first.
#[utoipa::path(
    tag = "sales-invoices",
    params(("id" = Uuid, Path, description = "The sales invoice's id")),
    request_body(content = SalesCreditNoteInput, example = json!({
        "reason": "One day was not worked",
        "lines": [{ "description": "Consulting", "quantity": "1", "unit_price": "95.00", "vat_rate": "21" }]
    })),
    responses(
        (status = 201, description = "Credited; the invoice with its credit notes", body = SalesInvoiceView),
        (status = 404, description = "No such sales invoice in this account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A draft, more than invoiced (`credit_note_refused`) or invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/sales-invoices/{id}/credit-note")]
pub async fn credit_note(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<SalesCreditNoteInput>,
) -> Result<HttpResponse, ApiError> {
    let (id, body) = (id.into_inner(), body.into_inner()?);
    let now = state.clock.now();
    let today = crate::subscription::today(now);
    let request_id = request_id(&req);
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Invoicing, Access::Write, now)?;
            let mut si = super::lock(conn, caller.tenant, id)?;
            let mut checks = FieldChecks::default();
            let reason = body.reason.trim().to_owned();
            if reason.is_empty() {
                checks.push("reason", "required", "say why the invoice is corrected");
            } else if reason.chars().count() > 500 {
                checks.push("reason", "too_long", "at most 500 characters");
            }
            let settings = sales::settings(conn, caller.tenant, now)?;
            let lines = body.lines.as_ref().map(|l| sales::check_lines(l, sales::default_vat(&settings), &mut checks));
            checks.finish()?;
            let tenant = sales::tenant(conn, caller.tenant)?;
            let note = sales::credit(conn, &tenant, &si, lines, &reason, today, now)?;
            let stored = sales::issued_document(conn, caller.tenant, &si)?;
            sales::refresh_balance(conn, caller.tenant, &mut si, &stored, &settings, today)?;
            si.updated_at = now;
            store::update_sales_invoice(conn, caller.tenant, &si, "issued")?;
            crate::events::record(
                conn,
                caller.tenant,
                "invoice",
                "credited",
                si.id,
                &serde_json::json!({ "id": si.id, "credit_note": note.number, "total_incl_vat_cents": note.total_incl_vat_cents }),
                now,
            )?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("sales_invoice.credited", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("sales_invoice", si.id)
                .details(serde_json::json!({ "credit_note": note.number, "total_incl_vat_cents": note.total_incl_vat_cents }))
                .request(request_id)
                .write(conn)?;
            super::view(conn, caller.tenant, &si, today, now)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
