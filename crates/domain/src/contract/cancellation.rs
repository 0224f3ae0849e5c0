//! Cancellation by the Client and automatic renewal (terms art. 14, art. 15
//! "Termination by the Customer", art. 9 and 22; SPEC §2).
//!
//! The rule, precisely: a term's **last day to cancel** is the 15th calendar
//! day before its last day (its expiry, art. 14). A cancellation received up
//! to 23:59:59.999999 Belgian time on that day is in time; from 00:00 on the
//! next day (the 14th calendar day before expiry) it is refused and the
//! contract has renewed. Example: a yearly term 2026-01-01 … 2026-12-31 may be
//! cancelled until 2026-12-16 23:59 Belgian time; on 2026-12-17 it is too late.
//!
//! That day is also the latest whole day every instant of which is at least 15
//! days before the term ends (00:00 on the day after the last day), so the
//! rule reads the same whether "15 calendar days before its expiry" counts
//! days or 15 × 24 hours.
//!
//! A cancellation citing a change notice (price change, change of the terms,
//! change of the services to the Client's disadvantage) within 30 calendar
//! days of that notice is accepted whatever the 15-day deadline (art. 15 (2)):
//! the contract ends at the end of the current term and does not renew.

use super::term::{Term, TermLength};
use crate::calendar::{belgian_date, belgian_time_label, end_of_belgian_day, start_of_belgian_day};
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Calendar days between the last day to cancel and the term's last day (terms art. 14).
pub const CANCELLATION_NOTICE_DAYS: u64 = 15;

/// Calendar days after a change notice during which the Client may terminate
/// regardless of the 15-day deadline (terms art. 15 (2)).
pub const CHANGE_NOTICE_TERMINATION_DAYS: u64 = 30;

/// The last Belgian day on which a cancellation of `term` is in time: the
/// 15th calendar day before the term's last day.
pub fn last_day_to_cancel(term: &Term) -> NaiveDate {
    term.last_day()
        .checked_sub_days(Days::new(CANCELLATION_NOTICE_DAYS))
        .unwrap_or(NaiveDate::MIN)
}

/// The last instant a cancellation of `term` is in time: 23:59:59.999999
/// Belgian time on [`last_day_to_cancel`].
pub fn cancellation_deadline(term: &Term) -> DateTime<Utc> {
    end_of_belgian_day(last_day_to_cancel(term))
}

/// The first instant a cancellation of `term` is late (00:00 Belgian time the
/// day after the last day to cancel): from here on the renewal is due.
fn cancellation_closes_at(term: &Term) -> DateTime<Utc> {
    last_day_to_cancel(term)
        .succ_opt()
        .map(start_of_belgian_day)
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// Whether the renewal of `term` (and its invoice, SPEC §3: "for renewals,
/// when the cancellation deadline passes") is due at `now`: the contract was
/// not cancelled and the cancellation deadline has passed.
pub fn renewal_due(term: &Term, cancelled: bool, now: DateTime<Utc>) -> bool {
    !cancelled && now >= cancellation_closes_at(term)
}

/// Days before the cancellation deadline that the "your contract renews;
/// cancel by …" notice goes out: 30 for a yearly term, 14 for a quarterly one.
///
/// Counted back from the deadline, not from the term end: a notice 14 days
/// before the end of a quarter would arrive after the 15-day deadline and
/// could no longer help the Client cancel.
pub fn renewal_notice_lead_days(length: TermLength) -> u64 {
    match length {
        TermLength::Year => 30,
        TermLength::Quarter => 14,
    }
}

/// From when the renewal notice of `term` is due: 00:00 Belgian time,
/// [`renewal_notice_lead_days`] before the last day to cancel.
pub fn renewal_notice_from(term: &Term) -> DateTime<Utc> {
    let day = last_day_to_cancel(term)
        .checked_sub_days(Days::new(renewal_notice_lead_days(term.length())))
        .unwrap_or(NaiveDate::MIN);
    start_of_belgian_day(day)
}

/// What an Ecom notice changed (terms art. 15 (2)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A price adjustment (art. 9).
    PriceChange,
    /// A change to the terms and conditions (art. 2).
    TermsChange,
    /// A change in the offer of Services that significantly disadvantages the Client (art. 22).
    ServiceChangeToTheClientsDisadvantage,
}

/// A notice of change the Client received, which it may cite to terminate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangeNotice {
    pub kind: ChangeKind,
    /// When the Client was notified (the Communication was sent).
    pub notified_at: DateTime<Utc>,
}

impl ChangeNotice {
    /// The last instant the Client may terminate citing this notice:
    /// 23:59:59.999999 Belgian time on the 30th calendar day after the day of
    /// the notice (notified on 1 March, any hour → until 31 March).
    pub fn termination_right_ends(&self) -> DateTime<Utc> {
        let day = belgian_date(self.notified_at);
        end_of_belgian_day(
            day.checked_add_days(Days::new(CHANGE_NOTICE_TERMINATION_DAYS))
                .unwrap_or(NaiveDate::MAX),
        )
    }

