//! Helpdesk service levels: how soon a ticket must get its first public
//! reply and be resolved, per priority.
//!
//! Our choice (documented for the tenant in the ticket view):
//!
//! | priority | first response | resolution |
//! |---|---|---|
//! | urgent | 1 hour | 4 hours |
//! | high | 4 hours | 24 hours |
//! | normal | 8 hours | 72 hours (3 days) |
//! | low | 24 hours | 120 hours (5 days) |
//!
//! The targets run on the clock (24/7, no business hours: what a customer
//! reads as "within 4 hours" is clock time), from the ticket's creation.
//! The clock **pauses while the ticket is `pending`** (waiting for the
//! customer) and while it is resolved or closed (a reopened ticket resumes
//! where it stopped). A target met exactly at the due instant is met; one
//! second later it is breached. The first response is the first public reply;
//! internal notes do not count.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// A ticket's priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    Normal,
    High,
    Urgent,
}

impl Priority {
    pub const ALL: [Priority; 4] = [
        Priority::Low,
        Priority::Normal,
        Priority::High,
        Priority::Urgent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == raw)
    }

    /// The service-level targets of this priority.
    pub fn targets(self) -> Targets {
        let (first, resolve) = match self {
            Priority::Urgent => (1, 4),
            Priority::High => (4, 24),
            Priority::Normal => (8, 72),
            Priority::Low => (24, 120),
        };
        Targets {
            first_response: Duration::hours(first),
            resolution: Duration::hours(resolve),
        }
    }
}

/// How long the first response and the resolution may take (SLA clock time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Targets {
    pub first_response: Duration,
    pub resolution: Duration,
}

/// A time the SLA clock stood still: from `from` until `until` (open while
/// the ticket is still pending, resolved or closed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub from: DateTime<Utc>,
    pub until: Option<DateTime<Utc>>,
}

/// What the SLA rules need to know about a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketClock {
    pub priority: Priority,
    pub created_at: DateTime<Utc>,
    /// Oldest first; at most the last one open.
    pub pauses: Vec<Pause>,
    pub first_response_at: Option<DateTime<Utc>>,
    /// When the ticket was resolved (or closed); `None` while it is open.
    pub resolved_at: Option<DateTime<Utc>>,
}

/// One target's state at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timer {
    /// When the target falls due (moves later while the clock is paused).
    pub due_at: DateTime<Utc>,
    /// When it was met, if it was.
    pub met_at: Option<DateTime<Utc>>,
    /// Seconds left at `now` (or when met); negative once overdue.
    pub remaining_seconds: i64,
    /// Met after the due instant, or still open past it.
    pub breached: bool,
    /// The clock stands still right now (the ticket is pending, resolved or closed).
    pub paused: bool,
}

/// Both targets of a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sla {
    pub first_response: Timer,
    pub resolution: Timer,
}

impl Sla {
    /// Whether either target is breached.
    pub fn breached(&self) -> bool {
        self.first_response.breached || self.resolution.breached
    }

    /// The due instant that matters next: the first response while it is
    /// open, else the resolution while open; `None` when both are met.
    pub fn next_due(&self) -> Option<DateTime<Utc>> {
        if self.first_response.met_at.is_none() {
            Some(self.first_response.due_at)
        } else if self.resolution.met_at.is_none() {
            Some(self.resolution.due_at)
        } else {
            None
        }
    }
}

/// The ticket's service-level state at `now`.
pub fn evaluate(ticket: &TicketClock, now: DateTime<Utc>) -> Sla {
    let targets = ticket.priority.targets();
    Sla {
        first_response: timer(
            ticket,
            targets.first_response,
            ticket.first_response_at,
            now,
        ),
        resolution: timer(ticket, targets.resolution, ticket.resolved_at, now),
    }
}

