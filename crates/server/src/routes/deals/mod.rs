//! Deals: the sales pipeline (CRM module).

pub mod create;
pub mod delete;
pub mod get;
pub mod list;
pub mod pipeline;
pub mod update;
