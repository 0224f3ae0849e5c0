//! The pure rules behind the billing pages: until when an invoice may be
//! disputed, whether the access is suspended, what a statement line still
//! owes beyond principal, interest and compensation.
//!
//! The server decides every one of these; the SPA only uses them to decide
//! what to show (a form, a banner, a column).

use chrono::{Duration, NaiveDate};
use ecom_types::billing::StatementLineView;
use rust_decimal::Decimal;

/// Calendar days after the invoice date during which it may be disputed
/// (terms art. 10: "within 7 calendar days after the invoice date").
pub const DISPUTE_WINDOW_DAYS: i64 = 7;

/// The last day an invoice dated `issue_date` may be disputed: the date
/// itself is day 0, so an invoice of the 1st may be disputed up to the 8th.
pub fn last_dispute_day(issue_date: NaiveDate) -> NaiveDate {
    issue_date + Duration::days(DISPUTE_WINDOW_DAYS)
}

/// Whether to offer the dispute form for a document of `kind` dated
/// `issue_date` on `today`: only invoices (a credit note is not disputed),
/// and only within the window. Returns the last day to show with the form.
pub fn dispute_offered_until(
    kind: &str,
    issue_date: NaiveDate,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let last_day = last_dispute_day(issue_date);
    (kind == "invoice" && today <= last_day).then_some(last_day)
}

/// The tenant status of an account whose access is suspended for
/// non-payment (terms art. 11); billing pages still work.
pub const SUSPENDED: &str = "suspended";

/// Whether the layout shows the suspension banner.
pub fn is_suspended(tenant_status: &str) -> bool {
    tenant_status == SUSPENDED
}

/// What a statement line still owes beyond principal, interest and
/// compensation (collection costs, liquidated damages), so the columns shown
/// add up to the line's total.
pub fn other_charges_open(line: &StatementLineView) -> Decimal {
    line.collection_costs_open + line.liquidated_damages_open
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn eur(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn an_invoice_may_be_disputed_up_to_and_including_the_seventh_day_after_its_date() {
        assert_eq!(last_dispute_day(day(2026, 3, 1)), day(2026, 3, 8));
        // Across a month and a year end.
        assert_eq!(last_dispute_day(day(2026, 12, 28)), day(2027, 1, 4));
        assert_eq!(last_dispute_day(day(2028, 2, 25)), day(2028, 3, 3));
    }

    #[test]
    fn the_form_is_offered_on_the_invoice_date_and_the_seventh_day_not_the_eighth() {
        let issued = day(2026, 3, 1);
        assert_eq!(
            dispute_offered_until("invoice", issued, issued),
            Some(day(2026, 3, 8))
        );
        assert_eq!(
            dispute_offered_until("invoice", issued, day(2026, 3, 8)),
            Some(day(2026, 3, 8))
        );
        assert_eq!(
            dispute_offered_until("invoice", issued, day(2026, 3, 9)),
            None
        );
    }

    #[test]
    fn a_credit_note_is_never_offered_for_dispute() {
        let issued = day(2026, 3, 1);
        assert_eq!(dispute_offered_until("credit_note", issued, issued), None);
    }

    #[test]
    fn only_a_suspended_account_shows_the_banner() {
        assert!(is_suspended("suspended"));
        for status in [
            "trial",
            "trial_expired",
            "active",
            "terminated",
            "deactivated",
        ] {
            assert!(!is_suspended(status), "{status}");
        }
    }

    #[test]
    fn other_charges_are_collection_costs_and_liquidated_damages() {
        let line = StatementLineView {
            invoice_id: Uuid::nil(),
            number: "F2026-000001".into(),
            issue_date: day(2026, 1, 1),
            due_date: day(2026, 1, 15),
            overdue: true,
            principal: eur("871.20"),
            principal_open: eur("871.20"),
            interest_open: eur("8.71"),
            compensation_open: eur("150.00"),
            collection_costs_open: eur("12.50"),
            liquidated_damages_open: eur("7.50"),
            total_open: eur("1049.91"),
        };
        assert_eq!(other_charges_open(&line), eur("20.00"));
        assert_eq!(
            line.principal_open
                + line.interest_open
                + line.compensation_open
                + other_charges_open(&line),
            line.total_open
        );
    }
}
