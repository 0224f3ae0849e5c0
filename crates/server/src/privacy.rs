//! Data-subject requests: filing, identity verification, carrying them out
//! and the person's export. Shared by the person's and the operator's
//! handlers; every step is audited without personal data.

use chrono::{DateTime, Utc};
use ecom_domain::account::{parse_phone, parse_text, EmailAddress, PersonName};
use ecom_domain::retention::requests::{self as rules, RequestStatus, Right};
use ecom_domain::{TenantId, UserId};
use ecom_storage::notices::{self, NewNotice};
use ecom_storage::privacy::registry::{self, Person};
use ecom_storage::privacy::requests::{self, PrivacyRequest};
use ecom_storage::privacy::{erasures, restrictions};
use ecom_storage::{users, DbConnection};
use ecom_types::privacy::{
    OutcomeItem, PrivacyRequestView, PrivacyRight, Rectification, RequestOutcome,
};
use rand::Rng;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::{hashes_equal, secret_hash};
use crate::error::{ApiError, FieldChecks};
use crate::export::Table;

pub fn right_of(right: PrivacyRight) -> Right {
    match right {
        PrivacyRight::Access => Right::Access,
        PrivacyRight::Rectification => Right::Rectification,
        PrivacyRight::Erasure => Right::Erasure,
        PrivacyRight::Restriction => Right::Restriction,
        PrivacyRight::WithdrawalOfConsent => Right::WithdrawalOfConsent,
        PrivacyRight::Portability => Right::Portability,
        PrivacyRight::ObjectionToDirectMarketing => Right::ObjectionToDirectMarketing,
    }
}

fn right_view(right: Right) -> PrivacyRight {
    PrivacyRight::parse(right.as_str()).unwrap_or(PrivacyRight::Access)
}

/// Whether the request's export may be downloaded.
pub fn export_available(request: &PrivacyRequest) -> bool {
    matches!(request.right, Right::Access | Right::Portability)
        && request.verified_at.is_some()
        && request.status != RequestStatus::Rejected
}

pub fn view(request: &PrivacyRequest, now: DateTime<Utc>) -> PrivacyRequestView {
    PrivacyRequestView {
        id: request.id,
        right: right_view(request.right),
        status: request.status.as_str().into(),
        filed_by: request.filed_by.clone(),
        subject_email: request.subject_email.clone(),
        details: request.details.clone(),
        received_at: request.received_at,
        due_at: request.due_at,
        extended_due_at: request.extended_due_at,
        extension_reason: request.extension_reason.clone(),
        deadline: request.deadline(),
        overdue: rules::is_overdue(request.status, request.deadline(), now),
        needs_verification: request.right.needs_identity_verification(),
        verified_at: request.verified_at,
        verification_method: request.verification_method.clone(),
        outcome: request
            .outcome
            .as_deref()
            .and_then(|o| serde_json::from_str(o).ok()),
        closed_at: request.closed_at,
        export_available: export_available(request),
    }
}

/// The person a request is about: the account that filed it, or the
/// account with the address, or just the address (a prospect, someone who
/// wrote in).
pub fn subject(conn: &mut DbConnection, request: &PrivacyRequest) -> Result<Person, ApiError> {
    if let Some((tenant, user)) = request.account {
        if let Some(found) = users::find(conn, tenant, user)? {
            return Ok(Person {
                account: Some((tenant, user)),
                email: if registry::is_erased_email(&found.email) {
                    request.subject_email.clone()
                } else {
                    found.email
                },
            });
        }
    }
    let account = users::find_for_login(conn, &request.subject_email)?.map(|u| (u.tenant_id, u.id));
    Ok(Person {
        account,
        email: request.subject_email.clone(),
    })
}

fn audit(
    conn: &mut DbConnection,
    action: &str,
    actor: (&str, Option<Uuid>),
    request: &PrivacyRequest,
    now: DateTime<Utc>,
    request_id: Option<String>,
) -> Result<(), ApiError> {
    Audit::new(action, actor, now)
        .tenant(request.account.map(|(t, _)| t))
        .target("privacy_request", request.id)
        .details(serde_json::json!({ "right": request.right.as_str(), "filed_by": request.filed_by, "status": request.status.as_str() }))
        .request(request_id)
        .write(conn)
}

