//! The operator's invoices to its Clients, issued through the domain's
//! billing engine (`ecom_domain::billing`) and stored immutably.
//!
//! The stored document keeps the draft (so the engine can re-issue it
//! exactly, e.g. to credit it) and the computed figures (so readers need no
//! engine).

use chrono::{DateTime, NaiveDate, Utc};
use ecom_domain::billing::{
    self, Buyer, DraftInvoice, InvoiceLine, InvoiceNumber, IssuedInvoice, Ledger, PaymentMethod,
    Seller, SeriesPrefix, VatCategory,
};
use ecom_domain::contract::OrderLine;
use ecom_domain::money::{from_cents, round_to_cent, to_cents};
use ecom_domain::notice::NoticeKind;
use ecom_domain::{Country, TenantId, VatNumber};
use ecom_storage::invoices::{self, StoredInvoice, OPERATOR_LEDGER};
use ecom_storage::tenants::Tenant;
use ecom_storage::DbConnection;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::ApiError;
use crate::notices::Draft;
use crate::settings::Settings;

/// The series of the operator's invoices: `ECOM-2026-000001`.
pub const OPERATOR_SERIES: &str = "ECOM";

/// The operator as seller (terms art. 1).
pub const OPERATOR_NAME: &str = "Sabbani BV (Ecom)";
pub const OPERATOR_VAT: &str = "BE0810231595";
pub const OPERATOR_STREET: &str = "Kortrijksesteenweg 376";
pub const OPERATOR_POSTAL_CODE: &str = "9000";
pub const OPERATOR_CITY: &str = "Gent";

/// A party as printed on the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyRecord {
    pub name: String,
    pub country: String,
    pub vat_number: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub email: Option<String>,
}

/// One line: what was drafted and what the engine computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineRecord {
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Decimal,
    /// `Some(("percent", 10))` or `Some(("amount", 5.00))`.
    pub discount: Option<(String, Decimal)>,
    /// The category as drafted (before a reverse charge).
    pub drafted_category: String,
    /// The category invoiced.
    pub vat_category: String,
    pub vat_rate: Decimal,
    pub discount_amount: Decimal,
    pub net_amount: Decimal,
}

/// VAT per category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatRecord {
    pub vat_category: String,
    pub vat_rate: Decimal,
    pub taxable_amount: Decimal,
    pub vat_amount: Decimal,
}

/// The stored document of an invoice or credit note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceRecord {
    pub seller: PartyRecord,
    pub buyer: PartyRecord,
    pub buyer_is_consumer: bool,
    pub lines: Vec<LineRecord>,
    pub vat_breakdown: Vec<VatRecord>,
    pub prepaid: Decimal,
    pub amount_due: Decimal,
    pub transfer_term_days: i64,
    pub notes: Vec<String>,
    pub iban: String,
    pub bic: String,
    /// For a credit note: the number of the invoice it corrects and why.
    pub corrects: Option<(String, NaiveDate, String)>,
    /// For an invoice collected by direct debit: the mandate.
    #[serde(default)]
    pub mandate: Option<MandateRecord>,
    #[serde(default)]
    pub creditor_id: Option<String>,
}

/// The SEPA mandate an invoice is collected under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MandateRecord {
    pub mandate_id: String,
    pub signed_on: NaiveDate,
    pub iban: String,
    pub bic: Option<String>,
    pub account_holder: String,
}

fn category_code(category: VatCategory) -> &'static str {
    category.code()
}

pub(crate) fn category_from_code(code: &str) -> Option<VatCategory> {
    [
        VatCategory::Standard21,
        VatCategory::Reduced12,
        VatCategory::Reduced6,
        VatCategory::ZeroRated,
        VatCategory::Exempt,
        VatCategory::ReverseCharge,
    ]
    .into_iter()
    .find(|c| drafted_name(*c) == code)
}

