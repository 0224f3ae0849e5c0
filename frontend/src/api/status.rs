//! The public status page.

use ecom_types::status::ServiceStatus;

use super::client::{get_public, ApiError};

/// `GET /api/v1/status`: public, no credentials.
pub async fn get() -> Result<ServiceStatus, ApiError> {
    get_public("/api/v1/status").await
}
