//! Belgian business dates: the public holidays of any year (computed, never a
//! table), working days, and the conversion between instants and the Belgian
//! calendar day they fall on (Europe/Brussels, summer time included).
//!
//! The contract rules count "calendar days" and "working days" in Belgian
//! local time (SPEC §2: "Belgian working days: Monday–Friday except Belgian
//! public holidays, incl. Easter Monday, Ascension, Whit Monday").

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Brussels;
use serde::{Deserialize, Serialize};

/// One of the ten Belgian public holidays that can fall on a weekday.
///
/// Easter Sunday and Whit Sunday are public holidays too, but always fall on
/// a Sunday, so they never change whether a day is a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BelgianHoliday {
    /// 1 January.
    NewYear,
    /// The Monday after Easter Sunday.
    EasterMonday,
    /// 1 May.
    LabourDay,
    /// Easter Sunday + 39 days (a Thursday).
    Ascension,
    /// Easter Sunday + 50 days.
    WhitMonday,
    /// 21 July.
    NationalDay,
    /// 15 August.
    Assumption,
    /// 1 November.
    AllSaints,
    /// 11 November.
    Armistice,
    /// 25 December.
    Christmas,
}

impl BelgianHoliday {
    /// The English name, as shown to people.
    pub fn name(self) -> &'static str {
        match self {
            BelgianHoliday::NewYear => "New Year's Day",
            BelgianHoliday::EasterMonday => "Easter Monday",
            BelgianHoliday::LabourDay => "Labour Day",
            BelgianHoliday::Ascension => "Ascension Day",
            BelgianHoliday::WhitMonday => "Whit Monday",
            BelgianHoliday::NationalDay => "Belgian National Day",
            BelgianHoliday::Assumption => "Assumption Day",
            BelgianHoliday::AllSaints => "All Saints' Day",
            BelgianHoliday::Armistice => "Armistice Day",
            BelgianHoliday::Christmas => "Christmas Day",
        }
    }
}

/// Easter Sunday of `year` in the Gregorian calendar, by the anonymous
/// Gregorian computus (Meeus/Jones/Butcher). `None` only for years outside
/// the range of dates chrono can represent.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    let month = u32::try_from(n.div_euclid(31)).ok()?;
    let day = u32::try_from(n.rem_euclid(31) + 1).ok()?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The ten weekday-relevant Belgian public holidays of `year`, in date order.
/// Empty only for years chrono cannot represent.
pub fn belgian_public_holidays(year: i32) -> Vec<(NaiveDate, BelgianHoliday)> {
    let fixed =
        |month, day, holiday| NaiveDate::from_ymd_opt(year, month, day).map(|date| (date, holiday));
    let after_easter = |days, holiday| {
        easter_sunday(year)
            .and_then(|easter| easter.checked_add_signed(Duration::days(days)))
            .map(|date| (date, holiday))
    };
    let mut holidays: Vec<(NaiveDate, BelgianHoliday)> = [
        fixed(1, 1, BelgianHoliday::NewYear),
        after_easter(1, BelgianHoliday::EasterMonday),
        fixed(5, 1, BelgianHoliday::LabourDay),
        after_easter(39, BelgianHoliday::Ascension),
        after_easter(50, BelgianHoliday::WhitMonday),
        fixed(7, 21, BelgianHoliday::NationalDay),
        fixed(8, 15, BelgianHoliday::Assumption),
        fixed(11, 1, BelgianHoliday::AllSaints),
        fixed(11, 11, BelgianHoliday::Armistice),
        fixed(12, 25, BelgianHoliday::Christmas),
    ]
    .into_iter()
    .flatten()
    .collect();
    // Ascension can fall on 1 May (e.g. 2008): keep date order, both entries.
    holidays.sort();
    holidays
}

/// The Belgian public holiday on `date`, if any.
pub fn belgian_public_holiday(date: NaiveDate) -> Option<BelgianHoliday> {
    belgian_public_holidays(date.year())
        .into_iter()
        .find(|(day, _)| *day == date)
        .map(|(_, holiday)| holiday)
}

