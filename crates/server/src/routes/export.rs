//! `GET /api/v1/export`: the tenant's data, every module.

use actix_web::{get, web, HttpRequest, HttpResponse};
use ecom_storage::contracts;
use ecom_storage::privacy::registry::{self, TENANT_TABLES};
use ecom_types::privacy::{ExportManifest, TableCount};
use ecom_types::Problem;

use crate::audit::Audit;
use crate::auth::{caller::request_id, AdminCaller};
use crate::error::ApiError;
use crate::export::Table;
use crate::state::AppState;

/// Every module's data of the tenant (terms art. 15, SPEC §2): a zip with
/// `<table>.json` and `<table>.csv` per table and `manifest.json` (counts,
/// export time), read in one transaction so the tables agree. Available at
/// any time, after termination until the export window closes; never
/// password or key hashes.
#[utoipa::path(
    tag = "export",
    responses(
        (status = 200, description = "The zip", content_type = "application/zip", body = Vec<u8>),
        (status = 403, description = "Not the Administrator, or the export window has closed (`export_window_closed`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/export")]
pub async fn export(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminCaller(caller): AdminCaller,
) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let request_id = request_id(&req);
    let bytes = state
        .write(move |conn| {
            if let Some(contract) = contracts::current(conn, caller.tenant)? {
                let closed_at = match contract.status.as_str() {
                    "soft_deleted" | "anonymised" => Some(contract.soft_deleted_at.unwrap_or(now)),
                    "terminated_by_operator" | "deactivated" => contract.export_window_ends_at.filter(|ends| now > *ends),
                    _ => None,
                };
                if let Some(closed) = closed_at {
                    return Err(ApiError::Forbidden {
                        code: "export_window_closed",
                        detail: format!(
                            "the export window closed on {}; the data not exported was soft-deleted (terms art. 15)",
                            ecom_domain::calendar::belgian_time_label(closed)
                        ),
                    });
                }
            }
            let mut tables = Vec::new();
            for (i, entry) in TENANT_TABLES.iter().enumerate() {
                let (columns, rows) = registry::export_tenant_table(conn, caller.tenant, entry)?;
                // A table listed twice (e.g. invoices bought and invoices sold) gets a second file name.
                let repeated = TENANT_TABLES[..i].iter().any(|earlier| earlier.table == entry.table);
                let name = if repeated { format!("{}_by_{}", entry.table, entry.tenant_column) } else { entry.table.to_owned() };
                tables.push(Table { name, columns, rows });
            }
            let manifest = ExportManifest {
                tenant_id: caller.tenant.0,
                exported_at: now,
                tables: tables.iter().map(|t| TableCount { table: t.name.clone(), rows: t.rows.len() as i64 }).collect(),
            };
            let bytes = crate::export::zip(&tables, &manifest)?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("tenant.exported", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .details(serde_json::json!({ "tables": manifest.tables.len() }))
                .request(request_id)
                .write(conn)?;
            Ok(bytes)
        })
        .await?;
    Ok(crate::export::download(bytes, "ecom-export.zip"))
}
