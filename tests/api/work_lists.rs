//! The work modules' lists (calls, time entries, calendar events, tasks) are
//! searched, sorted and paged by the database: walking every page of every
//! documented sort, both directions, yields each row once, in the order of
//! sorting the full set here; `q` narrows case-insensitively and literally
//! (`%` and `_` are no wildcards); filters and the null due days hold
//! across pages.

use std::cmp::Ordering;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use ecom_domain::work::{CallId, EventId, TaskId, TimeEntryId};
use ecom_domain::{TenantId, UserId};
use ecom_storage::work::calendar::{self, Event};
use ecom_storage::work::calls::{self, Call};
use ecom_storage::work::projects::{self, Task, TimeEntry};
use ecom_tests::{email, expect_json, expect_problem, TestApp};
use ecom_types::page::Page;
use ecom_types::work::*;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use serde_json::json;
use uuid::Uuid;

const ROWS: usize = 120;
/// The search text, URL-encoded: `50%_off`.
const Q: &str = "50%25_off";

/// Notes and descriptions: every tenth row holds `50%_OFF` (upper case);
/// others hold texts a `50%_off` pattern with wildcards would match.
fn magic(i: usize) -> Option<String> {
    match i % 10 {
        0 => Some(format!("Deal 50%_OFF agreed ({i})")),
        5 => Some("deal 50%xoff, 50 big off, 50_%off".to_owned()),
        3 | 6 | 9 => None,
        _ => Some(format!("row {i}")),
    }
}

fn searched(i: usize) -> bool {
    i % 10 == 0
}

/// Every page of `path` with `limit`: the ids in the order served.
async fn walk<T: DeserializeOwned>(
    app: &TestApp,
    token: &str,
    path: &str,
    limit: usize,
    id: impl Fn(&T) -> Uuid,
) -> Vec<Uuid> {
    let sep = if path.contains('?') { '&' } else { '?' };
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..200 {
        let url = match &cursor {
            Some(c) => format!("{path}{sep}limit={limit}&cursor={c}"),
            None => format!("{path}{sep}limit={limit}"),
        };
        let page: Page<T> = expect_json(app.get(&url, Some(token)).await, StatusCode::OK).await;
        assert!(page.items.len() <= limit, "{url}: a page too long");
        ids.extend(page.items.iter().map(&id));
        match page.next_cursor {
            Some(next) => {
                assert_eq!(
                    page.items.len(),
                    limit,
                    "{url}: a short page before the end"
                );
                cursor = Some(next);
            }
            None => return ids,
        }
    }
    panic!("{path}: the cursor never ended");
}

/// The ids of `rows` sorted by `key` then id, in the direction; a `None`
/// key comes last in both directions.
fn sorted<R, K: Ord>(
    rows: &[&R],
    key: impl Fn(&R) -> Option<K>,
    id: impl Fn(&R) -> Uuid,
    descending: bool,
) -> Vec<Uuid> {
    let mut keyed: Vec<(Option<K>, Uuid)> = rows.iter().map(|r| (key(r), id(r))).collect();
    keyed.sort_by(|a, b| match (&a.0, &b.0) {
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
        _ => {
            let order = a.0.cmp(&b.0).then(a.1.cmp(&b.1));
            if descending {
                order.reverse()
            } else {
                order
            }
        }
    });
    keyed.into_iter().map(|(_, id)| id).collect()
}

fn assert_no_repeats(ids: &[Uuid], what: &str) {
    let mut unique = ids.to_vec();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{what}: a row served twice");
}

/// Walks `path` with `sort` in both directions and with `limit`, against
/// sorting `rows` by `key` here.
#[allow(clippy::too_many_arguments)]
async fn check_sort<T: DeserializeOwned, R, K: Ord>(
    app: &TestApp,
    token: &str,
    path: &str,
    sort: &str,
    limit: usize,
    rows: &[&R],
    key: impl Fn(&R) -> Option<K> + Copy,
    id: impl Fn(&R) -> Uuid + Copy,
    view_id: impl Fn(&T) -> Uuid + Copy,
) {
    for descending in [false, true] {
        let sign = if descending { "-" } else { "" };
        let sep = if path.contains('?') { '&' } else { '?' };
        let url = format!("{path}{sep}sort={sign}{sort}");
        let served = walk(app, token, &url, limit, view_id).await;
        assert_no_repeats(&served, &url);
        assert_eq!(served, sorted(rows, key, id, descending), "{url}");
    }
}

