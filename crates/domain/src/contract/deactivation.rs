//! Deactivation after the Client terminates, and what happens to the Client's
//! data afterwards (terms art. 15 "Consequences of the Termination", SPEC §2).
//!
//! - Accounts are deactivated within 2 Belgian working days after the end of
//!   the term, never before it. The working days are counted from the first
//!   day after the term: the day the term ends at 00:00 counts as day one when
//!   it is a working day. A term whose last day is Friday 3 April 2026 ends at
//!   00:00 on Saturday 4 April; Easter Monday 6 April is a holiday, so the
//!   accounts must be deactivated by the end of Wednesday 8 April.
//! - Customer data not exported are soft-deleted when the export window
//!   closes (at deactivation when there is none), then anonymised at most six
//!   months after the soft deletion.

use crate::calendar::{
    add_working_days, belgian_time_label, end_of_belgian_day, start_of_belgian_day,
};
use chrono::{DateTime, Duration, Months, NaiveDate, Utc};

/// Belgian working days after the end of the term within which accounts are deactivated.
pub const DEACTIVATION_WORKING_DAYS: u32 = 2;

/// Months after soft deletion by which customer data must be anonymised (at most).
pub const ANONYMISE_WITHIN_MONTHS: u32 = 6;

/// When the accounts of a Client who terminated may and must be deactivated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeactivationWindow {
    /// The end of the term (00:00 Belgian time on `term_ends_on`): never before.
    pub not_before: DateTime<Utc>,
    /// The last Belgian day of the window: the 2nd working day after the term.
    pub last_day: NaiveDate,
    /// 23:59:59.999999 Belgian time on `last_day`.
    pub due_by: DateTime<Utc>,
}

/// The deactivation window of a term whose exclusive end is `term_ends_on`
/// ([`super::Term::ends_on`], the first day after the term).
pub fn deactivation_window(term_ends_on: NaiveDate) -> DeactivationWindow {
    // Counting working days strictly after the term's last day is counting
    // them from `term_ends_on` inclusive.
    let term_last_day = term_ends_on.pred_opt().unwrap_or(term_ends_on);
    let last_day = add_working_days(term_last_day, DEACTIVATION_WORKING_DAYS);
    DeactivationWindow {
        not_before: start_of_belgian_day(term_ends_on),
        last_day,
        due_by: end_of_belgian_day(last_day),
    }
}

/// The last instant the accounts may still be active (terms art. 15: "within 2 working days").
pub fn deactivation_due_by(term_ends_on: NaiveDate) -> DateTime<Utc> {
    deactivation_window(term_ends_on).due_by
}

/// A deactivation attempted before the term ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the accounts may not be deactivated before the end of the term, {}", belgian_time_label(*.allowed_from))]
pub struct DeactivationTooEarly {
    pub allowed_from: DateTime<Utc>,
}

/// Refuses a deactivation at `now` before the end of the term (terms art. 15:
/// "in any event not before the end of the current Term").
pub fn check_deactivation(
    term_ends_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), DeactivationTooEarly> {
    let allowed_from = start_of_belgian_day(term_ends_on);
    if now >= allowed_from {
        Ok(())
    } else {
        Err(DeactivationTooEarly { allowed_from })
    }
}

/// From when customer data not exported are soft-deleted: the first instant
/// after the export window granted after termination (`export_window_ends` is
/// the window's last instant), or the deactivation itself when none was
/// granted (a Client who terminates must export before deactivation, terms art. 15).
pub fn soft_delete_due(
    deactivated_at: DateTime<Utc>,
    export_window_ends: Option<DateTime<Utc>>,
) -> DateTime<Utc> {
    export_window_ends.map_or(deactivated_at, |ends| {
        (ends + Duration::microseconds(1)).max(deactivated_at)
    })
}

