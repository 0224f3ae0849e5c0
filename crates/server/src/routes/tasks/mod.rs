//! Tasks of a project (Module::Projects): assignee, due date, status.

pub mod create;
pub mod delete;
pub mod get;
pub mod list;
pub mod update;

use chrono::{DateTime, Utc};
use ecom_domain::account::parse_text;
use ecom_domain::calendar::belgian_date;
use ecom_domain::TenantId;
use ecom_storage::work::projects::Task;
use ecom_storage::DbConnection;
use ecom_types::work::{TaskRequest, TaskView};

use crate::error::{ApiError, FieldChecks};
use crate::work::{check_choice, check_user, optional_text};

pub const STATUSES: [&str; 3] = ["todo", "in_progress", "done"];

/// Past its due day (Belgian calendar) and not done.
pub fn is_overdue(task: &Task, now: DateTime<Utc>) -> bool {
    task.status != "done" && task.due_date.is_some_and(|due| due < belgian_date(now))
}

pub fn view(t: &Task, now: DateTime<Utc>) -> TaskView {
    TaskView {
        id: t.id.0,
        project_id: t.project_id.0,
        title: t.title.clone(),
        description: t.description.clone(),
        assignee_id: t.assignee_id.map(|u| u.0),
        due_date: t.due_date,
        status: t.status.clone(),
        overdue: is_overdue(t, now),
        created_at: t.created_at,
        updated_at: t.updated_at,
    }
}

/// Validated task fields written onto `into`.
pub fn apply(
    conn: &mut DbConnection,
    tenant: TenantId,
    body: &TaskRequest,
    into: &mut Task,
) -> Result<(), ApiError> {
    let mut checks = FieldChecks::default();
    let title = checks.check("title", parse_text(&body.title, "the title", 200));
    let description = checks.check(
        "description",
        optional_text(body.description.as_deref(), "the description", 5000),
    );
    let assignee = check_user(conn, &mut checks, tenant, "assignee_id", body.assignee_id)?;
    let status = check_choice(
        &mut checks,
        "status",
        body.status.as_deref().unwrap_or("todo"),
        &STATUSES,
    );
    checks.finish()?;
    match (title, description, status) {
        (Some(title), Some(description), Some(status)) => {
            into.title = title;
            into.description = description;
            into.assignee_id = assignee;
            into.due_date = body.due_date;
            into.status = status;
            Ok(())
        }
        _ => Err(ApiError::Internal(
            "task validation passed with a missing field".into(),
        )),
    }
}
