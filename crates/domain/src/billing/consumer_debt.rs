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

use super::statutory_rates::{next_half_year_start, YearlyRate};
use crate::money::round_to_cent;
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;

/// Art. XIX.2: the consumer has at least 14 calendar days after the first reminder.
pub const REMINDER_TERM_DAYS: i64 = 14;

/// What the contract and the law allow a consumer to be charged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsumerDebtTerms {
    /// The Belgian legal interest rate (Law of 5 May 1865), in percent a
    /// year: [`YearlyRate::Legal`] follows the rate of each calendar year
    /// ([`super::statutory_rates::legal_rate_on`]).
    pub legal_interest: YearlyRate,
    /// The yearly rate the contract stipulates (Ecom's 1 % a month is
    /// `Fixed(12)`; a tenant on the statutory policy stipulates
    /// [`YearlyRate::CommercialStatutory`], which changes per half-year).
    pub agreed_annual_interest: YearlyRate,
}

impl ConsumerDebtTerms {
    /// The yearly rate charged for `day`: the agreed rate of that day, capped
    /// at the legal rate of that day's year + 8 percentage points (art. XIX.4).
    pub fn annual_interest_percent_on(&self, day: NaiveDate) -> Decimal {
        self.agreed_annual_interest
            .on(day)
            .min(self.legal_interest.on(day) + Decimal::from(8))
            .max(Decimal::ZERO)
    }

    /// Interest on `principal`, charged from `charges_from` (see
    /// [`charges_allowed_from`]), as it stands on `on`: for each day from
    /// `charges_from` up to the day before `on`, that day's yearly rate
    /// ([`Self::annual_interest_percent_on`]) / 365 on the principal still
    /// unpaid at the end of that day (`principal_settled`: what reduced it and
    /// when). So a payment lowers the interest from its own date on, and each
    /// calendar year's days bear that year's legal-rate cap. Rounded to the
    /// cent once, on the total ([`round_interest_total`]).
    pub fn interest(
        &self,
        charges_from: NaiveDate,
        principal: Decimal,
        principal_settled: &[(NaiveDate, Decimal)],
        on: NaiveDate,
    ) -> Decimal {
        // Art. XIX.4: a yearly rate, applied per day over 365 days; rounded once.
        daily_interest(
            |day| self.annual_interest_percent_on(day),
            charges_from,
            principal,
            principal_settled,
            on,
        )
    }
}

/// The rounding of daily interest: the sum over the days of
/// unpaid principal × yearly rate in percent (`percent_day_euros`), divided
/// by 100 and by 365 days, rounded to the cent ONCE, on the total
/// ([`round_to_cent`], half away from zero) — never per day, per period or
/// per half-year.
pub fn round_interest_total(percent_day_euros: Decimal) -> Decimal {
    round_to_cent(percent_day_euros / Decimal::ONE_HUNDRED / Decimal::from(365))
}

