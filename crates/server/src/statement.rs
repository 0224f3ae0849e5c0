//! A Client's statement with the operator: invoices, payments and late-payment
//! charges, replayed by the domain (`billing::build_statement`).

use chrono::NaiveDate;
use ecom_domain::billing::statement::{
    CollectionCost, CreditOnInvoice, ReceivedPayment, SettlementSource, StatementInvoice,
};
use ecom_domain::billing::{
    build_statement, B2bLatePaymentTerms, ClaimComponent, ConsumerDebtTerms, InvoiceNumber,
    LatePaymentPolicy, Statement, YearlyRate,
};
use ecom_domain::money::{from_cents, in_cents_scale as m};
use ecom_domain::TenantId;
use ecom_storage::invoices::{self, StoredInvoice};
use ecom_storage::{payments, DbConnection};
use ecom_types::billing::{SettlementView, StatementLineView, StatementView};
use rust_decimal::Decimal;

use crate::billing;
use crate::error::ApiError;

/// The statement and the stored invoices it covers.
pub struct ClientStatement {
    pub statement: Statement,
    pub invoices: Vec<StoredInvoice>,
    pub consumer: bool,
}

pub fn component_name(component: ClaimComponent) -> &'static str {
    match component {
        ClaimComponent::CollectionCosts => "collection_costs",
        ClaimComponent::Compensation => "compensation",
        ClaimComponent::LiquidatedDamages => "liquidated_damages",
        ClaimComponent::Interest => "interest",
        ClaimComponent::Principal => "principal",
    }
}

/// Builds the Client's statement at the end of Belgian day `today`.
pub fn client_statement(
    conn: &mut DbConnection,
    tenant: TenantId,
    today: NaiveDate,
) -> Result<ClientStatement, ApiError> {
    let client = crate::subscription::tenant(conn, tenant)?;
    let mut stored: Vec<StoredInvoice> = invoices::list_for_client(conn, tenant)?
        .into_iter()
        .filter(|i| i.kind == "invoice")
        .collect();
    stored.reverse();
    let accelerated = payments::accelerations(conn, tenant)?;
    let mut lines = Vec::new();
    for invoice in &stored {
        let record = billing::record(invoice)?;
        let due_date = accelerated
            .iter()
            .find(|(id, _)| *id == invoice.id)
            .map_or(invoice.due_date, |(_, due)| (*due).min(invoice.due_date));
        lines.push(StatementInvoice {
            number: InvoiceNumber::parse(&invoice.number)
                .map_err(|e| ApiError::Internal(e.to_string()))?,
            issue_date: invoice.issue_date,
            due_date,
            total_excl_vat: from_cents(invoice.total_excl_vat_cents),
            amount_due: record.amount_due,
            credit_notes: invoices::credit_notes_for(conn, tenant, invoice.id)?
                .iter()
                .map(|cn| {
                    Ok(CreditOnInvoice {
                        number: InvoiceNumber::parse(&cn.number)
                            .map_err(|e| ApiError::Internal(e.to_string()))?,
                        issued_on: cn.issue_date,
                        total_excl_vat: from_cents(cn.total_excl_vat_cents),
                        total_incl_vat: from_cents(cn.total_incl_vat_cents),
                    })
                })
                .collect::<Result<_, ApiError>>()?,
            collection_costs: payments::collection_costs(conn, tenant, invoice.id)?
                .into_iter()
                .map(|(incurred_on, cents)| CollectionCost {
                    incurred_on,
                    amount: from_cents(cents),
                })
                .collect(),
            cancelled_for_non_payment_on: payments::cancelled_for_non_payment_on(
                conn, tenant, invoice.id,
            )?,
            first_reminder_sent_on: payments::consumer_reminder_sent_on(conn, tenant, invoice.id)?,
        });
    }
    let received: Vec<ReceivedPayment> = payments::list_for_payer(conn, tenant)?
        .into_iter()
        .map(|p| ReceivedPayment {
            reference: p.reference,
            received_on: p.received_on,
            amount: from_cents(p.amount_cents),
        })
        .collect();
    let policy = if client.is_consumer {
        LatePaymentPolicy::Consumer(ConsumerDebtTerms {
            // Art. XIX.4: capped at the legal rate of each calendar year + 8.
            legal_interest: YearlyRate::Legal,
            // Terms art. 11: 1 % a month.
            agreed_annual_interest: YearlyRate::Fixed(Decimal::from(12)),
        })
    } else {
        LatePaymentPolicy::B2b(B2bLatePaymentTerms::ecom_terms())
    };
    let statement = build_statement(&policy, &lines, &received, today)
        .map_err(|e| ApiError::Internal(format!("statement: {e}")))?;
    Ok(ClientStatement {
        statement,
        invoices: stored,
        consumer: client.is_consumer,
    })
}

fn settlement(s: &ecom_domain::billing::statement::Settlement) -> SettlementView {
    SettlementView {
        reference: match &s.source {
            SettlementSource::Payment { reference } => reference.clone(),
            SettlementSource::CreditNote { number } => number.to_string(),
        },
        on: s.on,
        invoice_number: s.invoice.to_string(),
        component: component_name(s.component).into(),
        amount: m(s.amount),
    }
}

/// What `reference` paid, as settlements.
pub fn paid_by(statement: &Statement, reference: &str) -> Vec<SettlementView> {
    statement.paid_by(reference).map(settlement).collect()
}

pub fn view(client: &ClientStatement) -> StatementView {
    let statement = &client.statement;
    StatementView {
        as_of: statement.as_of,
        regime: if client.consumer { "consumer" } else { "b2b" }.into(),
        invoices: statement
            .invoices
            .iter()
            .map(|line| {
                let id = client
                    .invoices
                    .iter()
                    .find(|i| i.number == line.number.to_string())
                    .map(|i| i.id)
                    .unwrap_or_default();
                StatementLineView {
                    invoice_id: id,
                    number: line.number.to_string(),
                    issue_date: line.issue_date,
                    due_date: line.due_date,
                    overdue: line.is_overdue(statement.as_of),
                    principal: m(line.owed.principal),
                    principal_open: m(line.open.principal),
                    interest_open: m(line.open.interest),
                    compensation_open: m(line.open.compensation),
                    collection_costs_open: m(line.open.collection_costs),
                    liquidated_damages_open: m(line.open.liquidated_damages),
                    total_open: m(line.open.principal
                        + line.open.interest
                        + line.open.compensation
                        + line.open.collection_costs
                        + line.open.liquidated_damages),
                }
            })
            .collect(),
        settlements: statement.settlements.iter().map(settlement).collect(),
        total_open: m(statement.total_open),
        unallocated_credit: m(statement.unallocated_credit),
    }
}
