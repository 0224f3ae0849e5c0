//! The CRM module: companies, contacts and deals (terms art. 1, "Services").

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::Problem;

/// `POST /api/v1/companies` and `PUT /api/v1/companies/{id}` (the whole
/// company: a field left out is cleared).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CompanyRequest {
    /// The company's (trade) name; 1 to 200 characters.
    #[cfg_attr(feature = "openapi", schema(example = "Brouwerij De Klok BV"))]
    pub name: String,
    /// Checked against the country's format and, for Belgium and Germany,
    /// its check digits; stored normalised (`BE0810231595`). Without a
    /// `country`, its prefix gives the country.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "BE 0810.231.595"))]
    pub vat_number: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "info@deklok.be"))]
    pub email: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "+32 9 222 33 44"))]
    pub phone: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "https://deklok.be"))]
    pub website: Option<String>,
    /// Street and number.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "Veldstraat 10"))]
    pub street: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "9000"))]
    pub postal_code: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "Gent"))]
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "BE"))]
    pub country: Option<String>,
    /// Free labels; stored lower-case without repeats.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = json!(["horeca", "vip"])))]
    pub tags: Vec<String>,
    #[serde(default)]
    pub notes: Option<String>,
    /// Whether the company agreed to receive marketing.
    #[serde(default)]
    pub marketing_consent: bool,
}

/// A company among the tenant's customers and prospects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompanyView {
    pub id: Uuid,
    pub name: String,
    /// Normalised: country prefix, no spaces or dots.
    pub vat_number: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    pub marketing_consent: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// `POST /api/v1/contacts` and `PUT /api/v1/contacts/{id}` (the whole
/// contact: a field left out is cleared).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ContactRequest {
    #[cfg_attr(feature = "openapi", schema(example = "Els"))]
    pub first_name: String,
    #[cfg_attr(feature = "openapi", schema(example = "Claes"))]
    pub last_name: String,
    /// The company the person works for; it must exist in this account.
    #[serde(default)]
    pub company_id: Option<Uuid>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "els.claes@deklok.be"))]
    pub email: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "+32 9 222 33 45"))]
    pub phone: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "+32 475 12 34 56"))]
    pub mobile: Option<String>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "Aankoper"))]
    pub job_title: Option<String>,
    #[serde(default)]
    pub street: Option<String>,
    #[serde(default)]
    pub postal_code: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2.
    #[serde(default)]
    pub country: Option<String>,
    /// Language for correspondence: `nl`, `fr`, `de` or `en`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "nl"))]
    pub language: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub notes: Option<String>,
    /// Whether the person agreed to receive marketing.
    #[serde(default)]
    pub marketing_consent: bool,
}

/// A person among the tenant's customers and prospects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactView {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub company_id: Option<Uuid>,
    /// The linked company's name, for display.
    pub company_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub job_title: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub language: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    pub marketing_consent: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Contacts sharing one e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactDuplicateGroup {
    /// The shared address (lower-case).
    pub email: String,
    /// Oldest first.
    pub contacts: Vec<ContactView>,
}

/// `GET /api/v1/contacts/duplicates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactDuplicates {
    pub groups: Vec<ContactDuplicateGroup>,
}

/// 409 when creating a company or contact that already exists (same VAT
/// number or e-mail): the problem plus the existing record's id. Send the
/// request again with `?allow_duplicate=true` to create it anyway.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DuplicateProblem {
    #[serde(flatten)]
    pub problem: Problem,
    /// The id of the company or contact that has the same VAT number or e-mail.
    pub existing_id: Uuid,
}

/// One refused row of a CSV import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRowError {
    /// The line in the file; the header is line 1.
    pub row: u64,
    /// The CSV column (or `row` when the row as a whole is wrong).
    pub field: String,
    pub code: String,
    pub message: String,
}

/// The outcome of `POST /api/v1/{companies,contacts}/import`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportReport {
    /// True when nothing was (or would have been) written.
    pub dry_run: bool,
    /// The data rows read (not counting the header).
    pub rows: u64,
    /// The rows imported: 0 on a dry run or when any row is refused.
    pub imported: u64,
    /// Every refused row; an import with any is refused as a whole.
    pub errors: Vec<ImportRowError>,
}

/// 422 when a real import has bad rows: nothing was imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportProblem {
    #[serde(flatten)]
    pub problem: Problem,
    pub report: ImportReport,
}

/// `POST /api/v1/deals` and `PUT /api/v1/deals/{id}` (the whole deal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DealRequest {
    #[cfg_attr(feature = "openapi", schema(example = "Taps for the new bar"))]
    pub title: String,
    /// `lead`, `qualified`, `proposal`, `negotiation`, `won` or `lost`.
    /// Changing it is recorded in the deal's stage history.
    #[cfg_attr(feature = "openapi", schema(example = "proposal"))]
    pub stage: String,
    /// EUR excluding VAT, at most two decimals.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "12500.00"))]
    pub value: Decimal,
    /// Per cent; the stage's default when left out (lead 10, qualified 25,
    /// proposal 50, negotiation 75, won 100, lost 0). Won and lost deals
    /// always have 100 and 0.
    #[serde(default)]
    pub probability: Option<u8>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "2027-03-31"))]
    pub expected_close_date: Option<NaiveDate>,
    /// The user responsible; the caller when left out.
    #[serde(default)]
    pub owner_id: Option<Uuid>,
    #[serde(default)]
    pub company_id: Option<Uuid>,
    #[serde(default)]
    pub contact_id: Option<Uuid>,
    #[serde(default)]
    pub notes: Option<String>,
}

/// A deal (sales opportunity).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DealView {
    pub id: Uuid,
    pub title: String,
    pub stage: String,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "12500.00"))]
    pub value: Decimal,
    /// Always `EUR`.
    pub currency: String,
    pub probability: u8,
    /// value × probability, rounded to the cent (half away from zero).
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "6250.00"))]
    pub weighted_value: Decimal,
    pub expected_close_date: Option<NaiveDate>,
    pub owner_id: Uuid,
    /// The owner's name, for display.
    pub owner_name: String,
    pub company_id: Option<Uuid>,
    pub company_name: Option<String>,
    pub contact_id: Option<Uuid>,
    pub contact_name: Option<String>,
    pub notes: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A move of a deal into a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StageChangeView {
    /// Absent for the stage the deal was created in.
    pub from_stage: Option<String>,
    pub to_stage: String,
    pub changed_by: Uuid,
    pub changed_by_name: String,
    pub changed_at: DateTime<Utc>,
}

/// One deal with its stage history (oldest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DealDetail {
    #[serde(flatten)]
    pub deal: DealView,
    pub stage_history: Vec<StageChangeView>,
}

/// One stage of `GET /api/v1/deals/pipeline`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PipelineStage {
    pub stage: String,
    /// The stage's default probability in per cent.
    pub default_probability: u8,
    pub count: u64,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "25000.00"))]
    pub value: Decimal,
    /// Σ value × probability, rounded to the cent once per stage.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "12500.00"))]
    pub weighted_value: Decimal,
}

/// The pipeline: every stage in order, with totals, in EUR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PipelineSummary {
    pub currency: String,
    pub stages: Vec<PipelineStage>,
    /// The open stages' (not won or lost) value.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub open_value: Decimal,
    /// The open stages' weighted value.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub open_weighted_value: Decimal,
}
