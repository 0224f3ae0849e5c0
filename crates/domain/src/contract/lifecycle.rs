//! The contract's lifecycle as a state machine (SPEC §1–2, terms art. 4, 14,
//! 15): which transitions are legal and when, and what a scheduler must do
//! at a given moment.
//!
//! ```text
//! Trial ─▶ TrialExpired
//!   │           │
//!   └─ order ───┴─▶ Active ──(term ends)──▶ Active (next term)
//!                    │  ▲
//!           cancel   │  │ reinstate        suspend: Active/Cancelled ⇄ Suspended
//!                    ▼  │
//!                 Cancelled ──(term ends)──▶ Ended ──▶ Deactivated ──▶ SoftDeleted ──▶ Anonymised
//!  Active/Cancelled/Suspended ── operator terminates ──▶ TerminatedByOperator ──▶ SoftDeleted
//! ```
//!
//! [`transition`] is the only way from one state to the next and refuses what
//! the rules forbid, saying why and, for a deadline, from when it is allowed.
//! [`due_events`] is a pure function of the state and `now`: asked twice, it
//! answers the same. Making each effect happen once (one notice, one invoice)
//! is the caller's job: every event carries what identifies it (the term
//! number, the trial end). At most one due event changes the state; once it is
//! applied, asking again gives the next.

use super::cancellation::{
    cancellation_deadline, check_cancellation, renewal_due, renewal_notice_from,
    CancellationGround, CancellationRefused, ChangeNotice,
};
use super::deactivation::{
    anonymise_due_by, check_deactivation, deactivation_window, soft_delete_due, DeactivationWindow,
};
use super::term::Term;
use super::termination::{
    check_operator_termination, export_window_ends, OperatorTerminationReason,
    OperatorTerminationRefused,
};
use crate::calendar::belgian_time_label;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Days before a trial ends that the "your trial ends soon" notice is due.
pub const TRIAL_ENDING_NOTICE_DAYS: i64 = 3;

/// Days before the end of a cancelled contract's last term that the Client is
/// told when its accounts will be deactivated (art. 15: "inform the Customer
/// of such deactivation … in advance").
pub const DEACTIVATION_NOTICE_DAYS: i64 = 7;

/// Days before the legal limit that anonymisation becomes due, so a failed
/// run has a week of retries before the six months are over.
pub const ANONYMISE_MARGIN_DAYS: i64 = 7;

/// Where a contract stands, without the data (what storage keeps in a status column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractStatus {
    Trial,
    TrialExpired,
    Active,
    Cancelled,
    Suspended,
    Ended,
    Deactivated,
    TerminatedByOperator,
    SoftDeleted,
    Anonymised,
}

impl ContractStatus {
    pub const ALL: [ContractStatus; 10] = [
        ContractStatus::Trial,
        ContractStatus::TrialExpired,
        ContractStatus::Active,
        ContractStatus::Cancelled,
        ContractStatus::Suspended,
        ContractStatus::Ended,
        ContractStatus::Deactivated,
        ContractStatus::TerminatedByOperator,
        ContractStatus::SoftDeleted,
        ContractStatus::Anonymised,
    ];

    /// Stable machine-readable name.
    pub fn as_str(self) -> &'static str {
        match self {
            ContractStatus::Trial => "trial",
            ContractStatus::TrialExpired => "trial_expired",
            ContractStatus::Active => "active",
            ContractStatus::Cancelled => "cancelled",
            ContractStatus::Suspended => "suspended",
            ContractStatus::Ended => "ended",
            ContractStatus::Deactivated => "deactivated",
            ContractStatus::TerminatedByOperator => "terminated_by_operator",
            ContractStatus::SoftDeleted => "soft_deleted",
            ContractStatus::Anonymised => "anonymised",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == raw)
    }

    /// How a person would say it: "the contract is …".
    pub fn label(self) -> &'static str {
        match self {
            ContractStatus::Trial => "in its trial",
            ContractStatus::TrialExpired => "a trial that has expired",
            ContractStatus::Active => "active",
            ContractStatus::Cancelled => "cancelled and running to the end of its term",
            ContractStatus::Suspended => "suspended",
            ContractStatus::Ended => "ended",
            ContractStatus::Deactivated => "deactivated",
            ContractStatus::TerminatedByOperator => "terminated by Ecom",
            ContractStatus::SoftDeleted => "soft-deleted",
            ContractStatus::Anonymised => "anonymised",
        }
    }
}

