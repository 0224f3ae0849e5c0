//! What a late B2B payment costs (terms art. 11, SPEC §3): interest per
//! started month of delay, a fixed compensation, the collection costs,
//! liquidated damages when the order is cancelled, and the acceleration of
//! the Client's other invoices. Consumers get [`super::consumer_debt`]
//! instead; [`LatePaymentPolicy`] is where a caller chooses.

use super::consumer_debt::ConsumerDebtTerms;
use super::numbering::InvoiceNumber;
use crate::money::round_to_cent;
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;

/// Which regime applies to a Client's late payments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LatePaymentPolicy {
    /// A business Client: the contract's terms (art. 11).
    B2b(B2bLatePaymentTerms),
    /// A Client marked as consumer: Belgian Code of Economic Law Book XIX.
    Consumer(ConsumerDebtTerms),
}

/// The late-payment clause of a B2B contract. [`B2bLatePaymentTerms::ecom_terms`]
/// are the Operator's (terms art. 11); a tenant invoicing its own customers
/// sets its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct B2bLatePaymentTerms {
    /// How interest runs: per started month (Ecom's terms) or per day at a
    /// yearly rate (the Belgian statutory rate, or a tenant's contractual one).
    pub interest_basis: InterestBasis,
    /// Interest per started month of delay, in percent of the unpaid
    /// principal ([`InterestBasis::PerStartedMonth`] only).
    pub monthly_interest_percent: Decimal,
    /// Fixed compensation, in percent of the invoice amount excl. VAT.
    pub compensation_percent: Decimal,
    /// The least fixed compensation, in euros.
    pub compensation_minimum: Decimal,
    /// Liquidated damages on cancellation for non-payment, in percent of the price excl. VAT.
    pub damages_percent: Decimal,
    /// The least liquidated damages, in euros.
    pub damages_minimum: Decimal,
}

/// How late-payment interest accrues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterestBasis {
    /// `monthly_interest_percent` per started month of delay (terms art. 11).
    PerStartedMonth,
    /// A fixed yearly rate in percent (a contract's), per day from the day
    /// after the due date.
    DailyAtAnnualRate(Decimal),
    /// The Belgian statutory rate for late payment in commercial transactions
    /// (Law of 2 August 2002, art. 5), per day from the day after the due
    /// date, each day at the rate of its half-year
    /// ([`super::statutory_rates::commercial_rate_on`]): a delay running from
    /// 30 June into July bears the first half-year's rate for its June days
    /// and the second's for its July days.
    DailyAtStatutoryRate,
}

/// The fixed compensation for recovery costs owed without a reminder
/// (Law of 2 August 2002, art. 6): EUR 40.
pub const STATUTORY_B2B_COMPENSATION_EUR: i64 = 40;

impl B2bLatePaymentTerms {
    /// The Belgian statutory B2B regime (Law of 2 August 2002): interest per
    /// day at the statutory rate of each half-year (art. 5) from the day after
    /// the due date, and a flat EUR 40 compensation for recovery costs
    /// (art. 6). No liquidated damages.
    pub fn statutory() -> Self {
        Self {
            interest_basis: InterestBasis::DailyAtStatutoryRate,
            ..Self::contractual(Decimal::ZERO)
        }
    }

    /// The statutory B2B regime with a yearly rate the contract stipulates
    /// instead of the statutory one (Law of 2 August 2002, art. 5 allows
    /// it): interest per day at the fixed `annual_percent` from the day after
    /// the due date, and the flat EUR 40 compensation (art. 6).
    pub fn contractual(annual_percent: Decimal) -> Self {
        Self {
            interest_basis: InterestBasis::DailyAtAnnualRate(annual_percent),
            monthly_interest_percent: Decimal::ZERO,
            compensation_percent: Decimal::ZERO,
            compensation_minimum: Decimal::from(STATUTORY_B2B_COMPENSATION_EUR),
            damages_percent: Decimal::ZERO,
            damages_minimum: Decimal::ZERO,
        }
    }

    /// No late-payment charges at all (a seller who waives them).
    pub fn none() -> Self {
        Self {
            interest_basis: InterestBasis::PerStartedMonth,
            monthly_interest_percent: Decimal::ZERO,
            compensation_percent: Decimal::ZERO,
            compensation_minimum: Decimal::ZERO,
            damages_percent: Decimal::ZERO,
            damages_minimum: Decimal::ZERO,
        }
    }

