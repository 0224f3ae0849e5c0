//! What the work modules' handlers (calendar, projects, tickets, calls)
//! share: keyset paging, checks of linked contacts, companies and users,
//! and optional text fields.
//!
//! Calls, time entries, calendar events and tasks are searched, sorted and
//! paged by the database ([`after`] reads the cursor, [`cut`] makes the next
//! one). Tickets and projects are filtered in SQL and sorted and paged here
//! ([`page`]), because their sort keys are computed (a ticket's SLA due time
//! depends on `now`, a project's hours on its entries).

use chrono::{DateTime, Utc};
use ecom_domain::account::{parse_text, InvalidInput};
use ecom_domain::{CompanyId, ContactId, TenantId, UserId};
use ecom_storage::listing::SortValue;
use ecom_storage::{companies, contacts, users, DbConnection};
use ecom_types::page::Page;
use uuid::Uuid;

use crate::error::{ApiError, FieldChecks};
pub use crate::pagination::after;
use crate::pagination::{limit, Cursor, Sort};

/// A row's sort key: the value as comparable text (`None` sorts last) and its id.
pub struct Key {
    pub value: Option<String>,
    pub id: String,
}

/// Sort key text of an instant: fixed width, so text order is time order.
pub fn time_key(at: DateTime<Utc>) -> Option<String> {
    Some(at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string())
}

/// Sort key text of a number (non-negative values up to 10^18 and negative ones).
pub fn number_key(n: i64) -> Option<String> {
    // Offset so that negative numbers sort before positive ones as text.
    Some(format!("{:020}", i128::from(n) + i128::from(i64::MAX) + 1))
}

pub fn text_key(text: &str) -> Option<String> {
    Some(text.to_lowercase())
}

/// Sorts `items` by `key` (then id), starts after `cursor` and cuts a page of `requested` rows.
pub fn page<T>(
    mut items: Vec<T>,
    key: impl Fn(&T) -> Key,
    sort: Sort<'_>,
    cursor: Option<&str>,
    requested: Option<u32>,
) -> Result<Page<T>, ApiError> {
    let size = usize::try_from(limit(requested)).unwrap_or(50);
    let compare = |a: &Key, b: &Key| {
        // Nulls last in both directions; ids break ties in the sort's direction.
        let by_value = match (&a.value, &b.value) {
            (None, None) => std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Greater,
            (Some(_), None) => return std::cmp::Ordering::Less,
            (Some(x), Some(y)) => x.cmp(y),
        };
        let order = by_value.then_with(|| a.id.cmp(&b.id));
        if sort.descending {
            order.reverse()
        } else {
            order
        }
    };
    items.sort_by(|a, b| compare(&key(a), &key(b)));
    let start = match cursor.map(str::trim).filter(|c| !c.is_empty()) {
        Some(raw) => {
            let after = Cursor::decode(raw, &sort)?;
            let after = Key {
                value: after.v,
                id: after.id,
            };
            items
                .iter()
                .position(|item| compare(&key(item), &after) == std::cmp::Ordering::Greater)
                .unwrap_or(items.len())
        }
        None => 0,
    };
    let mut rest: Vec<T> = items.into_iter().skip(start).collect();
    let next_cursor = if rest.len() > size {
        rest.truncate(size);
        rest.last().map(|last| {
            let k = key(last);
            Cursor {
                s: sort.field.to_owned(),
                v: k.value,
                id: k.id,
            }
            .encode()
        })
    } else {
        None
    };
    Ok(Page {
        items: rest,
        next_cursor,
    })
}

/// Cuts rows fetched with `limit + 1` to a page of `limit`, with the cursor
/// of the next page (the last row kept: its sort value, `None` for a null,
/// and id) when there was one more row.
pub fn cut<T>(
    rows: Vec<T>,
    limit: i64,
    sort: &Sort<'_>,
    value: impl Fn(&T) -> SortValue,
    id: impl Fn(&T) -> Uuid,
) -> (Vec<T>, Option<String>) {
    crate::pagination::cut_page(
        rows,
        limit,
        sort.field,
        |row| match value(row) {
            SortValue::Null => None,
            other => Some(other.to_text()),
        },
        |row| id(row).hyphenated().to_string(),
    )
}

/// Whether `q` matches any of `fields` (case-insensitive substring).
pub fn matches(q: Option<&str>, fields: &[Option<&str>]) -> bool {
    match q.map(str::trim).filter(|q| !q.is_empty()) {
        None => true,
        Some(q) => {
            let q = q.to_lowercase();
            fields
                .iter()
                .flatten()
                .any(|f| f.to_lowercase().contains(&q))
        }
    }
}

/// An optional single line: blank is absent.
pub fn optional_line(
    raw: Option<&str>,
    what: &str,
    max: usize,
) -> Result<Option<String>, InvalidInput> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(text) => parse_text(text, what, max).map(Some),
    }
}

