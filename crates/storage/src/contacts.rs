//! The tenant's contacts: people among its customers and prospects (CRM).
//! Owned by the CRM module; other modules link to a contact by id, check it
//! with [`exists`] and read it with [`find`] (name, e-mail, phones, address;
//! the VAT number is the linked company's).

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::dsl::count_star;
use diesel::prelude::*;
use ecom_domain::{CompanyId, ContactId, TenantId};

use crate::convert::{from_db, id_text, parse_uuid, to_db};
use crate::listing::{
    contains_pattern, keyset, search_text, tag_pattern, tags_from_db, tags_to_db, After, SortValue,
};
use crate::schema::contacts;
use crate::{DbConnection, StorageResult};

/// A contact as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub id: ContactId,
    pub company_id: Option<CompanyId>,
    pub first_name: String,
    pub last_name: String,
    /// Lower-case.
    pub email: Option<String>,
    pub phone: Option<String>,
    pub mobile: Option<String>,
    pub job_title: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: Option<String>,
    pub language: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
    pub marketing_consent: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Contact {
    /// "First Last", as people are addressed.
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = contacts)]
struct ContactRow {
    id: String,
    company_id: Option<String>,
    first_name: String,
    last_name: String,
    email: Option<String>,
    phone: Option<String>,
    mobile: Option<String>,
    job_title: Option<String>,
    street: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    country: Option<String>,
    language: Option<String>,
    tags: String,
    notes: Option<String>,
    marketing_consent: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl ContactRow {
    fn into_record(self) -> StorageResult<Contact> {
        Ok(Contact {
            id: ContactId(parse_uuid(&self.id)?),
            company_id: self
                .company_id
                .as_deref()
                .map(parse_uuid)
                .transpose()?
                .map(CompanyId),
            first_name: self.first_name,
            last_name: self.last_name,
            email: self.email,
            phone: self.phone,
            mobile: self.mobile,
            job_title: self.job_title,
            street: self.street,
            postal_code: self.postal_code,
            city: self.city,
            country: self.country,
            language: self.language,
            tags: tags_from_db(&self.tags)?,
            notes: self.notes,
            marketing_consent: self.marketing_consent,
            created_at: from_db(self.created_at),
            updated_at: from_db(self.updated_at),
        })
    }
}

#[derive(Insertable, AsChangeset)]
#[diesel(table_name = contacts, treat_none_as_null = true)]
struct ContactChanges<'a> {
    company_id: Option<String>,
    first_name: &'a str,
    last_name: &'a str,
    email: Option<&'a str>,
    phone: Option<&'a str>,
    mobile: Option<&'a str>,
    job_title: Option<&'a str>,
    street: Option<&'a str>,
    postal_code: Option<&'a str>,
    city: Option<&'a str>,
    country: Option<&'a str>,
    language: Option<&'a str>,
    tags: String,
    notes: Option<&'a str>,
    marketing_consent: bool,
    updated_at: NaiveDateTime,
    sort_name: String,
    city_key: String,
    search_text: String,
}

fn sort_name(c: &Contact) -> String {
    format!("{} {}", c.last_name, c.first_name).to_lowercase()
}

impl<'a> ContactChanges<'a> {
    fn of(c: &'a Contact) -> Self {
        ContactChanges {
            company_id: c.company_id.map(|id| id_text(id.0)),
            first_name: &c.first_name,
            last_name: &c.last_name,
            email: c.email.as_deref(),
            phone: c.phone.as_deref(),
            mobile: c.mobile.as_deref(),
            job_title: c.job_title.as_deref(),
            street: c.street.as_deref(),
            postal_code: c.postal_code.as_deref(),
            city: c.city.as_deref(),
            country: c.country.as_deref(),
            language: c.language.as_deref(),
            tags: tags_to_db(&c.tags),
            notes: c.notes.as_deref(),
            marketing_consent: c.marketing_consent,
            updated_at: to_db(c.updated_at),
            sort_name: sort_name(c),
            city_key: c.city.as_deref().unwrap_or("").to_lowercase(),
            search_text: search_text(&[
                Some(&c.first_name),
                Some(&c.last_name),
                c.email.as_deref(),
                c.city.as_deref(),
                c.phone.as_deref(),
                c.mobile.as_deref(),
                Some(&c.tags.join(" ")),
            ]),
        }
    }
}

