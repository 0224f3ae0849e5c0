//! The platform operator's (Ecom staff) view: tenants as companies, never
//! their customer data.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The operator who is logged in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OperatorView {
    pub id: Uuid,
    pub email: String,
    pub created_at: DateTime<Utc>,
}

/// A tenant as the operator sees it: company data and account state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantSummary {
    pub id: Uuid,
    pub name: String,
    pub country: String,
    pub vat_number: Option<String>,
    pub status: String,
    pub trial_ends_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Accounts that are not deactivated.
    pub active_users: i64,
}

/// All tenants, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TenantSummaryList {
    pub items: Vec<TenantSummary>,
}

/// The server's clock. Settable only on a server started with `--dev-clock`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ClockSetting {
    /// The time the server should consider "now"; it keeps running from there.
    pub now: DateTime<Utc>,
}
