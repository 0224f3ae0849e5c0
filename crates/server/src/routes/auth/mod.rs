//! Log-in, token refresh and log-out for users and operators.

pub mod login;
pub mod logout;
pub mod refresh;
