//! Companies among the tenant's customers and prospects (CRM module).

pub mod create;
pub mod delete;
pub mod export;
pub mod get;
pub mod import;
pub mod list;
pub mod update;

/// `?allow_duplicate=true`: create even when the VAT number or e-mail exists.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DuplicateQuery {
    /// Create even when a record with the same VAT number (companies) or
    /// e-mail (contacts) exists.
    #[serde(default)]
    pub allow_duplicate: bool,
}

/// `POST .../import` query.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// Check every row and report, importing nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// Import rows whose VAT number or e-mail already exists (or repeats in the file).
    #[serde(default)]
    pub allow_duplicate: bool,
}
