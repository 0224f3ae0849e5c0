//! Projects, their tasks and the time booked on them.

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use ecom_domain::money::{from_cents, to_cents};
use ecom_domain::work::{ProjectId, TaskId, TimeEntryId};
use ecom_domain::{CompanyId, ContactId, TenantId, UserId};
use rust_decimal::Decimal;

use super::{opt_uuid, search_text, ListPage};
use crate::convert::{from_db, from_db_opt, id_text, parse_uuid, to_db};
use crate::listing::{keyset, After, SortValue};
use crate::schema_work::{project_tasks as tk, projects as pj, time_entries as te};
use crate::{DbConnection, StorageError, StorageResult};

/// A stored project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    pub id: ProjectId,
    pub name: String,
    pub description: Option<String>,
    pub company_id: Option<CompanyId>,
    pub contact_id: Option<ContactId>,
    pub status: String,
    pub budget_hours: Option<Decimal>,
    pub hourly_rate: Decimal,
    pub vat_rate: Decimal,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = pj)]
struct ProjectRow {
    id: String,
    name: String,
    description: Option<String>,
    company_id: Option<String>,
    contact_id: Option<String>,
    status: String,
    budget_hours: Option<String>,
    hourly_rate_cents: i64,
    vat_rate: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

fn decimal(text: &str) -> StorageResult<Decimal> {
    Decimal::from_str(text).map_err(|e| StorageError::Corrupt(format!("decimal {text:?}: {e}")))
}

fn cents(amount: Decimal) -> StorageResult<i64> {
    to_cents(amount).ok_or_else(|| StorageError::Corrupt(format!("amount out of range: {amount}")))
}

impl ProjectRow {
    fn into_record(self) -> StorageResult<Project> {
        Ok(Project {
            id: ProjectId(parse_uuid(&self.id)?),
            name: self.name,
            description: self.description,
            company_id: opt_uuid(self.company_id)?.map(CompanyId),
            contact_id: opt_uuid(self.contact_id)?.map(ContactId),
            status: self.status,
            budget_hours: self.budget_hours.as_deref().map(decimal).transpose()?,
            hourly_rate: from_cents(self.hourly_rate_cents),
            vat_rate: decimal(&self.vat_rate)?,
            created_at: from_db(self.created_at),
            updated_at: from_db(self.updated_at),
        })
    }
}

pub fn insert_project(conn: &mut DbConnection, tenant: TenantId, p: &Project) -> StorageResult<()> {
    diesel::insert_into(pj::table)
        .values((
            pj::id.eq(id_text(p.id.0)),
            pj::tenant_id.eq(id_text(tenant.0)),
            pj::name.eq(&p.name),
            pj::description.eq(&p.description),
            pj::company_id.eq(p.company_id.map(|c| id_text(c.0))),
            pj::contact_id.eq(p.contact_id.map(|c| id_text(c.0))),
            pj::status.eq(&p.status),
            pj::budget_hours.eq(p.budget_hours.map(|h| h.to_string())),
            pj::hourly_rate_cents.eq(cents(p.hourly_rate)?),
            pj::vat_rate.eq(p.vat_rate.to_string()),
            pj::created_at.eq(to_db(p.created_at)),
            pj::updated_at.eq(to_db(p.updated_at)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn update_project(conn: &mut DbConnection, tenant: TenantId, p: &Project) -> StorageResult<()> {
    diesel::update(
        pj::table
            .filter(pj::tenant_id.eq(id_text(tenant.0)))
            .filter(pj::id.eq(id_text(p.id.0))),
    )
    .set((
        pj::name.eq(&p.name),
        pj::description.eq(&p.description),
        pj::company_id.eq(p.company_id.map(|c| id_text(c.0))),
        pj::contact_id.eq(p.contact_id.map(|c| id_text(c.0))),
        pj::status.eq(&p.status),
        pj::budget_hours.eq(p.budget_hours.map(|h| h.to_string())),
        pj::hourly_rate_cents.eq(cents(p.hourly_rate)?),
        pj::vat_rate.eq(p.vat_rate.to_string()),
        pj::updated_at.eq(to_db(p.updated_at)),
    ))
    .execute(conn)?;
    Ok(())
}

pub fn find_project(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: ProjectId,
) -> StorageResult<Option<Project>> {
    pj::table
        .filter(pj::tenant_id.eq(id_text(tenant.0)))
        .filter(pj::id.eq(id_text(id.0)))
        .select(ProjectRow::as_select())
        .first(conn)
        .optional()?
        .map(ProjectRow::into_record)
        .transpose()
}

/// Locks the project's row until the caller's transaction ends and reads it
/// afresh: invoicing a project's time and marking it billed decide after
/// the lock. PostgreSQL: `SELECT ... FOR UPDATE`; SQLite: a plain read
/// (`BEGIN IMMEDIATE` serialises writers).
pub fn lock_project(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: ProjectId,
) -> StorageResult<Option<Project>> {
    let query = pj::table
        .filter(pj::tenant_id.eq(id_text(tenant.0)))
        .filter(pj::id.eq(id_text(id.0)));
    // `as_select` is typed per engine: one per arm.
    let row = match conn {
        DbConnection::Pg(pg) => query
            .select(ProjectRow::as_select())
            .for_update()
            .first(pg)
            .optional()?,
        DbConnection::Sqlite(sqlite) => query
            .select(ProjectRow::as_select())
            .first(sqlite)
            .optional()?,
    };
    row.map(ProjectRow::into_record).transpose()
}

/// The tenant's projects, optionally of one status or customer company.
pub fn list_projects(
    conn: &mut DbConnection,
    tenant: TenantId,
    status: Option<&str>,
    company: Option<CompanyId>,
) -> StorageResult<Vec<Project>> {
    let mut query = pj::table
        .filter(pj::tenant_id.eq(id_text(tenant.0)))
        .select(ProjectRow::as_select())
        .into_boxed();
    if let Some(status) = status {
        query = query.filter(pj::status.eq(status.to_owned()));
    }
    if let Some(company) = company {
        query = query.filter(pj::company_id.eq(id_text(company.0)));
    }
    let rows: Vec<ProjectRow> = query.order((pj::name.asc(), pj::id.asc())).load(conn)?;
    rows.into_iter().map(ProjectRow::into_record).collect()
}

/// Deletes the project with its tasks and (unbilled) time entries. The
/// caller refuses first when billed time exists.
pub fn delete_project(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: ProjectId,
) -> StorageResult<bool> {
    let t = id_text(tenant.0);
    let p = id_text(id.0);
    diesel::delete(
        te::table
            .filter(te::tenant_id.eq(&t))
            .filter(te::project_id.eq(&p)),
    )
    .execute(conn)?;
    diesel::delete(
        tk::table
            .filter(tk::tenant_id.eq(&t))
            .filter(tk::project_id.eq(&p)),
    )
    .execute(conn)?;
    let n = diesel::delete(pj::table.filter(pj::tenant_id.eq(&t)).filter(pj::id.eq(&p)))
        .execute(conn)?;
    Ok(n > 0)
}

// ---------------------------------------------------------------- tasks

/// A stored task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub id: TaskId,
    pub project_id: ProjectId,
    pub title: String,
    pub description: Option<String>,
    pub assignee_id: Option<UserId>,
    pub due_date: Option<NaiveDate>,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = tk)]
struct TaskRow {
    id: String,
    project_id: String,
    title: String,
    description: Option<String>,
    assignee_id: Option<String>,
    due_date: Option<NaiveDate>,
    status: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl TaskRow {
    fn into_record(self) -> StorageResult<Task> {
        Ok(Task {
            id: TaskId(parse_uuid(&self.id)?),
            project_id: ProjectId(parse_uuid(&self.project_id)?),
            title: self.title,
            description: self.description,
            assignee_id: opt_uuid(self.assignee_id)?.map(UserId),
            due_date: self.due_date,
            status: self.status,
            created_at: from_db(self.created_at),
            updated_at: from_db(self.updated_at),
        })
    }
}

/// What `q` searches: title and description.
fn task_search_text(t: &Task) -> String {
    search_text(&[Some(&t.title), t.description.as_deref()])
}

pub fn insert_task(conn: &mut DbConnection, tenant: TenantId, t: &Task) -> StorageResult<()> {
    diesel::insert_into(tk::table)
        .values((
            tk::id.eq(id_text(t.id.0)),
            tk::tenant_id.eq(id_text(tenant.0)),
            tk::project_id.eq(id_text(t.project_id.0)),
            tk::title.eq(&t.title),
            tk::title_key.eq(t.title.to_lowercase()),
            tk::search_text.eq(task_search_text(t)),
            tk::description.eq(&t.description),
            tk::assignee_id.eq(t.assignee_id.map(|u| id_text(u.0))),
            tk::due_date.eq(t.due_date),
            tk::status.eq(&t.status),
            tk::created_at.eq(to_db(t.created_at)),
            tk::updated_at.eq(to_db(t.updated_at)),
        ))
        .execute(conn)?;
    Ok(())
}

pub fn update_task(conn: &mut DbConnection, tenant: TenantId, t: &Task) -> StorageResult<()> {
    diesel::update(
        tk::table
            .filter(tk::tenant_id.eq(id_text(tenant.0)))
            .filter(tk::id.eq(id_text(t.id.0))),
    )
    .set((
        tk::title.eq(&t.title),
        tk::title_key.eq(t.title.to_lowercase()),
        tk::search_text.eq(task_search_text(t)),
        tk::description.eq(&t.description),
        tk::assignee_id.eq(t.assignee_id.map(|u| id_text(u.0))),
        tk::due_date.eq(t.due_date),
        tk::status.eq(&t.status),
        tk::updated_at.eq(to_db(t.updated_at)),
    ))
    .execute(conn)?;
    Ok(())
}

pub fn find_task(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: TaskId,
) -> StorageResult<Option<Task>> {
    tk::table
        .filter(tk::tenant_id.eq(id_text(tenant.0)))
        .filter(tk::id.eq(id_text(id.0)))
        .select(TaskRow::as_select())
        .first(conn)
        .optional()?
        .map(TaskRow::into_record)
        .transpose()
}

/// What tasks to list.
#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    pub project: Option<ProjectId>,
    pub assignee: Option<UserId>,
    pub status: Option<String>,
    /// Only tasks due before this day and not done.
    pub due_before: Option<NaiveDate>,
    /// Only tasks that are not overdue on this day: done, without a due
    /// day, or due on it or later.
    pub not_overdue_on: Option<NaiveDate>,
}

pub fn list_tasks(
    conn: &mut DbConnection,
    tenant: TenantId,
    filter: &TaskFilter,
) -> StorageResult<Vec<Task>> {
    let mut query = tk::table
        .filter(tk::tenant_id.eq(id_text(tenant.0)))
        .select(TaskRow::as_select())
        .into_boxed();
    if let Some(project) = filter.project {
        query = query.filter(tk::project_id.eq(id_text(project.0)));
    }
    if let Some(user) = filter.assignee {
        query = query.filter(tk::assignee_id.eq(id_text(user.0)));
    }
    if let Some(status) = &filter.status {
        query = query.filter(tk::status.eq(status.clone()));
    }
    if let Some(day) = filter.due_before {
        query = query
            .filter(tk::due_date.lt(day))
            .filter(tk::status.ne("done"));
    }
    if let Some(day) = filter.not_overdue_on {
        query = query.filter(
            tk::status
                .eq("done")
                .or(tk::due_date.is_null())
                .or(tk::due_date.ge(day)),
        );
    }
    let rows: Vec<TaskRow> = query
        .order((tk::created_at.asc(), tk::id.asc()))
        .load(conn)?;
    rows.into_iter().map(TaskRow::into_record).collect()
}

/// The columns the task lists sort on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskSort {
    /// The due day; tasks without one come last in both directions.
    DueDate,
    /// The title, ignoring case.
    Title,
    CreatedAt,
}

impl TaskSort {
    /// The task's value of this key, as a cursor carries it.
    pub fn value_of(self, t: &Task) -> SortValue {
        match self {
            TaskSort::DueDate => t.due_date.map_or(SortValue::Null, SortValue::Date),
            TaskSort::Title => SortValue::Text(t.title.to_lowercase()),
            TaskSort::CreatedAt => SortValue::time(t.created_at),
        }
    }

    /// Reads a cursor's value (`None` in the cursor is a task without a due
    /// day); `None` when it cannot be one of this key.
    pub fn parse_value(self, raw: Option<&str>) -> Option<SortValue> {
        match (self, raw) {
            (TaskSort::DueDate, None) => Some(SortValue::Null),
            (TaskSort::DueDate, Some(raw)) => SortValue::parse_date(raw),
            (TaskSort::Title, Some(raw)) => SortValue::parse_text(raw),
            (TaskSort::CreatedAt, Some(raw)) => SortValue::parse_time(raw),
            (_, None) => None,
        }
    }
}

/// One page of the tenant's tasks matching `filter`: searched (title and
/// description), ordered by the sort column then id, after `page.after`; at
/// most `page.limit + 1` rows. By due day, the tasks with one come first
/// and those without follow (by id), in both directions: two queries, each
/// served by the (tenant, due day, id) index.
pub fn list_tasks_page(
    conn: &mut DbConnection,
    tenant: TenantId,
    filter: &TaskFilter,
    page: &ListPage<TaskSort>,
) -> StorageResult<Vec<Task>> {
    let pattern = page.pattern();
    let base = || {
        let mut query = tk::table
            .filter(tk::tenant_id.eq(id_text(tenant.0)))
            .select(TaskRow::as_select())
            .into_boxed();
        if let Some(project) = filter.project {
            query = query.filter(tk::project_id.eq(id_text(project.0)));
        }
        if let Some(user) = filter.assignee {
            query = query.filter(tk::assignee_id.eq(id_text(user.0)));
        }
        if let Some(status) = &filter.status {
            query = query.filter(tk::status.eq(status.clone()));
        }
        if let Some(day) = filter.due_before {
            query = query
                .filter(tk::due_date.lt(day))
                .filter(tk::status.ne("done"));
        }
        if let Some(day) = filter.not_overdue_on {
            query = query.filter(
                tk::status
                    .eq("done")
                    .or(tk::due_date.is_null())
                    .or(tk::due_date.ge(day)),
            );
        }
        if let Some(pattern) = &pattern {
            query = query.filter(tk::search_text.like(pattern.clone()).escape('\\'));
        }
        query
    };
    let (descending, fetch) = (page.descending, page.fetch());
    let after = page.after.as_ref();
    let rows: Vec<TaskRow> = match page.sort {
        TaskSort::Title => keyset!(base(), tk::title_key, tk::id, descending, after, Text)
            .limit(fetch)
            .load(conn)?,
        TaskSort::CreatedAt => keyset!(base(), tk::created_at, tk::id, descending, after, Time)
            .limit(fetch)
            .load(conn)?,
        TaskSort::DueDate => {
            let after_undated = match after {
                Some(After {
                    value: SortValue::Null,
                    id,
                }) => Some(id.clone()),
                _ => None,
            };
            let mut rows: Vec<TaskRow> = Vec::new();
            if after_undated.is_none() {
                rows = keyset!(
                    base().filter(tk::due_date.is_not_null()),
                    tk::due_date,
                    tk::id,
                    descending,
                    after,
                    Date
                )
                .limit(fetch)
                .load(conn)?;
            }
            let missing = fetch - i64::try_from(rows.len()).unwrap_or(fetch);
            let valid_after = matches!(
                after.map(|a| &a.value),
                None | Some(SortValue::Date(_) | SortValue::Null)
            );
            if missing > 0 && valid_after {
                let mut undated = base().filter(tk::due_date.is_null());
                if let Some(id) = after_undated {
                    undated = if descending {
                        undated.filter(tk::id.lt(id))
                    } else {
                        undated.filter(tk::id.gt(id))
                    };
                }
                undated = if descending {
                    undated.order(tk::id.desc())
                } else {
                    undated.order(tk::id.asc())
                };
                rows.extend(undated.limit(missing).load::<TaskRow>(conn)?);
            }
            rows
        }
    };
    rows.into_iter().map(TaskRow::into_record).collect()
}

/// Deletes the task; its time entries stay on the project without a task.
pub fn delete_task(conn: &mut DbConnection, tenant: TenantId, id: TaskId) -> StorageResult<bool> {
    let t = id_text(tenant.0);
    diesel::update(
        te::table
            .filter(te::tenant_id.eq(&t))
            .filter(te::task_id.eq(id_text(id.0))),
    )
    .set(te::task_id.eq(None::<String>))
    .execute(conn)?;
    let n = diesel::delete(
        tk::table
            .filter(tk::tenant_id.eq(&t))
            .filter(tk::id.eq(id_text(id.0))),
    )
    .execute(conn)?;
    Ok(n > 0)
}

// ---------------------------------------------------------------- time entries

/// A stored time entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeEntry {
    pub id: TimeEntryId,
    pub project_id: ProjectId,
    pub task_id: Option<TaskId>,
    pub user_id: UserId,
    pub date: NaiveDate,
    pub minutes: i64,
    pub description: String,
    pub billable: bool,
    pub billed_at: Option<DateTime<Utc>>,
    pub invoice_reference: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = te)]
