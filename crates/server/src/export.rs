//! Zip archives of tables: `<name>.json` (an array of objects) and
//! `<name>.csv` (a header of the columns, one line per row) per table, plus
//! `manifest.json`. The tenant export is streamed ([`stream_zip`], rows
//! read in batches and written straight into the archive); the small
//! exports of one person's data (access/portability requests) are built in
//! memory ([`zip`]).

use std::cell::Cell;
use std::io::{Cursor, Write};
use std::rc::Rc;

use serde_json::{Map, Value};
use zip::write::SimpleFileOptions;

use ecom_types::privacy::{ExportManifest, TableCount};

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

// ---- the streamed archive (the tenant export) ----

/// Rows of several tables, one batch at a time.
pub trait Batches {
    /// Moves to the next table: its file name (without extension) and its
    /// columns; `None` after the last.
    fn next_table(&mut self) -> Result<Option<(String, Vec<String>)>, ApiError>;
    /// The current table's next rows (at most one batch); `None` at its end.
    fn next_rows(&mut self) -> Result<Option<Vec<Map<String, Value>>>, ApiError>;
    /// Back to the current table's first row (the same rows again: read in one snapshot).
    fn rewind(&mut self);
}

/// A writer that fails every write once blown. The zip writer finishes the
/// archive when dropped; after a failure the archive must stay visibly
/// truncated (no central directory), so the fuse is blown first.
struct Fuse<W> {
    inner: W,
    blown: Rc<Cell<bool>>,
}

impl<W: Write> Write for Fuse<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.blown.get() {
            return Err(std::io::Error::other("the export stopped"));
        }
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.blown.get() {
            return Err(std::io::Error::other("the export stopped"));
        }
        self.inner.flush()
    }
}

/// Writes the archive to `sink` while the rows are read: per table
/// `<name>.json` (a JSON array, written row by row) and `<name>.csv` (a
/// second pass over the same rows), then `manifest.json` LAST, since the
/// counts are known only at the end. At most one batch of rows is held.
/// Returns the counts. On an error (including a sink that refuses bytes:
/// the client went away) it stops reading at once and the archive is left
/// without its central directory, so an unzip of it fails.
pub fn stream_zip<W: Write>(
    sink: W,
    tables: &mut dyn Batches,
    manifest: impl FnOnce(Vec<TableCount>) -> ExportManifest,
) -> Result<ExportManifest, ApiError> {
    let blown = Rc::new(Cell::new(false));
    let mut writer = zip::ZipWriter::new_stream(Fuse {
        inner: sink,
        blown: blown.clone(),
    });
    let result = write_entries(&mut writer, tables, manifest);
    match result {
        Ok(manifest) => {
            writer
                .finish()
                .map_err(internal)?
                .into_inner()
                .flush()
                .map_err(internal)?;
            Ok(manifest)
        }
        Err(error) => {
            // Dropping the writer would write the central directory.
            blown.set(true);
            drop(writer);
            Err(error)
        }
    }
}

fn write_entries<W: Write + std::io::Seek>(
    writer: &mut zip::ZipWriter<W>,
    tables: &mut dyn Batches,
    manifest: impl FnOnce(Vec<TableCount>) -> ExportManifest,
) -> Result<ExportManifest, ApiError> {
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let mut counts = Vec::new();
    let mut line = Vec::new();
    while let Some((name, columns)) = tables.next_table()? {
        writer
            .start_file(format!("{name}.json"), options)
            .map_err(internal)?;
        writer.write_all(b"[").map_err(internal)?;
        let mut rows: i64 = 0;
        while let Some(batch) = tables.next_rows()? {
            for row in &batch {
                line.clear();
                line.extend_from_slice(if rows == 0 { b"\n" } else { b",\n" });
                serde_json::to_writer(&mut line, row).map_err(internal)?;
                writer.write_all(&line).map_err(internal)?;
                rows += 1;
            }
        }
        writer.write_all(b"\n]\n").map_err(internal)?;

        tables.rewind();
        writer
            .start_file(format!("{name}.csv"), options)
            .map_err(internal)?;
        let mut csv = csv::Writer::from_writer(&mut *writer);
        csv.write_record(&columns).map_err(internal)?;
        let mut again: i64 = 0;
        while let Some(batch) = tables.next_rows()? {
            for row in &batch {
                csv.write_record(columns.iter().map(|c| cell(row.get(c))))
                    .map_err(internal)?;
                again += 1;
            }
        }
        csv.flush().map_err(internal)?;
        drop(csv);
        if again != rows {
            return Err(internal(format!(
                "{name}: {rows} rows in the JSON pass, {again} in the CSV pass"
            )));
        }
        counts.push(TableCount { table: name, rows });
    }
    let manifest = manifest(counts);
    writer
        .start_file("manifest.json", options)
        .map_err(internal)?;
    writer
        .write_all(&serde_json::to_vec_pretty(&manifest).map_err(internal)?)
        .map_err(internal)?;
    Ok(manifest)
}

