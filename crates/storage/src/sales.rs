//! The sales area: a tenant's invoicing settings, quotations, sales invoices
//! (mutable drafts and the state of issued ones; the issued documents
//! themselves are in [`crate::invoices`] on the tenant's ledger), payments
//! and reminders. Every function takes the tenant.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::{CompanyId, ContactId, TenantId};
use uuid::Uuid;

use crate::convert::{from_db, from_db_opt, id_text, parse_uuid, to_db};
use crate::schema::{companies, contacts};
use crate::schema_sales::{
    quotations, sales_invoices, sales_payments, sales_reminders, sales_settings,
};
use crate::{DbConnection, StorageResult};

fn opt_uuid(text: Option<String>) -> StorageResult<Option<Uuid>> {
    text.as_deref().map(parse_uuid).transpose()
}

// ---------------------------------------------------------------- settings

/// A tenant's invoicing settings.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = sales_settings, treat_none_as_null = true)]
pub struct SalesSettingsRow {
    pub tenant_id: String,
    pub invoice_prefix: String,
    pub quotation_prefix: String,
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub logo_media_type: Option<String>,
    pub logo_base64: Option<String>,
    pub payment_term_days: i64,
    pub late_payment_policy: String,
    pub contractual_rate: Option<String>,
    pub default_vat_rate: String,
    pub updated_at: NaiveDateTime,
}

impl SalesSettingsRow {
    /// The settings a tenant starts with: series F and Q, 30 days, statutory
    /// late-payment charges, 21 % VAT, no bank account or logo yet.
    pub fn defaults(tenant: TenantId, now: DateTime<Utc>) -> Self {
        Self {
            tenant_id: id_text(tenant.0),
            invoice_prefix: "F".into(),
            quotation_prefix: "Q".into(),
            iban: None,
            bic: None,
            logo_media_type: None,
            logo_base64: None,
            payment_term_days: 30,
            late_payment_policy: "statutory".into(),
            contractual_rate: None,
            default_vat_rate: "21".into(),
            updated_at: to_db(now),
        }
    }
}

pub fn settings(
    conn: &mut DbConnection,
    tenant: TenantId,
) -> StorageResult<Option<SalesSettingsRow>> {
    Ok(sales_settings::table
        .filter(sales_settings::tenant_id.eq(id_text(tenant.0)))
        .select(SalesSettingsRow::as_select())
        .first(conn)
        .optional()?)
}

/// Saves the settings (the row's tenant id must be `tenant`).
pub fn save_settings(
    conn: &mut DbConnection,
    tenant: TenantId,
    row: &SalesSettingsRow,
) -> StorageResult<()> {
    let mut row = row.clone();
    row.tenant_id = id_text(tenant.0);
    let updated = diesel::update(
        sales_settings::table.filter(sales_settings::tenant_id.eq(id_text(tenant.0))),
    )
    .set(&row)
    .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(sales_settings::table)
            .values(&row)
            .execute(conn)?;
    }
    Ok(())
}

// ---------------------------------------------------------------- customers

/// A customer as printed on a document, read from the CRM tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRecord {
    pub name: String,
    pub vat_number: Option<String>,
    pub email: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
}

type CompanyCols = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

pub fn company(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: CompanyId,
) -> StorageResult<Option<CustomerRecord>> {
    let row: Option<CompanyCols> = companies::table
        .filter(companies::tenant_id.eq(id_text(tenant.0)))
        .filter(companies::id.eq(id_text(id.0)))
        .select((
            companies::name,
            companies::vat_number,
            companies::email,
            companies::street,
            companies::postal_code,
            companies::city,
            companies::country,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(
        |(name, vat_number, email, street, postal_code, city, country)| CustomerRecord {
            name,
            vat_number,
            email,
            street,
            postal_code,
            city,
            country,
        },
    ))
}

pub fn contact(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: ContactId,
) -> StorageResult<Option<CustomerRecord>> {
    #[allow(clippy::type_complexity)]
    let row: Option<(
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    )> = contacts::table
        .filter(contacts::tenant_id.eq(id_text(tenant.0)))
        .filter(contacts::id.eq(id_text(id.0)))
        .select((
            contacts::first_name,
            contacts::last_name,
            contacts::email,
            contacts::street,
            contacts::postal_code,
            contacts::city,
            contacts::country,
        ))
        .first(conn)
        .optional()?;
    Ok(row.map(
        |(first, last, email, street, postal_code, city, country)| CustomerRecord {
            name: format!("{first} {last}").trim().to_owned(),
            vat_number: None,
            email,
            street,
            postal_code,
            city,
            country,
        },
    ))
}

// ---------------------------------------------------------------- quotations

/// A quotation as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    pub id: Uuid,
    pub tenant_id: TenantId,
    pub company_id: Option<CompanyId>,
    pub contact_id: Option<ContactId>,
    /// draft, sent, accepted or declined.
    pub state: String,
    pub number: Option<String>,
    pub issue_date: Option<NaiveDate>,
    pub valid_until: NaiveDate,
    pub title: Option<String>,
    pub notes: Option<String>,
    /// JSON.
    pub lines: String,
    /// JSON snapshot of the buyer, taken when sent.
    pub buyer: Option<String>,
    pub total_excl_vat_cents: i64,
    pub vat_cents: i64,
    pub total_incl_vat_cents: i64,
    pub public_token_hash: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub answered_at: Option<DateTime<Utc>>,
    pub sales_invoice_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = quotations, treat_none_as_null = true)]
