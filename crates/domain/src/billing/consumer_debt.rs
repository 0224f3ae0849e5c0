//! The Belgian statutory regime for consumers' late payments (SPEC §3 last
//! bullet): Code of Economic Law Book XIX "Consumer debts", inserted by the
//! Law of 4 May 2023, applicable to late payments from 1 September 2023
//! (from 1 December 2023 for contracts concluded before). It replaces the
//! B2B clause of terms art. 11 for a Client marked as consumer:
//!
//! - art. XIX.2: the first reminder is free, and the consumer then has at
//!   least 14 calendar days to pay before anything more may be charged;
//! - art. XIX.4: only late-payment interest (at most the legal interest
//!   rate + 8 percentage points a year) and a fixed compensation within the
//!   statutory caps may be charged on top of the principal — no collection
//!   costs, no liquidated damages, no acceleration.

use crate::money::round_to_cent;
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;

/// Art. XIX.2: the consumer has at least 14 calendar days after the first reminder.
pub const REMINDER_TERM_DAYS: i64 = 14;

/// What the contract and the law allow a consumer to be charged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsumerDebtTerms {
    /// The Belgian legal interest rate of the year (Law of 5 May 1865), in
    /// percent a year — an input, published yearly in the Belgian Official Gazette.
    pub legal_interest_percent: Decimal,
    /// The yearly rate the contract stipulates, in percent (Ecom's 1 % a month is 12).
    pub agreed_annual_interest_percent: Decimal,
}

impl ConsumerDebtTerms {
    /// The yearly rate charged: the agreed rate, capped at the legal rate
    /// + 8 percentage points (art. XIX.4).
    pub fn annual_interest_percent(&self) -> Decimal {
        self.agreed_annual_interest_percent
            .min(self.legal_interest_percent + Decimal::from(8))
            .max(Decimal::ZERO)
    }

    /// Interest on `principal`, charged from `charges_from` (see
    /// [`charges_allowed_from`]), as it stands on `on`: for each day from
    /// `charges_from` up to the day before `on`, the yearly rate / 365 on
    /// the principal still unpaid at the end of that day (`principal_settled`:
    /// what reduced it and when). So a payment lowers the interest from its
    /// own date on. Rounded to the cent once, on the total.
    pub fn interest(
        &self,
        charges_from: NaiveDate,
        principal: Decimal,
        principal_settled: &[(NaiveDate, Decimal)],
        on: NaiveDate,
    ) -> Decimal {
        // Art. XIX.4: a yearly rate, applied per day over 365 days; rounded once.
        daily_interest(
            self.annual_interest_percent(),
            charges_from,
            principal,
            principal_settled,
            on,
        )
    }
}

/// Interest at `annual_percent` a year on `principal`, charged from
/// `charges_from` as it stands on `on`: for each day from `charges_from` up to
/// the day before `on`, the yearly rate / 365 on the principal still unpaid at
/// the end of that day (`principal_settled`: what reduced it and when). A
/// payment lowers the interest from its own date on. Rounded to the cent
/// once, on the total. Used for consumers (art. XIX.4) and for the Belgian
/// B2B statutory interest (Law of 2 August 2002, art. 5), both yearly rates.
pub fn daily_interest(
    annual_percent: Decimal,
    charges_from: NaiveDate,
    principal: Decimal,
    principal_settled: &[(NaiveDate, Decimal)],
    on: NaiveDate,
) -> Decimal {
    if on <= charges_from {
        return Decimal::ZERO;
    }
    // Days on which the unpaid principal changes, within the period.
    let mut changes: Vec<NaiveDate> = principal_settled
        .iter()
        .map(|(date, _)| *date)
        .filter(|date| *date >= charges_from && *date < on)
        .collect();
    changes.sort_unstable();
    changes.dedup();
    let unpaid_at_end_of = |day: NaiveDate| {
        let settled: Decimal = principal_settled
            .iter()
            .filter(|(date, _)| *date <= day)
            .map(|(_, a)| *a)
            .sum();
        (principal - settled).max(Decimal::ZERO)
    };
    // Periods [start, end) with a constant unpaid principal.
    let mut starts = vec![charges_from];
    starts.extend(changes.into_iter().filter(|date| *date > charges_from));
    let mut day_euros = Decimal::ZERO;
    for (i, start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(on);
        let days = Decimal::from((end - *start).num_days());
        day_euros += unpaid_at_end_of(*start) * days;
    }
    // A yearly rate per day over 365 days, rounded to the cent once.
    round_to_cent(
        day_euros * annual_percent.max(Decimal::ZERO) / Decimal::ONE_HUNDRED / Decimal::from(365),
    )
}

