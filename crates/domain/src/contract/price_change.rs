//! Price changes (terms art. 9, SPEC §2): a new price applies to an existing
//! contract only if the Client was told at least one month before it applies;
//! the notice opens the Client's 30-day right to terminate (art. 15 (2), see
//! [`super::cancellation::ChangeNotice`]).
//!
//! "One month" is counted in Belgian calendar days from the day of the
//! announcement (whatever the hour) to the same day of the next month: announced
//! on 15 March, a price may apply from 15 April, not 14 April. When the next
//! month has no such day the month is not cut short: announced on 29, 30 or 31
//! January (of a non-leap year), a price may apply from 1 March, not from 28
//! February. This protects the Client; chrono's month addition, which would
//! clamp to 28 February, gives only 28 days of notice.

use super::pricing::PriceList;
use super::term::Term;
use crate::calendar::belgian_date;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};

/// The first Belgian day a price announced at `announced_at` may apply to existing contracts.
pub fn earliest_price_change_date(announced_at: DateTime<Utc>) -> NaiveDate {
    let announced_on = belgian_date(announced_at);
    match announced_on.checked_add_months(Months::new(1)) {
        // The same day next month exists.
        Some(same_day) if same_day.day() == announced_on.day() => same_day,
        // It does not (clamped to the month end): the first of the month after.
        Some(clamped) => clamped.succ_opt().unwrap_or(clamped),
        None => NaiveDate::MAX,
    }
}

/// A price change announced too late for the date it should apply from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "a price announced on {announced_on} may apply to existing contracts from {earliest_effective_from} at the earliest (one month's notice), not from {effective_from}"
)]
pub struct PriceChangeRefused {
    /// The Belgian day of the announcement.
    pub announced_on: NaiveDate,
    /// The day the new price was meant to apply from.
    pub effective_from: NaiveDate,
    /// The first day it may apply from.
    pub earliest_effective_from: NaiveDate,
}

/// Checks that a price announced at `announced_at` may apply to existing
/// contracts from Belgian day `effective_from` (terms art. 9: "at least one month prior").
pub fn check_price_change(
    announced_at: DateTime<Utc>,
    effective_from: NaiveDate,
) -> Result<(), PriceChangeRefused> {
    let earliest_effective_from = earliest_price_change_date(announced_at);
    if effective_from >= earliest_effective_from {
        Ok(())
    } else {
        Err(PriceChangeRefused {
            announced_on: belgian_date(announced_at),
            effective_from,
            earliest_effective_from,
        })
    }
}

/// One version of the price list, in force from `effective_from`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceVersion {
    /// The first Belgian day the prices apply (to new orders at once).
    pub effective_from: NaiveDate,
    /// When existing Clients were told (the Communication of art. 9).
    pub announced_at: DateTime<Utc>,
    pub prices: PriceList,
}

impl PriceVersion {
    /// The first day of a renewal term that may be charged at this version:
    /// its effective date, or one month after the announcement when that is later.
    pub fn applies_to_renewals_from(&self) -> NaiveDate {
        self.effective_from
            .max(earliest_price_change_date(self.announced_at))
    }
}

