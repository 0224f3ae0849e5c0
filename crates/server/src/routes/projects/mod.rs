//! Projects (Module::Projects): customer, status, budget and rate; the
//! time booked on them, and billable time as invoice-line drafts.

pub mod billable;
pub mod create;
pub mod delete;
pub mod get;
pub mod invoice;
pub mod list;
pub mod mark_billed;
pub mod update;

use ecom_domain::account::parse_text;
use ecom_domain::work::timesheet::{
    hours_label, parse_budget_hours, parse_hourly_rate, parse_vat_rate,
};
use ecom_domain::TenantId;
use ecom_storage::work::projects::{Project, TimeEntry};
use ecom_storage::DbConnection;
use ecom_types::work::{ProjectRequest, ProjectView, TimeTotals};
use rust_decimal::Decimal;

use crate::error::{ApiError, FieldChecks};
use crate::work::{check_choice, check_company, check_contact, optional_text};

pub const STATUSES: [&str; 5] = ["planned", "active", "on_hold", "completed", "cancelled"];

/// Sums the entries' minutes.
pub fn totals<'a>(entries: impl Iterator<Item = &'a TimeEntry>) -> TimeTotals {
    let mut t = TimeTotals::default();
    for e in entries {
        t.total_minutes += e.minutes;
        if e.billable {
            t.billable_minutes += e.minutes;
            if e.billed_at.is_some() {
                t.billed_minutes += e.minutes;
            } else {
                t.unbilled_minutes += e.minutes;
            }
        }
    }
    t.total_hours = hours_label(t.total_minutes);
    t
}

pub fn view(p: &Project, totals: TimeTotals) -> ProjectView {
    ProjectView {
        id: p.id.0,
        name: p.name.clone(),
        description: p.description.clone(),
        company_id: p.company_id.map(|c| c.0),
        contact_id: p.contact_id.map(|c| c.0),
        status: p.status.clone(),
        budget_hours: p.budget_hours,
        hourly_rate: ecom_domain::money::in_cents_scale(p.hourly_rate),
        vat_rate: p.vat_rate,
        totals,
        created_at: p.created_at,
        updated_at: p.updated_at,
    }
}

/// Validated project fields written onto `into`.
pub fn apply(
    conn: &mut DbConnection,
    tenant: TenantId,
    body: &ProjectRequest,
    into: &mut Project,
) -> Result<(), ApiError> {
    let mut checks = FieldChecks::default();
    let name = checks.check("name", parse_text(&body.name, "the project name", 200));
    let description = checks.check(
        "description",
        optional_text(body.description.as_deref(), "the description", 5000),
    );
    let company = check_company(conn, &mut checks, tenant, "company_id", body.company_id)?;
    let contact = check_contact(conn, &mut checks, tenant, "contact_id", body.contact_id)?;
    let status = check_choice(
        &mut checks,
        "status",
        body.status.as_deref().unwrap_or("active"),
        &STATUSES,
    );
    let budget = match body.budget_hours {
        Some(h) => checks
            .check("budget_hours", parse_budget_hours(h))
            .map(Some),
        None => Some(None),
    };
    let rate = checks.check("hourly_rate", parse_hourly_rate(body.hourly_rate));
    let vat = checks.check(
        "vat_rate",
        parse_vat_rate(body.vat_rate.unwrap_or(Decimal::from(21))),
    );
    checks.finish()?;
    match (name, description, status, budget, rate, vat) {
        (Some(name), Some(description), Some(status), Some(budget), Some(rate), Some(vat)) => {
            into.name = name;
            into.description = description;
            into.company_id = company;
            into.contact_id = contact;
            into.status = status;
            into.budget_hours = budget;
            into.hourly_rate = rate;
            into.vat_rate = vat;
            Ok(())
        }
        _ => Err(ApiError::Internal(
            "project validation passed with a missing field".into(),
        )),
    }
}