fn outcome(summary: String, items: Vec<OutcomeItem>) -> Option<String> {
    serde_json::to_string(&RequestOutcome { summary, items }).ok()
}

/// Checks the free text a person gives.
pub fn parse_details(checks: &mut FieldChecks, details: Option<&str>) -> Option<String> {
    let text = details.map(str::trim).filter(|d| !d.is_empty())?;
    if text.chars().count() > 2000 {
        checks.push(
            "details",
            "too_long",
            "details must be at most 2000 characters",
        );
        return None;
    }
    Some(text.to_owned())
}

/// Files a request; rights that only stop processing take effect at once.
#[allow(clippy::too_many_arguments)]
pub fn file(
    conn: &mut DbConnection,
    account: Option<(TenantId, UserId)>,
    email: &str,
    right: Right,
    details: Option<String>,
    filed_by: &str,
    received_at: DateTime<Utc>,
    actor: (&str, Option<Uuid>),
    request_id: Option<String>,
    now: DateTime<Utc>,
) -> Result<PrivacyRequest, ApiError> {
    let mut request = PrivacyRequest {
        id: Uuid::now_v7(),
        account,
        subject_email: email.to_owned(),
        right,
        status: rules::initial_status(right),
        filed_by: filed_by.into(),
        details,
        received_at,
        due_at: rules::due_at(received_at),
        extended_due_at: None,
        extension_reason: None,
        verified_at: None,
        verification_method: None,
        code_hash: None,
        code_expires_at: None,
        code_attempts: 0,
        outcome: None,
        closed_at: None,
        created_at: now,
    };
    requests::insert(conn, &request, now)?;
    audit(
        conn,
        "privacy_request.filed",
        actor,
        &request,
        now,
        request_id.clone(),
    )?;
    if right.takes_effect_at_once() {
        let person = subject(conn, &request)?;
        carry_out(conn, &mut request, &person, None, now)?;
        requests::save(conn, &request, now)?;
        audit(
            conn,
            "privacy_request.completed",
            ("system", None),
            &request,
            now,
            request_id,
        )?;
    }
    Ok(request)
}

/// Sends a one-time code to the person's address (their account's when they
/// have one): knowing it proves they control that address.
pub fn send_code(
    conn: &mut DbConnection,
    request: &mut PrivacyRequest,
    actor: (&str, Option<Uuid>),
    request_id: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    require_awaiting_verification(request)?;
    let person = subject(conn, request)?;
    let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000u32));
    request.code_hash = Some(secret_hash(&format!("{}:{code}", request.id)));
    request.code_expires_at = Some(rules::verification_code_expires_at(now));
    request.code_attempts = 0;
    requests::save(conn, request, now)?;
    notices::enqueue(
        conn,
        &NewNotice {
            tenant_id: person.account.map(|(t, _)| t),
            recipient: person.email.clone(),
            kind: "privacy_verification".into(),
            essential: true,
            subject: "Your Ecom privacy request: verification code".into(),
            body: format!(
                "Someone, hopefully you, asked Ecom to act on the personal data of this address ({} request).\n\n\
                 Your verification code is {{secret}}. It works for {} minutes.\n\n\
                 If you did not ask for this, ignore this e-mail: nothing happens without the code.\n",
                request.right.as_str().replace('_', " "),
                rules::VERIFICATION_CODE_MINUTES
            ),
            secret: Some(code),
            dedupe_key: None,
        },
        now,
    )?;
    audit(
        conn,
        "privacy_request.code_sent",
        actor,
        request,
        now,
        request_id,
    )
}

fn require_awaiting_verification(request: &PrivacyRequest) -> Result<(), ApiError> {
    if request.status != RequestStatus::AwaitingVerification {
        return Err(ApiError::Conflict {
            code: "not_awaiting_verification",
            detail: format!(
                "this request is {}; only a request awaiting verification can be verified",
                request.status.as_str().replace('_', " ")
            ),
            field: None,
        });
    }
    Ok(())
}

