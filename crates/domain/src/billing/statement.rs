//! A Client's statement at a date: per invoice what arose (principal,
//! interest, compensation, collection costs, damages), what was paid or
//! credited, and what is open; and what each payment paid.
//!
//! Events are replayed day by day. On each day, credit notes first reduce
//! their own invoice's principal; then the day's payments, together with any
//! credit left over from earlier days, are allocated with
//! [`allocate_payment`] over everything owed that day (terms art. 10). A
//! credit left over is set off against later debts as they arise — a new
//! invoice, a collection cost (terms art. 24: all debts are set off
//! automatically, whatever their due date) — and otherwise reported as
//! [`Statement::unallocated_credit`].

use super::allocation::{
    allocate_payment, Allocation, AllocationError, ClaimComponent, Claims, InvoiceClaims,
    ALLOCATION_ORDER,
};
use super::consumer_debt::{charges_allowed_from, fixed_compensation as consumer_compensation};
use super::document::{IssuedCreditNote, IssuedInvoice};
use super::late_payment::LatePaymentPolicy;
use super::numbering::InvoiceNumber;
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;
use std::collections::{BTreeSet, VecDeque};

/// A credit note as the statement needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditOnInvoice {
    pub number: InvoiceNumber,
    pub issued_on: NaiveDate,
    pub total_excl_vat: Decimal,
    pub total_incl_vat: Decimal,
}

/// Collection costs the Operator actually paid for an invoice (terms art. 11).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionCost {
    pub incurred_on: NaiveDate,
    pub amount: Decimal,
}

/// An invoice as the statement needs it, with what happened to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementInvoice {
    pub number: InvoiceNumber,
    pub issue_date: NaiveDate,
    /// After acceleration, if the clause was applied (terms art. 11).
    pub due_date: NaiveDate,
    pub total_excl_vat: Decimal,
    /// What the invoice asks to be paid (BT-115): the principal.
    pub amount_due: Decimal,
    pub credit_notes: Vec<CreditOnInvoice>,
    pub collection_costs: Vec<CollectionCost>,
    /// When the order was cancelled for non-payment (terms art. 11), if it was.
    pub cancelled_for_non_payment_on: Option<NaiveDate>,
    /// Consumers only: when the free first reminder was sent (Book XIX art. XIX.2).
    pub first_reminder_sent_on: Option<NaiveDate>,
}

impl StatementInvoice {
    /// From an issued invoice and its credit notes; costs, cancellation and
    /// reminder are added by the caller.
    pub fn from_issued(invoice: &IssuedInvoice, credit_notes: &[IssuedCreditNote]) -> Self {
        Self {
            number: invoice.number().clone(),
            issue_date: invoice.issue_date(),
            due_date: invoice.due_date(),
            total_excl_vat: invoice.totals().total_excl_vat,
            amount_due: invoice.totals().amount_due,
            credit_notes: credit_notes
                .iter()
                .filter(|c| c.corrects() == invoice.number())
                .map(|c| CreditOnInvoice {
                    number: c.number().clone(),
                    issued_on: c.issue_date(),
                    total_excl_vat: c.totals().total_excl_vat,
                    total_incl_vat: c.totals().total_incl_vat,
                })
                .collect(),
            collection_costs: Vec::new(),
            cancelled_for_non_payment_on: None,
            first_reminder_sent_on: None,
        }
    }

    /// The invoice amount excl. VAT after the credit notes issued up to `on`.
    fn excl_vat_after_credits(&self, on: NaiveDate) -> Decimal {
        let credited: Decimal = self
            .credit_notes
            .iter()
            .filter(|c| c.issued_on <= on)
            .map(|c| c.total_excl_vat)
            .sum();
        (self.total_excl_vat - credited).max(Decimal::ZERO)
    }
}

/// Money received from the Client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedPayment {
    /// The bank's or the payment provider's reference, to show what it paid.
    pub reference: String,
    pub received_on: NaiveDate,
    pub amount: Decimal,
}

