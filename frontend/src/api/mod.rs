//! The HTTP API, one function per endpoint, grouped by resource. Bodies are
//! the shared `ecom_types`, never hand-copied DTOs.

pub mod api_keys;
pub mod auth;
pub mod client;
pub mod invitations;
pub mod me;
pub mod policies;
pub mod users;

pub use client::{Api, ApiError};
