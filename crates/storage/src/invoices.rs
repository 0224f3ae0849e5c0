//! Issued invoices and credit notes, and the gapless numbering of each series.
//!
//! Rows are immutable once written (the schema refuses updates and deletes).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::TenantId;
use uuid::Uuid;

use crate::convert::{from_db, id_text, parse_uuid, to_db};
use crate::schema::{invoice_counters, invoices};
use crate::{DbConnection, StorageResult};

/// The operator's own ledger (invoicing Clients) in the counters table.
pub const OPERATOR_LEDGER: &str = "operator";

/// Takes the next number of `series` in `year` for `ledger`. Must run inside
/// the issuing transaction: the counter row stays locked until it commits,
/// so concurrent issuers wait and numbers have no gaps or duplicates (a
/// rollback gives the number back).
pub fn take_next_sequence(
    conn: &mut DbConnection,
    ledger: &str,
    series: &str,
    year: i32,
) -> StorageResult<u32> {
    // Create the counter at 0 the first time; a concurrent creator may win,
    // so the insert runs in a savepoint whose failure is harmless.
    let _ = conn.transaction::<_, diesel::result::Error, _>(|c| {
        diesel::insert_into(invoice_counters::table)
            .values((
                invoice_counters::ledger.eq(ledger),
                invoice_counters::series.eq(series),
                invoice_counters::year.eq(year),
                invoice_counters::last_seq.eq(0),
            ))
            .execute(c)
    });
    let filter = invoice_counters::table
        .filter(invoice_counters::ledger.eq(ledger))
        .filter(invoice_counters::series.eq(series))
        .filter(invoice_counters::year.eq(year));
    diesel::update(filter)
        .set(invoice_counters::last_seq.eq(invoice_counters::last_seq + 1))
        .execute(conn)?;
    let seq: i32 = filter.select(invoice_counters::last_seq).first(conn)?;
    Ok(u32::try_from(seq).unwrap_or(0))
}

/// An invoice to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredInvoice {
    pub id: Uuid,
    /// `None`: the operator's ledger.
    pub seller_tenant_id: Option<TenantId>,
    pub buyer_tenant_id: Option<TenantId>,
    /// `invoice` or `credit_note`.
    pub kind: String,
    pub series: String,
    pub year: i32,
    pub seq: u32,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub payment_method: String,
    pub structured_communication: String,
    pub currency: String,
    pub total_excl_vat_cents: i64,
    pub vat_cents: i64,
    pub total_incl_vat_cents: i64,
    /// The whole document as JSON (lines, VAT breakdown, parties).
    pub document: String,
    pub credited_invoice_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = invoices)]
struct InvoiceRow {
    id: String,
    seller_tenant_id: Option<String>,
    buyer_tenant_id: Option<String>,
    kind: String,
    series: String,
    year: i32,
    seq: i32,
    number: String,
    issue_date: NaiveDate,
    due_date: NaiveDate,
    payment_method: String,
    structured_communication: String,
    currency: String,
    total_excl_vat_cents: i64,
    vat_cents: i64,
    total_incl_vat_cents: i64,
    document: String,
    credited_invoice_id: Option<String>,
    created_at: NaiveDateTime,
}

impl InvoiceRow {
    fn into_record(self) -> StorageResult<StoredInvoice> {
        Ok(StoredInvoice {
            id: parse_uuid(&self.id)?,
            seller_tenant_id: self
                .seller_tenant_id
                .as_deref()
                .map(parse_uuid)
                .transpose()?
                .map(TenantId),
            buyer_tenant_id: self
                .buyer_tenant_id
                .as_deref()
                .map(parse_uuid)
                .transpose()?
                .map(TenantId),
            kind: self.kind,
            series: self.series,
            year: self.year,
            seq: u32::try_from(self.seq).unwrap_or(0),
            number: self.number,
            issue_date: self.issue_date,
            due_date: self.due_date,
            payment_method: self.payment_method,
            structured_communication: self.structured_communication,
            currency: self.currency,
            total_excl_vat_cents: self.total_excl_vat_cents,
            vat_cents: self.vat_cents,
            total_incl_vat_cents: self.total_incl_vat_cents,
            document: self.document,
            credited_invoice_id: self
                .credited_invoice_id
                .as_deref()
                .map(parse_uuid)
                .transpose()?,
            created_at: from_db(self.created_at),
        })
    }
}

