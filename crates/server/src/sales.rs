//! A tenant invoicing its own customers (SPEC §5), on the billing engine of
//! the operator's invoices (`ecom_domain::billing`, [`crate::billing`]): the
//! seller is the tenant, the buyer one of its companies or contacts, the
//! numbers come from the tenant's own gapless series, the issued documents
//! are stored immutably in `invoices` with `seller_tenant_id` = the tenant.
//!
//! Quotations are priced by the same engine; accepting one lets it become
//! a sales invoice.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use ecom_domain::billing::statement::{CreditOnInvoice, ReceivedPayment, StatementInvoice};
use ecom_domain::billing::statutory_rates;
use ecom_domain::billing::vat_category::{effective_category, reverse_charge_applies};
use ecom_domain::billing::{
    self, build_statement, Buyer, DraftInvoice, Iban, InvoiceLine, InvoiceNumber, IssuedCreditNote,
    IssuedInvoice, Ledger, PaymentMethod, Seller, SeriesPrefix, Statement, VatCategory,
};
use ecom_domain::money::{from_cents, round_to_cent};
use ecom_domain::sales::{vat_category_for_rate, SalesLatePaymentPolicy};
use ecom_domain::{CompanyId, ContactId, Country, TenantId, VatNumber};
use ecom_storage::invoices::{self, StoredInvoice};
use ecom_storage::sales::{self as store, CustomerRecord, SalesInvoice, SalesSettingsRow};
use ecom_storage::tenants::Tenant;
use ecom_storage::DbConnection;
use ecom_types::billing::VatLineView;
use ecom_types::sales::{CustomerView, SalesLineInput, SalesLineView, SalesTotals};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use uuid::Uuid;

use crate::billing::{
    cents, line_record, payment_method_name, vat_records, InvoiceRecord, PartyRecord,
};
use crate::error::{ApiError, FieldChecks};

/// The series of a tenant's credit notes: `CN-2026-000001`.
pub const CREDIT_NOTE_SERIES: &str = "CN";
/// The most lines a document may have.
const MAX_LINES: usize = 200;

/// The counters' ledger of a tenant's invoices and credit notes.
pub fn invoice_ledger(tenant: TenantId) -> String {
    format!("tenant:{tenant}")
}

/// The counters' ledger of a tenant's quotations (a separate numbering).
pub fn quotation_ledger(tenant: TenantId) -> String {
    format!("quotations:{tenant}")
}

/// The tenant's settings, or the defaults when it never saved any.
pub fn settings(
    conn: &mut DbConnection,
    tenant: TenantId,
    now: DateTime<Utc>,
) -> Result<SalesSettingsRow, ApiError> {
    Ok(store::settings(conn, tenant)?.unwrap_or_else(|| SalesSettingsRow::defaults(tenant, now)))
}

pub fn policy(settings: &SalesSettingsRow) -> SalesLatePaymentPolicy {
    let rate = settings
        .contractual_rate
        .as_deref()
        .and_then(|r| Decimal::from_str(r).ok());
    SalesLatePaymentPolicy::parse(&settings.late_payment_policy, rate)
        .unwrap_or(SalesLatePaymentPolicy::Statutory)
}

/// An amount in euros as written in an e-mail: two decimals.
pub fn eur(amount: Decimal) -> String {
    format!("{:.2}", round_to_cent(amount))
}

/// The statutory commercial late-payment rate in force on `today` (the rate of
/// its half-year, Law of 2 August 2002 art. 5), and whether it is recorded
/// for that half-year (`false`: the last known rate, until the FPS Finance
/// publication is added to [`statutory_rates`]).
pub fn statutory_rate(today: NaiveDate) -> (Decimal, bool) {
    (
        statutory_rates::commercial_rate_on(today),
        statutory_rates::commercial_rate_recorded(today),
    )
}

pub fn default_vat(settings: &SalesSettingsRow) -> Decimal {
    Decimal::from_str(&settings.default_vat_rate).unwrap_or(Decimal::from(21))
}

