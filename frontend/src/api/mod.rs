//! The HTTP API, one function per endpoint, grouped by resource. Bodies are
//! the shared `ecom_types`, never hand-copied DTOs.

pub mod api_keys;
pub mod auth;
pub mod billing;
pub mod catalogue;
pub mod change_notices;
pub mod client;
pub mod consent;
pub mod contract;
pub mod crm;
pub mod invitations;
pub mod invoices;
pub mod me;
pub mod operator;
pub mod policies;
pub mod privacy;
pub mod prospects;
pub mod sales;
pub mod status;
pub mod timeline;
pub mod users;
pub mod work;

pub use client::{Api, ApiError};