/// Where a settlement's money came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettlementSource {
    Payment { reference: String },
    CreditNote { number: InvoiceNumber },
}

/// Part of a payment or credit note applied to a component of an invoice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    pub source: SettlementSource,
    pub on: NaiveDate,
    pub invoice: InvoiceNumber,
    pub component: ClaimComponent,
    pub amount: Decimal,
}

/// One invoice on the statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceStatementLine {
    pub number: InvoiceNumber,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    /// What arose up to the statement date: principal, interest to date, compensation, costs, damages.
    pub owed: Claims,
    /// What payments and credit notes settled.
    pub settled: Claims,
    /// `owed − settled`.
    pub open: Claims,
}

impl InvoiceStatementLine {
    /// Whether principal is unpaid after the due date — the Operator may
    /// then suspend access until full payment (terms art. 11).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        today > self.due_date && self.open.principal > Decimal::ZERO
    }
}

/// A Client's statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub as_of: NaiveDate,
    /// In the order given.
    pub invoices: Vec<InvoiceStatementLine>,
    /// Every settlement, in the order they were made.
    pub settlements: Vec<Settlement>,
    /// Everything still open, all components of all invoices.
    pub total_open: Decimal,
    /// Money received (or credited) that nothing is owed against yet.
    pub unallocated_credit: Decimal,
}

impl Statement {
    /// What the payment with `reference` paid.
    pub fn paid_by<'a>(&'a self, reference: &'a str) -> impl Iterator<Item = &'a Settlement> + 'a {
        self.settlements
            .iter()
            .filter(move |s| matches!(&s.source, SettlementSource::Payment { reference: r } if r == reference))
    }
}

/// Why a statement could not be built: inconsistent input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatementError {
    #[error("invoice {invoice} appears twice")]
    DuplicateInvoice { invoice: InvoiceNumber },
    #[error("invoice {invoice} is due on {due_date}, before its date {issue_date}")]
    DueBeforeIssue {
        invoice: InvoiceNumber,
        issue_date: NaiveDate,
        due_date: NaiveDate,
    },
    #[error("credit note {credit_note} is dated before invoice {invoice}")]
    CreditNoteBeforeInvoice {
        invoice: InvoiceNumber,
        credit_note: InvoiceNumber,
    },
    #[error("invoice {invoice} has a negative {what}")]
    NegativeAmount {
        invoice: InvoiceNumber,
        what: &'static str,
    },
    #[error("payment {reference} must be more than zero")]
    PaymentNotPositive { reference: String },
    #[error("invoice {invoice} is a consumer's: only interest and the statutory compensation may be charged, not {what} (Code of Economic Law art. XIX.4)")]
    NotChargeableToConsumer {
        invoice: InvoiceNumber,
        what: &'static str,
    },
    #[error("invoice {invoice}: the first reminder must be sent after the due date {due_date}")]
    ReminderNotAfterDueDate {
        invoice: InvoiceNumber,
        due_date: NaiveDate,
    },
    #[error(transparent)]
    Allocation(#[from] AllocationError),
}

