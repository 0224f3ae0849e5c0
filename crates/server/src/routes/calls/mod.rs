//! Call records (Module::Voip): a click-to-call log linked to contacts, and
//! the tenant's "call me no more" list (privacy statement: after an opt-out
//! keep only the minimum needed never to contact that person again), which
//! blocks logging a planned or outbound call to a listed number.

pub mod create;
pub mod delete;
pub mod dnc_add;
pub mod dnc_check;
pub mod dnc_list;
pub mod dnc_remove;
pub mod get;
pub mod list;
pub mod update;

use chrono::{DateTime, Utc};
use ecom_domain::work::phone::E164;
use ecom_domain::TenantId;
use ecom_storage::work::calls::{self, Call};
use ecom_storage::{secrets, DbConnection};
use ecom_types::work::{CallRequest, CallView};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::auth::random_token;
use crate::error::{ApiError, FieldChecks};
use crate::work::{check_choice, check_contact, optional_text};

pub const DIRECTIONS: [&str; 2] = ["inbound", "outbound"];
pub const OUTCOMES: [&str; 5] = ["answered", "no_answer", "busy", "voicemail", "planned"];

/// The longest call we accept: a day.
const MAX_DURATION_SECONDS: i64 = 24 * 3600;

pub fn view(c: &Call) -> CallView {
    CallView {
        id: c.id.0,
        number: c.number.clone(),
        direction: c.direction.clone(),
        started_at: c.started_at,
        duration_seconds: c.duration_seconds,
        outcome: c.outcome.clone(),
        notes: c.notes.clone(),
        contact_id: c.contact_id.map(|x| x.0),
        user_id: c.user_id.0,
        created_at: c.created_at,
        updated_at: c.updated_at,
    }
}

/// The keyed hash of a number on the list: HMAC-SHA256 with a server
/// secret over the tenant and the E.164 number, so the list cannot be
/// reversed by hashing all phone numbers, nor compared across tenants.
pub fn number_hash(
    conn: &mut DbConnection,
    tenant: TenantId,
    number: &E164,
    now: DateTime<Utc>,
) -> Result<String, ApiError> {
    let key = secrets::get_or_create(conn, "do_not_call_hmac", now, || random_token(32))?;
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes())
        .map_err(|e| ApiError::Internal(e.to_string()))?;
    mac.update(tenant.0.to_string().as_bytes());
    mac.update(b":");
    mac.update(number.as_str().as_bytes());
    Ok(hex::encode(mac.finalize().into_bytes()))
}

/// Validated call fields written onto `into`; refuses a planned or outbound
/// call to a number on the "call me no more" list.
pub fn apply(
    conn: &mut DbConnection,
    tenant: TenantId,
    body: &CallRequest,
    into: &mut Call,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    let mut checks = FieldChecks::default();
    let number = checks.check("number", E164::parse(&body.number));
    let direction = check_choice(&mut checks, "direction", &body.direction, &DIRECTIONS);
    let outcome = check_choice(&mut checks, "outcome", &body.outcome, &OUTCOMES);
    if !(0..=MAX_DURATION_SECONDS).contains(&body.duration_seconds) {
        checks.push(
            "duration_seconds",
            "out_of_range",
            "the duration is 0 to 86400 seconds",
        );
    }
    if outcome.as_deref() == Some("planned") && body.duration_seconds != 0 {
        checks.push(
            "duration_seconds",
            "planned_has_no_duration",
            "a planned call has not taken place: its duration is 0",
        );
    }
    let notes = checks.check(
        "notes",
        optional_text(body.notes.as_deref(), "the notes", 5000),
    );
    let contact = check_contact(conn, &mut checks, tenant, "contact_id", body.contact_id)?;
    checks.finish()?;
    let (Some(number), Some(direction), Some(outcome), Some(notes)) =
        (number, direction, outcome, notes)
    else {
        return Err(ApiError::Internal(
            "call validation passed with a missing field".into(),
        ));
    };
    let dialled_by_us = outcome == "planned" || direction == "outbound";
    if dialled_by_us && {
        let hash = number_hash(conn, tenant, &number, now)?;
        calls::is_do_not_call(conn, tenant, &hash)?
    } {
        return Err(ApiError::Rule {
            code: "number_on_do_not_call_list",
            detail: format!(
                "{} asked not to be called (it is on your \"call me no more\" list): a planned or outbound call to it cannot be logged. Inbound calls from it can",
                number.masked()
            ),
        });
    }
    into.number = number.as_str().to_owned();
    into.direction = direction;
    into.started_at = body.started_at;
    into.duration_seconds = body.duration_seconds;
    into.outcome = outcome;
    into.notes = notes;
    into.contact_id = contact;
    Ok(())
}