/// What a contact list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactSort {
    /// Last name, then first name.
    Name,
    CreatedAt,
    UpdatedAt,
    City,
}

impl ContactSort {
    pub fn value_of(self, c: &Contact) -> SortValue {
        match self {
            ContactSort::Name => SortValue::Text(sort_name(c)),
            ContactSort::City => SortValue::Text(c.city.as_deref().unwrap_or("").to_lowercase()),
            ContactSort::CreatedAt => SortValue::time(c.created_at),
            ContactSort::UpdatedAt => SortValue::time(c.updated_at),
        }
    }

    pub fn parse_value(self, raw: &str) -> Option<SortValue> {
        match self {
            ContactSort::Name | ContactSort::City => SortValue::parse_text(raw),
            ContactSort::CreatedAt | ContactSort::UpdatedAt => SortValue::parse_time(raw),
        }
    }
}

/// A page of the contact list.
#[derive(Debug, Clone)]
pub struct ContactQuery {
    /// Matches names, e-mail, city, phones, tags and the company's name or VAT
    /// number (through `company_ids`).
    pub q: Option<String>,
    /// Companies whose name or VAT number matched `q`: their contacts match too.
    pub q_company_ids: Vec<CompanyId>,
    pub tag: Option<String>,
    pub company_id: Option<CompanyId>,
    pub country: Option<String>,
    pub marketing_consent: Option<bool>,
    pub sort: ContactSort,
    pub descending: bool,
    pub after: Option<After>,
    pub limit: i64,
}

pub fn insert(conn: &mut DbConnection, tenant: TenantId, contact: &Contact) -> StorageResult<()> {
    diesel::insert_into(contacts::table)
        .values((
            contacts::id.eq(id_text(contact.id.0)),
            contacts::tenant_id.eq(id_text(tenant.0)),
            contacts::created_at.eq(to_db(contact.created_at)),
            ContactChanges::of(contact),
        ))
        .execute(conn)?;
    Ok(())
}

/// Replaces the contact's fields; false when the tenant has no such contact.
pub fn update(conn: &mut DbConnection, tenant: TenantId, contact: &Contact) -> StorageResult<bool> {
    let n = diesel::update(
        contacts::table
            .filter(contacts::tenant_id.eq(id_text(tenant.0)))
            .filter(contacts::id.eq(id_text(contact.id.0))),
    )
    .set(ContactChanges::of(contact))
    .execute(conn)?;
    Ok(n == 1)
}

/// Whether the tenant has this contact.
pub fn exists(conn: &mut DbConnection, tenant: TenantId, id: ContactId) -> StorageResult<bool> {
    let n: i64 = contacts::table
        .filter(contacts::tenant_id.eq(id_text(tenant.0)))
        .filter(contacts::id.eq(id_text(id.0)))
        .count()
        .get_result(conn)?;
    Ok(n > 0)
}

/// The tenant's contact with this id.
pub fn find(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: ContactId,
) -> StorageResult<Option<Contact>> {
    contacts::table
        .filter(contacts::tenant_id.eq(id_text(tenant.0)))
        .filter(contacts::id.eq(id_text(id.0)))
        .select(ContactRow::as_select())
        .first(conn)
        .optional()?
        .map(ContactRow::into_record)
        .transpose()
}

/// The oldest of the tenant's contacts with this (lower-case) e-mail address.
pub fn find_by_email(
    conn: &mut DbConnection,
    tenant: TenantId,
    email: &str,
) -> StorageResult<Option<Contact>> {
    contacts::table
        .filter(contacts::tenant_id.eq(id_text(tenant.0)))
        .filter(contacts::email.eq(email))
        .order((contacts::created_at.asc(), contacts::id.asc()))
        .select(ContactRow::as_select())
        .first(conn)
        .optional()?
        .map(ContactRow::into_record)
        .transpose()
}

