//! `/api/v1/invoicing/settings`: how the tenant invoices its own customers
//! (series, bank account, logo, payment term, late-payment policy, default VAT).
//! Administrator only.

pub mod customers;
pub mod get;
pub mod logo;
pub mod update;

use chrono::{DateTime, Datelike, Utc};
use ecom_domain::TenantId;
use ecom_storage::sales::SalesSettingsRow;
use ecom_storage::DbConnection;
use ecom_types::sales::InvoicingSettingsView;
use rust_decimal::Decimal;
use std::str::FromStr;

use crate::error::ApiError;
use crate::sales;

/// The settings as the API shows them.
pub fn view(
    conn: &mut DbConnection,
    tenant: TenantId,
    row: &SalesSettingsRow,
    now: DateTime<Utc>,
) -> Result<InvoicingSettingsView, ApiError> {
    let today = crate::subscription::today(now);
    let year = today.year();
    let (statutory_rate, statutory_rate_recorded) = sales::statutory_rate(today);
    let seller = sales::tenant(conn, tenant)?;
    Ok(InvoicingSettingsView {
        next_invoice_number: sales::next_number(
            conn,
            &sales::invoice_ledger(tenant),
            &row.invoice_prefix,
            year,
        )?,
        next_quotation_number: sales::next_number(
            conn,
            &sales::quotation_ledger(tenant),
            &row.quotation_prefix,
            year,
        )?,
        invoice_prefix: row.invoice_prefix.clone(),
        quotation_prefix: row.quotation_prefix.clone(),
        iban: row.iban.clone(),
        bic: row.bic.clone(),
        has_logo: row.logo_base64.is_some(),
        logo_media_type: row.logo_media_type.clone(),
        payment_term_days: row.payment_term_days,
        late_payment_policy: row.late_payment_policy.clone(),
        contractual_rate: row
            .contractual_rate
            .as_deref()
            .and_then(|r| Decimal::from_str(r).ok()),
        statutory_rate,
        statutory_rate_recorded,
        default_vat_rate: sales::default_vat(row),
        seller_name: seller.name,
        seller_vat_number: seller.vat_number,
    })
}