/// The next number of a series this year, as it would be printed.
pub fn next_number(
    conn: &mut DbConnection,
    ledger: &str,
    prefix: &str,
    year: i32,
) -> Result<String, ApiError> {
    let last = invoices::peek_last_sequence(conn, ledger, prefix, year)?;
    let seq = billing::next_number(last).map_err(|e| ApiError::Rule {
        code: "series_exhausted",
        detail: e.to_string(),
    })?;
    let prefix = SeriesPrefix::parse(prefix).map_err(|e| ApiError::Internal(e.to_string()))?;
    Ok(InvoiceNumber::new(prefix, year, seq)
        .map_err(|e| ApiError::Internal(e.to_string()))?
        .to_string())
}

/// Takes the next number of a series (in the caller's transaction: gapless).
pub fn take_number(
    conn: &mut DbConnection,
    ledger: &str,
    prefix: &str,
    year: i32,
) -> Result<(u32, InvoiceNumber), ApiError> {
    let seq = invoices::take_next_sequence(conn, ledger, prefix, year)?;
    let parsed = SeriesPrefix::parse(prefix).map_err(|e| ApiError::Internal(e.to_string()))?;
    let number = InvoiceNumber::new(parsed, year, seq).map_err(|e| ApiError::Rule {
        code: "series_exhausted",
        detail: e.to_string(),
    })?;
    Ok((seq, number))
}

// ------------------------------------------------------------------ lines

/// A line as drafted and stored (JSON) on a quotation or draft invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredLine {
    pub description: String,
    pub quantity: Decimal,
    pub unit_price: Decimal,
    pub vat_rate: Decimal,
    pub discount_percent: Option<Decimal>,
}

impl StoredLine {
    fn engine(&self) -> Result<InvoiceLine, String> {
        let category = vat_category_for_rate(self.vat_rate).map_err(|e| e.to_string())?;
        let discount = self.discount_percent.map(billing::Discount::Percent);
        InvoiceLine::new(
            &self.description,
            self.quantity,
            self.unit_price,
            discount,
            category,
        )
        .map_err(|e| e.to_string())
    }
}

/// Checks typed lines, one field error per bad field (`lines[0].quantity`).
pub fn check_lines(
    inputs: &[SalesLineInput],
    default_vat: Decimal,
    checks: &mut FieldChecks,
) -> Vec<StoredLine> {
    if inputs.is_empty() {
        checks.push("lines", "required", "add at least one line");
    }
    if inputs.len() > MAX_LINES {
        checks.push("lines", "too_many", format!("at most {MAX_LINES} lines"));
    }
    let mut out = Vec::new();
    for (i, l) in inputs.iter().enumerate() {
        let field = |name: &str| format!("lines[{i}].{name}");
        let mut ok = true;
        let description = l.description.trim();
        if description.is_empty() {
            checks.push(&field("description"), "required", "describe what is sold");
            ok = false;
        } else if description.chars().count() > 500 {
            checks.push(&field("description"), "too_long", "at most 500 characters");
            ok = false;
        }
        if l.quantity <= Decimal::ZERO
            || l.quantity.scale() > 4
            || l.quantity > Decimal::from(1_000_000)
        {
            checks.push(
                &field("quantity"),
                "out_of_range",
                "the quantity must be more than 0, at most 1 000 000, with at most 4 decimals",
            );
            ok = false;
        }
        if l.unit_price < Decimal::ZERO
            || l.unit_price.scale() > 4
            || l.unit_price > Decimal::from(100_000_000)
        {
            checks.push(
                &field("unit_price"),
                "out_of_range",
                "the unit price must be 0 or more, at most 100 000 000, with at most 4 decimals",
            );
            ok = false;
        }
        let vat_rate = l.vat_rate.unwrap_or(default_vat);
        if let Err(e) = vat_category_for_rate(vat_rate) {
            checks.push(&field("vat_rate"), "invalid_vat_rate", e.to_string());
            ok = false;
        }
        if let Some(p) = l.discount_percent {
            if p <= Decimal::ZERO || p > Decimal::ONE_HUNDRED || p.scale() > 2 {
                checks.push(
                    &field("discount_percent"),
                    "out_of_range",
                    "a discount must be more than 0 and at most 100 %, with at most 2 decimals",
                );
                ok = false;
            }
        }
        if ok {
            out.push(StoredLine {
                description: description.to_owned(),
                quantity: l.quantity.normalize(),
                unit_price: l.unit_price,
                vat_rate: vat_rate.normalize(),
                discount_percent: l.discount_percent.map(|d| d.normalize()),
            });
        }
    }
    out
}