    /// Terms art. 11: "interest on arrears ... at the rate of 1% per month of
    /// delay"; "20% of the invoice amount, with a minimum of €150 (excl.
    /// VAT) by way of fixed compensation"; "liquidated damages of 20% of the
    /// price (excluding VAT), with a minimum of EUR 100".
    pub fn ecom_terms() -> Self {
        Self {
            interest_basis: InterestBasis::PerStartedMonth,
            monthly_interest_percent: Decimal::ONE,
            compensation_percent: Decimal::from(20),
            compensation_minimum: Decimal::from(150),
            damages_percent: Decimal::from(20),
            damages_minimum: Decimal::from(100),
        }
    }

    /// The fixed compensation for an invoice of `invoice_total_excl_vat`.
    ///
    /// Terms art. 11 reads "20% of the invoice amount, with a minimum of €150
    /// (excl. VAT)". We take the invoice amount excl. VAT as the base: the
    /// "(excl. VAT)" qualifies the clause's amounts, the damages clause next to
    /// it says "price (excluding VAT)", and an unclear standard term is read
    /// in favour of the party that did not write it (Civil Code art. 5.66).
    /// The compensation is damages, not a supply, so no VAT is added to it.
    pub fn fixed_compensation(&self, invoice_total_excl_vat: Decimal) -> Decimal {
        let share = round_to_cent(
            invoice_total_excl_vat * self.compensation_percent / Decimal::ONE_HUNDRED,
        );
        share.max(self.compensation_minimum)
    }

    /// Liquidated damages when the order is cancelled for non-payment (terms
    /// art. 11): 20 % of the price excl. VAT, at least EUR 100.
    pub fn liquidated_damages(&self, price_excl_vat: Decimal) -> Decimal {
        let share = round_to_cent(price_excl_vat * self.damages_percent / Decimal::ONE_HUNDRED);
        share.max(self.damages_minimum)
    }

    /// Interest on an invoice due on `due_date` with `principal` to pay, as
    /// it stands on `on`. `principal_settled` lists what reduced the
    /// principal and when (payments allocated to it, credit notes), in any order.
    ///
    /// The daily bases ([`InterestBasis::DailyAtAnnualRate`],
    /// [`InterestBasis::DailyAtStatutoryRate`]) are
    /// [`super::consumer_debt::daily_interest`] from the day after the due date.
    ///
    /// Terms art. 11: 1 % per month of delay, "a month already started shall
    /// count as a full month". Month k of delay runs from the day after the
    /// (k−1)th monthly anniversary of the due date up to and including the
    /// kth (see [`month_of_delay_ends`]). Each started month costs 1 % of the
    /// principal still unpaid at the end of the day before it started —
    /// a payment made during a month lowers the interest from the next month
    /// on, as the month it was made in had already started. Each month's
    /// interest is rounded to the cent.
    pub fn interest(
        &self,
        due_date: NaiveDate,
        principal: Decimal,
        principal_settled: &[(NaiveDate, Decimal)],
        on: NaiveDate,
    ) -> Decimal {
        let daily = |annual_percent_on: &dyn Fn(NaiveDate) -> Decimal| {
            // Law of 2 August 2002, art. 5: due from the day after the due date.
            super::consumer_debt::daily_interest(
                annual_percent_on,
                due_date + chrono::Duration::days(1),
                principal,
                principal_settled,
                on,
            )
        };
        match self.interest_basis {
            InterestBasis::DailyAtAnnualRate(annual) => return daily(&|_| annual),
            InterestBasis::DailyAtStatutoryRate => {
                return daily(&super::statutory_rates::commercial_rate_on)
            }
            InterestBasis::PerStartedMonth => {}
        }
        (1..=months_of_delay_started(due_date, on))
            .map(|month| {
                let before_it = month_of_delay_ends(due_date, month - 1);
                let settled: Decimal = principal_settled
                    .iter()
                    .filter(|(date, _)| *date <= before_it)
                    .map(|(_, a)| *a)
                    .sum();
                let unpaid = (principal - settled).max(Decimal::ZERO);
                // Terms art. 11: 1 % per started month, each month's amount rounded to the cent.
                round_to_cent(unpaid * self.monthly_interest_percent / Decimal::ONE_HUNDRED)
            })
            .sum()
    }
}

