//! Typed identifiers of the work modules' resources.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! work_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<Uuid> for $name {
            fn from(value: Uuid) -> Self {
                Self(value)
            }
        }
    };
}

work_id!(
    /// A calendar event or meeting.
    EventId
);
work_id!(
    /// A project.
    ProjectId
);
work_id!(
    /// A task of a project.
    TaskId
);
work_id!(
    /// A time entry (time a user spent on a project).
    TimeEntryId
);
work_id!(
    /// A helpdesk ticket.
    TicketId
);
work_id!(
    /// A reply or internal note on a ticket.
    TicketMessageId
);
work_id!(
    /// A call record.
    CallId
);
work_id!(
    /// An entry of the "call me no more" list.
    DoNotCallId
);