/// A stable name per drafted category (codes alone do not tell 21 % from 6 %).
fn drafted_name(category: VatCategory) -> &'static str {
    match category {
        VatCategory::Standard21 => "S21",
        VatCategory::Reduced12 => "S12",
        VatCategory::Reduced6 => "S6",
        VatCategory::ZeroRated => "Z",
        VatCategory::Exempt => "E",
        VatCategory::ReverseCharge => "AE",
        _ => "O",
    }
}

pub(crate) fn payment_method_name(method: PaymentMethod) -> &'static str {
    match method {
        PaymentMethod::Card => "card",
        PaymentMethod::SepaDirectDebit => "direct_debit",
        PaymentMethod::BankTransfer => "credit_transfer",
    }
}

fn seller() -> Result<Seller, ApiError> {
    Ok(Seller {
        name: OPERATOR_NAME.into(),
        country: Country::BELGIUM,
        vat_number: Some(
            VatNumber::parse(OPERATOR_VAT, Country::BELGIUM)
                .map_err(|e| ApiError::Internal(e.to_string()))?,
        ),
    })
}

fn seller_record() -> PartyRecord {
    PartyRecord {
        name: OPERATOR_NAME.into(),
        country: "BE".into(),
        vat_number: Some(OPERATOR_VAT.into()),
        street: Some(OPERATOR_STREET.into()),
        postal_code: Some(OPERATOR_POSTAL_CODE.into()),
        city: Some(OPERATOR_CITY.into()),
        email: None,
    }
}

fn buyer(tenant: &Tenant) -> Result<Buyer, ApiError> {
    let country = Country::parse(&tenant.country).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(Buyer {
        name: tenant.name.clone(),
        country,
        vat_number: tenant
            .vat_number
            .as_deref()
            .and_then(|v| VatNumber::parse(v, country).ok()),
        is_consumer: false,
    })
}

/// The engine's line for a contract order line: Belgian standard VAT (the
/// engine turns it into a reverse charge for an EU business abroad).
fn invoice_line(line: &OrderLine) -> Result<InvoiceLine, ApiError> {
    let description = format!(
        "{} ({} – {})",
        line.description,
        line.period_first_day.format("%d/%m/%Y"),
        line.period_last_day.format("%d/%m/%Y")
    );
    let discount = line.discount.map(|d| match d {
        ecom_domain::contract::Discount::Percent(p) => billing::Discount::Percent(p),
        ecom_domain::contract::Discount::Amount(a) => billing::Discount::Amount(a),
    });
    InvoiceLine::new(
        &description,
        Decimal::from(line.quantity),
        line.unit_price_excl_vat,
        discount,
        VatCategory::Standard21,
    )
    .map_err(|e| ApiError::Internal(format!("invoice line: {e}")))
}

pub(crate) fn line_record(
    drafted: &InvoiceLine,
    issued: &billing::document::IssuedLine,
) -> LineRecord {
    LineRecord {
        description: drafted.description().into(),
        quantity: drafted.quantity(),
        unit_price: drafted.unit_price(),
        discount: drafted.discount().map(|d| match d {
            billing::Discount::Percent(p) => ("percent".to_owned(), p),
            billing::Discount::Amount(a) => ("amount".to_owned(), a),
        }),
        drafted_category: drafted_name(drafted.vat_category()).into(),
        vat_category: category_code(issued.category).into(),
        vat_rate: issued.category.rate_percent(),
        discount_amount: drafted.discount_amount(),
        net_amount: issued.net_amount,
    }
}

pub(crate) fn vat_records(totals: &billing::DocumentTotals) -> Vec<VatRecord> {
    totals
        .vat_breakdown
        .iter()
        .map(|b| VatRecord {
            vat_category: category_code(b.category).into(),
            vat_rate: b.rate_percent,
            taxable_amount: b.taxable_amount,
            vat_amount: b.tax_amount,
        })
        .collect()
}

pub(crate) fn cents(amount: Decimal) -> Result<i64, ApiError> {
    to_cents(amount).ok_or_else(|| ApiError::Internal(format!("amount out of range: {amount}")))
}