fn timer(
    ticket: &TicketClock,
    target: Duration,
    met_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Timer {
    // The clock stops when the target is met; pauses after that do not count.
    let stop = met_at.unwrap_or(now).max(ticket.created_at);
    let mut due_at = ticket.created_at + target;
    let mut paused = false;
    let mut pauses = ticket.pauses.clone();
    pauses.sort_by_key(|p| p.from);
    for pause in pauses {
        // A pause that begins once the target fell due does not rescue it.
        if pause.from >= due_at {
            continue;
        }
        if met_at.is_none() && pause.from <= stop && pause.until.is_none_or(|u| u > stop) {
            paused = true;
        }
        // Only the part before the clock stopped moves the due instant.
        if pause.from >= stop {
            continue;
        }
        let until = pause.until.unwrap_or(stop).min(stop);
        if until > pause.from {
            due_at += until - pause.from;
        }
    }
    Timer {
        due_at,
        met_at,
        remaining_seconds: (due_at - stop).num_seconds(),
        breached: stop > due_at,
        paused,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, h, m, 0).unwrap()
    }

    fn ticket(priority: Priority) -> TicketClock {
        TicketClock {
            priority,
            created_at: at(9, 0),
            pauses: vec![],
            first_response_at: None,
            resolved_at: None,
        }
    }

    #[test]
    fn an_urgent_ticket_is_due_in_one_and_four_hours() {
        let sla = evaluate(&ticket(Priority::Urgent), at(9, 30));
        assert_eq!(sla.first_response.due_at, at(10, 0));
        assert_eq!(sla.resolution.due_at, at(13, 0));
        assert_eq!(sla.first_response.remaining_seconds, 30 * 60);
        assert!(!sla.breached());
        assert_eq!(sla.next_due(), Some(at(10, 0)));
    }

    #[test]
    fn exactly_at_the_target_is_met_one_second_later_is_breached() {
        let mut t = ticket(Priority::Urgent);
        assert!(!evaluate(&t, at(10, 0)).first_response.breached);
        assert_eq!(evaluate(&t, at(10, 0)).first_response.remaining_seconds, 0);
        assert!(
            evaluate(&t, at(10, 0) + Duration::seconds(1))
                .first_response
                .breached
        );
        t.first_response_at = Some(at(10, 0));
        let sla = evaluate(&t, at(18, 0));
        assert!(
            !sla.first_response.breached,
            "answered at the due instant is in time"
        );
        assert_eq!(sla.first_response.met_at, Some(at(10, 0)));
        t.first_response_at = Some(at(10, 0) + Duration::seconds(1));
        assert!(evaluate(&t, at(18, 0)).first_response.breached);
    }

    #[test]
    fn pending_pauses_the_clock_and_resuming_keeps_the_rest() {
        let mut t = ticket(Priority::High);
        t.first_response_at = Some(at(9, 10));
        // Pending from 10:00; at 15:00 it is still pending: 1 hour used, 23 left, frozen.
        t.pauses = vec![Pause {
            from: at(10, 0),
            until: None,
        }];
        let sla = evaluate(&t, at(15, 0));
        assert!(sla.resolution.paused);
        assert_eq!(sla.resolution.remaining_seconds, 23 * 3600);
        assert_eq!(sla.resolution.due_at, at(15, 0) + Duration::hours(23));
        let later = evaluate(&t, at(20, 0));
        assert_eq!(
            later.resolution.remaining_seconds,
            23 * 3600,
            "nothing runs while pending"
        );
        // The customer answers at 16:00: the due instant is fixed again.
        t.pauses = vec![Pause {
            from: at(10, 0),
            until: Some(at(16, 0)),
        }];
        let sla = evaluate(&t, at(17, 0));
        assert!(!sla.resolution.paused);
        assert_eq!(sla.resolution.due_at, at(9, 0) + Duration::hours(24 + 6));
        assert_eq!(sla.resolution.remaining_seconds, 22 * 3600);
    }

    #[test]
    fn a_pause_that_starts_now_already_pauses() {
        let mut t = ticket(Priority::Urgent);
        t.pauses = vec![Pause {
            from: at(9, 30),
            until: None,
        }];
        let sla = evaluate(&t, at(9, 30));
        assert!(sla.first_response.paused && sla.resolution.paused);
        assert_eq!(sla.first_response.remaining_seconds, 30 * 60);
    }

    #[test]
    fn a_pause_after_the_due_instant_does_not_rescue_a_breach() {
        let mut t = ticket(Priority::Urgent);
        t.pauses = vec![Pause {
            from: at(10, 30),
            until: None,
        }];
        let sla = evaluate(&t, at(11, 0));
        assert_eq!(sla.first_response.due_at, at(10, 0));
        assert!(sla.first_response.breached);
    }

    #[test]
    fn a_pause_before_the_first_response_delays_it_too() {
        let mut t = ticket(Priority::Urgent);
        t.pauses = vec![Pause {
            from: at(9, 15),
            until: Some(at(9, 45)),
        }];
        let sla = evaluate(&t, at(10, 15));
        assert_eq!(sla.first_response.due_at, at(10, 30));
        assert!(!sla.first_response.breached);
    }

    #[test]
    fn resolution_stops_the_clock_and_later_pauses_do_not_count() {
        let mut t = ticket(Priority::Urgent);
        t.first_response_at = Some(at(9, 5));
        t.resolved_at = Some(at(12, 0));
        t.pauses = vec![Pause {
            from: at(12, 0),
            until: None,
        }];
        let sla = evaluate(&t, at(23, 0));
        assert_eq!(sla.resolution.due_at, at(13, 0));
        assert_eq!(sla.resolution.remaining_seconds, 3600);
        assert!(!sla.resolution.breached);
        assert!(!sla.resolution.paused);
        assert_eq!(sla.next_due(), None);
    }

    #[test]
    fn every_priority_has_a_shorter_first_response_than_resolution() {
        for p in Priority::ALL {
            let t = p.targets();
            assert!(t.first_response < t.resolution, "{p:?}");
            assert_eq!(Priority::parse(p.as_str()), Some(p));
        }
        assert_eq!(Priority::Low.targets().resolution, Duration::hours(120));
    }
}