/// The latest instant soft-deleted customer data may remain un-anonymised:
/// six calendar months after the soft deletion, same time of day (a month end
/// clamps: soft-deleted 31 August → by 28/29 February).
pub fn anonymise_due_by(soft_deleted_at: DateTime<Utc>) -> DateTime<Utc> {
    soft_deleted_at
        .checked_add_months(Months::new(ANONYMISE_WITHIN_MONTHS))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{belgian_date, is_working_day};
    use chrono::{Datelike, TimeZone, Weekday};
    use chrono_tz::Europe::Brussels;
    use proptest::prelude::*;

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

    /// The last day to deactivate for a term whose first day after it is `term_ends_on`.
    fn last_day(term_ends_on: NaiveDate) -> NaiveDate {
        deactivation_window(term_ends_on).last_day
    }

    #[test]
    fn a_term_ending_on_a_weekday_uses_that_day_and_the_next() {
        // Term's last day Tuesday 12 May 2026; ends 00:00 Wednesday 13 May.
        assert_eq!(last_day(date(2026, 5, 13)), date(2026, 5, 15)); // Wed, (Ascension Thu), Fri
    }

    #[test]
    fn a_term_ending_before_a_weekend() {
        // Last day Friday 3 July 2026 → ends Saturday 4 July → Monday 6, Tuesday 7.
        assert_eq!(date(2026, 7, 4).weekday(), Weekday::Sat);
        assert_eq!(last_day(date(2026, 7, 4)), date(2026, 7, 7));
        // Last day Thursday 2 July → Friday 3 and Monday 6.
        assert_eq!(last_day(date(2026, 7, 3)), date(2026, 7, 6));
    }

    #[test]
    fn a_term_ending_before_easter_monday() {
        // Last day Friday 3 April 2026; Easter Monday is 6 April.
        assert_eq!(last_day(date(2026, 4, 4)), date(2026, 4, 8));
        let window = deactivation_window(date(2026, 4, 4));
        assert_eq!(window.not_before, be(2026, 4, 4, 0, 0));
        assert_eq!(
            window.due_by,
            be(2026, 4, 9, 0, 0) - Duration::microseconds(1)
        );
        assert_eq!(deactivation_due_by(date(2026, 4, 4)), window.due_by);
        // Ending on Easter Monday itself.
        assert_eq!(last_day(date(2026, 4, 6)), date(2026, 4, 8));
    }

    #[test]
    fn a_term_ending_before_ascension_and_whit_monday() {
        // Ascension Thursday 14 May 2026: ends on it → Fri 15, Mon 18.
        assert_eq!(last_day(date(2026, 5, 14)), date(2026, 5, 18));
        // Whit Monday 25 May 2026: ends Saturday 23 May → Tue 26, Wed 27.
        assert_eq!(last_day(date(2026, 5, 23)), date(2026, 5, 27));
    }

    #[test]
    fn a_term_ending_around_christmas_and_new_year() {
        // Ends Thursday 24 December 2026 → 24, (Christmas, weekend) 28.
        assert_eq!(last_day(date(2026, 12, 24)), date(2026, 12, 28));
        // Ends on Christmas → Mon 28, Tue 29.
        assert_eq!(last_day(date(2026, 12, 25)), date(2026, 12, 29));
        // A calendar-year term ends on New Year's Day (a Friday in 2027) → Mon 4, Tue 5 January.
        assert_eq!(last_day(date(2027, 1, 1)), date(2027, 1, 5));
    }

    #[test]
    fn never_before_the_end_of_the_term() {
        let ends_on = date(2026, 7, 4);
        let refused =
            check_deactivation(ends_on, be(2026, 7, 3, 23, 59)).expect_err("still in the term");
        assert_eq!(refused.allowed_from, be(2026, 7, 4, 0, 0));
        assert_eq!(refused.to_string(), "the accounts may not be deactivated before the end of the term, 2026-07-04 00:00 (Belgian time)");
        assert!(check_deactivation(ends_on, be(2026, 7, 4, 0, 0)).is_ok());
    }

    #[test]
    fn soft_deletion_and_anonymisation() {
        let deactivated = be(2026, 7, 6, 9, 0);
        assert_eq!(soft_delete_due(deactivated, None), deactivated);
        let export_until = be(2026, 8, 6, 0, 0) - Duration::microseconds(1);
        assert_eq!(
            soft_delete_due(deactivated, Some(export_until)),
            be(2026, 8, 6, 0, 0)
        );
        assert_eq!(
            soft_delete_due(deactivated, Some(deactivated - Duration::days(1))),
            deactivated
        );

        // Six months of elapsed calendar in UTC: the Belgian wall clock reads an hour
        // earlier in winter than it did in summer.
        assert_eq!(
            anonymise_due_by(be(2026, 8, 5, 10, 0)),
            be(2027, 2, 5, 9, 0)
        );
        let end_of_august = Utc
            .with_ymd_and_hms(2026, 8, 31, 12, 0, 0)
            .single()
            .expect("valid");
        assert_eq!(
            anonymise_due_by(end_of_august),
            Utc.with_ymd_and_hms(2027, 2, 28, 12, 0, 0)
                .single()
                .expect("valid")
        );
    }

    proptest! {
        #[test]
        fn the_deadline_is_a_working_day_after_the_term(days in 0i64..40_000) {
            let ends_on = date(2000, 1, 1) + Duration::days(days);
            let window = deactivation_window(ends_on);
            prop_assert!(is_working_day(window.last_day));
            prop_assert!(window.last_day >= ends_on);
            prop_assert!(window.due_by > window.not_before);
            prop_assert_eq!(belgian_date(window.due_by), window.last_day);
            let working_days = ends_on.iter_days().take_while(|d| *d <= window.last_day).filter(|d| is_working_day(*d)).count();
            prop_assert_eq!(working_days, 2);
            // At most a long weekend plus holidays: never more than 9 days.
            prop_assert!((window.last_day - ends_on).num_days() <= 9);
        }
    }
}
