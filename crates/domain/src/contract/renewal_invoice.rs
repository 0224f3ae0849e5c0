//! The renewal invoice of a term that will never run (terms art. 10, 11,
//! 14, 15 (2); SPEC §2, §3).
//!
//! When the cancellation deadline passes, the next term is invoiced at once
//! (art. 10: "before the start of the respective Term"; art. 14). A Client
//! notified of a price change, a change of the terms or a change of the
//! services to its disadvantage may still terminate within 30 calendar days
//! of the notice (art. 15 (2)): the contract then ends with the current term
//! and does not renew. The term already invoiced never runs, so its invoice
//! is withdrawn the moment the right is used, with a credit note: from then
//! on it can draw no interest, no fixed compensation (art. 11), no
//! suspension and no acceleration.
//!
//! What the Client already paid on that invoice stays paid. Art. 10: "If the
//! Customer terminates the Agreement (for any reason) (see Article 15), the
//! amounts already paid to Ecom will be held by Ecom and will not be
//! refunded." So the credit note covers the unpaid part only: the paid part
//! stays invoiced (Ecom keeps it, with its VAT) and does not turn into a
//! credit that would be set off or paid back. A fully paid invoice gets no
//! credit note at all. Art. 15 (2) itself adds: "Under no circumstances will
//! this give the Customer the right to claim any damages or compensation".
//!
//! Late-payment charges that arose before the right was used stay: the right
//! takes effect when it is used, not before. They can arise only when the
//! renewal invoice was already overdue on that day — a direct-debit invoice
//! is due on its date (art. 10) and the debit failed; a transfer invoice is
//! due 14 days after the deadline, which is after the term's last day, so a
//! right used before the renewal always comes before its due date.

use super::cancellation::CancellationOutcome;
use super::term::Term;
use crate::money::round_to_cent;
use rust_decimal::Decimal;

/// The invoice already issued for a term, as this rule needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermInvoice {
    /// The term the invoice is for.
    pub term: Term,
    /// What the invoice asks to be paid, incl. VAT (BT-115).
    pub amount_due: Decimal,
    /// What payments have settled of it so far (its principal).
    pub paid: Decimal,
}

/// What becomes of the invoice of a term that will never run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenewalWithdrawal {
    /// The term that never runs.
    pub term: Term,
    /// To credit now, incl. VAT: the unpaid part. Zero when it was paid in
    /// full (then no credit note is issued).
    pub credit: Decimal,
    /// Paid already and kept by Ecom, not refunded (terms art. 10).
    pub kept: Decimal,
}

/// Decides what happens to `invoice` after the cancellation `outcome`: when
/// the term it invoices starts only after the contract ends (the term never
/// runs), its unpaid part is credited and what was paid is kept. `None` when
/// the invoiced term runs (it is the last term, or an earlier one): then the
/// invoice stays as it is.
pub fn withdraw_renewal_invoice(
    outcome: &CancellationOutcome,
    invoice: &TermInvoice,
) -> Option<RenewalWithdrawal> {
    if invoice.term.starts_at() < outcome.contract_ends_at {
        return None;
    }
    let kept = invoice.paid.clamp(Decimal::ZERO, invoice.amount_due);
    Some(RenewalWithdrawal {
        term: invoice.term,
        credit: invoice.amount_due - kept,
        kept,
    })
}

