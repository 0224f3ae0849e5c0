//! The operator's policy documents and their current versions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A version of a policy document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyVersion {
    /// `terms`, `privacy`, `data_processing` or `cookies`.
    pub kind: String,
    /// The version label, quoted when accepting (e.g. `2026-01`).
    pub version: String,
    /// The document's title.
    pub title: String,
    /// From when this version applies.
    pub effective_from: DateTime<Utc>,
}

/// The versions in force now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CurrentPolicies {
    pub policies: Vec<PolicyVersion>,
}

/// The policy versions a person accepts when registering; each must be the
/// version in force (see `GET /api/v1/policies`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PolicyAcceptance {
    /// Version of the general terms and conditions accepted.
    pub terms: String,
    /// Version of the privacy statement accepted.
    pub privacy: String,
    /// Version of the data processing agreement accepted.
    pub data_processing: String,
}