/// Optional multi-line text (notes, descriptions): blank is absent; at most
/// `max` characters; tabs and line breaks allowed, other control characters not.
pub fn optional_text(
    raw: Option<&str>,
    what: &str,
    max: usize,
) -> Result<Option<String>, InvalidInput> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(text) => required_text(text, what, max).map(Some),
    }
}

/// Required multi-line text.
pub fn required_text(raw: &str, what: &str, max: usize) -> Result<String, InvalidInput> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(InvalidInput::new("required", format!("{what} is required")));
    }
    if text.chars().count() > max {
        return Err(InvalidInput::new(
            "too_long",
            format!("{what} must be at most {max} characters"),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(InvalidInput::new(
            "invalid_characters",
            format!("{what} must not contain control characters"),
        ));
    }
    Ok(text.to_owned())
}

/// Records a field error unless the tenant has this contact.
pub fn check_contact(
    conn: &mut DbConnection,
    checks: &mut FieldChecks,
    tenant: TenantId,
    field: &str,
    id: Option<Uuid>,
) -> Result<Option<ContactId>, ApiError> {
    let Some(id) = id else { return Ok(None) };
    if contacts::exists(conn, tenant, ContactId(id))? {
        Ok(Some(ContactId(id)))
    } else {
        checks.push(
            field,
            "unknown_contact",
            "no contact with that id exists in your account",
        );
        Ok(None)
    }
}

/// Records a field error unless the tenant has this company.
pub fn check_company(
    conn: &mut DbConnection,
    checks: &mut FieldChecks,
    tenant: TenantId,
    field: &str,
    id: Option<Uuid>,
) -> Result<Option<CompanyId>, ApiError> {
    let Some(id) = id else { return Ok(None) };
    if companies::exists(conn, tenant, CompanyId(id))? {
        Ok(Some(CompanyId(id)))
    } else {
        checks.push(
            field,
            "unknown_company",
            "no company with that id exists in your account",
        );
        Ok(None)
    }
}

/// Records a field error unless `id` is an active user of the tenant.
pub fn check_user(
    conn: &mut DbConnection,
    checks: &mut FieldChecks,
    tenant: TenantId,
    field: &str,
    id: Option<Uuid>,
) -> Result<Option<UserId>, ApiError> {
    let Some(id) = id else { return Ok(None) };
    match users::find(conn, tenant, UserId(id))? {
        Some(user) if user.status == users::UserStatus::Active => Ok(Some(UserId(id))),
        Some(_) => {
            checks.push(field, "inactive_user", "that user's account is not active");
            Ok(None)
        }
        None => {
            checks.push(
                field,
                "unknown_user",
                "no user with that id exists in your account",
            );
            Ok(None)
        }
    }
}

/// Reads one of `allowed` values, recording a field error otherwise.
pub fn check_choice(
    checks: &mut FieldChecks,
    field: &str,
    raw: &str,
    allowed: &[&str],
) -> Option<String> {
    let value = raw.trim();
    if allowed.contains(&value) {
        Some(value.to_owned())
    } else {
        checks.push(
            field,
            "invalid_choice",
            format!("use one of: {}", allowed.join(", ")),
        );
        None
    }
}

/// A query filter that must be one of `allowed`: 400 otherwise.
pub fn filter_choice(
    name: &str,
    raw: Option<&str>,
    allowed: &[&str],
) -> Result<Option<String>, ApiError> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(v) if allowed.contains(&v) => Ok(Some(v.to_owned())),
        Some(v) => Err(ApiError::BadRequest {
            code: "invalid_filter",
            detail: format!(
                "{name}={v:?} is not valid; use one of {}",
                allowed.join(", ")
            ),
        }),
    }
}

/// The caller's audit actor.
pub fn actor(caller: &crate::auth::TenantCaller) -> (&'static str, Option<Uuid>) {
    let (kind, id) = caller.caller.actor();
    (kind, Some(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_follow_the_cursor_without_gaps_or_repeats() {
        let items: Vec<(i64, String)> = (0..7).map(|i| (i % 3, format!("id{i}"))).collect();
        let key = |t: &(i64, String)| Key {
            value: number_key(t.0),
            id: t.1.clone(),
        };
        let sort = Sort {
            field: "n",
            descending: false,
        };
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = page(items.clone(), key, sort, cursor.as_deref(), Some(3)).expect("a page");
            seen.extend(page.items.iter().map(|i| i.1.clone()));
            match page.next_cursor {
                Some(c) => cursor = Some(c),
                None => break,
            }
        }
        assert_eq!(seen.len(), 7);
        let mut dedup = seen.clone();
        dedup.sort();
        dedup.dedup();
        assert_eq!(dedup.len(), 7);
        assert!(number_key(-5) < number_key(3));
    }
}