/// One page of the tenant's contacts.
pub fn list(
    conn: &mut DbConnection,
    tenant: TenantId,
    query: &ContactQuery,
) -> StorageResult<Vec<Contact>> {
    let mut q = contacts::table
        .filter(contacts::tenant_id.eq(id_text(tenant.0)))
        .into_boxed();
    if let Some(text) = query.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let matches = contacts::search_text
            .like(contains_pattern(&text.to_lowercase()))
            .escape('\\');
        let companies: Vec<String> = query.q_company_ids.iter().map(|id| id_text(id.0)).collect();
        q = if companies.is_empty() {
            q.filter(matches)
        } else {
            q.filter(matches.or(contacts::company_id.eq_any(companies).assume_not_null()))
        };
    }
    if let Some(tag) = &query.tag {
        q = q.filter(contacts::tags.like(tag_pattern(tag)).escape('\\'));
    }
    if let Some(company) = query.company_id {
        q = q.filter(contacts::company_id.eq(id_text(company.0)));
    }
    if let Some(country) = &query.country {
        q = q.filter(contacts::country.eq(country.clone()));
    }
    if let Some(consent) = query.marketing_consent {
        q = q.filter(contacts::marketing_consent.eq(consent));
    }
    let after = query.after.as_ref();
    q = match query.sort {
        ContactSort::Name => keyset!(
            q,
            contacts::sort_name,
            contacts::id,
            query.descending,
            after,
            Text
        ),
        ContactSort::City => keyset!(
            q,
            contacts::city_key,
            contacts::id,
            query.descending,
            after,
            Text
        ),
        ContactSort::CreatedAt => keyset!(
            q,
            contacts::created_at,
            contacts::id,
            query.descending,
            after,
            Time
        ),
        ContactSort::UpdatedAt => keyset!(
            q,
            contacts::updated_at,
            contacts::id,
            query.descending,
            after,
            Time
        ),
    };
    let rows: Vec<ContactRow> = q
        .limit(query.limit)
        .select(ContactRow::as_select())
        .load(conn)?;
    rows.into_iter().map(ContactRow::into_record).collect()
}

/// Every contact of the tenant by name (the CSV export).
pub fn all(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<Vec<Contact>> {
    let rows: Vec<ContactRow> = contacts::table
        .filter(contacts::tenant_id.eq(id_text(tenant.0)))
        .order((contacts::sort_name.asc(), contacts::id.asc()))
        .select(ContactRow::as_select())
        .load(conn)?;
    rows.into_iter().map(ContactRow::into_record).collect()
}

/// Contacts whose e-mail address another contact of the tenant also has,
/// by address then oldest first.
pub fn with_shared_email(conn: &mut DbConnection, tenant: TenantId) -> StorageResult<Vec<Contact>> {
    let shared: Vec<Option<String>> = contacts::table
        .filter(contacts::tenant_id.eq(id_text(tenant.0)))
        .filter(contacts::email.is_not_null())
        .group_by(contacts::email)
        .having(count_star().gt(1))
        .select(contacts::email)
        .load(conn)?;
    let shared: Vec<String> = shared.into_iter().flatten().collect();
    if shared.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<ContactRow> = contacts::table
        .filter(contacts::tenant_id.eq(id_text(tenant.0)))
        .filter(contacts::email.eq_any(shared))
        .order((
            contacts::email.asc(),
            contacts::created_at.asc(),
            contacts::id.asc(),
        ))
        .select(ContactRow::as_select())
        .load(conn)?;
    rows.into_iter().map(ContactRow::into_record).collect()
}

/// How many of the tenant's contacts work for this company.
pub fn count_for_company(
    conn: &mut DbConnection,
    tenant: TenantId,
    company: CompanyId,
) -> StorageResult<i64> {
    Ok(contacts::table
        .filter(contacts::tenant_id.eq(id_text(tenant.0)))
        .filter(contacts::company_id.eq(id_text(company.0)))
        .count()
        .get_result(conn)?)
}

/// Removes the link of the tenant's contacts to this company; how many.
pub fn unlink_company(
    conn: &mut DbConnection,
    tenant: TenantId,
    company: CompanyId,
    now: DateTime<Utc>,
) -> StorageResult<usize> {
    Ok(diesel::update(
        contacts::table
            .filter(contacts::tenant_id.eq(id_text(tenant.0)))
            .filter(contacts::company_id.eq(id_text(company.0))),
    )
    .set((
        contacts::company_id.eq(None::<String>),
        contacts::updated_at.eq(to_db(now)),
    ))
    .execute(conn)?)
}

/// Deletes the contact; false when the tenant has no such contact.
pub fn delete(conn: &mut DbConnection, tenant: TenantId, id: ContactId) -> StorageResult<bool> {
    let n = diesel::delete(
        contacts::table
            .filter(contacts::tenant_id.eq(id_text(tenant.0)))
            .filter(contacts::id.eq(id_text(id.0))),
    )
    .execute(conn)?;
    Ok(n == 1)
}
