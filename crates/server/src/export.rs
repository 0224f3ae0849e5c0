//! Zip archives of tables: `<name>.json` (an array of objects) and
//! `<name>.csv` (a header of the columns, one line per row) per table, plus
//! `manifest.json`. Used by the tenant export and by access/portability
//! requests.

use std::io::{Cursor, Write};

use serde_json::{Map, Value};
use zip::write::SimpleFileOptions;

use crate::error::ApiError;

/// One table to put in the archive.
pub struct Table {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Map<String, Value>>,
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(format!("building the export: {e}"))
}

/// A cell as CSV text: strings as they are, null empty, the rest as JSON.
fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// Builds the archive in memory.
pub fn zip(tables: &[Table], manifest: &impl serde::Serialize) -> Result<Vec<u8>, ApiError> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    writer
        .start_file("manifest.json", options)
        .map_err(internal)?;
    writer
        .write_all(&serde_json::to_vec_pretty(manifest).map_err(internal)?)
        .map_err(internal)?;
    for table in tables {
        writer
            .start_file(format!("{}.json", table.name), options)
            .map_err(internal)?;
        writer
            .write_all(&serde_json::to_vec_pretty(&table.rows).map_err(internal)?)
            .map_err(internal)?;
        writer
            .start_file(format!("{}.csv", table.name), options)
            .map_err(internal)?;
        let mut csv = csv::Writer::from_writer(Vec::new());
        csv.write_record(&table.columns).map_err(internal)?;
        for row in &table.rows {
            csv.write_record(table.columns.iter().map(|c| cell(row.get(c))))
                .map_err(internal)?;
        }
        writer
            .write_all(&csv.into_inner().map_err(internal)?)
            .map_err(internal)?;
    }
    Ok(writer.finish().map_err(internal)?.into_inner())
}

/// Streams `bytes` as the body of a download named `filename`, in chunks.
pub fn download(bytes: Vec<u8>, filename: &str) -> actix_web::HttpResponse {
    const CHUNK: usize = 64 * 1024;
    let chunks: Vec<Result<actix_web::web::Bytes, actix_web::Error>> = bytes
        .chunks(CHUNK)
        .map(|c| Ok(actix_web::web::Bytes::copy_from_slice(c)))
        .collect();
    actix_web::HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{filename}\""),
        ))
        .insert_header(("Cache-Control", "no-store"))
        .streaming(futures_util::stream::iter(chunks))
}
