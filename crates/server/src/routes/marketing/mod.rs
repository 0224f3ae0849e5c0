//! Marketing communications (SPEC §4 "Marketing"): messages to the people who
//! consent to a list, the one-click unsubscribe link, the operator's
//! suppression list ("call me no more") and consents recorded on request.

pub mod consent;
pub mod send;
pub mod suppressions;
pub mod unsubscribe;

use ecom_domain::consent::MarketingList;

use crate::error::ApiError;

pub use crate::consent::stopping_scopes;

/// Parses a marketing list name, or a field error.
pub fn parse_list(raw: &str) -> Result<MarketingList, ApiError> {
    MarketingList::parse(raw).ok_or_else(|| {
        ApiError::field(
            "list",
            ecom_domain::account::InvalidInput::new(
                "unknown_list",
                "the list is onboarding, product_updates, newsletter or events",
            ),
        )
    })
}
