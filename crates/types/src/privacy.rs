//! Data-subject requests, the retention dry run and the tenant export.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A right of the person (privacy statement "What are my privacy rights").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum PrivacyRight {
    /// A copy of everything Ecom holds about the person (JSON + CSV in a zip).
    Access,
    /// Correct or complete personal data.
    Rectification,
    /// Erase what may be erased; the answer says what was kept and under which legal hold.
    Erasure,
    /// Keep the data but stop using it for marketing and analytics until lifted.
    Restriction,
    /// Withdraw consent: off every marketing list at once.
    WithdrawalOfConsent,
    /// The same export as access, meant to move to another provider.
    Portability,
    /// Object to direct marketing: takes effect at once.
    ObjectionToDirectMarketing,
}

impl PrivacyRight {
    pub const ALL: [PrivacyRight; 7] = [
        PrivacyRight::Access,
        PrivacyRight::Rectification,
        PrivacyRight::Erasure,
        PrivacyRight::Restriction,
        PrivacyRight::WithdrawalOfConsent,
        PrivacyRight::Portability,
        PrivacyRight::ObjectionToDirectMarketing,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PrivacyRight::Access => "access",
            PrivacyRight::Rectification => "rectification",
            PrivacyRight::Erasure => "erasure",
            PrivacyRight::Restriction => "restriction",
            PrivacyRight::WithdrawalOfConsent => "withdrawal_of_consent",
            PrivacyRight::Portability => "portability",
            PrivacyRight::ObjectionToDirectMarketing => "objection_to_direct_marketing",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == raw)
    }
}

/// A logged-in person files a request for themself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FilePrivacyRequest {
    pub right: PrivacyRight,
    /// What the person asks, in their words (for rectification: what is wrong). At most 2000 characters.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(example = "My phone number changed to +32 9 123 45 67")
    )]
    pub details: Option<String>,
}

/// The operator files a request for someone who wrote in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OperatorFilePrivacyRequest {
    /// The person's e-mail address (their account's, or the one they wrote from).
    #[cfg_attr(feature = "openapi", schema(example = "an@bakkerij-peeters.be"))]
    pub subject_email: String,
    pub right: PrivacyRight,
    #[serde(default)]
    pub details: Option<String>,
    /// When the request reached Ecom (the deadline runs from it); default now. Not in the future.
    #[serde(default)]
    pub received_at: Option<DateTime<Utc>>,
}

/// The e-mailed one-time code that proves the person controls the account's address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VerifyPrivacyRequest {
    #[cfg_attr(feature = "openapi", schema(example = "482913"))]
    pub code: String,
}

/// How the operator verified the person's identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OperatorVerifyPrivacyRequest {
    /// e.g. `identity_card_front`, `known_account_address`. Letters, digits and `_`, at most 50.
    #[cfg_attr(feature = "openapi", schema(example = "identity_card_front"))]
    pub method: String,
}

/// Extends the deadline by two months, once, before it passes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ExtendPrivacyRequest {
    /// Why (told to the person; no personal data). At most 500 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "Complex request: data in several systems")
    )]
    pub reason: String,
}

/// Corrected account fields (rectification); fields left out are not changed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Rectification {
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub function: Option<String>,
}

/// The operator carries out a request.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CompletePrivacyRequest {
    /// For rectification: the corrected fields.
    #[serde(default)]
    pub rectification: Option<Rectification>,
}

/// The operator refuses a request (e.g. identity could not be verified).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RejectPrivacyRequest {
    /// Why (told to the person). At most 500 characters.
    pub reason: String,
}

/// One table's part of an answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OutcomeItem {
    /// The data set (table name).
    pub table: String,
    /// What it holds, in words.
    pub what: String,
    /// Rows erased or overwritten.
    pub erased: u64,
    /// Rows kept.
    pub kept: u64,
    /// Why they were kept: the legal hold or obligation.
    pub kept_because: Option<String>,
}

/// What was done, item by item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestOutcome {
    pub summary: String,
    #[serde(default)]
    pub items: Vec<OutcomeItem>,
}

/// A request as the person or the operator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrivacyRequestView {
    pub id: Uuid,
    pub right: PrivacyRight,
    /// `awaiting_verification`, `in_progress`, `completed` or `rejected`.
    pub status: String,
    /// `self` (from the account) or `operator` (on behalf of someone who wrote in).
    pub filed_by: String,
    pub subject_email: String,
    pub details: Option<String>,
    pub received_at: DateTime<Utc>,
    /// One calendar month after receipt, end of that Belgian day.
    pub due_at: DateTime<Utc>,
    pub extended_due_at: Option<DateTime<Utc>>,
    pub extension_reason: Option<String>,
    /// The deadline in force.
    pub deadline: DateTime<Utc>,
    /// Open and past the deadline.
    pub overdue: bool,
    /// Whether identity must be (or was) verified for this right.
    pub needs_verification: bool,
    pub verified_at: Option<DateTime<Utc>>,
    pub verification_method: Option<String>,
    pub outcome: Option<RequestOutcome>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The export (zip) can be downloaded.
    pub export_available: bool,
}

/// A list of requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PrivacyRequestList {
    pub items: Vec<PrivacyRequestView>,
}

/// One table in a dry-run step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TableCount {
    pub table: String,
    pub rows: i64,
}

/// One thing the next sweep would do. Ids only, never personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RetentionStep {
    /// `stop_marketing`, `erase_person`, `erase_tenant_data`, `erase_prospect` or `redact_invoice`.
    pub action: String,
    /// `prospect`, `trial_user`, `active_customer` or `ex_customer`.
    pub profile: String,
    /// `user`, `prospect`, `tenant` or `invoice`.
    pub subject_kind: String,
    pub subject_id: Uuid,
    pub tenant_id: Option<Uuid>,
    /// From when the schedule requires it.
    pub due_since: Option<DateTime<Utc>>,
    /// Why, in words.
    pub reason: String,
    /// What would be erased, per table (when known in advance).
    pub tables: Vec<TableCount>,
}

/// One rule of the retention schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RetentionRuleView {
    pub profile: String,
    pub keeps: Vec<String>,
    /// e.g. `30 days`, `2 years`, `while the relationship lasts`.
    pub period: String,
    pub from: String,
    pub then: String,
    pub basis: String,
}

/// What the next retention sweep would do, and the schedule it applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RetentionDryRun {
    pub generated_at: DateTime<Utc>,
    pub invoice_retention_years: u32,
    pub steps: Vec<RetentionStep>,
    pub rules: Vec<RetentionRuleView>,
}

/// The manifest of a tenant export (`manifest.json` in the zip).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportManifest {
    pub tenant_id: Uuid,
    pub exported_at: DateTime<Utc>,
    /// `<table>.json` and `<table>.csv` per table, with its row count.
    pub tables: Vec<TableCount>,
}
