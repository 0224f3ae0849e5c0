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
}

/// `GET /api/v1/invoices`, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoiceList {
    pub items: Vec<InvoiceSummary>,
}
