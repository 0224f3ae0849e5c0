//! `/api/v1/quotations` (Module::Quotations) and the customer's public link
//! `/api/v1/public/quotations/{token}`.

pub mod create;
pub mod delete;
pub mod get;
pub mod invoice;
pub mod list;
pub mod public;
pub mod send;
pub mod update;

use chrono::NaiveDate;
use ecom_domain::sales::{quotation_status, QuotationState};
use ecom_storage::sales::Quotation;
use ecom_storage::tenants::Tenant;
use ecom_storage::DbConnection;
use ecom_types::sales::{QuotationSummary, QuotationView};
use uuid::Uuid;

use crate::error::ApiError;
use crate::sales::{self, BuyerRecord};

/// The quotation's status on `today` (a sent one past its date is expired).
pub fn status(q: &Quotation, today: NaiveDate) -> &'static str {
    quotation_status(
        QuotationState::parse(&q.state).unwrap_or(QuotationState::Draft),
        q.valid_until,
        today,
    )
    .name()
}

/// The buyer: the snapshot taken when sent, else the CRM's current data.
pub fn buyer(conn: &mut DbConnection, q: &Quotation) -> Result<BuyerRecord, ApiError> {
    match &q.buyer {
        Some(json) => {
            serde_json::from_str(json).map_err(|e| ApiError::Internal(format!("stored buyer: {e}")))
        }
        None => sales::buyer_snapshot(
            conn,
            q.tenant_id,
            q.company_id.map(|c| c.0),
            q.contact_id.map(|c| c.0),
        ),
    }
}

pub fn summary(q: &Quotation, customer_name: &str, today: NaiveDate) -> QuotationSummary {
    QuotationSummary {
        id: q.id,
        number: q.number.clone(),
        title: q.title.clone(),
        status: status(q, today).into(),
        company_id: q.company_id.map(|c| c.0),
        contact_id: q.contact_id.map(|c| c.0),
        customer_name: customer_name.into(),
        valid_until: q.valid_until,
        total_incl_vat: ecom_domain::money::from_cents(q.total_incl_vat_cents),
        sales_invoice_id: q.sales_invoice_id,
        created_at: q.created_at,
    }
}

/// The full view, priced by the engine for the tenant and this buyer.
pub fn view(
    conn: &mut DbConnection,
    tenant: &Tenant,
    q: &Quotation,
    today: NaiveDate,
) -> Result<QuotationView, ApiError> {
    let buyer = buyer(conn, q)?;
    let (seller, _) = sales::seller(tenant)?;
    let lines = sales::read_lines(&q.lines)?;
    let engine_buyer = ecom_domain::billing::Buyer {
        name: buyer.party.name.clone(),
        country: ecom_domain::Country::parse(&buyer.party.country)
            .unwrap_or(ecom_domain::Country::BELGIUM),
        vat_number: buyer.party.vat_number.as_deref().and_then(|v| {
            ecom_domain::VatNumber::parse(
                v,
                ecom_domain::Country::parse(&buyer.party.country)
                    .unwrap_or(ecom_domain::Country::BELGIUM),
            )
            .ok()
        }),
        is_consumer: buyer.is_consumer,
    };
    let priced = sales::price(&seller, Some(&engine_buyer), &lines)?;
    Ok(QuotationView {
        summary: summary(q, &buyer.party.name, today),
        customer: sales::customer_view(&buyer),
        issue_date: q.issue_date,
        notes: q.notes.clone(),
        lines: priced.lines,
        totals: priced.totals,
        sent_at: q.sent_at,
        answered_at: q.answered_at,
    })
}

/// The tenant's quotation, or 404.
pub fn find(
    conn: &mut DbConnection,
    tenant: ecom_domain::TenantId,
    id: Uuid,
) -> Result<Quotation, ApiError> {
    ecom_storage::sales::find_quotation(conn, tenant, id)?
        .ok_or_else(|| ApiError::not_found("quotation"))
}

/// The tenant's quotation, its row locked until the transaction ends and
/// read after the lock (see [`crate::routes::sales_invoices::lock`]), or 404.
pub fn lock(
    conn: &mut DbConnection,
    tenant: ecom_domain::TenantId,
    id: Uuid,
) -> Result<Quotation, ApiError> {
    ecom_storage::sales::lock_quotation(conn, tenant, id)?
        .ok_or_else(|| ApiError::not_found("quotation"))
}

/// The PDF input of a quotation (seller = the tenant, no payment block).
pub fn document(
    tenant: &Tenant,
    q: &Quotation,
    view: &QuotationView,
    buyer: &BuyerRecord,
) -> Result<ecom_documents::InvoiceDocument, ApiError> {
    use ecom_documents::{DocumentKind, DocumentLine, Party, Totals, VatSubtotal};
    let (_, seller) = sales::seller(tenant)?;
    let party = |p: &crate::billing::PartyRecord| Party {
        name: p.name.clone(),
        vat_number: p.vat_number.clone(),
        company_id: None,
        street: p.street.clone().unwrap_or_default(),
        city: p.city.clone().unwrap_or_default(),
        postal_code: p.postal_code.clone().unwrap_or_default(),
        country_code: p.country.clone(),
        email: p.email.clone(),
        electronic_address: None,
    };
    let number = q.number.clone().unwrap_or_else(|| "DRAFT".into());
    let engine_codes: Vec<(String, rust_decimal::Decimal)> = view
        .lines
        .iter()
        .map(|l| {
            let category = ecom_domain::sales::vat_category_for_rate(l.vat_rate)
                .unwrap_or(ecom_domain::billing::VatCategory::Standard21);
            let category = ecom_domain::billing::vat_category::effective_category(
                category,
                view.totals.reverse_charge,
            );
            (category.code().to_owned(), category.rate_percent())
        })
        .collect();
    Ok(ecom_documents::InvoiceDocument {
        kind: DocumentKind::Quotation,
        number: number.clone(),
        issue_date: q.issue_date.unwrap_or_else(|| q.created_at.date_naive()),
        due_date: Some(q.valid_until),
        currency: "EUR".into(),
        seller: party(&seller),
        buyer: party(&buyer.party),
        lines: view
            .lines
            .iter()
            .zip(engine_codes)
            .enumerate()
            .map(|(i, (l, (code, rate)))| DocumentLine {
                id: (i + 1).to_string(),
                description: l.description.clone(),
                quantity: l.quantity,
                unit_code: "C62".into(),
                unit_price: l.unit_price,
                discount_amount: (!l.discount_amount.is_zero()).then_some(l.discount_amount),
                net_amount: l.net_amount,
                vat_category: code,
                vat_rate: rate,
            })
            .collect(),
        vat_breakdown: view
            .totals
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
            line_extension: view.totals.total_excl_vat,
            tax_exclusive: view.totals.total_excl_vat,
            tax_amount: view.totals.vat,
            tax_inclusive: view.totals.total_incl_vat,
            prepaid: rust_decimal::Decimal::ZERO,
            payable: view.totals.total_incl_vat,
        },
        payment: None,
        notes: q.notes.iter().cloned().collect(),
        billing_reference: None,
        buyer_reference: Some(
            q.title
                .clone()
                .filter(|t| !t.trim().is_empty())
                .unwrap_or(number),
        ),
        order_reference: None,
        legal_mention: view
            .totals
            .reverse_charge
            .then(|| ecom_domain::billing::vat_category::REVERSE_CHARGE_MENTION.to_owned()),
    })
}
