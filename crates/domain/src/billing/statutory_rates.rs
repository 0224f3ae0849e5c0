//! The Belgian statutory interest rates as dated data, and the rules that
//! turn them into the rate in force on a day.
//!
//! - The interest rate for late payment in commercial transactions (Law of
//!   2 August 2002, art. 5): the ECB's main refinancing rate in force on the
//!   first calendar day of the half-year, plus 8 percentage points, rounded up
//!   to the next half percentage point. The rate so fixed applies for the
//!   whole half-year (1 January – 30 June, 1 July – 31 December). The FPS
//!   Finance publishes it each half-year: H1 2023 10.5 %, H2 2023 12 %,
//!   H1 2024 12.5 %, H1 2026 10.50 %.
//! - The legal interest rate (Law of 5 May 1865), fixed per calendar year and
//!   published in the Belgian Official Gazette: the base of the consumer-debt
//!   cap (Code of Economic Law art. XIX.4, legal rate + 8 points).
//!
//! Both tables must be extended when a new rate is published. For a date past
//! the last recorded period the last known rate applies (and
//! [`commercial_rate_recorded`] / [`legal_rate_recorded`] say so, for a caller
//! to warn that the rate is not yet recorded); before the first recorded
//! period, the first rate applies.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// The points added to the ECB rate (Law of 2 August 2002, art. 5).
pub const COMMERCIAL_MARGIN_POINTS: i64 = 8;

/// The ECB's main refinancing rate in force on the first day of each
/// half-year, in percent, as `(year, month, day, rate)` — month 1 or 7, day 1.
/// Oldest first.
///
/// The last row, 1 July 2026 at 2.15 %, is an ASSUMPTION: as far as we know
/// the ECB left the rate unchanged since 11 June 2025, but the rate for the
/// second half of 2026 must be confirmed against the FPS Finance publication
/// (and corrected here if the ECB moved before 1 July 2026).
const ECB_MAIN_REFINANCING_RATES: [(i32, u32, &str); 8] = [
    (2023, 1, "2.50"),
    (2023, 7, "4.00"),
    (2024, 1, "4.50"),
    (2024, 7, "4.25"),
    (2025, 1, "3.15"),
    (2025, 7, "2.15"),
    (2026, 1, "2.15"),
    // Assumed, see above: to confirm against the FPS Finance publication.
    (2026, 7, "2.15"),
];

/// The Belgian legal interest rate (Law of 5 May 1865) per calendar year, in
/// percent a year, as `(year, rate)`. Oldest first.
const LEGAL_INTEREST_RATES: [(i32, &str); 4] =
    [(2023, "5.25"), (2024, "5.75"), (2025, "4.5"), (2026, "4.5")];

/// Rounds a rate in percent UP to the next half percentage point (Law of
/// 2 August 2002, art. 5: "arrondi au demi-point de pourcentage supérieur").
/// A rate already on a half point stays: 10.5 → 10.5, 10.15 → 10.5, 12.25 → 12.5.
pub fn round_up_to_half_point(percent: Decimal) -> Decimal {
    let two = Decimal::TWO;
    (percent * two).ceil() / two
}

/// The commercial late-payment rate for an ECB reference rate: the reference
/// plus 8 points, rounded up to the next half point (Law of 2 August 2002, art. 5).
pub fn commercial_rate(reference_percent: Decimal) -> Decimal {
    round_up_to_half_point(reference_percent + Decimal::from(COMMERCIAL_MARGIN_POINTS))
}

/// The first day of the half-year `day` falls in: 1 January or 1 July.
pub fn half_year_start(day: NaiveDate) -> NaiveDate {
    let month = if day.month() <= 6 { 1 } else { 7 };
    NaiveDate::from_ymd_opt(day.year(), month, 1).unwrap_or(day)
}

/// The first day of the half-year after the one `day` falls in.
pub fn next_half_year_start(day: NaiveDate) -> NaiveDate {
    let (year, month) = if day.month() <= 6 {
        (day.year(), 7)
    } else {
        (day.year() + 1, 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MAX)
}

fn parse(rate: &str) -> Decimal {
    // The tables are literals checked by the tests; never reached.
    rate.parse().unwrap_or(Decimal::ZERO)
}

/// The table row for the half-year of `day`, or `None` when not recorded.
fn ecb_row(day: NaiveDate) -> Option<&'static (i32, u32, &'static str)> {
    let start = half_year_start(day);
    ECB_MAIN_REFINANCING_RATES
        .iter()
        .find(|(y, m, _)| *y == start.year() && *m == start.month())
}