/// The net amount (excl. VAT) to put on a one-line credit note at
/// `rate_percent` so that its total incl. VAT covers `open` (incl. VAT): the
/// smallest amount in cents whose total, with VAT rounded as on every
/// document (EN 16931 BR-CO-17), is at least `open`.
///
/// Not every total incl. VAT can be written as net + rounded VAT (at 21 % a
/// cent of net sometimes adds two cents of total); then the credit note
/// exceeds `open` by a cent, in the Client's favour, rather than leaving a
/// cent open that would draw the EUR 150 compensation (art. 11).
pub fn net_to_credit(open: Decimal, rate_percent: Decimal) -> Decimal {
    if open <= Decimal::ZERO {
        return Decimal::ZERO;
    }
    let cent = Decimal::new(1, 2);
    let total = |net: Decimal| net + round_to_cent(net * rate_percent / Decimal::ONE_HUNDRED);
    let mut net = (open * Decimal::ONE_HUNDRED / (Decimal::ONE_HUNDRED + rate_percent))
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::ToZero);
    // The estimate is within a cent or two; walk to the smallest that covers `open`.
    while total(net) < open {
        net += cent;
    }
    while net > Decimal::ZERO && total(net - cent) >= open {
        net -= cent;
    }
    net
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::cancellation::{check_cancellation, ChangeKind, ChangeNotice};
    use crate::contract::term::TermLength;
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};
    use chrono_tz::Europe::Brussels;
    use std::str::FromStr;

    fn d(raw: &str) -> Decimal {
        Decimal::from_str(raw).expect("decimal")
    }

    fn be(y: i32, m: u32, day: u32, h: u32, min: u32) -> DateTime<Utc> {
        Brussels
            .with_ymd_and_hms(y, m, day, h, min, 0)
            .single()
            .expect("unambiguous")
            .with_timezone(&Utc)
    }

    /// A quarter from 10 January 2026: last day 9 April, last day to cancel
    /// 25 March, so the renewal invoice for the next quarter is issued on 26 March.
    fn quarter() -> Term {
        Term::first(
            NaiveDate::from_ymd_opt(2026, 1, 10).expect("date"),
            TermLength::Quarter,
        )
    }

    fn renewal_invoice(paid: &str) -> TermInvoice {
        TermInvoice {
            term: quarter().next(),
            amount_due: d("145.20"),
            paid: d(paid),
        }
    }

    /// A price change notified on 27 March 2026, after the deadline.
    fn price_notice() -> ChangeNotice {
        ChangeNotice {
            kind: ChangeKind::PriceChange,
            notified_at: be(2026, 3, 27, 15, 0),
        }
    }

    #[test]
    fn the_right_used_on_the_30th_day_withdraws_the_renewal_invoice_on_the_31st_nothing_happens() {
        // The second quarter (10 April … 9 July): last day to cancel 24
        // June, so its renewal invoice is issued on 25 June. A terms change
        // notified on 1 June may be relied on until 1 July, the 30th day.
        let term = quarter();
        let running = term.next();
        assert_eq!(
            running.last_day(),
            NaiveDate::from_ymd_opt(2026, 7, 9).expect("date")
        );
        let notice = ChangeNotice {
            kind: ChangeKind::TermsChange,
            notified_at: be(2026, 6, 1, 9, 0),
        };
        let next_invoice = TermInvoice {
            term: running.next(),
            amount_due: d("145.20"),
            paid: Decimal::ZERO,
        };
        // 1 July 23:59 Belgian time, the 30th day: accepted, the invoice is credited in full.
        let outcome =
            check_cancellation(&term, be(2026, 7, 1, 23, 59), Some(notice)).expect("30th day");
        assert_eq!(outcome.last_term, running);
        assert!(outcome.renewal_was_due);
        assert_eq!(
            withdraw_renewal_invoice(&outcome, &next_invoice),
            Some(RenewalWithdrawal {
                term: running.next(),
                credit: d("145.20"),
                kept: Decimal::ZERO,
            })
        );
        // 2 July 00:00, the 31st day: refused, the contract has renewed and
        // the invoice stands (there is no outcome to withdraw it with).
        assert!(check_cancellation(&term, be(2026, 7, 2, 0, 0), Some(notice)).is_err());
    }

    #[test]
    fn only_a_term_that_never_runs_is_withdrawn() {
        let outcome = check_cancellation(&quarter(), be(2026, 3, 28, 10, 0), Some(price_notice()))
            .expect("within 30 days");
        assert_eq!(outcome.last_term, quarter());
        // The next quarter never runs: its invoice is withdrawn.
        assert!(withdraw_renewal_invoice(&outcome, &renewal_invoice("0")).is_some());
        // The quarter that runs to its end keeps its invoice.
        let current = TermInvoice {
            term: quarter(),
            amount_due: d("145.20"),
            paid: Decimal::ZERO,
        };
        assert_eq!(withdraw_renewal_invoice(&outcome, &current), None);
    }

    #[test]
    fn money_already_paid_is_kept_and_only_the_rest_is_credited() {
        let outcome = check_cancellation(&quarter(), be(2026, 3, 28, 10, 0), Some(price_notice()))
            .expect("within 30 days");
        let withdrawal =
            withdraw_renewal_invoice(&outcome, &renewal_invoice("45.20")).expect("withdrawn");
        assert_eq!(
            (withdrawal.credit, withdrawal.kept),
            (d("100.00"), d("45.20"))
        );
        // Paid in full: nothing to credit, everything kept (terms art. 10).
        let paid =
            withdraw_renewal_invoice(&outcome, &renewal_invoice("145.20")).expect("withdrawn");
        assert_eq!((paid.credit, paid.kept), (Decimal::ZERO, d("145.20")));
        // An overpayment is not this invoice's: only the invoice amount is kept.
        let over = withdraw_renewal_invoice(&outcome, &renewal_invoice("200")).expect("withdrawn");
        assert_eq!((over.credit, over.kept), (Decimal::ZERO, d("145.20")));
    }

    #[test]
    fn the_credit_covers_the_open_amount_to_the_cent_or_one_cent_more() {
        // 120.00 net at 21 % is 145.20: exact.
        assert_eq!(net_to_credit(d("145.20"), d("21")), d("120.00"));
        // 82.64 + 17.35 = 99.99 leaves a cent open; 82.65 + 17.36 = 100.01 covers it.
        assert_eq!(net_to_credit(d("100.00"), d("21")), d("82.65"));
        // Reverse charge: no VAT, the net is the open amount.
        assert_eq!(net_to_credit(d("100.00"), Decimal::ZERO), d("100.00"));
        assert_eq!(net_to_credit(Decimal::ZERO, d("21")), Decimal::ZERO);
        // For every open amount from 0.01 to 30.00: covered, by at most a cent over, and the smallest such net.
        let mut open = d("0.01");
        while open <= d("30.00") {
            let net = net_to_credit(open, d("21"));
            let total = |n: Decimal| n + round_to_cent(n * d("0.21"));
            assert!(total(net) >= open, "{open}: {net}");
            assert!(total(net) - open <= d("0.01"), "{open}: {net}");
            assert!(total(net - d("0.01")) < open, "{open}: {net}");
            open += d("0.01");
        }
    }
}
