//! The retention sweep (SPEC §4): applies the domain's schedule to every
//! person and tenant Ecom holds data about. The same review runs in two
//! modes: `DryRun` (the operator's report of what the next sweep would do,
//! and why) and `Apply` (the job). Erasure overwrites or removes the data
//! through the registry (`ecom_storage::privacy::registry`); the erasure
//! log keeps counts only, and pseudonymised analytics are not touched.

use chrono::{DateTime, Utc};
use ecom_domain::retention::{decide, Profile, Relationship, RetentionSchedule};
use ecom_domain::{TenantId, UserId};
use ecom_storage::privacy::registry::{self, Person};
use ecom_storage::privacy::{erasures, prospects};
use ecom_storage::tenants::{self, Tenant, TenantStatus};
use ecom_storage::users::{self, UserStatus};
use ecom_storage::{contracts, invoices, notices, DbConnection};
use ecom_types::privacy::{RetentionStep, TableCount};
use uuid::Uuid;

use crate::audit::Audit;
use crate::error::ApiError;
use crate::settings::Settings;

/// Whether the review changes anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    DryRun,
    Apply,
}

/// The schedule with the server's settings.
pub fn schedule(settings: &Settings) -> RetentionSchedule {
    RetentionSchedule {
        invoice_retention_years: settings.invoice_retention_years,
    }
}

/// The tenant's relationship with Ecom, from its contract and trial as stored.
/// `None`: nothing to decide (no trial, no contract).
pub fn tenant_relationship(
    conn: &mut DbConnection,
    tenant: &Tenant,
) -> Result<Option<Relationship>, ApiError> {
    let Some(contract) = contracts::current(conn, tenant.id)? else {
        return Ok(tenant
            .trial_ends_at
            .map(|ends_at| Relationship::Trial { ends_at }));
    };
    Ok(Some(match contract.status.as_str() {
        "deactivated" | "soft_deleted" | "anonymised" => {
            match contract
                .deactivated_at
                .or(contract.soft_deleted_at)
                .or(contract.anonymised_at)
            {
                Some(deactivated_at) => Relationship::ExCustomer { deactivated_at },
                None => {
                    return Err(ApiError::Internal(
                        "a deactivated contract without a deactivation time".into(),
                    ))
                }
            }
        }
        // Terminated by Ecom: the Administrator may still log in to export
        // until the window closes; the accounts are deactivated then.
        "terminated_by_operator" => match contract.export_window_ends_at.or(contract.terminated_at)
        {
            Some(deactivated_at) => Relationship::ExCustomer { deactivated_at },
            None => {
                return Err(ApiError::Internal(
                    "a terminated contract without a termination time".into(),
                ))
            }
        },
        _ => Relationship::Customer,
    }))
}

/// A person's relationship: the tenant's, except for an account deactivated
/// on its own while the tenant remains a customer (a seat given up).
fn person_relationship(tenant: Relationship, user: &users::User) -> Relationship {
    match (tenant, user.status, user.deactivated_at) {
        (Relationship::Customer, UserStatus::Deactivated, Some(deactivated_at)) => {
            Relationship::ExCustomer { deactivated_at }
        }
        _ => tenant,
    }
}

fn step(
    action: &str,
    profile: Profile,
    kind: &str,
    id: Uuid,
    tenant: Option<TenantId>,
    due: Option<DateTime<Utc>>,
    reason: &str,
) -> RetentionStep {
    RetentionStep {
        action: action.into(),
        profile: profile.as_str().into(),
        subject_kind: kind.into(),
        subject_id: id,
        tenant_id: tenant.map(|t| t.0),
        due_since: due,
        reason: reason.into(),
        tables: Vec::new(),
    }
}

fn counts(tables: &[(&str, usize)]) -> Vec<TableCount> {
    tables
        .iter()
        .map(|(t, n)| TableCount {
            table: (*t).into(),
            rows: i64::try_from(*n).unwrap_or(i64::MAX),
        })
        .collect()
}

fn log_erasure(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    profile: Profile,
    tenant: Option<TenantId>,
    kind: &str,
    tables: &[(&str, usize)],
    reason: &str,
) -> Result<(), ApiError> {
    for (table, n) in tables.iter().filter(|(_, n)| *n > 0) {
        erasures::record(conn, now, profile.as_str(), tenant, kind, table, *n, reason)?;
    }
    Ok(())
}