/// Bytes gathered into chunks of about [`CHUNK`] and sent down a bounded
/// channel to the response body; a full channel makes the writer wait, so
/// the reading runs at the pace of the client. A closed channel (the
/// client went away) fails the write, which stops the export.
pub struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<Result<actix_web::web::Bytes, std::io::Error>>,
    buf: Vec<u8>,
}

/// The size of the chunks sent to the client.
pub const CHUNK: usize = 64 * 1024;

impl ChannelWriter {
    pub fn new(
        tx: tokio::sync::mpsc::Sender<Result<actix_web::web::Bytes, std::io::Error>>,
    ) -> Self {
        Self {
            tx,
            buf: Vec::with_capacity(CHUNK),
        }
    }

    fn send(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = actix_web::web::Bytes::from(std::mem::replace(
            &mut self.buf,
            Vec::with_capacity(CHUNK),
        ));
        self.tx.blocking_send(Ok(chunk)).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away")
        })
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(buf);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

/// A download named `filename` whose body is what arrives on `rx`; an
/// `Err` item aborts the response (the client sees a truncated body).
pub fn stream_download(
    rx: tokio::sync::mpsc::Receiver<Result<actix_web::web::Bytes, std::io::Error>>,
    filename: &str,
) -> actix_web::HttpResponse {
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    actix_web::HttpResponse::Ok()
        .content_type("application/zip")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{filename}\""),
        ))
        .insert_header(("Cache-Control", "no-store"))
        .streaming(body)
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;
    use std::io::Read;

    use super::*;

    /// What the fake tables and the sink saw, shared between them.
    #[derive(Default)]
    struct Log {
        /// Rows returned by each fetch.
        fetched: Vec<usize>,
        /// Bytes the sink had received at each fetch.
        sent_at_fetch: Vec<usize>,
        sent: usize,
    }

    /// One table of `rows` generated rows, served `batch` at a time.
    struct Fake {
        rows: usize,
        batch: usize,
        /// Fails the fetch with this index (0-based) if set.
        fail_at: Option<usize>,
        table_done: bool,
        position: usize,
        log: Rc<RefCell<Log>>,
    }

    impl Batches for Fake {
        fn next_table(&mut self) -> Result<Option<(String, Vec<String>)>, ApiError> {
            if self.table_done {
                return Ok(None);
            }
            self.table_done = true;
            Ok(Some((
                "contacts".into(),
                vec!["id".into(), "name".into(), "note".into()],
            )))
        }

        fn next_rows(&mut self) -> Result<Option<Vec<Map<String, Value>>>, ApiError> {
            let mut log = self.log.borrow_mut();
            if self.fail_at == Some(log.fetched.len()) {
                return Err(ApiError::Internal("the database went away".into()));
            }
            let end = (self.position + self.batch).min(self.rows);
            let rows: Vec<Map<String, Value>> = (self.position..end)
                .map(|i| {
                    let mut row = Map::new();
                    row.insert("id".into(), Value::String(format!("{i:08}")));
                    row.insert("name".into(), Value::String(format!("Piet {i}, \"Klant\"")));
                    // Varied text, so deflate has output to give while it goes.
                    row.insert(
                        "note".into(),
                        Value::String(format!(
                            "{:x}",
                            (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
                        )),
                    );
                    row
                })
                .collect();
            self.position = end;
            let sent = log.sent;
            log.sent_at_fetch.push(sent);
            log.fetched.push(rows.len());
            Ok((!rows.is_empty()).then_some(rows))
        }

        fn rewind(&mut self) {
            self.position = 0;
        }
    }

    /// Keeps the bytes, counts them, and refuses after `limit` (a client that went away).
    struct Sink {
        bytes: Rc<RefCell<Vec<u8>>>,
        limit: usize,
        log: Rc<RefCell<Log>>,
    }

    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let mut bytes = self.bytes.borrow_mut();
            if bytes.len() + buf.len() > self.limit {
                return Err(std::io::Error::new(std::io::ErrorKind::BrokenPipe, "gone"));
            }
            bytes.extend_from_slice(buf);
            self.log.borrow_mut().sent += buf.len();
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn manifest(tables: Vec<TableCount>) -> ExportManifest {
        ExportManifest {
            tenant_id: uuid::Uuid::nil(),
            exported_at: chrono::DateTime::UNIX_EPOCH,
            tables,
        }
    }

    fn run(
        rows: usize,
        batch: usize,
        limit: usize,
        fail_at: Option<usize>,
    ) -> (Result<ExportManifest, ApiError>, Vec<u8>, Rc<RefCell<Log>>) {
        let log = Rc::new(RefCell::new(Log::default()));
        let bytes = Rc::new(RefCell::new(Vec::new()));
        let mut fake = Fake {
            rows,
            batch,
            fail_at,
            table_done: false,
            position: 0,
            log: log.clone(),
        };
        let sink = Sink {
            bytes: bytes.clone(),
            limit,
            log: log.clone(),
        };
        let result = stream_zip(sink, &mut fake, manifest);
        let out = bytes.borrow().clone();
        (result, out, log)
    }

    fn entry(archive: &mut zip::ZipArchive<Cursor<Vec<u8>>>, name: &str) -> String {
        let mut text = String::new();
        archive
            .by_name(name)
            .expect(name)
            .read_to_string(&mut text)
            .expect("text");
        text
    }

    #[test]
    fn the_archive_is_written_while_the_rows_are_read_one_bounded_batch_at_a_time() {
        let (result, bytes, log) = run(20_000, 250, usize::MAX, None);
        let written = result.expect("the export");
        assert_eq!(written.tables[0].rows, 20_000);
        let log = log.borrow();
        // Two passes (JSON, CSV) of 80 full batches, each ended by one empty fetch.
        assert_eq!(log.fetched.len(), 2 * 81);
        assert!(log.fetched.iter().all(|n| *n <= 250));
        // Bytes reached the sink long before the last rows were read: the
        // archive is not gathered in memory first.
        let json_pass_end = log.sent_at_fetch[80];
        assert!(
            log.sent_at_fetch[40] > 0,
            "nothing sent halfway through the JSON pass"
        );
        assert!(log.sent_at_fetch[40] < json_pass_end);
        assert!(
            log.sent_at_fetch[120] > json_pass_end,
            "the CSV pass streams too"
        );

        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a complete zip");
        assert_eq!(archive.len(), 3);
        assert_eq!(
            archive.by_index(2).expect("last").name(),
            "manifest.json",
            "the manifest comes last"
        );
        let json: Vec<Map<String, Value>> =
            serde_json::from_str(&entry(&mut archive, "contacts.json")).expect("json");
        assert_eq!(json.len(), 20_000);
        assert_eq!(json[19_999]["id"], "00019999");
        let csv_text = entry(&mut archive, "contacts.csv");
        let mut csv = csv::Reader::from_reader(csv_text.as_bytes());
        let records: Vec<csv::StringRecord> = csv.records().map(|r| r.expect("row")).collect();
        assert_eq!(records.len(), 20_000);
        assert_eq!(&records[7][1], "Piet 7, \"Klant\"");
        let manifest: ExportManifest =
            serde_json::from_str(&entry(&mut archive, "manifest.json")).expect("manifest");
        assert_eq!(manifest.tables[0].table, "contacts");
        assert_eq!(manifest.tables[0].rows, 20_000);
    }

    #[test]
    fn a_client_that_goes_away_stops_the_reading_and_gets_no_complete_archive() {
        let (result, bytes, log) = run(20_000, 250, 50_000, None);
        assert!(result.is_err());
        let fetches = log.borrow().fetched.len();
        assert!(
            fetches < 81,
            "kept reading after the client left: {fetches} fetches"
        );
        assert!(
            zip::ZipArchive::new(Cursor::new(bytes)).is_err(),
            "a truncated export must not unzip"
        );
    }

    #[test]
    fn a_read_error_mid_stream_leaves_the_archive_visibly_truncated() {
        let (result, bytes, _) = run(20_000, 250, usize::MAX, Some(100));
        assert!(matches!(result, Err(ApiError::Internal(_))));
        assert!(!bytes.is_empty(), "the first part was sent");
        assert!(
            zip::ZipArchive::new(Cursor::new(bytes)).is_err(),
            "no central directory after an error"
        );
    }
}
