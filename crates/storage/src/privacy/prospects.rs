//! Prospects and marketing contacts (no account): contact details and
//! interest notes, kept at most two years after the last interaction.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::convert::{from_db, from_db_opt, id_text, parse_uuid, to_db};
use crate::listing::{contains_pattern, keyset, After, SortValue};
use crate::schema_retention::prospects as p;
use crate::{DbConnection, StorageResult};

diesel::define_sql_function! {
    /// SQL `lower()`: the same on SQLite and PostgreSQL for the searched columns.
    fn lower(x: diesel::sql_types::Nullable<diesel::sql_types::Text>) -> diesel::sql_types::Nullable<diesel::sql_types::Text>;
}

/// A prospect as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prospect {
    pub id: Uuid,
    pub email: String,
    pub full_name: Option<String>,
    pub phone: Option<String>,
    pub company: Option<String>,
    pub interest_notes: Option<String>,
    /// Where the contact came from (web form, event, public register).
    pub source: String,
    pub created_at: DateTime<Utc>,
    pub last_interaction_at: DateTime<Utc>,
    pub not_interested_at: Option<DateTime<Utc>>,
}

#[derive(Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = p, treat_none_as_null = true)]
struct Row {
    id: String,
    email: String,
    full_name: Option<String>,
    phone: Option<String>,
    company: Option<String>,
    interest_notes: Option<String>,
    source: String,
    created_at: NaiveDateTime,
    last_interaction_at: NaiveDateTime,
    not_interested_at: Option<NaiveDateTime>,
}

impl Row {
    fn from_record(prospect: &Prospect) -> Row {
        Row {
            id: id_text(prospect.id),
            email: prospect.email.clone(),
            full_name: prospect.full_name.clone(),
            phone: prospect.phone.clone(),
            company: prospect.company.clone(),
            interest_notes: prospect.interest_notes.clone(),
            source: prospect.source.clone(),
            created_at: to_db(prospect.created_at),
            last_interaction_at: to_db(prospect.last_interaction_at),
            not_interested_at: prospect.not_interested_at.map(to_db),
        }
    }

    fn into_record(self) -> StorageResult<Prospect> {
        Ok(Prospect {
            id: parse_uuid(&self.id)?,
            email: self.email,
            full_name: self.full_name,
            phone: self.phone,
            company: self.company,
            interest_notes: self.interest_notes,
            source: self.source,
            created_at: from_db(self.created_at),
            last_interaction_at: from_db(self.last_interaction_at),
            not_interested_at: from_db_opt(self.not_interested_at),
        })
    }
}

pub fn insert(conn: &mut DbConnection, prospect: &Prospect) -> StorageResult<()> {
    diesel::insert_into(p::table)
        .values(Row::from_record(prospect))
        .execute(conn)?;
    Ok(())
}

/// Writes every field of a prospect back (the id stays); false when it is gone.
pub fn update(conn: &mut DbConnection, prospect: &Prospect) -> StorageResult<bool> {
    let n = diesel::update(p::table.filter(p::id.eq(id_text(prospect.id))))
        .set(Row::from_record(prospect))
        .execute(conn)?;
    Ok(n > 0)
}

/// One prospect by id.
pub fn find(conn: &mut DbConnection, id: Uuid) -> StorageResult<Option<Prospect>> {
    p::table
        .filter(p::id.eq(id_text(id)))
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Row::into_record)
        .transpose()
}

/// The prospect with this e-mail address (compared lower-cased), if any.
pub fn find_by_email(conn: &mut DbConnection, email: &str) -> StorageResult<Option<Prospect>> {
    let email = email.trim().to_lowercase();
    p::table
        .filter(lower(p::email.nullable()).eq(email))
        .order(p::id.asc())
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Row::into_record)
        .transpose()
}

/// The sort orders of the operator's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProspectSort {
    CreatedAt,
    LastInteractionAt,
    Email,
}

impl ProspectSort {
    /// The sort key of a prospect, as a cursor carries it.
    pub fn value_of(self, prospect: &Prospect) -> SortValue {
        match self {
            ProspectSort::CreatedAt => SortValue::time(prospect.created_at),
            ProspectSort::LastInteractionAt => SortValue::time(prospect.last_interaction_at),
            ProspectSort::Email => SortValue::Text(prospect.email.clone()),
        }
    }

    /// Reads a cursor's sort value for this order.
    pub fn parse_value(self, raw: &str) -> Option<SortValue> {
        match self {
            ProspectSort::Email => SortValue::parse_text(raw),
            _ => SortValue::parse_time(raw),
        }
    }
}

/// Which prospects a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusFilter {
    /// Not (yet) said "not interested".
    Active,
    /// Said "not interested"; the next sweep erases them.
    NotInterested,
}

/// The operator's list query.
#[derive(Debug, Clone)]
pub struct ProspectQuery {
    /// Searched in the name, e-mail address and company (case-insensitive).
    pub q: Option<String>,
    pub status: Option<StatusFilter>,
    pub sort: ProspectSort,
    pub descending: bool,
    pub after: Option<After>,
    pub limit: i64,
}

/// One page of prospects.
pub fn list(conn: &mut DbConnection, query: &ProspectQuery) -> StorageResult<Vec<Prospect>> {
    let mut q = p::table.into_boxed();
    if let Some(text) = query.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let pattern = contains_pattern(&text.to_lowercase());
        q = q.filter(
            lower(p::email.nullable())
                .like(pattern.clone())
                .escape('\\')
                .or(lower(p::full_name).like(pattern.clone()).escape('\\'))
                .or(lower(p::company).like(pattern).escape('\\'))
                .assume_not_null(),
        );
    }
    match query.status {
        Some(StatusFilter::Active) => q = q.filter(p::not_interested_at.is_null()),
        Some(StatusFilter::NotInterested) => q = q.filter(p::not_interested_at.is_not_null()),
        None => {}
    }
    let after = query.after.as_ref();
    q = match query.sort {
        ProspectSort::CreatedAt => {
            keyset!(q, p::created_at, p::id, query.descending, after, Time)
        }
        ProspectSort::LastInteractionAt => keyset!(
            q,
            p::last_interaction_at,
            p::id,
            query.descending,
            after,
            Time
        ),
        ProspectSort::Email => keyset!(q, p::email, p::id, query.descending, after, Text),
    };
    let rows: Vec<Row> = q.limit(query.limit).select(Row::as_select()).load(conn)?;
    rows.into_iter().map(Row::into_record).collect()
}

/// Every prospect (the sweep reads them all).
pub fn all(conn: &mut DbConnection) -> StorageResult<Vec<Prospect>> {
    let rows: Vec<Row> = p::table
        .order(p::id.asc())
        .select(Row::as_select())
        .load(conn)?;
    rows.into_iter().map(Row::into_record).collect()
}

/// Removes a prospect (erasure: the row is gone).
pub fn delete(conn: &mut DbConnection, id: Uuid) -> StorageResult<usize> {
    Ok(diesel::delete(p::table.filter(p::id.eq(id_text(id)))).execute(conn)?)
}
