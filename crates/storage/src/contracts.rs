//! Contracts and their terms.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::TenantId;
use uuid::Uuid;

use crate::convert::{from_db, from_db_opt, id_text, parse_uuid, to_db};
use crate::schema::{contract_terms, contracts};
use crate::{DbConnection, StorageError, StorageResult};

/// A contract's stored state. The rules that move it live in the domain crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contract {
    pub id: Uuid,
    pub tenant_id: TenantId,
    /// An `ecom_domain::contract::ContractStatus` name.
    pub status: String,
    /// `quarter` or `year`.
    pub term_length: String,
    /// The first day of the first term.
    pub started_on: NaiveDate,
    pub modules: Vec<String>,
    pub modules_next_term: Vec<String>,
    pub extra_seats: u32,
    pub extra_seats_next_term: u32,
    /// 1 for the first term, +1 per renewal.
    pub term_seq: u32,
    pub term_starts_on: NaiveDate,
    /// The day after the term's last day.
    pub term_ends_on: NaiveDate,
    pub term_price_cents: i64,
    pub delivered_at: DateTime<Utc>,
    pub nonconformity_reported_at: Option<DateTime<Utc>>,
    pub nonconformity: Option<String>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<String>,
    pub cancel_notice_id: Option<Uuid>,
    /// `price`, `terms` or `service`.
    pub cancel_notice_kind: Option<String>,
    pub cancel_notice_at: Option<DateTime<Utc>>,
    pub deactivated_at: Option<DateTime<Utc>>,
    pub suspended_at: Option<DateTime<Utc>>,
    /// `non_payment` or `operator`.
    pub suspension_reason: Option<String>,
    pub terminated_at: Option<DateTime<Utc>>,
    pub termination_reason: Option<String>,
    pub termination_reason_since: Option<DateTime<Utc>>,
    pub export_window_ends_at: Option<DateTime<Utc>>,
    pub soft_deleted_at: Option<DateTime<Utc>>,
    pub anonymised_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = contracts)]
