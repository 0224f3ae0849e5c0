//! The account's history.

use ecom_types::contract::Timeline;

use super::client::{Api, ApiError};

/// `GET /api/v1/timeline`, newest first.
pub async fn get(api: &Api) -> Result<Timeline, ApiError> {
    api.get("/api/v1/timeline").await
}