struct EntryRow {
    id: String,
    project_id: String,
    task_id: Option<String>,
    user_id: String,
    entry_date: NaiveDate,
    minutes: i64,
    description: String,
    billable: bool,
    billed_at: Option<NaiveDateTime>,
    invoice_reference: Option<String>,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl EntryRow {
    fn into_record(self) -> StorageResult<TimeEntry> {
        Ok(TimeEntry {
            id: TimeEntryId(parse_uuid(&self.id)?),
            project_id: ProjectId(parse_uuid(&self.project_id)?),
            task_id: opt_uuid(self.task_id)?.map(TaskId),
            user_id: UserId(parse_uuid(&self.user_id)?),
            date: self.entry_date,
            minutes: self.minutes,
            description: self.description,
            billable: self.billable,
            billed_at: from_db_opt(self.billed_at),
            invoice_reference: self.invoice_reference,
            created_at: from_db(self.created_at),
            updated_at: from_db(self.updated_at),
        })
    }
}

pub fn insert_entry(conn: &mut DbConnection, tenant: TenantId, e: &TimeEntry) -> StorageResult<()> {
    diesel::insert_into(te::table)
        .values((
            te::id.eq(id_text(e.id.0)),
            te::tenant_id.eq(id_text(tenant.0)),
            te::project_id.eq(id_text(e.project_id.0)),
            te::task_id.eq(e.task_id.map(|t| id_text(t.0))),
            te::user_id.eq(id_text(e.user_id.0)),
            te::entry_date.eq(e.date),
            te::minutes.eq(e.minutes),
            te::description.eq(&e.description),
            te::search_text.eq(search_text(&[Some(&e.description)])),
            te::billable.eq(e.billable),
            te::billed_at.eq(e.billed_at.map(to_db)),
            te::invoice_reference.eq(&e.invoice_reference),
            te::created_at.eq(to_db(e.created_at)),
            te::updated_at.eq(to_db(e.updated_at)),
        ))
        .execute(conn)?;
    Ok(())
}

/// Updates an unbilled entry; false when it is billed (or gone).
pub fn update_entry(
    conn: &mut DbConnection,
    tenant: TenantId,
    e: &TimeEntry,
) -> StorageResult<bool> {
    let n = diesel::update(
        te::table
            .filter(te::tenant_id.eq(id_text(tenant.0)))
            .filter(te::id.eq(id_text(e.id.0)))
            .filter(te::billed_at.is_null()),
    )
    .set((
        te::project_id.eq(id_text(e.project_id.0)),
        te::task_id.eq(e.task_id.map(|t| id_text(t.0))),
        te::user_id.eq(id_text(e.user_id.0)),
        te::entry_date.eq(e.date),
        te::minutes.eq(e.minutes),
        te::description.eq(&e.description),
        te::search_text.eq(search_text(&[Some(&e.description)])),
        te::billable.eq(e.billable),
        te::updated_at.eq(to_db(e.updated_at)),
    ))
    .execute(conn)?;
    Ok(n > 0)
}

pub fn find_entry(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: TimeEntryId,
) -> StorageResult<Option<TimeEntry>> {
    te::table
        .filter(te::tenant_id.eq(id_text(tenant.0)))
        .filter(te::id.eq(id_text(id.0)))
        .select(EntryRow::as_select())
        .first(conn)
        .optional()?
        .map(EntryRow::into_record)
        .transpose()
}

/// What entries to list.
#[derive(Debug, Clone, Default)]
pub struct EntryFilter {
    pub project: Option<ProjectId>,
    pub task: Option<TaskId>,
    pub user: Option<UserId>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub billable: Option<bool>,
    pub billed: Option<bool>,
}

/// Applies an [`EntryFilter`] to a boxed time entry query (the full list
/// and the keyset page share it).
macro_rules! entry_filters {
    ($query:expr, $f:expr) => {{
        let (mut query, f) = ($query, $f);
        if let Some(p) = f.project {
            query = query.filter(te::project_id.eq(id_text(p.0)));
        }
        if let Some(t) = f.task {
            query = query.filter(te::task_id.eq(id_text(t.0)));
        }
        if let Some(u) = f.user {
            query = query.filter(te::user_id.eq(id_text(u.0)));
        }
        if let Some(from) = f.from {
            query = query.filter(te::entry_date.ge(from));
        }
        if let Some(to) = f.to {
            query = query.filter(te::entry_date.le(to));
        }
        if let Some(b) = f.billable {
            query = query.filter(te::billable.eq(b));
        }
        match f.billed {
            Some(true) => query = query.filter(te::billed_at.is_not_null()),
            Some(false) => query = query.filter(te::billed_at.is_null()),
            None => {}
        }
        query
    }};
}

/// Entries by date, then id.
pub fn list_entries(
    conn: &mut DbConnection,
    tenant: TenantId,
    f: &EntryFilter,
) -> StorageResult<Vec<TimeEntry>> {
    let mut query = te::table
        .filter(te::tenant_id.eq(id_text(tenant.0)))
        .select(EntryRow::as_select())
        .into_boxed();
    query = entry_filters!(query, f);
    let rows: Vec<EntryRow> = query
        .order((te::entry_date.asc(), te::id.asc()))
        .load(conn)?;
    rows.into_iter().map(EntryRow::into_record).collect()
}

/// The columns the time entry list sorts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntrySort {
    Date,
    Minutes,
    CreatedAt,
}

