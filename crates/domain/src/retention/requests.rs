//! Data-subject requests (SPEC §4 "Rights", privacy statement "What are my
//! privacy rights"): which rights there are, which need the person's identity
//! verified first, and the deadlines.
//!
//! Deadline rule (documented for the operator): a request is answered within
//! one calendar month of receipt (GDPR art. 12(3)). The month runs from the
//! Brussels day of receipt to the same day number of the next month, through
//! the end of that Brussels day; when the next month has no such day, the last
//! day of that month (received 31 January → due 28/29 February; received
//! 15 March → due 15 April 23:59:59 Belgian time). The deadline may be
//! extended once by two further months (same rule, from the original due
//! day), with a recorded reason, before the original deadline passes.

use chrono::{DateTime, Duration, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::{belgian_date, belgian_time_label, end_of_belgian_day};

/// Months to answer a request.
pub const ANSWER_WITHIN_MONTHS: u32 = 1;
/// Months an extension adds.
pub const EXTENSION_MONTHS: u32 = 2;
/// Minutes an e-mailed verification code stays valid.
pub const VERIFICATION_CODE_MINUTES: i64 = 30;
/// Wrong codes accepted before a new code must be asked for.
pub const MAX_VERIFICATION_ATTEMPTS: u32 = 5;

/// A right the person exercises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Right {
    Access,
    Rectification,
    Erasure,
    Restriction,
    WithdrawalOfConsent,
    Portability,
    ObjectionToDirectMarketing,
}

impl Right {
    pub const ALL: [Right; 7] = [
        Right::Access,
        Right::Rectification,
        Right::Erasure,
        Right::Restriction,
        Right::WithdrawalOfConsent,
        Right::Portability,
        Right::ObjectionToDirectMarketing,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Right::Access => "access",
            Right::Rectification => "rectification",
            Right::Erasure => "erasure",
            Right::Restriction => "restriction",
            Right::WithdrawalOfConsent => "withdrawal_of_consent",
            Right::Portability => "portability",
            Right::ObjectionToDirectMarketing => "objection_to_direct_marketing",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw)
    }

    /// Privacy statement: identity is verified before access, rectification,
    /// erasure or portability (releasing or changing data needs certainty).
    pub fn needs_identity_verification(self) -> bool {
        matches!(
            self,
            Right::Access | Right::Rectification | Right::Erasure | Right::Portability
        )
    }

    /// Rights that take effect at once when filed (they only stop processing,
    /// so they cannot harm the person if filed by someone else).
    pub fn takes_effect_at_once(self) -> bool {
        matches!(
            self,
            Right::ObjectionToDirectMarketing | Right::WithdrawalOfConsent | Right::Restriction
        )
    }
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// Waiting for the person to prove who they are.
    AwaitingVerification,
    /// Being handled.
    InProgress,
    Completed,
    Rejected,
}

impl RequestStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RequestStatus::AwaitingVerification => "awaiting_verification",
            RequestStatus::InProgress => "in_progress",
            RequestStatus::Completed => "completed",
            RequestStatus::Rejected => "rejected",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [
            RequestStatus::AwaitingVerification,
            RequestStatus::InProgress,
            RequestStatus::Completed,
            RequestStatus::Rejected,
        ]
        .into_iter()
        .find(|s| s.as_str() == raw)
    }

    pub fn is_open(self) -> bool {
        matches!(
            self,
            RequestStatus::AwaitingVerification | RequestStatus::InProgress
        )
    }
}

/// The status a new request starts in.
pub fn initial_status(right: Right) -> RequestStatus {
    if right.needs_identity_verification() {
        RequestStatus::AwaitingVerification
    } else {
        RequestStatus::InProgress
    }
}

fn add_months_clamped(day: NaiveDate, months: u32) -> NaiveDate {
    // chrono clamps to the month's last day (31 January + 1 month = 28/29 February).
    day.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

/// The deadline of a request received at `received_at`.
pub fn due_at(received_at: DateTime<Utc>) -> DateTime<Utc> {
    end_of_belgian_day(add_months_clamped(
        belgian_date(received_at),
        ANSWER_WITHIN_MONTHS,
    ))
}

/// The deadline after the one extension of two months.
pub fn extended_due_at(due: DateTime<Utc>) -> DateTime<Utc> {
    end_of_belgian_day(add_months_clamped(belgian_date(due), EXTENSION_MONTHS))
}

/// Whether an open request is past its deadline at `now`.
pub fn is_overdue(status: RequestStatus, due: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    status.is_open() && now > due
}

/// Why an extension was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtensionRefused {
    #[error(
        "the deadline was already extended once; a request can be extended by two months only once"
    )]
    AlreadyExtended,
    #[error("the request is closed")]
    Closed,
    #[error("the extension must be decided and told to the person before the deadline ({})", belgian_time_label(*.0))]
    DeadlinePassed(DateTime<Utc>),
    #[error("give the reason for the extension (it is told to the person)")]
    NoReason,
}