async fn refuses_bad_cursors(app: &TestApp, token: &str, path: &str, other_sort: &str) {
    let sep = if path.contains('?') { '&' } else { '?' };
    let first: Page<serde_json::Value> = expect_json(
        app.get(
            &format!("{path}{sep}limit=2&sort={other_sort}"),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let cursor = first.next_cursor.expect("a next page");
    // A cursor made for another sort order, and a mangled one.
    for bad in [cursor.as_str(), "bm90LWEtY3Vyc29y", "!!"] {
        expect_problem(
            app.get(&format!("{path}{sep}limit=2&cursor={bad}"), Some(token))
                .await,
            StatusCode::BAD_REQUEST,
            "invalid_cursor",
        )
        .await;
    }
}

#[tokio::test]
async fn calls_are_paged_sorted_and_searched_by_the_database() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let token = admin.access.as_str();
    let tenant = TenantId(admin.tenant_id);
    let base: DateTime<Utc> = "2026-11-02T08:00:00Z".parse().unwrap();
    let rows: Vec<Call> = (0..ROWS)
        .map(|i| Call {
            id: CallId(Uuid::new_v4()),
            number: format!("+3247012{i:04}"),
            direction: if i % 2 == 0 { "inbound" } else { "outbound" }.into(),
            // Pairs share a start, many share a duration: ids break the ties.
            started_at: base + Duration::minutes(i as i64 / 2),
            duration_seconds: ((i * 37) % 11) as i64,
            outcome: "answered".into(),
            notes: magic(i),
            contact_id: None,
            user_id: UserId(admin.user_id),
            created_at: base,
            updated_at: base,
        })
        .collect();
    {
        let mut conn = app.database.get().expect("a connection");
        for call in &rows {
            calls::insert(&mut conn, tenant, call).expect("call inserted");
        }
    }
    let all: Vec<&Call> = rows.iter().collect();
    let id = |c: &Call| c.id.0;
    let view_id = |v: &CallView| v.id;
    for limit in [7, 50] {
        check_sort(
            &app,
            token,
            "/api/v1/calls",
            "started_at",
            limit,
            &all,
            |c: &Call| Some(c.started_at),
            id,
            view_id,
        )
        .await;
        check_sort(
            &app,
            token,
            "/api/v1/calls",
            "duration_seconds",
            limit,
            &all,
            |c: &Call| Some(c.duration_seconds),
            id,
            view_id,
        )
        .await;
    }
    // The default order is the newest first.
    let served = walk(&app, token, "/api/v1/calls", 9, view_id).await;
    assert_eq!(
        served,
        sorted(&all, |c: &Call| Some(c.started_at), id, true)
    );

    // `q` searches notes (case-insensitively, literally) and the number.
    let hits: Vec<&Call> = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| searched(*i))
        .map(|(_, c)| c)
        .collect();
    assert_eq!(hits.len(), ROWS / 10);
    check_sort(
        &app,
        token,
        &format!("/api/v1/calls?q={Q}"),
        "duration_seconds",
        4,
        &hits,
        |c: &Call| Some(c.duration_seconds),
        id,
        view_id,
    )
    .await;
    let by_number = walk(&app, token, "/api/v1/calls?q=%2B32470120042", 5, view_id).await;
    assert_eq!(by_number, vec![rows[42].id.0]);
    // A filter and the search together, across pages.
    let inbound: Vec<&Call> = hits
        .iter()
        .copied()
        .filter(|c| c.direction == "inbound")
        .collect();
    let served = walk(
        &app,
        token,
        &format!("/api/v1/calls?direction=inbound&q={Q}&sort=started_at"),
        2,
        view_id,
    )
    .await;
    assert_eq!(
        served,
        sorted(&inbound, |c: &Call| Some(c.started_at), id, false)
    );

    refuses_bad_cursors(&app, token, "/api/v1/calls", "duration_seconds").await;
}

