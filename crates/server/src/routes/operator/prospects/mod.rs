//! The operator's prospects (`/api/v1/operator/prospects`): marketing
//! contacts Ecom holds as controller, people without an account (e.g. found
//! in the KBO). Kept at most two years after the last interaction; after
//! "not interested" Ecom leaves them alone for good: the address goes on the
//! suppression list at once and the next retention sweep erases the record
//! (SPEC §4, privacy statement; `crate::retention::review_prospects`).

pub mod create;
pub mod delete;
pub mod get;
pub mod list;
pub mod not_interested;
pub mod update;

use chrono::{DateTime, Utc};
use ecom_domain::account::{parse_text, InvalidInput};
use ecom_domain::retention::{decide, Relationship};
use ecom_domain::work::phone::E164;
use ecom_domain::EmailAddress;
use ecom_storage::consent as suppressions;
use ecom_storage::privacy::prospects::{self, Prospect};
use ecom_storage::DbConnection;
use ecom_types::prospects::{ProspectSource, ProspectStatus, ProspectView};
use uuid::Uuid;

use crate::auth::OperatorCaller;
use crate::consent::{email_hash, parse_multiline, phone_hash};
use crate::error::{ApiError, FieldChecks};

/// The suppression scopes that mean "leave me alone for good": no marketing
/// e-mail, no sales calls. A prospect on either is never added again.
pub const LEFT_ALONE_SCOPES: [&str; 2] = ["all_marketing", "sales_calls"];

const MAX_NAME: usize = 200;
const MAX_COMPANY: usize = 200;
const MAX_NOTES: usize = 2000;

pub(crate) fn actor(caller: &OperatorCaller) -> (&'static str, Option<Uuid>) {
    ("operator", Some(caller.operator.0))
}

/// The prospect, or 404.
pub(crate) fn find(conn: &mut DbConnection, id: Uuid) -> Result<Prospect, ApiError> {
    prospects::find(conn, id)?.ok_or_else(|| ApiError::NotFound {
        detail: "no prospect with that id".into(),
    })
}

/// The prospect as the operator sees it, with the date the sweep erases it
/// (the domain's retention schedule, not recomputed here).
pub(crate) fn view(prospect: &Prospect, now: DateTime<Utc>) -> ProspectView {
    let decision = decide(
        &Relationship::Prospect {
            last_interaction_at: prospect.last_interaction_at,
            not_interested_at: prospect.not_interested_at,
        },
        now,
    );
    ProspectView {
        id: prospect.id,
        email: prospect.email.clone(),
        full_name: prospect.full_name.clone(),
        phone: prospect.phone.clone(),
        company: prospect.company.clone(),
        interest_notes: prospect.interest_notes.clone(),
        // Rows written before the API (free text) show as `other`.
        source: ProspectSource::parse(&prospect.source).unwrap_or(ProspectSource::Other),
        status: if prospect.not_interested_at.is_some() {
            ProspectStatus::NotInterested
        } else {
            ProspectStatus::Active
        },
        created_at: prospect.created_at,
        last_interaction_at: prospect.last_interaction_at,
        not_interested_at: prospect.not_interested_at,
        erase_after: decision.erase_from,
    }
}

pub(crate) fn parse_email(checks: &mut FieldChecks, raw: &str) -> Option<String> {
    checks
        .check("email", EmailAddress::parse(raw))
        .map(|e| e.as_str().to_owned())
}

/// An optional text field: blank is `None`.
fn optional(
    checks: &mut FieldChecks,
    field: &str,
    raw: Option<&str>,
    parse: impl FnOnce(&str) -> Result<String, InvalidInput>,
) -> Option<Option<String>> {
    match raw.map(str::trim).filter(|s| !s.is_empty()) {
        None => Some(None),
        Some(text) => checks.check(field, parse(text)).map(Some),
    }
}

pub(crate) fn parse_name(checks: &mut FieldChecks, raw: Option<&str>) -> Option<Option<String>> {
    optional(checks, "full_name", raw, |t| {
        parse_text(t, "the name", MAX_NAME)
    })
}

pub(crate) fn parse_company(checks: &mut FieldChecks, raw: Option<&str>) -> Option<Option<String>> {
    optional(checks, "company", raw, |t| {
        parse_text(t, "the company", MAX_COMPANY)
    })
}

pub(crate) fn parse_notes(checks: &mut FieldChecks, raw: Option<&str>) -> Option<Option<String>> {
    optional(checks, "interest_notes", raw, |t| {
        parse_multiline(t, "the interest notes", MAX_NOTES)
    })
}

/// A phone number in E.164.
pub(crate) fn parse_phone(checks: &mut FieldChecks, raw: Option<&str>) -> Option<Option<String>> {
    optional(checks, "phone", raw, |t| {
        E164::parse(t).map(|n| n.as_str().to_owned())
    })
}

/// 409 when the person asked to be left alone for good: their e-mail
/// address or phone number is on the suppression list.
pub(crate) fn refuse_suppressed(
    conn: &mut DbConnection,
    email: &str,
    phone: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let hash = email_hash(conn, email, now)?;
    if suppressions::is_suppressed(conn, &hash, &LEFT_ALONE_SCOPES)? {
        return Err(ApiError::Conflict {
            code: "suppressed",
            detail: "this person asked not to be contacted any more (the e-mail address is on the suppression list); they cannot be added as a prospect".into(),
            field: Some("email"),
        });
    }
    if let Some(phone) = phone {
        if let Some(hash) = phone_hash(conn, phone, now)? {
            if suppressions::is_suppressed(conn, &hash, &LEFT_ALONE_SCOPES)? {
                return Err(ApiError::Conflict {
                    code: "suppressed",
                    detail: "this person asked not to be contacted any more (the phone number is on the suppression list); they cannot be added as a prospect".into(),
                    field: Some("phone"),
                });
            }
        }
    }
    Ok(())
}

/// Puts the prospect's e-mail address and phone number on the suppression
/// list for good (keyed hashes only): what remains once the record is erased.
pub fn suppress(
    conn: &mut DbConnection,
    prospect: &Prospect,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let mut hashes = vec![email_hash(conn, &prospect.email, now)?];
    if let Some(phone) = &prospect.phone {
        hashes.extend(phone_hash(conn, phone, now)?);
    }
    for hash in &hashes {
        for scope in LEFT_ALONE_SCOPES {
            suppressions::suppress(conn, hash, scope, now)?;
        }
    }
    Ok(())
}
