//! Termination by Ecom for exceptional circumstances (terms art. 15
//! "Termination by Ecom", art. 23): immediate, the Administrator account is
//! deactivated and the Client is told until when it may still export its data.

use crate::calendar::{belgian_date, belgian_time_label, end_of_belgian_day, start_of_belgian_day};
use chrono::{DateTime, Days, Months, NaiveDate, Utc};

/// Calendar days the Client may still export its data after a termination by
/// Ecom, unless the notice says otherwise (SPEC §2; art. 15 leaves the period
/// to the notification).
pub const DEFAULT_EXPORT_WINDOW_DAYS: u32 = 30;

/// Calendar days a Client has to remedy a material breach after receiving a
/// notice of default before Ecom may terminate (terms art. 15 (1)).
pub const BREACH_REMEDY_DAYS: u64 = 30;

/// Months a force majeure or hardship must last before Ecom may terminate (terms art. 23).
pub const FORCE_MAJEURE_MONTHS: u32 = 2;

/// The exceptional circumstances in which Ecom may terminate at once, as art.
/// 15 lists them (plus art. 23, which sends a prolonged force majeure to art. 15).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperatorTerminationReason {
    /// Art. 15 (1): the Client's details are incorrect, misleading, inaccurate or outdated.
    IncorrectClientDetails,
    /// Art. 15 (1): a material breach of the terms that the Client did not
    /// remedy, stop and prevent within 30 calendar days after receiving a notice of default.
    UnremediedMaterialBreach {
        /// When the Client received the notice of default.
        notice_of_default_received_at: DateTime<Utc>,
    },
    /// Art. 15 (1): the Tool, App or Services are used for illicit, illegal or inappropriate purposes.
    IllicitOrInappropriateUse,
    /// Art. 15 (1): the agreement rests on incorrect or erroneous information provided by the Client.
    AgreementBasedOnIncorrectInformation,
    /// Art. 15 (1): the Services were ordered for reasons that cannot be
    /// considered objectively reasonable and acceptable.
    OrderedForUnreasonableReasons,
    /// Art. 15 (2): the Client ceases payments, applies for or is declared
    /// bankrupt, goes into liquidation or a similar arrangement, or is dissolved.
    Insolvency,
    /// Art. 15 (3): an act of dishonesty, unfaithfulness or deception towards
    /// Ecom, its company or the Tool, App and Services.
    Dishonesty,
    /// Art. 23: force majeure or hardship that persisted for more than two months.
    ProlongedForceMajeure {
        /// When the force majeure or hardship began.
        since: DateTime<Utc>,
    },
}

impl OperatorTerminationReason {
    /// Stable machine-readable name.
    pub fn code(self) -> &'static str {
        match self {
            OperatorTerminationReason::IncorrectClientDetails => "incorrect_client_details",
            OperatorTerminationReason::UnremediedMaterialBreach { .. } => {
                "unremedied_material_breach"
            }
            OperatorTerminationReason::IllicitOrInappropriateUse => "illicit_or_inappropriate_use",
            OperatorTerminationReason::AgreementBasedOnIncorrectInformation => {
                "agreement_based_on_incorrect_information"
            }
            OperatorTerminationReason::OrderedForUnreasonableReasons => {
                "ordered_for_unreasonable_reasons"
            }
            OperatorTerminationReason::Insolvency => "insolvency",
            OperatorTerminationReason::Dishonesty => "dishonesty",
            OperatorTerminationReason::ProlongedForceMajeure { .. } => "prolonged_force_majeure",
        }
    }

    /// From when this reason allows a termination; `None` when at once.
    pub fn allowed_from(self) -> Option<DateTime<Utc>> {
        match self {
            // art. 15 (1): the Client has 30 calendar days after receipt to comply;
            // Ecom may terminate from the day after the 30th.
            OperatorTerminationReason::UnremediedMaterialBreach {
                notice_of_default_received_at,
            } => {
                let received = belgian_date(notice_of_default_received_at);
                Some(start_of_belgian_day(
                    received
                        .checked_add_days(Days::new(BREACH_REMEDY_DAYS + 1))
                        .unwrap_or(NaiveDate::MAX),
                ))
            }
            // art. 23: "persists for more than 2 months".
            OperatorTerminationReason::ProlongedForceMajeure { since } => Some(
                since
                    .checked_add_months(Months::new(FORCE_MAJEURE_MONTHS))
                    .map_or(DateTime::<Utc>::MAX_UTC, |two_months| {
                        two_months + chrono::Duration::microseconds(1)
                    }),
            ),
            _ => None,
        }
    }
}