pub fn lines_json(lines: &[StoredLine]) -> Result<String, ApiError> {
    serde_json::to_string(lines).map_err(|e| ApiError::Internal(e.to_string()))
}

pub fn read_lines(json: &str) -> Result<Vec<StoredLine>, ApiError> {
    serde_json::from_str(json).map_err(|e| ApiError::Internal(format!("stored lines: {e}")))
}

fn engine_lines(lines: &[StoredLine]) -> Result<Vec<InvoiceLine>, ApiError> {
    lines
        .iter()
        .map(|l| {
            l.engine().map_err(|e| ApiError::Rule {
                code: "invalid_line",
                detail: e,
            })
        })
        .collect()
}

// ------------------------------------------------------------------ parties

/// The buyer as printed (stored with a quotation when sent, and on an invoice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuyerRecord {
    pub party: PartyRecord,
    pub is_consumer: bool,
    pub company_id: Option<Uuid>,
    pub contact_id: Option<Uuid>,
}

/// Checks that the customer ids exist in the tenant (a field error otherwise).
pub fn check_customer(
    conn: &mut DbConnection,
    tenant: TenantId,
    company_id: Option<Uuid>,
    contact_id: Option<Uuid>,
    checks: &mut FieldChecks,
) -> Result<(), ApiError> {
    if company_id.is_none() && contact_id.is_none() {
        checks.push(
            "company_id",
            "required",
            "choose a company or a contact as the customer",
        );
    }
    if let Some(id) = company_id {
        if !ecom_storage::companies::exists(conn, tenant, CompanyId(id))? {
            checks.push(
                "company_id",
                "not_found",
                "no company with that id exists in your account",
            );
        }
    }
    if let Some(id) = contact_id {
        if !ecom_storage::contacts::exists(conn, tenant, ContactId(id))? {
            checks.push(
                "contact_id",
                "not_found",
                "no contact with that id exists in your account",
            );
        }
    }
    Ok(())
}

/// Reads the customer's current name, address and VAT number from the CRM:
/// the company is the buyer; a contact alone is a consumer; the contact's
/// e-mail is where documents go.
pub fn buyer_snapshot(
    conn: &mut DbConnection,
    tenant: TenantId,
    company_id: Option<Uuid>,
    contact_id: Option<Uuid>,
) -> Result<BuyerRecord, ApiError> {
    let company = match company_id {
        Some(id) => Some(
            store::company(conn, tenant, CompanyId(id))?
                .ok_or_else(|| ApiError::not_found("company"))?,
        ),
        None => None,
    };
    let contact = match contact_id {
        Some(id) => Some(
            store::contact(conn, tenant, ContactId(id))?
                .ok_or_else(|| ApiError::not_found("contact"))?,
        ),
        None => None,
    };
    let (main, is_consumer): (&CustomerRecord, bool) = match (&company, &contact) {
        (Some(c), _) => (c, false),
        (None, Some(p)) => (p, true),
        (None, None) => {
            return Err(ApiError::Rule {
                code: "customer_missing",
                detail: "choose a company or a contact as the customer".into(),
            })
        }
    };
    let country = main
        .country
        .clone()
        .filter(|c| c.len() == 2)
        .map(|c| c.to_ascii_uppercase())
        .unwrap_or_else(|| "BE".into());
    let vat_number = main
        .vat_number
        .as_deref()
        .map(|v| v.replace([' ', '.'], "").to_ascii_uppercase())
        .filter(|v| !v.is_empty());
    let email = contact
        .as_ref()
        .and_then(|p| p.email.clone())
        .or_else(|| company.as_ref().and_then(|c| c.email.clone()));
    Ok(BuyerRecord {
        party: PartyRecord {
            name: main.name.clone(),
            country,
            vat_number,
            street: main.street.clone(),
            postal_code: main.postal_code.clone(),
            city: main.city.clone(),
            email,
        },
        is_consumer,
        company_id,
        contact_id,
    })
}

