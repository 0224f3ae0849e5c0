//! Invoices as their recipient sees them.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// An invoice or credit note in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceSummary {
    pub id: Uuid,
    /// e.g. `ECOM-2026-000042`.
    pub number: String,
    /// `invoice` or `credit_note`.
    pub kind: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    /// `credit_transfer`, `direct_debit` or `card`.
    pub payment_method: String,
    /// Belgian structured communication to quote when paying: `+++123/4567/89012+++`.
    pub structured_communication: String,
    pub currency: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "480.00"))]
    pub total_excl_vat: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "100.80"))]
    pub vat: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "580.80"))]
    pub total_incl_vat: Decimal,
}

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceLineView {
    pub description: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1"))]
    pub quantity: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "480.00"))]
    pub unit_price: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "0.00"))]
    pub discount: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "480.00"))]
    pub net_amount: Decimal,
    /// EN 16931 VAT category code (`S`, `Z`, `E`, `AE`, ...).
    pub vat_category: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "21"))]
    pub vat_rate: Decimal,
}

/// VAT per category and rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VatLineView {
    pub vat_category: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "21"))]
    pub vat_rate: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "480.00"))]
    pub taxable_amount: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "100.80"))]
    pub vat_amount: Decimal,
}

/// An invoice with its lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceView {
    #[serde(flatten)]
    pub summary: InvoiceSummary,
    pub lines: Vec<InvoiceLineView>,
    pub vat_breakdown: Vec<VatLineView>,
    /// A legal mention printed on the invoice (e.g. reverse charge).
    pub notes: Vec<String>,
    /// The Client's dispute of this invoice, if it lodged one.
    #[serde(default)]
    pub dispute: Option<DisputeView>,
}

/// `GET /api/v1/invoices`, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceList {
    pub items: Vec<InvoiceSummary>,
}

/// One invoice in a Client's statement: what it asks, what was settled, and
/// what is still open, late-payment charges included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatementLineView {
    pub invoice_id: Uuid,
    pub number: String,
    pub issue_date: NaiveDate,
    /// After acceleration (terms art. 11), if applied.
    pub due_date: NaiveDate,
    pub overdue: bool,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "871.20"))]
    pub principal: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "871.20"))]
    pub principal_open: Decimal,
    /// 1 % per started month of delay on the unpaid principal (B2B).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "8.71"))]
    pub interest_open: Decimal,
    /// 20 % of the invoice excl. VAT, at least EUR 150 (B2B).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "150.00"))]
    pub compensation_open: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "0.00"))]
    pub collection_costs_open: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "0.00"))]
    pub liquidated_damages_open: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1029.91"))]
    pub total_open: Decimal,
}

/// Part of a payment applied to one component of one invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SettlementView {
    /// The payment's reference (or a credit note's number).
    pub reference: String,
    pub on: NaiveDate,
    pub invoice_number: String,
    /// `collection_costs`, `compensation`, `liquidated_damages`, `interest` or `principal`.
    pub component: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "150.00"))]
    pub amount: Decimal,
}

/// `GET /api/v1/billing/statement`: the Client's account with Ecom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StatementView {
    pub as_of: NaiveDate,
    /// `b2b` (terms art. 11) or `consumer` (Code of Economic Law, Book XIX).
    pub regime: String,
    pub invoices: Vec<StatementLineView>,
    /// What every payment paid, in order.
    pub settlements: Vec<SettlementView>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1029.91"))]
    pub total_open: Decimal,
    /// Paid beyond what is owed, kept for the next invoices.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "0.00"))]
    pub unallocated_credit: Decimal,
}

/// `POST /api/v1/operator/payments` (with an `Idempotency-Key` header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegisterPaymentRequest {
    /// The paying Client.
    pub tenant_id: Uuid,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "871.20"))]
    pub amount: Decimal,
    pub received_on: NaiveDate,
    /// The structured communication quoted, if any.
    #[serde(default)]
    pub communication: Option<String>,
}

/// `POST /api/v1/webhooks/payments`: a payment provider reports a payment.
/// Signed: `Ecom-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentWebhook {
    /// The provider's event id: a repeated delivery is recorded once.
    pub event_id: String,
    pub tenant_id: Uuid,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "871.20"))]
    pub amount: Decimal,
    pub received_on: NaiveDate,
    #[serde(default)]
    pub communication: Option<String>,
}

/// A recorded payment and what it paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentView {
    pub id: Uuid,
    pub reference: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "871.20"))]
    pub amount: Decimal,
    pub received_on: NaiveDate,
    /// Costs, then compensation and damages, then interest, then principal, oldest first (terms art. 10).
    pub allocations: Vec<SettlementView>,
    /// The Client's credit after this payment.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "0.00"))]
    pub unallocated_credit: Decimal,
}

/// `POST /api/v1/invoices/{id}/dispute`: within 7 calendar days of the invoice date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DisputeRequest {
    /// The number of the disputed invoice, as printed on it.
    pub invoice_number: String,
    /// Why, in detail.
    pub reasons: String,
}

/// A lodged dispute. It does not suspend the duty to pay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DisputeView {
    pub invoice_number: String,
    pub lodged_at: chrono::DateTime<chrono::Utc>,
    pub reasons: String,
}

/// `PUT /api/v1/billing/payment-method`: how the Client pays Ecom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PaymentMethodRequest {
    /// `direct_debit` (SEPA, collected on the invoice date) or `credit_transfer` (due 14 days after the invoice date).
    #[cfg_attr(feature = "openapi", schema(example = "direct_debit"))]
    pub method: String,
    /// For direct debit: the account to debit.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "BE71 0961 2345 6769"))]
    pub iban: Option<String>,
    #[serde(default)]
    pub bic: Option<String>,
    /// For direct debit: the account holder's name.
    #[serde(default)]
    pub account_holder: Option<String>,
}

/// The Client's payment method and, for direct debit, its mandate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PaymentMethodView {
    /// `direct_debit` or `credit_transfer`.
    pub method: String,
    /// The debited account, masked (`BE71 **** **** 6769`).
    pub iban: Option<String>,
    pub account_holder: Option<String>,
    /// The SEPA mandate reference.
    pub mandate_id: Option<String>,
    pub mandate_signed_on: Option<NaiveDate>,
}
