//! The work modules: calendar (with the iCalendar feed), projects with tasks,
//! time and billable time, helpdesk tickets with SLA timers, call records
//! with the "call me no more" list; validation, events, audit and tenancy.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use diesel::RunQueryDsl;
use ecom_tests::{email, expect_json, expect_problem, SignedUp, TestApp};
use ecom_types::page::Page;
use ecom_types::work::*;
use reqwest::{Method, Response, StatusCode};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;
use uuid::Uuid;

async fn put(app: &TestApp, path: &str, token: &str, body: &Value) -> Response {
    app.request(Method::PUT, path, Some(token))
        .json(body)
        .send()
        .await
        .expect("request sent")
}

/// A contact (and optionally a company) of the tenant, written straight into
/// the CRM tables this module links to.
fn insert_contact(app: &TestApp, tenant: Uuid, name: &str) -> Uuid {
    use diesel::ExpressionMethods;
    use ecom_storage::schema::contacts;
    let id = Uuid::now_v7();
    let now = Utc::now().naive_utc();
    let mut conn = app.database.get().expect("a connection");
    diesel::insert_into(contacts::table)
        .values((
            contacts::id.eq(id.to_string()),
            contacts::tenant_id.eq(tenant.to_string()),
            contacts::first_name.eq(name),
            contacts::last_name.eq("Claes"),
            contacts::tags.eq("[]"),
            contacts::marketing_consent.eq(false),
            contacts::created_at.eq(now),
            contacts::updated_at.eq(now),
        ))
        .execute(&mut *conn)
        .expect("contact inserted");
    id
}

fn insert_company(app: &TestApp, tenant: Uuid, name: &str) -> Uuid {
    use diesel::ExpressionMethods;
    use ecom_storage::schema::companies;
    let id = Uuid::now_v7();
    let now = Utc::now().naive_utc();
    let mut conn = app.database.get().expect("a connection");
    diesel::insert_into(companies::table)
        .values((
            companies::id.eq(id.to_string()),
            companies::tenant_id.eq(tenant.to_string()),
            companies::name.eq(name),
            companies::tags.eq("[]"),
            companies::created_at.eq(now),
            companies::updated_at.eq(now),
        ))
        .execute(&mut *conn)
        .expect("company inserted");
    id
}

fn event_kinds(app: &TestApp, tenant: Uuid) -> Vec<String> {
    let mut conn = app.database.get().expect("a connection");
    ecom_storage::events::list_for_tenant(&mut conn, ecom_domain::TenantId(tenant), 1000)
        .expect("events")
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

fn audit_actions(app: &TestApp) -> Vec<String> {
    use diesel::QueryDsl;
    let mut conn = app.database.get().expect("a connection");
    ecom_storage::schema::audit_log::table
        .select(ecom_storage::schema::audit_log::action)
        .load(&mut *conn)
        .expect("audit log")
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).expect("decimal")
}

fn field_codes(problem: &ecom_types::Problem) -> Vec<(String, String)> {
    problem
        .errors
        .iter()
        .map(|e| (e.field.clone(), e.code.clone()))
        .collect()
}

// ---------------------------------------------------------------- calendar