/// What invoice `invoice` owes on `on` under `policy`, given what settled
/// its principal so far (`principal_settled`, all dated before `on`).
fn owed_on(
    policy: &LatePaymentPolicy,
    invoice: &StatementInvoice,
    principal_settled: &[(NaiveDate, Decimal)],
    on: NaiveDate,
) -> Claims {
    let unpaid_at_end_of = |day: NaiveDate| {
        let settled: Decimal = principal_settled
            .iter()
            .filter(|(date, _)| *date <= day)
            .map(|(_, a)| *a)
            .sum();
        invoice.amount_due - settled
    };
    let mut owed = Claims {
        principal: invoice.amount_due,
        collection_costs: invoice
            .collection_costs
            .iter()
            .filter(|c| c.incurred_on <= on)
            .map(|c| c.amount)
            .sum(),
        ..Claims::default()
    };
    match policy {
        LatePaymentPolicy::B2b(terms) => {
            // Terms art. 11: owed once the invoice is not paid in full on the due date.
            if on > invoice.due_date && unpaid_at_end_of(invoice.due_date) > Decimal::ZERO {
                owed.compensation =
                    terms.fixed_compensation(invoice.excl_vat_after_credits(invoice.due_date));
            }
            if let Some(cancelled_on) = invoice
                .cancelled_for_non_payment_on
                .filter(|date| *date <= on)
            {
                owed.liquidated_damages =
                    terms.liquidated_damages(invoice.excl_vat_after_credits(cancelled_on));
            }
            owed.interest =
                terms.interest(invoice.due_date, invoice.amount_due, principal_settled, on);
        }
        LatePaymentPolicy::Consumer(terms) => {
            // Art. XIX.2: nothing but the principal before the term after the free first reminder.
            if let Some(reminder) = invoice.first_reminder_sent_on {
                let from = charges_allowed_from(reminder);
                if on >= from {
                    owed.compensation =
                        consumer_compensation(unpaid_at_end_of(from - Duration::days(1)));
                }
                owed.interest = terms.interest(from, invoice.amount_due, principal_settled, on);
            }
        }
    }
    owed
}

fn validate(
    policy: &LatePaymentPolicy,
    invoices: &[StatementInvoice],
    payments: &[ReceivedPayment],
) -> Result<(), StatementError> {
    for (i, inv) in invoices.iter().enumerate() {
        let invoice = || inv.number.clone();
        if invoices[..i].iter().any(|other| other.number == inv.number) {
            return Err(StatementError::DuplicateInvoice { invoice: invoice() });
        }
        if inv.due_date < inv.issue_date {
            return Err(StatementError::DueBeforeIssue {
                invoice: invoice(),
                issue_date: inv.issue_date,
                due_date: inv.due_date,
            });
        }
        let negative = [
            (
                "amount due",
                inv.amount_due < Decimal::ZERO || inv.total_excl_vat < Decimal::ZERO,
            ),
            (
                "collection cost",
                inv.collection_costs
                    .iter()
                    .any(|c| c.amount < Decimal::ZERO),
            ),
            (
                "credit note",
                inv.credit_notes
                    .iter()
                    .any(|c| c.total_incl_vat < Decimal::ZERO || c.total_excl_vat < Decimal::ZERO),
            ),
        ];
        if let Some((what, _)) = negative.iter().find(|(_, is)| *is) {
            return Err(StatementError::NegativeAmount {
                invoice: invoice(),
                what,
            });
        }
        if let Some(c) = inv
            .credit_notes
            .iter()
            .find(|c| c.issued_on < inv.issue_date)
        {
            return Err(StatementError::CreditNoteBeforeInvoice {
                invoice: invoice(),
                credit_note: c.number.clone(),
            });
        }
        if let LatePaymentPolicy::Consumer(_) = policy {
            if !inv.collection_costs.is_empty() {
                return Err(StatementError::NotChargeableToConsumer {
                    invoice: invoice(),
                    what: "collection costs",
                });
            }
            if inv.cancelled_for_non_payment_on.is_some() {
                return Err(StatementError::NotChargeableToConsumer {
                    invoice: invoice(),
                    what: "liquidated damages",
                });
            }
            if inv
                .first_reminder_sent_on
                .is_some_and(|r| r <= inv.due_date)
            {
                return Err(StatementError::ReminderNotAfterDueDate {
                    invoice: invoice(),
                    due_date: inv.due_date,
                });
            }
        }
    }
    if let Some(p) = payments.iter().find(|p| p.amount <= Decimal::ZERO) {
        return Err(StatementError::PaymentNotPositive {
            reference: p.reference.clone(),
        });
    }
    Ok(())
}

/// Per invoice, what was settled so far.
#[derive(Default)]
struct Ledger {
    settled: Claims,
    principal_settled: Vec<(NaiveDate, Decimal)>,
}

