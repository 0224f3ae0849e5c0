//! `POST /api/v1/quotations`.

use actix_web::{post, web, HttpResponse};
use ecom_domain::contract::Module;
use ecom_domain::{CompanyId, ContactId};
use ecom_storage::sales::{self as store, Quotation};
use ecom_types::sales::{QuotationInput, QuotationView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::{ApiError, FieldChecks};
use crate::sales::{self, StoredLine};
use crate::state::AppState;

/// Checks a quotation's fields; the lines as stored.
pub(crate) fn check(
    conn: &mut ecom_storage::DbConnection,
    tenant: ecom_domain::TenantId,
    body: &QuotationInput,
    today: chrono::NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<StoredLine>, ApiError> {
    let mut checks = FieldChecks::default();
    let settings = sales::settings(conn, tenant, now)?;
    sales::check_customer(conn, tenant, body.company_id, body.contact_id, &mut checks)?;
    let lines = sales::check_lines(&body.lines, sales::default_vat(&settings), &mut checks);
    if body.valid_until < today {
        checks.push(
            "valid_until",
            "in_the_past",
            "the validity date cannot be before today",
        );
    }
    if body
        .title
        .as_deref()
        .is_some_and(|t| t.chars().count() > 200)
    {
        checks.push("title", "too_long", "at most 200 characters");
    }
    if body
        .notes
        .as_deref()
        .is_some_and(|t| t.chars().count() > 2000)
    {
        checks.push("notes", "too_long", "at most 2000 characters");
    }
    checks.finish()?;
    Ok(lines)
}

pub(crate) fn clean(text: &Option<String>) -> Option<String> {
    text.as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// Creates a draft quotation for a company and/or contact of the tenant.
#[utoipa::path(
    tag = "quotations",
    request_body(content = QuotationInput, example = json!({
        "company_id": "0194c3a0-0000-7000-8000-000000000001", "title": "Website redesign", "valid_until": "2026-12-31",
        "lines": [{ "description": "Design", "quantity": "3", "unit_price": "450.00", "vat_rate": "21", "discount_percent": "10" }]
    })),
    responses(
        (status = 201, description = "Created (a draft)", body = QuotationView),
        (status = 403, description = "The Quotations module is not subscribed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (e.g. `lines[0].quantity`, `company_id` not found)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/quotations")]
pub async fn create(
    state: web::Data<AppState>,
    caller: TenantCaller,
    body: crate::json_body::Json<QuotationInput>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let today = crate::subscription::today(now);
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Quotations, Access::Write, now)?;
            let lines = check(conn, caller.tenant, &body, today, now)?;
            let tenant = sales::tenant(conn, caller.tenant)?;
            let (priced, _) =
                sales::price_for(conn, &tenant, body.company_id, body.contact_id, &lines)?;
            let q = Quotation {
                id: Uuid::now_v7(),
                tenant_id: caller.tenant,
                company_id: body.company_id.map(CompanyId),
                contact_id: body.contact_id.map(ContactId),
                state: "draft".into(),
                number: None,
                issue_date: None,
                valid_until: body.valid_until,
                title: clean(&body.title),
                notes: clean(&body.notes),
                lines: sales::lines_json(&lines)?,
                buyer: None,
                total_excl_vat_cents: crate::billing::cents(priced.total_excl_vat)?,
                vat_cents: crate::billing::cents(priced.vat)?,
                total_incl_vat_cents: crate::billing::cents(priced.total_incl_vat)?,
                public_token_hash: None,
                sent_at: None,
                answered_at: None,
                sales_invoice_id: None,
                created_at: now,
                updated_at: now,
            };
            store::insert_quotation(conn, caller.tenant, &q)?;
            let view = super::view(conn, &tenant, &q, today)?;
            crate::events::record(
                conn,
                caller.tenant,
                "quotation",
                "created",
                q.id,
                &view,
                now,
            )?;
            Ok(view)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}