/// Interest at a yearly rate on `principal`, charged from `charges_from` as
/// it stands on `on`: for each day from `charges_from` up to the day before
/// `on`, the rate in force that day (`annual_percent_on`, percent a year;
/// negative counts as 0) / 365 on the principal still unpaid at the end of
/// that day (`principal_settled`: what reduced it and when). A payment lowers
/// the interest from its own date on.
///
/// The days are cut into periods at every change of the unpaid principal and
/// at every 1 January and 1 July (where the statutory rates change: the
/// commercial rate per half-year, the legal rate per calendar year), and
/// `annual_percent_on` is asked once per period, for its first day. Rounded
/// once on the total ([`round_interest_total`]). Used for consumers
/// (art. XIX.4) and for the Belgian B2B statutory or contractual interest
/// (Law of 2 August 2002, art. 5).
pub fn daily_interest(
    annual_percent_on: impl Fn(NaiveDate) -> Decimal,
    charges_from: NaiveDate,
    principal: Decimal,
    principal_settled: &[(NaiveDate, Decimal)],
    on: NaiveDate,
) -> Decimal {
    if on <= charges_from {
        return Decimal::ZERO;
    }
    // Days on which the unpaid principal or the rate may change, within the period.
    let mut starts: Vec<NaiveDate> = principal_settled
        .iter()
        .map(|(date, _)| *date)
        .filter(|date| *date > charges_from && *date < on)
        .collect();
    let mut half_year = next_half_year_start(charges_from);
    while half_year < on {
        starts.push(half_year);
        half_year = next_half_year_start(half_year);
    }
    starts.push(charges_from);
    starts.sort_unstable();
    starts.dedup();
    let unpaid_at_end_of = |day: NaiveDate| {
        let settled: Decimal = principal_settled
            .iter()
            .filter(|(date, _)| *date <= day)
            .map(|(_, a)| *a)
            .sum();
        (principal - settled).max(Decimal::ZERO)
    };
    // Periods [start, end) with a constant unpaid principal and rate.
    let mut percent_day_euros = Decimal::ZERO;
    for (i, start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(on);
        let days = Decimal::from((end - *start).num_days());
        let rate = annual_percent_on(*start).max(Decimal::ZERO);
        percent_day_euros += unpaid_at_end_of(*start) * days * rate;
    }
    round_interest_total(percent_day_euros)
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
            legal_interest: YearlyRate::Fixed(d("4.5")),
            agreed_annual_interest: YearlyRate::Fixed(d("12")),
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
        let day = date(2026, 3, 1);
        assert_eq!(terms().annual_interest_percent_on(day), d("12"));
        let low_legal = ConsumerDebtTerms {
            legal_interest: YearlyRate::Fixed(d("2.25")),
            agreed_annual_interest: YearlyRate::Fixed(d("12")),
        };
        assert_eq!(low_legal.annual_interest_percent_on(day), d("10.25"));
    }

    #[test]
    fn the_cap_follows_the_legal_rate_of_each_calendar_year() {
        // 15 % agreed; cap 2024 5.75 + 8 = 13.75, 2025 4.5 + 8 = 12.5.
        let t = ConsumerDebtTerms {
            legal_interest: YearlyRate::Legal,
            agreed_annual_interest: YearlyRate::Fixed(d("15")),
        };
        assert_eq!(t.annual_interest_percent_on(date(2024, 12, 31)), d("13.75"));
        assert_eq!(t.annual_interest_percent_on(date(2025, 1, 1)), d("12.5"));
        // 31 Dec 2024 at 13.75 and 1 Jan 2025 at 12.5 on 36 500: 13.75 + 12.50.
        assert_eq!(
            t.interest(date(2024, 12, 31), d("36500"), &[], date(2025, 1, 2)),
            d("26.25")
        );
        // A tenant on the statutory policy: the commercial rate of the
        // half-year under the legal cap. H1 2025 11.5 (< 12.5), H2 2025 10.5.
        let t = ConsumerDebtTerms {
            legal_interest: YearlyRate::Legal,
            agreed_annual_interest: YearlyRate::CommercialStatutory,
        };
        assert_eq!(t.annual_interest_percent_on(date(2025, 6, 30)), d("11.5"));
        assert_eq!(t.annual_interest_percent_on(date(2025, 7, 1)), d("10.5"));
        // 30 June at 11.5, 1 July at 10.5 on 36 500: 11.50 + 10.50.
        assert_eq!(
            t.interest(date(2025, 6, 30), d("36500"), &[], date(2025, 7, 2)),
            d("22.00")
        );
        // H2 2023: commercial 12, cap 5.25 + 8 = 13.25 → 12.
        assert_eq!(t.annual_interest_percent_on(date(2023, 8, 1)), d("12"));
    }

    #[test]
    fn a_fixed_rate_is_rounded_once_over_the_half_years() {
        // Cutting at 1 July must not round per period: 1 × 12 % × 184 days
        // over two half-years stays one total.
        assert_eq!(round_interest_total(d("0.5")), d("0.00"));
        assert_eq!(round_interest_total(d("182.5")), d("0.01")); // 0.005 → 0.01
        let t = terms();
        // 0.10 a day… 1000 × 12 × 3 / 36 500 = 0.986… → 0.99 whether or not cut on 1 July.
        assert_eq!(
            t.interest(date(2026, 6, 29), d("1000"), &[], date(2026, 7, 2)),
            d("0.99")
        );
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
