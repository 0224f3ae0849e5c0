//! The status page's arithmetic: availability per day and over the period
//! in tenths of a percent (no floats), the colour class of a day's bar, and
//! the bars' geometry.

use ecom_types::status::UptimeDay;

use crate::i18n::{self, Lang};

/// Healthy samples per thousand samples, rounded down (99.94 % shows as
/// 99.9 %, never as 100 %); `None` without samples.
pub fn permille(healthy: u64, samples: u64) -> Option<u64> {
    (samples > 0).then(|| healthy.min(samples) * 1000 / samples)
}

/// A day's availability.
pub fn day_permille(day: &UptimeDay) -> Option<u64> {
    permille(day.healthy_samples, day.samples)
}

/// The availability over all days with samples.
pub fn period_permille(days: &[UptimeDay]) -> Option<u64> {
    let samples = days.iter().map(|d| d.samples).sum();
    let healthy = days.iter().map(|d| d.healthy_samples).sum();
    permille(healthy, samples)
}

/// How a day's bar is coloured: `none` (no data), `up` (100 %), `partial`
/// (at least 99 %) or `down`.
pub fn day_class(permille: Option<u64>) -> &'static str {
    match permille {
        None => "none",
        Some(1000) => "up",
        Some(p) if p >= 990 => "partial",
        Some(_) => "down",
    }
}

/// `99.9` in English, `99,9` in Dutch and French.
pub fn percent_in(lang: Lang, permille: u64) -> String {
    let (whole, tenth) = (permille / 10, permille % 10);
    let separator = match lang {
        Lang::En => '.',
        Lang::Nl | Lang::Fr => ',',
    };
    if tenth == 0 {
        whole.to_string()
    } else {
        format!("{whole}{separator}{tenth}")
    }
}

/// [`percent_in`] the person's language.
pub fn percent(permille: u64) -> String {
    percent_in(i18n::lang(), permille)
}

/// Width of one day's bar and the gap after it, in SVG units.
pub const BAR_WIDTH: u32 = 8;
pub const BAR_GAP: u32 = 2;

/// The SVG's width for `days` bars.
pub fn chart_width(days: usize) -> u32 {
    u32::try_from(days).unwrap_or(0) * (BAR_WIDTH + BAR_GAP)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn day(samples: u64, healthy: u64) -> UptimeDay {
        UptimeDay {
            day: NaiveDate::default(),
            samples,
            healthy_samples: healthy,
            average_latency_ms: None,
        }
    }

    #[test]
    fn availability_is_rounded_down_and_none_without_samples() {
        assert_eq!(permille(1440, 1440), Some(1000));
        assert_eq!(permille(1439, 1440), Some(999));
        assert_eq!(permille(0, 10), Some(0));
        assert_eq!(permille(0, 0), None);
        assert_eq!(permille(12, 10), Some(1000));
    }

    #[test]
    fn the_period_weighs_days_by_their_samples_and_skips_empty_days() {
        let days = [day(0, 0), day(900, 900), day(100, 0)];
        assert_eq!(period_permille(&days), Some(900));
        assert_eq!(period_permille(&[day(0, 0)]), None);
    }

    #[test]
    fn bars_are_coloured_by_availability() {
        assert_eq!(day_class(None), "none");
        assert_eq!(day_class(Some(1000)), "up");
        assert_eq!(day_class(Some(990)), "partial");
        assert_eq!(day_class(Some(989)), "down");
    }

    #[test]
    fn percentages_use_the_language_s_decimal_separator() {
        assert_eq!(percent_in(Lang::En, 999), "99.9");
        assert_eq!(percent_in(Lang::Nl, 999), "99,9");
        assert_eq!(percent_in(Lang::Fr, 1000), "100");
        assert_eq!(chart_width(90), 900);
    }
}