/// Reviews one tenant and its people at `now`; in `Apply` mode does what is due.
pub fn review_tenant(
    conn: &mut DbConnection,
    settings: &Settings,
    tenant_id: TenantId,
    now: DateTime<Utc>,
    mode: Mode,
) -> Result<Vec<RetentionStep>, ApiError> {
    let Some(tenant) = tenants::find(conn, tenant_id)? else {
        return Ok(Vec::new());
    };
    let Some(relationship) = tenant_relationship(conn, &tenant)? else {
        return Ok(Vec::new());
    };
    let mut steps = Vec::new();
    for user in users::list(conn, tenant_id)? {
        if registry::is_erased_email(&user.email) {
            continue;
        }
        let person_rel = person_relationship(relationship, &user);
        let decision = decide(&person_rel, now);
        let person = Person {
            account: Some((tenant_id, user.id)),
            email: user.email.clone(),
        };
        if !decision.marketing_allowed && !notices::opted_out(conn, tenant_id, user.id)? {
            let mut s = step(
                "stop_marketing",
                decision.profile,
                "user",
                user.id.0,
                Some(tenant_id),
                None,
                &decision.reason,
            );
            if mode == Mode::Apply {
                let channels = registry::stop_marketing(conn, &person, now)?;
                s.tables = channels
                    .iter()
                    .map(|c| TableCount {
                        table: (*c).into(),
                        rows: 1,
                    })
                    .collect();
                Audit::new("retention.marketing_stopped", ("system", None), now)
                    .tenant(tenant_id)
                    .target("user", user.id.0)
                    .details(serde_json::json!({ "profile": decision.profile.as_str() }))
                    .write(conn)?;
            }
            steps.push(s);
        }
        if decision.erase_now {
            let mut s = step(
                "erase_person",
                decision.profile,
                "user",
                user.id.0,
                Some(tenant_id),
                decision.erase_from,
                &decision.reason,
            );
            if mode == Mode::Apply {
                let items = registry::erase_person(conn, &person)?;
                let done: Vec<(&str, usize)> = items
                    .iter()
                    .map(|i| (i.table, i.erased))
                    .filter(|(_, n)| *n > 0)
                    .collect();
                log_erasure(
                    conn,
                    now,
                    decision.profile,
                    Some(tenant_id),
                    "user",
                    &done,
                    "retention schedule",
                )?;
                s.tables = counts(&done);
                // No user id: erasure just took the person's id out of the audit log.
                Audit::new("retention.person_erased", ("system", None), now)
                    .tenant(tenant_id)
                    .details(serde_json::json!({ "profile": decision.profile.as_str(), "tables": done.len() }))
                    .write(conn)?;
            }
            steps.push(s);
        }
    }
    // A trial that never converted: after two years the tenant's own data goes too.
    if let Relationship::Trial { .. } = relationship {
        let decision = decide(&relationship, now);
        let left = if decision.erase_now {
            registry::tenant_rows_to_erase(conn, tenant_id)?
        } else {
            Vec::new()
        };
        let company_left = tenant.name != "Erased trial account";
        if decision.erase_now
            && (!left.is_empty() || company_left)
            && tenant.status != TenantStatus::Active
        {
            let mut s = step(
                "erase_tenant_data",
                Profile::TrialUser,
                "tenant",
                tenant_id.0,
                Some(tenant_id),
                decision.erase_from,
                &decision.reason,
            );
            s.tables = left
                .iter()
                .map(|(t, n)| TableCount {
                    table: (*t).into(),
                    rows: *n,
                })
                .collect();
            if mode == Mode::Apply {
                let mut done = registry::erase_tenant(conn, tenant_id)?;
                let company = registry::erase_trial_company(conn, tenant_id)?;
                if company > 0 {
                    done.push(("tenants", company));
                }
                log_erasure(
                    conn,
                    now,
                    Profile::TrialUser,
                    Some(tenant_id),
                    "tenant",
                    &done,
                    "retention schedule",
                )?;
                s.tables = counts(&done);
                Audit::new("retention.tenant_erased", ("system", None), now)
                    .tenant(tenant_id)
                    .target("tenant", tenant_id.0)
                    .write(conn)?;
            }
            steps.push(s);
        }
    }
    // Invoices of a tenant that is no longer a customer: personal data on
    // them only until the legal hold ends.
    if !matches!(relationship, Relationship::Customer) {
        let schedule = schedule(settings);
        for invoice in invoices::list_for_client(conn, tenant_id)? {
            if invoice.seller_tenant_id.is_some()
                || schedule.invoice_under_hold(invoice.issue_date, now)
            {
                continue;
            }
            let Some(redacted) = redact_invoice_document(&invoice.document) else {
                continue;
            };
            let hold_ended = ecom_domain::calendar::start_of_belgian_day(
                schedule.invoice_hold_ends_on(invoice.issue_date),
            );
            let mut s = step(
                "redact_invoice",
                relationship.profile(),
                "invoice",
                invoice.id,
                Some(tenant_id),
                Some(hold_ended),
                &format!("invoice of {}: the legal hold of {} years from 1 January after the invoice date ended", invoice.issue_date.format("%d/%m/%Y"), schedule.invoice_retention_years),
            );
            s.tables = vec![TableCount {
                table: "invoices".into(),
                rows: 1,
            }];
            if mode == Mode::Apply {
                registry::replace_invoice_document(conn, invoice.id, &redacted)?;
                log_erasure(
                    conn,
                    now,
                    relationship.profile(),
                    Some(tenant_id),
                    "invoice",
                    &[("invoices", 1)],
                    "legal hold ended",
                )?;
                Audit::new("retention.invoice_redacted", ("system", None), now)
                    .tenant(tenant_id)
                    .target("invoice", invoice.id)
                    .write(conn)?;
            }
            steps.push(s);
        }
    }
    Ok(steps)
}

