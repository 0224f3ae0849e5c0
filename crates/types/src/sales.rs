//! The tenant selling to its own customers: invoicing settings, quotations
//! and sales invoices (`/api/v1/invoicing`, `/api/v1/quotations`,
//! `/api/v1/sales-invoices`, `/api/v1/public/quotations`).

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::billing::VatLineView;

/// The tenant's invoicing settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvoicingSettingsView {
    /// Prefix of the invoice series: `F` gives `F-2026-000001`.
    pub invoice_prefix: String,
    /// Prefix of the quotation series: `Q` gives `Q-2026-000001`.
    pub quotation_prefix: String,
    /// The number the next issued invoice gets (this year).
    pub next_invoice_number: String,
    pub next_quotation_number: String,
    pub iban: Option<String>,
    pub bic: Option<String>,
    /// Whether a logo is uploaded (`PUT /api/v1/invoicing/settings/logo`).
    pub has_logo: bool,
    pub logo_media_type: Option<String>,
    /// Days to pay after the invoice date.
    pub payment_term_days: i64,
    /// `none`, `statutory` (Law of 2 August 2002: statutory interest + EUR 40) or `contractual`.
    pub late_payment_policy: String,
    /// Yearly interest in percent, for `contractual`.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "12"))]
    pub contractual_rate: Option<Decimal>,
    /// The statutory yearly rate in force today, for `statutory`: the rate of
    /// the current half-year (Law of 2 August 2002 art. 5: the ECB main
    /// refinancing rate on the half-year's first day + 8 points, rounded up
    /// to the half point). Interest itself follows each half-year's rate.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "10.5"))]
    pub statutory_rate: Decimal,
    /// Whether `statutory_rate` is the recorded rate of the current
    /// half-year; `false` when its publication is not recorded yet and the
    /// last known rate is shown (and charged) instead.
    pub statutory_rate_recorded: bool,
    /// 21, 12, 6 or 0.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "21"))]
    pub default_vat_rate: Decimal,
    /// The seller on the documents: the tenant.
    pub seller_name: String,
    pub seller_vat_number: Option<String>,
}

/// `PUT /api/v1/invoicing/settings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateInvoicingSettings {
    #[cfg_attr(feature = "openapi", schema(example = "F"))]
    pub invoice_prefix: String,
    #[cfg_attr(feature = "openapi", schema(example = "Q"))]
    pub quotation_prefix: String,
    #[cfg_attr(feature = "openapi", schema(example = "BE68 5390 0754 7034"))]
    pub iban: Option<String>,
    #[cfg_attr(feature = "openapi", schema(example = "GKCCBEBB"))]
    pub bic: Option<String>,
    #[cfg_attr(feature = "openapi", schema(example = 30))]
    pub payment_term_days: i64,
    #[cfg_attr(feature = "openapi", schema(example = "statutory"))]
    pub late_payment_policy: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    #[serde(default)]
    pub contractual_rate: Option<Decimal>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "21"))]
    pub default_vat_rate: Decimal,
}

/// One line as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SalesLineInput {
    #[cfg_attr(feature = "openapi", schema(example = "Website redesign"))]
    pub description: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2"))]
    pub quantity: Decimal,
    /// Excl. VAT.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "450.00"))]
    pub unit_price: Decimal,
    /// 21, 12, 6 or 0; the settings' default when left out.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "21"))]
    #[serde(default)]
    pub vat_rate: Option<Decimal>,
    /// Percent off the line, more than 0 and at most 100.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "10"))]
    #[serde(default)]
    pub discount_percent: Option<Decimal>,
}

/// One line with what the engine computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesLineView {
    pub description: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub quantity: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub unit_price: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub vat_rate: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub discount_percent: Option<Decimal>,
    /// Discount in euros (rounded to the cent).
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub discount_amount: Decimal,
    /// Line net amount excl. VAT (EN 16931 BT-131).
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub net_amount: Decimal,
}

/// Totals of a document (VAT per rate on the sum of the lines).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesTotals {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "900.00"))]
    pub total_excl_vat: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "189.00"))]
    pub vat: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1089.00"))]
    pub total_incl_vat: Decimal,
    pub vat_breakdown: Vec<VatLineView>,
    /// Intra-EU reverse charge applies (the buyer owes the VAT).
    pub reverse_charge: bool,
}

/// The customer of a document: a company and/or a contact of the tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerView {
    pub company_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    pub name: String,
    pub vat_number: Option<String>,
    pub email: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: String,
}

/// `POST /api/v1/quotations` and `PUT /api/v1/quotations/{id}` (drafts only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct QuotationInput {
    #[serde(default)]
    pub company_id: Option<Uuid>,
    #[serde(default)]
    pub contact_id: Option<Uuid>,
    #[cfg_attr(feature = "openapi", schema(example = "Website redesign"))]
    #[serde(default)]
    pub title: Option<String>,
    #[cfg_attr(feature = "openapi", schema(example = "2026-12-31"))]
    pub valid_until: NaiveDate,
    #[serde(default)]
    pub notes: Option<String>,
    pub lines: Vec<SalesLineInput>,
}

