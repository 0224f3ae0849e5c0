//! The tenant's account with Ecom: what is open, what each payment paid
//! (Administrator only).

use ecom_types::billing::StatementView;

use super::client::{Api, ApiError};

/// `GET /api/v1/billing/statement`.
pub async fn statement(api: &Api) -> Result<StatementView, ApiError> {
    api.get("/api/v1/billing/statement").await
}
