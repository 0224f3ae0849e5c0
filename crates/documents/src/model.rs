//! The input model: an issued invoice or credit note as the documents see it.
//!
//! The billing engine maps its own invoices onto these types; this crate does
//! not depend on it. Every amount is a `Decimal` already rounded to the cent
//! by the caller: the generators check the figures (EN 16931 rules) but never
//! recompute or round them, so the printed PDF, the UBL file and the ledger
//! cannot disagree.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Whether the document is an invoice or a credit note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// A commercial invoice (UNCL1001 code 380).
    Invoice,
    /// A credit note correcting an earlier invoice (UNCL1001 code 381).
    CreditNote,
    /// A quotation (an offer, not an invoice): printed as PDF only, with its
    /// validity date in `due_date` and no payment instructions.
    Quotation,
}

/// An issued invoice or credit note, complete with its totals.
///
/// Credit notes carry positive amounts, as EN 16931 wants: the kind says
/// which way the money goes.
#[derive(Debug, Clone, PartialEq)]
pub struct InvoiceDocument {
    /// Invoice or credit note.
    pub kind: DocumentKind,
    /// The document number (BT-1), unique in its series.
    pub number: String,
    /// The date of issue (BT-2).
    pub issue_date: NaiveDate,
    /// The payment due date (BT-9). EN 16931 (BR-CO-25) requires it, or
    /// payment terms, whenever an amount is due.
    pub due_date: Option<NaiveDate>,
    /// ISO 4217 currency of the document (BT-5); Ecom invoices in "EUR".
    pub currency: String,
    /// Who sells and is paid.
    pub seller: Party,
    /// Who buys and pays.
    pub buyer: Party,
    /// The invoice lines, at least one (BR-16).
    pub lines: Vec<DocumentLine>,
    /// One entry per VAT category and rate used on the lines (BG-23).
    pub vat_breakdown: Vec<VatSubtotal>,
    /// The document totals (BG-22).
    pub totals: Totals,
    /// How to pay, if payment instructions are to be printed.
    pub payment: Option<PaymentInfo>,
    /// Free-text notes (BT-22); Peppol allows a single note, so they are
    /// joined into one in the UBL file.
    pub notes: Vec<String>,
    /// For a credit note: the invoice it corrects (BG-3).
    pub billing_reference: Option<BillingReference>,
    /// The buyer's own reference (BT-10), e.g. a cost centre.
    pub buyer_reference: Option<String>,
    /// The buyer's purchase order number (BT-13). Peppol requires the buyer
    /// reference or this (PEPPOL-EN16931-R003).
    pub order_reference: Option<String>,
    /// The legal mention printed on reverse-charge invoices, e.g.
    /// "Reverse charge: VAT to be accounted for by the recipient, art. 196
    /// Directive 2006/112/EC". Also the exemption reason of the AE breakdown.
    pub legal_mention: Option<String>,
}

/// The earlier invoice a credit note corrects (BG-3).
#[derive(Debug, Clone, PartialEq)]
pub struct BillingReference {
    /// Number of the corrected invoice (BT-25).
    pub invoice_number: String,
    /// Issue date of the corrected invoice (BT-26).
    pub issue_date: NaiveDate,
}

/// A seller or buyer.
#[derive(Debug, Clone, PartialEq)]
pub struct Party {
    /// Registered name (BT-27 / BT-44).
    pub name: String,
    /// VAT identifier with its country prefix, e.g. "BE0810231595" (BT-31 / BT-48).
    pub vat_number: Option<String>,
    /// Legal registration number, e.g. the Belgian enterprise number
    /// "0810231595" (BT-30 / BT-47).
    pub company_id: Option<String>,
    /// Street and number (BT-35 / BT-50).
    pub street: String,
    /// City (BT-37 / BT-52).
    pub city: String,
    /// Postal code (BT-38 / BT-53).
    pub postal_code: String,
    /// ISO 3166-1 alpha-2 country code, e.g. "BE" (BT-40 / BT-55).
    pub country_code: String,
    /// Contact e-mail address (BT-43 / BT-58).
    pub email: Option<String>,
    /// Peppol electronic address (BT-34 / BT-49). Peppol requires one for
    /// both parties (PEPPOL-EN16931-R010, R020).
    pub electronic_address: Option<ElectronicAddress>,
}

