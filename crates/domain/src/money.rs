//! Money: euro amounts as `Decimal`, with the roundings the rules name.

use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds to the cent, halves away from zero: the rounding of EN 16931 and of
/// every amount printed on an invoice. (`Decimal::round_dp` would round half
/// to even, which invoices must not.)
pub fn round_to_cent(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Converts an amount in cents, as storage keeps it, to euros.
pub fn from_cents(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// Converts a euro amount to cents for storage, rounding to the cent first.
/// `None` when the amount does not fit in 64 bits of cents.
pub fn to_cents(amount: Decimal) -> Option<i64> {
    let cents = round_to_cent(amount) * Decimal::ONE_HUNDRED;
    i64::try_from(cents.trunc()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn halves_round_away_from_zero() {
        assert_eq!(round_to_cent(d("0.125")), d("0.13"));
        assert_eq!(round_to_cent(d("0.135")), d("0.14"));
        assert_eq!(round_to_cent(d("-0.125")), d("-0.13"));
        assert_eq!(round_to_cent(d("2.344")), d("2.34"));
    }

    #[test]
    fn cents_round_trip() {
        assert_eq!(to_cents(d("1234.565")), Some(123457));
        assert_eq!(from_cents(123457), d("1234.57"));
        assert_eq!(to_cents(d("-0.01")), Some(-1));
    }
}

/// Rounds to the cent and always shows two decimals (`150` → `150.00`), as
/// amounts are printed and sent over the API.
pub fn in_cents_scale(amount: Decimal) -> Decimal {
    let mut rounded = round_to_cent(amount);
    rounded.rescale(2);
    rounded
}

#[cfg(test)]
mod scale_tests {
    use super::*;

    #[test]
    fn two_decimals_always() {
        assert_eq!(in_cents_scale(Decimal::from(150)).to_string(), "150.00");
        assert_eq!(in_cents_scale(Decimal::new(39855, 4)).to_string(), "3.99");
    }
}