/// Checks an e-mailed code.
pub fn verify_code(
    conn: &mut DbConnection,
    request: &mut PrivacyRequest,
    code: &str,
    actor: (&str, Option<Uuid>),
    request_id: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    require_awaiting_verification(request)?;
    let (Some(hash), Some(expires)) = (request.code_hash.clone(), request.code_expires_at) else {
        return Err(ApiError::Rule {
            code: "no_code_sent",
            detail: "ask for a verification code first; it is e-mailed to your address".into(),
        });
    };
    if now >= expires || request.code_attempts >= rules::MAX_VERIFICATION_ATTEMPTS {
        return Err(ApiError::Rule {
            code: "code_expired",
            detail: "this code expired or was tried too often; ask for a new code".into(),
        });
    }
    if !hashes_equal(
        &hash,
        &secret_hash(&format!("{}:{}", request.id, code.trim())),
    ) {
        request.code_attempts += 1;
        requests::save(conn, request, now)?;
        audit(
            conn,
            "privacy_request.code_refused",
            actor,
            request,
            now,
            request_id,
        )?;
        return Err(ApiError::field(
            "code",
            ecom_domain::account::InvalidInput::new(
                "wrong_code",
                "the code is not right; check the e-mail and try again",
            ),
        ));
    }
    mark_verified(conn, request, "account_email_code", actor, request_id, now)
}

/// Records the verification; access and portability are then carried out
/// at once (the export is ready), the rest waits for the operator.
pub fn mark_verified(
    conn: &mut DbConnection,
    request: &mut PrivacyRequest,
    method: &str,
    actor: (&str, Option<Uuid>),
    request_id: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    require_awaiting_verification(request)?;
    request.verified_at = Some(now);
    request.verification_method = Some(method.into());
    request.code_hash = None;
    request.code_expires_at = None;
    request.status = RequestStatus::InProgress;
    audit(
        conn,
        "privacy_request.verified",
        actor,
        request,
        now,
        request_id.clone(),
    )?;
    if matches!(request.right, Right::Access | Right::Portability) {
        let person = subject(conn, request)?;
        carry_out(conn, request, &person, None, now)?;
        audit(
            conn,
            "privacy_request.completed",
            ("system", None),
            request,
            now,
            request_id,
        )?;
    }
    requests::save(conn, request, now)?;
    Ok(())
}

/// Does what the right asks and closes the request with its outcome.
pub fn carry_out(
    conn: &mut DbConnection,
    request: &mut PrivacyRequest,
    person: &Person,
    rectification: Option<&Rectification>,
    now: DateTime<Utc>,
) -> Result<(), ApiError> {
    if !request.status.is_open() {
        return Err(ApiError::Conflict {
            code: "request_closed",
            detail: "this request is closed already".into(),
            field: None,
        });
    }
    if request.right.needs_identity_verification() && request.verified_at.is_none() {
        return Err(ApiError::Rule {
            code: "identity_not_verified",
            detail: "verify the person's identity first (an e-mailed code, or record how you verified it): access, rectification, erasure and portability need it".into(),
        });
    }
    let summary;
    let mut items = Vec::new();
    match request.right {
        Right::Access | Right::Portability => {
            for table in registry::export_person(conn, person)? {
                items.push(OutcomeItem {
                    table: table.table.into(),
                    what: table.what.into(),
                    erased: 0,
                    kept: table.rows.len() as u64,
                    kept_because: None,
                });
            }
            summary = "The export of everything Ecom holds about you is ready: JSON and CSV per data set, in one zip.".to_owned();
        }
        Right::Rectification => {
            let Some((tenant, user)) = person.account else {
                return Err(ApiError::Rule { code: "no_account", detail: "there is no account with this address to correct; correct other records by hand and reject with a note".into() });
            };
            let fix = rectification.ok_or_else(|| ApiError::Rule {
                code: "rectification_missing",
                detail: "give the corrected fields in `rectification`".into(),
            })?;
            let mut checks = FieldChecks::default();
            let first = fix.first_name.as_deref().and_then(|v| {
                checks
                    .check(
                        "rectification.first_name",
                        PersonName::parse(v, "the first name"),
                    )
                    .map(PersonName::into_inner)
            });
            let last = fix.last_name.as_deref().and_then(|v| {
                checks
                    .check(
                        "rectification.last_name",
                        PersonName::parse(v, "the last name"),
                    )
                    .map(PersonName::into_inner)
            });
            let phone = fix
                .phone
                .as_deref()
                .and_then(|v| checks.check("rectification.phone", parse_phone(v)));
            let function = fix.function.as_deref().and_then(|v| {
                checks.check("rectification.function", parse_text(v, "the function", 100))
            });
            checks.finish()?;
            let changed = rectify_user(conn, tenant, user, first, last, phone, function)?;
            summary = format!("Corrected {changed} field(s) of your account.");
        }
        Right::Erasure => {
            refuse_erasing_a_running_contracts_administrator(conn, person)?;
            let erased = registry::erase_person(conn, person)?;
            for item in &erased {
                if item.erased > 0 {
                    erasures::record(
                        conn,
                        now,
                        "data_subject",
                        person.account.map(|(t, _)| t),
                        "person",
                        item.table,
                        item.erased,
                        "erasure request",
                    )?;
                }
            }
            let kept: Vec<_> = erased.iter().filter(|i| i.kept > 0).collect();
            summary = if kept.is_empty() {
                "Everything Ecom held about you was erased.".to_owned()
            } else {
                format!(
                    "Erased what may be erased. Kept: {}.",
                    kept.iter().map(|i| i.table).collect::<Vec<_>>().join(", ")
                )
            };
            items = erased
                .into_iter()
                .map(|i| OutcomeItem {
                    table: i.table.into(),
                    what: i.what.into(),
                    erased: i.erased as u64,
                    kept: i.kept as u64,
                    kept_because: i.kept_because.map(Into::into),
                })
                .collect();
        }
        Right::Restriction => {
            restrictions::restrict(conn, &person.email, Some(request.id), now)?;
            summary = "Your data is kept but no longer used for marketing or analytics until the restriction is lifted.".to_owned();
        }
        Right::WithdrawalOfConsent | Right::ObjectionToDirectMarketing => {
            let changed = registry::stop_marketing(conn, person, now)?;
            items = changed
                .iter()
                .map(|c| OutcomeItem {
                    table: (*c).into(),
                    what: "marketing list".into(),
                    erased: 1,
                    kept: 0,
                    kept_because: None,
                })
                .collect();
            summary = "You are off every marketing list, with effect now.".to_owned();
        }
    }
    request.status = RequestStatus::Completed;
    request.closed_at = Some(now);
    request.outcome = outcome(summary, items);
    Ok(())
}

