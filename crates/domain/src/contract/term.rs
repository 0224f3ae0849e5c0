//! Terms: the periods a contract runs for, a quarter or a year each, renewed
//! one after the other without gap or overlap (terms art. 1 "Duration", art. 14).

use crate::calendar::start_of_belgian_day;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// How long one term lasts, chosen by the Client when ordering (terms art. 1
/// "Duration": "quarter or year"). A renewal has the same length.
///
/// Art. 14 speaks of "a fixed duration of one year … extended by one year";
/// art. 1 and SPEC §2 allow a quarter too, and a quarterly contract renews by a
/// quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TermLength {
    /// Three calendar months.
    Quarter,
    /// Twelve calendar months.
    Year,
}

impl TermLength {
    pub const ALL: [TermLength; 2] = [TermLength::Quarter, TermLength::Year];

    /// Calendar months in one term.
    pub fn months(self) -> u32 {
        match self {
            TermLength::Quarter => 3,
            TermLength::Year => 12,
        }
    }

    /// How many terms make a year: annual prices are divided by this.
    pub fn terms_per_year(self) -> u32 {
        12 / self.months()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TermLength::Quarter => "quarter",
            TermLength::Year => "year",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|length| length.as_str() == raw)
    }
}

/// One term of a contract: the Belgian calendar days `[starts_on, ends_on)`.
///
/// `ends_on` is **exclusive**: it is the first day after the term, the day the
/// next term starts. The term runs from 00:00 Belgian time on `starts_on` to
/// 00:00 Belgian time on `ends_on` ([`Term::starts_at`], [`Term::ends_at`]);
/// its last day is [`Term::last_day`]. A yearly term starting 2026-01-01 has
/// `ends_on` 2027-01-01 and last day 2026-12-31.
///
/// Every boundary is counted from the contract's first day, never from the
/// previous boundary, so month ends do not drift: a quarterly contract
/// starting on 31 January runs 31 Jan → 30 Apr (April has no 31st) → 31 Jul →
/// 31 Oct → 31 Jan. Term `n` (1-based) is
/// `[first + (n-1)·L, first + n·L)` with chrono's month addition, which
/// clamps to the month's last day. Because each term ends where the next
/// starts, terms never leave a gap or overlap.
///
/// Fields are private so a `Term` is always consistent; build one with
/// [`Term::first`], [`Term::nth`] or [`Term::containing`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Term {
    contract_starts_on: NaiveDate,
    length: TermLength,
    number: u32,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
}

/// `first` plus `k` terms of `length`; dates past chrono's range saturate.
fn boundary(first: NaiveDate, length: TermLength, k: u32) -> NaiveDate {
    first
        .checked_add_months(Months::new(k.saturating_mul(length.months())))
        .unwrap_or(NaiveDate::MAX)
}

impl Term {
    /// The initially agreed term of a contract starting on `contract_starts_on`.
    pub fn first(contract_starts_on: NaiveDate, length: TermLength) -> Term {
        Term::nth(contract_starts_on, length, 1)
    }

    /// The `number`-th term (1 is the initial term, 2 the first renewal, …);
    /// 0 is read as 1.
    pub fn nth(contract_starts_on: NaiveDate, length: TermLength, number: u32) -> Term {
        let number = number.max(1);
        Term {
            contract_starts_on,
            length,
            number,
            starts_on: boundary(contract_starts_on, length, number - 1),
            ends_on: boundary(contract_starts_on, length, number),
        }
    }

    /// The term that covers Belgian day `date`, `None` before the contract starts.
    pub fn containing(
        contract_starts_on: NaiveDate,
        length: TermLength,
        date: NaiveDate,
    ) -> Option<Term> {
        if date < contract_starts_on {
            return None;
        }
        let months = (date.year() - contract_starts_on.year()) * 12 + date.month() as i32
            - contract_starts_on.month() as i32;
        let guess = u32::try_from(months.max(0)).unwrap_or(0) / length.months() + 1;
        let mut term = Term::nth(contract_starts_on, length, guess);
        while term.starts_on > date && term.number > 1 {
            term = Term::nth(contract_starts_on, length, term.number - 1);
        }
        while term.ends_on <= date && term.ends_on < NaiveDate::MAX {
            term = term.next();
        }
        Some(term)
    }

