//! Input no handler can use, refused alike on both engines (issue 12):
//! U+0000 in any text (PostgreSQL cannot store it: a 500 there, stored on
//! SQLite), dates outside the business range, JSON bodies that are not
//! objects.

use ecom_tests::{email, expect_json, expect_problem, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    body: &Value,
) -> reqwest::Response {
    app.request(method, path, Some(token))
        .json(body)
        .send()
        .await
        .expect("the request was sent")
}

async fn created(app: &TestApp, token: &str, path: &str, body: Value) -> String {
    let value: Value = expect_json(
        app.post(path, Some(token), &body).await,
        StatusCode::CREATED,
    )
    .await;
    value["id"]
        .as_str()
        .or_else(|| value.as_object()?.values().find_map(|v| v["id"].as_str()))
        .unwrap_or_default()
        .to_owned()
}

/// 400 `nul_character` naming `field`, as problem+json.
async fn nul_refused(response: reqwest::Response, field: &str) {
    let problem = expect_problem(response, StatusCode::BAD_REQUEST, "nul_character").await;
    assert_eq!(problem.errors.len(), 1, "{problem:?}");
    assert_eq!(problem.errors[0].field, field, "{problem:?}");
    assert!(
        problem.detail.contains(field) && problem.detail.contains("U+0000"),
        "{}",
        problem.detail
    );
}

#[tokio::test]
async fn a_nul_character_anywhere_is_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("nul")).await.access;
    let company = created(
        &app,
        &admin,
        "/api/v1/companies",
        json!({ "name": "Klant NV" }),
    )
    .await;
    let project = created(
        &app,
        &admin,
        "/api/v1/projects",
        json!({ "name": "Site", "company_id": company, "hourly_rate": "50" }),
    )
    .await;

    let bodies: &[(&str, &str, Value, &str)] = &[
        (
            "POST",
            "/api/v1/companies",
            json!({ "name": "Bad\u{0}Name NV" }),
            "name",
        ),
        (
            "POST",
            "/api/v1/contacts",
            json!({ "first_name": "Els", "last_name": "Maes", "notes": "x\u{0}" }),
            "notes",
        ),
        (
            "POST",
            "/api/v1/deals",
            json!({ "title": "\u{0}", "stage": "lead", "value": "1000", "company_id": company }),
            "title",
        ),
        (
            "POST",
            &format!("/api/v1/projects/{project}/tasks"),
            json!({ "title": "Task\u{0}" }),
            "title",
        ),
        (
            "POST",
            "/api/v1/time-entries",
            json!({ "project_id": project, "date": "2026-12-01", "minutes": 60, "description": "a\u{0}b", "billable": true }),
            "description",
        ),
        (
            "POST",
            "/api/v1/calendar/events",
            json!({ "title": "\u{0}", "starts_at": "2026-12-01T09:00:00Z", "ends_at": "2026-12-01T10:00:00Z" }),
            "title",
        ),
        (
            "POST",
            "/api/v1/webhooks",
            json!({ "url": "http://127.0.0.1:9/hook", "events": ["*"], "description": "\u{0}" }),
            "description",
        ),
        (
            "POST",
            "/api/v1/sales-invoices",
            json!({ "company_id": company, "lines": [
            { "description": "Work", "quantity": "1", "unit_price": "100.00", "vat_rate": "21" },
            { "description": "More\u{0}", "quantity": "1", "unit_price": "100.00", "vat_rate": "21" }] }),
            "lines[1].description",
        ),
        (
            "PUT",
            &format!("/api/v1/companies/{company}"),
            json!({ "name": "\u{0}" }),
            "name",
        ),
    ];
    for (method, path, body, field) in bodies {
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        nul_refused(send(&app, method, path, &admin, body).await, field).await;
    }
    // Nothing half-written: only the fixture company exists, unchanged.
    let companies: Value = expect_json(
        app.get("/api/v1/companies", Some(&admin)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        companies["items"].as_array().map(Vec::len),
        Some(1),
        "{companies}"
    );
    assert_eq!(companies["items"][0]["name"], "Klant NV");

    // A path segment and a CSV import.
    nul_refused(app.get("/api/v1/companies/%00", Some(&admin)).await, "path").await;
    let csv = app
        .request(Method::POST, "/api/v1/companies/import", Some(&admin))
        .header("content-type", "text/csv")
        .body("name,city\nGood NV,Gent\nBad\0 NV,Gent\n")
        .send()
        .await
        .unwrap();
    nul_refused(csv, "line 3 of the CSV file").await;
}

