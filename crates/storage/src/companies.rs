//! The tenant's companies (CRM). Owned by the CRM module; other modules link
//! to a company by id, check it with [`exists`] and read it with [`find`]
//! (name, e-mail, phone, address, VAT number).

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::{CompanyId, TenantId};

use crate::convert::{from_db, id_text, parse_uuid, to_db};
use crate::listing::{
    contains_pattern, keyset, search_text, tag_pattern, tags_from_db, tags_to_db, After, SortValue,
};
use crate::schema::companies;
use crate::{DbConnection, StorageResult};

/// A company as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Company {
    pub id: CompanyId,
    pub name: String,
    /// Normalised (`BE0810231595`).
    pub vat_number: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    pub marketing_consent: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = companies)]
struct CompanyRow {
    id: String,
    name: String,
    vat_number: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    website: Option<String>,
    street: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    country: Option<String>,
    tags: String,
    notes: Option<String>,
    marketing_consent: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl CompanyRow {
    fn into_record(self) -> StorageResult<Company> {
        Ok(Company {
            id: CompanyId(parse_uuid(&self.id)?),
            name: self.name,
            vat_number: self.vat_number,
            email: self.email,
            phone: self.phone,
            website: self.website,
            street: self.street,
            postal_code: self.postal_code,
            city: self.city,
            country: self.country,
            tags: tags_from_db(&self.tags)?,
            notes: self.notes,
            marketing_consent: self.marketing_consent,
            created_at: from_db(self.created_at),
            updated_at: from_db(self.updated_at),
        })
    }
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = companies, treat_none_as_null = true)]
struct CompanyChanges<'a> {
    name: &'a str,
    vat_number: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    website: Option<&'a str>,
    street: Option<&'a str>,
    postal_code: Option<&'a str>,
    city: Option<&'a str>,
    country: Option<&'a str>,
    tags: String,
    notes: Option<&'a str>,
    marketing_consent: bool,
    updated_at: NaiveDateTime,
    sort_name: String,
    city_key: String,
    search_text: String,
}

impl<'a> CompanyChanges<'a> {
    fn of(c: &'a Company) -> Self {
        CompanyChanges {
            name: &c.name,
            vat_number: c.vat_number.as_deref(),
            email: c.email.as_deref(),
            phone: c.phone.as_deref(),
            website: c.website.as_deref(),
            street: c.street.as_deref(),
            postal_code: c.postal_code.as_deref(),
            city: c.city.as_deref(),
            country: c.country.as_deref(),
            tags: tags_to_db(&c.tags),
            notes: c.notes.as_deref(),
            marketing_consent: c.marketing_consent,
            updated_at: to_db(c.updated_at),
            sort_name: c.name.to_lowercase(),
            city_key: c.city.as_deref().unwrap_or("").to_lowercase(),
            search_text: search_text(&[
                Some(&c.name),
                c.email.as_deref(),
                c.city.as_deref(),
                c.vat_number.as_deref(),
                Some(&c.tags.join(" ")),
            ]),
        }
    }
}

/// What a company list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompanySort {
    Name,
    CreatedAt,
    UpdatedAt,
    City,
}

impl CompanySort {
    /// This row's value of the sort key, for the next page's cursor.
    pub fn value_of(self, c: &Company) -> SortValue {
        match self {
            CompanySort::Name => SortValue::Text(c.name.to_lowercase()),
            CompanySort::City => SortValue::Text(c.city.as_deref().unwrap_or("").to_lowercase()),
            CompanySort::CreatedAt => SortValue::time(c.created_at),
            CompanySort::UpdatedAt => SortValue::time(c.updated_at),
        }
    }

    /// Reads a cursor's value; `None` when it cannot be one of this key.
    pub fn parse_value(self, raw: &str) -> Option<SortValue> {
        match self {
            CompanySort::Name | CompanySort::City => SortValue::parse_text(raw),
            CompanySort::CreatedAt | CompanySort::UpdatedAt => SortValue::parse_time(raw),
        }
    }
}

/// A page of the company list: search, filters, order and position.
#[derive(Debug, Clone)]
pub struct CompanyQuery {
    /// Matches name, e-mail, city, VAT number and tags.
    pub q: Option<String>,
    pub tag: Option<String>,
    pub country: Option<String>,
    pub marketing_consent: Option<bool>,
    pub sort: CompanySort,
    pub descending: bool,
    pub after: Option<After>,
    pub limit: i64,
}

pub fn insert(conn: &mut DbConnection, tenant: TenantId, company: &Company) -> StorageResult<()> {
    diesel::insert_into(companies::table)
        .values((
            companies::id.eq(id_text(company.id.0)),
            companies::tenant_id.eq(id_text(tenant.0)),
            companies::created_at.eq(to_db(company.created_at)),
            CompanyChanges::of(company),
        ))
        .execute(conn)?;
    Ok(())
}

/// Replaces the company's fields (not its id or creation time); false when
/// the tenant has no such company.
pub fn update(conn: &mut DbConnection, tenant: TenantId, company: &Company) -> StorageResult<bool> {
    let n = diesel::update(
        companies::table
            .filter(companies::tenant_id.eq(id_text(tenant.0)))
            .filter(companies::id.eq(id_text(company.id.0))),
    )
    .set(CompanyChanges::of(company))
    .execute(conn)?;
    Ok(n == 1)
}

