//! The caller's own account.

pub mod get;
pub mod password;