    /// The renewal: the next term of the same length, starting the day this one ends.
    pub fn next(&self) -> Term {
        Term::nth(
            self.contract_starts_on,
            self.length,
            self.number.saturating_add(1),
        )
    }

    /// This term if it is still running at `now`, otherwise the later term
    /// that is (a term never moves backwards). Use it when a request may have
    /// been made with a stored term that has since been renewed.
    pub fn running_at(&self, now: DateTime<Utc>) -> Term {
        let mut term = *self;
        while now >= term.ends_at() && term.ends_on < NaiveDate::MAX {
            term = term.next();
        }
        term
    }

    /// The first day of the contract's first term (the anchor of every boundary).
    pub fn contract_starts_on(&self) -> NaiveDate {
        self.contract_starts_on
    }

    pub fn length(&self) -> TermLength {
        self.length
    }

    /// 1 for the initially agreed term, 2 for the first renewal, and so on.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// Whether this is the initially agreed period (terms art. 9: discounts apply only to it).
    pub fn is_initial(&self) -> bool {
        self.number == 1
    }

    /// The first Belgian day of the term.
    pub fn starts_on(&self) -> NaiveDate {
        self.starts_on
    }

    /// The first Belgian day **after** the term (exclusive end).
    pub fn ends_on(&self) -> NaiveDate {
        self.ends_on
    }

    /// The last Belgian day of the term (its expiry day, terms art. 14).
    pub fn last_day(&self) -> NaiveDate {
        self.ends_on.pred_opt().unwrap_or(self.ends_on)
    }

    /// Calendar days in the term.
    pub fn days(&self) -> i64 {
        (self.ends_on - self.starts_on).num_days()
    }

    /// Whether Belgian day `date` is in the term.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.starts_on <= date && date < self.ends_on
    }

    /// 00:00 Belgian time on the first day.
    pub fn starts_at(&self) -> DateTime<Utc> {
        start_of_belgian_day(self.starts_on)
    }

    /// 00:00 Belgian time on the day after the last day: the instant the term
    /// expires. From this instant on the next term runs (or the contract has ended).
    pub fn ends_at(&self) -> DateTime<Utc> {
        start_of_belgian_day(self.ends_on)
    }
}