/// What was issued.
pub struct Issued {
    pub stored: StoredInvoice,
    pub record: InvoiceRecord,
}

/// Issues the operator's invoice to the Client `tenant` for `lines`, dated
/// `issue_date` (Belgian), numbered next in the operator's series, and
/// queues the "invoice issued" notice to `notify`. Runs in the caller's
/// write transaction: a rollback gives the number back.
#[allow(clippy::too_many_arguments)]
pub fn issue_to_client(
    conn: &mut DbConnection,
    settings: &Settings,
    tenant: &Tenant,
    notify: &str,
    lines: &[OrderLine],
    issue_date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Issued, ApiError> {
    let drafted: Vec<InvoiceLine> = lines.iter().map(invoice_line).collect::<Result<_, _>>()?;
    let year = chrono::Datelike::year(&issue_date);
    let seq = invoices::take_next_sequence(conn, OPERATOR_LEDGER, OPERATOR_SERIES, year)?;
    let prefix =
        SeriesPrefix::parse(OPERATOR_SERIES).map_err(|e| ApiError::Internal(e.to_string()))?;
    let number =
        InvoiceNumber::new(prefix, year, seq).map_err(|e| ApiError::Internal(e.to_string()))?;
    let mandate = ecom_storage::payments::active_mandate(conn, tenant.id)?;
    let draft = DraftInvoice {
        ledger: Ledger::Operator,
        seller: seller()?,
        buyer: buyer(tenant)?,
        lines: drafted.clone(),
        prepaid: Decimal::ZERO,
        // terms art. 10: collected by direct debit on the invoice date when a
        // mandate is on file; otherwise paid by transfer within 14 days.
        payment_method: if mandate.is_some() {
            PaymentMethod::SepaDirectDebit
        } else {
            PaymentMethod::BankTransfer
        },
        transfer_term_days: billing::payment_terms::PAYMENT_TERM_DAYS,
        exemption_reason: None,
    };
    let issued: IssuedInvoice = billing::issue(draft, number, issue_date)
        .map_err(|e| ApiError::Internal(format!("issue: {e}")))?;
    let record = InvoiceRecord {
        seller: seller_record(),
        buyer: PartyRecord {
            name: tenant.name.clone(),
            country: tenant.country.clone(),
            vat_number: tenant.vat_number.clone(),
            street: Some(tenant.street.clone()),
            postal_code: Some(tenant.postal_code.clone()),
            city: Some(tenant.city.clone()),
            email: Some(notify.into()),
        },
        buyer_is_consumer: false,
        lines: drafted
            .iter()
            .zip(issued.lines())
            .map(|(d, i)| line_record(d, i))
            .collect(),
        vat_breakdown: vat_records(issued.totals()),
        prepaid: issued.totals().prepaid,
        amount_due: issued.totals().amount_due,
        transfer_term_days: billing::payment_terms::PAYMENT_TERM_DAYS,
        notes: issued
            .legal_mention()
            .map(str::to_owned)
            .into_iter()
            .collect(),
        iban: settings.operator_iban.clone(),
        bic: settings.operator_bic.clone(),
        corrects: None,
        creditor_id: mandate
            .as_ref()
            .map(|_| settings.operator_creditor_id.clone()),
        mandate: mandate.map(|m| MandateRecord {
            mandate_id: m.mandate_id,
            signed_on: m.signed_on,
            iban: m.iban,
            bic: m.bic,
            account_holder: m.account_holder,
        }),
    };
    let totals = issued.totals();
    let stored = StoredInvoice {
        id: Uuid::now_v7(),
        seller_tenant_id: None,
        buyer_tenant_id: Some(tenant.id),
        kind: "invoice".into(),
        series: OPERATOR_SERIES.into(),
        year,
        seq,
        number: issued.number().to_string(),
        issue_date,
        due_date: issued.due_date(),
        payment_method: payment_method_name(issued.payment_method()).into(),
        structured_communication: issued.payment_reference().to_string(),
        currency: "EUR".into(),
        total_excl_vat_cents: cents(totals.total_excl_vat)?,
        vat_cents: cents(totals.vat_total)?,
        total_incl_vat_cents: cents(totals.total_incl_vat)?,
        document: serde_json::to_string(&record).map_err(|e| ApiError::Internal(e.to_string()))?,
        credited_invoice_id: None,
        created_at: now,
    };
    invoices::insert(conn, &stored)?;
    invoice_notice(settings, tenant.id, notify, &stored).queue(conn, now)?;
    Ok(Issued { stored, record })
}

/// The "invoice issued" e-mail (essential: SPEC §6).
fn invoice_notice(
    settings: &Settings,
    tenant: TenantId,
    recipient: &str,
    invoice: &StoredInvoice,
) -> Draft {
    Draft {
        kind: NoticeKind::InvoiceIssued,
        tenant: Some(tenant),
        recipient: recipient.into(),
        subject: format!("Ecom invoice {}", invoice.number),
        body: format!(
            "Hello,\n\nInvoice {} of {} is available in Ecom: {}/invoices/{}\n\n\
             Total: EUR {} incl. VAT, due on {}.\n\
             {}\n\
             You may dispute this invoice within 7 calendar days of its date (terms art. 10).\n",
            invoice.number,
            invoice.issue_date.format("%d/%m/%Y"),
            settings.public_url.trim_end_matches('/'),
            invoice.id,
            from_cents(invoice.total_incl_vat_cents),
            invoice.due_date.format("%d/%m/%Y"),
            if invoice.payment_method == "direct_debit" {
                "It will be collected by SEPA Direct Debit on that date under your mandate."
                    .to_owned()
            } else {
                format!(
                    "Please pay by bank transfer to {} quoting {}.",
                    settings.operator_iban, invoice.structured_communication
                )
            },
        ),
        secret: None,
        dedupe_key: Some(format!("invoice_issued:{}", invoice.id)),
    }
}

/// Reads the stored document.
pub fn record(invoice: &StoredInvoice) -> Result<InvoiceRecord, ApiError> {
    serde_json::from_str(&invoice.document)
        .map_err(|e| ApiError::Internal(format!("stored invoice {}: {e}", invoice.number)))
}

/// The drafted VAT category of a stored line.
pub fn drafted_category(line: &LineRecord) -> Option<VatCategory> {
    category_from_code(&line.drafted_category)
}

/// The Peppol electronic address of a party from its VAT number: the Belgian
/// enterprise number (scheme 0208) for Belgium, the national VAT scheme for
/// a few neighbours; `None` when unknown.
fn electronic_address(
    country: &str,
    vat: Option<&str>,
) -> Option<ecom_documents::ElectronicAddress> {
    let vat = vat?;
    let (scheme, id) = match country {
        "BE" => ("0208", vat.trim_start_matches("BE").to_owned()),
        "NL" => ("9944", vat.to_owned()),
        "FR" => ("9957", vat.to_owned()),
        "DE" => ("9930", vat.to_owned()),
        "LU" => ("9938", vat.to_owned()),
        "AT" => ("9914", vat.to_owned()),
        "ES" => ("9920", vat.to_owned()),
        _ => return None,
    };
    Some(ecom_documents::ElectronicAddress {
        scheme: scheme.into(),
        id,
    })
}

fn party(record: &PartyRecord) -> ecom_documents::Party {
    ecom_documents::Party {
        name: record.name.clone(),
        vat_number: record.vat_number.clone(),
        company_id: match (record.country.as_str(), &record.vat_number) {
            ("BE", Some(vat)) => Some(vat.trim_start_matches("BE").to_owned()),
            _ => None,
        },
        street: record.street.clone().unwrap_or_default(),
        city: record.city.clone().unwrap_or_default(),
        postal_code: record.postal_code.clone().unwrap_or_default(),
        country_code: record.country.clone(),
        email: record.email.clone(),
        electronic_address: electronic_address(&record.country, record.vat_number.as_deref()),
    }
}

/// The stored invoice as the documents crate's input (PDF and UBL).
pub fn document(
    invoice: &StoredInvoice,
    record: &InvoiceRecord,
) -> ecom_documents::InvoiceDocument {
    use ecom_documents::{
        BillingReference, DocumentKind, DocumentLine, PaymentInfo, Totals, VatSubtotal,
    };
    let reverse_charge = record.vat_breakdown.iter().any(|v| v.vat_category == "AE");
    ecom_documents::InvoiceDocument {
        kind: if invoice.kind == "credit_note" {
            DocumentKind::CreditNote
        } else {
            DocumentKind::Invoice
        },
        number: invoice.number.clone(),
        issue_date: invoice.issue_date,
        due_date: Some(invoice.due_date),
        currency: invoice.currency.clone(),
        seller: party(&record.seller),
        buyer: party(&record.buyer),
        lines: record
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| DocumentLine {
                id: (i + 1).to_string(),
                description: l.description.clone(),
                quantity: l.quantity,
                unit_code: "C62".into(),
                unit_price: l.unit_price,
                discount_amount: (!l.discount_amount.is_zero()).then_some(l.discount_amount),
                net_amount: l.net_amount,
                vat_category: l.vat_category.clone(),
                vat_rate: l.vat_rate,
            })
            .collect(),
        vat_breakdown: record
            .vat_breakdown
            .iter()
            .map(|v| VatSubtotal {
                category: v.vat_category.clone(),
                rate: v.vat_rate,
                taxable_amount: v.taxable_amount,
                tax_amount: v.vat_amount,
                exemption_reason: (v.vat_category == "AE").then(|| "Reverse charge".to_owned()),
            })
            .collect(),
        totals: Totals {
            line_extension: from_cents(invoice.total_excl_vat_cents),
            tax_exclusive: from_cents(invoice.total_excl_vat_cents),
            tax_amount: from_cents(invoice.vat_cents),
            tax_inclusive: from_cents(invoice.total_incl_vat_cents),
            prepaid: record.prepaid,
            payable: record.amount_due,
        },
        payment: Some(PaymentInfo {
            means_code: match invoice.payment_method.as_str() {
                "direct_debit" => "49",
                "card" => "48",
                _ => "30",
            }
            .into(),
            iban: record.iban.clone(),
            // A tenant may invoice without a BIC (optional in SEPA within the EEA).
            bic: Some(record.bic.clone()).filter(|b| !b.trim().is_empty()),
            account_name: record.seller.name.clone(),
            structured_reference: invoice.structured_communication.clone(),
            mandate_id: record.mandate.as_ref().map(|m| m.mandate_id.clone()),
            creditor_id: record.creditor_id.clone(),
            debtor_iban: record.mandate.as_ref().map(|m| m.iban.clone()),
        }),
        notes: Vec::new(),
        billing_reference: record
            .corrects
            .as_ref()
            .map(|(number, date, _)| BillingReference {
                invoice_number: number.clone(),
                issue_date: *date,
            }),
        buyer_reference: Some(format!(
            "Ecom account {}",
            invoice
                .buyer_tenant_id
                .map(|t| t.to_string())
                .unwrap_or_default()
        )),
        order_reference: None,
        legal_mention: if reverse_charge {
            record.notes.first().cloned()
        } else {
            None
        },
    }
}