/// The invoice document without the personal data printed on it: the buyer's
/// contact e-mail, and for a consumer (a natural person) the name and
/// address. `None` when nothing is left to redact.
fn redact_invoice_document(document: &str) -> Option<String> {
    let mut value: serde_json::Value = serde_json::from_str(document).ok()?;
    if value
        .get("personal_data_redacted")
        .and_then(serde_json::Value::as_bool)
        == Some(true)
    {
        return None;
    }
    let consumer = value
        .get("buyer_is_consumer")
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false);
    let buyer = value.get_mut("buyer")?.as_object_mut()?;
    let mut changed = false;
    if buyer.get("email").is_some_and(|e| !e.is_null()) {
        buyer.insert("email".into(), serde_json::Value::Null);
        changed = true;
    }
    if consumer {
        for (field, erased) in [
            ("name", "Erased"),
            ("street", ""),
            ("postal_code", ""),
            ("city", ""),
        ] {
            if buyer
                .get(field)
                .and_then(serde_json::Value::as_str)
                .is_some_and(|v| v != erased)
            {
                buyer.insert(field.into(), serde_json::Value::String(erased.into()));
                changed = true;
            }
        }
    }
    if !changed {
        return None;
    }
    // The storage trigger lets an issued invoice change only this way, marked.
    value.as_object_mut()?.insert(
        "personal_data_redacted".into(),
        serde_json::Value::Bool(true),
    );
    Some(value.to_string())
}

/// Reviews the prospects at `now`; in `Apply` mode erases those due.
pub fn review_prospects(
    conn: &mut DbConnection,
    now: DateTime<Utc>,
    mode: Mode,
) -> Result<Vec<RetentionStep>, ApiError> {
    let mut steps = Vec::new();
    for prospect in prospects::all(conn)? {
        let relationship = Relationship::Prospect {
            last_interaction_at: prospect.last_interaction_at,
            not_interested_at: prospect.not_interested_at,
        };
        let decision = decide(&relationship, now);
        if !decision.erase_now {
            continue;
        }
        let mut s = step(
            "erase_prospect",
            Profile::Prospect,
            "prospect",
            prospect.id,
            None,
            decision.erase_from,
            &decision.reason,
        );
        s.tables = vec![TableCount {
            table: "prospects".into(),
            rows: 1,
        }];
        if mode == Mode::Apply {
            // "Not interested": what remains is the keyed hash that keeps
            // them from being added or contacted again (written when it was
            // recorded; again here for records marked another way).
            if prospect.not_interested_at.is_some() {
                crate::routes::operator::prospects::suppress(conn, &prospect, now)?;
            }
            let n = prospects::delete(conn, prospect.id)?;
            log_erasure(
                conn,
                now,
                Profile::Prospect,
                None,
                "prospect",
                &[("prospects", n)],
                "retention schedule",
            )?;
            Audit::new("retention.prospect_erased", ("system", None), now)
                .target("prospect", prospect.id)
                .write(conn)?;
        }
        steps.push(s);
    }
    Ok(steps)
}

/// Everything the next sweep would do at `now`, without doing it.
pub fn dry_run(
    conn: &mut DbConnection,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<Vec<RetentionStep>, ApiError> {
    let mut steps = Vec::new();
    for tenant in tenants::all_ids_for_jobs(conn)? {
        steps.extend(review_tenant(conn, settings, tenant, now, Mode::DryRun)?);
    }
    steps.extend(review_prospects(conn, now, Mode::DryRun)?);
    Ok(steps)
}

/// The person a user account is (for requests and erasure).
pub fn person_of(user: &users::User) -> Person {
    Person {
        account: Some((user.tenant_id, user.id)),
        email: user.email.clone(),
    }
}

/// The user with this id in this tenant, as a person.
pub fn person(
    conn: &mut DbConnection,
    tenant: TenantId,
    user: UserId,
) -> Result<Option<Person>, ApiError> {
    Ok(users::find(conn, tenant, user)?.map(|u| person_of(&u)))
}