/// The term that follows `term` when the contract renews (same length, no gap).
pub fn next_term(term: &Term) -> Term {
    term.next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn a_yearly_term_and_its_renewal() {
        let term = Term::first(date(2026, 1, 1), TermLength::Year);
        assert_eq!(
            (term.starts_on(), term.ends_on(), term.last_day()),
            (date(2026, 1, 1), date(2027, 1, 1), date(2026, 12, 31))
        );
        assert_eq!(term.days(), 365);
        assert!(term.is_initial());
        let renewal = next_term(&term);
        assert_eq!(
            (renewal.number(), renewal.starts_on(), renewal.ends_on()),
            (2, date(2027, 1, 1), date(2028, 1, 1))
        );
        assert!(!renewal.is_initial());
        assert!(term.contains(date(2026, 12, 31)));
        assert!(!term.contains(date(2027, 1, 1)));
    }

    #[test]
    fn quarters_from_the_31st_keep_to_the_month_end() {
        let first = Term::first(date(2026, 1, 31), TermLength::Quarter);
        let ends: Vec<NaiveDate> = std::iter::successors(Some(first), |t| Some(t.next()))
            .take(5)
            .map(|t| t.ends_on())
            .collect();
        assert_eq!(
            ends,
            vec![
                date(2026, 4, 30),
                date(2026, 7, 31),
                date(2026, 10, 31),
                date(2027, 1, 31),
                date(2027, 4, 30)
            ]
        );
        assert_eq!(first.next().starts_on(), date(2026, 4, 30));
    }

    #[test]
    fn a_leap_day_contract_renews_on_the_28th_and_back_on_the_29th() {
        let first = Term::first(date(2024, 2, 29), TermLength::Year);
        assert_eq!(first.ends_on(), date(2025, 2, 28));
        assert_eq!(
            Term::nth(date(2024, 2, 29), TermLength::Year, 3).ends_on(),
            date(2027, 2, 28)
        );
        assert_eq!(
            Term::nth(date(2024, 2, 29), TermLength::Year, 4).ends_on(),
            date(2028, 2, 29)
        );
    }

    #[test]
    fn the_term_containing_a_day() {
        let start = date(2026, 1, 31);
        assert_eq!(
            Term::containing(start, TermLength::Quarter, date(2026, 1, 30)),
            None
        );
        assert_eq!(
            Term::containing(start, TermLength::Quarter, date(2026, 1, 31)).map(|t| t.number()),
            Some(1)
        );
        assert_eq!(
            Term::containing(start, TermLength::Quarter, date(2026, 4, 29)).map(|t| t.number()),
            Some(1)
        );
        assert_eq!(
            Term::containing(start, TermLength::Quarter, date(2026, 4, 30)).map(|t| t.number()),
            Some(2)
        );
        assert_eq!(
            Term::containing(start, TermLength::Quarter, date(2026, 7, 31)).map(|t| t.number()),
            Some(3)
        );
    }

    #[test]
    fn a_term_ends_at_belgian_midnight() {
        let term = Term::first(date(2026, 7, 1), TermLength::Quarter);
        let ends = term.ends_at();
        assert_eq!(
            ends,
            DateTime::parse_from_rfc3339("2026-09-30T22:00:00Z")
                .expect("valid")
                .with_timezone(&Utc)
        );
        assert_eq!(term.running_at(ends - Duration::seconds(1)), term);
        assert_eq!(term.running_at(ends), term.next());
        assert_eq!(term.running_at(ends + Duration::days(200)).number(), 4);
    }

    fn days_in_month(day: NaiveDate) -> u32 {
        let first = day.with_day(1).expect("every month has a 1st");
        let next_first = first.checked_add_months(Months::new(1)).expect("in range");
        (next_first - first).num_days() as u32
    }

    proptest! {
        #[test]
        fn renewals_never_gap_or_overlap(days in 0i64..60_000, quarterly in any::<bool>(), n in 1u32..120) {
            let length = if quarterly { TermLength::Quarter } else { TermLength::Year };
            let start = date(1970, 1, 1) + Duration::days(days);
            let term = Term::nth(start, length, n);
            let next = next_term(&term);
            prop_assert_eq!(next.starts_on(), term.ends_on());
            prop_assert_eq!(next.number(), n + 1);
            prop_assert!(term.starts_on() < term.ends_on());
            let range = if quarterly { 89..=92 } else { 365..=366 };
            prop_assert!(range.contains(&term.days()), "{} days", term.days());
            // The day of the month follows the contract's first day, clamped to the month end.
            prop_assert_eq!(term.ends_on().day(), start.day().min(days_in_month(term.ends_on())));
        }

        #[test]
        fn every_day_after_the_start_is_in_exactly_one_term(days in 0i64..60_000, offset in 0i64..3_000, quarterly in any::<bool>()) {
            let length = if quarterly { TermLength::Quarter } else { TermLength::Year };
            let start = date(1970, 1, 1) + Duration::days(days);
            let day = start + Duration::days(offset);
            let term = Term::containing(start, length, day).expect("after the start");
            prop_assert!(term.contains(day));
            prop_assert!(!term.next().contains(day));
            if term.number() > 1 {
                prop_assert!(!Term::nth(start, length, term.number() - 1).contains(day));
            }
        }
    }
}