pub fn customer_view(buyer: &BuyerRecord) -> CustomerView {
    CustomerView {
        company_id: buyer.company_id,
        contact_id: buyer.contact_id,
        name: buyer.party.name.clone(),
        vat_number: buyer.party.vat_number.clone(),
        email: buyer.party.email.clone(),
        street: buyer.party.street.clone(),
        postal_code: buyer.party.postal_code.clone(),
        city: buyer.party.city.clone(),
        country: buyer.party.country.clone(),
    }
}

fn engine_buyer(buyer: &BuyerRecord) -> Result<Buyer, ApiError> {
    let country = Country::parse(&buyer.party.country).map_err(|e| ApiError::Rule {
        code: "invalid_customer",
        detail: format!("the customer's country: {}", e.message),
    })?;
    Ok(Buyer {
        name: buyer.party.name.clone(),
        country,
        vat_number: buyer
            .party
            .vat_number
            .as_deref()
            .and_then(|v| VatNumber::parse(v, country).ok()),
        is_consumer: buyer.is_consumer,
    })
}

/// The tenant as seller, for the engine and on paper.
pub fn seller(tenant: &Tenant) -> Result<(Seller, PartyRecord), ApiError> {
    let country = Country::parse(&tenant.country).map_err(|e| ApiError::Internal(e.message))?;
    let engine = Seller {
        name: tenant.name.clone(),
        country,
        vat_number: tenant
            .vat_number
            .as_deref()
            .and_then(|v| VatNumber::parse(v, country).ok()),
    };
    let record = PartyRecord {
        name: tenant.name.clone(),
        country: tenant.country.clone(),
        vat_number: tenant.vat_number.clone(),
        street: Some(tenant.street.clone()),
        postal_code: Some(tenant.postal_code.clone()),
        city: Some(tenant.city.clone()),
        email: None,
    };
    Ok((engine, record))
}

pub fn tenant(conn: &mut DbConnection, id: TenantId) -> Result<Tenant, ApiError> {
    ecom_storage::tenants::find(conn, id)?
        .ok_or_else(|| ApiError::Internal("the caller's tenant is gone".into()))
}

// ------------------------------------------------------------------ pricing

/// Lines and totals as the engine prices them for this seller and buyer
/// (reverse charge decided from the buyer; VAT per rate on the sum).
pub struct Priced {
    pub lines: Vec<SalesLineView>,
    pub totals: SalesTotals,
    pub total_excl_vat: Decimal,
    pub vat: Decimal,
    pub total_incl_vat: Decimal,
}

pub fn price(
    seller: &Seller,
    buyer: Option<&Buyer>,
    lines: &[StoredLine],
) -> Result<Priced, ApiError> {
    let engine = engine_lines(lines)?;
    let reverse_charge = buyer.is_some_and(|b| {
        reverse_charge_applies(
            seller.country,
            b.country,
            b.vat_number.as_ref(),
            b.is_consumer,
        )
    });
    let categorised: Vec<(VatCategory, Decimal)> = engine
        .iter()
        .map(|l| {
            (
                effective_category(l.vat_category(), reverse_charge),
                l.net_amount(),
            )
        })
        .collect();
    let totals = billing::totals::document_totals(categorised.iter().copied(), Decimal::ZERO);
    let views = lines
        .iter()
        .zip(&engine)
        .map(|(s, l)| SalesLineView {
            description: s.description.clone(),
            quantity: s.quantity,
            unit_price: s.unit_price,
            vat_rate: s.vat_rate,
            discount_percent: s.discount_percent,
            discount_amount: l.discount_amount(),
            net_amount: l.net_amount(),
        })
        .collect();
    Ok(Priced {
        lines: views,
        totals: SalesTotals {
            total_excl_vat: totals.total_excl_vat,
            vat: totals.vat_total,
            total_incl_vat: totals.total_incl_vat,
            vat_breakdown: vat_records(&totals)
                .into_iter()
                .map(|v| VatLineView {
                    vat_category: v.vat_category,
                    vat_rate: v.vat_rate,
                    taxable_amount: v.taxable_amount,
                    vat_amount: v.vat_amount,
                })
                .collect(),
            reverse_charge,
        },
        total_excl_vat: totals.total_excl_vat,
        vat: totals.vat_total,
        total_incl_vat: totals.total_incl_vat,
    })
}