pub fn insert(conn: &mut DbConnection, invoice: &StoredInvoice) -> StorageResult<()> {
    let row = InvoiceRow {
        id: id_text(invoice.id),
        seller_tenant_id: invoice.seller_tenant_id.map(|t| id_text(t.0)),
        buyer_tenant_id: invoice.buyer_tenant_id.map(|t| id_text(t.0)),
        kind: invoice.kind.clone(),
        series: invoice.series.clone(),
        year: invoice.year,
        seq: i32::try_from(invoice.seq).unwrap_or(i32::MAX),
        number: invoice.number.clone(),
        issue_date: invoice.issue_date,
        due_date: invoice.due_date,
        payment_method: invoice.payment_method.clone(),
        structured_communication: invoice.structured_communication.clone(),
        currency: invoice.currency.clone(),
        total_excl_vat_cents: invoice.total_excl_vat_cents,
        vat_cents: invoice.vat_cents,
        total_incl_vat_cents: invoice.total_incl_vat_cents,
        document: invoice.document.clone(),
        credited_invoice_id: invoice.credited_invoice_id.map(id_text),
        created_at: to_db(invoice.created_at),
    };
    diesel::insert_into(invoices::table)
        .values(&row)
        .execute(conn)?;
    Ok(())
}

/// The operator's invoices to a Client, newest first.
pub fn list_for_client(
    conn: &mut DbConnection,
    client: TenantId,
) -> StorageResult<Vec<StoredInvoice>> {
    let rows: Vec<InvoiceRow> = invoices::table
        .filter(invoices::seller_tenant_id.is_null())
        .filter(invoices::buyer_tenant_id.eq(id_text(client.0)))
        .order((invoices::issue_date.desc(), invoices::seq.desc()))
        .select(InvoiceRow::as_select())
        .load(conn)?;
    rows.into_iter().map(InvoiceRow::into_record).collect()
}

/// One of the operator's invoices to this Client.
pub fn find_for_client(
    conn: &mut DbConnection,
    client: TenantId,
    id: Uuid,
) -> StorageResult<Option<StoredInvoice>> {
    invoices::table
        .filter(invoices::seller_tenant_id.is_null())
        .filter(invoices::buyer_tenant_id.eq(id_text(client.0)))
        .filter(invoices::id.eq(id_text(id)))
        .select(InvoiceRow::as_select())
        .first(conn)
        .optional()?
        .map(InvoiceRow::into_record)
        .transpose()
}

/// Every sequence number issued in a series and year of the operator's ledger (for audits and tests).
pub fn operator_sequences(
    conn: &mut DbConnection,
    series: &str,
    year: i32,
) -> StorageResult<Vec<u32>> {
    let seqs: Vec<i32> = invoices::table
        .filter(invoices::seller_tenant_id.is_null())
        .filter(invoices::series.eq(series))
        .filter(invoices::year.eq(year))
        .order(invoices::seq.asc())
        .select(invoices::seq)
        .load(conn)?;
    Ok(seqs
        .into_iter()
        .map(|s| u32::try_from(s).unwrap_or(0))
        .collect())
}

/// One of the operator's invoices, whoever the Client (operator tools only).
pub fn find_in_operator_ledger(
    conn: &mut DbConnection,
    id: Uuid,
) -> StorageResult<Option<StoredInvoice>> {
    invoices::table
        .filter(invoices::seller_tenant_id.is_null())
        .filter(invoices::id.eq(id_text(id)))
        .select(InvoiceRow::as_select())
        .first(conn)
        .optional()?
        .map(InvoiceRow::into_record)
        .transpose()
}

/// The credit notes correcting an invoice.
pub fn credit_notes_for(
    conn: &mut DbConnection,
    client: TenantId,
    invoice: Uuid,
) -> StorageResult<Vec<StoredInvoice>> {
    let rows: Vec<InvoiceRow> = invoices::table
        .filter(invoices::seller_tenant_id.is_null())
        .filter(invoices::buyer_tenant_id.eq(id_text(client.0)))
        .filter(invoices::credited_invoice_id.eq(id_text(invoice)))
        .order(invoices::seq.asc())
        .select(InvoiceRow::as_select())
        .load(conn)?;
    rows.into_iter().map(InvoiceRow::into_record).collect()
}

