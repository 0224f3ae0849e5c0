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
    /// Versions announced that do not apply yet, soonest first.
    #[serde(default)]
    pub upcoming: Vec<PolicyVersion>,
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

/// A policy document's version with its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyDocument {
    pub kind: String,
    pub version: String,
    pub title: String,
    pub effective_from: DateTime<Utc>,
    /// `in_force` (the version that applies now), `upcoming` or `superseded`.
    pub status: String,
    /// What changed compared with the previous version.
    pub summary: String,
    /// The full text (plain text, paragraphs separated by blank lines).
    pub body: String,
}

/// One kind's versions: the one in force and the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyHistory {
    pub kind: String,
    /// The version in force, with its text.
    pub current: PolicyDocument,
    /// Every version, the latest effective date first (announced ones included).
    pub versions: Vec<PolicyVersion>,
}

/// A version a person accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptedPolicy {
    pub kind: String,
    pub version: String,
    pub accepted_at: DateTime<Utc>,
}

/// What the caller accepted, and the versions in force they still have to accept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MyPolicies {
    pub accepted: Vec<AcceptedPolicy>,
    /// Versions in force not yet accepted (terms and privacy statement for
    /// everyone; the data processing agreement for the Administrator).
    pub pending: Vec<PolicyVersion>,
}

/// Accepting a version in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcceptPolicyRequest {
    pub kind: String,
    pub version: String,
}
