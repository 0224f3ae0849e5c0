//! Invitations, accepted by the invitee (no account yet, so no log-in).

pub mod accept;
