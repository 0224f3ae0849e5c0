//! Table-generic reads and erasures for the registry: any table, any
//! engine, rows as JSON objects. Table and column names come from the
//! registry (code), never from a request; they are checked anyway.

use diesel::sql_types::Text;
use diesel::{QueryableByName, RunQueryDsl};
use serde_json::{Map, Value};

use crate::{DbConnection, StorageError, StorageResult};

#[derive(QueryableByName)]
struct JsonRow {
    #[diesel(sql_type = Text)]
    row: String,
}

#[derive(QueryableByName)]
struct ColumnName {
    #[diesel(sql_type = Text)]
    name: String,
}

/// How rows are matched.
#[derive(Debug, Clone, Copy)]
pub enum Match<'a> {
    /// `column = value`.
    Equals(&'a str, &'a str),
    /// `value` occurs inside the text of `column`.
    Contains(&'a str, &'a str),
}

fn ident(name: &str) -> StorageResult<&str> {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        Ok(name)
    } else {
        Err(StorageError::Corrupt(format!(
            "not a table or column name: {name:?}"
        )))
    }
}

fn condition(conn: &DbConnection, matching: Match<'_>) -> StorageResult<(String, String)> {
    let pg = matches!(conn, DbConnection::Pg(_));
    let placeholder = if pg { "$1" } else { "?" };
    Ok(match matching {
        Match::Equals(column, value) => (
            format!("{} = {placeholder}", ident(column)?),
            value.to_owned(),
        ),
        Match::Contains(column, value) => {
            let f = if pg { "strpos" } else { "instr" };
            (
                format!("{f}({}, {placeholder}) > 0", ident(column)?),
                value.to_owned(),
            )
        }
    })
}