/// Every list that takes `q`, from the OpenAPI document (`{id}`: `project`).
fn lists_with_q(project: &str) -> Vec<String> {
    let doc: Value = serde_json::from_str(&ecom_server::openapi::to_json()).unwrap();
    let mut lists = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        let Some(params) = item["get"]["parameters"].as_array() else {
            continue;
        };
        if params
            .iter()
            .any(|p| p["name"] == "q" && p["in"] == "query")
        {
            lists.push(path.replace("{id}", project));
        }
    }
    lists
}

#[tokio::test]
async fn a_nul_in_the_search_of_every_list_is_refused() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("q")).await.access;
    let company = created(
        &app,
        &admin,
        "/api/v1/companies",
        json!({ "name": "Klant NV" }),
    )
    .await;
    let project = created(
        &app,
        &admin,
        "/api/v1/projects",
        json!({ "name": "Site", "company_id": company, "hourly_rate": "50" }),
    )
    .await;
    let operator = app.operator().await;
    let lists = lists_with_q(&project);
    assert!(lists.len() >= 10, "{lists:?}");
    for path in lists {
        let token = if path.starts_with("/api/v1/operator/") {
            &operator
        } else {
            &admin
        };
        let response = app.get(&format!("{path}?q=%00x"), Some(token)).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{path}");
        nul_refused(response, "query parameter 'q'").await;
        // The same list without the NUL answers.
        let fine = app.get(&format!("{path}?q=x"), Some(token)).await;
        assert!(fine.status().is_success(), "{path}: {}", fine.status());
    }
}