/// Builds the statement of a Client under `policy` as it stands at the end
/// of `today`. Invoices, credit notes, costs and payments dated after
/// `today` are left out, so a statement can be rebuilt for any past date.
pub fn build_statement(
    policy: &LatePaymentPolicy,
    invoices: &[StatementInvoice],
    payments: &[ReceivedPayment],
    today: NaiveDate,
) -> Result<Statement, StatementError> {
    validate(policy, invoices, payments)?;
    let mut days: BTreeSet<NaiveDate> = BTreeSet::new();
    for inv in invoices {
        days.insert(inv.issue_date);
        days.extend(inv.credit_notes.iter().map(|c| c.issued_on));
        days.extend(inv.collection_costs.iter().map(|c| c.incurred_on));
        days.extend(inv.cancelled_for_non_payment_on);
    }
    days.extend(payments.iter().map(|p| p.received_on));
    let mut ledgers: Vec<Ledger> = invoices.iter().map(|_| Ledger::default()).collect();
    let mut credit: VecDeque<(SettlementSource, Decimal)> = VecDeque::new();
    let mut settlements = Vec::new();

    for day in days.into_iter().filter(|day| *day <= today) {
        // Credit notes settle their own invoice's principal first.
        for (inv, ledger) in invoices.iter().zip(ledgers.iter_mut()) {
            for cn in inv.credit_notes.iter().filter(|c| c.issued_on == day) {
                let open_principal = (inv.amount_due - ledger.settled.principal).max(Decimal::ZERO);
                let applied = cn.total_incl_vat.min(open_principal);
                if applied > Decimal::ZERO {
                    settlements.push(Settlement {
                        source: SettlementSource::CreditNote {
                            number: cn.number.clone(),
                        },
                        on: day,
                        invoice: inv.number.clone(),
                        component: ClaimComponent::Principal,
                        amount: applied,
                    });
                    ledger.settled.principal += applied;
                    ledger.principal_settled.push((day, applied));
                }
                if cn.total_incl_vat > applied {
                    credit.push_back((
                        SettlementSource::CreditNote {
                            number: cn.number.clone(),
                        },
                        cn.total_incl_vat - applied,
                    ));
                }
            }
        }
        for p in payments.iter().filter(|p| p.received_on == day) {
            credit.push_back((
                SettlementSource::Payment {
                    reference: p.reference.clone(),
                },
                p.amount,
            ));
        }
        let available: Decimal = credit.iter().map(|(_, a)| *a).sum();
        if available.is_zero() {
            continue;
        }
        let open: Vec<InvoiceClaims> = invoices
            .iter()
            .zip(&ledgers)
            .filter(|(inv, _)| inv.issue_date <= day)
            .map(|(inv, ledger)| InvoiceClaims {
                invoice: inv.number.clone(),
                due_date: inv.due_date,
                open: owed_on(policy, inv, &ledger.principal_settled, day).minus(&ledger.settled),
            })
            .collect();
        let allocation = allocate_payment(available, &open)?;
        for Allocation {
            invoice,
            component,
            amount,
        } in allocation.allocations
        {
            let index = invoices
                .iter()
                .position(|inv| inv.number == invoice)
                .unwrap_or_default();
            let ledger = &mut ledgers[index];
            *ledger.settled.get_mut(component) += amount;
            if component == ClaimComponent::Principal {
                ledger.principal_settled.push((day, amount));
            }
            // Draw the allocated amount from the oldest credit first.
            let mut left = amount;
            while left > Decimal::ZERO {
                let Some((source, remaining)) = credit.front_mut() else {
                    break;
                };
                let part = left.min(*remaining);
                settlements.push(Settlement {
                    source: source.clone(),
                    on: day,
                    invoice: invoice.clone(),
                    component,
                    amount: part,
                });
                *remaining -= part;
                left -= part;
                if remaining.is_zero() {
                    credit.pop_front();
                }
            }
        }
    }

    let lines: Vec<InvoiceStatementLine> = invoices
        .iter()
        .zip(&ledgers)
        .filter(|(inv, _)| inv.issue_date <= today)
        .map(|(inv, ledger)| {
            // The statement date's own payments are in; its interest is counted as of that day.
            let owed = owed_on(policy, inv, &ledger.principal_settled, today);
            InvoiceStatementLine {
                number: inv.number.clone(),
                issue_date: inv.issue_date,
                due_date: inv.due_date,
                owed,
                settled: ledger.settled,
                open: owed.minus(&ledger.settled),
            }
        })
        .collect();
    let total_open = lines
        .iter()
        .map(|l| {
            ALLOCATION_ORDER
                .iter()
                .map(|c| l.open.get(*c))
                .sum::<Decimal>()
        })
        .sum();
    Ok(Statement {
        as_of: today,
        invoices: lines,
        settlements,
        total_open,
        unallocated_credit: credit.iter().map(|(_, a)| *a).sum(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::consumer_debt::ConsumerDebtTerms;
    use crate::billing::document::tests::{belgian_client, draft, number, package};
    use crate::billing::document::{issue, issue_credit_note};
    use crate::billing::late_payment::B2bLatePaymentTerms;
    use crate::billing::statutory_rates::YearlyRate;
    use crate::billing::test_support::{d, date};
    use proptest::prelude::*;

    fn b2b() -> LatePaymentPolicy {
        LatePaymentPolicy::B2b(B2bLatePaymentTerms::ecom_terms())
    }

    fn consumer() -> LatePaymentPolicy {
        LatePaymentPolicy::Consumer(ConsumerDebtTerms {
            legal_interest: YearlyRate::Fixed(d("4.5")),
            agreed_annual_interest: YearlyRate::Fixed(d("12")),
        })
    }

    /// An invoice of `excl` + 21 % VAT, dated 14 days before `due`.
    fn invoice(seq: u32, due: NaiveDate, excl: &str) -> StatementInvoice {
        let excl = d(excl);
        StatementInvoice {
            number: number("F", 2026, seq),
            issue_date: due - Duration::days(14),
            due_date: due,
            total_excl_vat: excl,
            amount_due: crate::money::round_to_cent(excl * d("1.21")),
            credit_notes: vec![],
            collection_costs: vec![],
            cancelled_for_non_payment_on: None,
            first_reminder_sent_on: None,
        }
    }

    fn payment(reference: &str, on: NaiveDate, amount: &str) -> ReceivedPayment {
        ReceivedPayment {
            reference: reference.into(),
            received_on: on,
            amount: d(amount),
        }
    }

    const DUE: (i32, u32, u32) = (2026, 1, 31);

    fn due() -> NaiveDate {
        date(DUE.0, DUE.1, DUE.2)
    }

    #[test]
    fn nothing_but_the_principal_until_the_due_date() {
        let s = build_statement(&b2b(), &[invoice(1, due(), "1200")], &[], due()).unwrap();
        assert_eq!(
            s.invoices[0].open,
            Claims {
                principal: d("1452.00"),
                ..Claims::default()
            }
        );
        assert!(!s.invoices[0].is_overdue(due()));
        assert_eq!(s.total_open, d("1452.00"));
    }

    #[test]
    fn unpaid_b2b_invoice_on_day_one_and_after_the_started_month() {
        let s =
            build_statement(&b2b(), &[invoice(1, due(), "1200")], &[], date(2026, 2, 1)).unwrap();
        let line = &s.invoices[0];
        assert!(line.is_overdue(date(2026, 2, 1)));
        assert_eq!(line.open.interest, d("14.52"));
        assert_eq!(line.open.compensation, d("240.00"));
        // Due 31 January, 1 March: the second month has started.
        let s =
            build_statement(&b2b(), &[invoice(1, due(), "1200")], &[], date(2026, 3, 1)).unwrap();
        assert_eq!(s.invoices[0].open.interest, d("29.04"));
        assert_eq!(s.total_open, d("1721.04"));
    }

    #[test]
    fn paid_on_the_due_date_nothing_more() {
        let s = build_statement(
            &b2b(),
            &[invoice(1, due(), "1200")],
            &[payment("p1", due(), "1452")],
            date(2026, 6, 1),
        )
        .unwrap();
        assert_eq!(s.total_open, d("0"));
        assert_eq!(
            s.invoices[0].owed,
            Claims {
                principal: d("1452.00"),
                ..Claims::default()
            }
        );
        assert_eq!(s.unallocated_credit, d("0"));
    }

    #[test]
    fn a_partial_payment_pays_compensation_and_interest_before_principal() {
        let s = build_statement(
            &b2b(),
            &[invoice(1, due(), "1200")],
            &[payment("p1", date(2026, 2, 10), "1000")],
            date(2026, 3, 1),
        )
        .unwrap();
        let paid: Vec<(ClaimComponent, Decimal)> =
            s.paid_by("p1").map(|x| (x.component, x.amount)).collect();
        assert_eq!(
            paid,
            vec![
                (ClaimComponent::Compensation, d("240.00")),
                (ClaimComponent::Interest, d("14.52")),
                (ClaimComponent::Principal, d("745.48")),
            ]
        );
        let line = &s.invoices[0];
        assert_eq!(line.open.principal, d("706.52"));
        // Month 2 (from 1 March) on the principal left: 7.0652 → 7.07.
        assert_eq!(line.owed.interest, d("21.59"));
        assert_eq!(line.open.interest, d("7.07"));
        assert_eq!(s.total_open, d("713.59"));
    }

    #[test]
    fn several_invoices_costs_damages_interest_then_oldest_principal() {
        let mut old = invoice(1, due(), "1200");
        old.collection_costs.push(CollectionCost {
            incurred_on: date(2026, 2, 20),
            amount: d("45.50"),
        });
        old.cancelled_for_non_payment_on = Some(date(2026, 2, 25));
        let newer = invoice(2, date(2026, 2, 28), "100");
        let s = build_statement(
            &b2b(),
            &[newer, old],
            &[payment("p1", date(2026, 3, 2), "2000")],
            date(2026, 3, 2),
        )
        .unwrap();
        let paid: Vec<(u32, ClaimComponent, Decimal)> = s
            .paid_by("p1")
            .map(|x| (x.invoice.sequence(), x.component, x.amount))
            .collect();
        // On 2 March: F1 owes costs 45.50, compensation 240, damages 240, interest 2 × 14.52, principal 1452;
        // F2 (due 28 February) compensation 150 (20 % of 100 < 150), interest 1.21, principal 121.
        assert_eq!(
            paid,
            vec![
                (1, ClaimComponent::CollectionCosts, d("45.50")),
                (1, ClaimComponent::Compensation, d("240.00")),
                (2, ClaimComponent::Compensation, d("150")),
                (1, ClaimComponent::LiquidatedDamages, d("240.00")),
                (1, ClaimComponent::Interest, d("29.04")),
                (2, ClaimComponent::Interest, d("1.21")),
                (1, ClaimComponent::Principal, d("1294.25")),
            ]
        );
        // Input order is kept in the lines.
        assert_eq!(s.invoices[0].number.sequence(), 2);
        assert_eq!(s.invoices[1].open.principal, d("157.75"));
        assert_eq!(s.invoices[0].open.principal, d("121.00"));
    }

    #[test]
    fn credit_note_reduces_principal_and_an_overpayment_becomes_credit() {
        let inv = issue(
            draft(belgian_client(), vec![package("1000")]),
            number("F", 2026, 1),
            date(2026, 1, 17),
        )
        .unwrap();
        let cn = issue_credit_note(
            &inv,
            &[],
            vec![package("1000")],
            number("CN", 2026, 1),
            date(2026, 1, 25),
            "cancelled",
        )
        .unwrap();
        let statement_invoice = StatementInvoice::from_issued(&inv, &[cn]);
        // Paid in full on the 20th, credited in full on the 25th: 1210 back to the Client.
        let s = build_statement(
            &b2b(),
            &[statement_invoice.clone()],
            &[payment("p1", date(2026, 1, 20), "1210")],
            date(2026, 3, 1),
        )
        .unwrap();
        assert_eq!(s.total_open, d("0"));
        assert_eq!(s.unallocated_credit, d("1210.00"));
        // Credited before any payment: nothing is owed, the payment is credit.
        let s = build_statement(
            &b2b(),
            &[statement_invoice],
            &[payment("p1", date(2026, 1, 26), "1210")],
            date(2026, 3, 1),
        )
        .unwrap();
        assert_eq!(s.settlements.len(), 1);
        assert!(matches!(
            s.settlements[0].source,
            SettlementSource::CreditNote { .. }
        ));
        assert_eq!(s.unallocated_credit, d("1210"));
    }

    #[test]
    fn credit_is_set_off_against_a_later_invoice() {
        // Terms art. 24: money received before an invoice settles it when it is issued.
        let later = invoice(1, date(2026, 3, 15), "100");
        let s = build_statement(
            &b2b(),
            &[later],
            &[payment("prepay", date(2026, 2, 1), "150")],
            date(2026, 4, 1),
        )
        .unwrap();
        assert_eq!(s.total_open, d("0"));
        assert_eq!(s.unallocated_credit, d("29.00"));
        assert_eq!(s.settlements[0].on, date(2026, 3, 1));
    }

    #[test]
    fn future_events_are_left_out() {
        let s = build_statement(
            &b2b(),
            &[invoice(1, due(), "1200")],
            &[payment("p1", date(2026, 3, 1), "1452")],
            date(2026, 1, 31),
        )
        .unwrap();
        assert!(s.settlements.is_empty());
        assert_eq!(s.total_open, d("1452.00"));
        let s =
            build_statement(&b2b(), &[invoice(1, due(), "1200")], &[], date(2026, 1, 1)).unwrap();
        assert!(s.invoices.is_empty());
    }

    #[test]
    fn consumer_pays_nothing_extra_without_a_reminder_and_its_term() {
        let plain = invoice(1, due(), "165.29"); // 200.00 incl. VAT
        let s = build_statement(&consumer(), &[plain.clone()], &[], date(2026, 12, 31)).unwrap();
        assert_eq!(
            s.invoices[0].open,
            Claims {
                principal: d("200.00"),
                ..Claims::default()
            }
        );
        let mut reminded = plain;
        reminded.first_reminder_sent_on = Some(date(2026, 2, 5));
        // Term: 6–19 February; charges from 20 February.
        let s = build_statement(&consumer(), &[reminded.clone()], &[], date(2026, 2, 19)).unwrap();
        assert_eq!(s.total_open, d("200.00"));
        let s = build_statement(&consumer(), &[reminded.clone()], &[], date(2026, 2, 20)).unwrap();
        // 30 + 10 % of (200 − 150) = 35; no interest yet for the day itself.
        assert_eq!(s.invoices[0].open.compensation, d("35.00"));
        assert_eq!(s.invoices[0].open.interest, d("0"));
        let s = build_statement(&consumer(), &[reminded.clone()], &[], date(2026, 2, 21)).unwrap();
        assert_eq!(s.invoices[0].open.interest, d("0.07")); // 200 × 12 % / 365
                                                            // Paid down to 150 within the term: compensation on the lower tier.
        let s = build_statement(
            &consumer(),
            &[reminded],
            &[payment("p1", date(2026, 2, 19), "50")],
            date(2026, 2, 21),
        )
        .unwrap();
        assert_eq!(s.invoices[0].open.compensation, d("20"));
        assert_eq!(s.invoices[0].open.interest, d("0.05")); // 150 × 12 % / 365 = 0.049
    }

    #[test]
    fn consumer_regime_refuses_b2b_charges() {
        let mut inv = invoice(1, due(), "100");
        inv.collection_costs.push(CollectionCost {
            incurred_on: date(2026, 2, 20),
            amount: d("10"),
        });
        assert!(matches!(
            build_statement(&consumer(), &[inv], &[], due()),
            Err(StatementError::NotChargeableToConsumer { .. })
        ));
        let mut inv = invoice(1, due(), "100");
        inv.first_reminder_sent_on = Some(due());
        assert!(matches!(
            build_statement(&consumer(), &[inv], &[], due()),
            Err(StatementError::ReminderNotAfterDueDate { .. })
        ));
    }

    #[test]
    fn inconsistent_input_is_refused() {
        assert!(matches!(
            build_statement(
                &b2b(),
                &[invoice(1, due(), "1"), invoice(1, due(), "2")],
                &[],
                due()
            ),
            Err(StatementError::DuplicateInvoice { .. })
        ));
        assert!(matches!(
            build_statement(
                &b2b(),
                &[invoice(1, due(), "1")],
                &[payment("p", due(), "0")],
                due()
            ),
            Err(StatementError::PaymentNotPositive { .. })
        ));
    }

    proptest! {
        #[test]
        fn every_euro_received_is_settled_or_credit(
            rows in proptest::collection::vec((0i64..120, 1i64..200_000), 1..5),
            pays in proptest::collection::vec((0i64..200, 1i64..300_000), 0..6),
            costs in proptest::collection::vec((0usize..5, 0i64..200, 1i64..10_000), 0..3),
            cancel in proptest::option::of((0usize..5, 0i64..200)),
            consumer_regime in any::<bool>(),
            reminder_after in 1i64..40,
            today_offset in 0i64..260,
        ) {
            let start = date(2026, 1, 1);
            let mut invoices: Vec<StatementInvoice> = rows
                .iter()
                .enumerate()
                .map(|(i, (offset, cents))| {
                    let mut inv = invoice(u32::try_from(i).unwrap() + 1, start + Duration::days(*offset + 14), "0");
                    inv.total_excl_vat = Decimal::new(*cents, 2);
                    inv.amount_due = crate::money::round_to_cent(inv.total_excl_vat * d("1.21"));
                    if consumer_regime {
                        inv.first_reminder_sent_on = Some(inv.due_date + Duration::days(reminder_after));
                    }
                    inv
                })
                .collect();
            let n = invoices.len();
            if !consumer_regime {
                for (i, offset, cents) in &costs {
                    let inv = &mut invoices[i % n];
                    let on = inv.issue_date + Duration::days(*offset);
                    inv.collection_costs.push(CollectionCost { incurred_on: on, amount: Decimal::new(*cents, 2) });
                }
                if let Some((i, offset)) = cancel {
                    let inv = &mut invoices[i % n];
                    inv.cancelled_for_non_payment_on = Some(inv.due_date + Duration::days(offset));
                }
            }
            let payments: Vec<ReceivedPayment> = pays
                .iter()
                .enumerate()
                .map(|(i, (offset, cents))| ReceivedPayment {
                    reference: format!("p{i}"),
                    received_on: start + Duration::days(*offset),
                    amount: Decimal::new(*cents, 2),
                })
                .collect();
            let policy = if consumer_regime { consumer() } else { b2b() };
            let today = start + Duration::days(today_offset);
            let s = build_statement(&policy, &invoices, &payments, today).unwrap();
            let received: Decimal = payments.iter().filter(|p| p.received_on <= today).map(|p| p.amount).sum();
            let from_payments: Decimal = s
                .settlements
                .iter()
                .filter(|x| matches!(x.source, SettlementSource::Payment { .. }))
                .map(|x| x.amount)
                .sum();
            prop_assert_eq!(from_payments + s.unallocated_credit, received);
            for line in &s.invoices {
                for c in ALLOCATION_ORDER {
                    prop_assert!(line.open.get(c) >= Decimal::ZERO, "{:?} {:?}", c, line);
                    prop_assert_eq!(line.owed.get(c), line.settled.get(c) + line.open.get(c));
                }
                let settled_here: Decimal = s.settlements.iter().filter(|x| x.invoice == line.number).map(|x| x.amount).sum();
                prop_assert_eq!(settled_here, line.settled.total());
            }
            // Credit is left only when nothing was owed when it arrived... and nothing new arose since.
            if s.unallocated_credit > Decimal::ZERO {
                let principal_open: Decimal = s.invoices.iter().map(|l| l.open.principal).sum();
                prop_assert_eq!(principal_open, Decimal::ZERO);
            }
        }
    }
}
