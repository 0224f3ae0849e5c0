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
    /// The contract's state, if the tenant ordered: `active`, `cancelled`,
    /// `ended`, `suspended`, `terminated`, `deactivated`.
    #[serde(default)]
    pub contract_status: Option<String>,
    /// When the current term ends.
    #[serde(default)]
    pub term_ends_on: Option<chrono::NaiveDate>,
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

/// `POST /api/v1/operator/tenants/{id}/terminate`: termination for
/// exceptional circumstances (terms art. 15).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TerminateRequest {
    /// A reason code from art. 15 (see the error for the list).
    pub reason: String,
    /// Days the Client may still export its data; 30 if omitted.
    #[serde(default)]
    pub export_window_days: Option<u32>,
    /// For `unremedied_material_breach`: when the Client received the notice
    /// of default; for `prolonged_force_majeure`: since when it lasts.
    #[serde(default)]
    pub since: Option<DateTime<Utc>>,
}

/// `POST /api/v1/operator/price-changes`: announce a new annual price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PriceChangeRequest {
    /// `basic`, `seat` or a module code.
    pub item: String,
    /// EUR per year, excluding VAT.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "540.00"))]
    pub annual_price: rust_decimal::Decimal,
    /// From when it applies (to terms starting then or later); at least one
    /// month after today for existing contracts.
    pub effective_from: DateTime<Utc>,
}

/// What announcing a price change did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PriceChangeAnnounced {
    pub item: String,
    pub effective_from: DateTime<Utc>,
    /// Clients notified (each may terminate within 30 days).
    pub clients_notified: u32,
}

/// `POST /api/v1/operator/policy-changes`: a new version of a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PolicyChangeRequest {
    /// `terms`, `privacy`, `data_processing` or `cookies`.
    pub kind: String,
    /// The new version label, e.g. `2027-01`.
    pub version: String,
    pub title: String,
    /// From when it applies; must be in the future.
    pub effective_from: DateTime<Utc>,
    /// What changes, in a sentence for the Clients.
    pub summary: String,
    /// The full text of the new version, shown at `/legal/...`.
    #[serde(default)]
    pub body: Option<String>,
}

/// What announcing a policy change did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyChangeAnnounced {
    pub kind: String,
    pub version: String,
    /// Tenants whose Administrator was notified.
    pub tenants_notified: u32,
    /// Other people (Users) notified of a new privacy statement.
    #[serde(default)]
    pub people_notified: u32,
}