#[tokio::test]
async fn events_are_created_listed_by_range_attendee_and_contact_updated_and_deleted() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let (colleague, _) = app.add_user(&admin.access, &email("colleague")).await;
    let contact = insert_contact(&app, admin.tenant_id, "Els");
    let company = insert_company(&app, admin.tenant_id, "Claes NV");
    let token = admin.access.as_str();

    let start: DateTime<Utc> = "2026-12-01T09:00:00Z".parse().unwrap();
    let meeting: EventView = expect_json(
        app.post(
            "/api/v1/calendar/events",
            Some(token),
            &json!({
                "title": "Kick-off", "location": "Gent", "starts_at": start, "ends_at": start + Duration::minutes(90),
                "contact_id": contact, "company_id": company, "attendee_ids": [admin.user_id, colleague, colleague]
            }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(meeting.attendee_ids.len(), 2, "attendees are deduplicated");
    assert_eq!(meeting.start_date, None);
    // All-day on the day Brussels leaves summer time: 25 hours, from local midnight.
    let all_day: EventView = expect_json(
        app.post("/api/v1/calendar/events", Some(token), &json!({ "title": "Team day", "all_day": true, "start_date": "2026-10-25", "attendee_ids": [colleague] }))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        all_day.starts_at,
        "2026-10-24T22:00:00Z".parse::<DateTime<Utc>>().unwrap()
    );
    assert_eq!(
        all_day.ends_at,
        "2026-10-25T23:00:00Z".parse::<DateTime<Utc>>().unwrap()
    );
    assert_eq!(all_day.start_date, NaiveDate::from_ymd_opt(2026, 10, 25));
    assert_eq!(all_day.end_date, NaiveDate::from_ymd_opt(2026, 10, 25));

    // Range: the week of 30 November has the meeting only.
    let week: Page<EventView> = expect_json(
        app.get(
            "/api/v1/calendar/events?from=2026-11-30T00:00:00Z&to=2026-12-07T00:00:00Z",
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        week.items.iter().map(|e| e.id).collect::<Vec<_>>(),
        vec![meeting.id]
    );
    // Half-open: an event ending exactly at `from` is not in the range.
    let after: Page<EventView> = expect_json(
        app.get(
            &format!(
                "/api/v1/calendar/events?from={}",
                (start + Duration::minutes(90))
                    .to_rfc3339()
                    .replace('+', "%2B")
            ),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(after.items.is_empty());
    let mine: Page<EventView> = expect_json(
        app.get(
            &format!("/api/v1/calendar/events?attendee={}", admin.user_id),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(mine.items.len(), 1);
    let theirs: Page<EventView> = expect_json(
        app.get(
            &format!("/api/v1/calendar/events?attendee={colleague}"),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(theirs.items.len(), 2);
    assert_eq!(theirs.items[0].id, all_day.id, "sorted by start");
    let about: Page<EventView> = expect_json(
        app.get(
            &format!("/api/v1/calendar/events?contact={contact}"),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(about.items.len(), 1);
    let paged: Page<EventView> = expect_json(
        app.get("/api/v1/calendar/events?limit=1", Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(paged.items.len(), 1);
    let cursor = paged.next_cursor.expect("a second page");
    let second: Page<EventView> = expect_json(
        app.get(
            &format!("/api/v1/calendar/events?limit=1&cursor={cursor}"),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(second.items[0].id, meeting.id);
    assert!(second.next_cursor.is_none());
    expect_problem(
        app.get("/api/v1/calendar/events?sort=secret", Some(token))
            .await,
        StatusCode::BAD_REQUEST,
        "invalid_sort",
    )
    .await;

    let moved: EventView = expect_json(
        put(&app, &format!("/api/v1/calendar/events/{}", meeting.id), token, &json!({ "title": "Kick-off (moved)", "starts_at": start + Duration::days(1), "ends_at": start + Duration::days(1) + Duration::hours(1) }))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(moved.title, "Kick-off (moved)");
    assert!(moved.attendee_ids.is_empty());
    assert_eq!(moved.contact_id, None);

    let response = app
        .delete(
            &format!("/api/v1/calendar/events/{}", meeting.id),
            Some(token),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    expect_problem(
        app.get(
            &format!("/api/v1/calendar/events/{}", meeting.id),
            Some(token),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let kinds = event_kinds(&app, admin.tenant_id);
    for kind in [
        "calendar_event.created",
        "calendar_event.updated",
        "calendar_event.deleted",
    ] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "{kind} recorded: {kinds:?}"
        );
    }
    assert!(audit_actions(&app).iter().any(|a| a == "event.deleted"));
}

#[tokio::test]
async fn deleting_a_contact_or_company_leaves_events_projects_and_calls_without_it() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let token = admin.access.as_str();
    let contact = insert_contact(&app, admin.tenant_id, "Els");
    let company = insert_company(&app, admin.tenant_id, "Claes NV");
    let start: DateTime<Utc> = "2026-12-01T09:00:00Z".parse().unwrap();
    let event: EventView = expect_json(
        app.post("/api/v1/calendar/events", Some(token), &json!({ "title": "Kick-off", "starts_at": start, "ends_at": start + Duration::hours(1), "contact_id": contact, "company_id": company })).await,
        StatusCode::CREATED,
    )
    .await;
    let project: ProjectView = expect_json(
        app.post(
            "/api/v1/projects",
            Some(token),
            &json!({ "name": "Website", "company_id": company, "contact_id": contact, "hourly_rate": "60.00" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let call: CallView = expect_json(
        app.post("/api/v1/calls", Some(token), &json!({ "number": "0470 12 34 67", "direction": "outbound", "started_at": start, "duration_seconds": 60, "outcome": "answered", "contact_id": contact })).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        (event.contact_id, project.contact_id, call.contact_id),
        (Some(contact), Some(contact), Some(contact))
    );

    let deleted = app
        .request(
            Method::DELETE,
            &format!("/api/v1/contacts/{contact}"),
            Some(token),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let event: EventView = expect_json(
        app.get(
            &format!("/api/v1/calendar/events/{}", event.id),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let project: ProjectView = expect_json(
        app.get(&format!("/api/v1/projects/{}", project.id), Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    let call: CallView = expect_json(
        app.get(&format!("/api/v1/calls/{}", call.id), Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (event.contact_id, project.contact_id, call.contact_id),
        (None, None, None)
    );
    assert_eq!(
        (event.company_id, project.company_id),
        (Some(company), Some(company)),
        "only the contact went"
    );

    // The company: refused while the event and the project name it, unless unlinked.
    let refused = expect_problem(
        app.request(
            Method::DELETE,
            &format!("/api/v1/companies/{company}"),
            Some(token),
        )
        .send()
        .await
        .unwrap(),
        StatusCode::CONFLICT,
        "company_in_use",
    )
    .await;
    assert!(
        refused.detail.contains("2 calendar event(s) or project(s)"),
        "{}",
        refused.detail
    );
    let deleted = app
        .request(
            Method::DELETE,
            &format!("/api/v1/companies/{company}?cascade=unlink"),
            Some(token),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let event: EventView = expect_json(
        app.get(
            &format!("/api/v1/calendar/events/{}", event.id),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let project: ProjectView = expect_json(
        app.get(&format!("/api/v1/projects/{}", project.id), Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((event.company_id, project.company_id), (None, None));
    // Nothing else of the tenant still points at either.
    let mut conn = app.database.get().unwrap();
    for (table, column) in [
        ("calendar_events", "contact_id"),
        ("calendar_events", "company_id"),
        ("projects", "contact_id"),
        ("projects", "company_id"),
        ("call_records", "contact_id"),
    ] {
        #[derive(diesel::QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let found: N = diesel::sql_query(format!(
            "SELECT COUNT(*) AS n FROM {table} WHERE {column} IS NOT NULL"
        ))
        .get_result(&mut conn)
        .unwrap();
        assert_eq!(found.n, 0, "{table}.{column}");
    }
}

#[tokio::test]
async fn invalid_events_name_every_bad_field() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let other = app.signup("Other", &email("other")).await;
    let start: DateTime<Utc> = "2026-12-01T09:00:00Z".parse().unwrap();
    let problem = expect_problem(
        app.post(
            "/api/v1/calendar/events",
            Some(&admin.access),
            &json!({ "title": " ", "starts_at": start, "ends_at": start, "contact_id": Uuid::now_v7(), "attendee_ids": [other.user_id] }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields = field_codes(&problem);
    for expected in [
        ("title", "required"),
        ("ends_at", "end_before_start"),
        ("contact_id", "unknown_contact"),
        ("attendee_ids[0]", "unknown_user"),
    ] {
        assert!(
            fields.contains(&(expected.0.into(), expected.1.into())),
            "{expected:?} in {fields:?}"
        );
    }
    let problem = expect_problem(
        app.post(
            "/api/v1/calendar/events",
            Some(&admin.access),
            &json!({ "title": "x", "all_day": true }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem.errors[0].field, "start_date");
    expect_problem(
        app.post(
            "/api/v1/calendar/events",
            Some(&admin.access),
            &json!({ "title": "x", "colour": "red" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
}

#[tokio::test]
async fn the_ics_feed_lists_the_users_events_as_valid_icalendar_and_rotates() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let (colleague, colleague_token) = app.add_user(&admin.access, &email("colleague")).await;
    let start = app.clock.now() + Duration::days(2);
    for (title, attendees) in [
        (
            "Demo; with \"quotes\", commas\nand a newline",
            vec![admin.user_id],
        ),
        ("Not mine", vec![colleague.parse().unwrap()]),
    ] {
        let _: EventView = expect_json(
            app.post("/api/v1/calendar/events", Some(&admin.access), &json!({ "title": "placeholder", "description": title, "starts_at": start, "ends_at": start + Duration::hours(1), "attendee_ids": attendees })).await,
            StatusCode::CREATED,
        )
        .await;
    }
    let _: EventView = expect_json(
        app.post("/api/v1/calendar/events", Some(&admin.access), &json!({ "title": "Holiday", "all_day": true, "start_date": "2026-12-24", "end_date": "2026-12-26", "attendee_ids": [admin.user_id] })).await,
        StatusCode::CREATED,
    )
    .await;

    let feed: FeedTokenView = expect_json(
        app.post(
            "/api/v1/calendar/feed-token",
            Some(&admin.access),
            &json!({}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let response = app.get(&feed.path, None).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let body = response.text().await.unwrap();
    assert!(body.contains("\r\n"), "RFC 5545 lines end in CRLF");
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(body.as_bytes()));
    let calendar = parser
        .next()
        .expect("one calendar")
        .expect("parses as iCalendar");
    assert!(parser.next().is_none());
    let prop = |props: &[ical::property::Property], name: &str| {
        props
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    };
    assert_eq!(
        prop(&calendar.properties, "VERSION").as_deref(),
        Some("2.0")
    );
    assert!(prop(&calendar.properties, "PRODID").is_some());
    assert_eq!(calendar.events.len(), 2, "only the events the user attends");
    for event in &calendar.events {
        assert!(prop(&event.properties, "UID").unwrap().ends_with("@ecom"));
        assert!(prop(&event.properties, "DTSTAMP").is_some());
    }
    let holiday = calendar
        .events
        .iter()
        .find(|e| prop(&e.properties, "SUMMARY").as_deref() == Some("Holiday"))
        .expect("the all-day event");
    let dtstart = holiday
        .properties
        .iter()
        .find(|p| p.name == "DTSTART")
        .unwrap();
    assert_eq!(dtstart.value.as_deref(), Some("20261224"));
    assert!(dtstart.params.as_ref().is_some_and(|ps| ps
        .iter()
        .any(|(k, v)| k == "VALUE" && v == &vec!["DATE".to_string()])));
    assert_eq!(
        prop(&holiday.properties, "DTEND").as_deref(),
        Some("20261227"),
        "DTEND is the day after the last day"
    );
    let demo = calendar
        .events
        .iter()
        .find(|e| prop(&e.properties, "SUMMARY").as_deref() == Some("placeholder"))
        .unwrap();
    assert!(
        prop(&demo.properties, "DTSTART").unwrap().ends_with('Z'),
        "timed events in UTC"
    );
    assert!(
        prop(&demo.properties, "DESCRIPTION")
            .unwrap()
            .contains("\\;"),
        "text is escaped"
    );

    // The colleague's own feed has only their event.
    let theirs: FeedTokenView = expect_json(
        app.post(
            "/api/v1/calendar/feed-token",
            Some(&colleague_token),
            &json!({}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let body = app.get(&theirs.path, None).await.text().await.unwrap();
    assert_eq!(body.matches("BEGIN:VEVENT").count(), 1);

    // Rotating ends the old address; unknown tokens are 404s.
    let rotated: FeedTokenView = expect_json(
        app.post(
            "/api/v1/calendar/feed-token",
            Some(&admin.access),
            &json!({}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_ne!(rotated.token, feed.token);
    expect_problem(
        app.get(&feed.path, None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_eq!(app.get(&rotated.path, None).await.status(), StatusCode::OK);
    expect_problem(
        app.get("/api/v1/calendar/feed/nonsense.ics", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // Only a hash is stored.
    use diesel::QueryDsl;
    let mut conn = app.database.get().unwrap();
    let hashes: Vec<String> = ecom_storage::schema_work::calendar_feed_tokens::table
        .select(ecom_storage::schema_work::calendar_feed_tokens::token_hash)
        .load(&mut *conn)
        .unwrap();
    assert!(hashes.iter().all(|h| h != &rotated.token));
}

// ---------------------------------------------------------------- projects

#[tokio::test]
async fn time_on_a_project_becomes_invoice_lines_once() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let (colleague, _) = app.add_user(&admin.access, &email("colleague")).await;
    let company = insert_company(&app, admin.tenant_id, "Claes NV");
    let token = admin.access.as_str();
    let project: ProjectView = expect_json(
        app.post("/api/v1/projects", Some(token), &json!({ "name": "Website", "company_id": company, "budget_hours": "40", "hourly_rate": "72.50" })).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(project.status, "active");
    assert_eq!(project.vat_rate, d("21"));
    assert_eq!(project.hourly_rate.to_string(), "72.50");

    let today = ecom_domain::calendar::belgian_date(app.clock.now());
    let design: TaskView = expect_json(
        app.post(&format!("/api/v1/projects/{}/tasks", project.id), Some(token), &json!({ "title": "Design", "assignee_id": colleague, "due_date": today - Duration::days(1) })).await,
        StatusCode::CREATED,
    )
    .await;
    assert!(design.overdue);
    let build: TaskView = expect_json(
        app.post(
            &format!("/api/v1/projects/{}/tasks", project.id),
            Some(token),
            &json!({ "title": "Build", "due_date": today + Duration::days(3) }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert!(!build.overdue);
    let overdue: Page<TaskView> = expect_json(
        app.get(
            &format!("/api/v1/projects/{}/tasks?overdue=true", project.id),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        overdue.items.iter().map(|t| t.id).collect::<Vec<_>>(),
        vec![design.id]
    );
    let assigned: Page<TaskView> = expect_json(
        app.get(&format!("/api/v1/tasks?assignee={colleague}"), Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(assigned.items.len(), 1);
    let todo: Page<TaskView> = expect_json(
        app.get("/api/v1/tasks?status=todo", Some(token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(todo.items.len(), 2);
    expect_problem(
        app.get("/api/v1/tasks?status=someday", Some(token)).await,
        StatusCode::BAD_REQUEST,
        "invalid_filter",
    )
    .await;
    // Done is never overdue.
    let done: TaskView = expect_json(
        put(
            &app,
            &format!("/api/v1/tasks/{}", design.id),
            token,
            &json!({ "title": "Design", "status": "done", "due_date": today - Duration::days(1) }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(!done.overdue);

    let mut ids = Vec::new();
    for (task, minutes, billable) in [
        (Some(design.id), 50, true),
        (Some(design.id), 50, true),
        (Some(build.id), 10, true),
        (None, 30, true),
        (None, 45, false),
    ] {
        let entry: TimeEntryView = expect_json(
            app.post("/api/v1/time-entries", Some(token), &json!({ "project_id": project.id, "task_id": task, "date": today, "minutes": minutes, "description": "Work", "billable": billable })).await,
            StatusCode::CREATED,
        )
        .await;
        assert_eq!(entry.user_id, admin.user_id, "the caller by default");
        ids.push(entry.id);
    }
    let project_now: ProjectView = expect_json(
        app.get(&format!("/api/v1/projects/{}", project.id), Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(project_now.totals.total_minutes, 185);
    assert_eq!(project_now.totals.billable_minutes, 140);
    assert_eq!(project_now.totals.unbilled_minutes, 140);
    assert_eq!(project_now.totals.total_hours, d("3.08"));

    let billable: BillableTime = expect_json(
        app.get(
            &format!("/api/v1/projects/{}/billable", project.id),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let lines: Vec<(&str, Decimal, Decimal)> = billable
        .lines
        .iter()
        .map(|l| (l.description.as_str(), l.quantity, l.net_amount))
        .collect();
    assert_eq!(
        lines,
        vec![
            ("Website", d("0.5"), d("36.25")),
            // 10 minutes = 0.1666 h → 0.17 h (hundredths, halves away from zero).
            ("Website – Build", d("0.17"), d("12.33")),
            // 100 minutes summed first: 1.67 h, not 2 × 0.83.
            ("Website – Design", d("1.67"), d("121.08")),
        ]
    );
    assert!(billable
        .lines
        .iter()
        .all(|l| l.unit_price == d("72.50") && l.vat_rate == d("21")));
    assert_eq!(billable.total_net, d("169.66"));

    let all_billable: Vec<Uuid> = billable
        .lines
        .iter()
        .flat_map(|l| l.time_entry_ids.clone())
        .collect();
    // A non-billable entry in the batch refuses the whole batch.
    let mut with_unbillable = all_billable.clone();
    with_unbillable.push(ids[4]);
    let problem = expect_problem(
        app.post(
            &format!("/api/v1/projects/{}/billable/mark-billed", project.id),
            Some(token),
            &json!({ "time_entry_ids": with_unbillable, "invoice_reference": "2026-0001" }),
        )
        .await,
        StatusCode::CONFLICT,
        "not_billable",
    )
    .await;
    assert!(problem.detail.contains("1 of the 5"));
    let still: BillableTime = expect_json(
        app.get(
            &format!("/api/v1/projects/{}/billable", project.id),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(still.lines.len(), 3, "nothing was marked");

    let billed: MarkBilledResponse = expect_json(
        app.post(
            &format!("/api/v1/projects/{}/billable/mark-billed", project.id),
            Some(token),
            &json!({ "time_entry_ids": all_billable, "invoice_reference": "2026-0001" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(billed.billed.len(), 4);
    assert!(billed
        .billed
        .iter()
        .all(|e| e.invoice_reference.as_deref() == Some("2026-0001") && e.billed_at.is_some()));
    // Never twice.
    expect_problem(
        app.post(
            &format!("/api/v1/projects/{}/billable/mark-billed", project.id),
            Some(token),
            &json!({ "time_entry_ids": [ids[0]], "invoice_reference": "2026-0002" }),
        )
        .await,
        StatusCode::CONFLICT,
        "not_billable",
    )
    .await;
    let none_left: BillableTime = expect_json(
        app.get(
            &format!("/api/v1/projects/{}/billable", project.id),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(none_left.lines.is_empty());
    assert_eq!(none_left.total_net, d("0.00"));
    expect_problem(
        put(&app, &format!("/api/v1/time-entries/{}", ids[0]), token, &json!({ "project_id": project.id, "date": today, "minutes": 5, "description": "less" })).await,
        StatusCode::CONFLICT,
        "already_billed",
    )
    .await;
    expect_problem(
        app.delete(&format!("/api/v1/time-entries/{}", ids[0]), Some(token))
            .await,
        StatusCode::CONFLICT,
        "already_billed",
    )
    .await;
    expect_problem(
        app.delete(&format!("/api/v1/projects/{}", project.id), Some(token))
            .await,
        StatusCode::CONFLICT,
        "project_has_billed_time",
    )
    .await;
    let unbilled: Page<TimeEntryView> = expect_json(
        app.get(
            &format!("/api/v1/time-entries?project={}&billed=false", project.id),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(unbilled.items.len(), 1);
    let response = app
        .delete(&format!("/api/v1/time-entries/{}", ids[4]), Some(token))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = app
        .delete(&format!("/api/v1/tasks/{}", build.id), Some(token))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let entry: TimeEntryView = expect_json(
        app.get(&format!("/api/v1/time-entries/{}", ids[2]), Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        entry.task_id, None,
        "time stays on the project when its task goes"
    );

    let kinds = event_kinds(&app, admin.tenant_id);
    for kind in [
        "project.created",
        "task.created",
        "task.updated",
        "task.deleted",
        "time_entry.created",
        "time_entry.updated",
        "time_entry.deleted",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} recorded");
    }
    let audit = audit_actions(&app);
    assert!(
        audit.iter().any(|a| a == "task.deleted")
            && audit.iter().any(|a| a == "time_entry.deleted")
    );
}

#[tokio::test]
async fn invalid_projects_and_time_entries_are_refused_per_field() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let token = admin.access.as_str();
    let problem = expect_problem(
        app.post("/api/v1/projects", Some(token), &json!({ "name": "", "hourly_rate": "-1", "vat_rate": "20", "status": "dreaming", "company_id": Uuid::now_v7() })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<String> = problem.errors.iter().map(|e| e.field.clone()).collect();
    for f in ["name", "hourly_rate", "vat_rate", "status", "company_id"] {
        assert!(fields.contains(&f.to_string()), "{f} in {fields:?}");
    }
    let a: ProjectView = expect_json(
        app.post(
            "/api/v1/projects",
            Some(token),
            &json!({ "name": "A", "hourly_rate": "50" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let b: ProjectView = expect_json(
        app.post(
            "/api/v1/projects",
            Some(token),
            &json!({ "name": "B", "hourly_rate": "50" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let task_of_b: TaskView = expect_json(
        app.post(
            &format!("/api/v1/projects/{}/tasks", b.id),
            Some(token),
            &json!({ "title": "t" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let problem = expect_problem(
        app.post("/api/v1/time-entries", Some(token), &json!({ "project_id": a.id, "task_id": task_of_b.id, "date": "2026-12-01", "minutes": 0, "description": " " })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields = field_codes(&problem);
    assert!(fields.contains(&("task_id".into(), "task_of_another_project".into())));
    assert!(fields.contains(&("minutes".into(), "not_positive".into())));
    assert!(fields.contains(&("description".into(), "required".into())));
    let problem = expect_problem(
        app.post("/api/v1/time-entries", Some(token), &json!({ "project_id": Uuid::now_v7(), "date": "2026-12-01", "minutes": 1441, "description": "x" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert!(field_codes(&problem).contains(&("project_id".into(), "unknown_project".into())));
    assert!(field_codes(&problem).contains(&("minutes".into(), "too_long".into())));
    let listed: Page<ProjectView> = expect_json(
        app.get("/api/v1/projects?sort=-name", Some(token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        listed
            .items
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        vec!["B", "A"]
    );
    let response = app
        .delete(&format!("/api/v1/projects/{}", b.id), Some(token))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    expect_problem(
        app.get(&format!("/api/v1/tasks/{}", task_of_b.id), Some(token))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert!(audit_actions(&app).iter().any(|a| a == "project.deleted"));
}

// ---------------------------------------------------------------- tickets

#[tokio::test]
async fn ticket_sla_runs_pauses_while_pending_and_breaches() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let mut tok = admin.access.clone();
    let requester = insert_contact(&app, admin.tenant_id, "Els");
    let t0 = app.clock.now();
    let urgent: TicketView = expect_json(
        app.post("/api/v1/tickets", Some(&tok), &json!({ "subject": "Server down", "requester_id": requester, "priority": "urgent", "assignee_id": admin.user_id })).await,
        StatusCode::CREATED,
    )
    .await;
    let created = urgent.created_at;
    assert_eq!(urgent.status, "open");
    assert_eq!(
        urgent.sla.first_response.due_at,
        created + Duration::hours(1)
    );
    assert_eq!(urgent.sla.resolution.due_at, created + Duration::hours(4));
    assert!(!urgent.sla.breached);
    let low: TicketView = expect_json(
        app.post(
            "/api/v1/tickets",
            Some(&tok),
            &json!({ "subject": "Typo", "requester_id": requester, "priority": "low" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(
        low.sla.first_response.due_at,
        low.created_at + Duration::hours(24)
    );

    // An internal note is not a response, and never shown to the customer.
    let _: TicketMessageView = expect_json(
        app.post(
            &format!("/api/v1/tickets/{}/messages", urgent.id),
            Some(&tok),
            &json!({ "body": "Looks like the disk", "internal": true }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let after_note: TicketView = expect_json(
        app.get(&format!("/api/v1/tickets/{}", urgent.id), Some(&tok))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(after_note.sla.first_response.met_at, None);

    // 30 minutes later: a public reply meets the first response.
    app.clock.set(t0 + Duration::minutes(30));
    tok = app.token(&admin.email).await;
    let _: TicketMessageView = expect_json(
        app.post(
            &format!("/api/v1/tickets/{}/messages", urgent.id),
            Some(&tok),
            &json!({ "body": "We are on it." }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    // Pending at 1 hour: the resolution clock stops with ~3 hours left.
    app.clock.set(t0 + Duration::hours(1));
    tok = app.token(&admin.email).await;
    let body = json!({ "subject": "Server down", "requester_id": requester, "priority": "urgent", "status": "pending", "assignee_id": admin.user_id });
    let pending: TicketView = expect_json(
        put(&app, &format!("/api/v1/tickets/{}", urgent.id), &tok, &body).await,
        StatusCode::OK,
    )
    .await;
    assert!(pending.sla.first_response.met_at.is_some());
    assert!(!pending.sla.first_response.breached);
    assert!(pending.sla.resolution.paused);
    // Ten hours pending: nothing breached, the remaining time has not moved.
    app.clock.set(t0 + Duration::hours(11));
    tok = app.token(&admin.email).await;
    let later: TicketView = expect_json(
        app.get(&format!("/api/v1/tickets/{}", urgent.id), Some(&tok))
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(!later.sla.breached, "pending pauses the clock");
    assert!(
        (later.sla.resolution.remaining_seconds - 3 * 3600).abs() < 120,
        "about 3 hours left: {}",
        later.sla.resolution.remaining_seconds
    );
    // Back to open, then 4 more hours pass: breached.
    let body = json!({ "subject": "Server down", "requester_id": requester, "priority": "urgent", "status": "open", "assignee_id": admin.user_id });
    let reopened: TicketView = expect_json(
        put(&app, &format!("/api/v1/tickets/{}", urgent.id), &tok, &body).await,
        StatusCode::OK,
    )
    .await;
    assert!(!reopened.sla.resolution.paused);
    app.clock.set(t0 + Duration::hours(15));
    tok = app.token(&admin.email).await;
    let breached: Page<TicketView> = expect_json(
        app.get("/api/v1/tickets?breached=true", Some(&tok)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        breached.items.iter().map(|t| t.id).collect::<Vec<_>>(),
        vec![urgent.id]
    );
    assert!(breached.items[0].sla.resolution.breached);
    assert!(breached.items[0].sla.resolution.remaining_seconds < 0);
    let within: Page<TicketView> = expect_json(
        app.get("/api/v1/tickets?breached=false", Some(&tok)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        within.items.iter().map(|t| t.id).collect::<Vec<_>>(),
        vec![low.id]
    );
    // Sorted by what falls due first: the overdue urgent ticket leads.
    let by_due: Page<TicketView> =
        expect_json(app.get("/api/v1/tickets", Some(&tok)).await, StatusCode::OK).await;
    assert_eq!(
        by_due.items.iter().map(|t| t.id).collect::<Vec<_>>(),
        vec![urgent.id, low.id]
    );
    let urgent_only: Page<TicketView> = expect_json(
        app.get("/api/v1/tickets?priority=urgent&status=open", Some(&tok))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(urgent_only.items.len(), 1);
    let assigned: Page<TicketView> = expect_json(
        app.get(
            &format!("/api/v1/tickets?assignee={}", admin.user_id),
            Some(&tok),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(assigned.items.len(), 1);

    // Staff see notes and replies; the customer view has replies only.
    let staff: TicketMessageList = expect_json(
        app.get(
            &format!("/api/v1/tickets/{}/messages", urgent.id),
            Some(&tok),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(staff.items.len(), 2);
    assert!(staff.items[0].internal);
    let customer: TicketMessageList = expect_json(
        app.get(
            &format!("/api/v1/tickets/{}/messages?audience=customer", urgent.id),
            Some(&tok),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(customer.items.len(), 1);
    assert!(customer
        .items
        .iter()
        .all(|m| !m.internal && !m.body.contains("disk")));
    // The webhook outbox never carries a note.
    let mut conn = app.database.get().unwrap();
    let events = ecom_storage::events::list_for_tenant(
        &mut conn,
        ecom_domain::TenantId(admin.tenant_id),
        1000,
    )
    .unwrap();
    drop(conn);
    assert!(events
        .iter()
        .all(|e| !e.payload.to_string().contains("disk")));

    // Resolved: nothing falls due any more.
    let body = json!({ "subject": "Server down", "requester_id": requester, "priority": "urgent", "status": "resolved" });
    let resolved: TicketView = expect_json(
        put(&app, &format!("/api/v1/tickets/{}", urgent.id), &tok, &body).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(resolved.sla.next_due_at, None);
    assert!(resolved.sla.resolution.met_at.is_some());

    let problem = expect_problem(
        app.post("/api/v1/tickets", Some(&tok), &json!({ "subject": "", "requester_id": Uuid::now_v7(), "priority": "asap", "status": "new" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<String> = problem.errors.iter().map(|e| e.field.clone()).collect();
    assert_eq!(
        fields,
        vec!["subject", "requester_id", "status", "priority"]
    );
    expect_problem(
        app.post(
            &format!("/api/v1/tickets/{}/messages", urgent.id),
            Some(&tok),
            &json!({ "body": "  " }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let response = app
        .delete(&format!("/api/v1/tickets/{}", low.id), Some(&tok))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(audit_actions(&app).iter().any(|a| a == "ticket.deleted"));
    let kinds = event_kinds(&app, admin.tenant_id);
    assert!(["ticket.created", "ticket.updated", "ticket.deleted"]
        .iter()
        .all(|k| kinds.iter().any(|x| x == k)));
}

// ---------------------------------------------------------------- calls

#[tokio::test]
async fn calls_are_logged_in_e164_and_the_do_not_call_list_blocks_dialling() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let token = admin.access.as_str();
    let contact = insert_contact(&app, admin.tenant_id, "Els");
    let now = app.clock.now();
    let call: CallView = expect_json(
        app.post("/api/v1/calls", Some(token), &json!({ "number": "0470 12 34 67", "direction": "outbound", "started_at": now, "duration_seconds": 125, "outcome": "answered", "notes": "Wants a quote", "contact_id": contact })).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(call.number, "+32470123467");
    assert_eq!(call.user_id, admin.user_id);

    let problem = expect_problem(
        app.post("/api/v1/calls", Some(token), &json!({ "number": "12ab", "direction": "sideways", "started_at": now, "duration_seconds": -1, "outcome": "maybe" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<String> = problem.errors.iter().map(|e| e.field.clone()).collect();
    assert_eq!(
        fields,
        vec!["number", "direction", "outcome", "duration_seconds"]
    );

    let listed: DoNotCallView = expect_json(
        app.post(
            "/api/v1/calls/do-not-call",
            Some(token),
            &json!({ "number": "+32 470 12 34 67" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(listed.hint, "+32 4** ** ** 67");
    expect_problem(
        app.post(
            "/api/v1/calls/do-not-call",
            Some(token),
            &json!({ "number": "0032470123467" }),
        )
        .await,
        StatusCode::CONFLICT,
        "already_listed",
    )
    .await;
    expect_problem(
        app.post(
            "/api/v1/calls/do-not-call",
            Some(token),
            &json!({ "number": "call me" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let list: DoNotCallList = expect_json(
        app.get("/api/v1/calls/do-not-call", Some(token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list.items, vec![listed.clone()]);
    // The number itself is not stored on the list: a keyed hash and the hint.
    {
        use diesel::QueryDsl;
        use ecom_storage::schema_work::do_not_call_numbers as dnc;
        let mut conn = app.database.get().unwrap();
        let rows: Vec<(String, String)> = dnc::table
            .select((dnc::number_hash, dnc::hint))
            .load(&mut *conn)
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert!(!rows[0].0.contains("470123467") && rows[0].0.len() == 64);
    }
    let check: DoNotCallCheck = expect_json(
        app.get(
            "/api/v1/calls/do-not-call/check?number=0470%2012%2034%2067",
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(check.listed);

    // Planned or outbound calls to the number are refused; inbound ones are logged.
    for (direction, outcome) in [
        ("outbound", "answered"),
        ("inbound", "planned"),
        ("outbound", "planned"),
    ] {
        let problem = expect_problem(
            app.post("/api/v1/calls", Some(token), &json!({ "number": "0470/12.34.67", "direction": direction, "started_at": now, "outcome": outcome })).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "number_on_do_not_call_list",
        )
        .await;
        assert!(
            problem.detail.contains("+32 4** ** ** 67") && !problem.detail.contains("470123467")
        );
    }
    let _: CallView = expect_json(
        app.post("/api/v1/calls", Some(token), &json!({ "number": "0470123467", "direction": "inbound", "started_at": now, "duration_seconds": 30, "outcome": "answered" })).await,
        StatusCode::CREATED,
    )
    .await;
    // Editing the earlier outbound call is refused too while the number is listed.
    expect_problem(
        put(&app, &format!("/api/v1/calls/{}", call.id), token, &json!({ "number": "0470 12 34 67", "direction": "outbound", "started_at": now, "duration_seconds": 125, "outcome": "answered" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "number_on_do_not_call_list",
    )
    .await;

    let log: Page<CallView> = expect_json(
        app.get(&format!("/api/v1/calls?contact={contact}"), Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(log.items.len(), 1);
    let by_number: Page<CallView> = expect_json(
        app.get("/api/v1/calls?number=%2B32470123467", Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(by_number.items.len(), 2);
    let inbound: Page<CallView> = expect_json(
        app.get("/api/v1/calls?direction=inbound", Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(inbound.items.len(), 1);

    let response = app
        .delete(
            &format!("/api/v1/calls/do-not-call/{}", listed.id),
            Some(token),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let planned: CallView = expect_json(
        app.post("/api/v1/calls", Some(token), &json!({ "number": "0470 12 34 67", "direction": "outbound", "started_at": now + Duration::days(1), "outcome": "planned" })).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(planned.duration_seconds, 0);
    let response = app
        .delete(&format!("/api/v1/calls/{}", planned.id), Some(token))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let audit = audit_actions(&app);
    for action in ["do_not_call.added", "do_not_call.removed", "call.deleted"] {
        assert!(audit.iter().any(|a| a == action), "{action} audited");
    }
    let kinds = event_kinds(&app, admin.tenant_id);
    assert!(["call.created", "call.deleted"]
        .iter()
        .all(|k| kinds.iter().any(|x| x == k)));
}

// ---------------------------------------------------------------- tenancy and gating

struct Owned {
    event: Uuid,
    project: Uuid,
    task: Uuid,
    entry: Uuid,
    ticket: Uuid,
    call: Uuid,
    dnc: Uuid,
    contact: Uuid,
}

async fn one_of_each(app: &TestApp, owner: &SignedUp) -> Owned {
    let token = owner.access.as_str();
    let contact = insert_contact(app, owner.tenant_id, "Els");
    let now = app.clock.now();
    let event: EventView = expect_json(
        app.post("/api/v1/calendar/events", Some(token), &json!({ "title": "e", "starts_at": now, "ends_at": now + Duration::hours(1), "attendee_ids": [owner.user_id] })).await,
        StatusCode::CREATED,
    )
    .await;
    let project: ProjectView = expect_json(
        app.post(
            "/api/v1/projects",
            Some(token),
            &json!({ "name": "p", "hourly_rate": "10" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let task: TaskView = expect_json(
        app.post(
            &format!("/api/v1/projects/{}/tasks", project.id),
            Some(token),
            &json!({ "title": "t" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let entry: TimeEntryView = expect_json(
        app.post("/api/v1/time-entries", Some(token), &json!({ "project_id": project.id, "date": "2026-12-01", "minutes": 60, "description": "w" })).await,
        StatusCode::CREATED,
    )
    .await;
    let ticket: TicketView = expect_json(
        app.post(
            "/api/v1/tickets",
            Some(token),
            &json!({ "subject": "s", "requester_id": contact }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let call: CallView = expect_json(
        app.post("/api/v1/calls", Some(token), &json!({ "number": "092345678", "direction": "inbound", "started_at": now, "outcome": "answered" })).await,
        StatusCode::CREATED,
    )
    .await;
    let dnc: DoNotCallView = expect_json(
        app.post(
            "/api/v1/calls/do-not-call",
            Some(token),
            &json!({ "number": "0470 99 88 77" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    Owned {
        event: event.id,
        project: project.id,
        task: task.id,
        entry: entry.id,
        ticket: ticket.id,
        call: call.id,
        dnc: dnc.id,
        contact,
    }
}

#[tokio::test]
async fn another_tenant_sees_none_of_it_and_gets_404s() {
    let app = TestApp::spawn().await;
    let a = app.signup("Tenant A", &email("a")).await;
    let b = app.signup("Tenant B", &email("b")).await;
    let theirs = one_of_each(&app, &a).await;
    let (_, b_key) = app.create_api_key(&b.access, "b-key").await;

    for token in [b.access.as_str(), b_key.as_str()] {
        for path in [
            format!("/api/v1/calendar/events/{}", theirs.event),
            format!("/api/v1/projects/{}", theirs.project),
            format!("/api/v1/projects/{}/tasks", theirs.project),
            format!("/api/v1/projects/{}/billable", theirs.project),
            format!("/api/v1/tasks/{}", theirs.task),
            format!("/api/v1/time-entries/{}", theirs.entry),
            format!("/api/v1/tickets/{}", theirs.ticket),
            format!("/api/v1/tickets/{}/messages", theirs.ticket),
            format!("/api/v1/calls/{}", theirs.call),
        ] {
            expect_problem(
                app.get(&path, Some(token)).await,
                StatusCode::NOT_FOUND,
                "not_found",
            )
            .await;
        }
        for path in [
            format!("/api/v1/calendar/events/{}", theirs.event),
            format!("/api/v1/projects/{}", theirs.project),
            format!("/api/v1/tasks/{}", theirs.task),
            format!("/api/v1/time-entries/{}", theirs.entry),
            format!("/api/v1/tickets/{}", theirs.ticket),
            format!("/api/v1/calls/{}", theirs.call),
            format!("/api/v1/calls/do-not-call/{}", theirs.dnc),
        ] {
            expect_problem(
                app.delete(&path, Some(token)).await,
                StatusCode::NOT_FOUND,
                "not_found",
            )
            .await;
        }
        let now = app.clock.now();
        expect_problem(
            put(
                &app,
                &format!("/api/v1/calendar/events/{}", theirs.event),
                token,
                &json!({ "title": "x", "starts_at": now, "ends_at": now + Duration::hours(1) }),
            )
            .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        expect_problem(
            put(
                &app,
                &format!("/api/v1/projects/{}", theirs.project),
                token,
                &json!({ "name": "x", "hourly_rate": "1" }),
            )
            .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        expect_problem(
            put(
                &app,
                &format!("/api/v1/tasks/{}", theirs.task),
                token,
                &json!({ "title": "x" }),
            )
            .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        expect_problem(
            app.post(
                &format!("/api/v1/projects/{}/tasks", theirs.project),
                Some(token),
                &json!({ "title": "x" }),
            )
            .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        expect_problem(
            app.post(
                &format!("/api/v1/projects/{}/billable/mark-billed", theirs.project),
                Some(token),
                &json!({ "time_entry_ids": [theirs.entry], "invoice_reference": "x" }),
            )
            .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        expect_problem(
            app.post(
                &format!("/api/v1/tickets/{}/messages", theirs.ticket),
                Some(token),
                &json!({ "body": "x" }),
            )
            .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        expect_problem(
            put(&app, &format!("/api/v1/calls/{}", theirs.call), token, &json!({ "number": "092345678", "direction": "inbound", "started_at": now, "outcome": "answered" })).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        // Links to A's contact, user or project are unknown in B.
        let problem = expect_problem(
            app.post(
                "/api/v1/tickets",
                Some(token),
                &json!({ "subject": "s", "requester_id": theirs.contact }),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(problem.errors[0].code, "unknown_contact");
        let problem = expect_problem(
            app.post("/api/v1/calendar/events", Some(token), &json!({ "title": "e", "starts_at": now, "ends_at": now + Duration::hours(1), "attendee_ids": [a.user_id] })).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(problem.errors[0].code, "unknown_user");
        let problem = expect_problem(
            app.post("/api/v1/time-entries", Some(token), &json!({ "project_id": theirs.project, "date": "2026-12-01", "minutes": 60, "description": "w" })).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(problem.errors[0].code, "unknown_project");
        // Lists are empty, and A's listed number is not listed for B.
        for path in [
            "/api/v1/calendar/events",
            "/api/v1/projects",
            "/api/v1/tasks",
            "/api/v1/time-entries",
            "/api/v1/tickets",
            "/api/v1/calls",
        ] {
            let page: Page<Value> =
                expect_json(app.get(path, Some(token)).await, StatusCode::OK).await;
            assert!(
                page.items.is_empty(),
                "{path} is empty for the other tenant"
            );
        }
        let list: DoNotCallList = expect_json(
            app.get("/api/v1/calls/do-not-call", Some(token)).await,
            StatusCode::OK,
        )
        .await;
        assert!(list.items.is_empty());
        let check: DoNotCallCheck = expect_json(
            app.get(
                "/api/v1/calls/do-not-call/check?number=0470998877",
                Some(token),
            )
            .await,
            StatusCode::OK,
        )
        .await;
        assert!(!check.listed);
    }
    // A still has everything.
    let _: ProjectView = expect_json(
        app.get(
            &format!("/api/v1/projects/{}", theirs.project),
            Some(&a.access),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let _: TicketView = expect_json(
        app.get(
            &format!("/api/v1/tickets/{}", theirs.ticket),
            Some(&a.access),
        )
        .await,
        StatusCode::OK,
    )
    .await;
}

#[tokio::test]
async fn the_modules_close_when_the_trial_ends_and_the_feed_with_them() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let feed: FeedTokenView = expect_json(
        app.post(
            "/api/v1/calendar/feed-token",
            Some(&admin.access),
            &json!({}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    app.clock.set(app.clock.now() + Duration::days(16));
    let token = app.token(&admin.email).await;
    for path in [
        "/api/v1/calendar/events",
        "/api/v1/projects",
        "/api/v1/tickets",
        "/api/v1/calls",
        "/api/v1/time-entries",
    ] {
        expect_problem(
            app.get(path, Some(&token)).await,
            StatusCode::FORBIDDEN,
            "modules_unavailable",
        )
        .await;
    }
    expect_problem(
        app.get(&feed.path, None).await,
        StatusCode::FORBIDDEN,
        "modules_unavailable",
    )
    .await;
    expect_problem(
        app.get("/api/v1/calendar/events", None).await,
        StatusCode::UNAUTHORIZED,
        "missing_credentials",
    )
    .await;
}

#[tokio::test]
async fn racing_mark_billed_requests_bill_each_entry_once() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let token = admin.access.as_str();
    let project: ProjectView = expect_json(
        app.post(
            "/api/v1/projects",
            Some(token),
            &json!({ "name": "p", "hourly_rate": "50" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let mut ids = Vec::new();
    for _ in 0..3 {
        let entry: TimeEntryView = expect_json(
            app.post("/api/v1/time-entries", Some(token), &json!({ "project_id": project.id, "date": "2026-12-01", "minutes": 60, "description": "w" })).await,
            StatusCode::CREATED,
        )
        .await;
        ids.push(entry.id);
    }
    let path = format!("/api/v1/projects/{}/billable/mark-billed", project.id);
    let attempts = (0..6).map(|i| {
        let body = json!({ "time_entry_ids": ids, "invoice_reference": format!("INV-{i}") });
        let request = app.request(Method::POST, &path, Some(token)).json(&body);
        async move { request.send().await.expect("request sent").status() }
    });
    let statuses = futures_util::future::join_all(attempts).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::OK || *s == StatusCode::CONFLICT),
        "{statuses:?}"
    );
    let billed: Page<TimeEntryView> = expect_json(
        app.get(
            &format!("/api/v1/time-entries?project={}&billed=true", project.id),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(billed.items.len(), 3);
    let references: std::collections::HashSet<_> = billed
        .items
        .iter()
        .map(|e| e.invoice_reference.clone())
        .collect();
    assert_eq!(references.len(), 1, "all on the one invoice that won");
}

#[tokio::test]
async fn a_module_not_in_the_contract_is_refused_and_purging_a_tenant_leaves_the_other() {
    let app = TestApp::spawn().await;
    let a = app.signup("Tenant A", &email("a")).await;
    let b = app.signup("Tenant B", &email("b")).await;
    let _ = one_of_each(&app, &a).await;
    let kept = one_of_each(&app, &b).await;

    // A orders the CRM module only: the work modules close with a clear code.
    let _: Value = expect_json(
        app.post(
            "/api/v1/contract/order",
            Some(&a.access),
            &json!({ "term_length": "year", "modules": ["crm"], "extra_seats": 0 }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    for path in [
        "/api/v1/calendar/events",
        "/api/v1/projects",
        "/api/v1/tickets",
        "/api/v1/calls",
    ] {
        let problem = expect_problem(
            app.get(path, Some(&a.access)).await,
            StatusCode::FORBIDDEN,
            "module_not_subscribed",
        )
        .await;
        assert!(problem.detail.contains("not in your subscription"));
    }

    let mut conn = app.database.get().unwrap();
    let purged =
        ecom_storage::work::purge_tenant(&mut conn, ecom_domain::TenantId(a.tenant_id)).unwrap();
    assert_eq!(
        purged, 8,
        "event, attendee, project, task, entry, ticket, call, list entry"
    );
    assert_eq!(
        ecom_storage::work::purge_tenant(&mut conn, ecom_domain::TenantId(a.tenant_id)).unwrap(),
        0
    );
    drop(conn);
    let _: TicketView = expect_json(
        app.get(&format!("/api/v1/tickets/{}", kept.ticket), Some(&b.access))
            .await,
        StatusCode::OK,
    )
    .await;
    let _: CallView = expect_json(
        app.get(&format!("/api/v1/calls/{}", kept.call), Some(&b.access))
            .await,
        StatusCode::OK,
    )
    .await;
}

#[tokio::test]
async fn billable_time_becomes_a_draft_sales_invoice_once_in_one_step() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let other = app.signup("Other", &email("other")).await;
    let company = insert_company(&app, admin.tenant_id, "Claes NV");
    let token = admin.access.as_str();
    let project: ProjectView = expect_json(
        app.post(
            "/api/v1/projects",
            Some(token),
            &json!({ "name": "Website", "company_id": company, "hourly_rate": "60" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let path = format!("/api/v1/projects/{}/invoice", project.id);
    // Nothing billable yet.
    expect_problem(
        app.post(&path, Some(token), &json!({})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "nothing_billable",
    )
    .await;
    let today = ecom_domain::calendar::belgian_date(app.clock.now());
    let mut entries = Vec::new();
    for (minutes, billable) in [(90, true), (30, true), (45, false)] {
        let entry: TimeEntryView = expect_json(
            app.post("/api/v1/time-entries", Some(token), &json!({ "project_id": project.id, "date": today, "minutes": minutes, "description": "Work", "billable": billable })).await,
            StatusCode::CREATED,
        )
        .await;
        entries.push(entry.id);
    }
    // Another tenant's project is not found, and nothing changes.
    expect_problem(
        app.post(&path, Some(other.access.as_str()), &json!({}))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    let invoice: ecom_types::sales::SalesInvoiceView = expect_json(
        app.post(&path, Some(token), &json!({})).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(invoice.summary.status, "draft");
    assert_eq!(invoice.summary.company_id, Some(company));
    assert_eq!(invoice.lines.len(), 1);
    assert_eq!(
        (invoice.lines[0].quantity, invoice.lines[0].unit_price),
        (d("2"), d("60"))
    );
    assert_eq!(invoice.totals.total_excl_vat, d("120"));
    assert_eq!(invoice.totals.total_incl_vat, d("145.20"));
    // The billable entries carry the draft's id; the unbillable one is untouched.
    for (i, id) in entries.iter().enumerate() {
        let entry: TimeEntryView = expect_json(
            app.get(&format!("/api/v1/time-entries/{id}"), Some(token))
                .await,
            StatusCode::OK,
        )
        .await;
        if i < 2 {
            assert_eq!(
                entry.invoice_reference.as_deref(),
                Some(invoice.summary.id.to_string().as_str())
            );
        } else {
            assert_eq!(entry.invoice_reference, None);
        }
    }
    let left: BillableTime = expect_json(
        app.get(
            &format!("/api/v1/projects/{}/billable", project.id),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(left.lines.is_empty());
    // Never twice.
    expect_problem(
        app.post(&path, Some(token), &json!({})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "nothing_billable",
    )
    .await;
    let drafts: Value = expect_json(
        app.get("/api/v1/sales-invoices", Some(token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(drafts["items"].as_array().unwrap().len(), 1);

    // A project without a customer cannot be invoiced.
    let internal: ProjectView = expect_json(
        app.post(
            "/api/v1/projects",
            Some(token),
            &json!({ "name": "Internal", "hourly_rate": "60" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    expect_json::<TimeEntryView>(
        app.post("/api/v1/time-entries", Some(token), &json!({ "project_id": internal.id, "date": today, "minutes": 60, "description": "Work", "billable": true })).await,
        StatusCode::CREATED,
    )
    .await;
    expect_problem(
        app.post(
            &format!("/api/v1/projects/{}/invoice", internal.id),
            Some(token),
            &json!({}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no_customer",
    )
    .await;
    // A key with projects but not invoicing write access is refused.
    let key: Value = expect_json(
        app.post(
            "/api/v1/api-keys",
            Some(token),
            &json!({ "name": "projects only", "scopes": ["projects:write", "invoicing:read"] }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let secret = key["secret"].as_str().unwrap().to_owned();
    expect_problem(
        app.post(
            &format!("/api/v1/projects/{}/invoice", internal.id),
            Some(&secret),
            &json!({}),
        )
        .await,
        StatusCode::FORBIDDEN,
        "missing_scope",
    )
    .await;
}
