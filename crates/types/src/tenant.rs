//! The tenant (Client): a registered company.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A tenant as its own people see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantView {
    pub id: Uuid,
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Normalised (`BE0810231595`).
    pub vat_number: Option<String>,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    /// `trial`, `trial_expired`, `active`, `suspended`, `terminated` or `deactivated`.
    pub status: String,
    /// When the free trial ends (or ended).
    pub trial_ends_at: Option<DateTime<Utc>>,
    /// Whole days of trial left, a started day counting as one; 0 once ended.
    pub trial_days_left: i64,
    /// Whether the modules may be used now (false once the trial has ended
    /// without an order: log-in, ordering, export and invoices still work).
    pub modules_available: bool,
    pub created_at: DateTime<Utc>,
}
