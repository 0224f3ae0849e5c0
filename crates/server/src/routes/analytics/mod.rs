//! Pseudonymous usage analytics (SPEC §4): events from the web app keyed by
//! the random id of the performance cookie, never by e-mail, user id or IP
//! address; the operator sees only counts.

pub mod events;
pub mod report;
