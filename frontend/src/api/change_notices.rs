//! Notices of changes (price, terms, service) that open a right to terminate.

use ecom_types::contract::ChangeNoticeView;

use super::client::{Api, ApiError};

/// `GET /api/v1/change-notices`.
pub async fn list(api: &Api) -> Result<Vec<ChangeNoticeView>, ApiError> {
    api.get("/api/v1/change-notices").await
}
