//! Withdrawing the renewal invoice of a term that will never run: the I/O
//! around the domain's [`withdraw_renewal_invoice`] (terms art. 10, 11,
//! 15 (2); see `ecom_domain::contract::renewal_invoice` for the rule and
//! why what was paid is kept).
//!
//! Runs inside the cancellation's write transaction: the contract's new
//! state, the credit note (numbered gapless in the operator's `CN` series),
//! the notice to the Client, the timeline entry and the audit record commit
//! together or not at all.

use chrono::{DateTime, Utc};
use ecom_domain::billing::statement::SettlementSource;
use ecom_domain::billing::ClaimComponent;
use ecom_domain::contract::{withdraw_renewal_invoice, CancellationOutcome, TermInvoice};
use ecom_domain::money::from_cents;
use ecom_domain::notice::NoticeKind;
use ecom_domain::TenantId;
use ecom_storage::contracts::{self, Contract};
use ecom_storage::{invoices, timeline, DbConnection};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::audit::Audit;
use crate::error::ApiError;
use crate::subscription::today;

/// Why the credit note is issued; printed on it.
const REASON: &str =
    "The Client terminated within 30 days of a change notice (terms art. 15 (2)): \
                      the contract does not renew and the invoiced term will not run";

/// If the contract ends with `outcome.last_term` and the term after it was
/// already invoiced, withdraws that invoice: credits its unpaid part, tells
/// the Client what was credited and why, and records it. Returns the credit
/// note's number, if one was issued.
pub fn withdraw(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: &Contract,
    outcome: &CancellationOutcome,
    actor: (&str, Option<Uuid>),
    request_id: Option<String>,
    now: DateTime<Utc>,
) -> Result<Option<String>, ApiError> {
    if !outcome.renewal_was_due {
        return Ok(None);
    }
    let next_term = outcome.last_term.next();
    let Some(invoice_id) = contracts::term_invoice(conn, tenant, contract.id, next_term.number())?
    else {
        return Ok(None);
    };
    let invoice = invoices::find_for_client(conn, tenant, invoice_id)?
        .ok_or_else(|| ApiError::Internal("a term's invoice is missing".into()))?;
    // What the Client paid on it so far, and what is still open of its
    // principal (after any credit note the operator issued already).
    let statement = crate::statement::client_statement(conn, tenant, today(now))?.statement;
    let line = statement
        .invoices
        .iter()
        .find(|l| l.number.to_string() == invoice.number)
        .ok_or_else(|| ApiError::Internal("the renewal invoice is not on the statement".into()))?;
    let paid: Decimal = statement
        .settlements
        .iter()
        .filter(|s| s.invoice == line.number && s.component == ClaimComponent::Principal)
        .filter(|s| matches!(s.source, SettlementSource::Payment { .. }))
        .map(|s| s.amount)
        .sum();
    let open = line.open.principal.max(Decimal::ZERO);
    let Some(withdrawal) = withdraw_renewal_invoice(
        outcome,
        &TermInvoice {
            term: next_term,
            amount_due: paid + open,
            paid,
        },
    ) else {
        return Ok(None);
    };
    if withdrawal.credit.is_zero() && withdrawal.kept.is_zero() {
        // Credited already (by the operator): nothing is owed or kept.
        return Ok(None);
    }
    let period = format!(
        "{} to {}",
        withdrawal.term.starts_on().format("%d/%m/%Y"),
        withdrawal.term.last_day().format("%d/%m/%Y")
    );
    let credit_note = if withdrawal.credit > Decimal::ZERO {
        let fully_open = paid.is_zero()
            && invoices::credit_notes_for(conn, tenant, invoice.id)?.is_empty()
            && withdrawal.credit == from_cents(invoice.total_incl_vat_cents);
        let note = if fully_open {
            crate::billing::credit_in_full(conn, &invoice, REASON, today(now), now)?
        } else {
            crate::billing::credit_part(
                conn,
                &invoice,
                withdrawal.credit,
                &format!("Unpaid part of invoice {} (term {period})", invoice.number),
                REASON,
                today(now),
                now,
            )?
        };
        Some(note)
    } else {
        None
    };
    let credited = credit_note
        .as_ref()
        .map_or(Decimal::ZERO, |n| from_cents(n.total_incl_vat_cents));
    let what = match &credit_note {
        Some(note) => format!(
            "Invoice {} for the term from {period} is credited by credit note {} (EUR {credited} incl. VAT): \
             you owe nothing on it, and no interest or compensation will be charged on it.",
            invoice.number, note.number
        ),
        None => format!(
            "Invoice {} for the term from {period} was already paid in full.",
            invoice.number
        ),
    };
    let kept = if withdrawal.kept > Decimal::ZERO {
        format!(
            "\nThe EUR {} you already paid on it is kept: money already paid is not refunded (terms art. 10).",
            withdrawal.kept
        )
    } else {
        String::new()
    };
    crate::notices::to_administrator(
        conn,
        tenant,
        NoticeKind::InvoiceCredited,
        format!("Ecom invoice {} is credited", invoice.number),
        format!(
            "You terminated your contract within 30 days of our change notice (terms art. 15 (2)), so it does not \
             renew and the term from {period} will not run.\n{what}{kept}\n"
        ),
        Some(format!("renewal_withdrawn:{}", invoice.id)),
        now,
    )?;
    timeline::record(
        conn,
        tenant,
        now,
        "invoice_credited",
        &match &credit_note {
            Some(note) => format!(
                "Invoice {} credited by credit note {}: the term from {period} will not run",
                invoice.number, note.number
            ),
            None => format!(
                "Invoice {} paid already and kept: the term from {period} will not run",
                invoice.number
            ),
        },
        Some(&format!("renewal_withdrawn:{}", invoice.id)),
    )?;
    Audit::new("invoice.credited", actor, now)
        .tenant(tenant)
        .target("invoice", invoice.id)
        .details(serde_json::json!({
            "ground": "terms art. 15 (2): renewal invoice of a term that will not run",
            "credit_note": credit_note.as_ref().map(|n| n.number.clone()),
            "total_incl_vat_cents": credit_note.as_ref().map(|n| n.total_incl_vat_cents),
            "kept": withdrawal.kept,
        }))
        .request(request_id)
        .write(conn)?;
    Ok(credit_note.map(|n| n.number))
}
