//! The work modules' pages: calendar, projects (with tasks and time),
//! tickets (with replies, internal notes and SLA badges) and calls (with
//! the "call me no more" list). Pure helpers live here and are unit-tested.

mod calendar;
mod calls;
mod project;
mod projects;
mod ticket;
mod tickets;

pub use calendar::Calendar;
pub use calls::Calls;
pub use project::Project;
pub use projects::Projects;
pub use ticket::Ticket;
pub use tickets::Tickets;

use chrono::{DateTime, Datelike, Duration, Local, NaiveDate, NaiveTime, TimeZone, Utc};
use yew::UseReducerHandle;

use crate::state::form::{FieldChanged, FormValues};

/// How much of the calendar is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span {
    Week,
    Month,
}

/// The Monday of `day`'s week.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// The days `[first, after)` shown for `span` around `anchor`.
pub fn visible_days(span: Span, anchor: NaiveDate) -> (NaiveDate, NaiveDate) {
    match span {
        Span::Week => {
            let first = week_start(anchor);
            (first, first + Duration::days(7))
        }
        Span::Month => {
            let first = anchor.with_day(1).unwrap_or(anchor);
            let after = if first.month() == 12 {
                NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
            };
            (first, after.unwrap_or(first + Duration::days(31)))
        }
    }
}

/// The anchor one period earlier (`-1`) or later (`1`).
pub fn shift(span: Span, anchor: NaiveDate, by: i32) -> NaiveDate {
    match span {
        Span::Week => anchor + Duration::days(7 * i64::from(by)),
        Span::Month => {
            let (first, after) = visible_days(Span::Month, anchor);
            if by < 0 {
                visible_days(Span::Month, first - Duration::days(1)).0
            } else {
                after
            }
        }
    }
}

/// Local midnight of `day`, in UTC.
pub fn local_midnight(day: NaiveDate) -> DateTime<Utc> {
    local_to_utc(day, NaiveTime::MIN)
        .unwrap_or_else(|| Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN)))
}

/// A local date and time as UTC (`None` for a time skipped by a clock change).
pub fn local_to_utc(day: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    Local
        .from_local_datetime(&day.and_time(time))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// Reads `YYYY-MM-DD` and `HH:MM` form values.
pub fn parse_local(date: &str, time: &str) -> Option<DateTime<Utc>> {
    let day = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    let time = NaiveTime::parse_from_str(time.trim(), "%H:%M").ok()?;
    local_to_utc(day, time)
}

/// A span of seconds for people: `45 min`, `3 h 05 min`, `2 d 4 h`.
pub fn duration_label(seconds: i64) -> String {
    let minutes = seconds.abs() / 60;
    let (days, hours, mins) = (minutes / 1440, (minutes % 1440) / 60, minutes % 60);
    if days > 0 {
        format!("{days} d {hours} h")
    } else if hours > 0 {
        format!("{hours} h {mins:02} min")
    } else {
        format!("{mins} min")
    }
}

/// Sets every field of `form` at once.
pub fn fill_form(form: &UseReducerHandle<FormValues>, values: &[(&'static str, String)]) {
    for (field, value) in values {
        form.dispatch(FieldChanged {
            field,
            value: value.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first() {
        assert_eq!(
            visible_days(Span::Week, date(2026, 12, 3)),
            (date(2026, 11, 30), date(2026, 12, 7))
        );
        assert_eq!(
            visible_days(Span::Month, date(2026, 12, 3)),
            (date(2026, 12, 1), date(2027, 1, 1))
        );
        assert_eq!(shift(Span::Month, date(2026, 3, 31), -1), date(2026, 2, 1));
        assert_eq!(shift(Span::Month, date(2026, 12, 31), 1), date(2027, 1, 1));
        assert_eq!(shift(Span::Week, date(2026, 12, 3), 1), date(2026, 12, 10));
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_label(45 * 60), "45 min");
        assert_eq!(duration_label(3 * 3600 + 5 * 60), "3 h 05 min");
        assert_eq!(duration_label(-(2 * 86400 + 4 * 3600)), "2 d 4 h");
    }

    #[test]
    fn form_times_are_read_or_refused() {
        assert!(parse_local("2026-12-01", "09:30").is_some());
        assert!(parse_local("2026-12-01", "9h30").is_none());
        assert!(parse_local("", "09:30").is_none());
    }
}
