//! Tenants: the registered companies.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use ecom_domain::TenantId;

use crate::convert::{from_db, from_db_opt, id_text, parse_uuid, to_db};
use crate::schema::{tenants, users};
use crate::{DbConnection, StorageResult};

/// Where a tenant is in its life (the contract lifecycle fills in the rest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TenantStatus {
    Trial,
    Active,
    Suspended,
    Terminated,
    Deactivated,
}

impl TenantStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TenantStatus::Trial => "trial",
            TenantStatus::Active => "active",
            TenantStatus::Suspended => "suspended",
            TenantStatus::Terminated => "terminated",
            TenantStatus::Deactivated => "deactivated",
        }
    }

    fn parse(raw: &str) -> StorageResult<Self> {
        Ok(match raw {
            "trial" => TenantStatus::Trial,
            "active" => TenantStatus::Active,
            "suspended" => TenantStatus::Suspended,
            "terminated" => TenantStatus::Terminated,
            "deactivated" => TenantStatus::Deactivated,
            other => {
                return Err(crate::StorageError::Corrupt(format!(
                    "tenant status {other:?}"
                )))
            }
        })
    }
}

/// A tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    pub id: TenantId,
    pub name: String,
    pub country: String,
    pub vat_number: Option<String>,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub status: TenantStatus,
    pub trial_ends_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// A natural person not acting for a business: the consumer-debt regime applies.
    pub is_consumer: bool,
}

/// A tenant with the figures the operator's list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantWithCounts {
    pub tenant: Tenant,
    pub active_users: i64,
}

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = tenants)]
struct TenantRow {
    id: String,
    name: String,
    country: String,
    vat_number: Option<String>,
    street: String,
    postal_code: String,
    city: String,
    status: String,
    trial_ends_at: Option<chrono::NaiveDateTime>,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
    is_consumer: bool,
}

impl TenantRow {
    fn into_record(self) -> StorageResult<Tenant> {
        Ok(Tenant {
            id: TenantId(parse_uuid(&self.id)?),
            name: self.name,
            country: self.country,
            vat_number: self.vat_number,
            street: self.street,
            postal_code: self.postal_code,
            city: self.city,
            status: TenantStatus::parse(&self.status)?,
            trial_ends_at: from_db_opt(self.trial_ends_at),
            created_at: from_db(self.created_at),
            is_consumer: self.is_consumer,
        })
    }
}

pub fn insert(conn: &mut DbConnection, tenant: &Tenant) -> StorageResult<()> {
    let row = TenantRow {
        id: id_text(tenant.id.0),
        name: tenant.name.clone(),
        country: tenant.country.clone(),
        vat_number: tenant.vat_number.clone(),
        street: tenant.street.clone(),
        postal_code: tenant.postal_code.clone(),
        city: tenant.city.clone(),
        status: tenant.status.as_str().to_owned(),
        trial_ends_at: tenant.trial_ends_at.map(to_db),
        created_at: to_db(tenant.created_at),
        updated_at: to_db(tenant.created_at),
        is_consumer: tenant.is_consumer,
    };
    diesel::insert_into(tenants::table)
        .values(&row)
        .execute(conn)?;
    Ok(())
}

/// The tenant itself. Scoped by construction: the id is the tenant.
pub fn find(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<Option<Tenant>> {
    tenants::table
        .filter(tenants::id.eq(id_text(tenant.0)))
        .select(TenantRow::as_select())
        .first(conn)
        .optional()?
        .map(TenantRow::into_record)
        .transpose()
}

/// Locks the tenant's row until the caller's transaction ends: the one lock
/// that serialises everything moving a Client's money or contract (orders,
/// contract changes, the operator's payments and credit notes, the jobs).
/// Take it first, before any contract or invoice, so locks are always taken
/// in the same order (tenant, then contract, then invoice). PostgreSQL:
/// `SELECT ... FOR UPDATE`; SQLite: nothing to do (`BEGIN IMMEDIATE`
/// serialises writers). False when there is no such tenant.
pub fn lock(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<bool> {
    let query = tenants::table
        .filter(tenants::id.eq(id_text(tenant.0)))
        .select(tenants::id);
    let found = match conn {
        DbConnection::Pg(pg) => query.for_update().first::<String>(pg).optional()?,
        DbConnection::Sqlite(sqlite) => query.first::<String>(sqlite).optional()?,
    };
    Ok(found.is_some())
}

/// Every tenant, newest first, with its number of non-deactivated accounts.
/// Operator only: company data, no customer data.
pub fn list_all_for_operator(
    conn: &mut DbConnection,
    limit: i64,
) -> StorageResult<Vec<TenantWithCounts>> {
    let rows: Vec<TenantRow> = tenants::table
        .order((tenants::created_at.desc(), tenants::id.desc()))
        .limit(limit)
        .select(TenantRow::as_select())
        .load(conn)?;
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let counts: Vec<(String, i64)> = users::table
        .filter(users::tenant_id.eq_any(&ids))
        .filter(users::status.ne("deactivated"))
        .group_by(users::tenant_id)
        .select((users::tenant_id, diesel::dsl::count_star()))
        .load(conn)?;
    rows.into_iter()
        .map(|row| {
            let active_users = counts
                .iter()
                .find(|(id, _)| *id == row.id)
                .map_or(0, |(_, n)| *n);
            Ok(TenantWithCounts {
                tenant: row.into_record()?,
                active_users,
            })
        })
        .collect()
}

/// Moves the tenant to `status`.
pub fn set_status(
    conn: &mut DbConnection,
    tenant: TenantId,
    status: TenantStatus,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    diesel::update(tenants::table.filter(tenants::id.eq(id_text(tenant.0))))
        .set((
            tenants::status.eq(status.as_str()),
            tenants::updated_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Every tenant id (for the jobs).
pub fn all_ids_for_jobs(conn: &mut DbConnection) -> StorageResult<Vec<TenantId>> {
    let ids: Vec<String> = tenants::table.select(tenants::id).load(conn)?;
    ids.iter().map(|id| Ok(TenantId(parse_uuid(id)?))).collect()
}

/// Marks a Client as a consumer (or not): the late-payment regime follows.
pub fn set_consumer(
    conn: &mut DbConnection,
    tenant: TenantId,
    is_consumer: bool,
    now: DateTime<Utc>,
) -> StorageResult<()> {
    diesel::update(tenants::table.filter(tenants::id.eq(id_text(tenant.0))))
        .set((
            tenants::is_consumer.eq(is_consumer),
            tenants::updated_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    Ok(())
}
