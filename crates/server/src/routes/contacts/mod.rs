//! People among the tenant's customers and prospects (CRM module).

pub mod create;
pub mod delete;
pub mod duplicates;
pub mod export;
pub mod get;
pub mod import;
pub mod list;
pub mod update;

pub use super::companies::{DuplicateQuery, ImportQuery};