/// A quotation in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotationSummary {
    pub id: Uuid,
    /// Given when first sent: `Q-2026-000001`.
    pub number: Option<String>,
    pub title: Option<String>,
    /// draft, sent, accepted, declined or expired (a sent quotation past its validity date).
    pub status: String,
    pub company_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    pub customer_name: String,
    pub valid_until: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1089.00"))]
    pub total_incl_vat: Decimal,
    pub sales_invoice_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// A quotation with its lines and totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotationView {
    #[serde(flatten)]
    pub summary: QuotationSummary,
    pub customer: CustomerView,
    pub issue_date: Option<NaiveDate>,
    pub notes: Option<String>,
    pub lines: Vec<SalesLineView>,
    pub totals: SalesTotals,
    pub sent_at: Option<DateTime<Utc>>,
    pub answered_at: Option<DateTime<Utc>>,
}

/// `POST /api/v1/quotations/{id}/send`: what was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuotationSent {
    pub quotation: QuotationView,
    /// The customer's link (also e-mailed). Its token is stored hashed: a new
    /// send makes a new link and the old one stops working.
    pub public_url: String,
    pub sent_to: String,
}

/// What the customer sees through the public link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PublicQuotationView {
    pub number: String,
    pub title: Option<String>,
    pub status: String,
    pub seller_name: String,
    pub seller_vat_number: Option<String>,
    pub customer: CustomerView,
    pub issue_date: NaiveDate,
    pub valid_until: NaiveDate,
    pub notes: Option<String>,
    pub lines: Vec<SalesLineView>,
    pub totals: SalesTotals,
}

/// `POST /api/v1/sales-invoices` and `PUT /api/v1/sales-invoices/{id}` (drafts only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SalesInvoiceInput {
    #[serde(default)]
    pub company_id: Option<Uuid>,
    #[serde(default)]
    pub contact_id: Option<Uuid>,
    #[serde(default)]
    pub notes: Option<String>,
    pub lines: Vec<SalesLineInput>,
}

/// A sales invoice in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesInvoiceSummary {
    pub id: Uuid,
    /// Given when issued: `F-2026-000001`.
    pub number: Option<String>,
    /// draft, open, paid, overdue or credited.
    pub status: String,
    pub company_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
    pub customer_name: String,
    pub issue_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1089.00"))]
    pub total_incl_vat: Decimal,
    /// Principal still to pay (after payments and credit notes).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1089.00"))]
    pub open_amount: Decimal,
    pub quotation_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// A payment on a sales invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesPaymentView {
    pub id: Uuid,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "500.00"))]
    pub amount: Decimal,
    pub received_on: NaiveDate,
    pub reference: Option<String>,
}

/// A credit note correcting a sales invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesCreditNoteView {
    pub id: Uuid,
    pub number: String,
    pub issue_date: NaiveDate,
    pub reason: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub total_excl_vat: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub total_incl_vat: Decimal,
}

/// A reminder sent, with what it claimed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesReminderView {
    pub id: Uuid,
    pub sent_on: NaiveDate,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub principal: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub interest: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub compensation: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub total: Decimal,
}

/// What is owed on an issued invoice today, per the tenant's late-payment policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesBalanceView {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub principal: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub interest: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub compensation: Decimal,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub total: Decimal,
}

/// A sales invoice with its lines, totals, payments, credit notes and reminders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SalesInvoiceView {
    #[serde(flatten)]
    pub summary: SalesInvoiceSummary,
    pub customer: CustomerView,
    pub notes: Option<String>,
    pub lines: Vec<SalesLineView>,
    pub totals: SalesTotals,
    /// `+++123/4567/89012+++`, once issued.
    pub structured_communication: Option<String>,
    pub payments: Vec<SalesPaymentView>,
    pub credit_notes: Vec<SalesCreditNoteView>,
    pub reminders: Vec<SalesReminderView>,
    /// Owed today, once issued.
    pub balance: Option<SalesBalanceView>,
}

/// `POST /api/v1/sales-invoices/{id}/payments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SalesPaymentInput {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "500.00"))]
    pub amount: Decimal,
    /// Today when left out; not in the future.
    #[serde(default)]
    pub received_on: Option<NaiveDate>,
    #[serde(default)]
    pub reference: Option<String>,
}

/// `POST /api/v1/sales-invoices/{id}/credit-note`: the whole invoice, or some lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SalesCreditNoteInput {
    #[cfg_attr(feature = "openapi", schema(example = "Returned goods"))]
    pub reason: String,
    /// Lines to credit; every line of the invoice when left out.
    #[serde(default)]
    pub lines: Option<Vec<SalesLineInput>>,
}

/// Invoiced revenue (net, excl. VAT, credit notes deducted) in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevenueMonth {
    /// `2026-11`.
    pub month: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "12500.00"))]
    pub net: Decimal,
}

/// `GET /api/v1/sales-invoices/revenue`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RevenueView {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Every month of the range, oldest first (zero when nothing was invoiced).
    pub months: Vec<RevenueMonth>,
}

/// A customer to choose in a sales form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerOptionView {
    pub id: Uuid,
    pub name: String,
}

/// `GET /api/v1/invoicing/customers`: the companies and contacts a
/// quotation or invoice can be made out to, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomerOptions {
    pub companies: Vec<CustomerOptionView>,
    pub contacts: Vec<CustomerOptionView>,
}
