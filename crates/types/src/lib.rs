//! The JSON bodies of Ecom's HTTP API (`/api/v1`), shared by the server and the
//! SPA so the two cannot drift apart.
//!
//! Requests reject unknown fields: a misspelt field is an error, not silently
//! ignored. With the `openapi` feature every type is also an OpenAPI schema;
//! the `///` comments on fields become its descriptions.

pub mod auth;
pub mod billing;
pub mod consent;
pub mod contract;
pub mod crm;
pub mod error;
pub mod health;
pub mod operator;
pub mod page;
pub mod policy;
pub mod privacy;
pub mod prospects;
pub mod sales;
pub mod status;
pub mod tenant;
pub mod user;
pub mod webhooks;
pub mod work;

pub use error::{FieldError, Problem};
