//! The operator's prospects: marketing contacts without an account (e.g.
//! found in the KBO), kept at most two years after the last interaction and
//! erased at once after "not interested" (SPEC §4).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Where a prospect's contact details came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProspectSource {
    /// The Crossroads Bank for Enterprises (public register).
    Kbo,
    /// A form on the website.
    Website,
    /// Met at an event or fair.
    Event,
    /// Recommended by someone.
    Referral,
    Other,
}

impl ProspectSource {
    pub const ALL: [ProspectSource; 5] = [
        ProspectSource::Kbo,
        ProspectSource::Website,
        ProspectSource::Event,
        ProspectSource::Referral,
        ProspectSource::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProspectSource::Kbo => "kbo",
            ProspectSource::Website => "website",
            ProspectSource::Event => "event",
            ProspectSource::Referral => "referral",
            ProspectSource::Other => "other",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }
}

/// Whether Ecom may still contact the prospect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProspectStatus {
    Active,
    /// Said "not interested": left alone for good; the next retention sweep
    /// erases the record and only a keyed hash on the suppression list remains.
    NotInterested,
}

impl ProspectStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ProspectStatus::Active => "active",
            ProspectStatus::NotInterested => "not_interested",
        }
    }
}

/// A new prospect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProspectRequest {
    /// Required; refused when it is on the suppression list.
    pub email: String,
    #[serde(default)]
    pub full_name: Option<String>,
    /// As typed; stored in E.164 (`+32470123467`). A leading single 0 means
    /// Belgium. Refused when it is on the suppression list.
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub company: Option<String>,
    /// What the prospect is interested in (at most 2000 characters).
    #[serde(default)]
    pub interest_notes: Option<String>,
    pub source: ProspectSource,
}

/// Changes to a prospect: absent fields stay, an empty text clears an
/// optional field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProspectUpdate {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub full_name: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub company: Option<String>,
    #[serde(default)]
    pub interest_notes: Option<String>,
    #[serde(default)]
    pub source: Option<ProspectSource>,
    /// True: there was an interaction now (a call, a reply), which restarts
    /// the two-year retention period.
    #[serde(default)]
    pub record_interaction: bool,
}

/// A prospect as the operator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProspectView {
    pub id: Uuid,
    pub email: String,
    pub full_name: Option<String>,
    /// E.164.
    pub phone: Option<String>,
    pub company: Option<String>,
    pub interest_notes: Option<String>,
    pub source: ProspectSource,
    pub status: ProspectStatus,
    pub created_at: DateTime<Utc>,
    pub last_interaction_at: DateTime<Utc>,
    pub not_interested_at: Option<DateTime<Utc>>,
    /// From when the retention sweep erases the record: two years after the
    /// last interaction (Brussels days), or at once after "not interested".
    pub erase_after: Option<DateTime<Utc>>,
}