/// The Administrator of a running contract cannot be erased: the contract
/// needs its one Administrator (GDPR art. 17(3)(b) and (e): the data are
/// needed to perform the contract). After the contract ends, erasure follows
/// the schedule, or a new request succeeds.
fn refuse_erasing_a_running_contracts_administrator(
    conn: &mut DbConnection,
    person: &Person,
) -> Result<(), ApiError> {
    let Some((tenant, user)) = person.account else {
        return Ok(());
    };
    let Some(account) = users::find(conn, tenant, user)? else {
        return Ok(());
    };
    if !account.role.may_administer() || registry::is_erased_email(&account.email) {
        return Ok(());
    }
    let Some(company) = ecom_storage::tenants::find(conn, tenant)? else {
        return Ok(());
    };
    if crate::retention::tenant_relationship(conn, &company)?
        == Some(ecom_domain::retention::Relationship::Customer)
    {
        return Err(ApiError::Rule {
            code: "needed_for_the_contract",
            detail: "this person is the Administrator of a running contract, which needs its Administrator: \
                     the account can be erased once the contract has ended (cancel it first); reject or extend the request meanwhile"
                .into(),
        });
    }
    Ok(())
}

fn rectify_user(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
    first: Option<String>,
    last: Option<String>,
    phone: Option<String>,
    function: Option<String>,
) -> Result<usize, ApiError> {
    let count = [
        first.is_some(),
        last.is_some(),
        phone.is_some(),
        function.is_some(),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    users::update_personal_details(conn, tenant, user, first, last, phone, function)?;
    Ok(count)
}

/// Everything held about the person as archive tables.
pub fn person_tables(conn: &mut DbConnection, person: &Person) -> Result<Vec<Table>, ApiError> {
    Ok(registry::export_person(conn, person)?
        .into_iter()
        .map(|t| Table {
            name: t.table.into(),
            columns: t.columns,
            rows: t.rows,
        })
        .collect())
}

/// Checks an address typed by the operator.
pub fn parse_email(raw: &str) -> Result<String, ApiError> {
    EmailAddress::parse(raw)
        .map(|e| e.as_str().to_owned())
        .map_err(|e| ApiError::field("subject_email", e))
}
