//! The free trial (terms art. 4, SPEC §1): 15 calendar days from
//! registration, one per e-mail address or VAT number every two years.

use chrono::{DateTime, Duration, Months, Utc};

/// How long a trial lasts: 15 calendar days from the moment of registration.
pub const TRIAL_LENGTH_DAYS: i64 = 15;

/// How long after a trial ends the same e-mail address or VAT number may not
/// start another (privacy statement: trial data kept 2 years "to stop repeated
/// free trials").
pub const REPEAT_TRIAL_BLOCK_MONTHS: u32 = 24;

/// When a trial registered at `registered_at` ends: the same wall-clock
/// instant 15 calendar days later. Until that instant the modules are usable.
pub fn trial_ends_at(registered_at: DateTime<Utc>) -> DateTime<Utc> {
    registered_at + Duration::days(TRIAL_LENGTH_DAYS)
}

/// Whether a trial ending at `ends_at` still gives access to the modules at `now`.
pub fn trial_is_running(ends_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now < ends_at
}

/// Whole days of trial left at `now`, counting a started day as a day (what
/// the dashboard shows: "3 days left"); zero once it ended.
pub fn trial_days_left(ends_at: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    if now >= ends_at {
        return 0;
    }
    let left = ends_at - now;
    let whole = left.num_days();
    if left > Duration::days(whole) {
        whole + 1
    } else {
        whole
    }
}

/// Why a new trial is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RepeatTrialRefused {
    /// From when a new trial may be started for the same e-mail or VAT number.
    pub available_from: DateTime<Utc>,
}

/// A new trial is refused while an earlier trial for the same e-mail address
/// or VAT number ended less than two years ago (or is still running).
pub fn may_start_trial(
    previous_trial_ends: impl IntoIterator<Item = DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), RepeatTrialRefused> {
    let blocked_until = previous_trial_ends
        .into_iter()
        .filter_map(|ended| ended.checked_add_months(Months::new(REPEAT_TRIAL_BLOCK_MONTHS)))
        .max();
    match blocked_until {
        Some(until) if now < until => Err(RepeatTrialRefused {
            available_from: until,
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn day_fifteen_is_in_the_trial_day_sixteen_is_not() {
        let registered = at(2026, 11, 22, 9, 30);
        let ends = trial_ends_at(registered);
        assert_eq!(ends, at(2026, 12, 7, 9, 30));
        // Day 15 of the trial (the 14th day after registration), late evening.
        assert!(trial_is_running(ends, at(2026, 12, 6, 23, 59)));
        assert!(trial_is_running(ends, at(2026, 12, 7, 9, 29)));
        // Day 16.
        assert!(!trial_is_running(ends, at(2026, 12, 7, 9, 30)));
        assert!(!trial_is_running(ends, at(2026, 12, 8, 0, 0)));
    }

    #[test]
    fn days_left_counts_started_days() {
        let registered = at(2026, 11, 22, 9, 30);
        let ends = trial_ends_at(registered);
        assert_eq!(trial_days_left(ends, registered), 15);
        assert_eq!(trial_days_left(ends, registered + Duration::minutes(1)), 15);
        assert_eq!(trial_days_left(ends, ends - Duration::minutes(1)), 1);
        assert_eq!(trial_days_left(ends, ends), 0);
    }

    #[test]
    fn repeated_trial_blocked_for_two_years_after_the_end() {
        let ended = at(2026, 1, 10, 12, 0);
        assert_eq!(
            may_start_trial([ended], at(2028, 1, 10, 11, 59)),
            Err(RepeatTrialRefused {
                available_from: at(2028, 1, 10, 12, 0)
            })
        );
        assert_eq!(may_start_trial([ended], at(2028, 1, 10, 12, 0)), Ok(()));
        assert_eq!(may_start_trial([], at(2026, 1, 1, 0, 0)), Ok(()));
        // The latest earlier trial decides.
        let later = at(2027, 6, 1, 0, 0);
        assert!(may_start_trial([ended, later], at(2028, 6, 1, 0, 0)).is_err());
    }
}