/// The series of the operator's credit notes: `CN-2026-000001`.
pub const CREDIT_NOTE_SERIES: &str = "CN";

fn method_from_name(name: &str) -> PaymentMethod {
    match name {
        "card" => PaymentMethod::Card,
        "direct_debit" => PaymentMethod::SepaDirectDebit,
        _ => PaymentMethod::BankTransfer,
    }
}

pub(crate) fn drafted_lines(record: &InvoiceRecord) -> Result<Vec<InvoiceLine>, ApiError> {
    record
        .lines
        .iter()
        .map(|l| {
            let category = drafted_category(l).ok_or_else(|| {
                ApiError::Internal(format!("stored VAT category {}", l.drafted_category))
            })?;
            let discount = l
                .discount
                .as_ref()
                .map(|(kind, value)| match kind.as_str() {
                    "percent" => billing::Discount::Percent(*value),
                    _ => billing::Discount::Amount(*value),
                });
            InvoiceLine::new(&l.description, l.quantity, l.unit_price, discount, category)
                .map_err(|e| ApiError::Internal(e.to_string()))
        })
        .collect()
}

/// The engine's issued invoice, rebuilt from the stored draft (issuing is
/// deterministic, so this is the invoice that was issued).
fn reissue(invoice: &StoredInvoice, record: &InvoiceRecord) -> Result<IssuedInvoice, ApiError> {
    reissue_as(invoice, record, Ledger::Operator, seller()?)
}

