//! Application state that outlives a page: the session (who is logged in),
//! and the pure rules behind the forms (the plan chosen, its price summary).
//!
//! Everything here is plain Rust with no browser API, so its rules are unit
//! tested natively with `cargo test -p ecom-web`; persistence lives in
//! [`persist`], which only the browser build calls.

pub mod billing;
pub mod form;
pub mod persist;
pub mod plan;
pub mod session;
pub mod status;

pub use session::{Credentials, SessionAction, SessionKind, SessionState, SignOutReason};
