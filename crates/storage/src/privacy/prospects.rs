//! Prospects and marketing contacts (no account): contact details and
//! interest notes, kept at most two years after the last interaction.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::prelude::*;
use uuid::Uuid;

use crate::convert::{from_db, from_db_opt, id_text, parse_uuid, to_db};
use crate::schema_retention::prospects as p;
use crate::{DbConnection, StorageResult};

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

#[derive(Queryable, Selectable, Insertable)]
#[diesel(table_name = p)]
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

pub fn insert(conn: &mut DbConnection, prospect: &Prospect) -> StorageResult<()> {
    diesel::insert_into(p::table)
        .values(Row {
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
        })
        .execute(conn)?;
    Ok(())
}

/// Every prospect (the sweep reads them all).
pub fn all(conn: &mut DbConnection) -> StorageResult<Vec<Prospect>> {
    let rows: Vec<Row> = p::table
        .order(p::id.asc())
        .select(Row::as_select())
        .load(conn)?;
    rows.into_iter()
        .map(|r| {
            Ok(Prospect {
                id: parse_uuid(&r.id)?,
                email: r.email,
                full_name: r.full_name,
                phone: r.phone,
                company: r.company,
                interest_notes: r.interest_notes,
                source: r.source,
                created_at: from_db(r.created_at),
                last_interaction_at: from_db(r.last_interaction_at),
                not_interested_at: from_db_opt(r.not_interested_at),
            })
        })
        .collect()
}

/// Removes a prospect (erasure: the row is gone).
pub fn delete(conn: &mut DbConnection, id: Uuid) -> StorageResult<usize> {
    Ok(diesel::delete(p::table.filter(p::id.eq(id_text(id)))).execute(conn)?)
}
