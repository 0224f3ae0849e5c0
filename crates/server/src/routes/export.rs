//! `GET /api/v1/export`: the tenant's data, every module, streamed.

use actix_web::{get, web, HttpRequest, HttpResponse};
use ecom_domain::TenantId;
use ecom_storage::privacy::registry::{TenantTableReader, TENANT_TABLES};
use ecom_storage::{contracts, read_snapshot, write_transaction, DbConnection};
use ecom_types::privacy::ExportManifest;
use ecom_types::Problem;
use serde_json::{Map, Value};

use crate::audit::Audit;
use crate::auth::{caller::request_id, AdminCaller};
use crate::error::ApiError;
use crate::export::{Batches, ChannelWriter};
use crate::state::AppState;

/// Rows per query of the export: at most this many rows of the tenant's
/// data are held at once.
pub const EXPORT_BATCH: usize = 500;

/// Chunks of [`crate::export::CHUNK`] bytes waiting for the client.
const CHANNEL_CHUNKS: usize = 4;

/// Every module's data of the tenant (terms art. 15, SPEC §2): a zip with
/// `<table>.json` and `<table>.csv` per table and, as the last entry,
/// `manifest.json` (counts, export time). Never password or key hashes.
/// Available at any time, after termination until the export window closes.
///
/// The zip is streamed while the tables are read (in batches, all from one
/// database snapshot, so the tables agree with each other and the manifest's
/// counts with the files). A refusal comes before the first byte, as a
/// problem; but an error in the middle of the stream cannot be one any more:
/// it is logged and the body ends early, so the archive is visibly truncated
/// (no central directory: unzipping it fails). Retry the export then.
#[utoipa::path(
    tag = "export",
    responses(
        (status = 200, description = "The zip, streamed (chunked). If it cannot be unzipped, the export broke off part-way (logged on our side): retry.", content_type = "application/zip", body = Vec<u8>),
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
    let tenant = caller.tenant;
    let db = state.db.clone();
    // The checks and the audit entry in one small transaction BEFORE the
    // stream starts (a refusal is still a problem). The entry is written
    // when the export starts, not when it completes: the data may leave
    // even if the download is cut off, and the log must show the attempt.
    // The same connection then serves the whole stream.
    let conn = web::block(move || -> Result<_, ApiError> {
        let mut conn = db.get()?;
        write_transaction(&mut conn, |conn| {
            refuse_after_window(conn, tenant, now)?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("tenant.exported", (kind, Some(actor)), now)
                .tenant(tenant)
                .details(serde_json::json!({ "tables": TENANT_TABLES.len() }))
                .request(request_id)
                .write(conn)
        })?;
        Ok(conn)
    })
    .await??;

    let (tx, rx) = tokio::sync::mpsc::channel(CHANNEL_CHUNKS);
    // The blocking thread owns the connection until the archive is written,
    // or until the client goes away (the channel closes, the next write
    // fails, the read transaction rolls back).
    actix_web::rt::task::spawn_blocking(move || {
        let mut conn = conn;
        let mut sink = ChannelWriter::new(tx.clone());
        let result = read_snapshot(&mut conn, |conn| {
            let mut tables = TenantTables::new(conn, tenant, EXPORT_BATCH);
            crate::export::stream_zip(&mut sink, &mut tables, |counts| ExportManifest {
                tenant_id: tenant.0,
                exported_at: now,
                tables: counts,
            })
            .map_err(|error| BrokeOff {
                table: tables.current,
                error,
            })
        });
        if let Err(BrokeOff { table, error }) = result {
            if tx.is_closed() {
                tracing::info!(tenant = %tenant.0, table, "the tenant export stopped: the client went away");
            } else {
                // No personal data here: the tenant's id, a table name and the error.
                tracing::error!(tenant = %tenant.0, table, %error, "the tenant export broke off; the archive sent is truncated");
                let _ = tx.blocking_send(Err(std::io::Error::other("the export broke off")));
            }
        }
    });
    Ok(crate::export::stream_download(rx, "ecom-export.zip"))
}

/// Where the streamed export stopped, and why.
struct BrokeOff {
    table: &'static str,
    error: ApiError,
}

impl From<ecom_storage::StorageError> for BrokeOff {
    fn from(error: ecom_storage::StorageError) -> Self {
        Self {
            table: "",
            error: error.into(),
        }
    }
}

/// Refuses once the export window has closed (terms art. 15).
fn refuse_after_window(
    conn: &mut DbConnection,
    tenant: TenantId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ApiError> {
    let Some(contract) = contracts::current(conn, tenant)? else {
        return Ok(());
    };
    let closed_at = match contract.status.as_str() {
        "soft_deleted" | "anonymised" => Some(contract.soft_deleted_at.unwrap_or(now)),
        "terminated_by_operator" | "deactivated" => {
            contract.export_window_ends_at.filter(|ends| now > *ends)
        }
        _ => None,
    };
    match closed_at {
        Some(closed) => Err(ApiError::Forbidden {
            code: "export_window_closed",
            detail: format!(
                "the export window closed on {}; the data not exported was soft-deleted (terms art. 15)",
                ecom_domain::calendar::belgian_time_label(closed)
            ),
        }),
        None => Ok(()),
    }
}

/// The registry's tenant tables, read in batches on one connection.
struct TenantTables<'c> {
    conn: &'c mut DbConnection,
    tenant: TenantId,
    batch: usize,
    next: usize,
    /// The table being read (for the log).
    current: &'static str,
    reader: Option<TenantTableReader>,
}

impl<'c> TenantTables<'c> {
    fn new(conn: &'c mut DbConnection, tenant: TenantId, batch: usize) -> Self {
        Self {
            conn,
            tenant,
            batch,
            next: 0,
            current: "",
            reader: None,
        }
    }
}

impl Batches for TenantTables<'_> {
    fn next_table(&mut self) -> Result<Option<(String, Vec<String>)>, ApiError> {
        let Some(entry) = TENANT_TABLES.get(self.next) else {
            self.reader = None;
            return Ok(None);
        };
        // A table listed twice (e.g. invoices bought and invoices sold) gets a second file name.
        let repeated = TENANT_TABLES[..self.next]
            .iter()
            .any(|earlier| earlier.table == entry.table);
        let name = if repeated {
            format!("{}_by_{}", entry.table, entry.tenant_column)
        } else {
            entry.table.to_owned()
        };
        self.next += 1;
        self.current = entry.table;
        let reader = TenantTableReader::open(self.conn, self.tenant, entry, self.batch)?;
        let columns = reader.columns().to_vec();
        self.reader = Some(reader);
        Ok(Some((name, columns)))
    }

    fn next_rows(&mut self) -> Result<Option<Vec<Map<String, Value>>>, ApiError> {
        match self.reader.as_mut() {
            Some(reader) => Ok(reader.next_batch(self.conn)?),
            None => Ok(None),
        }
    }

    fn rewind(&mut self) {
        if let Some(reader) = self.reader.as_mut() {
            reader.rewind();
        }
    }
}
