//! Marketing communications (SPEC §4 "Marketing"): messages to the people who
//! consent to a list, the one-click unsubscribe link, the operator's
//! suppression list ("call me no more") and consents recorded on request.

pub mod consent;
pub mod send;
pub mod suppressions;
pub mod unsubscribe;

use chrono::{DateTime, Utc};
use ecom_domain::consent::MarketingList;
use ecom_storage::{consent as store, DbConnection};

use crate::consent::UnsubscribeToken;
use crate::error::ApiError;

/// The suppression scopes that stop a message of `list`.
pub fn stopping_scopes(list: MarketingList) -> [&'static str; 2] {
    [list.as_str(), "all_marketing"]
}

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

/// At sending time: the token when the queued message may still go out, or
/// `None` when the token is not valid, it was not made for this recipient,
/// or the address has been suppressed since it was queued.
pub fn deliverable(
    conn: &mut DbConnection,
    recipient: &str,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, ApiError> {
    let Some(parsed) = UnsubscribeToken::verify(conn, token, now)? else {
        return Ok(None);
    };
    if parsed.address_hash != crate::consent::email_hash(conn, recipient, now)? {
        return Ok(None);
    }
    if store::is_suppressed(conn, &parsed.address_hash, &stopping_scopes(parsed.list))? {
        return Ok(None);
    }
    Ok(Some(token.to_owned()))
}
