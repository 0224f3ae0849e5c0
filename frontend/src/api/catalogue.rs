//! The price list (public).

use ecom_types::contract::Catalogue;

use super::client::{get_public, ApiError};

/// `GET /api/v1/catalogue`: annual prices in EUR, excluding VAT.
pub async fn get() -> Result<Catalogue, ApiError> {
    get_public("/api/v1/catalogue").await
}
