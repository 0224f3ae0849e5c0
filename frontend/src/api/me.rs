//! Who is calling.

use ecom_types::auth::MeResponse;

use super::client::{Api, ApiError};

/// `GET /api/v1/me`.
pub async fn get(api: &Api) -> Result<MeResponse, ApiError> {
    api.get("/api/v1/me").await
}