/// A Belgian working day: Monday to Friday and not a Belgian public holiday.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && belgian_public_holiday(date).is_none()
}

/// `date` itself when it is a working day, otherwise the first working day after it.
pub fn next_working_day_on_or_after(date: NaiveDate) -> NaiveDate {
    let mut day = date;
    while !is_working_day(day) {
        match day.succ_opt() {
            Some(next) => day = next,
            None => return day,
        }
    }
    day
}

/// The `n`-th working day after `date`, not counting `date` itself
/// (`add_working_days(friday, 1)` is the next Monday, unless it is a holiday).
/// `n = 0` returns `date` unchanged, working day or not.
pub fn add_working_days(date: NaiveDate, n: u32) -> NaiveDate {
    let mut day = date;
    for _ in 0..n {
        match day.succ_opt() {
            Some(next) => day = next_working_day_on_or_after(next),
            None => return day,
        }
    }
    day
}

/// The Belgian calendar day (Europe/Brussels local time) on which `instant` falls.
pub fn belgian_date(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&Brussels).date_naive()
}

/// The first instant of the Belgian calendar day `date` (00:00 local time).
pub fn start_of_belgian_day(date: NaiveDate) -> DateTime<Utc> {
    // Brussels changes clocks at 02:00/03:00, so local midnight always exists
    // exactly once; should a future rule put a gap at midnight, the day starts
    // at the first hour that exists.
    let midnight = date.and_time(NaiveTime::MIN);
    (0..3)
        .find_map(|hour| {
            Brussels
                .from_local_datetime(&(midnight + Duration::hours(hour)))
                .earliest()
        })
        .map(|local| local.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
}

/// The last instant of the Belgian calendar day `date`: 23:59:59.999999 local
/// time. Microseconds, not nanoseconds, so the value survives a round trip
/// through PostgreSQL or SQLite timestamps unchanged.
///
/// Rules that close "at the end of day D" accept `now <= end_of_belgian_day(D)`,
/// which is the same as `now < start_of_belgian_day(D + 1)` for any stored time.
pub fn end_of_belgian_day(date: NaiveDate) -> DateTime<Utc> {
    let next_day = date.succ_opt().map(start_of_belgian_day);
    match next_day {
        Some(start) => start - Duration::microseconds(1),
        None => start_of_belgian_day(date) + Duration::days(1) - Duration::microseconds(1),
    }
}

/// `instant` as a person in Belgium reads it, for error messages and notices:
/// `2026-12-16 23:59 (Belgian time)`.
pub fn belgian_time_label(instant: DateTime<Utc>) -> String {
    instant
        .with_timezone(&Brussels)
        .format("%Y-%m-%d %H:%M (Belgian time)")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn easter_sundays_of_known_years() {
        for (year, month, day) in [
            (1818, 3, 22), // earliest possible
            (1943, 4, 25), // latest possible
            (2000, 4, 23),
            (2008, 3, 23),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
            (2285, 3, 22),
        ] {
            assert_eq!(
                easter_sunday(year),
                Some(date(year, month, day)),
                "Easter {year}"
            );
        }
    }

    #[test]
    fn movable_holidays_of_2026() {
        assert_eq!(
            belgian_public_holiday(date(2026, 4, 6)),
            Some(BelgianHoliday::EasterMonday)
        );
        assert_eq!(
            belgian_public_holiday(date(2026, 5, 14)),
            Some(BelgianHoliday::Ascension)
        );
        assert_eq!(
            belgian_public_holiday(date(2026, 5, 25)),
            Some(BelgianHoliday::WhitMonday)
        );
        assert_eq!(
            belgian_public_holiday(date(2026, 4, 5)),
            None,
            "Easter Sunday is a Sunday anyway"
        );
        assert_eq!(belgian_public_holiday(date(2026, 5, 15)), None);
    }

    #[test]
    fn every_year_has_ten_holidays_in_order() {
        for year in [1999, 2008, 2024, 2026, 2100] {
            let holidays = belgian_public_holidays(year);
            assert_eq!(holidays.len(), 10, "{year}");
            assert!(holidays.windows(2).all(|w| w[0].0 <= w[1].0));
            assert!(holidays.iter().all(|(d, _)| d.year() == year));
        }
        // 2008: Ascension fell on Labour Day.
        assert_eq!(
            belgian_public_holidays(2008)[2].0,
            belgian_public_holidays(2008)[3].0
        );
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        assert!(is_working_day(date(2026, 5, 13))); // Wednesday
        assert!(!is_working_day(date(2026, 5, 14))); // Ascension (Thursday)
        assert!(!is_working_day(date(2026, 5, 16))); // Saturday
        assert!(!is_working_day(date(2026, 7, 21))); // National Day (Tuesday)
        assert_eq!(
            next_working_day_on_or_after(date(2026, 5, 13)),
            date(2026, 5, 13)
        );
        assert_eq!(
            next_working_day_on_or_after(date(2026, 4, 4)),
            date(2026, 4, 7)
        ); // Sat → Easter Monday → Tue
        assert_eq!(add_working_days(date(2026, 5, 13), 1), date(2026, 5, 15));
        assert_eq!(add_working_days(date(2026, 5, 13), 2), date(2026, 5, 18));
        assert_eq!(add_working_days(date(2026, 12, 24), 1), date(2026, 12, 28));
        assert_eq!(add_working_days(date(2026, 12, 31), 1), date(2027, 1, 4));
        assert_eq!(add_working_days(date(2026, 5, 16), 0), date(2026, 5, 16));
    }

    #[test]
    fn belgian_days_follow_summer_and_winter_time() {
        let utc = |y, m, d, h, min| {
            Utc.with_ymd_and_hms(y, m, d, h, min, 0)
                .single()
                .expect("valid")
        };
        // Winter (UTC+1): 23:30 UTC on 31 Dec is already 1 January in Brussels.
        assert_eq!(belgian_date(utc(2026, 12, 31, 23, 30)), date(2027, 1, 1));
        assert_eq!(belgian_date(utc(2026, 12, 31, 22, 59)), date(2026, 12, 31));
        // Summer (UTC+2).
        assert_eq!(
            start_of_belgian_day(date(2026, 7, 1)),
            utc(2026, 6, 30, 22, 0)
        );
        assert_eq!(
            start_of_belgian_day(date(2026, 1, 1)),
            utc(2025, 12, 31, 23, 0)
        );
        // The day the clocks go forward (29 March 2026) has 23 hours.
        assert_eq!(
            start_of_belgian_day(date(2026, 3, 30)) - start_of_belgian_day(date(2026, 3, 29)),
            Duration::hours(23)
        );
        assert_eq!(
            end_of_belgian_day(date(2026, 12, 16)),
            utc(2026, 12, 16, 23, 0) - Duration::microseconds(1)
        );
        assert_eq!(
            belgian_time_label(end_of_belgian_day(date(2026, 12, 16))),
            "2026-12-16 23:59 (Belgian time)"
        );
    }

    proptest! {
        #[test]
        fn add_working_days_lands_on_a_working_day_after_the_start(days in 0i64..80_000, n in 1u32..30) {
            let start = date(1950, 1, 1) + Duration::days(days);
            let end = add_working_days(start, n);
            prop_assert!(end > start);
            prop_assert!(is_working_day(end));
            let counted = start.iter_days().skip(1).take_while(|d| *d <= end).filter(|d| is_working_day(*d)).count();
            prop_assert_eq!(counted, n as usize);
        }

        #[test]
        fn every_instant_lies_within_its_belgian_day(seconds in 0i64..4_000_000_000) {
            let instant = DateTime::<Utc>::from_timestamp(seconds, 0).expect("in range");
            let day = belgian_date(instant);
            prop_assert!(start_of_belgian_day(day) <= instant);
            prop_assert!(instant <= end_of_belgian_day(day));
        }
    }
}