    /// Whether the notice gives a right to terminate at `now` (it was given, and 30 days have not passed).
    pub fn allows_termination_at(&self, now: DateTime<Utc>) -> bool {
        self.notified_at <= now && now <= self.termination_right_ends()
    }
}

/// Why a cancellation was accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancellationGround {
    /// Received by the cancellation deadline (art. 14, art. 15 (1)).
    InTime,
    /// After the deadline, but within 30 days of this change notice (art. 15 (2)).
    ChangeNotice(ChangeNotice),
}

/// An accepted cancellation: the contract runs to the end of `last_term` and does not renew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CancellationOutcome {
    /// The term that runs out; no further term follows.
    pub last_term: Term,
    /// When the contract ends (00:00 Belgian time after the last day of `last_term`).
    pub contract_ends_at: DateTime<Utc>,
    pub ground: CancellationGround,
    /// The cancellation deadline had already passed, so a renewal invoice may
    /// have been issued: the caller withdraws it with
    /// [`super::withdraw_renewal_invoice`] (money already paid is not
    /// refunded, art. 10).
    pub renewal_was_due: bool,
}

/// A cancellation received after the deadline, with no change notice to rely
/// on: the contract has renewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "the cancellation deadline of the current term was {}: the contract has renewed until {} and the next cancellation deadline is {}{}",
    belgian_time_label(*.deadline_passed),
    .renewed_term.last_day(),
    belgian_time_label(*.next_deadline),
    .change_notice_right_ended.map(|ended| format!(" (the 30-day right to terminate after the change notice ended {})", belgian_time_label(ended))).unwrap_or_default()
)]
pub struct CancellationRefused {
    /// The deadline that passed (terms art. 14).
    pub deadline_passed: DateTime<Utc>,
    /// The term the contract renewed into.
    pub renewed_term: Term,
    /// The cancellation deadline of the renewed term.
    pub next_deadline: DateTime<Utc>,
    /// When a change notice was cited but its 30 days were over: when they ended.
    pub change_notice_right_ended: Option<DateTime<Utc>>,
}

