//! The operator's policy documents.

use ecom_types::policy::CurrentPolicies;

use super::client::{get_public, ApiError};

/// `GET /api/v1/policies`: the versions in force, to accept at sign-up.
pub async fn current() -> Result<CurrentPolicies, ApiError> {
    get_public("/api/v1/policies").await
}
