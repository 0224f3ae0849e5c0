//! Delivery and non-conformity (terms art. 6, SPEC §2): the contract is
//! delivered when the Administrator account is activated; the Client may
//! report a non-conformity within 48 hours, after which the delivery counts
//! as accepted.
//!
//! The 48 hours are elapsed time (not Belgian wall-clock time, so a change to
//! or from summer time does not shorten or lengthen them) and include their
//! last instant: a report at exactly `delivered_at + 48h` is in time, one at
//! `delivered_at + 48h + 1s` (the 49th hour) is not.

use crate::calendar::belgian_time_label;
use chrono::{DateTime, Duration, Utc};

/// Hours after delivery during which a non-conformity may be reported (terms art. 6).
pub const NON_CONFORMITY_REPORT_HOURS: i64 = 48;

/// The last instant a non-conformity may be reported; from the next instant
/// on the delivery is accepted (record this as the acceptance time).
pub fn non_conformity_report_deadline(delivered_at: DateTime<Utc>) -> DateTime<Utc> {
    delivered_at + Duration::hours(NON_CONFORMITY_REPORT_HOURS)
}

/// A non-conformity report received after the 48 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "a non-conformity must be reported within 48 hours of delivery; that period ended {} and the delivery counts as accepted",
    belgian_time_label(*.deadline)
)]
pub struct NonConformityReportTooLate {
    /// The last instant a report was accepted.
    pub deadline: DateTime<Utc>,
}

/// Accepts a non-conformity report made at `now`, or says the 48 hours are over.
pub fn check_non_conformity_report(
    delivered_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), NonConformityReportTooLate> {
    let deadline = non_conformity_report_deadline(delivered_at);
    if now <= deadline {
        Ok(())
    } else {
        Err(NonConformityReportTooLate { deadline })
    }
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryState {
    /// Delivered; the Client may still report a non-conformity until `report_by`.
    AwaitingCheck { report_by: DateTime<Utc> },
    /// The Client reported a non-conformity in time.
    NonConformityReported { reported_at: DateTime<Utc> },
    /// No report in the 48 hours: the delivery is deemed approved and accepted at `accepted_at`.
    Accepted { accepted_at: DateTime<Utc> },
}

/// The state at `now` of a delivery made at `delivered_at`, given when a
/// non-conformity was reported (if ever). A report made after the 48 hours
/// does not count (it was refused by [`check_non_conformity_report`]); a
/// report dated after `now` is ignored.
pub fn delivery_state(
    delivered_at: DateTime<Utc>,
    reported: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> DeliveryState {
    let deadline = non_conformity_report_deadline(delivered_at);
    match reported {
        Some(reported_at) if reported_at <= deadline && reported_at <= now => {
            DeliveryState::NonConformityReported { reported_at }
        }
        _ if now <= deadline => DeliveryState::AwaitingCheck {
            report_by: deadline,
        },
        // terms art. 6: no complaint within 48 hours → deemed approved and accepted.
        _ => DeliveryState::Accepted {
            accepted_at: deadline,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn delivered() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 27, 14, 0, 0)
            .single()
            .expect("valid")
    }

    #[test]
    fn hour_48_is_in_time_hour_49_is_not() {
        let at = delivered();
        assert!(
            check_non_conformity_report(at, at + Duration::hours(47) + Duration::minutes(59))
                .is_ok()
        );
        assert!(check_non_conformity_report(at, at + Duration::hours(48)).is_ok());
        let late = check_non_conformity_report(at, at + Duration::hours(48) + Duration::seconds(1))
            .expect_err("49th hour");
        assert_eq!(late.deadline, at + Duration::hours(48));
        assert!(check_non_conformity_report(at, at + Duration::hours(49)).is_err());
        // Across the switch to summer time (29 March 2026) it is still 48 real hours.
        assert_eq!(late.to_string(), "a non-conformity must be reported within 48 hours of delivery; that period ended 2026-03-29 16:00 (Belgian time) and the delivery counts as accepted");
    }

    #[test]
    fn the_state_of_a_delivery() {
        let at = delivered();
        let deadline = at + Duration::hours(48);
        assert_eq!(
            delivery_state(at, None, at + Duration::hours(1)),
            DeliveryState::AwaitingCheck {
                report_by: deadline
            }
        );
        assert_eq!(
            delivery_state(at, None, deadline),
            DeliveryState::AwaitingCheck {
                report_by: deadline
            }
        );
        assert_eq!(
            delivery_state(at, None, deadline + Duration::seconds(1)),
            DeliveryState::Accepted {
                accepted_at: deadline
            }
        );
        let reported = at + Duration::hours(48);
        assert_eq!(
            delivery_state(at, Some(reported), deadline + Duration::days(3)),
            DeliveryState::NonConformityReported {
                reported_at: reported
            }
        );
        let late = at + Duration::hours(49);
        assert_eq!(
            delivery_state(at, Some(late), deadline + Duration::days(3)),
            DeliveryState::Accepted {
                accepted_at: deadline
            }
        );
    }
}
