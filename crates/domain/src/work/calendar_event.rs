//! When a calendar event takes place. Timed events are instants (UTC);
//! all-day events are Belgian calendar days (Europe/Brussels, the tenant's
//! zone), stored as the UTC instants of their first and last local midnight.

use chrono::{DateTime, Duration, NaiveDate, Utc};

use crate::account::InvalidInput;
use crate::calendar::{belgian_date, start_of_belgian_day};

/// The longest event we accept: longer spans are almost always typing errors.
pub const MAX_EVENT_DAYS: i64 = 366;

/// An event's span: `[starts_at, ends_at)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventSpan {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub all_day: bool,
}

impl EventSpan {
    /// A timed event; the end must come after the start.
    pub fn timed(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> Result<Self, InvalidInput> {
        if ends_at <= starts_at {
            return Err(InvalidInput::new(
                "end_before_start",
                "the end must be after the start",
            ));
        }
        if ends_at - starts_at > Duration::days(MAX_EVENT_DAYS) {
            return Err(InvalidInput::new(
                "too_long",
                format!("an event lasts at most {MAX_EVENT_DAYS} days"),
            ));
        }
        Ok(Self {
            starts_at,
            ends_at,
            all_day: false,
        })
    }

    /// An all-day event from `first_day` to `last_day`, both included, in
    /// Belgian time: it starts at local midnight of the first day and ends
    /// at local midnight after the last (23 or 25 hours on clock-change days).
    pub fn all_day(first_day: NaiveDate, last_day: NaiveDate) -> Result<Self, InvalidInput> {
        if last_day < first_day {
            return Err(InvalidInput::new(
                "end_before_start",
                "the last day cannot be before the first day",
            ));
        }
        if (last_day - first_day).num_days() >= MAX_EVENT_DAYS {
            return Err(InvalidInput::new(
                "too_long",
                format!("an event lasts at most {MAX_EVENT_DAYS} days"),
            ));
        }
        let after = last_day
            .succ_opt()
            .ok_or_else(|| InvalidInput::new("out_of_range", "the date is out of range"))?;
        Ok(Self {
            starts_at: start_of_belgian_day(first_day),
            ends_at: start_of_belgian_day(after),
            all_day: true,
        })
    }

    /// For an all-day event: its first and last Belgian day (inclusive).
    pub fn days(&self) -> Option<(NaiveDate, NaiveDate)> {
        if !self.all_day {
            return None;
        }
        let last = belgian_date(self.ends_at - Duration::microseconds(1));
        Some((belgian_date(self.starts_at), last))
    }

    /// Whether the event overlaps `[from, to)`.
    pub fn overlaps(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> bool {
        self.starts_at < to && self.ends_at > from
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn an_all_day_event_runs_from_brussels_midnight_to_midnight() {
        // Winter: UTC+1.
        let span = EventSpan::all_day(date(2026, 12, 1), date(2026, 12, 1)).unwrap();
        assert_eq!(
            span.starts_at,
            Utc.with_ymd_and_hms(2026, 11, 30, 23, 0, 0).unwrap()
        );
        assert_eq!(
            span.ends_at,
            Utc.with_ymd_and_hms(2026, 12, 1, 23, 0, 0).unwrap()
        );
        assert_eq!(span.days(), Some((date(2026, 12, 1), date(2026, 12, 1))));
    }

    #[test]
    fn the_day_clocks_go_back_lasts_25_hours() {
        // 25 October 2026: summer time ends in Brussels.
        let span = EventSpan::all_day(date(2026, 10, 25), date(2026, 10, 25)).unwrap();
        assert_eq!(span.ends_at - span.starts_at, Duration::hours(25));
        assert_eq!(span.days(), Some((date(2026, 10, 25), date(2026, 10, 25))));
    }

    #[test]
    fn ends_must_follow_starts() {
        let t = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        assert_eq!(EventSpan::timed(t, t).unwrap_err().code, "end_before_start");
        assert!(EventSpan::timed(t, t + Duration::minutes(1)).is_ok());
        assert_eq!(
            EventSpan::all_day(date(2026, 12, 2), date(2026, 12, 1))
                .unwrap_err()
                .code,
            "end_before_start"
        );
    }

    #[test]
    fn overlap_is_half_open() {
        let t = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        let span = EventSpan::timed(t, t + Duration::hours(1)).unwrap();
        assert!(!span.overlaps(t + Duration::hours(1), t + Duration::hours(2)));
        assert!(!span.overlaps(t - Duration::hours(1), t));
        assert!(span.overlaps(t + Duration::minutes(59), t + Duration::hours(2)));
    }
}
