//! Time spent on projects, and how billable time becomes invoice lines.

use rust_decimal::{Decimal, RoundingStrategy};

use crate::account::InvalidInput;
use crate::money::round_to_cent;

/// The most one entry may hold: a full day. More is a typing error.
pub const MAX_MINUTES_PER_ENTRY: i64 = 24 * 60;

/// Checks an entry's duration in minutes (1 to 1440).
pub fn parse_minutes(minutes: i64) -> Result<i64, InvalidInput> {
    if minutes <= 0 {
        return Err(InvalidInput::new(
            "not_positive",
            "the duration must be at least 1 minute",
        ));
    }
    if minutes > MAX_MINUTES_PER_ENTRY {
        return Err(InvalidInput::new(
            "too_long",
            "one entry holds at most 24 hours (1440 minutes); split longer work",
        ));
    }
    Ok(minutes)
}

/// Minutes as invoiced hours: to the hundredth of an hour, halves away from
/// zero (the invoice quantity rounding). 50 minutes → 0.83 h, 10 → 0.17 h.
pub fn invoiced_hours(minutes: i64) -> Decimal {
    (Decimal::from(minutes) / Decimal::from(60))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Hours of a total in minutes, for reports (same rounding as invoices).
pub fn hours_label(minutes: i64) -> Decimal {
    invoiced_hours(minutes)
}

/// A draft invoice line for unbilled billable time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BillableLine {
    pub description: String,
    pub minutes: i64,
    /// [`invoiced_hours`] of `minutes`.
    pub quantity: Decimal,
    pub unit_price: Decimal,
    /// `quantity × unit_price`, rounded to the cent.
    pub net_amount: Decimal,
    pub vat_rate: Decimal,
}

/// One line: the group's minutes summed first, then rounded once (rounding
/// each entry would drift: 3 × 10 minutes is 0.50 h, not 3 × 0.17 h).
pub fn billable_line(
    description: String,
    minutes: i64,
    hourly_rate: Decimal,
    vat_rate: Decimal,
) -> BillableLine {
    let quantity = invoiced_hours(minutes);
    BillableLine {
        description,
        minutes,
        quantity,
        unit_price: hourly_rate,
        net_amount: round_to_cent(quantity * hourly_rate),
        vat_rate,
    }
}

/// Belgian VAT rates a project may invoice at.
pub fn parse_vat_rate(rate: Decimal) -> Result<Decimal, InvalidInput> {
    let allowed = [
        Decimal::from(21),
        Decimal::from(12),
        Decimal::from(6),
        Decimal::ZERO,
    ];
    if allowed.contains(&rate) {
        Ok(rate.normalize())
    } else {
        Err(InvalidInput::new(
            "invalid_vat_rate",
            "the VAT rate must be 21, 12, 6 or 0 (%)",
        ))
    }
}

/// An hourly rate: zero or more, at most two decimals.
pub fn parse_hourly_rate(rate: Decimal) -> Result<Decimal, InvalidInput> {
    if rate.is_sign_negative() {
        return Err(InvalidInput::new(
            "negative",
            "the hourly rate cannot be negative",
        ));
    }
    if rate.normalize().scale() > 2 {
        return Err(InvalidInput::new(
            "too_precise",
            "the hourly rate has at most two decimals (cents)",
        ));
    }
    if rate > Decimal::from(100_000) {
        return Err(InvalidInput::new(
            "too_large",
            "the hourly rate is at most 100000",
        ));
    }
    Ok(round_to_cent(rate))
}

/// Budget hours: zero or more, at most two decimals.
pub fn parse_budget_hours(hours: Decimal) -> Result<Decimal, InvalidInput> {
    if hours.is_sign_negative() {
        return Err(InvalidInput::new(
            "negative",
            "the budget cannot be negative",
        ));
    }
    if hours.normalize().scale() > 2 || hours > Decimal::from(1_000_000) {
        return Err(InvalidInput::new(
            "invalid_budget",
            "the budget is at most 1000000 hours with two decimals",
        ));
    }
    Ok(hours.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn minutes_become_hundredths_of_hours_rounding_halves_up() {
        assert_eq!(invoiced_hours(60), d("1"));
        assert_eq!(invoiced_hours(50), d("0.83"));
        assert_eq!(invoiced_hours(10), d("0.17"));
        // 0.5 minute of an hundredth: 3 minutes = 0.05 h exactly.
        assert_eq!(invoiced_hours(3), d("0.05"));
        assert_eq!(invoiced_hours(1), d("0.02"));
    }

    #[test]
    fn a_line_rounds_the_sum_once() {
        let line = billable_line("Design".into(), 30, d("85.00"), d("21"));
        assert_eq!(line.quantity, d("0.5"));
        assert_eq!(line.net_amount, d("42.50"));
        let line = billable_line("Build".into(), 100, d("72.50"), d("21"));
        assert_eq!(line.quantity, d("1.67"));
        assert_eq!(line.net_amount, d("121.08"));
    }

    #[test]
    fn durations_and_rates_are_checked() {
        assert!(parse_minutes(0).is_err());
        assert!(parse_minutes(1441).is_err());
        assert_eq!(parse_minutes(1440), Ok(1440));
        assert!(parse_hourly_rate(d("-1")).is_err());
        assert!(parse_hourly_rate(d("10.005")).is_err());
        assert_eq!(parse_vat_rate(d("21.00")), Ok(d("21")));
        assert!(parse_vat_rate(d("20")).is_err());
    }
}
