//! The one clock of the server. Production reads the system clock; a server
//! started with `--dev-clock` lets the operator move it (`PUT
//! /api/v1/operator/clock`) so time-based rules can be tested end to end.

use std::sync::{Arc, RwLock};

use chrono::{DateTime, Duration, DurationRound, Utc};

/// A shareable clock. Cloning shares the same time source.
#[derive(Clone, Debug)]
pub struct Clock {
    /// How far the clock is set ahead of (or behind) the system clock.
    offset: Option<Arc<RwLock<Duration>>>,
}

impl Clock {
    /// The system clock; cannot be moved.
    pub fn system() -> Self {
        Self { offset: None }
    }

    /// A clock that can be set, starting at the system time.
    pub fn adjustable() -> Self {
        Self {
            offset: Some(Arc::new(RwLock::new(Duration::zero()))),
        }
    }

    /// Now, truncated to the microsecond so it survives a round trip through
    /// either database unchanged.
    pub fn now(&self) -> DateTime<Utc> {
        let offset = self.offset.as_ref().map_or(Duration::zero(), |o| {
            *o.read().unwrap_or_else(|e| e.into_inner())
        });
        let now = Utc::now() + offset;
        now.duration_trunc(Duration::microseconds(1)).unwrap_or(now)
    }

    pub fn is_adjustable(&self) -> bool {
        self.offset.is_some()
    }

    /// Sets the clock so that it reads `now` at this instant and runs on from
    /// there. Returns false on a system clock, which cannot be set.
    pub fn set(&self, now: DateTime<Utc>) -> bool {
        let Some(offset) = &self.offset else {
            return false;
        };
        *offset.write().unwrap_or_else(|e| e.into_inner()) = now - Utc::now();
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjustable_clock_moves_system_clock_does_not() {
        let clock = Clock::adjustable();
        let target = Utc::now() + Duration::days(400);
        assert!(clock.set(target));
        let read = clock.now();
        assert!(read >= target - Duration::seconds(1) && read <= target + Duration::seconds(5));
        let shared = clock.clone();
        assert!((shared.now() - target).num_days() == 0);
        assert!(!Clock::system().set(target));
    }
}
