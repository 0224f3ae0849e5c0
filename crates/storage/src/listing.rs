//! Keyset pagination helpers shared by the CRM lists: sort values as they
//! travel in a cursor, and `LIKE` patterns that match literally.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// The value of a row's sort key, as it is compared in SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortValue {
    Text(String),
    Time(NaiveDateTime),
    Number(i64),
    Date(NaiveDate),
    /// A null sort value (a task without a due date); the cursor carries no value.
    Null,
}

const TIME_FORMAT: &str = "%Y-%m-%dT%H:%M:%S%.f";
const DATE_FORMAT: &str = "%Y-%m-%d";

impl SortValue {
    pub(crate) fn time(at: DateTime<Utc>) -> Self {
        SortValue::Time(at.naive_utc())
    }

    /// The value as the cursor carries it.
    pub fn to_text(&self) -> String {
        match self {
            SortValue::Text(text) => text.clone(),
            SortValue::Time(at) => at.format(TIME_FORMAT).to_string(),
            SortValue::Number(n) => n.to_string(),
            SortValue::Date(d) => d.format(DATE_FORMAT).to_string(),
            SortValue::Null => String::new(),
        }
    }

    pub(crate) fn parse_text(raw: &str) -> Option<Self> {
        Some(SortValue::Text(raw.to_owned()))
    }

    pub(crate) fn parse_time(raw: &str) -> Option<Self> {
        NaiveDateTime::parse_from_str(raw, TIME_FORMAT)
            .ok()
            .map(SortValue::Time)
    }

    pub(crate) fn parse_number(raw: &str) -> Option<Self> {
        raw.parse().ok().map(SortValue::Number)
    }

    pub(crate) fn parse_date(raw: &str) -> Option<Self> {
        NaiveDate::parse_from_str(raw, DATE_FORMAT)
            .ok()
            .map(SortValue::Date)
    }
}

/// Where a page starts: after the row with this sort value and id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct After {
    pub value: SortValue,
    pub id: String,
}

/// `%text%` with `\`, `%` and `_` escaped (use with `.escape('\\')`).
pub(crate) fn contains_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// Orders a boxed query by `$col` then `$id` and, given an [`After`],
/// keeps the rows after it. `$value` turns the [`SortValue`] into the
/// column's Rust type (a mismatch yields no rows rather than a panic).
macro_rules! keyset {
    ($query:expr, $col:expr, $id:expr, $descending:expr, $after:expr, $variant:ident) => {{
        let mut query = $query;
        query = if $descending {
            query.order(($col.desc(), $id.desc()))
        } else {
            query.order(($col.asc(), $id.asc()))
        };
        if let Some(after) = $after {
            match &after.value {
                $crate::listing::SortValue::$variant(v) => {
                    let (v, id) = (v.clone(), after.id.clone());
                    query = if $descending {
                        query.filter($col.lt(v.clone()).or($col.eq(v).and($id.lt(id))))
                    } else {
                        query.filter($col.gt(v.clone()).or($col.eq(v).and($id.gt(id))))
                    };
                }
                _ => query = query.filter($id.ne($id)),
            }
        }
        query
    }};
}
pub(crate) use keyset;

/// The tags as stored: a JSON array of strings.
pub(crate) fn tags_to_db(tags: &[String]) -> String {
    serde_json::to_string(tags).unwrap_or_else(|_| "[]".into())
}

pub(crate) fn tags_from_db(raw: &str) -> Result<Vec<String>, crate::StorageError> {
    serde_json::from_str(raw).map_err(|e| crate::StorageError::Corrupt(format!("tags: {e}")))
}

/// The `LIKE` pattern matching a tag inside the stored JSON array.
pub(crate) fn tag_pattern(tag: &str) -> String {
    let quoted = serde_json::to_string(&tag.trim().to_lowercase()).unwrap_or_default();
    contains_pattern(&quoted)
}

/// The lower-cased text searched by `q`.
pub(crate) fn search_text(parts: &[Option<&str>]) -> String {
    parts
        .iter()
        .flatten()
        .map(|p| p.trim().to_lowercase())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a delete failed because other rows (another module's) still
/// refer to the row.
pub fn is_still_referenced(error: &crate::StorageError) -> bool {
    matches!(
        error,
        crate::StorageError::Database(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::ForeignKeyViolation,
            _
        ))
    )
}