/// The table's columns in their declared order.
pub fn columns(conn: &mut DbConnection, table: &str) -> StorageResult<Vec<String>> {
    let table = ident(table)?;
    let rows: Vec<ColumnName> = match conn {
        DbConnection::Sqlite(c) => {
            diesel::sql_query("SELECT name FROM pragma_table_info(?) ORDER BY cid")
                .bind::<Text, _>(table)
                .load(c)?
        }
        DbConnection::Pg(c) => diesel::sql_query(
            "SELECT column_name::text AS name FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        )
        .bind::<Text, _>(table)
        .load(c)?,
    };
    Ok(rows.into_iter().map(|r| r.name).collect())
}

/// Column names and rows as JSON objects.
pub type Rows = (Vec<String>, Vec<Map<String, Value>>);

/// The matching rows as JSON objects, without the `hidden` columns, ordered
/// by the first column (the id).
pub fn select(
    conn: &mut DbConnection,
    table: &str,
    matching: Match<'_>,
    hidden: &[&str],
) -> StorageResult<Rows> {
    let table = ident(table)?;
    let shown: Vec<String> = columns(conn, table)?
        .into_iter()
        .filter(|c| !hidden.contains(&c.as_str()))
        .collect();
    let Some(first) = shown.first().cloned() else {
        return Ok((shown, Vec::new()));
    };
    let (filter, value) = condition(conn, matching)?;
    let rows: Vec<JsonRow> = match conn {
        DbConnection::Sqlite(c) => {
            let pairs = shown
                .iter()
                .map(|col| format!("'{col}', {col}"))
                .collect::<Vec<_>>()
                .join(", ");
            diesel::sql_query(format!(
                "SELECT json_object({pairs}) AS row FROM {table} WHERE {filter} ORDER BY {first}"
            ))
            .bind::<Text, _>(value)
            .load(c)?
        }
        DbConnection::Pg(c) => {
            let list = shown.join(", ");
            diesel::sql_query(format!("SELECT row_to_json(t)::text AS row FROM (SELECT {list} FROM {table} WHERE {filter} ORDER BY {first}) t"))
                .bind::<Text, _>(value)
                .load(c)?
        }
    };
    let objects = rows
        .into_iter()
        .map(|r| match serde_json::from_str::<Value>(&r.row) {
            Ok(Value::Object(map)) => Ok(map),
            _ => Err(StorageError::Corrupt(format!(
                "a row of {table} did not read as a JSON object"
            ))),
        })
        .collect::<StorageResult<Vec<_>>>()?;
    Ok((shown, objects))
}

/// The table's primary-key columns, in key order (empty if it has none).
pub fn primary_key(conn: &mut DbConnection, table: &str) -> StorageResult<Vec<String>> {
    let table = ident(table)?;
    let rows: Vec<ColumnName> = match conn {
        DbConnection::Sqlite(c) => {
            diesel::sql_query("SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk")
                .bind::<Text, _>(table)
                .load(c)?
        }
        DbConnection::Pg(c) => diesel::sql_query(
            "SELECT kcu.column_name::text AS name \
             FROM information_schema.table_constraints tc \
             JOIN information_schema.key_column_usage kcu \
               ON kcu.constraint_name = tc.constraint_name \
              AND kcu.table_schema = tc.table_schema AND kcu.table_name = tc.table_name \
             WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema() \
               AND tc.table_name = $1 \
             ORDER BY kcu.ordinal_position",
        )
        .bind::<Text, _>(table)
        .load(c)?,
    };
    Ok(rows.into_iter().map(|r| r.name).collect())
}

/// At most `limit` matching rows as JSON objects (only the `shown`
/// columns), in the order of the `key` columns, starting after the key
/// values `after` (keyset pagination: every query is bounded and an index
/// scan, however deep into the table). The key columns must be TEXT and
/// among `shown`.
pub fn select_page(
    conn: &mut DbConnection,
    table: &str,
    matching: Match<'_>,
    shown: &[String],
    key: &[String],
    after: Option<&[String]>,
    limit: usize,
) -> StorageResult<Vec<Map<String, Value>>> {
    let table = ident(table)?;
    for column in shown.iter().chain(key) {
        ident(column)?;
    }
    if key.is_empty() || key.iter().any(|k| !shown.contains(k)) {
        return Err(StorageError::Corrupt(format!(
            "{table}: a page needs a primary key among the columns read"
        )));
    }
    if after.is_some_and(|a| a.len() != key.len()) {
        return Err(StorageError::Corrupt(format!(
            "{table}: the page's start does not match its key"
        )));
    }
    let pg = matches!(conn, DbConnection::Pg(_));
    let (filter, value) = condition(conn, matching)?;
    let keys = key.join(", ");
    let start = match after {
        None => String::new(),
        Some(after) => {
            let placeholders = (0..after.len())
                .map(|i| {
                    if pg {
                        format!("${}", i + 2)
                    } else {
                        "?".to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join(", ");
            format!(" AND ({keys}) > ({placeholders})")
        }
    };
    let after = after.unwrap_or_default();
    let rows: Vec<JsonRow> = match conn {
        DbConnection::Sqlite(c) => {
            let pairs = shown
                .iter()
                .map(|col| format!("'{col}', {col}"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut query = diesel::sql_query(format!(
                "SELECT json_object({pairs}) AS row FROM {table} WHERE {filter}{start} ORDER BY {keys} LIMIT {limit}"
            ))
            .into_boxed::<diesel::sqlite::Sqlite>()
            .bind::<Text, _>(value);
            for k in after {
                query = query.bind::<Text, _>(k.clone());
            }
            query.load(c)?
        }
        DbConnection::Pg(c) => {
            let list = shown.join(", ");
            let mut query = diesel::sql_query(format!(
                "SELECT row_to_json(t)::text AS row FROM (SELECT {list} FROM {table} WHERE {filter}{start} ORDER BY {keys} LIMIT {limit}) t ORDER BY {keys}"
            ))
            .into_boxed::<diesel::pg::Pg>()
            .bind::<Text, _>(value);
            for k in after {
                query = query.bind::<Text, _>(k.clone());
            }
            query.load(c)?
        }
    };
    rows.into_iter()
        .map(|r| match serde_json::from_str::<Value>(&r.row) {
            Ok(Value::Object(map)) => Ok(map),
            _ => Err(StorageError::Corrupt(format!(
                "a row of {table} did not read as a JSON object"
            ))),
        })
        .collect()
}

/// Counts the matching rows.
pub fn count(conn: &mut DbConnection, table: &str, matching: Match<'_>) -> StorageResult<i64> {
    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let table = ident(table)?;
    let (filter, value) = condition(conn, matching)?;
    let sql = format!("SELECT COUNT(*) AS n FROM {table} WHERE {filter}");
    let rows: Vec<Count> = match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(sql).bind::<Text, _>(value).load(c)?,
        DbConnection::Pg(c) => diesel::sql_query(sql).bind::<Text, _>(value).load(c)?,
    };
    Ok(rows.first().map_or(0, |c| c.n))
}

/// Removes the matching rows; returns how many.
pub fn delete(conn: &mut DbConnection, table: &str, matching: Match<'_>) -> StorageResult<usize> {
    let table = ident(table)?;
    let (filter, value) = condition(conn, matching)?;
    let sql = format!("DELETE FROM {table} WHERE {filter}");
    Ok(match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(sql).bind::<Text, _>(value).execute(c)?,
        DbConnection::Pg(c) => diesel::sql_query(sql).bind::<Text, _>(value).execute(c)?,
    })
}

/// Sets `columns` to NULL in the matching rows that still hold a value; returns how many rows changed.
pub fn set_null(
    conn: &mut DbConnection,
    table: &str,
    columns: &[&str],
    matching: Match<'_>,
) -> StorageResult<usize> {
    let table = ident(table)?;
    let sets = columns
        .iter()
        .map(|c| ident(c).map(|c| format!("{c} = NULL")))
        .collect::<StorageResult<Vec<_>>>()?
        .join(", ");
    let any = columns
        .iter()
        .map(|c| format!("{c} IS NOT NULL"))
        .collect::<Vec<_>>()
        .join(" OR ");
    let (filter, value) = condition(conn, matching)?;
    let sql = format!("UPDATE {table} SET {sets} WHERE ({filter}) AND ({any})");
    Ok(match conn {
        DbConnection::Sqlite(c) => diesel::sql_query(sql).bind::<Text, _>(value).execute(c)?,
        DbConnection::Pg(c) => diesel::sql_query(sql).bind::<Text, _>(value).execute(c)?,
    })
}
