//! Sign-up, log-in, sessions and API keys.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::policy::PolicyAcceptance;
use crate::tenant::TenantView;
use crate::user::UserView;

/// The company registering for a trial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignupCompany {
    /// The company's legal name.
    #[cfg_attr(feature = "openapi", schema(example = "Bakkerij Peeters BV"))]
    pub name: String,
    /// Where the company is established: ISO 3166-1 alpha-2 (`BE`, `NL`, ...).
    #[cfg_attr(feature = "openapi", schema(example = "BE"))]
    pub country: String,
    /// The company's VAT number, if it has one; checked against the country's
    /// format and, for Belgium, its check digits.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(example = "BE0810.231.595"))]
    pub vat_number: Option<String>,
    /// Street and number, as printed on invoices.
    #[cfg_attr(feature = "openapi", schema(example = "Kerkstraat 1"))]
    pub street: String,
    #[cfg_attr(feature = "openapi", schema(example = "9000"))]
    pub postal_code: String,
    #[cfg_attr(feature = "openapi", schema(example = "Gent"))]
    pub city: String,
}

/// The person who registers and becomes the tenant's Administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignupAdministrator {
    #[cfg_attr(feature = "openapi", schema(example = "An"))]
    pub first_name: String,
    #[cfg_attr(feature = "openapi", schema(example = "Peeters"))]
    pub last_name: String,
    /// Used to log in; one account per e-mail address.
    #[cfg_attr(feature = "openapi", schema(example = "an@bakkerij-peeters.be"))]
    pub email: String,
    /// At least 10 characters.
    #[cfg_attr(feature = "openapi", schema(example = "correct horse battery staple"))]
    pub password: String,
    /// The person's function in the company.
    #[cfg_attr(feature = "openapi", schema(example = "Zaakvoerder"))]
    pub function: String,
    #[cfg_attr(feature = "openapi", schema(example = "+32 9 123 45 67"))]
    pub phone: String,
}

/// `POST /api/v1/signup`: registers a company for the free 15-day trial.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SignupRequest {
    pub company: SignupCompany,
    pub administrator: SignupAdministrator,
    /// The policy versions the person accepted; each must be the current one.
    pub accepted: PolicyAcceptance,
    /// Marketing lists the person opted into on the form (`onboarding`,
    /// `product_updates`, `newsletter`, `events`); none when left out.
    /// Recorded with source `signup_form` and the privacy statement version.
    #[serde(default)]
    pub marketing: Vec<String>,
}

/// A registered tenant, its Administrator and a first session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignupResponse {
    pub tenant: TenantView,
    pub user: UserView,
    pub session: TokenPair,
}

/// `POST /api/v1/auth/login` and `/api/v1/operator/auth/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[cfg_attr(feature = "openapi", schema(example = "an@bakkerij-peeters.be"))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(example = "correct horse battery staple"))]
    pub password: String,
}

/// `POST /api/v1/auth/refresh` and `/api/v1/auth/logout`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    /// The refresh token of the last token pair; each can be used once.
    pub refresh_token: String,
}

/// A session's credentials: a short-lived access token and a single-use
/// refresh token that yields the next pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TokenPair {
    /// A JWT for `Authorization: Bearer ...`.
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// Exchange at `/api/v1/auth/refresh` for a new pair; valid once.
    pub refresh_token: String,
    /// Seconds until the refresh token expires if unused.
    pub refresh_expires_in: i64,
}

/// `POST /api/v1/me/password`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    /// At least 10 characters.
    pub new_password: String,
}

/// `POST /api/v1/api-keys`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateApiKeyRequest {
    /// What the key is for, e.g. the integration's name.
    #[cfg_attr(feature = "openapi", schema(example = "Webshop sync"))]
    pub name: String,
    /// When the key stops working; never if omitted.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
    /// What the key may do (least privilege: pick only what the integration
    /// needs). `<module>:read` / `<module>:write` for the modules (`crm`,
    /// `calendar`, `quotations`, `projects`, `invoicing`, `ticketing`,
    /// `voip`; write includes read), `billing:read` / `billing:write` (contract,
    /// invoices, payments), `admin` (users, API keys, webhooks, export), or
    /// `*` = **full access**, everything the Administrator may do. A key never
    /// does more than its creator's role allows.
    #[cfg_attr(feature = "openapi", schema(example = json!(["crm:write", "invoicing:read"])))]
    pub scopes: Vec<String>,
}

/// Every scope an API key can have, with what it allows (for pickers and docs).
pub const API_KEY_SCOPES: &[(&str, &str)] = &[
    ("crm:read", "Read companies, contacts and deals"),
    (
        "crm:write",
        "Create, change and delete companies, contacts and deals",
    ),
    ("calendar:read", "Read the calendar"),
    ("calendar:write", "Change the calendar"),
    ("quotations:read", "Read quotations"),
    ("quotations:write", "Create and change quotations"),
    ("projects:read", "Read projects, tasks and time"),
    ("projects:write", "Change projects, tasks and time"),
    ("invoicing:read", "Read sales invoices and payments"),
    (
        "invoicing:write",
        "Issue sales invoices and record payments",
    ),
    ("ticketing:read", "Read tickets"),
    ("ticketing:write", "Create and change tickets"),
    ("voip:read", "Read call records"),
    ("voip:write", "Log calls and call notes"),
    (
        "billing:read",
        "Read the contract, Ecom's invoices and the statement",
    ),
    (
        "billing:write",
        "Order, cancel, dispute and set the payment method",
    ),
    ("admin", "Manage users, API keys, webhooks and export data"),
    (
        FULL_ACCESS_SCOPE,
        "Full access: everything the Administrator may do",
    ),
];

/// The scope that grants everything (labelled "full access" wherever shown).
pub const FULL_ACCESS_SCOPE: &str = "*";

/// `POST /api/v1/api-keys/{id}/rotate`: a new secret for the key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RotatedApiKey {
    /// The key, with its new prefix.
    pub api_key: ApiKeyView,
    /// The new whole key. Store it now: only its hash is kept.
    pub secret: String,
    /// Until when the previous secret keeps working (the grace period).
    pub previous_secret_valid_until: DateTime<Utc>,
}

/// An API key as listed: never its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiKeyView {
    pub id: Uuid,
    pub name: String,
    /// The key's public beginning (`ecom_k1a2b3c4`), to recognise it in logs or a leak.
    pub prefix: String,
    /// What the key may do; `["*"]` is full access, as the Administrator.
    pub scopes: Vec<String>,
    /// Whether the key has full access (`*`): as powerful as the Administrator.
    pub full_access: bool,
    /// The user who created it.
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    /// Country (ISO 3166-1 alpha-2) of the last use, when known; the IP
    /// address is never stored.
    pub last_used_country: Option<String>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A newly created API key. `secret` is shown this once and never again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedApiKey {
    pub api_key: ApiKeyView,
    /// The whole key, for `Authorization: Bearer <secret>`. Store it now: only its hash is kept.
    pub secret: String,
}

/// The tenant's API keys, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiKeyList {
    pub items: Vec<ApiKeyView>,
}

/// Who is calling: `GET /api/v1/me`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeResponse {
    /// The user, or for an API key the user who created it.
    pub user: UserView,
    pub tenant: TenantView,
    /// `session` or `api_key`.
    pub authenticated_with: String,
    /// The API key used, when `authenticated_with` is `api_key`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key_id: Option<Uuid>,
}
