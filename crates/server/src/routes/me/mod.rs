//! The caller's own account.

pub mod communications;
pub mod get;
pub mod password;
pub mod policies;
