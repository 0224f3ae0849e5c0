//! The people of a tenant: its Administrator and Users.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A person with an account in a tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserView {
    pub id: Uuid,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub function: Option<String>,
    pub phone: Option<String>,
    /// `administrator` or `user`.
    pub role: String,
    /// `invited` (has not set a password yet), `active` or `deactivated`.
    pub status: String,
    pub created_at: DateTime<Utc>,
    /// When the account was activated: for the Administrator this is the
    /// contract's delivery (terms art. 6).
    pub activated_at: Option<DateTime<Utc>>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub deactivated_at: Option<DateTime<Utc>>,
}

/// The tenant's users, Administrator first, then by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserList {
    pub items: Vec<UserView>,
}

/// `POST /api/v1/users`: the Administrator invites a User.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InviteUserRequest {
    #[cfg_attr(feature = "openapi", schema(example = "jan@bakkerij-peeters.be"))]
    pub email: String,
    #[cfg_attr(feature = "openapi", schema(example = "Jan"))]
    pub first_name: String,
    #[cfg_attr(feature = "openapi", schema(example = "Janssens"))]
    pub last_name: String,
    #[serde(default)]
    pub function: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
}

/// An invited User and the one-time invitation token to hand them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InvitationCreated {
    pub user: UserView,
    /// Shown once. The invitee sets a password with it at
    /// `POST /api/v1/invitations/accept` (the SPA: `/invitation#token=...`).
    pub invitation_token: String,
    pub invitation_expires_at: DateTime<Utc>,
}

/// `POST /api/v1/invitations/accept`: the invitee chooses a password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcceptInvitationRequest {
    pub token: String,
    /// At least 10 characters.
    pub password: String,
}

/// `GET`/`PUT /api/v1/me/communications`: which notices the person receives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CommunicationPreferences {
    /// Whether to receive non-essential notices (renewal reminders). Notices
    /// the terms require (invoices, overdue payments, price or terms changes,
    /// deactivation) are always sent.
    pub non_essential: bool,
    /// Consent per marketing list. In answers: every list. In a `PUT`: the
    /// lists to change (others stay as they are); may be left out.
    #[serde(default)]
    pub marketing: Vec<crate::consent::ListConsent>,
}