/// Decides a cancellation received at `now` (terms art. 14, 15).
///
/// `term` is the contract's current term; a term that ended before `now` is
/// moved forward to the one running at `now`, because the contract renewed.
/// `change_notice` is the notice the Client cites, if any.
pub fn check_cancellation(
    term: &Term,
    now: DateTime<Utc>,
    change_notice: Option<ChangeNotice>,
) -> Result<CancellationOutcome, CancellationRefused> {
    let current = term.running_at(now);
    let accepted = |ground, renewal_was_due| CancellationOutcome {
        last_term: current,
        contract_ends_at: current.ends_at(),
        ground,
        renewal_was_due,
    };
    // terms art. 14: at the latest 15 calendar days before expiry.
    if now < cancellation_closes_at(&current) {
        return Ok(accepted(CancellationGround::InTime, false));
    }
    // terms art. 15 (2): within 30 calendar days of a change notice, whatever the deadline.
    if let Some(notice) = change_notice.filter(|n| n.allows_termination_at(now)) {
        return Ok(accepted(CancellationGround::ChangeNotice(notice), true));
    }
    let renewed_term = current.next();
    Err(CancellationRefused {
        deadline_passed: cancellation_deadline(&current),
        renewed_term,
        next_deadline: cancellation_deadline(&renewed_term),
        change_notice_right_ended: change_notice
            .filter(|n| n.notified_at <= now)
            .map(|n| n.termination_right_ends()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use chrono_tz::Europe::Brussels;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    /// A Belgian wall-clock time.
    fn be(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Brussels
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("unambiguous")
            .with_timezone(&Utc)
    }

    fn year_2026() -> Term {
        Term::first(date(2026, 1, 1), TermLength::Year)
    }

    #[test]
    fn the_fifteenth_day_before_expiry_at_23_59_is_in_time_the_fourteenth_is_not() {
        let term = year_2026();
        assert_eq!(term.last_day(), date(2026, 12, 31));
        assert_eq!(last_day_to_cancel(&term), date(2026, 12, 16));
        assert_eq!(
            cancellation_deadline(&term),
            be(2026, 12, 17, 0, 0) - Duration::microseconds(1)
        );

        // The 15th calendar day before expiry, 23:59 Belgian time: accepted.
        let outcome = check_cancellation(&term, be(2026, 12, 16, 23, 59), None).expect("in time");
        assert_eq!(outcome.ground, CancellationGround::InTime);
        assert_eq!(outcome.last_term, term);
        assert_eq!(outcome.contract_ends_at, be(2027, 1, 1, 0, 0));
        assert!(!outcome.renewal_was_due);
        assert!(check_cancellation(&term, cancellation_deadline(&term), None).is_ok());

        // The 14th calendar day before expiry, one minute after midnight: refused.
        let refused =
            check_cancellation(&term, be(2026, 12, 17, 0, 0), None).expect_err("too late");
        assert_eq!(refused.deadline_passed, cancellation_deadline(&term));
        assert_eq!(refused.renewed_term, term.next());
        assert_eq!(
            refused.next_deadline,
            be(2027, 12, 17, 0, 0) - Duration::microseconds(1)
        );
        assert_eq!(
            refused.to_string(),
            "the cancellation deadline of the current term was 2026-12-16 23:59 (Belgian time): the contract has renewed \
             until 2027-12-31 and the next cancellation deadline is 2027-12-16 23:59 (Belgian time)"
        );
    }

    #[test]
    fn the_deadline_is_in_belgian_time_in_summer_too() {
        // Quarter 2026-07-01 … 2026-09-30: last day to cancel 15 September, UTC+2.
        let term = Term::first(date(2026, 7, 1), TermLength::Quarter);
        assert_eq!(last_day_to_cancel(&term), date(2026, 9, 15));
        assert!(check_cancellation(&term, be(2026, 9, 15, 23, 59), None).is_ok());
        assert!(check_cancellation(&term, be(2026, 9, 16, 0, 0), None).is_err());
        // 22:30 UTC on the 15th is already the 16th in Brussels.
        assert!(check_cancellation(
            &term,
            Utc.with_ymd_and_hms(2026, 9, 15, 22, 30, 0)
                .single()
                .expect("valid"),
            None
        )
        .is_err());
    }

    #[test]
    fn a_change_notice_opens_thirty_days_whatever_the_deadline() {
        let term = year_2026();
        let notice = ChangeNotice {
            kind: ChangeKind::PriceChange,
            notified_at: be(2026, 12, 1, 15, 0),
        };
        assert_eq!(
            notice.termination_right_ends(),
            be(2027, 1, 1, 0, 0) - Duration::microseconds(1)
        );

        // After the 15-day deadline, on the 30th day after the notice: accepted, ends with this term.
        let outcome = check_cancellation(&term, be(2026, 12, 28, 10, 0), Some(notice))
            .expect("notice ground");
        assert_eq!(outcome.ground, CancellationGround::ChangeNotice(notice));
        assert_eq!(outcome.last_term, term);
        assert!(outcome.renewal_was_due);

        // Before the deadline the ordinary ground applies.
        assert_eq!(
            check_cancellation(&term, be(2026, 12, 2, 10, 0), Some(notice)).map(|o| o.ground),
            Ok(CancellationGround::InTime)
        );

        // The 31st day after a notice given earlier: refused, and the message says why.
        let early_notice = ChangeNotice {
            kind: ChangeKind::TermsChange,
            notified_at: be(2026, 11, 20, 9, 0),
        };
        assert!(check_cancellation(&term, be(2026, 12, 20, 23, 59), Some(early_notice)).is_ok());
        let refused = check_cancellation(&term, be(2026, 12, 21, 0, 0), Some(early_notice))
            .expect_err("31st day");
        assert_eq!(
            refused.change_notice_right_ended,
            Some(be(2026, 12, 21, 0, 0) - Duration::microseconds(1))
        );
        assert!(refused
            .to_string()
            .ends_with("(the 30-day right to terminate after the change notice ended 2026-12-20 23:59 (Belgian time))"));

        // A notice dated after the cancellation gives no right.
        let future = ChangeNotice {
            kind: ChangeKind::PriceChange,
            notified_at: be(2026, 12, 30, 0, 0),
        };
        assert!(check_cancellation(&term, be(2026, 12, 20, 0, 0), Some(future)).is_err());
    }

    #[test]
    fn a_cancellation_in_a_renewed_term_is_judged_against_that_term() {
        let term = year_2026();
        // Stored term is the first; the contract renewed on 1 January 2027.
        let outcome = check_cancellation(&term, be(2027, 3, 1, 12, 0), None)
            .expect("in time for the second term");
        assert_eq!(outcome.last_term, term.next());
        assert_eq!(outcome.contract_ends_at, be(2028, 1, 1, 0, 0));
    }

    #[test]
    fn renewal_is_due_once_the_deadline_passed_unless_cancelled() {
        let term = year_2026();
        assert!(!renewal_due(&term, false, cancellation_deadline(&term)));
        assert!(renewal_due(&term, false, be(2026, 12, 17, 0, 0)));
        assert!(!renewal_due(&term, true, be(2026, 12, 17, 0, 0)));
    }

    #[test]
    fn the_renewal_notice_goes_out_before_the_deadline() {
        let year = year_2026();
        assert_eq!(renewal_notice_from(&year), be(2026, 11, 16, 0, 0));
        let quarter = Term::first(date(2026, 1, 1), TermLength::Quarter);
        assert_eq!(last_day_to_cancel(&quarter), date(2026, 3, 16));
        assert_eq!(renewal_notice_from(&quarter), be(2026, 3, 2, 0, 0));
        assert!(renewal_notice_from(&quarter) < cancellation_deadline(&quarter));
    }
}
