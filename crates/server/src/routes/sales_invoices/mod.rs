//! `/api/v1/sales-invoices` (Module::Invoicing): the tenant's invoices to its
//! own customers. (`/api/v1/invoices` are Ecom's invoices to the tenant.)

pub mod create;
pub mod credit_note;
pub mod delete;
pub mod documents;
pub mod get;
pub mod issue;
pub mod list;
pub mod payments;
pub mod reminders;
pub mod revenue;
pub mod update;

use chrono::{DateTime, NaiveDate, Utc};
use ecom_domain::money::from_cents;
use ecom_domain::sales::{sales_invoice_status, SalesInvoiceStatus};
use ecom_domain::TenantId;
use ecom_storage::sales::{self as store, SalesInvoice};
use ecom_storage::DbConnection;
use ecom_types::billing::VatLineView;
use ecom_types::sales::{
    SalesBalanceView, SalesCreditNoteView, SalesInvoiceSummary, SalesInvoiceView, SalesLineView,
    SalesPaymentView, SalesReminderView, SalesTotals,
};
use uuid::Uuid;

use crate::error::ApiError;
use crate::sales::{self, BuyerRecord};

pub fn status(si: &SalesInvoice, today: NaiveDate) -> SalesInvoiceStatus {
    match (si.state.as_str(), si.due_date) {
        ("issued", Some(due)) => sales_invoice_status(
            from_cents(si.total_incl_vat_cents),
            from_cents(si.credited_cents),
            from_cents(si.open_principal_cents),
            due,
            today,
        ),
        _ => SalesInvoiceStatus::Draft,
    }
}

pub fn summary(si: &SalesInvoice, today: NaiveDate) -> SalesInvoiceSummary {
    SalesInvoiceSummary {
        id: si.id,
        number: si.number.clone(),
        status: status(si, today).name().into(),
        company_id: si.company_id.map(|c| c.0),
        contact_id: si.contact_id.map(|c| c.0),
        customer_name: si.customer_name.clone(),
        issue_date: si.issue_date,
        due_date: si.due_date,
        total_incl_vat: from_cents(si.total_incl_vat_cents),
        open_amount: from_cents(si.open_principal_cents),
        quotation_id: si.quotation_id,
        created_at: si.created_at,
    }
}

pub fn find(conn: &mut DbConnection, tenant: TenantId, id: Uuid) -> Result<SalesInvoice, ApiError> {
    store::find_sales_invoice(conn, tenant, id)?.ok_or_else(|| ApiError::not_found("sales invoice"))
}

/// The tenant's sales invoice, its row locked until the transaction ends and
/// read after the lock: every handler that decides on an invoice's state or
/// balance and then writes starts with this, so two requests at once cannot
/// both pass the same check (two payments of the last euro, two credit
/// notes for the whole invoice, two issues of one draft).
pub fn lock(conn: &mut DbConnection, tenant: TenantId, id: Uuid) -> Result<SalesInvoice, ApiError> {
    store::lock_sales_invoice(conn, tenant, id)?.ok_or_else(|| ApiError::not_found("sales invoice"))
}

/// The full view: a draft priced for the customer's current data, an issued
/// invoice as its immutable document says, with payments, credit notes,
/// reminders and what is owed today under the tenant's policy.
pub fn view(
    conn: &mut DbConnection,
    tenant: TenantId,
    si: &SalesInvoice,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<SalesInvoiceView, ApiError> {
    let seller_tenant = sales::tenant(conn, tenant)?;
    let (customer, lines, totals, communication, balance, credit_notes) = if si.state == "issued" {
        let stored = sales::issued_document(conn, tenant, si)?;
        let record = sales::record(&stored)?;
        let buyer = BuyerRecord {
            party: record.buyer.clone(),
            is_consumer: record.buyer_is_consumer,
            company_id: si.company_id.map(|c| c.0),
            contact_id: si.contact_id.map(|c| c.0),
        };
        let lines = record
            .lines
            .iter()
            .map(|l| SalesLineView {
                description: l.description.clone(),
                quantity: l.quantity,
                unit_price: l.unit_price,
                vat_rate: crate::billing::drafted_category(l)
                    .map(|c| c.rate_percent())
                    .unwrap_or(l.vat_rate),
                discount_percent: l
                    .discount
                    .as_ref()
                    .filter(|(k, _)| k == "percent")
                    .map(|(_, p)| *p),
                discount_amount: l.discount_amount,
                net_amount: l.net_amount,
            })
            .collect();
        let totals = SalesTotals {
            total_excl_vat: from_cents(stored.total_excl_vat_cents),
            vat: from_cents(stored.vat_cents),
            total_incl_vat: from_cents(stored.total_incl_vat_cents),
            vat_breakdown: record
                .vat_breakdown
                .iter()
                .map(|v| VatLineView {
                    vat_category: v.vat_category.clone(),
                    vat_rate: v.vat_rate,
                    taxable_amount: v.taxable_amount,
                    vat_amount: v.vat_amount,
                })
                .collect(),
            reverse_charge: record.vat_breakdown.iter().any(|v| v.vat_category == "AE"),
        };
        let settings = sales::settings(conn, tenant, now)?;
        let statement = sales::statement(conn, tenant, si, &stored, &settings, None, today)?;
        let balance = statement.invoices.first().map(|line| SalesBalanceView {
            principal: line.open.principal,
            interest: line.open.interest,
            compensation: line.open.compensation,
            total: line.open.total(),
        });
        let notes = ecom_storage::invoices::credit_notes_in_seller_ledger(conn, tenant, stored.id)?
            .iter()
            .map(|n| {
                let reason = sales::record(n)
                    .ok()
                    .and_then(|r| r.corrects.map(|c| c.2))
                    .unwrap_or_default();
                SalesCreditNoteView {
                    id: n.id,
                    number: n.number.clone(),
                    issue_date: n.issue_date,
                    reason,
                    total_excl_vat: from_cents(n.total_excl_vat_cents),
                    total_incl_vat: from_cents(n.total_incl_vat_cents),
                }
            })
            .collect();
        (
            sales::customer_view(&buyer),
            lines,
            totals,
            Some(stored.structured_communication.clone()),
            balance,
            notes,
        )
    } else {
        let stored_lines = sales::read_lines(&si.lines)?;
        let (priced, buyer) = sales::price_for(
            conn,
            &seller_tenant,
            si.company_id.map(|c| c.0),
            si.contact_id.map(|c| c.0),
            &stored_lines,
        )?;
        (
            sales::customer_view(&buyer),
            priced.lines,
            priced.totals,
            None,
            None,
            Vec::new(),
        )
    };
    let payments = store::payments_for(conn, tenant, si.id)?
        .into_iter()
        .map(|p| SalesPaymentView {
            id: Uuid::parse_str(&p.id).unwrap_or_default(),
            amount: from_cents(p.amount_cents),
            received_on: p.received_on,
            reference: p.reference,
        })
        .collect();
    let reminders = store::reminders_for(conn, tenant, si.id)?
        .into_iter()
        .map(|r| SalesReminderView {
            id: Uuid::parse_str(&r.id).unwrap_or_default(),
            sent_on: r.sent_on,
            principal: from_cents(r.principal_cents),
            interest: from_cents(r.interest_cents),
            compensation: from_cents(r.compensation_cents),
            total: from_cents(r.total_cents),
        })
        .collect();
    Ok(SalesInvoiceView {
        summary: summary(si, today),
        customer,
        notes: si.notes.clone(),
        lines,
        totals,
        structured_communication: communication,
        payments,
        credit_notes,
        reminders,
        balance,
    })
}