impl EntrySort {
    /// The entry's value of this key, as a cursor carries it.
    pub fn value_of(self, e: &TimeEntry) -> SortValue {
        match self {
            EntrySort::Date => SortValue::Date(e.date),
            EntrySort::Minutes => SortValue::Number(e.minutes),
            EntrySort::CreatedAt => SortValue::time(e.created_at),
        }
    }

    /// Reads a cursor's value; `None` when it cannot be one of this key.
    pub fn parse_value(self, raw: &str) -> Option<SortValue> {
        match self {
            EntrySort::Date => SortValue::parse_date(raw),
            EntrySort::Minutes => SortValue::parse_number(raw),
            EntrySort::CreatedAt => SortValue::parse_time(raw),
        }
    }
}

/// One page of the tenant's time entries matching `f`: searched
/// (description), ordered by the sort column then id, after `page.after`;
/// at most `page.limit + 1` rows.
pub fn list_entries_page(
    conn: &mut DbConnection,
    tenant: TenantId,
    f: &EntryFilter,
    page: &ListPage<EntrySort>,
) -> StorageResult<Vec<TimeEntry>> {
    let mut query = te::table
        .filter(te::tenant_id.eq(id_text(tenant.0)))
        .select(EntryRow::as_select())
        .into_boxed();
    query = entry_filters!(query, f);
    if let Some(pattern) = page.pattern() {
        query = query.filter(te::search_text.like(pattern).escape('\\'));
    }
    let after = page.after.as_ref();
    query = match page.sort {
        EntrySort::Date => keyset!(query, te::entry_date, te::id, page.descending, after, Date),
        EntrySort::Minutes => keyset!(query, te::minutes, te::id, page.descending, after, Number),
        EntrySort::CreatedAt => {
            keyset!(query, te::created_at, te::id, page.descending, after, Time)
        }
    };
    let rows: Vec<EntryRow> = query.limit(page.fetch()).load(conn)?;
    rows.into_iter().map(EntryRow::into_record).collect()
}