/// Checks an extension at `now` and returns the new deadline.
pub fn extend(
    status: RequestStatus,
    due: DateTime<Utc>,
    already_extended: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, ExtensionRefused> {
    if !status.is_open() {
        return Err(ExtensionRefused::Closed);
    }
    if already_extended {
        return Err(ExtensionRefused::AlreadyExtended);
    }
    if reason.trim().is_empty() {
        return Err(ExtensionRefused::NoReason);
    }
    if now > due {
        return Err(ExtensionRefused::DeadlinePassed(due));
    }
    Ok(extended_due_at(due))
}

/// When an e-mailed code sent at `sent_at` stops working.
pub fn verification_code_expires_at(sent_at: DateTime<Utc>) -> DateTime<Utc> {
    sent_at + Duration::minutes(VERIFICATION_CODE_MINUTES)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Europe::Brussels;

    fn be(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Brussels
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("unambiguous")
            .with_timezone(&Utc)
    }

    #[test]
    fn one_calendar_month_to_the_end_of_the_day() {
        assert_eq!(
            due_at(be(2026, 3, 15, 9, 0)),
            be(2026, 4, 16, 0, 0) - Duration::microseconds(1)
        );
        // 31 January → end of February (leap and common years).
        assert_eq!(
            due_at(be(2027, 1, 31, 9, 0)),
            be(2027, 3, 1, 0, 0) - Duration::microseconds(1)
        );
        assert_eq!(
            due_at(be(2028, 1, 31, 9, 0)),
            be(2028, 3, 1, 0, 0) - Duration::microseconds(1)
        );
        assert_eq!(
            due_at(be(2028, 1, 29, 9, 0)),
            be(2028, 3, 1, 0, 0) - Duration::microseconds(1)
        );
        // Received late in the evening UTC = next Brussels day.
        let late = Utc
            .with_ymd_and_hms(2026, 5, 31, 22, 30, 0)
            .single()
            .expect("valid");
        assert_eq!(
            due_at(late),
            be(2026, 7, 2, 0, 0) - Duration::microseconds(1)
        );
    }

    #[test]
    fn overdue_only_when_open_and_past_the_deadline() {
        let due = due_at(be(2026, 3, 15, 9, 0));
        assert!(!is_overdue(RequestStatus::InProgress, due, due));
        assert!(is_overdue(
            RequestStatus::InProgress,
            due,
            due + Duration::microseconds(1)
        ));
        assert!(is_overdue(
            RequestStatus::AwaitingVerification,
            due,
            due + Duration::days(1)
        ));
        assert!(!is_overdue(
            RequestStatus::Completed,
            due,
            due + Duration::days(1)
        ));
    }

    #[test]
    fn extension_by_two_months_once_before_the_deadline() {
        let due = due_at(be(2026, 3, 15, 9, 0)); // 15 April
        assert_eq!(
            extend(
                RequestStatus::InProgress,
                due,
                false,
                "many systems to search",
                due
            ),
            Ok(be(2026, 6, 16, 0, 0) - Duration::microseconds(1))
        );
        assert_eq!(
            extend(RequestStatus::InProgress, due, true, "again", due),
            Err(ExtensionRefused::AlreadyExtended)
        );
        assert_eq!(
            extend(RequestStatus::InProgress, due, false, "  ", due),
            Err(ExtensionRefused::NoReason)
        );
        assert_eq!(
            extend(
                RequestStatus::InProgress,
                due,
                false,
                "late",
                due + Duration::seconds(1)
            ),
            Err(ExtensionRefused::DeadlinePassed(due))
        );
        assert_eq!(
            extend(RequestStatus::Completed, due, false, "x", due),
            Err(ExtensionRefused::Closed)
        );
        // Due 31 December → 28 February.
        let due = due_at(be(2026, 11, 30, 9, 0)); // 30 December
        assert_eq!(
            extended_due_at(due),
            be(2027, 3, 1, 0, 0) - Duration::microseconds(1)
        );
    }

    #[test]
    fn verification_before_access_rectification_erasure_portability() {
        for right in Right::ALL {
            assert_eq!(Right::parse(right.as_str()), Some(right));
            let verify = matches!(
                right,
                Right::Access | Right::Rectification | Right::Erasure | Right::Portability
            );
            assert_eq!(right.needs_identity_verification(), verify, "{right:?}");
            assert_eq!(
                initial_status(right) == RequestStatus::AwaitingVerification,
                verify
            );
        }
        assert_eq!(Right::parse("forget_me"), None);
    }
}
