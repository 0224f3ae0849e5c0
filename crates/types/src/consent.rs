//! Consent: marketing lists, unsubscribing, the suppression list, cookie
//! consent and pseudonymous usage analytics.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A person's choice for one marketing list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ListConsent {
    /// `onboarding`, `product_updates`, `newsletter` or `events`.
    #[cfg_attr(feature = "openapi", schema(example = "newsletter"))]
    pub list: String,
    /// Whether the person wants messages of this list.
    pub granted: bool,
}

/// One recorded consent decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentEntry {
    pub list: String,
    pub granted: bool,
    /// `signup_form`, `privacy_centre`, `operator_on_request`, `import` or `unsubscribe_link`.
    pub source: String,
    /// The privacy statement version in force when the decision was recorded.
    pub policy_version: String,
    pub recorded_at: DateTime<Utc>,
}

/// The current decision per list and every decision, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentHistory {
    /// The latest decision for each list decided at least once.
    pub current: Vec<ConsentEntry>,
    pub history: Vec<ConsentEntry>,
}

/// A consent decision the operator records for a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OperatorConsentRequest {
    pub list: String,
    pub granted: bool,
    /// `operator_on_request` (the person asked) or `import`.
    pub source: String,
}

/// A marketing message to everyone who consents to a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MarketingMessageRequest {
    pub list: String,
    pub subject: String,
    /// Plain text; an unsubscribe link is added below it.
    pub body: String,
}

/// What sending a marketing message did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MarketingMessageQueued {
    pub list: String,
    /// Messages queued in the outbox.
    pub queued: u32,
    /// Consenting people left out because their address is on the suppression list.
    pub skipped_suppressed: u32,
    /// Consenting people left out because their processing is restricted.
    pub skipped_restricted: u32,
    /// Consenting people left out because their account is not active.
    pub skipped_inactive: u32,
}

/// The answer of the unsubscribe link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnsubscribeView {
    pub list: String,
    /// False on `GET` (confirm with `POST`), true once unsubscribed.
    pub unsubscribed: bool,
    pub message: String,
}

/// An address for the suppression list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SuppressionRequest {
    /// `email` or `phone`.
    pub channel: String,
    /// The e-mail address or phone number; only its keyed hash is stored.
    pub address: String,
    /// `all_marketing` (no marketing e-mail) or `sales_calls` (Ecom's own
    /// sales calls: "call me no more").
    pub scope: String,
}

/// Whether an address is on the suppression list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SuppressionStatus {
    pub scope: String,
    pub listed: bool,
}

/// A browser's cookie consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CookieConsentView {
    /// The optional categories consented to under the current policy
    /// (`functionality`, `tracking`, `performance`, `third_party`); empty
    /// until a choice is made and after a new policy version.
    pub categories: Vec<String>,
    /// Every category of the cookie policy, strictly necessary first.
    pub available: Vec<String>,
    /// The cookie policy version in force.
    pub policy_version: String,
    /// The version the stored choice was made under, if any.
    pub choice_version: Option<String>,
    /// True when the banner must ask: no choice yet, or the policy changed since.
    pub needs_choice: bool,
    pub recorded_at: Option<DateTime<Utc>>,
}

/// A cookie choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CookieConsentRequest {
    /// The optional categories consented to; `[]` rejects all. Strictly
    /// necessary cookies need no consent and are always set.
    pub categories: Vec<String>,
}

/// A usage event from the web app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AnalyticsEventRequest {
    /// `page_view` or `feature_use`.
    pub event: String,
    /// The page path without ids or query (`/invoices`) or a feature name.
    #[cfg_attr(feature = "openapi", schema(example = "/invoices"))]
    pub name: String,
}

/// Counts for one day, event, name and country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnalyticsRow {
    pub day: NaiveDate,
    pub event: String,
    pub name: String,
    /// ISO 3166-1 alpha-2 code, or `null` when unknown.
    pub country: Option<String>,
    pub count: i64,
    /// Distinct pseudonymous browsers.
    pub visitors: i64,
}

/// Aggregated usage between two days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnalyticsReport {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: Vec<AnalyticsRow>,
}