#[tokio::test]
async fn dates_outside_the_business_range_are_refused_naming_the_field() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("dates")).await.access;
    let company = created(
        &app,
        &admin,
        "/api/v1/companies",
        json!({ "name": "Klant NV" }),
    )
    .await;
    let project = created(
        &app,
        &admin,
        "/api/v1/projects",
        json!({ "name": "Site", "company_id": company, "hourly_rate": "50" }),
    )
    .await;
    let deal = created(
        &app,
        &admin,
        "/api/v1/deals",
        json!({ "title": "Deal", "stage": "lead", "value": "1000", "company_id": company }),
    )
    .await;
    let invoice = uuid::Uuid::now_v7();

    let cases: &[(&str, String, Value, &str)] = &[
        (
            "POST",
            "/api/v1/deals".into(),
            json!({ "title": "Old", "stage": "lead", "value": "1", "company_id": company, "expected_close_date": "0000-01-01" }),
            "expected_close_date",
        ),
        (
            "PUT",
            format!("/api/v1/deals/{deal}"),
            json!({ "title": "Deal", "stage": "lead", "value": "1000", "company_id": company, "expected_close_date": "0000-01-01" }),
            "expected_close_date",
        ),
        (
            "POST",
            "/api/v1/time-entries".into(),
            json!({ "project_id": project, "date": "0000-01-01", "minutes": 60, "description": "Work", "billable": true }),
            "date",
        ),
        (
            "POST",
            "/api/v1/calendar/events".into(),
            json!({ "title": "Old", "starts_at": "0000-01-01T09:00:00Z", "ends_at": "2026-12-01T10:00:00Z" }),
            "starts_at",
        ),
        (
            "POST",
            format!("/api/v1/projects/{project}/tasks"),
            json!({ "title": "Far", "due_date": "3000-01-01" }),
            "due_date",
        ),
        (
            "POST",
            "/api/v1/quotations".into(),
            json!({ "company_id": company, "valid_until": "3000-01-01", "lines": [{ "description": "Work", "quantity": "1", "unit_price": "100.00", "vat_rate": "21" }] }),
            "valid_until",
        ),
        (
            "POST",
            format!("/api/v1/sales-invoices/{invoice}/payments"),
            json!({ "amount": "10.00", "received_on": "0000-01-01" }),
            "received_on",
        ),
        (
            "POST",
            "/api/v1/api-keys".into(),
            json!({ "name": "far", "scopes": ["crm:read"], "expires_at": "3000-01-01T00:00:00Z" }),
            "expires_at",
        ),
    ];
    for (method, path, body, field) in cases {
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let problem = expect_problem(
            send(&app, method, path, &admin, body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(problem.errors.len(), 1, "{path}: {problem:?}");
        assert_eq!(problem.errors[0].field, *field, "{path}");
        assert_eq!(problem.errors[0].code, "date_out_of_range", "{path}");
        assert!(
            problem.errors[0].message.contains("1900")
                && problem.errors[0].message.contains("2999")
        );
    }
    // The operator's payments too.
    let operator = app.operator().await;
    let payment = app
        .request(Method::POST, "/api/v1/operator/payments", Some(&operator))
        .header("idempotency-key", uuid::Uuid::now_v7().to_string())
        .json(&json!({ "tenant_id": uuid::Uuid::now_v7(), "amount": "1.00", "received_on": "0000-01-01" }))
        .send()
        .await
        .unwrap();
    let problem = expect_problem(
        payment,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem.errors[0].field, "received_on", "{problem:?}");
    // The edges pass.
    created(&app, &admin, "/api/v1/deals", json!({ "title": "Edge", "stage": "lead", "value": "1", "company_id": company, "expected_close_date": "2999-12-31" })).await;
    created(&app, &admin, "/api/v1/time-entries", json!({ "project_id": project, "date": "1900-01-01", "minutes": 60, "description": "Work", "billable": true })).await;
}

#[tokio::test]
async fn a_json_body_must_be_an_object() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("shape")).await.access;
    let hook = created(
        &app,
        &admin,
        "/api/v1/webhooks",
        json!({ "url": "http://127.0.0.1:9/hook", "events": ["*"] }),
    )
    .await;
    let path = format!("/api/v1/webhooks/{hook}");
    for body in [
        json!([]),
        json!(["http://127.0.0.1:9/other"]),
        json!("x"),
        json!(1),
    ] {
        let problem = expect_problem(
            send(&app, Method::PATCH, &path, &admin, &body).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_body",
        )
        .await;
        assert!(problem.detail.contains("JSON object"), "{}", problem.detail);
    }
    // An object still changes it.
    let changed: Value = expect_json(
        send(
            &app,
            Method::PATCH,
            &path,
            &admin,
            &json!({ "enabled": false }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed["enabled"], false, "{changed}");
}

#[tokio::test]
async fn query_dates_outside_the_business_range_are_refused_after_the_callers_check() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("query-dates")).await.access;
    for (path, field) in [
        ("/api/v1/time-entries?from=0000-01-01", "from"),
        ("/api/v1/sales-invoices?to=3000-01-01", "to"),
        ("/api/v1/calendar/events?from=0000-01-01T00:00:00Z", "from"),
        ("/api/v1/sales-invoices/revenue?from=1899-12-31", "from"),
    ] {
        let problem = expect_problem(
            app.get(path, Some(&admin)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(problem.errors.len(), 1, "{path}: {problem:?}");
        assert_eq!(problem.errors[0].field, field, "{path}");
        assert_eq!(problem.errors[0].code, "date_out_of_range", "{path}");
    }
    expect_json::<Value>(
        app.get(
            "/api/v1/time-entries?from=1900-01-01&to=2999-12-31",
            Some(&admin),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    // A User is refused the Administrator's endpoint before its query is judged.
    let (_, user) = app.add_user(&admin, &email("query-user")).await;
    let key = uuid::Uuid::now_v7();
    for query in ["grace_period_seconds=abc", "unknown=1"] {
        expect_problem(
            app.post(
                &format!("/api/v1/api-keys/{key}/rotate?{query}"),
                Some(&user),
                &json!({}),
            )
            .await,
            StatusCode::FORBIDDEN,
            "administrator_only",
        )
        .await;
    }
}
