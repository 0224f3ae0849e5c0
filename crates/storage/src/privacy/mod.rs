//! Personal data: the registry of tables (what is exported and erased),
//! data-subject requests, restrictions, prospects and the erasure log.

pub mod dynamic;
pub mod erasures;
pub mod prospects;
pub mod registry;
pub mod requests;
pub mod restrictions;