/// The last day of month `month` of delay: the due date's `month`th monthly
/// anniversary, or the last day of that calendar month when it is shorter
/// (due 31 January: months end 28/29 February, 31 March, 30 April…). Month
/// 0 "ends" on the due date itself. Counting from the date to the
/// corresponding date follows the Belgian way of counting periods in months
/// (Judicial Code art. 54, "de quantième à veille de quantième", with the
/// delay starting the day after the due date).
pub fn month_of_delay_ends(due_date: NaiveDate, month: u32) -> NaiveDate {
    // chrono clamps to the month's last day; beyond year 262 143 it cannot
    // add, which no due date reaches — keep the date rather than panic.
    due_date
        .checked_add_months(Months::new(month))
        .unwrap_or(NaiveDate::MAX)
}

/// How many months of delay have started on `on` for an invoice due on
/// `due_date`: 0 up to and including the due date, 1 from the day after it
/// (terms art. 11: "a month already started shall count as a full month").
/// Due 31 January: 1 on 1 February and on 28 February, 2 on 1 March.
pub fn months_of_delay_started(due_date: NaiveDate, on: NaiveDate) -> u32 {
    if on <= due_date {
        return 0;
    }
    // Calendar months between the two dates, then correct by at most one.
    let rough = (on.year() - due_date.year()) * 12 + i32::try_from(on.month()).unwrap_or(0)
        - i32::try_from(due_date.month()).unwrap_or(0);
    let mut month = u32::try_from(rough.max(1)).unwrap_or(1);
    while month > 1 && on <= month_of_delay_ends(due_date, month - 1) {
        month -= 1;
    }
    while on > month_of_delay_ends(due_date, month) {
        month += 1;
    }
    month
}

/// An open invoice as acceleration needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenInvoice {
    pub number: InvoiceNumber,
    pub due_date: NaiveDate,
    /// Principal still unpaid.
    pub open_amount: Decimal,
}

/// An invoice whose term no longer applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceleratedDueDate {
    pub number: InvoiceNumber,
    pub was_due_on: NaiveDate,
    pub now_due_on: NaiveDate,
}

/// Acceleration needs an overdue invoice.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "no invoice of this Client is overdue on {today}, so its other invoices keep their due dates"
)]
pub struct NothingOverdue {
    pub today: NaiveDate,
}

