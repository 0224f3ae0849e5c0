//! Application state that outlives a page: the session (who is logged in).
//!
//! Everything here is plain Rust with no browser API, so its rules are unit
//! tested natively with `cargo test -p ecom-web`; persistence lives in
//! [`persist`], which only the browser build calls.

pub mod form;
pub mod persist;
pub mod session;

pub use session::{Credentials, SessionAction, SessionState, SignOutReason};