impl fmt::Display for ContractStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A contract's state with what the rules need to decide the next step (the snapshot).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractState {
    /// The free trial runs until `ends_at` (terms art. 4; [`crate::trial::trial_ends_at`]).
    Trial { ends_at: DateTime<Utc> },
    /// The trial ended; the tenant can still log in to order, export and read invoices (SPEC §1).
    TrialExpired { ended_at: DateTime<Utc> },
    /// Running in `term`, renewing automatically.
    Active { term: Term },
    /// Cancelled: runs to the end of `term`, then ends without renewal.
    Cancelled {
        term: Term,
        ground: CancellationGround,
    },
    /// Access suspended (terms art. 11 non-payment, art. 7 misuse); the contract
    /// still runs in `term` and still renews unless `cancelled`.
    Suspended {
        term: Term,
        cancelled: Option<CancellationGround>,
        since: DateTime<Utc>,
    },
    /// The last term ran out (at `term.ends_at()`); accounts still to be deactivated.
    Ended { term: Term },
    /// Accounts deactivated at `at` after the Client terminated; `export_until`
    /// is an export window granted on top, if any.
    Deactivated {
        at: DateTime<Utc>,
        export_until: Option<DateTime<Utc>>,
    },
    /// Terminated by Ecom at `at` (art. 15), Administrator account deactivated,
    /// data exportable until `export_until`.
    TerminatedByOperator {
        at: DateTime<Utc>,
        reason: OperatorTerminationReason,
        export_until: DateTime<Utc>,
    },
    /// Customer data soft-deleted at `at`; to be anonymised by [`anonymise_due_by`].
    SoftDeleted { at: DateTime<Utc> },
    /// Customer data anonymised at `at`: nothing further happens.
    Anonymised { at: DateTime<Utc> },
}

impl ContractState {
    pub fn status(&self) -> ContractStatus {
        match self {
            ContractState::Trial { .. } => ContractStatus::Trial,
            ContractState::TrialExpired { .. } => ContractStatus::TrialExpired,
            ContractState::Active { .. } => ContractStatus::Active,
            ContractState::Cancelled { .. } => ContractStatus::Cancelled,
            ContractState::Suspended { .. } => ContractStatus::Suspended,
            ContractState::Ended { .. } => ContractStatus::Ended,
            ContractState::Deactivated { .. } => ContractStatus::Deactivated,
            ContractState::TerminatedByOperator { .. } => ContractStatus::TerminatedByOperator,
            ContractState::SoftDeleted { .. } => ContractStatus::SoftDeleted,
            ContractState::Anonymised { .. } => ContractStatus::Anonymised,
        }
    }
}

/// Something that happens to a contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractEvent {
    /// The trial's 15 days are over.
    TrialExpired,
    /// The Client ordered (from a trial or as an inactive tenant, art. 5); the contract runs in `term`.
    Ordered { term: Term },
    /// The Client asks not to renew, citing a change notice or not (art. 15).
    Cancel { change_notice: Option<ChangeNotice> },
    /// The term ran out and the contract renewed: the next term starts.
    StartNextTerm,
    /// The last term of a cancelled contract ran out.
    EndContract,
    /// The accounts are deactivated after the Client's termination.
    Deactivate,
    /// Access is suspended (non-payment, misuse).
    Suspend,
    /// Access is given back.
    Reinstate,
    /// Ecom terminates for an exceptional circumstance (art. 15), granting an export window.
    TerminateByOperator {
        reason: OperatorTerminationReason,
        export_window_days: u32,
    },
    /// Customer data not exported are soft-deleted.
    SoftDelete,
    /// Soft-deleted customer data are anonymised.
    Anonymise,
}

impl ContractEvent {
    /// What the event does, for "the contract is …; it cannot …".
    pub fn action(&self) -> &'static str {
        match self {
            ContractEvent::TrialExpired => "have its trial expire",
            ContractEvent::Ordered { .. } => "be ordered",
            ContractEvent::Cancel { .. } => "be cancelled",
            ContractEvent::StartNextTerm => "start a next term",
            ContractEvent::EndContract => "end",
            ContractEvent::Deactivate => "be deactivated",
            ContractEvent::Suspend => "be suspended",
            ContractEvent::Reinstate => "be reinstated",
            ContractEvent::TerminateByOperator { .. } => "be terminated by Ecom",
            ContractEvent::SoftDelete => "have its data soft-deleted",
            ContractEvent::Anonymise => "have its data anonymised",
        }
    }
}

