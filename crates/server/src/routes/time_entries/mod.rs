//! Time entries (Module::Projects): who worked how long on which project
//! (and task), billable or not. Billed entries no longer change.

pub mod create;
pub mod delete;
pub mod get;
pub mod list;
pub mod update;

use ecom_domain::work::timesheet::parse_minutes;
use ecom_domain::work::{ProjectId, TaskId};
use ecom_domain::TenantId;
use ecom_storage::work::projects::{self, TimeEntry};
use ecom_storage::DbConnection;
use ecom_types::work::{TimeEntryRequest, TimeEntryView};

use crate::auth::TenantCaller;
use crate::error::{ApiError, FieldChecks};
use crate::work::{check_user, required_text};

pub fn view(e: &TimeEntry) -> TimeEntryView {
    TimeEntryView {
        id: e.id.0,
        project_id: e.project_id.0,
        task_id: e.task_id.map(|t| t.0),
        user_id: e.user_id.0,
        date: e.date,
        minutes: e.minutes,
        description: e.description.clone(),
        billable: e.billable,
        billed_at: e.billed_at,
        invoice_reference: e.invoice_reference.clone(),
        created_at: e.created_at,
        updated_at: e.updated_at,
    }
}

/// Validated entry fields written onto `into`.
pub fn apply(
    conn: &mut DbConnection,
    caller: &TenantCaller,
    body: &TimeEntryRequest,
    into: &mut TimeEntry,
) -> Result<(), ApiError> {
    let tenant: TenantId = caller.tenant;
    let mut checks = FieldChecks::default();
    let project = ProjectId(body.project_id);
    let project_ok = projects::find_project(conn, tenant, project)?.is_some();
    if !project_ok {
        checks.push(
            "project_id",
            "unknown_project",
            "no project with that id exists in your account",
        );
    }
    let task = match body.task_id {
        Some(t) => match projects::find_task(conn, tenant, TaskId(t))? {
            Some(task) if task.project_id == project => Some(Some(task.id)),
            Some(_) => {
                checks.push(
                    "task_id",
                    "task_of_another_project",
                    "that task belongs to another project",
                );
                None
            }
            None => {
                checks.push(
                    "task_id",
                    "unknown_task",
                    "no task with that id exists in your account",
                );
                None
            }
        },
        None => Some(None),
    };
    let user = check_user(
        conn,
        &mut checks,
        tenant,
        "user_id",
        Some(body.user_id.unwrap_or(caller.user.0)),
    )?;
    let minutes = checks.check("minutes", parse_minutes(body.minutes));
    let description = checks.check(
        "description",
        required_text(&body.description, "the description", 2000),
    );
    checks.finish()?;
    match (task, user, minutes, description) {
        (Some(task), Some(user), Some(minutes), Some(description)) => {
            into.project_id = project;
            into.task_id = task;
            into.user_id = user;
            into.date = body.date;
            into.minutes = minutes;
            into.description = description;
            into.billable = body.billable;
            Ok(())
        }
        _ => Err(ApiError::Internal(
            "time entry validation passed with a missing field".into(),
        )),
    }
}

/// 409 for a change to an invoiced entry.
pub fn already_billed() -> ApiError {
    ApiError::Conflict {
        code: "already_billed",
        detail: "this time entry is on an invoice and can no longer change; correct the invoice with a credit note instead".into(),
        field: None,
    }
}