#[tokio::test]
async fn time_entries_are_paged_sorted_and_searched_by_the_database() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let token = admin.access.as_str();
    let tenant = TenantId(admin.tenant_id);
    let project: ProjectView = expect_json(
        app.post(
            "/api/v1/projects",
            Some(token),
            &json!({ "name": "Website", "hourly_rate": "72.50" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let other: ProjectView = expect_json(
        app.post(
            "/api/v1/projects",
            Some(token),
            &json!({ "name": "Shop", "hourly_rate": "60" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let base: DateTime<Utc> = "2026-11-02T08:00:00.250Z".parse().unwrap();
    let day0 = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
    let rows: Vec<TimeEntry> = (0..ROWS)
        .map(|i| TimeEntry {
            id: TimeEntryId(Uuid::new_v4()),
            project_id: ecom_domain::work::ProjectId(if i % 4 == 0 {
                other.id
            } else {
                project.id
            }),
            task_id: None,
            user_id: UserId(admin.user_id),
            date: day0 + Duration::days(i as i64 / 3),
            minutes: ((i * 13) % 9) as i64 * 15 + 15,
            description: magic(i).unwrap_or_else(|| format!("Work {i}")),
            billable: true,
            billed_at: None,
            invoice_reference: None,
            created_at: base + Duration::seconds((i % 17) as i64),
            updated_at: base,
        })
        .collect();
    {
        let mut conn = app.database.get().expect("a connection");
        for entry in &rows {
            projects::insert_entry(&mut conn, tenant, entry).expect("entry inserted");
        }
    }
    let all: Vec<&TimeEntry> = rows.iter().collect();
    let id = |e: &TimeEntry| e.id.0;
    let view_id = |v: &TimeEntryView| v.id;
    let path = "/api/v1/time-entries";
    check_sort(
        &app,
        token,
        path,
        "date",
        7,
        &all,
        |e: &TimeEntry| Some(e.date),
        id,
        view_id,
    )
    .await;
    check_sort(
        &app,
        token,
        path,
        "minutes",
        7,
        &all,
        |e: &TimeEntry| Some(e.minutes),
        id,
        view_id,
    )
    .await;
    check_sort(
        &app,
        token,
        path,
        "created_at",
        7,
        &all,
        |e: &TimeEntry| Some(e.created_at),
        id,
        view_id,
    )
    .await;
    let served = walk(&app, token, path, 11, view_id).await;
    assert_eq!(
        served,
        sorted(&all, |e: &TimeEntry| Some(e.date), id, false)
    );

    let hits: Vec<&TimeEntry> = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| searched(*i))
        .map(|(_, e)| e)
        .collect();
    check_sort(
        &app,
        token,
        &format!("{path}?q={Q}"),
        "minutes",
        5,
        &hits,
        |e: &TimeEntry| Some(e.minutes),
        id,
        view_id,
    )
    .await;
    // The project filter and a date range, across pages.
    let to = day0 + Duration::days(20);
    let in_range: Vec<&TimeEntry> = rows
        .iter()
        .filter(|e| e.project_id.0 == project.id && e.date <= to)
        .collect();
    let served = walk(
        &app,
        token,
        &format!("{path}?project={}&to={to}", project.id),
        6,
        view_id,
    )
    .await;
    assert_eq!(
        served,
        sorted(&in_range, |e: &TimeEntry| Some(e.date), id, false)
    );

    refuses_bad_cursors(&app, token, path, "minutes").await;
}

#[tokio::test]
async fn calendar_events_are_paged_sorted_and_searched_by_the_database() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let token = admin.access.as_str();
    let tenant = TenantId(admin.tenant_id);
    let base: DateTime<Utc> = "2026-11-02T08:00:00Z".parse().unwrap();
    let rows: Vec<Event> = (0..ROWS)
        .map(|i| {
            let starts_at = base + Duration::hours(i as i64 / 2);
            Event {
                id: EventId(Uuid::new_v4()),
                // Upper and lower case of the same titles: the title sort ignores case.
                title: format!(
                    "{} meeting {:03}",
                    if i % 3 == 0 { "BOARD" } else { "board" },
                    i % 45
                ),
                description: if i % 2 == 0 { magic(i) } else { None },
                location: if i % 2 == 1 {
                    magic(i)
                } else {
                    Some("Gent".into())
                },
                all_day: false,
                starts_at,
                ends_at: starts_at + Duration::minutes(30),
                contact_id: None,
                company_id: None,
                attendees: if i % 3 == 1 {
                    vec![UserId(admin.user_id)]
                } else {
                    vec![]
                },
                created_by: UserId(admin.user_id),
                created_at: base + Duration::milliseconds((i % 13) as i64 * 1500),
                updated_at: base,
            }
        })
        .collect();
    {
        let mut conn = app.database.get().expect("a connection");
        for event in &rows {
            calendar::insert(&mut conn, tenant, event).expect("event inserted");
        }
    }
    let all: Vec<&Event> = rows.iter().collect();
    let id = |e: &Event| e.id.0;
    let view_id = |v: &EventView| v.id;
    let path = "/api/v1/calendar/events";
    check_sort(
        &app,
        token,
        path,
        "starts_at",
        7,
        &all,
        |e: &Event| Some(e.starts_at),
        id,
        view_id,
    )
    .await;
    check_sort(
        &app,
        token,
        path,
        "title",
        7,
        &all,
        |e: &Event| Some(e.title.to_lowercase()),
        id,
        view_id,
    )
    .await;
    check_sort(
        &app,
        token,
        path,
        "created_at",
        7,
        &all,
        |e: &Event| Some(e.created_at),
        id,
        view_id,
    )
    .await;
    let served = walk(&app, token, path, 8, view_id).await;
    assert_eq!(
        served,
        sorted(&all, |e: &Event| Some(e.starts_at), id, false)
    );

    // `q` searches the description and the location.
    let hits: Vec<&Event> = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| searched(*i))
        .map(|(_, e)| e)
        .collect();
    check_sort(
        &app,
        token,
        &format!("{path}?q={Q}"),
        "title",
        5,
        &hits,
        |e: &Event| Some(e.title.to_lowercase()),
        id,
        view_id,
    )
    .await;
    let titled = walk(
        &app,
        token,
        &format!("{path}?q=BOARD%20MEETING%20007"),
        5,
        view_id,
    )
    .await;
    let expected: Vec<&Event> = rows
        .iter()
        .filter(|e| e.title.to_lowercase() == "board meeting 007")
        .collect();
    assert_eq!(
        titled,
        sorted(&expected, |e: &Event| Some(e.starts_at), id, false)
    );

    // The attendee filter and a time range, across pages.
    let attended: Vec<&Event> = rows.iter().filter(|e| !e.attendees.is_empty()).collect();
    let served = walk(
        &app,
        token,
        &format!("{path}?attendee={}&sort=-starts_at", admin.user_id),
        6,
        view_id,
    )
    .await;
    assert_eq!(
        served,
        sorted(&attended, |e: &Event| Some(e.starts_at), id, true)
    );
    let (from, to) = (base + Duration::hours(10), base + Duration::hours(40));
    let in_range: Vec<&Event> = rows
        .iter()
        .filter(|e| e.ends_at > from && e.starts_at < to)
        .collect();
    let range = format!(
        "{path}?from={}&to={}",
        from.format("%Y-%m-%dT%H:%M:%SZ"),
        to.format("%Y-%m-%dT%H:%M:%SZ")
    );
    let served = walk(&app, token, &range, 6, view_id).await;
    assert_eq!(
        served,
        sorted(&in_range, |e: &Event| Some(e.starts_at), id, false)
    );

    refuses_bad_cursors(&app, token, path, "title").await;
}

#[tokio::test]
async fn tasks_are_paged_with_the_undated_last_in_both_directions() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let token = admin.access.as_str();
    let tenant = TenantId(admin.tenant_id);
    let project: ProjectView = expect_json(
        app.post(
            "/api/v1/projects",
            Some(token),
            &json!({ "name": "Website", "hourly_rate": "72.50" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let other: ProjectView = expect_json(
        app.post(
            "/api/v1/projects",
            Some(token),
            &json!({ "name": "Shop", "hourly_rate": "60" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let today = ecom_domain::calendar::belgian_date(app.clock.now());
    let base: DateTime<Utc> = "2026-11-02T08:00:00Z".parse().unwrap();
    let rows: Vec<Task> = (0..ROWS)
        .map(|i| Task {
            id: TaskId(Uuid::new_v4()),
            project_id: ecom_domain::work::ProjectId(if i % 5 == 2 {
                other.id
            } else {
                project.id
            }),
            title: format!(
                "{} task {:03}",
                if i % 3 == 0 { "ALPHA" } else { "alpha" },
                i % 50
            ),
            description: magic(i),
            assignee_id: None,
            // A quarter without a due day (90 with one: a page of 9 or 10
            // ends exactly on the last dated task).
            due_date: (i % 4 != 0)
                .then(|| today - Duration::days(4) + Duration::days((i % 9) as i64)),
            status: if i % 7 == 0 { "done" } else { "todo" }.into(),
            created_at: base + Duration::seconds((i % 11) as i64),
            updated_at: base,
        })
        .collect();
    {
        let mut conn = app.database.get().expect("a connection");
        for task in &rows {
            projects::insert_task(&mut conn, tenant, task).expect("task inserted");
        }
    }
    let all: Vec<&Task> = rows.iter().collect();
    let id = |t: &Task| t.id.0;
    let view_id = |v: &TaskView| v.id;
    let path = "/api/v1/tasks";
    for limit in [7, 9, 10] {
        check_sort(
            &app,
            token,
            path,
            "due_date",
            limit,
            &all,
            |t: &Task| t.due_date,
            id,
            view_id,
        )
        .await;
    }
    check_sort(
        &app,
        token,
        path,
        "title",
        7,
        &all,
        |t: &Task| Some(t.title.to_lowercase()),
        id,
        view_id,
    )
    .await;
    check_sort(
        &app,
        token,
        path,
        "created_at",
        7,
        &all,
        |t: &Task| Some(t.created_at),
        id,
        view_id,
    )
    .await;
    let served = walk(&app, token, path, 9, view_id).await;
    assert_eq!(served, sorted(&all, |t: &Task| t.due_date, id, false));

    // One project's tasks, searched, across the null boundary.
    let hits: Vec<&Task> = rows
        .iter()
        .enumerate()
        .filter(|(i, t)| searched(*i) && t.project_id.0 == project.id)
        .map(|(_, t)| t)
        .collect();
    assert!(hits.iter().any(|t| t.due_date.is_none()) && hits.iter().any(|t| t.due_date.is_some()));
    check_sort(
        &app,
        token,
        &format!("/api/v1/projects/{}/tasks?q={Q}", project.id),
        "due_date",
        2,
        &hits,
        |t: &Task| t.due_date,
        id,
        view_id,
    )
    .await;

    // Overdue and not overdue split the list, both across pages.
    let overdue = |t: &Task| t.status != "done" && t.due_date.is_some_and(|d| d < today);
    let late: Vec<&Task> = rows.iter().filter(|t| overdue(t)).collect();
    let on_time: Vec<&Task> = rows.iter().filter(|t| !overdue(t)).collect();
    assert!(!late.is_empty() && !on_time.is_empty());
    let served = walk(&app, token, &format!("{path}?overdue=true"), 8, view_id).await;
    assert_eq!(served, sorted(&late, |t: &Task| t.due_date, id, false));
    check_sort(
        &app,
        token,
        &format!("{path}?overdue=false"),
        "due_date",
        8,
        &on_time,
        |t: &Task| t.due_date,
        id,
        view_id,
    )
    .await;
    let done: Vec<&Task> = rows.iter().filter(|t| t.status == "done").collect();
    check_sort(
        &app,
        token,
        &format!("{path}?status=done"),
        "due_date",
        3,
        &done,
        |t: &Task| t.due_date,
        id,
        view_id,
    )
    .await;

    refuses_bad_cursors(&app, token, path, "title").await;
}