struct QuotationRow {
    id: String,
    tenant_id: String,
    company_id: Option<String>,
    contact_id: Option<String>,
    state: String,
    number: Option<String>,
    issue_date: Option<NaiveDate>,
    valid_until: NaiveDate,
    title: Option<String>,
    notes: Option<String>,
    lines: String,
    buyer: Option<String>,
    total_excl_vat_cents: i64,
    vat_cents: i64,
    total_incl_vat_cents: i64,
    public_token_hash: Option<String>,
    sent_at: Option<NaiveDateTime>,
    answered_at: Option<NaiveDateTime>,
    sales_invoice_id: Option<String>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl QuotationRow {
    fn from_record(q: &Quotation) -> Self {
        Self {
            id: id_text(q.id),
            tenant_id: id_text(q.tenant_id.0),
            company_id: q.company_id.map(|c| id_text(c.0)),
            contact_id: q.contact_id.map(|c| id_text(c.0)),
            state: q.state.clone(),
            number: q.number.clone(),
            issue_date: q.issue_date,
            valid_until: q.valid_until,
            title: q.title.clone(),
            notes: q.notes.clone(),
            lines: q.lines.clone(),
            buyer: q.buyer.clone(),
            total_excl_vat_cents: q.total_excl_vat_cents,
            vat_cents: q.vat_cents,
            total_incl_vat_cents: q.total_incl_vat_cents,
            public_token_hash: q.public_token_hash.clone(),
            sent_at: q.sent_at.map(to_db),
            answered_at: q.answered_at.map(to_db),
            sales_invoice_id: q.sales_invoice_id.map(id_text),
            created_at: to_db(q.created_at),
            updated_at: to_db(q.updated_at),
        }
    }

    fn into_record(self) -> StorageResult<Quotation> {
        Ok(Quotation {
            id: parse_uuid(&self.id)?,
            tenant_id: TenantId(parse_uuid(&self.tenant_id)?),
            company_id: opt_uuid(self.company_id)?.map(CompanyId),
            contact_id: opt_uuid(self.contact_id)?.map(ContactId),
            state: self.state,
            number: self.number,
            issue_date: self.issue_date,
            valid_until: self.valid_until,
            title: self.title,
            notes: self.notes,
            lines: self.lines,
            buyer: self.buyer,
            total_excl_vat_cents: self.total_excl_vat_cents,
            vat_cents: self.vat_cents,
            total_incl_vat_cents: self.total_incl_vat_cents,
            public_token_hash: self.public_token_hash,
            sent_at: from_db_opt(self.sent_at),
            answered_at: from_db_opt(self.answered_at),
            sales_invoice_id: opt_uuid(self.sales_invoice_id)?,
            created_at: from_db(self.created_at),
            updated_at: from_db(self.updated_at),
        })
    }
}

pub fn insert_quotation(
    conn: &mut DbConnection,
    tenant: TenantId,
    q: &Quotation,
) -> StorageResult<()> {
    let mut row = QuotationRow::from_record(q);
    row.tenant_id = id_text(tenant.0);
    diesel::insert_into(quotations::table)
        .values(&row)
        .execute(conn)?;
    Ok(())
}

/// Writes every field of the quotation back; false when it is not the tenant's.
pub fn update_quotation(
    conn: &mut DbConnection,
    tenant: TenantId,
    q: &Quotation,
) -> StorageResult<bool> {
    let row = QuotationRow::from_record(q);
    let n = diesel::update(
        quotations::table
            .filter(quotations::tenant_id.eq(id_text(tenant.0)))
            .filter(quotations::id.eq(id_text(q.id))),
    )
    .set(&row)
    .execute(conn)?;
    Ok(n > 0)
}

/// Deletes a draft quotation; false when there is no such draft.
pub fn delete_draft_quotation(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: Uuid,
) -> StorageResult<bool> {
    let n = diesel::delete(
        quotations::table
            .filter(quotations::tenant_id.eq(id_text(tenant.0)))
            .filter(quotations::id.eq(id_text(id)))
            .filter(quotations::state.eq("draft")),
    )
    .execute(conn)?;
    Ok(n > 0)
}

pub fn find_quotation(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: Uuid,
) -> StorageResult<Option<Quotation>> {
    quotations::table
        .filter(quotations::tenant_id.eq(id_text(tenant.0)))
        .filter(quotations::id.eq(id_text(id)))
        .select(QuotationRow::as_select())
        .first(conn)
        .optional()?
        .map(QuotationRow::into_record)
        .transpose()
}

/// The quotation a public link opens (by the hash of its token). The
/// tenant follows from the row: the link is the customer's only credential.
pub fn find_quotation_by_token_hash(
    conn: &mut DbConnection,
    token_hash: &str,
) -> StorageResult<Option<Quotation>> {
    quotations::table
        .filter(quotations::public_token_hash.eq(token_hash))
        .select(QuotationRow::as_select())
        .first(conn)
        .optional()?
        .map(QuotationRow::into_record)
        .transpose()
}

/// Locks the quotation's row until the caller's transaction ends and reads
/// it afresh (see [`lock_sales_invoice`]): sending, answering and invoicing
/// a quotation decide on its state after the lock.
pub fn lock_quotation(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: Uuid,
) -> StorageResult<Option<Quotation>> {
    let query = quotations::table
        .filter(quotations::tenant_id.eq(id_text(tenant.0)))
        .filter(quotations::id.eq(id_text(id)));
    // `as_select` is typed per engine: one per arm.
    let row = match conn {
        DbConnection::Pg(pg) => query
            .select(QuotationRow::as_select())
            .for_update()
            .first(pg)
            .optional()?,
        DbConnection::Sqlite(sqlite) => query
            .select(QuotationRow::as_select())
            .first(sqlite)
            .optional()?,
    };
    row.map(QuotationRow::into_record).transpose()
}

/// A list's filters and keyset position.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// `created_at`, `total` or `customer` / `valid_until` (per list).
    pub sort: String,
    pub descending: bool,
    /// The last row of the previous page: its sort value (as text) and id.
    pub after: Option<(String, String)>,
    pub limit: i64,
    pub status: Option<String>,
    pub company_id: Option<CompanyId>,
    pub contact_id: Option<ContactId>,
    pub q: Option<String>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub today: Option<NaiveDate>,
}

