//! When an invoice is due, and until when it may be disputed (terms art. 10,
//! SPEC §3).

use super::numbering::InvoiceNumber;
use chrono::{Duration, NaiveDate};

/// Terms art. 10: where collection by card or direct debit is impossible,
/// the invoice is paid "within 14 calendar days of the invoice date".
pub const PAYMENT_TERM_DAYS: i64 = 14;

/// Terms art. 10: invoices may be disputed "within 7 calendar days after the invoice date".
pub const DISPUTE_WINDOW_DAYS: i64 = 7;

/// How an invoice is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PaymentMethod {
    /// Collected by Ecom from the Client's card on the invoice date.
    Card,
    /// Collected by SEPA Direct Debit (SDD) on the invoice date.
    SepaDirectDebit,
    /// Paid by the Client by bank transfer, e.g. because collection was
    /// impossible or the tenant's customer pays that way.
    BankTransfer,
}

/// The due date of an invoice dated `invoice_date`. Terms art. 10: card and
/// SEPA Direct Debit are collected on the invoice date; otherwise the term is
/// 14 calendar days from the invoice date, so an invoice dated 1 March is
/// due on 15 March and late from 16 March.
///
/// When an automatic collection fails, the invoice is then paid by
/// transfer: call again with [`PaymentMethod::BankTransfer`] — the 14 days
/// still run from the invoice date, not from the failed collection.
pub fn due_date(invoice_date: NaiveDate, method: PaymentMethod) -> NaiveDate {
    due_date_with_term(invoice_date, method, PAYMENT_TERM_DAYS)
}

/// As [`due_date`], with another term for transfers: a tenant invoicing its
/// own customers sets its own (SPEC §5); the Operator's is 14 days.
pub fn due_date_with_term(
    invoice_date: NaiveDate,
    method: PaymentMethod,
    transfer_term_days: i64,
) -> NaiveDate {
    match method {
        PaymentMethod::Card | PaymentMethod::SepaDirectDebit => invoice_date,
        PaymentMethod::BankTransfer => invoice_date + Duration::days(transfer_term_days.max(0)),
    }
}

/// The last day a dispute is accepted: an invoice dated D may be disputed up
/// to and including D + 7 (terms art. 10: "within 7 calendar days after the
/// invoice date" — the days after the invoice date are counted, the date
/// itself is day 0).
pub fn last_dispute_day(invoice_date: NaiveDate) -> NaiveDate {
    invoice_date + Duration::days(DISPUTE_WINDOW_DAYS)
}

/// An accepted dispute. It does not suspend the duty to pay (terms art. 10:
/// "Such a dispute does not release the Client from his obligation to pay"),
/// so nothing in the due date, interest or allocation looks at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispute {
    pub invoice: InvoiceNumber,
    pub received_on: NaiveDate,
    pub reasons: String,
}

/// Why a dispute was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DisputeRefused {
    #[error("the dispute names invoice '{given}', not {invoice}; disputes must state the invoice number")]
    WrongInvoiceNumber {
        given: String,
        invoice: InvoiceNumber,
    },
    #[error("a dispute must give the reasons in detail")]
    ReasonsMissing,
    #[error(
        "invoice {invoice} could be disputed until {last_day}; the dispute came on {received_on}"
    )]
    TooLate {
        invoice: InvoiceNumber,
        last_day: NaiveDate,
        received_on: NaiveDate,
    },
    #[error("invoice {invoice} is dated {invoice_date}; a dispute received on {received_on} is before it")]
    BeforeInvoiceDate {
        invoice: InvoiceNumber,
        invoice_date: NaiveDate,
        received_on: NaiveDate,
    },
    #[error(
        "invoice {invoice} was paid in full without reservation on {paid_on}, which accepted it"
    )]
    AcceptedByPayment {
        invoice: InvoiceNumber,
        paid_on: NaiveDate,
    },
}