/// Deletes an unbilled entry; false when it is billed or gone.
pub fn delete_entry(
    conn: &mut DbConnection,
    tenant: TenantId,
    id: TimeEntryId,
) -> StorageResult<bool> {
    let n = diesel::delete(
        te::table
            .filter(te::tenant_id.eq(id_text(tenant.0)))
            .filter(te::id.eq(id_text(id.0)))
            .filter(te::billed_at.is_null()),
    )
    .execute(conn)?;
    Ok(n > 0)
}

/// Marks the project's billable, unbilled entries `ids` as billed on
/// `reference`. Returns how many changed: fewer than `ids.len()` means some
/// were already billed (or not billable, or of another project), and the
/// caller must roll back.
pub fn mark_billed(
    conn: &mut DbConnection,
    tenant: TenantId,
    project: ProjectId,
    ids: &[TimeEntryId],
    reference: &str,
    now: DateTime<Utc>,
) -> StorageResult<usize> {
    let texts: Vec<String> = ids.iter().map(|i| id_text(i.0)).collect();
    let mut changed = 0;
    for chunk in texts.chunks(500) {
        changed += diesel::update(
            te::table
                .filter(te::tenant_id.eq(id_text(tenant.0)))
                .filter(te::project_id.eq(id_text(project.0)))
                .filter(te::id.eq_any(chunk))
                .filter(te::billable.eq(true))
                .filter(te::billed_at.is_null()),
        )
        .set((
            te::billed_at.eq(Some(to_db(now))),
            te::invoice_reference.eq(Some(reference)),
            te::updated_at.eq(to_db(now)),
        ))
        .execute(conn)?;
    }
    Ok(changed)
}