fn like(q: &str) -> String {
    format!(
        "%{}%",
        q.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

/// Applies keyset paging for one typed column.
macro_rules! keyset {
    ($query:ident, $col:expr, $id:expr, $value:expr, $after_id:expr, $desc:expr) => {{
        let v = $value;
        let after_id = $after_id;
        if $desc {
            $query.filter($col.lt(v.clone()).or($col.eq(v).and($id.lt(after_id))))
        } else {
            $query.filter($col.gt(v.clone()).or($col.eq(v).and($id.gt(after_id))))
        }
    }};
}

macro_rules! order_by {
    ($query:ident, $col:expr, $id:expr, $desc:expr) => {{
        if $desc {
            $query.order(($col.desc(), $id.desc()))
        } else {
            $query.order(($col.asc(), $id.asc()))
        }
    }};
}

fn bad_cursor() -> crate::StorageError {
    crate::StorageError::InvalidCursor
}

/// A page of the tenant's quotations. Status `expired` and `sent` depend on `today`.
pub fn list_quotations(
    conn: &mut DbConnection,
    tenant: TenantId,
    query: &ListQuery,
) -> StorageResult<Vec<Quotation>> {
    let mut q = quotations::table
        .filter(quotations::tenant_id.eq(id_text(tenant.0)))
        .into_boxed();
    let today = query.today.unwrap_or(NaiveDate::MIN);
    match query.status.as_deref() {
        Some("draft") => {
            q = q
                .filter(quotations::state.eq("draft"))
                .filter(quotations::valid_until.ge(today))
        }
        Some("sent") => {
            q = q
                .filter(quotations::state.eq("sent"))
                .filter(quotations::valid_until.ge(today))
        }
        Some("expired") => {
            q = q
                .filter(quotations::state.eq_any(["draft", "sent"]))
                .filter(quotations::valid_until.lt(today))
        }
        Some(other) => q = q.filter(quotations::state.eq(other.to_owned())),
        None => {}
    }
    if let Some(c) = query.company_id {
        q = q.filter(quotations::company_id.eq(id_text(c.0)));
    }
    if let Some(c) = query.contact_id {
        q = q.filter(quotations::contact_id.eq(id_text(c.0)));
    }
    if let Some(text) = query.q.as_deref().filter(|t| !t.trim().is_empty()) {
        let pattern = like(text.trim());
        q = q.filter(
            quotations::number
                .like(pattern.clone())
                .escape('\\')
                .or(quotations::title.like(pattern).escape('\\')),
        );
    }
    if let Some((value, id)) = &query.after {
        q = match query.sort.as_str() {
            "total" => {
                let v: i64 = value.parse().map_err(|_| bad_cursor())?;
                keyset!(
                    q,
                    quotations::total_incl_vat_cents,
                    quotations::id,
                    v,
                    id.clone(),
                    query.descending
                )
            }
            "valid_until" => {
                let v: NaiveDate = value.parse().map_err(|_| bad_cursor())?;
                keyset!(
                    q,
                    quotations::valid_until,
                    quotations::id,
                    v,
                    id.clone(),
                    query.descending
                )
            }
            _ => {
                let v: NaiveDateTime = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S%.f")
                    .map_err(|_| bad_cursor())?;
                keyset!(
                    q,
                    quotations::created_at,
                    quotations::id,
                    v,
                    id.clone(),
                    query.descending
                )
            }
        };
    }
    q = match query.sort.as_str() {
        "total" => order_by!(
            q,
            quotations::total_incl_vat_cents,
            quotations::id,
            query.descending
        ),
        "valid_until" => order_by!(q, quotations::valid_until, quotations::id, query.descending),
        _ => order_by!(q, quotations::created_at, quotations::id, query.descending),
    };
    let rows: Vec<QuotationRow> = q
        .limit(query.limit)
        .select(QuotationRow::as_select())
        .load(conn)?;
    rows.into_iter().map(QuotationRow::into_record).collect()
}

// ---------------------------------------------------------------- sales invoices

/// A sales invoice: a draft, or the state of an issued one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalesInvoice {
    pub id: Uuid,
    pub tenant_id: TenantId,
    pub company_id: Option<CompanyId>,
    pub contact_id: Option<ContactId>,
    /// draft or issued.
    pub state: String,
    /// JSON lines as drafted.
    pub lines: String,
    pub notes: Option<String>,
    pub quotation_id: Option<Uuid>,
    /// The issued document in [`crate::invoices`].
    pub invoice_id: Option<Uuid>,
    pub number: Option<String>,
    pub issue_date: Option<NaiveDate>,
    pub due_date: Option<NaiveDate>,
    pub customer_name: String,
    pub total_excl_vat_cents: i64,
    pub vat_cents: i64,
    pub total_incl_vat_cents: i64,
    pub credited_cents: i64,
    pub paid_cents: i64,
    pub open_principal_cents: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = sales_invoices, treat_none_as_null = true)]
