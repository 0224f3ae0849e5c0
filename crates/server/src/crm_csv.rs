//! CSV export and import of companies and contacts (the `csv` crate:
//! RFC 4180 quoting). Columns are found by header name, in any order; tags
//! are separated by `;`. Contacts name their company by name and VAT number,
//! so an export imports into another account unchanged.
//!
//! An import checks every row with the same rules as the JSON API and
//! reports every bad row; it writes nothing unless all rows are good, then
//! all of them in the caller's one transaction.

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use ecom_domain::{CompanyId, ContactId, TenantId};
use ecom_storage::companies::{self, Company};
use ecom_storage::contacts::{self, Contact};
use ecom_storage::DbConnection;
use ecom_types::crm::{
    CompanyRequest, ContactRequest, ImportProblem, ImportReport, ImportRowError,
};
use ecom_types::FieldError;
use futures_util::StreamExt;
use uuid::Uuid;

use crate::crm;
use crate::error::ApiError;
use crate::events;

/// The company columns, in export order.
pub const COMPANY_COLUMNS: [&str; 12] = [
    "name",
    "vat_number",
    "email",
    "phone",
    "website",
    "street",
    "postal_code",
    "city",
    "country",
    "tags",
    "notes",
    "marketing_consent",
];

/// The contact columns, in export order. `company` and `company_vat_number`
/// name the linked company.
pub const CONTACT_COLUMNS: [&str; 16] = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "mobile",
    "job_title",
    "company",
    "company_vat_number",
    "street",
    "postal_code",
    "city",
    "country",
    "language",
    "tags",
    "notes",
    "marketing_consent",
];

/// The largest CSV body an import reads.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

fn csv_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::Internal(format!("csv: {e}"))
}

fn opt(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or("")
}

/// Whether a spreadsheet would run the cell as a formula (CSV injection,
/// OWASP): `=`, `@`, a tab or carriage return first, or `+`/`-` not starting
/// a plain number (phone numbers such as `+32 9 ...` stay as they are).
fn looks_like_formula(cell: &str) -> bool {
    let mut chars = cell.chars();
    match chars.next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !chars.all(|c| c.is_ascii_digit() || " ./()-".contains(c)),
        _ => false,
    }
}