/// Whether the tenant has this company.
pub fn exists(conn: &mut DbConnection, tenant: TenantId, id: CompanyId) -> StorageResult<bool> {
    let n: i64 = companies::table
        .filter(companies::tenant_id.eq(id_text(tenant.0)))
        .filter(companies::id.eq(id_text(id.0)))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The tenant's company with this id: name, e-mail, phone, address, VAT
/// number and the rest.
pub fn find(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: CompanyId,
) -> StorageResult<Option<Company>> {
    companies::table
        .filter(companies::tenant_id.eq(id_text(tenant.0)))
        .filter(companies::id.eq(id_text(id.0)))
        .select(CompanyRow::as_select())
        .first(conn)
        .optional()?
        .map(CompanyRow::into_record)
        .transpose()
}

/// The oldest of the tenant's companies with this (normalised) VAT number.
pub fn find_by_vat(
    conn: &mut DbConnection,
    tenant: TenantId,
    vat_number: &str,
) -> StorageResult<Option<Company>> {
    companies::table
        .filter(companies::tenant_id.eq(id_text(tenant.0)))
        .filter(companies::vat_number.eq(vat_number))
        .order((companies::created_at.asc(), companies::id.asc()))
        .select(CompanyRow::as_select())
        .first(conn)
        .optional()?
        .map(CompanyRow::into_record)
        .transpose()
}

/// The tenant's companies with this name (ignoring case).
pub fn find_by_name(
    conn: &mut DbConnection,
    tenant: TenantId,
    name: &str,
) -> StorageResult<Vec<Company>> {
    let rows: Vec<CompanyRow> = companies::table
        .filter(companies::tenant_id.eq(id_text(tenant.0)))
        .filter(companies::sort_name.eq(name.trim().to_lowercase()))
        .order((companies::created_at.asc(), companies::id.asc()))
        .select(CompanyRow::as_select())
        .load(conn)?;
    rows.into_iter().map(CompanyRow::into_record).collect()
}

/// One page of the tenant's companies.
pub fn list(
    conn: &mut DbConnection,
    tenant: TenantId,
    query: &CompanyQuery,
) -> StorageResult<Vec<Company>> {
    let mut q = companies::table
        .filter(companies::tenant_id.eq(id_text(tenant.0)))
        .into_boxed();
    if let Some(text) = query.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        q = q.filter(
            companies::search_text
                .like(contains_pattern(&text.to_lowercase()))
                .escape('\\'),
        );
    }
    if let Some(tag) = &query.tag {
        q = q.filter(companies::tags.like(tag_pattern(tag)).escape('\\'));
    }
    if let Some(country) = &query.country {
        q = q.filter(companies::country.eq(country.clone()));
    }
    if let Some(consent) = query.marketing_consent {
        q = q.filter(companies::marketing_consent.eq(consent));
    }
    let after = query.after.as_ref();
    q = match query.sort {
        CompanySort::Name => keyset!(
            q,
            companies::sort_name,
            companies::id,
            query.descending,
            after,
            Text
        ),
        CompanySort::City => keyset!(
            q,
            companies::city_key,
            companies::id,
            query.descending,
            after,
            Text
        ),
        CompanySort::CreatedAt => keyset!(
            q,
            companies::created_at,
            companies::id,
            query.descending,
            after,
            Time
        ),
        CompanySort::UpdatedAt => keyset!(
            q,
            companies::updated_at,
            companies::id,
            query.descending,
            after,
            Time
        ),
    };
    let rows: Vec<CompanyRow> = q
        .limit(query.limit)
        .select(CompanyRow::as_select())
        .load(conn)?;
    rows.into_iter().map(CompanyRow::into_record).collect()
}

/// Every company of the tenant by name (the CSV export).
pub fn all(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<Vec<Company>> {
    let rows: Vec<CompanyRow> = companies::table
        .filter(companies::tenant_id.eq(id_text(tenant.0)))
        .order((companies::sort_name.asc(), companies::id.asc()))
        .select(CompanyRow::as_select())
        .load(conn)?;
    rows.into_iter().map(CompanyRow::into_record).collect()
}

/// The names of these companies of the tenant, by id (for display).
pub fn names(
    conn: &mut DbConnection,
    tenant: TenantId,
    ids: &[CompanyId],
) -> StorageResult<Vec<(CompanyId, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(String, String)> = companies::table
        .filter(companies::tenant_id.eq(id_text(tenant.0)))
        .filter(companies::id.eq_any(ids.iter().map(|id| id_text(id.0)).collect::<Vec<_>>()))
        .select((companies::id, companies::name))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, name)| Ok((CompanyId(parse_uuid(&id)?), name)))
        .collect()
}

/// Deletes the company; false when the tenant has no such company. Links to
/// it must be gone first.
pub fn delete(conn: &mut DbConnection, tenant: TenantId, id: CompanyId) -> StorageResult<bool> {
    let n = diesel::delete(
        companies::table
            .filter(companies::tenant_id.eq(id_text(tenant.0)))
            .filter(companies::id.eq(id_text(id.0))),
    )
    .execute(conn)?;
    Ok(n == 1)
}

/// The ids of the tenant's companies whose name, e-mail, city, VAT number or
/// tags contain `text` (the contact search also finds a company's people).
pub fn ids_matching(
    conn: &mut DbConnection,
    tenant: TenantId,
    text: &str,
) -> StorageResult<Vec<CompanyId>> {
    let ids: Vec<String> = companies::table
        .filter(companies::tenant_id.eq(id_text(tenant.0)))
        .filter(
            companies::search_text
                .like(contains_pattern(&text.trim().to_lowercase()))
                .escape('\\'),
        )
        .select(companies::id)
        .limit(1000)
        .load(conn)?;
    ids.iter()
        .map(|id| Ok(CompanyId(parse_uuid(id)?)))
        .collect()
}