/// The ECB main refinancing rate the commercial rate of `day`'s half-year is
/// fixed from: the recorded one, else the last recorded (after the table) or
/// the first (before it).
pub fn ecb_reference_rate(day: NaiveDate) -> Decimal {
    let row = ecb_row(day).or_else(|| {
        let first = ECB_MAIN_REFINANCING_RATES.first()?;
        if (day.year(), day.month()) < (first.0, first.1) {
            Some(first)
        } else {
            ECB_MAIN_REFINANCING_RATES.last()
        }
    });
    row.map_or(Decimal::ZERO, |(_, _, rate)| parse(rate))
}

/// The statutory commercial late-payment rate in percent a year in force on
/// `day` (the rate of its half-year; see the module doc for dates outside the table).
pub fn commercial_rate_on(day: NaiveDate) -> Decimal {
    commercial_rate(ecb_reference_rate(day))
}

/// Whether the table records the ECB rate for `day`'s half-year. When it does
/// not, [`commercial_rate_on`] falls back on the nearest recorded rate and a
/// caller should say the rate is not yet published or recorded.
pub fn commercial_rate_recorded(day: NaiveDate) -> bool {
    ecb_row(day).is_some()
}

/// The Belgian legal interest rate in percent a year for `day`'s calendar
/// year; past the table the last recorded year's, before it the first's.
pub fn legal_rate_on(day: NaiveDate) -> Decimal {
    let row = LEGAL_INTEREST_RATES
        .iter()
        .find(|(y, _)| *y == day.year())
        .or_else(|| {
            let first = LEGAL_INTEREST_RATES.first()?;
            if day.year() < first.0 {
                Some(first)
            } else {
                LEGAL_INTEREST_RATES.last()
            }
        });
    row.map_or(Decimal::ZERO, |(_, rate)| parse(rate))
}

/// Whether the table records the legal interest rate of `day`'s year.
pub fn legal_rate_recorded(day: NaiveDate) -> bool {
    LEGAL_INTEREST_RATES.iter().any(|(y, _)| *y == day.year())
}

/// A yearly interest rate as a term of a contract or of the law: fixed, or
/// following one of the published statutory rates day by day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearlyRate {
    /// A fixed rate in percent a year (a contract's, or a test's).
    Fixed(Decimal),
    /// The commercial late-payment rate of each half-year ([`commercial_rate_on`]).
    CommercialStatutory,
    /// The legal interest rate of each calendar year ([`legal_rate_on`]).
    Legal,
}

