//! `PUT /api/v1/quotations/{id}` (drafts only).

use actix_web::{put, web};
use ecom_domain::contract::Module;
use ecom_domain::{CompanyId, ContactId};
use ecom_storage::sales as store;
use ecom_types::sales::{QuotationInput, QuotationView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::access::{self, Access};
use crate::auth::TenantCaller;
use crate::error::ApiError;
use crate::sales;
use crate::state::AppState;

/// Replaces a draft quotation's customer, lines, dates and texts. A sent
/// quotation is what the customer received: it cannot change (409).
#[utoipa::path(
    tag = "quotations",
    params(("id" = Uuid, Path, description = "The quotation's id")),
    request_body = QuotationInput,
    responses(
        (status = 200, description = "Saved", body = QuotationView),
        (status = 404, description = "No such quotation in this account", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft any more", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[put("/quotations/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    caller: TenantCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<QuotationInput>,
) -> Result<web::Json<QuotationView>, ApiError> {
    let (id, body) = (id.into_inner(), body.into_inner()?);
    let now = state.clock.now();
    let today = crate::subscription::today(now);
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Quotations, Access::Write, now)?;
            let mut q = super::lock(conn, caller.tenant, id)?;
            if q.state != "draft" {
                return Err(ApiError::Conflict {
                    code: "not_a_draft",
                    detail: "only a draft quotation can be edited; this one was sent".into(),
                    field: None,
                });
            }
            let lines = super::create::check(conn, caller.tenant, &body, today, now)?;
            let tenant = sales::tenant(conn, caller.tenant)?;
            let (priced, _) =
                sales::price_for(conn, &tenant, body.company_id, body.contact_id, &lines)?;
            q.company_id = body.company_id.map(CompanyId);
            q.contact_id = body.contact_id.map(ContactId);
            q.valid_until = body.valid_until;
            q.title = super::create::clean(&body.title);
            q.notes = super::create::clean(&body.notes);
            q.lines = sales::lines_json(&lines)?;
            q.total_excl_vat_cents = crate::billing::cents(priced.total_excl_vat)?;
            q.vat_cents = crate::billing::cents(priced.vat)?;
            q.total_incl_vat_cents = crate::billing::cents(priced.total_incl_vat)?;
            q.updated_at = now;
            store::update_quotation(conn, caller.tenant, &q)?;
            let view = super::view(conn, &tenant, &q, today)?;
            crate::events::record(
                conn,
                caller.tenant,
                "quotation",
                "updated",
                q.id,
                &view,
                now,
            )?;
            Ok(view)
        })
        .await?;
    Ok(web::Json(view))
}
