//! `PUT /api/v1/invoicing/settings`.

use actix_web::{put, web, HttpRequest};
use ecom_domain::billing::{Bic, SeriesPrefix};
use ecom_domain::contract::Module;
use ecom_domain::sales::{vat_category_for_rate, SalesLatePaymentPolicy};
use ecom_types::sales::{InvoicingSettingsView, UpdateInvoicingSettings};
use ecom_types::Problem;

use crate::access::{self, Access};
use crate::audit::Audit;
use crate::auth::{caller::request_id, AdminCaller};
use crate::error::{ApiError, FieldChecks};
use crate::sales;
use crate::state::AppState;

/// Saves the invoicing settings. The IBAN is checked (ISO 13616 mod-97),
/// prefixes are up to 8 letters and digits (`CN` is the credit notes'),
/// the payment term 0–120 days, the late-payment policy `none`,
/// `statutory` (Belgian Law of 2 August 2002: statutory interest and EUR 40
/// compensation) or `contractual` with its yearly rate. Administrator only.
#[utoipa::path(
    tag = "invoicing",
    request_body(content = UpdateInvoicingSettings, example = json!({
        "invoice_prefix": "F", "quotation_prefix": "Q", "iban": "BE68 5390 0754 7034", "bic": "GKCCBEBB",
        "payment_term_days": 30, "late_payment_policy": "statutory", "contractual_rate": null, "default_vat_rate": "21"
    })),
    responses(
        (status = 200, description = "Saved", body = InvoicingSettingsView),
        (status = 403, description = "Not the Administrator, or the Invoicing module is not subscribed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[put("/invoicing/settings")]
pub async fn update(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminCaller(caller): AdminCaller,
    body: crate::json_body::Json<UpdateInvoicingSettings>,
) -> Result<web::Json<InvoicingSettingsView>, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let mut checks = FieldChecks::default();
    let prefix = |field: &str, raw: &str, checks: &mut FieldChecks| -> Option<String> {
        match SeriesPrefix::parse(raw) {
            Ok(p) if p.as_str().is_empty() || p.as_str().len() > 8 => {
                checks.push(field, "invalid_prefix", "use 1 to 8 letters and digits");
                None
            }
            Ok(p) if p.as_str() == sales::CREDIT_NOTE_SERIES => {
                checks.push(
                    field,
                    "reserved_prefix",
                    "CN is the prefix of your credit notes; choose another",
                );
                None
            }
            Ok(p) => Some(p.as_str().to_owned()),
            Err(e) => {
                checks.push(field, "invalid_prefix", e.to_string());
                None
            }
        }
    };
    let invoice_prefix = prefix("invoice_prefix", &body.invoice_prefix, &mut checks);
    let quotation_prefix = prefix("quotation_prefix", &body.quotation_prefix, &mut checks);
    let iban = match body
        .iban
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(raw) => match sales::parse_iban(raw) {
            Ok(iban) => Some(iban.as_str().to_owned()),
            Err(e) => {
                checks.push("iban", "invalid_iban", e);
                None
            }
        },
    };
    let bic = match body.bic.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(raw) => match Bic::parse(raw) {
            Ok(bic) => Some(bic.as_str().to_owned()),
            Err(e) => {
                checks.push("bic", "invalid_bic", e.to_string());
                None
            }
        },
    };
    if !(0..=120).contains(&body.payment_term_days) {
        checks.push("payment_term_days", "out_of_range", "the payment term is 0 to 120 days (Belgian B2B law caps agreed terms at 60 days unless expressly agreed)");
    }
    let policy =
        match SalesLatePaymentPolicy::parse(body.late_payment_policy.trim(), body.contractual_rate)
        {
            Ok(p) => Some(p),
            Err(e) => {
                let field = if body.late_payment_policy.trim() == "contractual" {
                    "contractual_rate"
                } else {
                    "late_payment_policy"
                };
                checks.push(field, "invalid_policy", e.to_string());
                None
            }
        };
    if let Err(e) = vat_category_for_rate(body.default_vat_rate) {
        checks.push("default_vat_rate", "invalid_vat_rate", e.to_string());
    }
    checks.finish()?;
    let (Some(invoice_prefix), Some(quotation_prefix), Some(policy)) =
        (invoice_prefix, quotation_prefix, policy)
    else {
        return Err(ApiError::Internal(
            "validation passed with missing values".into(),
        ));
    };
    let request_id = request_id(&req);
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Invoicing, Access::Write, now)?;
            let mut row = sales::settings(conn, caller.tenant, now)?;
            row.invoice_prefix = invoice_prefix;
            row.quotation_prefix = quotation_prefix;
            row.iban = iban;
            row.bic = bic;
            row.payment_term_days = body.payment_term_days;
            row.late_payment_policy = policy.name().into();
            row.contractual_rate = match policy {
                SalesLatePaymentPolicy::Contractual { annual_percent } => Some(annual_percent.normalize().to_string()),
                _ => None,
            };
            row.default_vat_rate = body.default_vat_rate.normalize().to_string();
            row.updated_at = ecom_storage::sales::db_time(now);
            ecom_storage::sales::save_settings(conn, caller.tenant, &row)?;
            let (kind, actor) = caller.caller.actor();
            // Where customers pay is a money setting: audited (no personal data).
            Audit::new("invoicing_settings.updated", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .details(serde_json::json!({ "invoice_prefix": row.invoice_prefix, "late_payment_policy": row.late_payment_policy, "iban_set": row.iban.is_some() }))
                .request(request_id)
                .write(conn)?;
            super::view(conn, caller.tenant, &row, now)
        })
        .await?;
    Ok(web::Json(view))
}