/// Why a transition was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionRefused {
    /// The event makes no sense in this state.
    #[error("the contract is {from}; it cannot {action}")]
    NotAllowed {
        from: ContractStatus,
        action: &'static str,
    },
    /// The event is legal in this state, but not yet.
    #[error("the contract cannot {action} before {}", belgian_time_label(*.allowed_from))]
    TooEarly {
        action: &'static str,
        allowed_from: DateTime<Utc>,
    },
    /// The cancellation deadline passed (terms art. 14).
    #[error(transparent)]
    Cancellation(#[from] CancellationRefused),
    /// The termination ground does not allow a termination yet (art. 15, 23).
    #[error(transparent)]
    OperatorTermination(#[from] OperatorTerminationRefused),
}

/// The state after `event` happens at `now` to a contract in `state`, or why it may not.
pub fn transition(
    state: ContractState,
    event: ContractEvent,
    now: DateTime<Utc>,
) -> Result<ContractState, TransitionRefused> {
    use ContractEvent as E;
    use ContractState as S;
    let action = event.action();
    let not_before = |allowed_from: DateTime<Utc>| {
        if now >= allowed_from {
            Ok(())
        } else {
            Err(TransitionRefused::TooEarly {
                action,
                allowed_from,
            })
        }
    };
    let terminate = |reason, days| -> Result<ContractState, TransitionRefused> {
        check_operator_termination(reason, now)?;
        Ok(S::TerminatedByOperator {
            at: now,
            reason,
            export_until: export_window_ends(now, days),
        })
    };
    match (state, event) {
        (S::Trial { ends_at }, E::TrialExpired) => {
            not_before(ends_at)?;
            Ok(S::TrialExpired { ended_at: ends_at })
        }
        // SPEC §2: an order converts a trial or an inactive tenant into a contract.
        (
            S::Trial { .. } | S::TrialExpired { .. } | S::Ended { .. } | S::Deactivated { .. },
            E::Ordered { term },
        ) => Ok(S::Active { term }),

        (S::Active { term }, E::Cancel { change_notice }) => {
            let outcome = check_cancellation(&term, now, change_notice)?;
            Ok(S::Cancelled {
                term: outcome.last_term,
                ground: outcome.ground,
            })
        }
        (
            S::Suspended {
                term,
                cancelled: None,
                since,
            },
            E::Cancel { change_notice },
        ) => {
            let outcome = check_cancellation(&term, now, change_notice)?;
            Ok(S::Suspended {
                term: outcome.last_term,
                cancelled: Some(outcome.ground),
                since,
            })
        }

        // terms art. 14: not cancelled in time → the term is extended.
        (S::Active { term }, E::StartNextTerm) => {
            not_before(term.ends_at())?;
            Ok(S::Active { term: term.next() })
        }
        (
            S::Suspended {
                term,
                cancelled: None,
                since,
            },
            E::StartNextTerm,
        ) => {
            not_before(term.ends_at())?;
            Ok(S::Suspended {
                term: term.next(),
                cancelled: None,
                since,
            })
        }
        (
            S::Cancelled { term, .. }
            | S::Suspended {
                term,
                cancelled: Some(_),
                ..
            },
            E::EndContract,
        ) => {
            not_before(term.ends_at())?;
            Ok(S::Ended { term })
        }

        // terms art. 15: never before the end of the term.
        (S::Ended { term }, E::Deactivate) => {
            check_deactivation(term.ends_on(), now).map_err(|e| TransitionRefused::TooEarly {
                action,
                allowed_from: e.allowed_from,
            })?;
            Ok(S::Deactivated {
                at: now,
                export_until: None,
            })
        }

        (S::Active { term }, E::Suspend) => Ok(S::Suspended {
            term,
            cancelled: None,
            since: now,
        }),
        (S::Cancelled { term, ground }, E::Suspend) => Ok(S::Suspended {
            term,
            cancelled: Some(ground),
            since: now,
        }),
        (
            S::Suspended {
                term, cancelled, ..
            },
            E::Reinstate,
        ) => Ok(match cancelled {
            None => S::Active { term },
            Some(ground) => S::Cancelled { term, ground },
        }),

        (
            S::Active { .. } | S::Cancelled { .. } | S::Suspended { .. },
            E::TerminateByOperator {
                reason,
                export_window_days,
            },
        ) => terminate(reason, export_window_days),

        (S::Deactivated { at, export_until }, E::SoftDelete) => {
            not_before(soft_delete_due(at, export_until))?;
            Ok(S::SoftDeleted { at: now })
        }
        (
            S::TerminatedByOperator {
                at, export_until, ..
            },
            E::SoftDelete,
        ) => {
            not_before(soft_delete_due(at, Some(export_until)))?;
            Ok(S::SoftDeleted { at: now })
        }
        // terms art. 15: anonymised at the latest six months after soft deletion; earlier is allowed.
        (S::SoftDeleted { .. }, E::Anonymise) => Ok(S::Anonymised { at: now }),

        (state, _) => Err(TransitionRefused::NotAllowed {
            from: state.status(),
            action,
        }),
    }
}

/// Something the scheduler must do at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueEvent {
    /// Tell the Client its trial ends at `trial_ends_at` (due from 3 days before).
    NoticeTrialEndingSoon { trial_ends_at: DateTime<Utc> },
    /// The trial is over: apply [`ContractEvent::TrialExpired`].
    TrialExpired { ended_at: DateTime<Utc> },
    /// Tell the Client `term` renews unless cancelled by `cancellation_deadline`
    /// (due from [`renewal_notice_from`] until the deadline).
    NoticeRenewalComing {
        term: Term,
        cancellation_deadline: DateTime<Utc>,
    },
    /// The cancellation deadline passed: invoice `next_term` (SPEC §3). Stays
    /// due until the term rolls over; make it once per `next_term.number()`.
    RenewalDue { next_term: Term },
    /// The term ran out: apply [`ContractEvent::StartNextTerm`].
    StartNextTerm { next_term: Term },
    /// Tell the Client of a cancelled contract when its accounts will be deactivated.
    NoticeDeactivationComing {
        last_term: Term,
        window: DeactivationWindow,
    },
    /// A cancelled contract's last term ran out: apply [`ContractEvent::EndContract`].
    EndContract { last_term: Term },
    /// Deactivate the accounts now, at the latest by `window.due_by`:
    /// apply [`ContractEvent::Deactivate`].
    DeactivationDue { window: DeactivationWindow },
    /// The export window (if any) closed: apply [`ContractEvent::SoftDelete`].
    SoftDeleteDue { since: DateTime<Utc> },
    /// Anonymise by `due_by`: apply [`ContractEvent::Anonymise`].
    AnonymiseDue { due_by: DateTime<Utc> },
}