/// The operator's invoices collected by direct debit that are due on `date`, across Clients.
pub fn direct_debits_due(
    conn: &mut DbConnection,
    date: NaiveDate,
) -> StorageResult<Vec<StoredInvoice>> {
    let rows: Vec<InvoiceRow> = invoices::table
        .filter(invoices::seller_tenant_id.is_null())
        .filter(invoices::kind.eq("invoice"))
        .filter(invoices::payment_method.eq("direct_debit"))
        .filter(invoices::due_date.eq(date))
        .order((invoices::year.asc(), invoices::seq.asc()))
        .select(InvoiceRow::as_select())
        .load(conn)?;
    rows.into_iter().map(InvoiceRow::into_record).collect()
}

/// Whether the Client had a direct-debit invoice before `date` (FRST or RCUR).
pub fn had_direct_debit_before(
    conn: &mut DbConnection,
    client: TenantId,
    date: NaiveDate,
) -> StorageResult<bool> {
    let n: i64 = invoices::table
        .filter(invoices::seller_tenant_id.is_null())
        .filter(invoices::buyer_tenant_id.eq(id_text(client.0)))
        .filter(invoices::payment_method.eq("direct_debit"))
        .filter(invoices::due_date.lt(date))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The last number taken in a series and year, without taking one (to show the next).
pub fn peek_last_sequence(
    conn: &mut DbConnection,
    ledger: &str,
    series: &str,
    year: i32,
) -> StorageResult<Option<u32>> {
    let seq: Option<i32> = invoice_counters::table
        .filter(invoice_counters::ledger.eq(ledger))
        .filter(invoice_counters::series.eq(series))
        .filter(invoice_counters::year.eq(year))
        .select(invoice_counters::last_seq)
        .first(conn)
        .optional()?;
    Ok(seq.map(|s| u32::try_from(s).unwrap_or(0)))
}

/// A document of a tenant's own ledger (the tenant invoicing its customers).
pub fn find_in_seller_ledger(
    conn: &mut DbConnection,
    seller: TenantId,
    id: Uuid,
) -> StorageResult<Option<StoredInvoice>> {
    invoices::table
        .filter(invoices::seller_tenant_id.eq(id_text(seller.0)))
        .filter(invoices::id.eq(id_text(id)))
        .select(InvoiceRow::as_select())
        .first(conn)
        .optional()?
        .map(InvoiceRow::into_record)
        .transpose()
}

/// The credit notes correcting an invoice of a tenant's own ledger, oldest first.
pub fn credit_notes_in_seller_ledger(
    conn: &mut DbConnection,
    seller: TenantId,
    invoice: Uuid,
) -> StorageResult<Vec<StoredInvoice>> {
    let rows: Vec<InvoiceRow> = invoices::table
        .filter(invoices::seller_tenant_id.eq(id_text(seller.0)))
        .filter(invoices::credited_invoice_id.eq(id_text(invoice)))
        .order((invoices::issue_date.asc(), invoices::seq.asc()))
        .select(InvoiceRow::as_select())
        .load(conn)?;
    rows.into_iter().map(InvoiceRow::into_record).collect()
}

/// Every invoice and credit note of a tenant's own ledger dated `from..=to`:
/// (issue date, kind, total excl. VAT in cents).
pub fn seller_ledger_totals(
    conn: &mut DbConnection,
    seller: TenantId,
    from: NaiveDate,
    to: NaiveDate,
) -> StorageResult<Vec<(NaiveDate, String, i64)>> {
    Ok(invoices::table
        .filter(invoices::seller_tenant_id.eq(id_text(seller.0)))
        .filter(invoices::issue_date.ge(from))
        .filter(invoices::issue_date.le(to))
        .select((
            invoices::issue_date,
            invoices::kind,
            invoices::total_excl_vat_cents,
        ))
        .load(conn)?)
}

/// Every sequence number issued in a series and year of a tenant's own ledger.
pub fn seller_sequences(
    conn: &mut DbConnection,
    seller: TenantId,
    series: &str,
    year: i32,
) -> StorageResult<Vec<u32>> {
    let seqs: Vec<i32> = invoices::table
        .filter(invoices::seller_tenant_id.eq(id_text(seller.0)))
        .filter(invoices::series.eq(series))
        .filter(invoices::year.eq(year))
        .order(invoices::seq.asc())
        .select(invoices::seq)
        .load(conn)?;
    Ok(seqs
        .into_iter()
        .map(|s| u32::try_from(s).unwrap_or(0))
        .collect())
}