#[diesel(treat_none_as_null = true)]
struct ContractRow {
    id: String,
    tenant_id: String,
    status: String,
    term_length: String,
    started_on: NaiveDate,
    modules: String,
    modules_next_term: String,
    extra_seats: i32,
    extra_seats_next_term: i32,
    term_seq: i32,
    term_starts_on: NaiveDate,
    term_ends_on: NaiveDate,
    term_price_cents: i64,
    delivered_at: NaiveDateTime,
    nonconformity_reported_at: Option<NaiveDateTime>,
    nonconformity: Option<String>,
    cancelled_at: Option<NaiveDateTime>,
    cancel_reason: Option<String>,
    cancel_notice_id: Option<String>,
    cancel_notice_kind: Option<String>,
    cancel_notice_at: Option<NaiveDateTime>,
    deactivated_at: Option<NaiveDateTime>,
    suspended_at: Option<NaiveDateTime>,
    suspension_reason: Option<String>,
    terminated_at: Option<NaiveDateTime>,
    termination_reason: Option<String>,
    termination_reason_since: Option<NaiveDateTime>,
    export_window_ends_at: Option<NaiveDateTime>,
    soft_deleted_at: Option<NaiveDateTime>,
    anonymised_at: Option<NaiveDateTime>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

fn modules_json(modules: &[String]) -> String {
    serde_json::to_string(modules).unwrap_or_else(|_| "[]".into())
}

fn parse_modules(raw: &str) -> StorageResult<Vec<String>> {
    serde_json::from_str(raw).map_err(|e| StorageError::Corrupt(format!("contract modules: {e}")))
}

fn count(n: i32) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

fn int(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl ContractRow {
    fn from_record(c: &Contract, now: DateTime<Utc>) -> Self {
        ContractRow {
            id: id_text(c.id),
            tenant_id: id_text(c.tenant_id.0),
            status: c.status.clone(),
            term_length: c.term_length.clone(),
            started_on: c.started_on,
            modules: modules_json(&c.modules),
            modules_next_term: modules_json(&c.modules_next_term),
            extra_seats: int(c.extra_seats),
            extra_seats_next_term: int(c.extra_seats_next_term),
            term_seq: int(c.term_seq),
            term_starts_on: c.term_starts_on,
            term_ends_on: c.term_ends_on,
            term_price_cents: c.term_price_cents,
            delivered_at: to_db(c.delivered_at),
            nonconformity_reported_at: c.nonconformity_reported_at.map(to_db),
            nonconformity: c.nonconformity.clone(),
            cancelled_at: c.cancelled_at.map(to_db),
            cancel_reason: c.cancel_reason.clone(),
            cancel_notice_id: c.cancel_notice_id.map(id_text),
            cancel_notice_kind: c.cancel_notice_kind.clone(),
            cancel_notice_at: c.cancel_notice_at.map(to_db),
            deactivated_at: c.deactivated_at.map(to_db),
            suspended_at: c.suspended_at.map(to_db),
            suspension_reason: c.suspension_reason.clone(),
            terminated_at: c.terminated_at.map(to_db),
            termination_reason: c.termination_reason.clone(),
            termination_reason_since: c.termination_reason_since.map(to_db),
            export_window_ends_at: c.export_window_ends_at.map(to_db),
            soft_deleted_at: c.soft_deleted_at.map(to_db),
            anonymised_at: c.anonymised_at.map(to_db),
            created_at: to_db(c.created_at),
            updated_at: to_db(now),
        }
    }

    fn into_record(self) -> StorageResult<Contract> {
        Ok(Contract {
            id: parse_uuid(&self.id)?,
            tenant_id: TenantId(parse_uuid(&self.tenant_id)?),
            status: self.status,
            term_length: self.term_length,
            started_on: self.started_on,
            modules: parse_modules(&self.modules)?,
            modules_next_term: parse_modules(&self.modules_next_term)?,
            extra_seats: count(self.extra_seats),
            extra_seats_next_term: count(self.extra_seats_next_term),
            term_seq: count(self.term_seq),
            term_starts_on: self.term_starts_on,
            term_ends_on: self.term_ends_on,
            term_price_cents: self.term_price_cents,
            delivered_at: from_db(self.delivered_at),
            nonconformity_reported_at: from_db_opt(self.nonconformity_reported_at),
            nonconformity: self.nonconformity,
            cancelled_at: from_db_opt(self.cancelled_at),
            cancel_reason: self.cancel_reason,
            cancel_notice_id: self
                .cancel_notice_id
                .as_deref()
                .map(parse_uuid)
                .transpose()?,
            cancel_notice_kind: self.cancel_notice_kind,
            cancel_notice_at: from_db_opt(self.cancel_notice_at),
            deactivated_at: from_db_opt(self.deactivated_at),
            suspended_at: from_db_opt(self.suspended_at),
            suspension_reason: self.suspension_reason,
            terminated_at: from_db_opt(self.terminated_at),
            termination_reason: self.termination_reason,
            termination_reason_since: from_db_opt(self.termination_reason_since),
            export_window_ends_at: from_db_opt(self.export_window_ends_at),
            soft_deleted_at: from_db_opt(self.soft_deleted_at),
            anonymised_at: from_db_opt(self.anonymised_at),
            created_at: from_db(self.created_at),
        })
    }
}

pub fn insert(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: &Contract,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let mut row = ContractRow::from_record(contract, now);
    row.tenant_id = id_text(tenant.0);
    diesel::insert_into(contracts::table)
        .values(&row)
        .execute(conn)?;
    Ok(())
}

/// Saves every field of the contract.
pub fn save(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: &Contract,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    let row = ContractRow::from_record(contract, now);
    diesel::update(
        contracts::table
            .filter(contracts::tenant_id.eq(id_text(tenant.0)))
            .filter(contracts::id.eq(&row.id)),
    )
    .set(&row)
    .execute(conn)?;
    Ok(())
}

/// The tenant's latest contract.
pub fn current(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<Option<Contract>> {
    contracts::table
        .filter(contracts::tenant_id.eq(id_text(tenant.0)))
        .order((contracts::created_at.desc(), contracts::id.desc()))
        .select(ContractRow::as_select())
        .first(conn)
        .optional()?
        .map(ContractRow::into_record)
        .transpose()
}

/// Every contract the scheduler may still have to move (not anonymised),
/// across tenants. For the jobs only.
pub fn all_open_for_jobs(conn: &mut DbConnection) -> StorageResult<Vec<Contract>> {
    let rows: Vec<ContractRow> = contracts::table
        .filter(contracts::anonymised_at.is_null())
        .order(contracts::created_at.asc())
        .select(ContractRow::as_select())
        .load(conn)?;
    rows.into_iter().map(ContractRow::into_record).collect()
}

/// Records a term. False when the contract already has a term with this
/// sequence number (a renewal already done, possibly by a concurrent run).
#[allow(clippy::too_many_arguments)]
pub fn record_term(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: Uuid,
    seq: u32,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    price_cents: i64,
    invoice: Option<Uuid>,
    now: DateTime<Utc>,
) -> StorageResult<bool> {
    crate::insert_unless_exists(conn, |c| {
        diesel::insert_into(contract_terms::table)
            .values((
                contract_terms::id.eq(id_text(Uuid::now_v7())),
                contract_terms::tenant_id.eq(id_text(tenant.0)),
                contract_terms::contract_id.eq(id_text(contract)),
                contract_terms::seq.eq(int(seq)),
                contract_terms::starts_on.eq(starts_on),
                contract_terms::ends_on.eq(ends_on),
                contract_terms::price_cents.eq(price_cents),
                contract_terms::invoice_id.eq(invoice.map(id_text)),
                contract_terms::created_at.eq(to_db(now)),
            ))
            .execute(c)
    })
}

/// Sets the invoice and price of a recorded term.
pub fn set_term_invoice(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: Uuid,
    seq: u32,
    invoice: Uuid,
    price_cents: i64,
) -> StorageResult<()> {
    diesel::update(
        contract_terms::table
            .filter(contract_terms::tenant_id.eq(id_text(tenant.0)))
            .filter(contract_terms::contract_id.eq(id_text(contract)))
            .filter(contract_terms::seq.eq(int(seq))),
    )
    .set((
        contract_terms::invoice_id.eq(Some(id_text(invoice))),
        contract_terms::price_cents.eq(price_cents),
    ))
    .execute(conn)?;
    Ok(())
}

/// A contract's terms, in order: (seq, starts_on, ends_on, price in cents).
pub fn terms(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: Uuid,
) -> StorageResult<Vec<(u32, NaiveDate, NaiveDate, i64)>> {
    let rows: Vec<(i32, NaiveDate, NaiveDate, i64)> = contract_terms::table
        .filter(contract_terms::tenant_id.eq(id_text(tenant.0)))
        .filter(contract_terms::contract_id.eq(id_text(contract)))
        .order(contract_terms::seq.asc())
        .select((
            contract_terms::seq,
            contract_terms::starts_on,
            contract_terms::ends_on,
            contract_terms::price_cents,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(seq, s, e, p)| (count(seq), s, e, p))
        .collect())
}

/// The invoice issued for term `seq` of a contract, if one was.
pub fn term_invoice(
    conn: &mut DbConnection,
    tenant: TenantId,
    contract: Uuid,
    seq: u32,
) -> StorageResult<Option<Uuid>> {
    let invoice: Option<Option<String>> = contract_terms::table
        .filter(contract_terms::tenant_id.eq(id_text(tenant.0)))
        .filter(contract_terms::contract_id.eq(id_text(contract)))
        .filter(contract_terms::seq.eq(int(seq)))
        .select(contract_terms::invoice_id)
        .first(conn)
        .optional()?;
    invoice.flatten().as_deref().map(parse_uuid).transpose()
}