/// [`reissue`] on any ledger: the seller is the operator or a tenant
/// invoicing its own customers.
pub(crate) fn reissue_as(
    invoice: &StoredInvoice,
    record: &InvoiceRecord,
    ledger: Ledger,
    seller: Seller,
) -> Result<IssuedInvoice, ApiError> {
    let buyer_country =
        Country::parse(&record.buyer.country).map_err(|e| ApiError::Internal(e.to_string()))?;
    let draft = DraftInvoice {
        ledger,
        seller,
        buyer: Buyer {
            name: record.buyer.name.clone(),
            country: buyer_country,
            vat_number: record
                .buyer
                .vat_number
                .as_deref()
                .and_then(|v| VatNumber::parse(v, buyer_country).ok()),
            is_consumer: record.buyer_is_consumer,
        },
        lines: drafted_lines(record)?,
        prepaid: record.prepaid,
        payment_method: method_from_name(&invoice.payment_method),
        transfer_term_days: record.transfer_term_days,
        exemption_reason: None,
    };
    let number =
        InvoiceNumber::parse(&invoice.number).map_err(|e| ApiError::Internal(e.to_string()))?;
    billing::issue(draft, number, invoice.issue_date)
        .map_err(|e| ApiError::Internal(format!("re-issue: {e}")))
}

