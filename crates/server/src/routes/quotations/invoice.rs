//! `POST /api/v1/quotations/{id}/invoice`: an accepted quotation becomes a sales invoice.

use actix_web::{post, web, HttpRequest, HttpResponse};
use ecom_domain::contract::Module;
use ecom_storage::sales as store;
use ecom_types::sales::SalesInvoiceView;
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::{caller::request_id, TenantCaller};
use crate::error::ApiError;
use crate::sales;
use crate::state::AppState;

/// `POST /api/v1/quotations/{id}/invoice` body (optional).
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvoiceFromQuotation {
    /// Issue the invoice at once (numbered, immutable); a draft otherwise.
    #[serde(default)]
    pub issue: bool,
}

/// Turns an accepted quotation into a sales invoice in one transaction:
/// same customer and lines, linked both ways. A quotation is invoiced once
/// (409 `already_invoiced`). With `{"issue": true}` the invoice is issued at once.
#[utoipa::path(
    tag = "quotations",
    params(("id" = Uuid, Path, description = "The quotation's id")),
    request_body(content = Option<InvoiceFromQuotation>, example = json!({ "issue": true })),
    responses(
        (status = 201, description = "The sales invoice", body = SalesInvoiceView),
        (status = 404, description = "No such quotation in this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already invoiced", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not accepted (`not_accepted`), or issuing refused (e.g. `iban_missing`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/quotations/{id}/invoice")]
pub async fn invoice(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    body: Option<web::Json<InvoiceFromQuotation>>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let issue = body.map(|b| b.into_inner().issue).unwrap_or(false);
    let now = state.clock.now();
    let today = crate::subscription::today(now);
    let request_id = request_id(&req);
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Quotations, Access::Write, now)?;
            access::require(conn, &caller, Module::Invoicing, Access::Write, now)?;
            let mut q = super::lock(conn, caller.tenant, id)?;
            if q.sales_invoice_id.is_some()
                || store::sales_invoice_for_quotation(conn, caller.tenant, q.id)?.is_some()
            {
                return Err(ApiError::Conflict {
                    code: "already_invoiced",
                    detail: "this quotation was invoiced already".into(),
                    field: None,
                });
            }
            if q.state != "accepted" {
                return Err(ApiError::Rule {
                    code: "not_accepted",
                    detail: format!(
                        "only an accepted quotation can be invoiced; this one is {}",
                        super::status(&q, today)
                    ),
                });
            }
            let lines = sales::read_lines(&q.lines)?;
            let mut si = sales::insert_draft(
                conn,
                caller.tenant,
                q.company_id.map(|c| c.0),
                q.contact_id.map(|c| c.0),
                &lines,
                q.notes.clone(),
                Some(q.id),
                now,
            )?;
            q.sales_invoice_id = Some(si.id);
            q.updated_at = now;
            store::update_quotation(conn, caller.tenant, &q)?;
            crate::events::record(
                conn,
                caller.tenant,
                "quotation",
                "invoiced",
                q.id,
                &serde_json::json!({ "id": q.id, "sales_invoice_id": si.id }),
                now,
            )?;
            if issue {
                let tenant = sales::tenant(conn, caller.tenant)?;
                crate::routes::sales_invoices::issue::issue_in(
                    conn, &caller, &tenant, &mut si, today, now, request_id,
                )?;
            }
            crate::routes::sales_invoices::view(conn, caller.tenant, &si, today, now)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
