//! The list conventions every module follows: `limit` (default 50, capped at
//! 200), an opaque keyset `cursor`, `sort` as a field name with `-` for
//! descending, and `q` for a search. The cursor carries the last row's sort
//! key and id, so pages stay stable while rows are added.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ecom_types::page::{DEFAULT_LIMIT, MAX_LIMIT};

use crate::error::ApiError;

/// The page size to use for a requested `limit` (capped, never zero).
pub fn limit(requested: Option<u32>) -> i64 {
    i64::from(requested.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT))
}

/// A sort order: the field and whether it runs descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort<'a> {
    pub field: &'a str,
    pub descending: bool,
}

/// Parses `sort` (`name` or `-name`) against the allowed fields; `default`
/// when absent.
pub fn sort<'a>(
    raw: Option<&str>,
    allowed: &[&'a str],
    default: Sort<'a>,
) -> Result<Sort<'a>, ApiError> {
    // Exactly as documented (`^(-?(field|...))?$`): empty is the default
    // order, anything else must name a field, without surrounding spaces.
    let Some(raw) = raw.filter(|s| !s.is_empty()) else {
        return Ok(default);
    };
    let (descending, name) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    allowed
        .iter()
        .find(|f| **f == name)
        .map(|field| Sort { field, descending })
        .ok_or_else(|| ApiError::BadRequest {
            code: "invalid_sort",
            detail: format!(
                "cannot sort by {name:?}; use one of {} (prefix with - for descending)",
                allowed.join(", ")
            ),
        })
}

/// The position after the last row of a page: that row's sort key (as text)
/// and id.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Cursor {
    /// The sort field the cursor was made for.
    pub s: String,
    /// The last row's value of that field (`None` for a null).
    pub v: Option<String>,
    /// The last row's id.
    pub id: String,
}

impl Cursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    /// Reads a cursor made for `sort`; a cursor from another sort order or a
    /// mangled one is a 400.
    pub fn decode(raw: &str, sort: &Sort<'_>) -> Result<Cursor, ApiError> {
        let invalid = invalid_cursor;
        let bytes = URL_SAFE_NO_PAD.decode(raw.trim()).map_err(|_| invalid())?;
        let cursor: Cursor = serde_json::from_slice(&bytes).map_err(|_| invalid())?;
        if cursor.s != sort.field {
            return Err(invalid());
        }
        Ok(cursor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_is_capped_and_defaulted() {
        assert_eq!(limit(None), 50);
        assert_eq!(limit(Some(0)), 1);
        assert_eq!(limit(Some(10_000)), 200);
    }

    #[test]
    fn sort_accepts_allowed_fields_only() {
        let default = Sort {
            field: "name",
            descending: false,
        };
        assert_eq!(
            sort(Some("-created_at"), &["name", "created_at"], default).ok(),
            Some(Sort {
                field: "created_at",
                descending: true
            })
        );
        assert!(sort(Some("password"), &["name"], default).is_err());
        assert_eq!(sort(None, &["name"], default).ok(), Some(default));
    }

    #[test]
    fn cursor_round_trips_and_refuses_another_sort() {
        let c = Cursor {
            s: "name".into(),
            v: Some("Acme".into()),
            id: "x".into(),
        };
        let sort = Sort {
            field: "name",
            descending: false,
        };
        assert_eq!(Cursor::decode(&c.encode(), &sort).ok(), Some(c.clone()));
        assert!(Cursor::decode(
            &c.encode(),
            &Sort {
                field: "city",
                descending: false
            }
        )
        .is_err());
        assert!(Cursor::decode("!!", &sort).is_err());
    }
}

/// Cuts rows fetched with `limit + 1` to one page, and makes the cursor for
/// the next page from the last row kept (none when this is the last page);
/// `value` gives the row's sort value as the cursor carries it (`None` for a null).
pub fn cut_page<T>(
    mut rows: Vec<T>,
    limit: i64,
    sort_field: &str,
    value: impl Fn(&T) -> Option<String>,
    id: impl Fn(&T) -> String,
) -> (Vec<T>, Option<String>) {
    let keep = usize::try_from(limit).unwrap_or(usize::MAX);
    if rows.len() <= keep {
        return (rows, None);
    }
    rows.truncate(keep);
    let next = rows.last().map(|last| {
        Cursor {
            s: sort_field.to_owned(),
            v: value(last),
            id: id(last),
        }
        .encode()
    });
    (rows, next)
}

/// A cursor that was not issued for this list and sort order.
pub fn invalid_cursor() -> ApiError {
    ApiError::BadRequest {
        code: "invalid_cursor",
        detail:
            "the cursor is not valid for this list and sort order; start again without `cursor`"
                .into(),
    }
}

/// Where the page a `cursor` asks for starts: the last row's sort value
/// (read by `parse`, which gets `None` for a null value) and id. A cursor
/// of another list or sort order, or one whose value `parse` refuses, is a
/// 400.
pub fn after(
    cursor: Option<&str>,
    sort: &Sort<'_>,
    parse: impl FnOnce(Option<&str>) -> Option<ecom_storage::listing::SortValue>,
) -> Result<Option<ecom_storage::listing::After>, ApiError> {
    let Some(raw) = cursor.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    let cursor = Cursor::decode(raw, sort)?;
    if uuid::Uuid::parse_str(&cursor.id).is_err() {
        return Err(invalid_cursor());
    }
    let value = parse(cursor.v.as_deref()).ok_or_else(invalid_cursor)?;
    Ok(Some(ecom_storage::listing::After {
        value,
        id: cursor.id,
    }))
}
