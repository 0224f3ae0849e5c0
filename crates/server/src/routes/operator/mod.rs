//! The operator's (Ecom staff) endpoints. None of them reads a tenant's
//! customer data.

pub mod clock;
pub mod contracts;
pub mod login;
pub mod me;
pub mod privacy;
pub mod prospects;
pub mod retention;
pub mod tenants;
