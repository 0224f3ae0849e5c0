//! The caller's own account.

pub mod communications;
pub mod get;
pub mod policies;
pub mod password;
