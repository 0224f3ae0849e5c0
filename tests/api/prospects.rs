//! The operator's prospects from outside: create, list, search, page,
//! validation per field, the suppression list ("leave me alone for good"),
//! duplicates, "not interested" → the sweep erases the row and only the
//! keyed hash remains, the two-year erasure, and tenants kept out.

use chrono::{DateTime, Duration, TimeZone, Utc};
use diesel::prelude::*;
use ecom_storage::privacy::prospects;
use ecom_storage::schema::audit_log;
use ecom_storage::schema_consent::contact_suppressions;
use ecom_tests::{email, expect_json, expect_problem, TestApp};
use ecom_types::consent::SuppressionStatus;
use ecom_types::crm::DuplicateProblem;
use ecom_types::page::Page;
use ecom_types::prospects::{ProspectSource, ProspectStatus, ProspectView};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const BASE: &str = "/api/v1/operator/prospects";

fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

async fn create(app: &TestApp, op: &str, body: &Value) -> ProspectView {
    expect_json(app.post(BASE, Some(op), body).await, StatusCode::CREATED).await
}

async fn patch(app: &TestApp, op: &str, id: uuid::Uuid, body: &Value) -> reqwest::Response {
    app.request(Method::PATCH, &format!("{BASE}/{id}"), Some(op))
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn list(app: &TestApp, op: &str, query: &str) -> Page<ProspectView> {
    expect_json(
        app.get(&format!("{BASE}?{query}"), Some(op)).await,
        StatusCode::OK,
    )
    .await
}

/// The clock keeps running from where a test sets it: close enough.
fn about(at: DateTime<Utc>, expected: DateTime<Utc>) -> bool {
    (at - expected).abs() < Duration::seconds(30)
}

fn rows(app: &TestApp) -> Vec<uuid::Uuid> {
    let mut conn = app.database.get().unwrap();
    prospects::all(&mut conn)
        .unwrap()
        .into_iter()
        .map(|p| p.id)
        .collect()
}

#[tokio::test]
async fn the_operator_adds_lists_searches_and_pages_prospects() {
    let app = TestApp::spawn().await;
    let now = utc(2026, 11, 22, 10, 0);
    app.clock.set(now);
    let op = app.operator().await;
    let an = create(
        &app,
        &op,
        &json!({
            "email": " An@Bakkerij-Peeters.be ",
            "full_name": "An Peeters",
            "phone": "0470 12 34 67",
            "company": "Bakkerij Peeters",
            "interest_notes": "Asked about invoicing\nat the Gent fair",
            "source": "event"
        }),
    )
    .await;
    assert_eq!(an.email, "an@bakkerij-peeters.be");
    assert_eq!(an.phone.as_deref(), Some("+32470123467"), "stored in E.164");
    assert_eq!(an.source, ProspectSource::Event);
    assert_eq!(an.status, ProspectStatus::Active);
    assert!(about(an.last_interaction_at, now));
    // Two years after the Brussels day of the last interaction, from the next Brussels midnight.
    assert_eq!(an.erase_after, Some(utc(2028, 11, 22, 23, 0)));
    let got: ProspectView = expect_json(
        app.get(&format!("{BASE}/{}", an.id), Some(&op)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(got, an);

    // Only the e-mail address and the source are required.
    for i in 0..4 {
        app.clock.set(now + Duration::minutes(i + 1));
        create(
            &app,
            &op,
            &json!({ "email": format!("lead{i}@kbo-example.be"), "company": format!("Firma {i}"), "source": "kbo" }),
        )
        .await;
    }
    // Search on name, e-mail and company, case-insensitively.
    let by_name = list(&app, &op, "q=peeTERS").await;
    assert_eq!(
        by_name.items.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![an.id]
    );
    assert_eq!(list(&app, &op, "q=KBO-EXAMPLE").await.items.len(), 4);
    assert_eq!(list(&app, &op, "q=firma%203").await.items.len(), 1);
    assert!(list(&app, &op, "q=nobody").await.items.is_empty());
    // `%` is no wildcard.
    assert!(list(&app, &op, "q=%25").await.items.is_empty());

    // Pages of two, newest first by default, no row twice.
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let query = match &cursor {
            Some(c) => format!("limit=2&cursor={c}"),
            None => "limit=2".into(),
        };
        let page = list(&app, &op, &query).await;
        assert!(page.items.len() <= 2);
        seen.extend(page.items.iter().map(|p| p.created_at));
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(seen.len(), 5);
    assert!(seen.windows(2).all(|w| w[0] > w[1]), "{seen:?}");
    let by_email = list(&app, &op, "sort=email&limit=10").await;
    assert_eq!(by_email.items[0].email, "an@bakkerij-peeters.be");

    // Bad sort, cursor or status filter: 400.
    for query in ["sort=password", "cursor=garbage", "status=maybe"] {
        let response = app.get(&format!("{BASE}?{query}"), Some(&op)).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{query}");
    }
    let unknown = app
        .get(&format!("{BASE}/{}", uuid::Uuid::now_v7()), Some(&op))
        .await;
    expect_problem(unknown, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn invalid_fields_are_refused_one_by_one() {
    let app = TestApp::spawn().await;
    let op = app.operator().await;
    let problem = expect_problem(
        app.post(
            BASE,
            Some(&op),
            &json!({
                "email": "not an address",
                "full_name": "x".repeat(201),
                "phone": "call me maybe",
                "company": "Line\u{7}bell",
                "interest_notes": "y".repeat(2001),
                "source": "kbo"
            }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let mut fields: Vec<(&str, &str)> = problem
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect();
    fields.sort();
    assert_eq!(
        fields,
        vec![
            ("company", "invalid_characters"),
            ("email", "invalid_email"),
            ("full_name", "too_long"),
            ("interest_notes", "too_long"),
            ("phone", "invalid_phone"),
        ]
    );
    let missing = expect_problem(
        app.post(
            BASE,
            Some(&op),
            &json!({ "email": "  ", "source": "website" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(missing.errors[0].field, "email");
    assert_eq!(missing.errors[0].code, "required");
    // A Belgian number with a digit too few is no phone number.
    let short = expect_problem(
        app.post(
            BASE,
            Some(&op),
            &json!({ "email": "a@b.be", "phone": "0470 12 34 6", "source": "website" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(short.errors[0].field, "phone");
    // Unknown source or field: the body does not match the schema.
    for body in [
        json!({ "email": "a@b.be", "source": "carrier_pigeon" }),
        json!({ "email": "a@b.be", "source": "kbo", "vat": "BE0123" }),
        json!({ "email": "a@b.be" }),
    ] {
        expect_problem(
            app.post(BASE, Some(&op), &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        )
        .await;
    }
    assert!(rows(&app).is_empty());

    // The same checks on an edit.
    let p = create(
        &app,
        &op,
        &json!({ "email": "ok@firma.be", "source": "kbo" }),
    )
    .await;
    let bad = expect_problem(
        patch(&app, &op, p.id, &json!({ "email": "", "phone": "12" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(bad.errors.len(), 2);
}

#[tokio::test]
async fn duplicates_are_refused_with_the_existing_id() {
    let app = TestApp::spawn().await;
    let op = app.operator().await;
    let first = create(
        &app,
        &op,
        &json!({ "email": "jan@firma.be", "source": "website" }),
    )
    .await;
    let response = app
        .post(
            BASE,
            Some(&op),
            &json!({ "email": "JAN@firma.be ", "source": "kbo" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let problem: DuplicateProblem = response.json().await.unwrap();
    assert_eq!(problem.problem.code, "duplicate_email");
    assert_eq!(problem.existing_id, first.id);
    assert_eq!(problem.problem.errors[0].field, "email");

    // Changing another prospect's address to Jan's: the same 409.
    let second = create(
        &app,
        &op,
        &json!({ "email": "piet@firma.be", "source": "website" }),
    )
    .await;
    let response = patch(&app, &op, second.id, &json!({ "email": "jan@firma.be" })).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let problem: DuplicateProblem = response.json().await.unwrap();
    assert_eq!(problem.existing_id, first.id);
    assert_eq!(rows(&app).len(), 2);
}

#[tokio::test]
async fn people_on_the_suppression_list_cannot_be_added() {
    let app = TestApp::spawn().await;
    let op = app.operator().await;
    // "Call me no more" for the phone, no marketing for the e-mail address.
    for (channel, address, scope) in [
        ("phone", "+32 9 123 45 67", "sales_calls"),
        ("email", "Gone@Firma.be", "all_marketing"),
    ] {
        expect_json::<SuppressionStatus>(
            app.post(
                "/api/v1/operator/suppressions",
                Some(&op),
                &json!({ "channel": channel, "address": address, "scope": scope }),
            )
            .await,
            StatusCode::OK,
        )
        .await;
    }
    let by_email = expect_problem(
        app.post(
            BASE,
            Some(&op),
            &json!({ "email": "gone@firma.be", "source": "kbo" }),
        )
        .await,
        StatusCode::CONFLICT,
        "suppressed",
    )
    .await;
    assert_eq!(by_email.errors[0].field, "email");
    let by_phone = expect_problem(
        app.post(
            BASE,
            Some(&op),
            &json!({ "email": "new@firma.be", "phone": "09 123 45 67", "source": "kbo" }),
        )
        .await,
        StatusCode::CONFLICT,
        "suppressed",
    )
    .await;
    assert_eq!(by_phone.errors[0].field, "phone");
    assert!(rows(&app).is_empty());
    // Nor can an existing prospect be given that number.
    let p = create(
        &app,
        &op,
        &json!({ "email": "new@firma.be", "source": "kbo" }),
    )
    .await;
    expect_problem(
        patch(&app, &op, p.id, &json!({ "phone": "+3291234567" })).await,
        StatusCode::CONFLICT,
        "suppressed",
    )
    .await;
}

#[tokio::test]
async fn not_interested_suppresses_at_once_and_the_sweep_leaves_only_the_hash() {
    let app = TestApp::spawn().await;
    let now = utc(2026, 11, 22, 10, 0);
    app.clock.set(now);
    let op = app.operator().await;
    let p = create(
        &app,
        &op,
        &json!({ "email": "nee@firma.be", "full_name": "Nee Dank", "phone": "0470 98 76 54", "company": "Nee BV", "source": "kbo" }),
    )
    .await;
    let keep = create(
        &app,
        &op,
        &json!({ "email": "ja@firma.be", "source": "kbo" }),
    )
    .await;
    app.clock.set(now + Duration::hours(1));
    let op = app.operator().await;
    let marked: ProspectView = expect_json(
        app.post(
            &format!("{BASE}/{}/not-interested", p.id),
            Some(&op),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(marked.status, ProspectStatus::NotInterested);
    let at = marked.not_interested_at.unwrap();
    assert!(about(at, now + Duration::hours(1)));
    assert_eq!(marked.erase_after, Some(at));
    // Twice: no change.
    let again: ProspectView = expect_json(
        app.post(
            &format!("{BASE}/{}/not-interested", p.id),
            Some(&op),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(again.not_interested_at, marked.not_interested_at);
    // The suppression is there before the sweep ran: the same transaction.
    let check = |op: String, channel: &'static str, address: &'static str, scope: &'static str| {
        let app = &app;
        async move {
            let status: SuppressionStatus = expect_json(
                app.post(
                    "/api/v1/operator/suppressions/check",
                    Some(&op),
                    &json!({ "channel": channel, "address": address, "scope": scope }),
                )
                .await,
                StatusCode::OK,
            )
            .await;
            status.listed
        }
    };
    assert!(check(op.clone(), "email", "NEE@firma.be", "all_marketing").await);
    assert!(check(op.clone(), "phone", "+32 470 98 76 54", "sales_calls").await);
    assert!(!check(op.clone(), "email", "ja@firma.be", "all_marketing").await);
    // Filtered by status; no edits while it awaits erasure.
    let refused = list(&app, &op, "status=not_interested").await;
    assert_eq!(
        refused.items.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![p.id]
    );
    let active = list(&app, &op, "status=active").await;
    assert_eq!(
        active.items.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![keep.id]
    );
    expect_problem(
        patch(&app, &op, p.id, &json!({ "record_interaction": true })).await,
        StatusCode::CONFLICT,
        "not_interested",
    )
    .await;

    // The sweep: the row is gone, the keyed hashes stay.
    app.at(now + Duration::hours(2)).await;
    let op = app.operator().await;
    assert_eq!(rows(&app), vec![keep.id]);
    expect_problem(
        app.get(&format!("{BASE}/{}", p.id), Some(&op)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert!(check(op.clone(), "email", "nee@firma.be", "sales_calls").await);
    assert!(check(op.clone(), "phone", "0470987654", "all_marketing").await);
    {
        let mut conn = app.database.get().unwrap();
        let hashes: Vec<String> = contact_suppressions::table
            .select(contact_suppressions::address_hash)
            .load(&mut conn)
            .unwrap();
        assert_eq!(hashes.len(), 4, "e-mail and phone, two scopes each");
        assert!(hashes.iter().all(|h| h.len() == 64 && !h.contains('@')));
    }
    // And the person cannot be added again.
    expect_problem(
        app.post(
            BASE,
            Some(&op),
            &json!({ "email": "nee@firma.be", "source": "website" }),
        )
        .await,
        StatusCode::CONFLICT,
        "suppressed",
    )
    .await;

    // Every change is in the audit log, without personal data.
    let mut conn = app.database.get().unwrap();
    let entries: Vec<(String, String)> = audit_log::table
        .filter(audit_log::action.like("%prospect%"))
        .select((audit_log::action, audit_log::details))
        .load(&mut conn)
        .unwrap();
    let actions: Vec<&str> = entries.iter().map(|(a, _)| a.as_str()).collect();
    for expected in [
        "prospect.created",
        "prospect.not_interested",
        "retention.prospect_erased",
    ] {
        assert!(actions.contains(&expected), "{actions:?}");
    }
    for (_, details) in &entries {
        for personal in ["nee@", "firma.be", "Nee", "470"] {
            assert!(!details.contains(personal), "{details}");
        }
    }
}

#[tokio::test]
async fn prospects_are_erased_two_years_after_the_last_interaction() {
    let app = TestApp::spawn().await;
    let start = utc(2026, 11, 22, 10, 0);
    app.clock.set(start);
    let op = app.operator().await;
    let quiet = create(
        &app,
        &op,
        &json!({ "email": "stil@firma.be", "source": "referral" }),
    )
    .await;
    let talked = create(
        &app,
        &op,
        &json!({ "email": "praat@firma.be", "source": "website" }),
    )
    .await;
    assert_eq!(quiet.erase_after, Some(utc(2028, 11, 22, 23, 0)));

    // An interaction a year later restarts the two years for that one.
    app.clock.set(utc(2027, 6, 1, 9, 0));
    let op = app.operator().await;
    let edited: ProspectView = expect_json(
        patch(
            &app,
            &op,
            talked.id,
            &json!({ "interest_notes": "wants a demo", "full_name": "Piet Praat", "record_interaction": true }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(about(edited.last_interaction_at, utc(2027, 6, 1, 9, 0)));
    assert_eq!(edited.full_name.as_deref(), Some("Piet Praat"));
    // Summer time: Brussels midnight is 22:00 UTC.
    assert_eq!(edited.erase_after, Some(utc(2029, 6, 1, 22, 0)));
    // An edit without `record_interaction` does not; an empty text clears.
    let cleared: ProspectView = expect_json(
        patch(&app, &op, talked.id, &json!({ "full_name": "" })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(cleared.full_name, None);
    assert_eq!(cleared.last_interaction_at, edited.last_interaction_at);

    // The day before: both kept. The last minute of the Brussels day: kept.
    app.at(utc(2028, 11, 21, 12, 0)).await;
    assert_eq!(rows(&app).len(), 2);
    app.at(utc(2028, 11, 22, 22, 59)).await;
    assert_eq!(rows(&app).len(), 2);
    // The day of: from the Brussels midnight the quiet one is gone.
    app.at(utc(2028, 11, 22, 23, 0)).await;
    assert_eq!(rows(&app), vec![talked.id]);
    app.at(utc(2029, 6, 1, 21, 59)).await;
    assert_eq!(rows(&app), vec![talked.id]);
    app.at(utc(2029, 6, 1, 22, 0)).await;
    assert!(rows(&app).is_empty());
    let op = app.operator().await;
    // Erased by time: not suppressed, may be added again.
    create(
        &app,
        &op,
        &json!({ "email": "stil@firma.be", "source": "kbo" }),
    )
    .await;
}

#[tokio::test]
async fn the_operator_erases_a_prospect_now() {
    let app = TestApp::spawn().await;
    let op = app.operator().await;
    let p = create(
        &app,
        &op,
        &json!({ "email": "weg@firma.be", "source": "other" }),
    )
    .await;
    let response = app.delete(&format!("{BASE}/{}", p.id), Some(&op)).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(rows(&app).is_empty());
    expect_problem(
        app.delete(&format!("{BASE}/{}", p.id), Some(&op)).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let mut conn = app.database.get().unwrap();
    let deleted: Vec<String> = audit_log::table
        .filter(audit_log::action.eq("prospect.deleted"))
        .select(audit_log::details)
        .load(&mut conn)
        .unwrap();
    assert_eq!(deleted.len(), 1);
    assert!(!deleted[0].contains("weg@"));
}

#[tokio::test]
async fn tenants_and_strangers_are_refused() {
    let app = TestApp::spawn().await;
    let op = app.operator().await;
    let p = create(
        &app,
        &op,
        &json!({ "email": "lead@firma.be", "source": "kbo" }),
    )
    .await;
    let tenant = app.signup("Klant BV", &email("admin")).await;
    let item = format!("{BASE}/{}", p.id);
    let attempts = [
        (Method::GET, BASE.to_owned(), None),
        (
            Method::POST,
            BASE.to_owned(),
            Some(json!({ "email": "x@y.be", "source": "kbo" })),
        ),
        (Method::GET, item.clone(), None),
        (
            Method::PATCH,
            item.clone(),
            Some(json!({ "record_interaction": true })),
        ),
        (
            Method::POST,
            format!("{item}/not-interested"),
            Some(json!({})),
        ),
        (Method::DELETE, item.clone(), None),
    ];
    for (method, path, body) in attempts {
        for (token, status) in [
            (Some(tenant.access.as_str()), StatusCode::FORBIDDEN),
            (None, StatusCode::UNAUTHORIZED),
        ] {
            let mut request = app.request(method.clone(), &path, token);
            if let Some(body) = &body {
                request = request.json(body);
            }
            let response = request.send().await.unwrap();
            assert_eq!(response.status(), status, "{method} {path}");
        }
    }
    assert_eq!(rows(&app), vec![p.id]);
    let still: ProspectView = expect_json(app.get(&item, Some(&op)).await, StatusCode::OK).await;
    assert_eq!(still.status, ProspectStatus::Active);
}