/// Prices lines for a customer given by ids (drafts: the CRM's current data).
pub fn price_for(
    conn: &mut DbConnection,
    tenant: &Tenant,
    company_id: Option<Uuid>,
    contact_id: Option<Uuid>,
    lines: &[StoredLine],
) -> Result<(Priced, BuyerRecord), ApiError> {
    let buyer = buyer_snapshot(conn, tenant.id, company_id, contact_id)?;
    let (seller, _) = seller(tenant)?;
    let priced = price(&seller, Some(&engine_buyer(&buyer)?), lines)?;
    Ok((priced, buyer))
}

// ------------------------------------------------------------------ issuing

/// The stored document of an issued sales invoice.
pub fn record(invoice: &StoredInvoice) -> Result<InvoiceRecord, ApiError> {
    crate::billing::record(invoice)
}

/// Issues a draft: next number of the tenant's series, dated `today`, due
/// after the tenant's payment term, with a structured communication; stores
/// the immutable document and marks the draft issued. In the caller's
/// transaction (a rollback gives the number back).
pub fn issue(
    conn: &mut DbConnection,
    tenant: &Tenant,
    draft: &mut SalesInvoice,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<StoredInvoice, ApiError> {
    if draft.state != "draft" {
        return Err(ApiError::Conflict {
            code: "already_issued",
            detail: format!(
                "invoice {} is issued already",
                draft.number.clone().unwrap_or_default()
            ),
            field: None,
        });
    }
    let settings = settings(conn, tenant.id, now)?;
    let (Some(iban), bic) = (settings.iban.clone(), settings.bic.clone()) else {
        return Err(ApiError::Rule {
            code: "iban_missing",
            detail: "set your IBAN in the invoicing settings (PUT /api/v1/invoicing/settings) before issuing: customers pay to it".into(),
        });
    };
    let buyer = buyer_snapshot(
        conn,
        tenant.id,
        draft.company_id.map(|c| c.0),
        draft.contact_id.map(|c| c.0),
    )?;
    let (seller, seller_record) = seller(tenant)?;
    let lines = read_lines(&draft.lines)?;
    let engine = engine_lines(&lines)?;
    let year = today.year();
    let (seq, number) = take_number(
        conn,
        &invoice_ledger(tenant.id),
        &settings.invoice_prefix,
        year,
    )?;
    let issued: IssuedInvoice = billing::issue(
        DraftInvoice {
            ledger: Ledger::Tenant(tenant.id),
            seller,
            buyer: engine_buyer(&buyer)?,
            lines: engine.clone(),
            prepaid: Decimal::ZERO,
            payment_method: PaymentMethod::BankTransfer,
            transfer_term_days: settings.payment_term_days,
            exemption_reason: None,
        },
        number,
        today,
    )
    .map_err(|e| ApiError::Rule {
        code: "invoice_refused",
        detail: e.to_string(),
    })?;
    let mut notes: Vec<String> = issued
        .legal_mention()
        .map(str::to_owned)
        .into_iter()
        .collect();
    notes.extend(draft.notes.clone().filter(|n| !n.trim().is_empty()));
    let record = InvoiceRecord {
        seller: seller_record,
        buyer: buyer.party.clone(),
        buyer_is_consumer: buyer.is_consumer,
        lines: engine
            .iter()
            .zip(issued.lines())
            .map(|(d, i)| line_record(d, i))
            .collect(),
        vat_breakdown: vat_records(issued.totals()),
        prepaid: Decimal::ZERO,
        amount_due: issued.totals().amount_due,
        transfer_term_days: settings.payment_term_days,
        notes,
        iban,
        bic: bic.unwrap_or_default(),
        corrects: None,
        mandate: None,
        creditor_id: None,
    };
    let totals = issued.totals();
    let stored = StoredInvoice {
        id: Uuid::now_v7(),
        seller_tenant_id: Some(tenant.id),
        buyer_tenant_id: None,
        kind: "invoice".into(),
        series: settings.invoice_prefix.clone(),
        year,
        seq,
        number: issued.number().to_string(),
        issue_date: today,
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
    draft.state = "issued".into();
    draft.invoice_id = Some(stored.id);
    draft.number = Some(stored.number.clone());
    draft.issue_date = Some(today);
    draft.due_date = Some(stored.due_date);
    draft.customer_name = buyer.party.name.clone();
    draft.total_excl_vat_cents = stored.total_excl_vat_cents;
    draft.vat_cents = stored.vat_cents;
    draft.total_incl_vat_cents = stored.total_incl_vat_cents;
    draft.open_principal_cents = stored.total_incl_vat_cents;
    draft.updated_at = now;
    if !store::update_sales_invoice(conn, tenant.id, draft, "draft")? {
        return Err(ApiError::Conflict {
            code: "already_issued",
            detail: "the invoice was issued meanwhile; reload it".into(),
            field: None,
        });
    }
    Ok(stored)
}

/// The issued document of a sales invoice.
pub fn issued_document(
    conn: &mut DbConnection,
    tenant: TenantId,
    si: &SalesInvoice,
) -> Result<StoredInvoice, ApiError> {
    let Some(id) = si.invoice_id else {
        return Err(ApiError::Rule {
            code: "not_issued",
            detail: "the invoice is a draft: issue it first (POST .../issue)".into(),
        });
    };
    invoices::find_in_seller_ledger(conn, tenant, id)?
        .ok_or_else(|| ApiError::Internal("issued sales invoice without its document".into()))
}

/// The engine's invoice and credit notes, rebuilt from the stored documents.
pub fn rebuild(
    tenant: &Tenant,
    stored: &StoredInvoice,
    notes: &[StoredInvoice],
) -> Result<(InvoiceRecord, IssuedInvoice, Vec<IssuedCreditNote>), ApiError> {
    let (seller, _) = seller(tenant)?;
    let record = record(stored)?;
    let issued = crate::billing::reissue_as(stored, &record, Ledger::Tenant(tenant.id), seller)?;
    let mut earlier: Vec<IssuedCreditNote> = Vec::new();
    for note in notes {
        let note_record = record_of(note)?;
        let lines = crate::billing::drafted_lines(&note_record)?;
        let number =
            InvoiceNumber::parse(&note.number).map_err(|e| ApiError::Internal(e.to_string()))?;
        let reason = note_record
            .corrects
            .as_ref()
            .map(|c| c.2.clone())
            .unwrap_or_default();
        let rebuilt =
            billing::issue_credit_note(&issued, &earlier, lines, number, note.issue_date, &reason)
                .map_err(|e| ApiError::Internal(format!("re-issue credit note: {e}")))?;
        earlier.push(rebuilt);
    }
    Ok((record, issued, earlier))
}

fn record_of(invoice: &StoredInvoice) -> Result<InvoiceRecord, ApiError> {
    crate::billing::record(invoice)
}

/// Issues a credit note for `lines` (all the invoice's lines when `None`).
/// `si` must have been read under its lock ([`crate::routes::sales_invoices::lock`]);
/// [`refresh_balance`] then brings its totals up to date.
pub fn credit(
    conn: &mut DbConnection,
    tenant: &Tenant,
    si: &SalesInvoice,
    lines: Option<Vec<StoredLine>>,
    reason: &str,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<StoredInvoice, ApiError> {
    let stored = issued_document(conn, tenant.id, si)?;
    let notes = invoices::credit_notes_in_seller_ledger(conn, tenant.id, stored.id)?;
    let (record, issued, earlier) = rebuild(tenant, &stored, &notes)?;
    let engine = match lines {
        Some(lines) => engine_lines(&lines)?,
        None => crate::billing::drafted_lines(&record)?,
    };
    let note = crate::billing::credit_note(
        conn,
        &invoice_ledger(tenant.id),
        CREDIT_NOTE_SERIES,
        &stored,
        &record,
        &issued,
        &earlier,
        engine,
        reason,
        today,
        now,
    )?;
    Ok(note)
}

// ------------------------------------------------------------------ balance

/// The invoice's statement (payments allocated by the engine: costs,
/// compensation, interest, then principal) under the tenant's policy on `today`.
pub fn statement(
    conn: &mut DbConnection,
    tenant: TenantId,
    si: &SalesInvoice,
    stored: &StoredInvoice,
    settings: &SalesSettingsRow,
    extra_payment: Option<(NaiveDate, Decimal)>,
    today: NaiveDate,
) -> Result<Statement, ApiError> {
    let record = record(stored)?;
    let number =
        InvoiceNumber::parse(&stored.number).map_err(|e| ApiError::Internal(e.to_string()))?;
    let notes = invoices::credit_notes_in_seller_ledger(conn, tenant, stored.id)?;
    let mut credit_notes = Vec::new();
    for n in &notes {
        credit_notes.push(CreditOnInvoice {
            number: InvoiceNumber::parse(&n.number)
                .map_err(|e| ApiError::Internal(e.to_string()))?,
            issued_on: n.issue_date,
            total_excl_vat: from_cents(n.total_excl_vat_cents),
            total_incl_vat: from_cents(n.total_incl_vat_cents),
        });
    }
    let reminders = store::reminders_for(conn, tenant, si.id)?;
    let line = StatementInvoice {
        number,
        issue_date: stored.issue_date,
        due_date: stored.due_date,
        total_excl_vat: from_cents(stored.total_excl_vat_cents),
        amount_due: record.amount_due,
        credit_notes,
        collection_costs: Vec::new(),
        cancelled_for_non_payment_on: None,
        // The consumer regime's free first reminder (Code of Economic Law art. XIX.2).
        first_reminder_sent_on: if record.buyer_is_consumer {
            reminders.first().map(|r| r.sent_on)
        } else {
            None
        },
    };
    let mut payments: Vec<ReceivedPayment> = store::payments_for(conn, tenant, si.id)?
        .into_iter()
        .map(|p| ReceivedPayment {
            reference: p.id,
            received_on: p.received_on,
            amount: from_cents(p.amount_cents),
        })
        .collect();
    if let Some((on, amount)) = extra_payment {
        payments.push(ReceivedPayment {
            reference: "new".into(),
            received_on: on,
            amount,
        });
    }
    let regime = policy(settings).regime(record.buyer_is_consumer);
    build_statement(&regime, &[line], &payments, today).map_err(|e| ApiError::Rule {
        code: "payment_refused",
        detail: e.to_string(),
    })
}

/// Recomputes the stored totals of an issued invoice from its rows: what
/// its payments paid, what its credit notes credited, and the open
/// principal. Call it, under the invoice's lock, after every payment or
/// credit note: the stored totals are a cache of the rows and are only ever
/// written as their sums, never incremented (an increment on a stale read
/// is how they drifted apart under concurrency).
pub fn refresh_balance(
    conn: &mut DbConnection,
    tenant: TenantId,
    si: &mut SalesInvoice,
    stored: &StoredInvoice,
    settings: &SalesSettingsRow,
    today: NaiveDate,
) -> Result<Statement, ApiError> {
    si.paid_cents = store::payments_for(conn, tenant, si.id)?
        .iter()
        .map(|p| p.amount_cents)
        .sum();
    si.credited_cents = invoices::credit_notes_in_seller_ledger(conn, tenant, stored.id)?
        .iter()
        .map(|n| n.total_incl_vat_cents)
        .sum();
    let st = statement(conn, tenant, si, stored, settings, None, today)?;
    let open = st
        .invoices
        .first()
        .map(|l| l.open.principal)
        .unwrap_or(Decimal::ZERO);
    si.open_principal_cents = cents(round_to_cent(open.max(Decimal::ZERO)))?;
    Ok(st)
}

/// The documents crate's input for an issued sales invoice or credit note.
pub fn document(
    stored: &StoredInvoice,
    record: &InvoiceRecord,
    reference: &str,
) -> ecom_documents::InvoiceDocument {
    let mut doc = crate::billing::document(stored, record);
    doc.buyer_reference = Some(reference.to_owned());
    doc
}

/// The logo to print, if the tenant uploaded one.
pub fn logo(settings: &SalesSettingsRow) -> Option<ecom_documents::Logo> {
    use base64::Engine;
    let data = settings.logo_base64.as_deref()?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .ok()?;
    ecom_documents::Logo::parse(&bytes).ok()
}

/// Whether an IBAN typed in the settings is valid (domain rule).
pub fn parse_iban(raw: &str) -> Result<Iban, String> {
    Iban::parse(raw).map_err(|e| e.to_string())
}

// ------------------------------------------------------------------ drafts

/// Stores a new draft sales invoice (lines already checked), priced for the
/// customer's current data; records `invoice.created`.
#[allow(clippy::too_many_arguments)]
pub fn insert_draft(
    conn: &mut DbConnection,
    tenant: TenantId,
    company_id: Option<Uuid>,
    contact_id: Option<Uuid>,
    lines: &[StoredLine],
    notes: Option<String>,
    quotation_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<SalesInvoice, ApiError> {
    let seller_tenant = self::tenant(conn, tenant)?;
    let (priced, buyer) = price_for(conn, &seller_tenant, company_id, contact_id, lines)?;
    let si = SalesInvoice {
        id: Uuid::now_v7(),
        tenant_id: tenant,
        company_id: company_id.map(CompanyId),
        contact_id: contact_id.map(ContactId),
        state: "draft".into(),
        lines: lines_json(lines)?,
        notes,
        quotation_id,
        invoice_id: None,
        number: None,
        issue_date: None,
        due_date: None,
        customer_name: buyer.party.name.clone(),
        total_excl_vat_cents: cents(priced.total_excl_vat)?,
        vat_cents: cents(priced.vat)?,
        total_incl_vat_cents: cents(priced.total_incl_vat)?,
        credited_cents: 0,
        paid_cents: 0,
        open_principal_cents: cents(priced.total_incl_vat)?,
        created_at: now,
        updated_at: now,
    };
    store::insert_sales_invoice(conn, tenant, &si)?;
    crate::events::record(
        conn,
        tenant,
        "invoice",
        "created",
        si.id,
        &serde_json::json!({ "id": si.id, "customer": si.customer_name, "total_incl_vat": priced.total_incl_vat }),
        now,
    )?;
    Ok(si)
}

/// Creates a draft sales invoice for a company and/or contact of the tenant
/// from `lines` — for other modules (project time turns billable hours into
/// invoice lines). Call it inside the caller's write transaction after
/// `access::require(.., Module::Invoicing, Access::Write, ..)`. Bad input is a
/// field-level 422 (`lines[0].quantity`, `company_id`), as through the API.
pub fn create_draft_invoice(
    conn: &mut DbConnection,
    tenant: TenantId,
    company_id: Option<Uuid>,
    contact_id: Option<Uuid>,
    lines: &[SalesLineInput],
    notes: Option<String>,
    now: DateTime<Utc>,
) -> Result<SalesInvoice, ApiError> {
    let mut checks = FieldChecks::default();
    check_customer(conn, tenant, company_id, contact_id, &mut checks)?;
    let settings = settings(conn, tenant, now)?;
    let stored = check_lines(lines, default_vat(&settings), &mut checks);
    if notes.as_deref().is_some_and(|n| n.chars().count() > 2000) {
        checks.push("notes", "too_long", "at most 2000 characters");
    }
    checks.finish()?;
    let notes = notes.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    insert_draft(
        conn, tenant, company_id, contact_id, &stored, notes, None, now,
    )
}
