//! Ecom's business rules, free of I/O.
//!
//! Everything here is a pure function of its arguments: the current time is
//! passed in (`now`), money is [`rust_decimal::Decimal`] and every rounding is
//! named where it happens. The API and storage crates call into this crate;
//! this crate never calls out.

pub mod account;
pub mod billing;
pub mod calendar;
pub mod consent;
pub mod contract;
pub mod country;
pub mod crm;
pub mod ids;
pub mod money;
pub mod notice;
pub mod policy;
pub mod retention;
pub mod sales;
pub mod trial;
pub mod vat;
pub mod work;

pub use account::{EmailAddress, LoginLockout, Password, PersonName, Role};
pub use country::Country;
pub use ids::{ApiKeyId, CompanyId, ContactId, DealId, OperatorId, SessionId, TenantId, UserId};
pub use vat::VatNumber;