/// Records a dispute of the invoice `invoice` dated `invoice_date`, received
/// on `received_on`, quoting `stated_number` with `reasons`.
///
/// `unconditional_full_payment_on` is the day the Client itself paid the full
/// amount without reservation, which terms art. 10 counts as acceptance; a
/// dispute received later is refused. A dispute received the same day is
/// accepted (which came first cannot be told). An automatic card or SEPA
/// collection on the invoice date is Ecom collecting, not the Client's
/// unconditional payment, and must not be passed here — otherwise those
/// Clients could never use their 7 days.
pub fn lodge_dispute(
    invoice: &InvoiceNumber,
    invoice_date: NaiveDate,
    stated_number: &str,
    reasons: &str,
    received_on: NaiveDate,
    unconditional_full_payment_on: Option<NaiveDate>,
) -> Result<Dispute, DisputeRefused> {
    if InvoiceNumber::parse(stated_number).ok().as_ref() != Some(invoice) {
        return Err(DisputeRefused::WrongInvoiceNumber {
            given: stated_number.trim().to_owned(),
            invoice: invoice.clone(),
        });
    }
    let reasons = reasons.trim();
    if reasons.is_empty() {
        return Err(DisputeRefused::ReasonsMissing);
    }
    if received_on < invoice_date {
        return Err(DisputeRefused::BeforeInvoiceDate {
            invoice: invoice.clone(),
            invoice_date,
            received_on,
        });
    }
    let last_day = last_dispute_day(invoice_date);
    if received_on > last_day {
        return Err(DisputeRefused::TooLate {
            invoice: invoice.clone(),
            last_day,
            received_on,
        });
    }
    if let Some(paid_on) = unconditional_full_payment_on.filter(|paid_on| *paid_on < received_on) {
        return Err(DisputeRefused::AcceptedByPayment {
            invoice: invoice.clone(),
            paid_on,
        });
    }
    Ok(Dispute {
        invoice: invoice.clone(),
        received_on,
        reasons: reasons.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::numbering::SeriesPrefix;
    use crate::billing::test_support::date;

    fn number() -> InvoiceNumber {
        InvoiceNumber::new(SeriesPrefix::parse("F").unwrap(), 2026, 7).unwrap()
    }

    #[test]
    fn collected_invoices_are_due_on_their_date_others_after_14_days() {
        let d = date(2026, 3, 1);
        assert_eq!(due_date(d, PaymentMethod::Card), d);
        assert_eq!(due_date(d, PaymentMethod::SepaDirectDebit), d);
        assert_eq!(due_date(d, PaymentMethod::BankTransfer), date(2026, 3, 15));
        assert_eq!(
            due_date(date(2026, 12, 20), PaymentMethod::BankTransfer),
            date(2027, 1, 3)
        );
        assert_eq!(
            due_date_with_term(d, PaymentMethod::BankTransfer, 30),
            date(2026, 3, 31)
        );
        assert_eq!(due_date_with_term(d, PaymentMethod::Card, 30), d);
    }

    #[test]
    fn dispute_window_is_seven_days_after_the_invoice_date() {
        let d = date(2026, 3, 1);
        let lodge = |on| lodge_dispute(&number(), d, "F-2026-000007", "seat count wrong", on, None);
        assert!(lodge(d).is_ok());
        assert!(lodge(date(2026, 3, 8)).is_ok()); // D + 7
        assert_eq!(
            lodge(date(2026, 3, 9)), // D + 8
            Err(DisputeRefused::TooLate {
                invoice: number(),
                last_day: date(2026, 3, 8),
                received_on: date(2026, 3, 9)
            })
        );
        assert!(matches!(
            lodge(date(2026, 2, 28)),
            Err(DisputeRefused::BeforeInvoiceDate { .. })
        ));
    }

    #[test]
    fn number_and_reasons_are_required() {
        let d = date(2026, 3, 1);
        assert!(lodge_dispute(&number(), d, "f-2026-000007", "wrong", d, None).is_ok());
        assert!(matches!(
            lodge_dispute(&number(), d, "F-2026-000008", "wrong", d, None),
            Err(DisputeRefused::WrongInvoiceNumber { .. })
        ));
        assert!(matches!(
            lodge_dispute(&number(), d, "", "wrong", d, None),
            Err(DisputeRefused::WrongInvoiceNumber { .. })
        ));
        assert_eq!(
            lodge_dispute(&number(), d, "F-2026-000007", "  ", d, None),
            Err(DisputeRefused::ReasonsMissing)
        );
    }

    #[test]
    fn unconditional_full_payment_accepts_the_invoice() {
        let d = date(2026, 3, 1);
        let paid = Some(date(2026, 3, 3));
        assert!(lodge_dispute(
            &number(),
            d,
            "F-2026-000007",
            "wrong",
            date(2026, 3, 3),
            paid
        )
        .is_ok());
        assert_eq!(
            lodge_dispute(
                &number(),
                d,
                "F-2026-000007",
                "wrong",
                date(2026, 3, 4),
                paid
            ),
            Err(DisputeRefused::AcceptedByPayment {
                invoice: number(),
                paid_on: date(2026, 3, 3)
            })
        );
    }
}