/// A cell as exported: a would-be formula is prefixed with `'` so that
/// spreadsheets show it as text.
fn cell_out(cell: &str) -> std::borrow::Cow<'_, str> {
    if looks_like_formula(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A cell as imported: the export's `'` before a would-be formula is removed,
/// so an export imports unchanged.
fn cell_in(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if looks_like_formula(rest) => rest.to_owned(),
        _ => cell.to_owned(),
    }
}

fn write_row<const N: usize>(
    writer: &mut csv::Writer<Vec<u8>>,
    cells: [&str; N],
) -> Result<(), ApiError> {
    writer
        .write_record(cells.iter().map(|c| cell_out(c).into_owned()))
        .map_err(csv_error)
}

/// All the tenant's companies as CSV.
pub fn export_companies(list: &[Company]) -> Result<Vec<u8>, ApiError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COMPANY_COLUMNS).map_err(csv_error)?;
    for c in list {
        write_row(
            &mut writer,
            [
                c.name.as_str(),
                opt(&c.vat_number),
                opt(&c.email),
                opt(&c.phone),
                opt(&c.website),
                opt(&c.street),
                opt(&c.postal_code),
                opt(&c.city),
                opt(&c.country),
                &c.tags.join(";"),
                opt(&c.notes),
                if c.marketing_consent { "true" } else { "false" },
            ],
        )?;
    }
    writer.into_inner().map_err(csv_error)
}

/// All the tenant's contacts as CSV, with their companies' names and VAT numbers.
pub fn export_contacts(list: &[Contact], companies: &[Company]) -> Result<Vec<u8>, ApiError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CONTACT_COLUMNS).map_err(csv_error)?;
    for c in list {
        let company = c
            .company_id
            .and_then(|id| companies.iter().find(|co| co.id == id));
        write_row(
            &mut writer,
            [
                c.first_name.as_str(),
                c.last_name.as_str(),
                opt(&c.email),
                opt(&c.phone),
                opt(&c.mobile),
                opt(&c.job_title),
                company.map_or("", |co| co.name.as_str()),
                company.map_or("", |co| opt(&co.vat_number)),
                opt(&c.street),
                opt(&c.postal_code),
                opt(&c.city),
                opt(&c.country),
                opt(&c.language),
                &c.tags.join(";"),
                opt(&c.notes),
                if c.marketing_consent { "true" } else { "false" },
            ],
        )?;
    }
    writer.into_inner().map_err(csv_error)
}

/// A CSV download named `file_name`.
pub fn csv_response(bytes: Vec<u8>, file_name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .body(bytes)
}

/// Imports the rows of a CSV text for a tenant: [`import_companies`] or
/// [`import_contacts`].
pub type ImportRows =
    fn(&mut DbConnection, TenantId, &str, bool, bool, DateTime<Utc>) -> Result<Imported, ApiError>;

/// What both import endpoints do: the CRM module is checked before reading
/// (perhaps megabytes of) the body, then again in the one transaction that
/// imports every row or none.
pub async fn import_endpoint(
    state: web::Data<crate::state::AppState>,
    req: HttpRequest,
    caller: crate::auth::TenantCaller,
    (dry_run, allow_duplicate): (bool, bool),
    payload: web::Payload,
    rows: ImportRows,
) -> Result<HttpResponse, ApiError> {
    use crate::access::{self, Access};
    use ecom_domain::contract::Module;
    let now = state.clock.now();
    state
        .read(move |conn| access::require(conn, &caller, Module::Crm, Access::Write, now))
        .await?;
    let text = read_body(&req, payload).await?;
    let outcome = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Crm, Access::Write, now)?;
            rows(conn, caller.tenant, &text, dry_run, allow_duplicate, now)
        })
        .await?;
    Ok(outcome.into_response())
}

/// Reads an import's body: `text/csv`, UTF-8, at most [`MAX_IMPORT_BYTES`].
pub async fn read_body(req: &HttpRequest, mut payload: web::Payload) -> Result<String, ApiError> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if media != "text/csv" {
        return Err(ApiError::BadRequest {
            code: "csv_expected",
            detail: "send the file as the body with 'Content-Type: text/csv' (UTF-8, a header row first)".into(),
        });
    }
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::BadRequest {
            code: "unreadable_body",
            detail: format!("the body could not be read: {e}"),
        })?;
        if body.len() + chunk.len() > MAX_IMPORT_BYTES {
            return Err(ApiError::PayloadTooLarge {
                limit: MAX_IMPORT_BYTES,
            });
        }
        body.extend_from_slice(&chunk);
    }
    let mut text = String::from_utf8(body.to_vec()).map_err(|_| ApiError::BadRequest {
        code: "csv_not_utf8",
        detail: "the CSV file must be UTF-8 encoded; save it as \"CSV UTF-8\"".into(),
    })?;
    if text.starts_with('\u{feff}') {
        text.remove(0);
    }
    // PostgreSQL cannot store U+0000 in text (see `crate::nul`).
    if let Some(at) = text.find('\0') {
        let line = text[..at].matches('\n').count() + 1;
        return Err(crate::input_guard::refused(format!(
            "line {line} of the CSV file"
        )));
    }
    Ok(text)
}

/// One data row: its line in the file and its cells by column name.
struct Row {
    line: u64,
    cells: HashMap<String, String>,
}

impl Row {
    fn get(&self, column: &str) -> Option<String> {
        self.cells
            .get(column)
            .map(|v| cell_in(v.trim()))
            .filter(|v| !v.is_empty())
    }

    fn text(&self, column: &str) -> String {
        self.get(column).unwrap_or_default()
    }

    fn tags(&self) -> Vec<String> {
        self.text("tags")
            .split(';')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    }
}

/// Reads the rows, checking the header: every required column present, no
/// unknown or repeated column. Header problems are reported as line 1.
fn read_rows(
    text: &str,
    known: &[&str],
    required: &[&str],
    errors: &mut Vec<ImportRowError>,
) -> Vec<Row> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_ascii_lowercase()).collect(),
        Err(e) => {
            errors.push(row_error(
                1,
                "row",
                "unreadable_csv",
                format!("the header row cannot be read: {e}"),
            ));
            return Vec::new();
        }
    };
    for (i, h) in headers.iter().enumerate() {
        if !known.contains(&h.as_str()) {
            errors.push(row_error(
                1,
                h,
                "unknown_column",
                format!("unknown column {h:?}; the columns are {}", known.join(", ")),
            ));
        } else if headers[..i].contains(h) {
            errors.push(row_error(
                1,
                h,
                "repeated_column",
                format!("the column {h:?} appears twice"),
            ));
        }
    }
    for r in required {
        if !headers.iter().any(|h| h == r) {
            errors.push(row_error(
                1,
                r,
                "missing_column",
                format!("the required column {r:?} is missing"),
            ));
        }
    }
    if !errors.is_empty() {
        return Vec::new();
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => {
                let line = record.position().map_or(0, |p| p.line());
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let cells = headers
                    .iter()
                    .cloned()
                    .zip(record.iter().map(str::to_owned))
                    .collect();
                rows.push(Row { line, cells });
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                errors.push(row_error(
                    line,
                    "row",
                    "unreadable_row",
                    format!("the row cannot be read: {e}"),
                ));
            }
        }
    }
    rows
}

fn row_error(row: u64, field: &str, code: &str, message: impl Into<String>) -> ImportRowError {
    ImportRowError {
        row,
        field: field.into(),
        code: code.into(),
        message: message.into(),
    }
}

fn field_errors(line: u64, errors: Vec<FieldError>, errors_out: &mut Vec<ImportRowError>) {
    errors_out.extend(
        errors
            .into_iter()
            .map(|e| row_error(line, &e.field, &e.code, e.message)),
    );
}

fn consent(row: &Row, errors: &mut Vec<ImportRowError>) -> bool {
    match row.text("marketing_consent").to_ascii_lowercase().as_str() {
        "" | "false" | "no" | "0" | "n" => false,
        "true" | "yes" | "1" | "y" => true,
        other => {
            errors.push(row_error(
                row.line,
                "marketing_consent",
                "invalid_boolean",
                format!("{other:?} is not true or false"),
            ));
            false
        }
    }
}

/// The outcome of an import: the report, and whether it was written.
pub enum Imported {
    /// Dry run, or a clean import that was written.
    Report(ImportReport),
    /// A real import with bad rows: nothing was written.
    Refused(ImportReport),
}

impl Imported {
    pub fn into_response(self) -> HttpResponse {
        match self {
            Imported::Report(report) => HttpResponse::Ok().json(report),
            Imported::Refused(report) => {
                let detail = format!(
                    "{} problem(s) in the file; nothing was imported. Correct the rows listed in `report.errors` (try ?dry_run=true) and import again",
                    report.errors.len()
                );
                let problem = ApiError::Rule {
                    code: "import_refused",
                    detail,
                }
                .problem();
                HttpResponse::UnprocessableEntity()
                    .content_type("application/problem+json")
                    .json(ImportProblem { problem, report })
            }
        }
    }
}

fn finish(dry_run: bool, rows: usize, errors: Vec<ImportRowError>) -> Imported {
    let rows = u64::try_from(rows).unwrap_or(u64::MAX);
    if !errors.is_empty() && !dry_run {
        return Imported::Refused(ImportReport {
            dry_run,
            rows,
            imported: 0,
            errors,
        });
    }
    Imported::Report(ImportReport {
        dry_run,
        rows,
        imported: if dry_run { 0 } else { rows },
        errors,
    })
}

/// Checks (and unless `dry_run` or refused, writes) a companies CSV.
pub fn import_companies(
    conn: &mut DbConnection,
    tenant: TenantId,
    text: &str,
    dry_run: bool,
    allow_duplicate: bool,
    now: DateTime<Utc>,
) -> Result<Imported, ApiError> {
    let mut errors = Vec::new();
    let rows = read_rows(text, &COMPANY_COLUMNS, &["name"], &mut errors);
    let mut good: Vec<Company> = Vec::new();
    let mut seen_vat: HashMap<String, u64> = HashMap::new();
    for row in &rows {
        let consent = consent(row, &mut errors);
        let request = CompanyRequest {
            name: row.text("name"),
            vat_number: row.get("vat_number"),
            email: row.get("email"),
            phone: row.get("phone"),
            website: row.get("website"),
            street: row.get("street"),
            postal_code: row.get("postal_code"),
            city: row.get("city"),
            country: row.get("country"),
            tags: row.tags(),
            notes: row.get("notes"),
            marketing_consent: consent,
        };
        match crm::company_from_request(&request, CompanyId(Uuid::now_v7()), now, now) {
            Err(field) => field_errors(row.line, field, &mut errors),
            Ok(company) => {
                if let (Some(vat), false) = (&company.vat_number, allow_duplicate) {
                    if let Some(existing) = companies::find_by_vat(conn, tenant, vat)? {
                        errors.push(row_error(
                            row.line,
                            "vat_number",
                            "duplicate_vat_number",
                            format!("company {} already has this VAT number; import with ?allow_duplicate=true to add it anyway", existing.id),
                        ));
                        continue;
                    }
                    if let Some(first) = seen_vat.insert(vat.clone(), row.line) {
                        errors.push(row_error(
                            row.line,
                            "vat_number",
                            "duplicate_vat_number",
                            format!("line {first} has the same VAT number"),
                        ));
                        continue;
                    }
                }
                good.push(company);
            }
        }
    }
    let outcome = finish(dry_run, rows.len(), errors);
    if let Imported::Report(report) = &outcome {
        if !report.dry_run {
            for company in &good {
                companies::insert(conn, tenant, company)?;
                events::record(
                    conn,
                    tenant,
                    "company",
                    "created",
                    company.id.0,
                    &crm::company_view(company),
                    now,
                )?;
            }
        }
    }
    Ok(outcome)
}

/// The company a contact row names: by VAT number when given, else by name.
fn company_of_row(
    conn: &mut DbConnection,
    tenant: TenantId,
    row: &Row,
    errors: &mut Vec<ImportRowError>,
) -> Result<Option<CompanyId>, ApiError> {
    if let Some(raw_vat) = row.get("company_vat_number") {
        let vat: String = raw_vat
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-' | '/'))
            .collect::<String>()
            .to_ascii_uppercase();
        return match companies::find_by_vat(conn, tenant, &vat)? {
            Some(company) => Ok(Some(company.id)),
            None => {
                errors.push(row_error(
                    row.line,
                    "company_vat_number",
                    "unknown_company",
                    format!("no company with VAT number {raw_vat} in your account; import the companies first"),
                ));
                Ok(None)
            }
        };
    }
    let Some(name) = row.get("company") else {
        return Ok(None);
    };
    let found = companies::find_by_name(conn, tenant, &name)?;
    match found.as_slice() {
        [one] => Ok(Some(one.id)),
        [] => {
            errors.push(row_error(
                row.line,
                "company",
                "unknown_company",
                format!("no company named {name:?} in your account; import the companies first"),
            ));
            Ok(None)
        }
        _ => {
            errors.push(row_error(
                row.line,
                "company",
                "ambiguous_company",
                format!("{} companies are named {name:?}; add the company_vat_number column to say which", found.len()),
            ));
            Ok(None)
        }
    }
}

/// Checks (and unless `dry_run` or refused, writes) a contacts CSV.
pub fn import_contacts(
    conn: &mut DbConnection,
    tenant: TenantId,
    text: &str,
    dry_run: bool,
    allow_duplicate: bool,
    now: DateTime<Utc>,
) -> Result<Imported, ApiError> {
    let mut errors = Vec::new();
    let rows = read_rows(
        text,
        &CONTACT_COLUMNS,
        &["first_name", "last_name"],
        &mut errors,
    );
    let mut good: Vec<Contact> = Vec::new();
    let mut seen_email: HashMap<String, u64> = HashMap::new();
    for row in &rows {
        let before = errors.len();
        let consent = consent(row, &mut errors);
        let company_id = company_of_row(conn, tenant, row, &mut errors)?;
        let request = ContactRequest {
            first_name: row.text("first_name"),
            last_name: row.text("last_name"),
            company_id: company_id.map(|id| id.0),
            email: row.get("email"),
            phone: row.get("phone"),
            mobile: row.get("mobile"),
            job_title: row.get("job_title"),
            street: row.get("street"),
            postal_code: row.get("postal_code"),
            city: row.get("city"),
            country: row.get("country"),
            language: row.get("language"),
            tags: row.tags(),
            notes: row.get("notes"),
            marketing_consent: consent,
        };
        match crm::contact_from_request(&request, ContactId(Uuid::now_v7()), now, now) {
            Err(field) => field_errors(row.line, field, &mut errors),
            Ok(contact) => {
                if let (Some(email), false) = (&contact.email, allow_duplicate) {
                    if let Some(existing) = contacts::find_by_email(conn, tenant, email)? {
                        errors.push(row_error(
                            row.line,
                            "email",
                            "duplicate_email",
                            format!("contact {} already has this e-mail address; import with ?allow_duplicate=true to add it anyway", existing.id),
                        ));
                        continue;
                    }
                    if let Some(first) = seen_email.insert(email.clone(), row.line) {
                        errors.push(row_error(
                            row.line,
                            "email",
                            "duplicate_email",
                            format!("line {first} has the same e-mail address"),
                        ));
                        continue;
                    }
                }
                if errors.len() == before {
                    good.push(contact);
                }
            }
        }
    }
    let outcome = finish(dry_run, rows.len(), errors);
    if let Imported::Report(report) = &outcome {
        if !report.dry_run {
            let all_companies = companies::all(conn, tenant)?;
            for contact in &good {
                contacts::insert(conn, tenant, contact)?;
                let company_name = contact
                    .company_id
                    .and_then(|id| all_companies.iter().find(|c| c.id == id))
                    .map(|c| c.name.clone());
                events::record(
                    conn,
                    tenant,
                    "contact",
                    "created",
                    contact.id.0,
                    &crm::contact_view(contact, company_name),
                    now,
                )?;
            }
        }
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_on_export_and_restored_on_import() {
        for formula in [
            "=SUM(A1:A9)",
            "@cmd",
            "+HYPERLINK(\"x\")",
            "-1+2=cmd|' /C calc'!A0",
        ] {
            let out = cell_out(formula);
            assert_eq!(out, format!("'{formula}"));
            assert_eq!(cell_in(&out), formula);
        }
        for plain in ["+32 9 222 33 44", "-5", "De Klok", "'quoted'", "+(32) 9"] {
            assert_eq!(cell_out(plain), plain);
            assert_eq!(cell_in(plain), plain);
        }
    }
}