/// A termination by Ecom on a ground that does not allow it yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("termination for '{}' is only possible from {}", .reason.code(), belgian_time_label(*.allowed_from))]
pub struct OperatorTerminationRefused {
    pub reason: OperatorTerminationReason,
    pub allowed_from: DateTime<Utc>,
}

/// Whether Ecom may terminate at `now` on `reason`.
pub fn check_operator_termination(
    reason: OperatorTerminationReason,
    now: DateTime<Utc>,
) -> Result<(), OperatorTerminationRefused> {
    match reason.allowed_from() {
        Some(allowed_from) if now < allowed_from => Err(OperatorTerminationRefused {
            reason,
            allowed_from,
        }),
        _ => Ok(()),
    }
}

/// The last instant the Client may export its data after a termination by
/// Ecom at `terminated_at`: 23:59:59.999999 Belgian time on the `days`-th
/// calendar day after the day of termination (terminated 1 March, any hour,
/// 30 days → until 31 March).
pub fn export_window_ends(terminated_at: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    let day = belgian_date(terminated_at)
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX);
    end_of_belgian_day(day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};
    use chrono_tz::Europe::Brussels;

    fn be(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Brussels
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("unambiguous")
            .with_timezone(&Utc)
    }

    #[test]
    fn most_reasons_allow_an_immediate_termination() {
        let now = be(2026, 6, 1, 9, 0);
        for reason in [
            OperatorTerminationReason::IncorrectClientDetails,
            OperatorTerminationReason::IllicitOrInappropriateUse,
            OperatorTerminationReason::AgreementBasedOnIncorrectInformation,
            OperatorTerminationReason::OrderedForUnreasonableReasons,
            OperatorTerminationReason::Insolvency,
            OperatorTerminationReason::Dishonesty,
        ] {
            assert_eq!(
                check_operator_termination(reason, now),
                Ok(()),
                "{}",
                reason.code()
            );
        }
    }

    #[test]
    fn a_material_breach_needs_thirty_days_after_the_notice_of_default() {
        let reason = OperatorTerminationReason::UnremediedMaterialBreach {
            notice_of_default_received_at: be(2026, 6, 1, 15, 0),
        };
        // The 30th day after receipt (1 July) still belongs to the Client.
        let refused = check_operator_termination(reason, be(2026, 7, 1, 23, 59))
            .expect_err("still remedying");
        assert_eq!(refused.allowed_from, be(2026, 7, 2, 0, 0));
        assert_eq!(
            refused.to_string(),
            "termination for 'unremedied_material_breach' is only possible from 2026-07-02 00:00 (Belgian time)"
        );
        assert!(check_operator_termination(reason, be(2026, 7, 2, 0, 0)).is_ok());
    }

    #[test]
    fn force_majeure_must_last_more_than_two_months() {
        let utc = |m, d, h, min| {
            Utc.with_ymd_and_hms(2026, m, d, h, min, 0)
                .single()
                .expect("valid")
        };
        let reason = OperatorTerminationReason::ProlongedForceMajeure {
            since: utc(3, 10, 12, 0),
        };
        assert!(check_operator_termination(reason, utc(5, 10, 12, 0)).is_err());
        assert!(check_operator_termination(reason, utc(5, 10, 12, 1)).is_ok());
    }

    #[test]
    fn the_export_window_counts_calendar_days_in_belgium() {
        let ends = export_window_ends(be(2026, 3, 1, 10, 0), DEFAULT_EXPORT_WINDOW_DAYS);
        assert_eq!(ends, be(2026, 4, 1, 0, 0) - Duration::microseconds(1));
        assert_eq!(
            export_window_ends(be(2026, 3, 1, 0, 30), 0),
            be(2026, 3, 2, 0, 0) - Duration::microseconds(1)
        );
    }
}