/// The first day interest and the fixed compensation may be charged after a
/// free first reminder sent on `first_reminder_sent_on`: the 14-day term
/// (art. XIX.2) runs from the day after the reminder to the 14th day
/// after it, so charges start on the 15th day.
///
/// The law starts the term the day after an electronic reminder is sent, and
/// on the third working day after a paper one is posted; for a paper
/// reminder pass the second working day after posting. Interest is not
/// charged for the time before the term ends — the safe reading of
/// art. XIX.2, which allows no charges until then.
pub fn charges_allowed_from(first_reminder_sent_on: NaiveDate) -> NaiveDate {
    first_reminder_sent_on + Duration::days(REMINDER_TERM_DAYS + 1)
}

/// The highest fixed compensation art. XIX.4 allows on an unpaid balance:
/// EUR 20 up to EUR 150; EUR 30 + 10 % of the part between EUR 150.01 and
/// EUR 500 up to EUR 500; EUR 65 + 5 % of the part above EUR 500 beyond
/// that, at most EUR 2 000. The compensation charged is this amount: the
/// contract's higher B2B compensation is reduced to it.
pub fn fixed_compensation(unpaid_balance: Decimal) -> Decimal {
    let tier_1_limit = Decimal::from(150);
    let tier_2_limit = Decimal::from(500);
    let compensation = if unpaid_balance <= Decimal::ZERO {
        Decimal::ZERO
    } else if unpaid_balance <= tier_1_limit {
        Decimal::from(20)
    } else if unpaid_balance <= tier_2_limit {
        Decimal::from(30) + (unpaid_balance - tier_1_limit) * Decimal::new(10, 2)
    } else {
        Decimal::from(65) + (unpaid_balance - tier_2_limit) * Decimal::new(5, 2)
    };
    // Art. XIX.4: the cap of EUR 2 000; the compensation is charged in cents.
    round_to_cent(compensation.min(Decimal::from(2000)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::test_support::{d, date};

    fn terms() -> ConsumerDebtTerms {
        ConsumerDebtTerms {
            legal_interest_percent: d("4.5"),
            agreed_annual_interest_percent: d("12"),
        }
    }

    #[test]
    fn compensation_tiers_at_their_edges() {
        assert_eq!(fixed_compensation(d("0")), d("0"));
        assert_eq!(fixed_compensation(d("0.01")), d("20"));
        assert_eq!(fixed_compensation(d("150")), d("20"));
        assert_eq!(fixed_compensation(d("150.01")), d("30.00")); // 30 + 0.001
        assert_eq!(fixed_compensation(d("155")), d("30.50"));
        assert_eq!(fixed_compensation(d("500")), d("65.00")); // 30 + 35
        assert_eq!(fixed_compensation(d("500.01")), d("65.00")); // 65 + 0.0005
        assert_eq!(fixed_compensation(d("600")), d("70.00"));
        assert_eq!(fixed_compensation(d("39200")), d("2000.00")); // 65 + 1935
        assert_eq!(fixed_compensation(d("39199.80")), d("1999.99"));
        assert_eq!(fixed_compensation(d("1000000")), d("2000"));
    }

    #[test]
    fn interest_rate_is_capped_at_legal_plus_eight() {
        assert_eq!(terms().annual_interest_percent(), d("12"));
        let low_legal = ConsumerDebtTerms {
            legal_interest_percent: d("2.25"),
            agreed_annual_interest_percent: d("12"),
        };
        assert_eq!(low_legal.annual_interest_percent(), d("10.25"));
    }

    #[test]
    fn the_term_after_the_free_reminder() {
        // Reminder on 1 March: 14 days from 2 to 15 March; charges from 16 March.
        assert_eq!(charges_allowed_from(date(2026, 3, 1)), date(2026, 3, 16));
    }

    #[test]
    fn interest_per_day_on_what_is_unpaid() {
        let t = terms();
        let from = date(2026, 3, 16);
        assert_eq!(t.interest(from, d("1000"), &[], from), d("0"));
        // One day: 1000 × 12 % / 365 = 0.3287… → 0.33.
        assert_eq!(
            t.interest(from, d("1000"), &[], date(2026, 3, 17)),
            d("0.33")
        );
        // 365 days: 120.00.
        assert_eq!(
            t.interest(from, d("1000"), &[], date(2027, 3, 16)),
            d("120.00")
        );
        // Half paid after 73 days (on 28 May): 73 days on 1000, 292 on 500 → 24 + 48.
        let settled = [(date(2026, 5, 28), d("500"))];
        assert_eq!(
            t.interest(from, d("1000"), &settled, date(2027, 3, 16)),
            d("72.00")
        );
        // Paid in full on the first chargeable day: nothing.
        assert_eq!(
            t.interest(from, d("1000"), &[(from, d("1000"))], date(2027, 1, 1)),
            d("0")
        );
        // A payment before the term ended counts from the start.
        assert_eq!(
            t.interest(
                from,
                d("1000"),
                &[(date(2026, 3, 2), d("500"))],
                date(2027, 3, 16)
            ),
            d("60.00")
        );
    }
}
