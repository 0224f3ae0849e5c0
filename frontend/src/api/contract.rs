//! The tenant's contract: order, cancel, report a non-conformity, change
//! seats and modules.

use ecom_types::contract::{
    CancelRequest, ChangeSubscriptionRequest, ContractView, NonConformityRequest, OrderRequest,
};

use super::client::{Api, ApiError};

/// The problem code of `GET /api/v1/contract` while the tenant has none
/// (on its trial, or it never ordered).
pub const NO_CONTRACT: &str = "no_contract";

/// `GET /api/v1/contract`: `None` while the tenant has no contract.
pub async fn get(api: &Api) -> Result<Option<ContractView>, ApiError> {
    match api.get("/api/v1/contract").await {
        Ok(contract) => Ok(Some(contract)),
        Err(error) if error.code() == Some(NO_CONTRACT) => Ok(None),
        Err(error) => Err(error),
    }
}

/// `POST /api/v1/contract/order` (Administrator): the new contract.
pub async fn order(api: &Api, request: &OrderRequest) -> Result<ContractView, ApiError> {
    api.post("/api/v1/contract/order", request).await
}

/// `POST /api/v1/contract/cancel` (Administrator): no renewal at the end of the term.
pub async fn cancel(api: &Api, request: &CancelRequest) -> Result<ContractView, ApiError> {
    api.post("/api/v1/contract/cancel", request).await
}

/// `POST /api/v1/contract/nonconformity` (Administrator), within 48 hours of delivery.
pub async fn report_nonconformity(
    api: &Api,
    request: &NonConformityRequest,
) -> Result<ContractView, ApiError> {
    api.post("/api/v1/contract/nonconformity", request).await
}

/// `POST /api/v1/contract/changes` (Administrator): seats and modules.
pub async fn change(
    api: &Api,
    request: &ChangeSubscriptionRequest,
) -> Result<ContractView, ApiError> {
    api.post("/api/v1/contract/changes", request).await
}