impl YearlyRate {
    /// The rate in percent a year on `day`.
    pub fn on(self, day: NaiveDate) -> Decimal {
        match self {
            Self::Fixed(rate) => rate,
            Self::CommercialStatutory => commercial_rate_on(day),
            Self::Legal => legal_rate_on(day),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::test_support::{d, date};

    #[test]
    fn eight_points_rounded_up_to_the_next_half_point() {
        assert_eq!(commercial_rate(d("2.15")), d("10.5"));
        assert_eq!(commercial_rate(d("4.25")), d("12.5"));
        assert_eq!(commercial_rate(d("4.0")), d("12.0"));
        assert_eq!(commercial_rate(d("2.5")), d("10.5"));
        assert_eq!(commercial_rate(d("3.15")), d("11.5"));
        assert_eq!(commercial_rate(d("4.50")), d("12.5"));
        assert_eq!(round_up_to_half_point(d("10.01")), d("10.5"));
        assert_eq!(round_up_to_half_point(d("10.51")), d("11"));
        assert_eq!(round_up_to_half_point(d("11")), d("11"));
    }

    #[test]
    fn the_published_rates_come_out_of_the_table() {
        // FPS Finance: H1 2023 10.5 %, H2 2023 12 %, H1 2024 12.5 %, H1 2026 10.50 %.
        assert_eq!(commercial_rate_on(date(2023, 3, 1)), d("10.5"));
        assert_eq!(commercial_rate_on(date(2023, 9, 1)), d("12"));
        assert_eq!(commercial_rate_on(date(2024, 2, 1)), d("12.5"));
        assert_eq!(commercial_rate_on(date(2024, 8, 1)), d("12.5"));
        assert_eq!(commercial_rate_on(date(2025, 2, 1)), d("11.5"));
        assert_eq!(commercial_rate_on(date(2025, 8, 1)), d("10.5"));
        assert_eq!(commercial_rate_on(date(2026, 2, 1)), d("10.5"));
        // Every row parses and sits on a half-year's first day.
        for (year, month, rate) in ECB_MAIN_REFINANCING_RATES {
            assert!(month == 1 || month == 7);
            assert!(rate.parse::<Decimal>().is_ok());
            assert!(commercial_rate_recorded(date(year, month, 1)));
        }
        for (year, rate) in LEGAL_INTEREST_RATES {
            assert!(rate.parse::<Decimal>().is_ok());
            assert!(legal_rate_recorded(date(year, 6, 1)));
        }
    }

    #[test]
    fn a_half_year_ends_on_30_june_and_31_december() {
        // H1 2024 (ECB 4.50 → 12.5) against H2 2024 (4.25 → 12.5), H2 2023 (4.00 → 12).
        assert_eq!(commercial_rate_on(date(2023, 6, 30)), d("10.5"));
        assert_eq!(commercial_rate_on(date(2023, 7, 1)), d("12"));
        assert_eq!(commercial_rate_on(date(2023, 12, 31)), d("12"));
        assert_eq!(commercial_rate_on(date(2024, 1, 1)), d("12.5"));
        assert_eq!(commercial_rate_on(date(2025, 6, 30)), d("11.5"));
        assert_eq!(commercial_rate_on(date(2025, 7, 1)), d("10.5"));
        assert_eq!(commercial_rate_on(date(2024, 12, 31)), d("12.5"));
        assert_eq!(commercial_rate_on(date(2025, 1, 1)), d("11.5"));
        assert_eq!(half_year_start(date(2025, 6, 30)), date(2025, 1, 1));
        assert_eq!(half_year_start(date(2025, 7, 1)), date(2025, 7, 1));
        assert_eq!(next_half_year_start(date(2025, 6, 30)), date(2025, 7, 1));
        assert_eq!(next_half_year_start(date(2025, 7, 1)), date(2026, 1, 1));
        assert_eq!(next_half_year_start(date(2025, 12, 31)), date(2026, 1, 1));
    }

    #[test]
    fn outside_the_table_the_nearest_rate_and_a_warning() {
        assert!(commercial_rate_recorded(date(2026, 12, 31)));
        assert!(!commercial_rate_recorded(date(2027, 1, 1)));
        assert_eq!(commercial_rate_on(date(2027, 1, 1)), d("10.5"));
        assert_eq!(ecb_reference_rate(date(2030, 5, 5)), d("2.15"));
        assert!(!commercial_rate_recorded(date(2022, 12, 31)));
        assert!(commercial_rate_recorded(date(2023, 1, 1)));
        // Before the table: the first recorded rate (2.50 → 10.5).
        assert_eq!(ecb_reference_rate(date(2022, 12, 31)), d("2.50"));
        assert_eq!(commercial_rate_on(date(2020, 1, 1)), d("10.5"));
    }

    #[test]
    fn the_legal_rate_changes_on_1_january() {
        assert_eq!(legal_rate_on(date(2023, 12, 31)), d("5.25"));
        assert_eq!(legal_rate_on(date(2024, 1, 1)), d("5.75"));
        assert_eq!(legal_rate_on(date(2024, 12, 31)), d("5.75"));
        assert_eq!(legal_rate_on(date(2025, 1, 1)), d("4.5"));
        assert_eq!(legal_rate_on(date(2026, 7, 1)), d("4.5"));
        assert!(legal_rate_recorded(date(2026, 12, 31)));
        assert!(!legal_rate_recorded(date(2027, 1, 1)));
        assert_eq!(legal_rate_on(date(2027, 1, 1)), d("4.5"));
        assert!(!legal_rate_recorded(date(2022, 12, 31)));
        assert_eq!(legal_rate_on(date(2022, 12, 31)), d("5.25"));
        assert_eq!(YearlyRate::Legal.on(date(2024, 3, 3)), d("5.75"));
        assert_eq!(YearlyRate::Fixed(d("7")).on(date(2024, 3, 3)), d("7"));
        assert_eq!(
            YearlyRate::CommercialStatutory.on(date(2023, 7, 1)),
            d("12")
        );
    }
}
