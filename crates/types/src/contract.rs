//! The subscription: catalogue, order, contract view, cancellation,
//! non-conformity, changes during a term, and the tenant's timeline.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// An annual price in the catalogue, EUR excluding VAT.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CataloguePrice {
    /// `basic`, `seat`, or a module code (`crm`, `calendar`, `quotations`,
    /// `projects`, `invoicing`, `ticketing`, `voip`, `api`).
    pub code: String,
    pub name: String,
    /// EUR per year, excluding VAT.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "480.00"))]
    pub annual_price: Decimal,
    /// A scheduled change, if one is announced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_price: Option<ScheduledPrice>,
}

/// A price change announced for a future date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ScheduledPrice {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "540.00"))]
    pub annual_price: Decimal,
    pub effective_from: DateTime<Utc>,
    pub announced_at: DateTime<Utc>,
}

/// `GET /api/v1/catalogue`: the Basic Package, the price of an extra seat and
/// the optional modules. Prices are annual, in EUR, excluding VAT; a quarter
/// costs a quarter of the annual price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Catalogue {
    pub basic: CataloguePrice,
    /// Per extra User; the Administrator's seat is included in the Basic Package.
    pub seat: CataloguePrice,
    pub modules: Vec<CataloguePrice>,
    /// Always `EUR`.
    pub currency: String,
}

/// `POST /api/v1/contract/order`: turns a trial (or an inactive account) into a contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrderRequest {
    /// `quarter` or `year`; each term renews for the same length.
    #[cfg_attr(feature = "openapi", schema(example = "year"))]
    pub term_length: String,
    /// Module codes from the catalogue.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = json!(["crm", "invoicing"])))]
    pub modules: Vec<String>,
    /// Users beyond the Administrator.
    #[serde(default)]
    pub extra_seats: u32,
}

/// A contract term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TermView {
    /// First day of the term (Belgian date).
    pub starts_on: NaiveDate,
    /// The day after the last day of the term: the term covers [starts_on, ends_on).
    pub ends_on: NaiveDate,
    /// Price of this term, EUR excluding VAT.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "120.00"))]
    pub price: Decimal,
}

/// Delivery and the 48-hour window to report a non-conformity (terms art. 6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeliveryView {
    /// When the Administrator account was activated.
    pub delivered_at: DateTime<Utc>,
    /// Until when a non-conformity can be reported.
    pub report_deadline: DateTime<Utc>,
    /// `open` (window running), `reported`, or `accepted`.
    pub state: String,
    pub reported_at: Option<DateTime<Utc>>,
}

/// `GET /api/v1/contract`: the tenant's contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContractView {
    pub id: Uuid,
    /// `active`, `cancelled` (runs to the end of the term), `ended`,
    /// `suspended`, `terminated`, `deactivated`.
    pub status: String,
    /// `quarter` or `year`.
    pub term_length: String,
    pub modules: Vec<String>,
    /// Seats ordered, the Administrator's included.
    pub seats_ordered: u32,
    /// Seats in use (accounts not deactivated).
    pub seats_used: u32,
    /// Extra seats that take effect at the next term (after a reduction).
    pub seats_next_term: u32,
    pub current_term: TermView,
    /// When the contract renews, unless cancelled in time.
    pub next_renewal_on: Option<NaiveDate>,
    /// The last moment a cancellation is accepted for the current term.
    pub cancellation_deadline: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    /// Price per term (current prices), EUR excluding VAT.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "480.00"))]
    pub price_per_term: Decimal,
    /// Liability is capped at the value of the last invoice (terms art. 16).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, example = "580.80"))]
    pub liability_cap: Option<Decimal>,
    pub delivery: DeliveryView,
    /// After a termination: until when the data can still be exported.
    pub export_window_ends_at: Option<DateTime<Utc>>,
    /// When the accounts are (or were) deactivated.
    pub deactivation_due_by: Option<DateTime<Utc>>,
    pub started_at: DateTime<Utc>,
}

/// `POST /api/v1/contract/cancel`: no renewal at the end of the term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CancelRequest {
    /// Why the Client leaves (kept as churn reason).
    #[serde(default)]
    pub reason: Option<String>,
    /// A change notice (price, terms or service) received in the last 30
    /// days: then the cancellation is accepted whatever the 15-day deadline.
    #[serde(default)]
    pub change_notice_id: Option<Uuid>,
}

/// `POST /api/v1/contract/nonconformity`: report a non-conformity of the delivery.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NonConformityRequest {
    /// What does not conform.
    pub description: String,
}

/// `POST /api/v1/contract/changes`: seats and modules during a term. More
/// seats or a new module: charged pro rata for the rest of the term. Fewer
/// seats or a module removed: from the next term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangeSubscriptionRequest {
    pub extra_seats: u32,
    pub modules: Vec<String>,
}

/// A notice of a change that opens a 30-day right to terminate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeNoticeView {
    pub id: Uuid,
    /// `price`, `terms` or `service`.
    pub kind: String,
    pub summary: String,
    pub announced_at: DateTime<Utc>,
    pub effective_from: DateTime<Utc>,
    /// Until when the Client may terminate citing this notice.
    pub terminate_until: DateTime<Utc>,
}

/// One event in the tenant's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TimelineEvent {
    pub occurred_at: DateTime<Utc>,
    /// e.g. `trial_started`, `order_placed`, `renewed`, `cancelled`.
    pub kind: String,
    pub summary: String,
}

/// `GET /api/v1/timeline`, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Timeline {
    pub items: Vec<TimelineEvent>,
}