/// A Peppol endpoint: an identifier and the EAS scheme it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct ElectronicAddress {
    /// EAS code: "0208" Belgian enterprise number, "9925" Belgian VAT
    /// number, "0106" Dutch KvK number, "9944" Dutch VAT number...
    pub scheme: String,
    /// The identifier within that scheme, e.g. "0810231595".
    pub id: String,
}

/// One invoice line.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentLine {
    /// Line identifier, unique within the document (BT-126), e.g. "1".
    pub id: String,
    /// What was sold (BT-153 item name).
    pub description: String,
    /// Invoiced quantity (BT-129).
    pub quantity: Decimal,
    /// UN/ECE Rec. 20 unit: "C62" one, "HUR" hour, "MON" month, "DAY" day...
    pub unit_code: String,
    /// Net price of one unit, excluding VAT (BT-146).
    pub unit_price: Decimal,
    /// Discount on the line, excluding VAT (BT-136).
    pub discount_amount: Option<Decimal>,
    /// quantity × unit price − discount, rounded to the cent (BT-131).
    pub net_amount: Decimal,
    /// UNCL5305 VAT category: "S", "Z", "E", "AE", "K", "G" or "O" (BT-151).
    pub vat_category: String,
    /// VAT rate in percent, e.g. 21 (BT-152).
    pub vat_rate: Decimal,
}

/// The VAT of one category and rate (BG-23).
#[derive(Debug, Clone, PartialEq)]
pub struct VatSubtotal {
    /// UNCL5305 VAT category (BT-118).
    pub category: String,
    /// VAT rate in percent (BT-119).
    pub rate: Decimal,
    /// Sum of the line nets in this category and rate (BT-116).
    pub taxable_amount: Decimal,
    /// taxable amount × rate, rounded to the cent (BT-117).
    pub tax_amount: Decimal,
    /// Why no VAT is charged (BT-120); required for AE, E, K, G and O.
    pub exemption_reason: Option<String>,
}

/// The totals of the document (BG-22).
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    /// Sum of the line nets (BT-106).
    pub line_extension: Decimal,
    /// Total without VAT (BT-109); equals the line sum, as Ecom has no
    /// document-level allowances or charges.
    pub tax_exclusive: Decimal,
    /// Total VAT (BT-110).
    pub tax_amount: Decimal,
    /// Total with VAT (BT-112).
    pub tax_inclusive: Decimal,
    /// Already paid (BT-113).
    pub prepaid: Decimal,
    /// Amount due (BT-115) = total with VAT − prepaid.
    pub payable: Decimal,
}

/// How the buyer pays.
#[derive(Debug, Clone, PartialEq)]
pub struct PaymentInfo {
    /// UNCL4461 payment means: "30" credit transfer, "58" SEPA credit
    /// transfer, "49" direct debit, "48" card...
    pub means_code: String,
    /// The seller's account that receives the money (BT-84).
    pub iban: String,
    /// The seller's bank (BT-86).
    pub bic: Option<String>,
    /// The account holder's name (BT-85).
    pub account_name: String,
    /// Belgian structured communication, "+++123/4567/89012+++" (BT-83).
    pub structured_reference: String,
    /// Direct debit: the mandate reference (BT-89).
    pub mandate_id: Option<String>,
    /// Direct debit: the seller's SEPA creditor identifier (BT-90).
    pub creditor_id: Option<String>,
    /// Direct debit: the buyer's account that will be debited (BT-91).
    pub debtor_iban: Option<String>,
}

impl PaymentInfo {
    /// Whether the amount is collected by direct debit rather than paid by
    /// the buyer.
    pub fn is_direct_debit(&self) -> bool {
        self.means_code == "49" || self.means_code == "59"
    }
}