struct SalesInvoiceRow {
    id: String,
    tenant_id: String,
    company_id: Option<String>,
    contact_id: Option<String>,
    state: String,
    lines: String,
    notes: Option<String>,
    quotation_id: Option<String>,
    invoice_id: Option<String>,
    number: Option<String>,
    issue_date: Option<NaiveDate>,
    due_date: Option<NaiveDate>,
    customer_name: String,
    total_excl_vat_cents: i64,
    vat_cents: i64,
    total_incl_vat_cents: i64,
    credited_cents: i64,
    paid_cents: i64,
    open_principal_cents: i64,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl SalesInvoiceRow {
    fn from_record(s: &SalesInvoice) -> Self {
        Self {
            id: id_text(s.id),
            tenant_id: id_text(s.tenant_id.0),
            company_id: s.company_id.map(|c| id_text(c.0)),
            contact_id: s.contact_id.map(|c| id_text(c.0)),
            state: s.state.clone(),
            lines: s.lines.clone(),
            notes: s.notes.clone(),
            quotation_id: s.quotation_id.map(id_text),
            invoice_id: s.invoice_id.map(id_text),
            number: s.number.clone(),
            issue_date: s.issue_date,
            due_date: s.due_date,
            customer_name: s.customer_name.clone(),
            total_excl_vat_cents: s.total_excl_vat_cents,
            vat_cents: s.vat_cents,
            total_incl_vat_cents: s.total_incl_vat_cents,
            credited_cents: s.credited_cents,
            paid_cents: s.paid_cents,
            open_principal_cents: s.open_principal_cents,
            created_at: to_db(s.created_at),
            updated_at: to_db(s.updated_at),
        }
    }

    fn into_record(self) -> StorageResult<SalesInvoice> {
        Ok(SalesInvoice {
            id: parse_uuid(&self.id)?,
            tenant_id: TenantId(parse_uuid(&self.tenant_id)?),
            company_id: opt_uuid(self.company_id)?.map(CompanyId),
            contact_id: opt_uuid(self.contact_id)?.map(ContactId),
            state: self.state,
            lines: self.lines,
            notes: self.notes,
            quotation_id: opt_uuid(self.quotation_id)?,
            invoice_id: opt_uuid(self.invoice_id)?,
            number: self.number,
            issue_date: self.issue_date,
            due_date: self.due_date,
            customer_name: self.customer_name,
            total_excl_vat_cents: self.total_excl_vat_cents,
            vat_cents: self.vat_cents,
            total_incl_vat_cents: self.total_incl_vat_cents,
            credited_cents: self.credited_cents,
            paid_cents: self.paid_cents,
            open_principal_cents: self.open_principal_cents,
            created_at: from_db(self.created_at),
            updated_at: from_db(self.updated_at),
        })
    }
}

pub fn insert_sales_invoice(
    conn: &mut DbConnection,
    tenant: TenantId,
    s: &SalesInvoice,
) -> StorageResult<()> {
    let mut row = SalesInvoiceRow::from_record(s);
    row.tenant_id = id_text(tenant.0);
    diesel::insert_into(sales_invoices::table)
        .values(&row)
        .execute(conn)?;
    Ok(())
}

/// Writes the invoice back. `expected_state` guards against a concurrent
/// change (e.g. two issues of one draft): false when the row is not in it.
pub fn update_sales_invoice(
    conn: &mut DbConnection,
    tenant: TenantId,
    s: &SalesInvoice,
    expected_state: &str,
) -> StorageResult<bool> {
    let row = SalesInvoiceRow::from_record(s);
    let n = diesel::update(
        sales_invoices::table
            .filter(sales_invoices::tenant_id.eq(id_text(tenant.0)))
            .filter(sales_invoices::id.eq(id_text(s.id)))
            .filter(sales_invoices::state.eq(expected_state)),
    )
    .set(&row)
    .execute(conn)?;
    Ok(n > 0)
}

pub fn delete_draft_sales_invoice(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: Uuid,
) -> StorageResult<bool> {
    let n = diesel::delete(
        sales_invoices::table
            .filter(sales_invoices::tenant_id.eq(id_text(tenant.0)))
            .filter(sales_invoices::id.eq(id_text(id)))
            .filter(sales_invoices::state.eq("draft")),
    )
    .execute(conn)?;
    Ok(n > 0)
}

pub fn find_sales_invoice(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: Uuid,
) -> StorageResult<Option<SalesInvoice>> {
    sales_invoices::table
        .filter(sales_invoices::tenant_id.eq(id_text(tenant.0)))
        .filter(sales_invoices::id.eq(id_text(id)))
        .select(SalesInvoiceRow::as_select())
        .first(conn)
        .optional()?
        .map(SalesInvoiceRow::into_record)
        .transpose()
}

/// Locks the sales invoice's row until the caller's transaction ends and
/// reads it afresh: every read-decide-write on an invoice (issue, payment,
/// credit note, reminder, edit) starts here, so a concurrent one waits and
/// then sees what this one wrote. PostgreSQL: `SELECT ... FOR UPDATE`;
/// SQLite: a plain read (its write transactions begin with `BEGIN
/// IMMEDIATE`, which serialises writers already).
pub fn lock_sales_invoice(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: Uuid,
) -> StorageResult<Option<SalesInvoice>> {
    let query = sales_invoices::table
        .filter(sales_invoices::tenant_id.eq(id_text(tenant.0)))
        .filter(sales_invoices::id.eq(id_text(id)));
    // `as_select` is typed per engine: one per arm.
    let row = match conn {
        DbConnection::Pg(pg) => query
            .select(SalesInvoiceRow::as_select())
            .for_update()
            .first(pg)
            .optional()?,
        DbConnection::Sqlite(sqlite) => query
            .select(SalesInvoiceRow::as_select())
            .first(sqlite)
            .optional()?,
    };
    row.map(SalesInvoiceRow::into_record).transpose()
}

/// The sales invoice made from a quotation, if any.
pub fn sales_invoice_for_quotation(
    conn: &mut DbConnection,
    tenant: TenantId,
    quotation: Uuid,
) -> StorageResult<Option<SalesInvoice>> {
    sales_invoices::table
        .filter(sales_invoices::tenant_id.eq(id_text(tenant.0)))
        .filter(sales_invoices::quotation_id.eq(id_text(quotation)))
        .select(SalesInvoiceRow::as_select())
        .first(conn)
        .optional()?
        .map(SalesInvoiceRow::into_record)
        .transpose()
}

/// A page of the tenant's sales invoices; `status` per
/// [`ecom_domain::sales::sales_invoice_status`] on `today`; `from`/`to` on the issue date.
pub fn list_sales_invoices(
    conn: &mut DbConnection,
    tenant: TenantId,
    query: &ListQuery,
) -> StorageResult<Vec<SalesInvoice>> {
    use sales_invoices as si;
    let mut q = si::table
        .filter(si::tenant_id.eq(id_text(tenant.0)))
        .into_boxed();
    let today = query.today.unwrap_or(NaiveDate::MIN);
    match query.status.as_deref() {
        Some("draft") => q = q.filter(si::state.eq("draft")),
        Some("credited") => {
            q = q
                .filter(si::state.eq("issued"))
                .filter(si::credited_cents.ge(si::total_incl_vat_cents))
        }
        Some(status) => {
            q = q
                .filter(si::state.eq("issued"))
                .filter(si::credited_cents.lt(si::total_incl_vat_cents));
            q = match status {
                "paid" => q.filter(si::open_principal_cents.le(0)),
                "overdue" => q
                    .filter(si::open_principal_cents.gt(0))
                    .filter(si::due_date.lt(today)),
                _ => q
                    .filter(si::open_principal_cents.gt(0))
                    .filter(si::due_date.ge(today)),
            };
        }
        None => {}
    }
    if let Some(c) = query.company_id {
        q = q.filter(si::company_id.eq(id_text(c.0)));
    }
    if let Some(c) = query.contact_id {
        q = q.filter(si::contact_id.eq(id_text(c.0)));
    }
    if let Some(from) = query.from {
        q = q.filter(si::issue_date.ge(from));
    }
    if let Some(to) = query.to {
        q = q.filter(si::issue_date.le(to));
    }
    if let Some(text) = query.q.as_deref().filter(|t| !t.trim().is_empty()) {
        let pattern = like(text.trim());
        q = q.filter(
            si::number
                .like(pattern.clone())
                .escape('\\')
                .or(si::customer_name.like(pattern).escape('\\')),
        );
    }
    if let Some((value, id)) = &query.after {
        q = match query.sort.as_str() {
            "total" => {
                let v: i64 = value.parse().map_err(|_| bad_cursor())?;
                keyset!(
                    q,
                    si::total_incl_vat_cents,
                    si::id,
                    v,
                    id.clone(),
                    query.descending
                )
            }
            "customer" => keyset!(
                q,
                si::customer_name,
                si::id,
                value.clone(),
                id.clone(),
                query.descending
            ),
            _ => {
                let v: NaiveDateTime = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S%.f")
                    .map_err(|_| bad_cursor())?;
                keyset!(q, si::created_at, si::id, v, id.clone(), query.descending)
            }
        };
    }
    q = match query.sort.as_str() {
        "total" => order_by!(q, si::total_incl_vat_cents, si::id, query.descending),
        "customer" => order_by!(q, si::customer_name, si::id, query.descending),
        _ => order_by!(q, si::created_at, si::id, query.descending),
    };
    let rows: Vec<SalesInvoiceRow> = q
        .limit(query.limit)
        .select(SalesInvoiceRow::as_select())
        .load(conn)?;
    rows.into_iter().map(SalesInvoiceRow::into_record).collect()
}

// ---------------------------------------------------------------- payments and reminders

/// A payment received on a sales invoice.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = sales_payments)]
pub struct SalesPaymentRow {
    pub id: String,
    pub tenant_id: String,
    pub sales_invoice_id: String,
    pub amount_cents: i64,
    pub received_on: NaiveDate,
    pub reference: Option<String>,
    pub created_at: NaiveDateTime,
}

pub fn insert_payment(
    conn: &mut DbConnection,
    tenant: TenantId,
    row: &SalesPaymentRow,
) -> StorageResult<()> {
    let mut row = row.clone();
    row.tenant_id = id_text(tenant.0);
    diesel::insert_into(sales_payments::table)
        .values(&row)
        .execute(conn)?;
    Ok(())
}

/// The payments of one sales invoice, in the order received.
pub fn payments_for(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: Uuid,
) -> StorageResult<Vec<SalesPaymentRow>> {
    Ok(sales_payments::table
        .filter(sales_payments::tenant_id.eq(id_text(tenant.0)))
        .filter(sales_payments::sales_invoice_id.eq(id_text(invoice)))
        .order((
            sales_payments::received_on.asc(),
            sales_payments::created_at.asc(),
        ))
        .select(SalesPaymentRow::as_select())
        .load(conn)?)
}

/// A reminder sent for a sales invoice, with the amounts it claimed.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = sales_reminders)]
pub struct SalesReminderRow {
    pub id: String,
    pub tenant_id: String,
    pub sales_invoice_id: String,
    pub sent_on: NaiveDate,
    pub principal_cents: i64,
    pub interest_cents: i64,
    pub compensation_cents: i64,
    pub total_cents: i64,
    pub created_at: NaiveDateTime,
}

pub fn insert_reminder(
    conn: &mut DbConnection,
    tenant: TenantId,
    row: &SalesReminderRow,
) -> StorageResult<()> {
    let mut row = row.clone();
    row.tenant_id = id_text(tenant.0);
    diesel::insert_into(sales_reminders::table)
        .values(&row)
        .execute(conn)?;
    Ok(())
}

pub fn reminders_for(
    conn: &mut DbConnection,
    tenant: TenantId,
    invoice: Uuid,
) -> StorageResult<Vec<SalesReminderRow>> {
    Ok(sales_reminders::table
        .filter(sales_reminders::tenant_id.eq(id_text(tenant.0)))
        .filter(sales_reminders::sales_invoice_id.eq(id_text(invoice)))
        .order(sales_reminders::created_at.asc())
        .select(SalesReminderRow::as_select())
        .load(conn)?)
}

/// Text form of an id, as stored (for the server's rows).
pub fn id_string(id: Uuid) -> String {
    id_text(id)
}

/// A stored timestamp.
pub fn db_time(time: DateTime<Utc>) -> NaiveDateTime {
    to_db(time)
}

/// The tenant's companies and contacts as (id, name), for the sales forms'
/// customer pickers (at most `limit` of each, by name).
#[allow(clippy::type_complexity)]
pub fn customer_names(
    conn: &mut DbConnection,
    tenant: TenantId,
    limit: i64,
) -> StorageResult<(Vec<(Uuid, String)>, Vec<(Uuid, String)>)> {
    let companies: Vec<(String, String)> = companies::table
        .filter(companies::tenant_id.eq(id_text(tenant.0)))
        .order((companies::name.asc(), companies::id.asc()))
        .limit(limit)
        .select((companies::id, companies::name))
        .load(conn)?;
    let contacts: Vec<(String, String, String)> = contacts::table
        .filter(contacts::tenant_id.eq(id_text(tenant.0)))
        .order((
            contacts::last_name.asc(),
            contacts::first_name.asc(),
            contacts::id.asc(),
        ))
        .limit(limit)
        .select((contacts::id, contacts::first_name, contacts::last_name))
        .load(conn)?;
    Ok((
        companies
            .into_iter()
            .map(|(id, name)| Ok((parse_uuid(&id)?, name)))
            .collect::<StorageResult<_>>()?,
        contacts
            .into_iter()
            .map(|(id, first, last)| {
                Ok((
                    parse_uuid(&id)?,
                    format!("{first} {last}").trim().to_owned(),
                ))
            })
            .collect::<StorageResult<_>>()?,
    ))
}