/// The price version that applies to `term` of a contract ordered at `ordered_at`:
///
/// - the initial term is charged at the version in force on the order day
///   (what the Client agreed to, art. 5);
/// - a renewal is charged at the most recent version that took effect on or
///   before the renewal's first day and was announced at least one month
///   before that day (art. 9), and never at a version older than the one
///   agreed at the order.
///
/// `None` when no version was in force on the order day and none applies.
pub fn price_for_term<'a>(
    schedule: &'a [PriceVersion],
    term: &Term,
    ordered_at: DateTime<Utc>,
) -> Option<&'a PriceVersion> {
    let ordered_on = belgian_date(ordered_at);
    let agreed = schedule
        .iter()
        .filter(|v| v.effective_from <= ordered_on)
        .max_by_key(|v| v.effective_from);
    if term.is_initial() {
        return agreed;
    }
    schedule
        .iter()
        .filter(|v| v.applies_to_renewals_from() <= term.starts_on())
        .chain(agreed)
        .max_by_key(|v| v.effective_from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::term::TermLength;
    use chrono::TimeZone;
    use chrono_tz::Europe::Brussels;
    use rust_decimal::Decimal;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn be(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Brussels
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("unambiguous")
            .with_timezone(&Utc)
    }

    #[test]
    fn exactly_one_month_is_enough_one_day_less_is_not() {
        let announced = be(2026, 3, 15, 18, 0);
        assert_eq!(check_price_change(announced, date(2026, 4, 15)), Ok(()));
        let refused = check_price_change(announced, date(2026, 4, 14)).expect_err("a day short");
        assert_eq!(refused.earliest_effective_from, date(2026, 4, 15));
        assert_eq!(
            refused.to_string(),
            "a price announced on 2026-03-15 may apply to existing contracts from 2026-04-15 at the earliest (one month's notice), not from 2026-04-14"
        );
        // The Belgian day counts: 23:30 UTC on 14 March is 15 March in Brussels.
        let late_evening = Utc
            .with_ymd_and_hms(2026, 3, 14, 23, 30, 0)
            .single()
            .expect("valid");
        assert_eq!(earliest_price_change_date(late_evening), date(2026, 4, 15));
    }

    #[test]
    fn month_ends_are_not_cut_short() {
        assert_eq!(
            earliest_price_change_date(be(2026, 1, 28, 9, 0)),
            date(2026, 2, 28)
        );
        assert_eq!(
            earliest_price_change_date(be(2026, 1, 29, 9, 0)),
            date(2026, 3, 1)
        );
        assert_eq!(
            earliest_price_change_date(be(2026, 1, 31, 9, 0)),
            date(2026, 3, 1)
        );
        assert_eq!(
            earliest_price_change_date(be(2028, 1, 29, 9, 0)),
            date(2028, 2, 29)
        );
        assert_eq!(
            earliest_price_change_date(be(2026, 3, 31, 9, 0)),
            date(2026, 5, 1)
        );
        assert_eq!(
            earliest_price_change_date(be(2026, 12, 31, 9, 0)),
            date(2027, 1, 31)
        );
        assert!(check_price_change(be(2026, 1, 31, 9, 0), date(2026, 2, 28)).is_err());
    }

    fn version(effective_from: NaiveDate, announced_at: DateTime<Utc>, basic: i64) -> PriceVersion {
        PriceVersion {
            effective_from,
            announced_at,
            prices: PriceList {
                basic_package_annual: Decimal::new(basic, 0),
                modules_annual: Default::default(),
                extra_seat_annual: Decimal::ZERO,
            },
        }
    }

    fn basic(v: Option<&PriceVersion>) -> Option<Decimal> {
        v.map(|v| v.prices.basic_package_annual)
    }

    #[test]
    fn which_price_a_term_pays() {
        let schedule = vec![
            version(date(2025, 1, 1), be(2024, 11, 1, 9, 0), 500),
            // Announced in time for 1 July.
            version(date(2026, 7, 1), be(2026, 5, 15, 9, 0), 600),
            // Announced late: applies to renewals only from 15 November.
            version(date(2026, 11, 1), be(2026, 10, 15, 9, 0), 700),
        ];
        let ordered = be(2026, 1, 20, 10, 0);
        let start = date(2026, 2, 1);
        let term = |n| Term::nth(start, TermLength::Quarter, n);
        assert_eq!(
            basic(price_for_term(&schedule, &term(1), ordered)),
            Some(Decimal::new(500, 0))
        );
        assert_eq!(term(2).starts_on(), date(2026, 5, 1));
        assert_eq!(
            basic(price_for_term(&schedule, &term(2), ordered)),
            Some(Decimal::new(500, 0))
        );
        assert_eq!(term(3).starts_on(), date(2026, 8, 1));
        assert_eq!(
            basic(price_for_term(&schedule, &term(3), ordered)),
            Some(Decimal::new(600, 0))
        );
        assert_eq!(term(4).starts_on(), date(2026, 11, 1));
        assert_eq!(
            basic(price_for_term(&schedule, &term(4), ordered)),
            Some(Decimal::new(600, 0)),
            "announced too late for 1 November"
        );
        assert_eq!(
            basic(price_for_term(&schedule, &term(5), ordered)),
            Some(Decimal::new(700, 0))
        );
        // Order-independent: the schedule need not be sorted.
        let mut reversed = schedule.clone();
        reversed.reverse();
        assert_eq!(
            basic(price_for_term(&reversed, &term(3), ordered)),
            Some(Decimal::new(600, 0))
        );
        // Nothing in force on the order day.
        assert_eq!(
            price_for_term(&schedule, &term(1), be(2024, 6, 1, 9, 0)),
            None
        );
    }

    #[test]
    fn a_renewal_never_falls_back_below_the_agreed_price() {
        // Ordered on 5 November at the late-announced 700, in force for new orders since 1 November.
        let schedule = vec![
            version(date(2025, 1, 1), be(2024, 11, 1, 9, 0), 500),
            version(date(2026, 11, 1), be(2026, 10, 25, 9, 0), 700),
        ];
        let ordered = be(2026, 11, 5, 10, 0);
        // A renewal starting before 25 November would otherwise fall back to 500.
        let first = Term::first(date(2026, 8, 20), TermLength::Quarter);
        assert_eq!(first.next().starts_on(), date(2026, 11, 20));
        assert_eq!(
            basic(price_for_term(&schedule, &first.next(), ordered)),
            Some(Decimal::new(700, 0))
        );
    }
}
