//! API keys for integrations, managed by the Administrator.

pub mod create;
pub mod list;
pub mod revoke;
pub mod rotate;