impl DueEvent {
    /// The state change this event asks for; `None` for a notice or an invoice.
    pub fn contract_event(&self) -> Option<ContractEvent> {
        match self {
            DueEvent::TrialExpired { .. } => Some(ContractEvent::TrialExpired),
            DueEvent::StartNextTerm { .. } => Some(ContractEvent::StartNextTerm),
            DueEvent::EndContract { .. } => Some(ContractEvent::EndContract),
            DueEvent::DeactivationDue { .. } => Some(ContractEvent::Deactivate),
            DueEvent::SoftDeleteDue { .. } => Some(ContractEvent::SoftDelete),
            DueEvent::AnonymiseDue { .. } => Some(ContractEvent::Anonymise),
            DueEvent::NoticeTrialEndingSoon { .. }
            | DueEvent::NoticeRenewalComing { .. }
            | DueEvent::RenewalDue { .. }
            | DueEvent::NoticeDeactivationComing { .. } => None,
        }
    }
}

/// What the scheduler must do at `now` for a contract in `state`, notices and
/// invoices first, then at most one state change.
pub fn due_events(state: &ContractState, now: DateTime<Utc>) -> Vec<DueEvent> {
    let mut due = Vec::new();
    match *state {
        ContractState::Trial { ends_at } => {
            if now >= ends_at {
                due.push(DueEvent::TrialExpired { ended_at: ends_at });
            } else if now >= ends_at - Duration::days(TRIAL_ENDING_NOTICE_DAYS) {
                due.push(DueEvent::NoticeTrialEndingSoon {
                    trial_ends_at: ends_at,
                });
            }
        }
        ContractState::Active { term }
        | ContractState::Suspended {
            term,
            cancelled: None,
            ..
        } => {
            let deadline = cancellation_deadline(&term);
            if renewal_notice_from(&term) <= now && now <= deadline {
                due.push(DueEvent::NoticeRenewalComing {
                    term,
                    cancellation_deadline: deadline,
                });
            }
            if renewal_due(&term, false, now) {
                due.push(DueEvent::RenewalDue {
                    next_term: term.next(),
                });
            }
            if now >= term.ends_at() {
                due.push(DueEvent::StartNextTerm {
                    next_term: term.next(),
                });
            }
        }
        ContractState::Cancelled { term, .. }
        | ContractState::Suspended {
            term,
            cancelled: Some(_),
            ..
        } => {
            let ends_at = term.ends_at();
            if now >= ends_at {
                due.push(DueEvent::EndContract { last_term: term });
            } else if now >= ends_at - Duration::days(DEACTIVATION_NOTICE_DAYS) {
                due.push(DueEvent::NoticeDeactivationComing {
                    last_term: term,
                    window: deactivation_window(term.ends_on()),
                });
            }
        }
        ContractState::Ended { term } => {
            let window = deactivation_window(term.ends_on());
            if now >= window.not_before {
                due.push(DueEvent::DeactivationDue { window });
            }
        }
        ContractState::Deactivated { at, export_until } => {
            let since = soft_delete_due(at, export_until);
            if now >= since {
                due.push(DueEvent::SoftDeleteDue { since });
            }
        }
        ContractState::TerminatedByOperator {
            at, export_until, ..
        } => {
            let since = soft_delete_due(at, Some(export_until));
            if now >= since {
                due.push(DueEvent::SoftDeleteDue { since });
            }
        }
        ContractState::SoftDeleted { at } => {
            let due_by = anonymise_due_by(at);
            if now >= due_by - Duration::days(ANONYMISE_MARGIN_DAYS) {
                due.push(DueEvent::AnonymiseDue { due_by });
            }
        }
        ContractState::TrialExpired { .. } | ContractState::Anonymised { .. } => {}
    }
    due
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::cancellation::ChangeKind;
    use crate::contract::term::TermLength;
    use crate::contract::termination::DEFAULT_EXPORT_WINDOW_DAYS;
    use crate::trial::trial_ends_at;
    use chrono::{NaiveDate, TimeZone};
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

    fn year_2026() -> Term {
        Term::first(date(2026, 1, 1), TermLength::Year)
    }

    fn state_changes(state: &ContractState, now: DateTime<Utc>) -> Vec<ContractEvent> {
        due_events(state, now)
            .iter()
            .filter_map(DueEvent::contract_event)
            .collect()
    }

    /// Applies the due state changes until none is left, as a scheduler would.
    fn run_scheduler(mut state: ContractState, now: DateTime<Utc>) -> ContractState {
        for _ in 0..20 {
            match state_changes(&state, now).first() {
                Some(event) => {
                    state = transition(state, *event, now).expect("a due event is allowed")
                }
                None => break,
            }
        }
        state
    }

    #[test]
    fn a_whole_life_from_trial_to_anonymisation() {
        let registered = be(2025, 12, 10, 9, 0);
        let trial = ContractState::Trial {
            ends_at: trial_ends_at(registered),
        };
        assert!(due_events(&trial, registered).is_empty());
        assert_eq!(
            due_events(&trial, be(2025, 12, 22, 9, 0)),
            vec![DueEvent::NoticeTrialEndingSoon {
                trial_ends_at: be(2025, 12, 25, 9, 0)
            }]
        );
        let expired = run_scheduler(trial, be(2025, 12, 26, 0, 0));
        assert_eq!(
            expired,
            ContractState::TrialExpired {
                ended_at: be(2025, 12, 25, 9, 0)
            }
        );

        let term = year_2026();
        let active = transition(
            expired,
            ContractEvent::Ordered { term },
            be(2025, 12, 28, 10, 0),
        )
        .expect("order");
        assert_eq!(active.status(), ContractStatus::Active);

        // Renewal notice from 16 November (30 days before the last day to cancel, 16 December).
        assert!(due_events(&active, be(2026, 11, 15, 23, 59)).is_empty());
        assert_eq!(
            due_events(&active, be(2026, 11, 16, 0, 0)),
            vec![DueEvent::NoticeRenewalComing {
                term,
                cancellation_deadline: cancellation_deadline(&term)
            }]
        );

        // Cancelled in time on 10 December: runs to 31 December, no renewal.
        let cancelled = transition(
            active,
            ContractEvent::Cancel {
                change_notice: None,
            },
            be(2026, 12, 10, 14, 0),
        )
        .expect("in time");
        assert_eq!(
            cancelled,
            ContractState::Cancelled {
                term,
                ground: CancellationGround::InTime
            }
        );
        assert!(due_events(&cancelled, be(2026, 12, 20, 0, 0)).is_empty());
        let window = deactivation_window(date(2027, 1, 1));
        assert_eq!(
            due_events(&cancelled, be(2026, 12, 25, 0, 0)),
            vec![DueEvent::NoticeDeactivationComing {
                last_term: term,
                window
            }]
        );
        assert_eq!(
            transition(
                cancelled,
                ContractEvent::EndContract,
                be(2026, 12, 31, 23, 59)
            ),
            Err(TransitionRefused::TooEarly {
                action: "end",
                allowed_from: be(2027, 1, 1, 0, 0)
            })
        );

        // On 1 January the contract ends; deactivation is due at once, at the latest by the end of Tuesday 5 January.
        let new_year = be(2027, 1, 1, 0, 0);
        assert_eq!(
            state_changes(&cancelled, new_year),
            vec![ContractEvent::EndContract]
        );
        let ended = transition(cancelled, ContractEvent::EndContract, new_year).expect("term over");
        assert_eq!(ended, ContractState::Ended { term });
        assert_eq!(
            due_events(&ended, new_year),
            vec![DueEvent::DeactivationDue { window }]
        );
        assert_eq!(
            window.due_by,
            be(2027, 1, 6, 0, 0) - Duration::microseconds(1)
        );
        let deactivated =
            transition(ended, ContractEvent::Deactivate, be(2027, 1, 4, 9, 0)).expect("deactivate");
        assert_eq!(
            deactivated,
            ContractState::Deactivated {
                at: be(2027, 1, 4, 9, 0),
                export_until: None
            }
        );

        // No export window for a Client who terminated (it exports before, art. 15):
        // soft deletion is due at once, anonymisation within six months.
        let soft_deleted = run_scheduler(deactivated, be(2027, 1, 4, 9, 5));
        assert_eq!(
            soft_deleted,
            ContractState::SoftDeleted {
                at: be(2027, 1, 4, 9, 5)
            }
        );
        let due_by = anonymise_due_by(be(2027, 1, 4, 9, 5));
        assert!(due_events(&soft_deleted, due_by - Duration::days(8)).is_empty());
        assert_eq!(
            due_events(&soft_deleted, due_by - Duration::days(7)),
            vec![DueEvent::AnonymiseDue { due_by }]
        );
        let anonymised = run_scheduler(soft_deleted, due_by - Duration::days(7));
        assert_eq!(anonymised.status(), ContractStatus::Anonymised);
        assert!(due_events(&anonymised, due_by + Duration::days(1000)).is_empty());
    }

    #[test]
    fn renewal_is_invoiced_after_the_deadline_and_the_term_rolls_over_at_its_end() {
        let term = year_2026();
        let active = ContractState::Active { term };
        assert_eq!(
            due_events(&active, be(2026, 12, 17, 0, 0)),
            vec![DueEvent::RenewalDue {
                next_term: term.next()
            }]
        );
        assert_eq!(
            due_events(&active, be(2027, 1, 1, 0, 0)),
            vec![
                DueEvent::RenewalDue {
                    next_term: term.next()
                },
                DueEvent::StartNextTerm {
                    next_term: term.next()
                }
            ]
        );
        assert_eq!(
            run_scheduler(active, be(2027, 1, 1, 0, 0)),
            ContractState::Active { term: term.next() }
        );
        // A scheduler that was down for two years catches up one term at a time.
        assert_eq!(
            run_scheduler(active, be(2029, 2, 1, 0, 0)),
            ContractState::Active {
                term: Term::nth(date(2026, 1, 1), TermLength::Year, 4)
            }
        );
    }

    #[test]
    fn a_late_cancellation_is_refused_with_the_next_deadline() {
        let term = year_2026();
        let refused = transition(
            ContractState::Active { term },
            ContractEvent::Cancel {
                change_notice: None,
            },
            be(2026, 12, 17, 0, 0),
        )
        .expect_err("too late");
        match refused {
            TransitionRefused::Cancellation(refusal) => {
                assert_eq!(refusal.next_deadline, cancellation_deadline(&term.next()))
            }
            other => panic!("expected a cancellation refusal, got {other:?}"),
        }
        // With a price change notified on 1 December it is accepted.
        let notice = ChangeNotice {
            kind: ChangeKind::PriceChange,
            notified_at: be(2026, 12, 1, 9, 0),
        };
        let cancelled = transition(
            ContractState::Active { term },
            ContractEvent::Cancel {
                change_notice: Some(notice),
            },
            be(2026, 12, 20, 9, 0),
        );
        assert_eq!(
            cancelled,
            Ok(ContractState::Cancelled {
                term,
                ground: CancellationGround::ChangeNotice(notice)
            })
        );
    }

    #[test]
    fn suspension_keeps_the_term_running() {
        let term = year_2026();
        let suspended = transition(
            ContractState::Active { term },
            ContractEvent::Suspend,
            be(2026, 3, 1, 9, 0),
        )
        .expect("suspend");
        // Still renews while suspended.
        assert_eq!(
            run_scheduler(suspended, be(2027, 1, 2, 0, 0)),
            ContractState::Suspended {
                term: term.next(),
                cancelled: None,
                since: be(2026, 3, 1, 9, 0)
            }
        );
        let cancelled = transition(
            suspended,
            ContractEvent::Cancel {
                change_notice: None,
            },
            be(2026, 3, 2, 9, 0),
        )
        .expect("cancel");
        assert_eq!(
            transition(cancelled, ContractEvent::Reinstate, be(2026, 3, 3, 9, 0)),
            Ok(ContractState::Cancelled {
                term,
                ground: CancellationGround::InTime
            })
        );
        assert_eq!(
            state_changes(&cancelled, be(2027, 1, 1, 0, 0)),
            vec![ContractEvent::EndContract]
        );
        assert_eq!(
            transition(cancelled, ContractEvent::EndContract, be(2027, 1, 1, 0, 0)),
            Ok(ContractState::Ended { term })
        );
    }

    #[test]
    fn termination_by_ecom_opens_an_export_window_before_soft_deletion() {
        let term = year_2026();
        let now = be(2026, 3, 1, 10, 0);
        let terminated = transition(
            ContractState::Active { term },
            ContractEvent::TerminateByOperator {
                reason: OperatorTerminationReason::Insolvency,
                export_window_days: DEFAULT_EXPORT_WINDOW_DAYS,
            },
            now,
        )
        .expect("immediate");
        let export_until = be(2026, 4, 1, 0, 0) - Duration::microseconds(1);
        assert_eq!(
            terminated,
            ContractState::TerminatedByOperator {
                at: now,
                reason: OperatorTerminationReason::Insolvency,
                export_until
            }
        );
        assert!(due_events(&terminated, export_until).is_empty());
        assert_eq!(
            transition(terminated, ContractEvent::SoftDelete, export_until),
            Err(TransitionRefused::TooEarly {
                action: "have its data soft-deleted",
                allowed_from: be(2026, 4, 1, 0, 0)
            })
        );
        assert_eq!(
            run_scheduler(terminated, be(2026, 4, 1, 0, 0)),
            ContractState::SoftDeleted {
                at: be(2026, 4, 1, 0, 0)
            }
        );
        // A new order after Ecom terminated is not a transition of this contract (art. 15: Ecom may refuse).
        let refused = transition(
            terminated,
            ContractEvent::Ordered { term: term.next() },
            now,
        )
        .expect_err("no re-order");
        assert_eq!(
            refused.to_string(),
            "the contract is terminated by Ecom; it cannot be ordered"
        );
        // Breach without the 30 days of remedy: refused.
        let breach = OperatorTerminationReason::UnremediedMaterialBreach {
            notice_of_default_received_at: be(2026, 2, 20, 9, 0),
        };
        assert!(matches!(
            transition(
                ContractState::Active { term },
                ContractEvent::TerminateByOperator {
                    reason: breach,
                    export_window_days: 30
                },
                now
            ),
            Err(TransitionRefused::OperatorTermination(_))
        ));
    }

    #[test]
    fn illegal_transitions_are_refused_with_a_reason() {
        let term = year_2026();
        let now = be(2026, 6, 1, 9, 0);
        let cases = [
            (
                ContractState::Trial { ends_at: now },
                ContractEvent::Cancel {
                    change_notice: None,
                },
            ),
            (
                ContractState::Cancelled {
                    term,
                    ground: CancellationGround::InTime,
                },
                ContractEvent::StartNextTerm,
            ),
            (
                ContractState::Cancelled {
                    term,
                    ground: CancellationGround::InTime,
                },
                ContractEvent::Cancel {
                    change_notice: None,
                },
            ),
            (ContractState::Active { term }, ContractEvent::EndContract),
            (ContractState::Active { term }, ContractEvent::Deactivate),
            (ContractState::Active { term }, ContractEvent::Reinstate),
            (
                ContractState::Anonymised { at: now },
                ContractEvent::SoftDelete,
            ),
            (
                ContractState::SoftDeleted { at: now },
                ContractEvent::Ordered { term },
            ),
        ];
        for (state, event) in cases {
            assert!(
                matches!(
                    transition(state, event, now),
                    Err(TransitionRefused::NotAllowed { .. })
                ),
                "{state:?} + {event:?}"
            );
        }
        assert_eq!(
            transition(
                ContractState::Active { term },
                ContractEvent::StartNextTerm,
                now
            )
            .map_err(|e| e.to_string()),
            Err(
                "the contract cannot start a next term before 2027-01-01 00:00 (Belgian time)"
                    .to_owned()
            )
        );
    }

    fn any_state() -> impl Strategy<Value = (ContractState, DateTime<Utc>)> {
        let base = be(2026, 1, 1, 0, 0);
        (
            0usize..10,
            0i64..1_500,
            0i64..2_000 * 24 * 60,
            any::<bool>(),
            1u32..60,
        )
            .prop_map(move |(kind, start_day, now_minutes, quarterly, days)| {
                let length = if quarterly {
                    TermLength::Quarter
                } else {
                    TermLength::Year
                };
                let start = date(2026, 1, 1) + Duration::days(start_day);
                let term = Term::first(start, length);
                let at = base + Duration::days(start_day);
                let now = base + Duration::minutes(now_minutes);
                let state = match kind {
                    0 => ContractState::Trial { ends_at: at },
                    1 => ContractState::TrialExpired { ended_at: at },
                    2 => ContractState::Active { term },
                    3 => ContractState::Cancelled {
                        term,
                        ground: CancellationGround::InTime,
                    },
                    4 => ContractState::Suspended {
                        term,
                        cancelled: None,
                        since: at,
                    },
                    5 => ContractState::Suspended {
                        term,
                        cancelled: Some(CancellationGround::InTime),
                        since: at,
                    },
                    6 => ContractState::Ended { term },
                    7 => ContractState::Deactivated {
                        at,
                        export_until: (days % 2 == 0).then(|| export_window_ends(at, days)),
                    },
                    8 => ContractState::TerminatedByOperator {
                        at,
                        reason: OperatorTerminationReason::Dishonesty,
                        export_until: export_window_ends(at, days),
                    },
                    _ => ContractState::SoftDeleted { at },
                };
                (state, now)
            })
    }

    proptest! {
        #[test]
        fn due_events_are_repeatable_and_every_due_change_is_allowed((state, now) in any_state()) {
            let first = due_events(&state, now);
            prop_assert_eq!(&first, &due_events(&state, now));
            let changes: Vec<ContractEvent> = first.iter().filter_map(DueEvent::contract_event).collect();
            prop_assert!(changes.len() <= 1);
            // State changes come last, after the notices and invoices.
            if let Some(last) = first.last() {
                if !changes.is_empty() {
                    prop_assert!(last.contract_event().is_some());
                }
            }
            for event in changes {
                prop_assert!(transition(state, event, now).is_ok(), "{:?} + {:?} at {}", state, event, now);
            }
        }

        #[test]
        fn no_deactivation_before_the_term_ends((state, now) in any_state()) {
            if let Ok(ContractState::Deactivated { .. }) = transition(state, ContractEvent::Deactivate, now) {
                if let ContractState::Ended { term } = state {
                    prop_assert!(now >= term.ends_at());
                }
            }
        }
    }
}
