//! `PUT /api/v1/sales-invoices/{id}` (drafts only).

use actix_web::{put, web};
use ecom_domain::contract::Module;
use ecom_domain::{CompanyId, ContactId};
use ecom_storage::sales as store;
use ecom_types::sales::{SalesInvoiceInput, SalesInvoiceView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::{ApiError, FieldChecks};
use crate::sales;
use crate::state::AppState;

/// Replaces a draft's customer, lines and notes. An issued invoice never
/// changes (409): correct it with a credit note.
#[utoipa::path(
    tag = "sales-invoices",
    params(("id" = Uuid, Path, description = "The sales invoice's id")),
    request_body = SalesInvoiceInput,
    responses(
        (status = 200, description = "Saved", body = SalesInvoiceView),
        (status = 404, description = "No such sales invoice in this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Issued already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[put("/sales-invoices/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<SalesInvoiceInput>,
) -> Result<web::Json<SalesInvoiceView>, ApiError> {
    let (id, body) = (id.into_inner(), body.into_inner()?);
    let now = state.clock.now();
    let today = crate::subscription::today(now);
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Invoicing, Access::Write, now)?;
            let mut si = super::lock(conn, caller.tenant, id)?;
            if si.state != "draft" {
                return Err(ApiError::Conflict {
                    code: "already_issued",
                    detail: "an issued invoice cannot change; issue a credit note to correct it"
                        .into(),
                    field: None,
                });
            }
            let mut checks = FieldChecks::default();
            sales::check_customer(
                conn,
                caller.tenant,
                body.company_id,
                body.contact_id,
                &mut checks,
            )?;
            let settings = sales::settings(conn, caller.tenant, now)?;
            let lines = sales::check_lines(&body.lines, sales::default_vat(&settings), &mut checks);
            if body
                .notes
                .as_deref()
                .is_some_and(|n| n.chars().count() > 2000)
            {
                checks.push("notes", "too_long", "at most 2000 characters");
            }
            checks.finish()?;
            let tenant = sales::tenant(conn, caller.tenant)?;
            let (priced, buyer) =
                sales::price_for(conn, &tenant, body.company_id, body.contact_id, &lines)?;
            si.company_id = body.company_id.map(CompanyId);
            si.contact_id = body.contact_id.map(ContactId);
            si.lines = sales::lines_json(&lines)?;
            si.notes = body
                .notes
                .map(|n| n.trim().to_owned())
                .filter(|n| !n.is_empty());
            si.customer_name = buyer.party.name;
            si.total_excl_vat_cents = crate::billing::cents(priced.total_excl_vat)?;
            si.vat_cents = crate::billing::cents(priced.vat)?;
            si.total_incl_vat_cents = crate::billing::cents(priced.total_incl_vat)?;
            si.open_principal_cents = si.total_incl_vat_cents;
            si.updated_at = now;
            if !store::update_sales_invoice(conn, caller.tenant, &si, "draft")? {
                return Err(ApiError::Conflict {
                    code: "already_issued",
                    detail: "the invoice was issued meanwhile".into(),
                    field: None,
                });
            }
            let view = super::view(conn, caller.tenant, &si, today, now)?;
            crate::events::record(conn, caller.tenant, "invoice", "updated", si.id, &view, now)?;
            Ok(view)
        })
        .await?;
    Ok(web::Json(view))
}