/// Credits an invoice in full with a credit note that references it
/// (SPEC §3: an issued invoice never changes; corrections are credit notes).
pub fn credit_in_full(
    conn: &mut DbConnection,
    invoice: &StoredInvoice,
    reason: &str,
    issue_date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<StoredInvoice, ApiError> {
    let client = invoice
        .buyer_tenant_id
        .ok_or_else(|| ApiError::Internal("an operator invoice without a Client".into()))?;
    if !invoices::credit_notes_for(conn, client, invoice.id)?.is_empty() {
        return Err(ApiError::Conflict {
            code: "already_credited",
            detail: format!("invoice {} already has a credit note", invoice.number),
            field: None,
        });
    }
    let record = record(invoice)?;
    let issued = reissue(invoice, &record)?;
    let drafted = drafted_lines(&record)?;
    credit_note(
        conn,
        OPERATOR_LEDGER,
        CREDIT_NOTE_SERIES,
        invoice,
        &record,
        &issued,
        &[],
        drafted,
        reason,
        issue_date,
        now,
    )
}

/// Credits `open` (incl. VAT) of an invoice, less than its total: one line
/// per VAT category of the invoice, filled in the breakdown's order, each
/// the smallest net amount whose total covers what is left
/// ([`ecom_domain::contract::net_to_credit`]; at most a cent over, in the
/// Client's favour). `description` names what is credited on the lines.
#[allow(clippy::too_many_arguments)]
pub fn credit_part(
    conn: &mut DbConnection,
    invoice: &StoredInvoice,
    open: Decimal,
    description: &str,
    reason: &str,
    issue_date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<StoredInvoice, ApiError> {
    let record = record(invoice)?;
    let issued = reissue(invoice, &record)?;
    let mut left = open;
    let mut lines = Vec::new();
    for row in &issued.totals().vat_breakdown {
        if left <= Decimal::ZERO {
            break;
        }
        let net =
            ecom_domain::contract::net_to_credit(left, row.rate_percent).min(row.taxable_amount);
        if net <= Decimal::ZERO {
            continue;
        }
        lines.push(
            InvoiceLine::new(description, Decimal::ONE, net, None, row.category)
                .map_err(|e| ApiError::Internal(e.to_string()))?,
        );
        left -= net + round_to_cent(net * row.rate_percent / Decimal::ONE_HUNDRED);
    }
    credit_note(
        conn,
        OPERATOR_LEDGER,
        CREDIT_NOTE_SERIES,
        invoice,
        &record,
        &issued,
        &[],
        lines,
        reason,
        issue_date,
        now,
    )
}

/// Issues a credit note numbered in `series` of `ledger` correcting
/// `invoice` (`issued` is the engine's invoice, `earlier` the credit notes
/// already issued for it) for `lines`, and stores it. Both ledgers use it.
#[allow(clippy::too_many_arguments)]
pub(crate) fn credit_note(
    conn: &mut DbConnection,
    ledger: &str,
    series: &str,
    invoice: &StoredInvoice,
    record: &InvoiceRecord,
    issued: &IssuedInvoice,
    earlier: &[billing::IssuedCreditNote],
    lines: Vec<InvoiceLine>,
    reason: &str,
    issue_date: NaiveDate,
    now: DateTime<Utc>,
) -> Result<StoredInvoice, ApiError> {
    let year = chrono::Datelike::year(&issue_date);
    let seq = invoices::take_next_sequence(conn, ledger, series, year)?;
    let prefix = SeriesPrefix::parse(series).map_err(|e| ApiError::Internal(e.to_string()))?;
    let number =
        InvoiceNumber::new(prefix, year, seq).map_err(|e| ApiError::Internal(e.to_string()))?;
    let note =
        billing::issue_credit_note(issued, earlier, lines.clone(), number, issue_date, reason)
            .map_err(|e| ApiError::Rule {
                code: "credit_note_refused",
                detail: e.to_string(),
            })?;
    let totals = note.totals();
    let credit_record = InvoiceRecord {
        lines: lines
            .iter()
            .zip(note.lines())
            .map(|(d, i)| line_record(d, i))
            .collect(),
        vat_breakdown: vat_records(totals),
        prepaid: Decimal::ZERO,
        amount_due: totals.total_incl_vat,
        notes: note
            .legal_mention()
            .map(str::to_owned)
            .into_iter()
            .collect(),
        corrects: Some((
            invoice.number.clone(),
            invoice.issue_date,
            note.reason().to_owned(),
        )),
        ..record.clone()
    };
    let stored = StoredInvoice {
        id: Uuid::now_v7(),
        seller_tenant_id: invoice.seller_tenant_id,
        buyer_tenant_id: invoice.buyer_tenant_id,
        kind: "credit_note".into(),
        series: series.into(),
        year,
        seq,
        number: note.number().to_string(),
        issue_date,
        due_date: issue_date,
        payment_method: invoice.payment_method.clone(),
        structured_communication: invoice.structured_communication.clone(),
        currency: invoice.currency.clone(),
        total_excl_vat_cents: cents(totals.total_excl_vat)?,
        vat_cents: cents(totals.vat_total)?,
        total_incl_vat_cents: cents(totals.total_incl_vat)?,
        document: serde_json::to_string(&credit_record)
            .map_err(|e| ApiError::Internal(e.to_string()))?,
        credited_invoice_id: Some(invoice.id),
        created_at: now,
    };
    invoices::insert(conn, &stored)?;
    Ok(stored)
}
