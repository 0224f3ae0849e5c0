//! A person's own data-subject requests (`/api/v1/privacy/requests`):
//! filed from their account, for themself only.

pub mod export;
pub mod file;
pub mod get;
pub mod list;
pub mod send_code;
pub mod verify;

use ecom_domain::{TenantId, UserId};

use crate::auth::caller::Caller;
use crate::auth::TenantCaller;
use crate::error::ApiError;

/// The logged-in person (an API key acts for the tenant, not for a person).
pub fn person(caller: &TenantCaller) -> Result<(TenantId, UserId), ApiError> {
    match caller.caller {
        Caller::User { tenant, user, .. } => Ok((tenant, user)),
        _ => Err(ApiError::Forbidden {
            code: "person_only",
            detail: "a privacy request is filed by the person themself, logged in; an API key cannot file one".into(),
        }),
    }
}
