//! What every handler can reach: the database, the clock and the auth keys.

use ecom_storage::Database;

use crate::auth::tokens::TokenKeys;
use crate::clock::Clock;
use crate::mail::Mailer;
use crate::settings::Settings;

/// Shared application state (cheap to clone).
#[derive(Clone)]
pub struct AppState {
    pub db: Database,
    pub clock: Clock,
    pub keys: TokenKeys,
    pub settings: Settings,
    pub mailer: Mailer,
}