/// Terms art. 11: when an invoice is not paid on time, "all of Ecom's other
/// invoices to the Customer will immediately lapse and will have to be
/// paid, even if they had not in fact yet lapsed". Given the Client's open
/// invoices, returns the new due date — `today`, the day the Operator
/// applies the clause — of every open invoice due later; invoices already
/// due keep their date. Refused while none is overdue on `today`.
///
/// A B2B clause: not applied to consumers ([`LatePaymentPolicy::Consumer`]),
/// whose charges Book XIX limits to interest and the statutory compensation.
/// The accelerated invoices are late from the day after `today`, not
/// retroactively: the rule is applied when the Operator invokes it, and
/// interest on them starts only then.
pub fn accelerate_due_dates(
    open: &[OpenInvoice],
    today: NaiveDate,
) -> Result<Vec<AcceleratedDueDate>, NothingOverdue> {
    let open = || open.iter().filter(|i| i.open_amount > Decimal::ZERO);
    if !open().any(|i| i.due_date < today) {
        return Err(NothingOverdue { today });
    }
    Ok(open()
        .filter(|i| i.due_date > today)
        .map(|i| AcceleratedDueDate {
            number: i.number.clone(),
            was_due_on: i.due_date,
            now_due_on: today,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::document::tests::number;
    use crate::billing::test_support::{d, date};

    #[test]
    fn contractual_interest_runs_per_day_at_the_fixed_yearly_rate() {
        // A fixed contractual rate ignores the half-years.
        let terms = B2bLatePaymentTerms::contractual(d("10.15"));
        let due = date(2026, 1, 31);
        assert_eq!(terms.interest(due, d("1000"), &[], due), Decimal::ZERO);
        assert_eq!(
            terms.interest(due, d("1000"), &[], date(2026, 2, 1)),
            Decimal::ZERO
        );
        // 1000 × 10.15 % × 30 / 365 = 8.342… → 8.34 (days 1 Feb … 2 Mar).
        assert_eq!(
            terms.interest(due, d("1000"), &[], date(2026, 3, 3)),
            d("8.34")
        );
        // Half paid on 11 Feb: 10 days on 1000, 20 on 500 → (10000 + 10000) × 10.15 % / 365 = 5.56.
        assert_eq!(
            terms.interest(
                due,
                d("1000"),
                &[(date(2026, 2, 11), d("500"))],
                date(2026, 3, 3)
            ),
            d("5.56")
        );
        // Art. 6: EUR 40 whatever the amount.
        assert_eq!(terms.fixed_compensation(d("5")), d("40"));
        assert_eq!(terms.fixed_compensation(d("100000")), d("40"));
        assert_eq!(
            B2bLatePaymentTerms::none().fixed_compensation(d("1000")),
            Decimal::ZERO
        );
        assert_eq!(
            B2bLatePaymentTerms::none().interest(due, d("1000"), &[], date(2027, 1, 1)),
            Decimal::ZERO
        );
    }

    #[test]
    fn statutory_interest_follows_the_half_years() {
        let terms = B2bLatePaymentTerms::statutory();
        assert_eq!(terms.interest_basis, InterestBasis::DailyAtStatutoryRate);
        assert_eq!(terms.fixed_compensation(d("100000")), d("40"));
        // H1 2026 (ECB 2.15 → 10.5 %): 1000 × 10.5 × 30 / 36 500 = 8.630… → 8.63.
        let due = date(2026, 1, 31);
        assert_eq!(
            terms.interest(due, d("1000"), &[], date(2026, 3, 3)),
            d("8.63")
        );
        // Due 29 June 2025: day 1 is 30 June (H1 2025, ECB 3.15 → 11.5 %),
        // then 1 July (H2 2025, 2.15 → 10.5 %). On 1 July: one day at 11.5.
        let due = date(2025, 6, 29);
        // 1000 × 11.5 / 36 500 = 0.31506… → 0.32.
        assert_eq!(
            terms.interest(due, d("1000"), &[], date(2025, 7, 1)),
            d("0.32")
        );
        // On 11 July: 30 June at 11.5 + 1–10 July (10 days) at 10.5:
        // 1000 × (11.5 + 105) / 36 500 = 116 500 / 36 500 = 3.1917… → 3.19.
        // (At 11.5 throughout it would be 3.47.)
        assert_eq!(
            terms.interest(due, d("1000"), &[], date(2025, 7, 11)),
            d("3.19")
        );
        // 31 December vs 1 January: due 30 December 2024, 31 Dec at 12.5
        // (H2 2024, 4.25), 1–9 Jan at 11.5 (H1 2025, 3.15):
        // 3650 × (12.5 + 9 × 11.5) / 36 500 = 0.1 × 116 = 11.60.
        assert_eq!(
            terms.interest(date(2024, 12, 30), d("3650"), &[], date(2025, 1, 10)),
            d("11.60")
        );
    }

    #[test]
    fn statutory_interest_over_two_half_years_with_a_partial_payment() {
        let terms = B2bLatePaymentTerms::statutory();
        // Due 31 May 2025; 2000 unpaid. Interest from 1 June.
        // 1–19 June (19 days) on 2000 at 11.5; 1460 paid on 20 June;
        // 20–30 June (11 days) on 540 at 11.5; 1 July – 9 August (40 days) on 540 at 10.5.
        // Σ = 2000×19×11.5 + 540×11×11.5 + 540×40×10.5
        //   = 437 000 + 68 310 + 226 800 = 732 110 → / 36 500 = 20.0578… → 20.06.
        let settled = [(date(2025, 6, 20), d("1460"))];
        assert_eq!(
            terms.interest(date(2025, 5, 31), d("2000"), &settled, date(2025, 8, 10)),
            d("20.06")
        );
        // The same payment on 2 July: 1 June – 1 July on 2000 (30 days at
        // 11.5, 1 day at 10.5), then 2 July – 9 August (39 days) on 540 at 10.5:
        // 690 000 + 21 000 + 221 130 = 932 130 → 25.5378… → 25.54.
        let settled = [(date(2025, 7, 2), d("1460"))];
        assert_eq!(
            terms.interest(date(2025, 5, 31), d("2000"), &settled, date(2025, 8, 10)),
            d("25.54")
        );
    }

    #[test]
    fn statutory_interest_after_the_table_keeps_the_last_rate() {
        let terms = B2bLatePaymentTerms::statutory();
        // Due 31 December 2026: 1 Jan – 1 Mar 2027 is past the table, at the
        // last recorded rate (2.15 → 10.5): 36 500 × 59 × 10.5 / 36 500 = 619.50.
        assert_eq!(
            terms.interest(date(2026, 12, 31), d("36500"), &[], date(2027, 3, 1)),
            d("619.50")
        );
        // A delay running through three half-years: 2024-06-30 .. 2025-01-01.
        // 30 June 2024 at 12.5 (H1, 4.50), 1 Jul – 31 Dec 2024 (184 days) at 12.5
        // (H2, 4.25), 1 Jan 2025 at 11.5: 36 500 × (12.5 + 184 × 12.5 + 11.5) / 36 500 = 2324.
        assert_eq!(
            terms.interest(date(2024, 6, 29), d("36500"), &[], date(2025, 1, 2)),
            d("2324.00")
        );
    }

    #[test]
    fn day_zero_no_month_day_one_one_month() {
        let due = date(2026, 1, 31);
        assert_eq!(months_of_delay_started(due, date(2026, 1, 30)), 0);
        assert_eq!(months_of_delay_started(due, due), 0);
        assert_eq!(months_of_delay_started(due, date(2026, 2, 1)), 1);
        assert_eq!(months_of_delay_started(due, date(2026, 2, 28)), 1);
        // The edge the issue asks for: due 31 January, 1 March is in the second month.
        assert_eq!(months_of_delay_started(due, date(2026, 3, 1)), 2);
        assert_eq!(months_of_delay_started(due, date(2026, 3, 31)), 2);
        assert_eq!(months_of_delay_started(due, date(2026, 4, 1)), 3);
        assert_eq!(months_of_delay_started(due, date(2026, 4, 30)), 3);
        assert_eq!(months_of_delay_started(due, date(2026, 5, 1)), 4);
        // Leap year: February has 29 days.
        assert_eq!(
            months_of_delay_started(date(2028, 1, 31), date(2028, 2, 29)),
            1
        );
        assert_eq!(
            months_of_delay_started(date(2028, 1, 31), date(2028, 3, 1)),
            2
        );
    }

    #[test]
    fn months_from_mid_month_and_over_the_year_end() {
        let due = date(2026, 3, 15);
        assert_eq!(months_of_delay_started(due, date(2026, 3, 16)), 1);
        assert_eq!(months_of_delay_started(due, date(2026, 4, 15)), 1);
        assert_eq!(months_of_delay_started(due, date(2026, 4, 16)), 2);
        assert_eq!(
            months_of_delay_started(date(2026, 12, 20), date(2027, 1, 20)),
            1
        );
        assert_eq!(
            months_of_delay_started(date(2026, 12, 20), date(2027, 1, 21)),
            2
        );
        assert_eq!(
            months_of_delay_started(date(2026, 12, 20), date(2028, 1, 21)),
            14
        );
        assert_eq!(month_of_delay_ends(date(2026, 1, 31), 1), date(2026, 2, 28));
        assert_eq!(month_of_delay_ends(date(2026, 1, 31), 3), date(2026, 4, 30));
    }

    #[test]
    fn interest_one_percent_per_started_month() {
        let t = B2bLatePaymentTerms::ecom_terms();
        let due = date(2026, 1, 31);
        assert_eq!(t.interest(due, d("1452.00"), &[], due), d("0"));
        assert_eq!(
            t.interest(due, d("1452.00"), &[], date(2026, 2, 1)),
            d("14.52")
        );
        assert_eq!(
            t.interest(due, d("1452.00"), &[], date(2026, 3, 1)),
            d("29.04")
        );
        // Half a cent per month rounds up: 1 % of 0.50 = 0.005 → 0.01.
        assert_eq!(t.interest(due, d("0.50"), &[], date(2026, 2, 1)), d("0.01"));
    }

    #[test]
    fn partial_payments_lower_interest_from_the_next_month() {
        let t = B2bLatePaymentTerms::ecom_terms();
        let due = date(2026, 1, 31);
        // 1000 paid on 10 February (in month 1): month 1 on 1452, month 2 on 452.
        let settled = [(date(2026, 2, 10), d("1000"))];
        assert_eq!(
            t.interest(due, d("1452"), &settled, date(2026, 3, 1)),
            d("19.04")
        );
        // Paid on the last day of month 1 (28 February): same.
        assert_eq!(
            t.interest(
                due,
                d("1452"),
                &[(date(2026, 2, 28), d("1000"))],
                date(2026, 3, 1)
            ),
            d("19.04")
        );
        // Paid on 1 March, the first day of month 2: month 2 had started on 1452.
        assert_eq!(
            t.interest(
                due,
                d("1452"),
                &[(date(2026, 3, 1), d("1000"))],
                date(2026, 3, 1)
            ),
            d("29.04")
        );
        // Paid in full on the due date: nothing.
        assert_eq!(
            t.interest(due, d("1452"), &[(due, d("1452"))], date(2026, 6, 1)),
            d("0")
        );
        // Paid in full on day 1: one month.
        assert_eq!(
            t.interest(
                due,
                d("1452"),
                &[(date(2026, 2, 1), d("1452"))],
                date(2026, 6, 1)
            ),
            d("14.52")
        );
    }

    #[test]
    fn compensation_twenty_percent_at_least_150() {
        let t = B2bLatePaymentTerms::ecom_terms();
        assert_eq!(t.fixed_compensation(d("100")), d("150"));
        assert_eq!(t.fixed_compensation(d("749.95")), d("150")); // 149.99 < 150
        assert_eq!(t.fixed_compensation(d("749.99")), d("150")); // 149.998 → 150.00
        assert_eq!(t.fixed_compensation(d("750.00")), d("150.00"));
        assert_eq!(t.fixed_compensation(d("750.01")), d("150.00")); // 150.002 → 150.00
        assert_eq!(t.fixed_compensation(d("750.03")), d("150.01")); // 150.006 → 150.01
        assert_eq!(t.fixed_compensation(d("1200")), d("240.00"));
    }

    #[test]
    fn damages_twenty_percent_at_least_100() {
        let t = B2bLatePaymentTerms::ecom_terms();
        assert_eq!(t.liquidated_damages(d("100")), d("100"));
        assert_eq!(t.liquidated_damages(d("499.95")), d("100")); // 99.99
        assert_eq!(t.liquidated_damages(d("500")), d("100.00"));
        assert_eq!(t.liquidated_damages(d("500.05")), d("100.01"));
        assert_eq!(t.liquidated_damages(d("1200")), d("240.00"));
    }

    #[test]
    fn other_open_invoices_fall_due_at_once() {
        let open = vec![
            OpenInvoice {
                number: number("F", 2026, 1),
                due_date: date(2026, 1, 31),
                open_amount: d("100"),
            },
            OpenInvoice {
                number: number("F", 2026, 2),
                due_date: date(2026, 3, 15),
                open_amount: d("200"),
            },
            OpenInvoice {
                number: number("F", 2026, 3),
                due_date: date(2026, 4, 1),
                open_amount: d("0"),
            },
            OpenInvoice {
                number: number("F", 2026, 4),
                due_date: date(2026, 2, 10),
                open_amount: d("50"),
            },
        ];
        assert_eq!(
            accelerate_due_dates(&open, date(2026, 2, 10)),
            Ok(vec![AcceleratedDueDate {
                number: number("F", 2026, 2),
                was_due_on: date(2026, 3, 15),
                now_due_on: date(2026, 2, 10)
            }])
        );
        // On the due date nothing is overdue yet.
        assert_eq!(
            accelerate_due_dates(&open, date(2026, 1, 31)),
            Err(NothingOverdue {
                today: date(2026, 1, 31)
            })
        );
        assert!(accelerate_due_dates(&open, date(2026, 2, 1)).is_ok());
    }
}
