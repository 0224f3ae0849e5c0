//! Invoicing: one engine for both ledgers — the Operator invoicing its Clients
//! (SPEC §3, terms art. 9, 10, 11, 24) and each tenant invoicing its own
//! customers (SPEC §5, same rules with the tenant's own settings).
//!
//! Everything is a pure function: dates are arguments, amounts are
//! [`rust_decimal::Decimal`] in euros, and every rounding goes through
//! [`crate::money::round_to_cent`] (half away from zero, EN 16931) at a named
//! place. Vocabulary follows EN 16931 / UBL 2.1 (Peppol BIS Billing 3.0) so the
//! UBL writer maps fields one to one: VAT category codes `S`, `Z`, `E`, `AE`,
//! `K`, `G`, `O` (UNCL5305), a VAT breakdown per category and rate
//! (`cac:TaxSubtotal`, BG-23), line net amounts (BT-131), document totals
//! (BG-22).
//!
//! - [`vat_category`]: VAT categories, Belgian rates, intra-EU reverse charge.
//! - [`mod@line`] and [`totals`]: invoice lines, discounts, the VAT breakdown and totals.
//! - [`numbering`]: gapless series per ledger and year, `F-2026-000042`.
//! - [`document`]: drafts, [`document::issue`], issued invoices and credit notes.
//! - [`payment_terms`]: due dates (art. 10) and disputes (art. 10).
//! - [`structured_communication`]: Belgian `+++123/4567/89012+++` references.
//! - [`late_payment`]: the B2B consequences of late payment (art. 11).
//! - [`consumer_debt`]: the statutory consumer regime (Code of Economic Law Book XIX).
//! - [`statutory_rates`]: the Belgian statutory interest rates per half-year / year, as dated data.
//! - [`allocation`]: how a payment is allocated (art. 10).
//! - [`statement`]: a Client's statement at a date.
//! - [`iban`] and [`epc_qr`]: IBAN validation and the SEPA payment QR code.

pub mod allocation;
pub mod consumer_debt;
pub mod document;
pub mod epc_qr;
pub mod iban;
pub mod late_payment;
pub mod line;
pub mod numbering;
pub mod payment_terms;
pub mod statement;
pub mod statutory_rates;
pub mod structured_communication;
pub mod totals;
pub mod vat_category;

pub use allocation::{
    allocate_payment, Allocation, ClaimComponent, Claims, InvoiceClaims, PaymentAllocation,
};
pub use consumer_debt::ConsumerDebtTerms;
pub use document::{
    issue, issue_credit_note, liability_cap, Buyer, DraftInvoice, IssuedCreditNote, IssuedInvoice,
    Seller,
};
pub use iban::{Bic, Iban};
pub use late_payment::{B2bLatePaymentTerms, InterestBasis, LatePaymentPolicy};
pub use line::{Discount, InvoiceLine};
pub use numbering::{next_number, InvoiceNumber, Ledger, SeriesPrefix};
pub use payment_terms::{due_date, PaymentMethod};
pub use statement::{build_statement, Statement};
pub use statutory_rates::YearlyRate;
pub use structured_communication::StructuredCommunication;
pub use totals::{DocumentTotals, VatBreakdown};
pub use vat_category::VatCategory;

#[cfg(test)]
pub(crate) mod test_support {
    use chrono::NaiveDate;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    /// A decimal from its text; tests only.
    pub fn d(s: &str) -> Decimal {
        Decimal::from_str(s).expect("a decimal literal")
    }

    /// A calendar date; tests only.
    pub fn date(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("a valid date")
    }
}
