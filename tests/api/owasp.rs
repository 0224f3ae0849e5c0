//! OWASP API Security Top 10 checks, table-driven so every new resource is
//! one line:
//! - API1 (object level authorisation): another tenant's object by id, in
//!   lists and in filters → 404 / absent ([`RESOURCES`]);
//! - API5 (function level authorisation): a User calling the Administrator's
//!   functions → 403, and a scoped API key outside its scopes → 403
//!   `missing_scope` ([`ADMIN_ONLY`], [`SCOPED`]);
//! - API3/API6 (mass assignment): fields a client may not set (tenant_id,
//!   role, totals, invoice numbers, ids) are refused ([`MASS_ASSIGNMENT`]);
//! - API4 (resource consumption): page sizes are capped ([`PAGED_LISTS`]);
//! - API2 (authentication): expired, forged and `alg: none` JWTs are refused.

use base64::Engine;
use ecom_tests::{email, expect_json, expect_problem, TestApp};
use ecom_types::billing::InvoiceList;
use futures_util::future::BoxFuture;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

/// A tenant: its Administrator's token and a full-access API key.
pub struct Tenant {
    pub tenant_id: uuid::Uuid,
    pub admin: String,
    pub key: String,
}

async fn tenant(app: &TestApp, name: &str) -> Tenant {
    let signed = app.signup(name, &email(name)).await;
    let (_, key) = app.create_api_key(&signed.access, "owasp").await;
    Tenant {
        tenant_id: signed.tenant_id,
        admin: signed.access,
        key,
    }
}

/// A tenant-owned resource.
pub struct Resource {
    pub name: &'static str,
    /// Creates one in the tenant and returns its id.
    pub create: for<'a> fn(&'a TestApp, &'a Tenant) -> BoxFuture<'a, String>,
    /// Requests that address it by id, `(method, path, JSON body or "")`
    /// (`{id}` is replaced): each must be 404 for another tenant, so the body
    /// must be one the owner could send.
    pub by_id: &'static [(&'static str, &'static str, &'static str)],
    /// Lists (and filtered lists, `{id}` replaced) that must not show it to another tenant.
    pub lists: &'static [&'static str],
}

fn create_user<'a>(app: &'a TestApp, t: &'a Tenant) -> BoxFuture<'a, String> {
    Box::pin(async move { app.add_user(&t.admin, &email("owasp-user")).await.0 })
}

fn create_api_key<'a>(app: &'a TestApp, t: &'a Tenant) -> BoxFuture<'a, String> {
    Box::pin(async move {
        app.create_scoped_api_key(&t.admin, "victim", &["crm:read"])
            .await
            .0
    })
}

fn create_webhook<'a>(app: &'a TestApp, t: &'a Tenant) -> BoxFuture<'a, String> {
    Box::pin(async move {
        let body: Value = expect_json(
            app.post(
                "/api/v1/webhooks",
                Some(&t.admin),
                &json!({ "url": "http://127.0.0.1:9/hook", "events": ["*"] }),
            )
            .await,
            StatusCode::CREATED,
        )
        .await;
        body["webhook"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    })
}

fn create_invoice<'a>(app: &'a TestApp, t: &'a Tenant) -> BoxFuture<'a, String> {
    Box::pin(async move {
        expect_json::<Value>(
            app.post(
                "/api/v1/contract/order",
                Some(&t.admin),
                &json!({ "term_length": "year", "modules": ["crm", "api"] }),
            )
            .await,
            StatusCode::CREATED,
        )
        .await;
        let invoices: InvoiceList = expect_json(
            app.get("/api/v1/invoices", Some(&t.admin)).await,
            StatusCode::OK,
        )
        .await;
        invoices.items[0].id.to_string()
    })
}

/// The id of a created resource: `id` at the top or in its first nested object (`summary.id`, `deal.id`).
fn id_of(body: &Value) -> String {
    if let Some(id) = body["id"].as_str() {
        return id.to_owned();
    }
    body.as_object()
        .and_then(|o| o.values().find_map(|v| v["id"].as_str().map(str::to_owned)))
        .unwrap_or_default()
}

async fn created(app: &TestApp, t: &Tenant, path: &str, body: Value) -> String {
    id_of(
        &expect_json::<Value>(
            app.post(path, Some(&t.admin), &body).await,
            StatusCode::CREATED,
        )
        .await,
    )
}

async fn victim_company(app: &TestApp, t: &Tenant) -> String {
    created(app, t, "/api/v1/companies", json!({ "name": "Victim NV" })).await
}

async fn victim_project(app: &TestApp, t: &Tenant) -> String {
    let company = victim_company(app, t).await;
    created(
        app,
        t,
        "/api/v1/projects",
        json!({ "name": "Victim site", "company_id": company, "hourly_rate": "50" }),
    )
    .await
}

fn sales_lines() -> Value {
    json!([{ "description": "Work", "quantity": "1", "unit_price": "100.00", "vat_rate": "21" }])
}

fn create_company<'a>(app: &'a TestApp, t: &'a Tenant) -> BoxFuture<'a, String> {
    Box::pin(victim_company(app, t))
}

fn create_contact<'a>(app: &'a TestApp, t: &'a Tenant) -> BoxFuture<'a, String> {
    Box::pin(async move {
        created(
            app,
            t,
            "/api/v1/contacts",
            json!({ "first_name": "Els", "last_name": "Victim", "email": "els@victim.example" }),
        )
        .await
    })
}

fn create_deal<'a>(app: &'a TestApp, t: &'a Tenant) -> BoxFuture<'a, String> {
    Box::pin(async move {
        let company = victim_company(app, t).await;
        created(app, t, "/api/v1/deals", json!({ "title": "Victim deal", "stage": "lead", "value": "1000", "company_id": company })).await
    })
}

fn create_quotation<'a>(app: &'a TestApp, t: &'a Tenant) -> BoxFuture<'a, String> {
    Box::pin(async move {
        let company = victim_company(app, t).await;
        created(
            app,
            t,
            "/api/v1/quotations",
            json!({ "company_id": company, "valid_until": "2099-12-31", "lines": sales_lines() }),
        )
        .await
    })
}

fn create_sales_invoice<'a>(app: &'a TestApp, t: &'a Tenant) -> BoxFuture<'a, String> {
    Box::pin(async move {
        let company = victim_company(app, t).await;
        created(
            app,
            t,
            "/api/v1/sales-invoices",
            json!({ "company_id": company, "lines": sales_lines() }),
        )
        .await
    })
}

fn create_calendar_event<'a>(app: &'a TestApp, t: &'a Tenant) -> BoxFuture<'a, String> {
    Box::pin(async move {
        created(app, t, "/api/v1/calendar/events", json!({ "title": "Victim meeting", "starts_at": "2026-12-01T09:00:00Z", "ends_at": "2026-12-01T10:00:00Z" })).await
    })
}

fn create_project<'a>(app: &'a TestApp, t: &'a Tenant) -> BoxFuture<'a, String> {
    Box::pin(victim_project(app, t))
}

fn create_task<'a>(app: &'a TestApp, t: &'a Tenant) -> BoxFuture<'a, String> {
    Box::pin(async move {
        let project = victim_project(app, t).await;
        created(
            app,
            t,
            &format!("/api/v1/projects/{project}/tasks"),
            json!({ "title": "Victim task" }),
        )
        .await
    })
}

fn create_time_entry<'a>(app: &'a TestApp, t: &'a Tenant) -> BoxFuture<'a, String> {
    Box::pin(async move {
        let project = victim_project(app, t).await;
        created(app, t, "/api/v1/time-entries", json!({ "project_id": project, "date": "2026-12-01", "minutes": 60, "description": "Victim work", "billable": true })).await
    })
}

fn create_ticket<'a>(app: &'a TestApp, t: &'a Tenant) -> BoxFuture<'a, String> {
    Box::pin(async move {
        let contact = created(
            app,
            t,
            "/api/v1/contacts",
            json!({ "first_name": "Jan", "last_name": "Victim" }),
        )
        .await;
        created(
            app,
            t,
            "/api/v1/tickets",
            json!({ "subject": "Victim ticket", "requester_id": contact }),
        )
        .await
    })
}

fn create_call<'a>(app: &'a TestApp, t: &'a Tenant) -> BoxFuture<'a, String> {
    Box::pin(async move {
        created(app, t, "/api/v1/calls", json!({ "number": "092345678", "direction": "inbound", "started_at": "2026-12-01T09:00:00Z", "outcome": "answered" })).await
    })
}

/// Every tenant-owned resource. Module resources add one line each, e.g.
/// `Resource { name: "contact", create: create_contact, by_id: &[("GET", "/api/v1/contacts/{id}", ""),
/// ("PATCH", "/api/v1/contacts/{id}", r#"{"first_name":"X"}"#), ("DELETE", "/api/v1/contacts/{id}", "")],
/// lists: &["/api/v1/contacts", "/api/v1/deals?contact_id={id}"] }`.
pub const RESOURCES: &[Resource] = &[
    Resource {
        name: "user",
        create: create_user,
        by_id: &[
            ("POST", "/api/v1/users/{id}/deactivate", "{}"),
            ("POST", "/api/v1/users/{id}/reactivate", "{}"),
            ("POST", "/api/v1/users/{id}/invitation", "{}"),
        ],
        lists: &["/api/v1/users"],
    },
    Resource {
        name: "api key",
        create: create_api_key,
        by_id: &[
            ("DELETE", "/api/v1/api-keys/{id}", ""),
            ("POST", "/api/v1/api-keys/{id}/rotate", ""),
        ],
        lists: &["/api/v1/api-keys"],
    },
    Resource {
        name: "webhook",
        create: create_webhook,
        by_id: &[
            ("GET", "/api/v1/webhooks/{id}", ""),
            ("PATCH", "/api/v1/webhooks/{id}", r#"{"enabled":false}"#),
            ("GET", "/api/v1/webhooks/{id}/deliveries", ""),
            ("POST", "/api/v1/webhooks/{id}/deliveries/{id}/replay", ""),
            ("DELETE", "/api/v1/webhooks/{id}", ""),
        ],
        lists: &["/api/v1/webhooks"],
    },
    Resource {
        name: "company",
        create: create_company,
        by_id: &[
            ("GET", "/api/v1/companies/{id}", ""),
            ("PUT", "/api/v1/companies/{id}", r#"{"name":"Taken"}"#),
            ("DELETE", "/api/v1/companies/{id}", ""),
        ],
        lists: &[
            "/api/v1/companies",
            "/api/v1/companies?q=Victim",
            "/api/v1/contacts?company_id={id}",
            "/api/v1/deals?company_id={id}",
            "/api/v1/invoicing/customers",
        ],
    },
    Resource {
        name: "contact",
        create: create_contact,
        by_id: &[
            ("GET", "/api/v1/contacts/{id}", ""),
            (
                "PUT",
                "/api/v1/contacts/{id}",
                r#"{"first_name":"Taken","last_name":"Over"}"#,
            ),
            ("DELETE", "/api/v1/contacts/{id}", ""),
        ],
        lists: &[
            "/api/v1/contacts",
            "/api/v1/contacts?q=Victim",
            "/api/v1/contacts/duplicates",
            "/api/v1/deals?contact_id={id}",
            "/api/v1/calendar/events?contact_id={id}",
        ],
    },
    Resource {
        name: "deal",
        create: create_deal,
        by_id: &[
            ("GET", "/api/v1/deals/{id}", ""),
            (
                "PUT",
                "/api/v1/deals/{id}",
                r#"{"title":"Taken","stage":"won","value":"1"}"#,
            ),
            ("DELETE", "/api/v1/deals/{id}", ""),
        ],
        lists: &["/api/v1/deals", "/api/v1/deals/pipeline"],
    },
    Resource {
        name: "quotation",
        create: create_quotation,
        by_id: &[
            ("GET", "/api/v1/quotations/{id}", ""),
            ("GET", "/api/v1/quotations/{id}/pdf", ""),
            ("POST", "/api/v1/quotations/{id}/send", "{}"),
            ("POST", "/api/v1/quotations/{id}/invoice", "{}"),
            ("DELETE", "/api/v1/quotations/{id}", ""),
        ],
        lists: &["/api/v1/quotations"],
    },
    Resource {
        name: "sales invoice",
        create: create_sales_invoice,
        by_id: &[
            ("GET", "/api/v1/sales-invoices/{id}", ""),
            ("GET", "/api/v1/sales-invoices/{id}/pdf", ""),
            ("POST", "/api/v1/sales-invoices/{id}/issue", "{}"),
            (
                "POST",
                "/api/v1/sales-invoices/{id}/payments",
                r#"{"amount":"1.00"}"#,
            ),
            ("DELETE", "/api/v1/sales-invoices/{id}", ""),
        ],
        lists: &["/api/v1/sales-invoices", "/api/v1/sales-invoices/revenue"],
    },
    Resource {
        name: "calendar event",
        create: create_calendar_event,
        by_id: &[
            ("GET", "/api/v1/calendar/events/{id}", ""),
            ("DELETE", "/api/v1/calendar/events/{id}", ""),
        ],
        lists: &["/api/v1/calendar/events?from=2026-11-01T00:00:00Z&to=2027-01-01T00:00:00Z"],
    },
    Resource {
        name: "project",
        create: create_project,
        by_id: &[
            ("GET", "/api/v1/projects/{id}", ""),
            (
                "PUT",
                "/api/v1/projects/{id}",
                r#"{"name":"Taken","hourly_rate":"1"}"#,
            ),
            ("GET", "/api/v1/projects/{id}/billable", ""),
            ("GET", "/api/v1/projects/{id}/tasks", ""),
            (
                "POST",
                "/api/v1/projects/{id}/tasks",
                r#"{"title":"Planted"}"#,
            ),
            ("POST", "/api/v1/projects/{id}/invoice", ""),
            ("DELETE", "/api/v1/projects/{id}", ""),
        ],
        lists: &[
            "/api/v1/projects",
            "/api/v1/time-entries?project_id={id}",
            "/api/v1/tasks?project_id={id}",
        ],
    },
    Resource {
        name: "task",
        create: create_task,
        by_id: &[
            ("GET", "/api/v1/tasks/{id}", ""),
            ("PUT", "/api/v1/tasks/{id}", r#"{"title":"Taken"}"#),
            ("DELETE", "/api/v1/tasks/{id}", ""),
        ],
        lists: &["/api/v1/tasks"],
    },
    Resource {
        name: "time entry",
        create: create_time_entry,
        by_id: &[
            ("GET", "/api/v1/time-entries/{id}", ""),
            ("DELETE", "/api/v1/time-entries/{id}", ""),
        ],
        lists: &["/api/v1/time-entries"],
    },
    Resource {
        name: "ticket",
        create: create_ticket,
        by_id: &[
            ("GET", "/api/v1/tickets/{id}", ""),
            ("GET", "/api/v1/tickets/{id}/messages", ""),
            (
                "POST",
                "/api/v1/tickets/{id}/messages",
                r#"{"body":"Planted"}"#,
            ),
            ("DELETE", "/api/v1/tickets/{id}", ""),
        ],
        lists: &["/api/v1/tickets"],
    },
    Resource {
        name: "call",
        create: create_call,
        by_id: &[
            ("GET", "/api/v1/calls/{id}", ""),
            ("DELETE", "/api/v1/calls/{id}", ""),
        ],
        lists: &["/api/v1/calls"],
    },
    // Last: it orders a contract (CRM and API only), closing the other modules.
    Resource {
        name: "invoice",
        create: create_invoice,
        by_id: &[
            ("GET", "/api/v1/invoices/{id}", ""),
            ("GET", "/api/v1/invoices/{id}/pdf", ""),
            ("GET", "/api/v1/invoices/{id}/ubl", ""),
            (
                "POST",
                "/api/v1/invoices/{id}/dispute",
                r#"{"invoice_number":"2026-000001","reasons":"probe"}"#,
            ),
        ],
        lists: &[
            "/api/v1/invoices",
            "/api/v1/billing/statement",
            "/api/v1/timeline",
            "/api/v1/change-notices",
            "/api/v1/contract",
        ],
    },
];

fn method(name: &str) -> Method {
    Method::from_bytes(name.as_bytes()).unwrap_or(Method::GET)
}

#[tokio::test]
async fn another_tenants_objects_are_not_found_by_id_nor_listed() {
    let app = TestApp::spawn().await;
    let victim = tenant(&app, "victim").await;
    let attacker = tenant(&app, "attacker").await;
    for resource in RESOURCES {
        let id = (resource.create)(&app, &victim).await;
        assert!(!id.is_empty(), "{}: created", resource.name);
        for credential in [attacker.admin.as_str(), attacker.key.as_str()] {
            for (verb, path, body) in resource.by_id {
                let path = path.replace("{id}", &id);
                let mut request = app.request(method(verb), &path, Some(credential));
                if !body.is_empty() {
                    request = request
                        .header("Content-Type", "application/json")
                        .body(*body);
                }
                let response = request.send().await.unwrap();
                let status = response.status();
                let text = response.text().await.unwrap();
                assert_eq!(
                    status,
                    StatusCode::NOT_FOUND,
                    "{} {verb} {path}: another tenant's object must be 404: {text}",
                    resource.name
                );
                assert!(
                    !text.contains(&victim.tenant_id.to_string()),
                    "{} {verb} {path} leaks the tenant",
                    resource.name
                );
            }
            for list in resource.lists {
                let path = list.replace("{id}", &id);
                let response = app.get(&path, Some(credential)).await;
                let text = response.text().await.unwrap();
                assert!(
                    !text.contains(&id),
                    "{} appears in another tenant's {path}",
                    resource.name
                );
            }
        }
        // The owner still reaches it.
        let (verb, path, _) = resource.by_id[0];
        if verb == "GET" {
            let response = app
                .request(
                    method(verb),
                    &path.replace("{id}", &id),
                    Some(&victim.admin),
                )
                .send()
                .await
                .unwrap();
            assert_eq!(
                response.status(),
                StatusCode::OK,
                "{}: the owner reads it",
                resource.name
            );
        }
    }
}

/// Privacy requests are the person's own (logged in; an API key is refused
/// with 403 `person_only`): another tenant's Administrator gets 404.
#[tokio::test]
async fn another_tenants_privacy_requests_are_not_found_nor_listed() {
    let app = TestApp::spawn().await;
    let victim = tenant(&app, "victim").await;
    let attacker = tenant(&app, "attacker").await;
    let id = created(
        &app,
        &victim,
        "/api/v1/privacy/requests",
        json!({ "right": "access" }),
    )
    .await;
    expect_problem(
        app.get(
            &format!("/api/v1/privacy/requests/{id}"),
            Some(&attacker.admin),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.get(
            &format!("/api/v1/privacy/requests/{id}/export"),
            Some(&attacker.admin),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.post(
            &format!("/api/v1/privacy/requests/{id}/verification-code"),
            Some(&attacker.admin),
            &json!({}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let list = app
        .get("/api/v1/privacy/requests", Some(&attacker.admin))
        .await
        .text()
        .await
        .unwrap();
    assert!(!list.contains(&id));
    expect_problem(
        app.get(
            &format!("/api/v1/privacy/requests/{id}"),
            Some(&attacker.key),
        )
        .await,
        StatusCode::FORBIDDEN,
        "person_only",
    )
    .await;
    expect_json::<Value>(
        app.get(
            &format!("/api/v1/privacy/requests/{id}"),
            Some(&victim.admin),
        )
        .await,
        StatusCode::OK,
    )
    .await;
}

/// The Administrator's functions: (method, path, body). A User gets 403 `administrator_only`.
pub const ADMIN_ONLY: &[(&str, &str, &str)] = &[
    ("GET", "/api/v1/users", ""),
    (
        "POST",
        "/api/v1/users",
        r#"{"email":"x@example.be","first_name":"X","last_name":"Y"}"#,
    ),
    ("GET", "/api/v1/api-keys", ""),
    (
        "POST",
        "/api/v1/api-keys",
        r#"{"name":"mine","scopes":["*"]}"#,
    ),
    (
        "POST",
        "/api/v1/api-keys/00000000-0000-7000-8000-000000000000/rotate",
        "",
    ),
    (
        "DELETE",
        "/api/v1/api-keys/00000000-0000-7000-8000-000000000000",
        "",
    ),
    ("GET", "/api/v1/webhooks", ""),
    (
        "POST",
        "/api/v1/webhooks",
        r#"{"url":"http://127.0.0.1:9/","events":["*"]}"#,
    ),
    ("GET", "/api/v1/invoices", ""),
    ("GET", "/api/v1/billing/statement", ""),
    ("GET", "/api/v1/billing/payment-method", ""),
    (
        "POST",
        "/api/v1/contract/order",
        r#"{"term_length":"year","modules":["crm"]}"#,
    ),
    ("POST", "/api/v1/contract/cancel", r#"{}"#),
    (
        "POST",
        "/api/v1/contract/changes",
        r#"{"extra_seats":1,"modules":["crm"]}"#,
    ),
    ("GET", "/api/v1/export", ""),
    ("GET", "/api/v1/invoicing/settings", ""),
    ("DELETE", "/api/v1/invoicing/settings/logo", ""),
];

/// What a scoped API key is refused: (its scopes, method, path, body, the scope it lacks).
pub const SCOPED: &[(&[&str], &str, &str, &str, &str)] = &[
    (&["crm:read"], "GET", "/api/v1/users", "", "admin"),
    (&["crm:read"], "GET", "/api/v1/invoices", "", "billing:read"),
    (
        &["billing:read"],
        "POST",
        "/api/v1/contract/cancel",
        "{}",
        "billing:write",
    ),
    (&["billing:write"], "GET", "/api/v1/api-keys", "", "admin"),
    (&["crm:write"], "GET", "/api/v1/webhooks", "", "admin"),
    (
        &["crm:read"],
        "POST",
        "/api/v1/companies",
        r#"{"name":"X"}"#,
        "crm:write",
    ),
    (
        &["crm:read"],
        "POST",
        "/api/v1/contacts",
        r#"{"first_name":"X","last_name":"Y"}"#,
        "crm:write",
    ),
    (
        &["crm:read"],
        "POST",
        "/api/v1/deals",
        r#"{"title":"X","stage":"lead","value":"1"}"#,
        "crm:write",
    ),
    (
        &["crm:read"],
        "GET",
        "/api/v1/quotations",
        "",
        "quotations:read",
    ),
    (
        &["crm:read"],
        "GET",
        "/api/v1/sales-invoices",
        "",
        "invoicing:read",
    ),
    (
        &["crm:read"],
        "GET",
        "/api/v1/projects",
        "",
        "projects:read",
    ),
    (
        &["crm:read"],
        "GET",
        "/api/v1/calendar/events",
        "",
        "calendar:read",
    ),
    (
        &["crm:read"],
        "GET",
        "/api/v1/tickets",
        "",
        "ticketing:read",
    ),
    (&["crm:read"], "GET", "/api/v1/calls", "", "voip:read"),
    (&["crm:read"], "GET", "/api/v1/export", "", "admin"),
    (
        &["projects:read"],
        "POST",
        "/api/v1/projects",
        r#"{"name":"X","hourly_rate":"1"}"#,
        "projects:write",
    ),
    (
        &["invoicing:read"],
        "POST",
        "/api/v1/sales-invoices",
        r#"{"lines":[]}"#,
        "invoicing:write",
    ),
];

#[tokio::test]
async fn users_and_scoped_keys_cannot_call_what_they_are_not_given() {
    let app = TestApp::spawn().await;
    let owner = tenant(&app, "acme").await;
    let (_, user) = app.add_user(&owner.admin, &email("user")).await;
    for (verb, path, body) in ADMIN_ONLY {
        let mut request = app.request(method(verb), path, Some(&user));
        if !body.is_empty() {
            request = request
                .header("Content-Type", "application/json")
                .body(*body);
        }
        let response = request.send().await.unwrap();
        expect_problem(response, StatusCode::FORBIDDEN, "administrator_only").await;
    }
    // The role is decided before the body is judged: garbage is still 403.
    for (verb, path, _) in ADMIN_ONLY.iter().filter(|(verb, _, _)| *verb != "GET") {
        for garbage in ["[]", r#"{"name": "\u0000"}"#, "{not json"] {
            let response = app
                .request(method(verb), path, Some(&user))
                .header("Content-Type", "application/json")
                .body(garbage)
                .send()
                .await
                .unwrap();
            expect_problem(response, StatusCode::FORBIDDEN, "administrator_only").await;
        }
    }
    for (scopes, verb, path, body, lacking) in SCOPED {
        let (_, key) = app
            .create_scoped_api_key(&owner.admin, "narrow", scopes)
            .await;
        let mut request = app.request(method(verb), path, Some(&key));
        if !body.is_empty() {
            request = request
                .header("Content-Type", "application/json")
                .body(*body);
        }
        let problem = expect_problem(
            request.send().await.unwrap(),
            StatusCode::FORBIDDEN,
            "missing_scope",
        )
        .await;
        assert!(
            problem.detail.contains(&format!("'{lacking}'")),
            "{verb} {path}: {}",
            problem.detail
        );
    }
}

/// Bodies with fields a client may not set: (method, path, body). All are
/// refused (422 `invalid_body`, the request types deny unknown fields).
pub const MASS_ASSIGNMENT: &[(&str, &str, &str)] = &[
    (
        "POST",
        "/api/v1/users",
        r#"{"email":"x@example.be","first_name":"X","last_name":"Y","role":"administrator"}"#,
    ),
    (
        "POST",
        "/api/v1/users",
        r#"{"email":"x@example.be","first_name":"X","last_name":"Y","tenant_id":"00000000-0000-7000-8000-000000000000"}"#,
    ),
    (
        "POST",
        "/api/v1/api-keys",
        r#"{"name":"k","scopes":["crm:read"],"tenant_id":"00000000-0000-7000-8000-000000000000"}"#,
    ),
    (
        "POST",
        "/api/v1/api-keys",
        r#"{"name":"k","scopes":["crm:read"],"created_by":"00000000-0000-7000-8000-000000000000"}"#,
    ),
    (
        "POST",
        "/api/v1/webhooks",
        r#"{"url":"http://127.0.0.1:9/","events":["*"],"secret":"whsec_mine"}"#,
    ),
    (
        "POST",
        "/api/v1/contract/order",
        r#"{"term_length":"year","modules":["crm"],"total_excl_vat":"0.00"}"#,
    ),
    (
        "POST",
        "/api/v1/contract/order",
        r#"{"term_length":"year","modules":["crm"],"tenant_id":"00000000-0000-7000-8000-000000000000"}"#,
    ),
    (
        "POST",
        "/api/v1/contract/changes",
        r#"{"extra_seats":1,"modules":["crm"],"price":"0"}"#,
    ),
    (
        "PATCH",
        "/api/v1/webhooks/00000000-0000-7000-8000-000000000000",
        r#"{"tenant_id":"00000000-0000-7000-8000-000000000000"}"#,
    ),
    (
        "POST",
        "/api/v1/companies",
        r#"{"name":"X","tenant_id":"00000000-0000-7000-8000-000000000000"}"#,
    ),
    (
        "POST",
        "/api/v1/contacts",
        r#"{"first_name":"X","last_name":"Y","tenant_id":"00000000-0000-7000-8000-000000000000"}"#,
    ),
    (
        "POST",
        "/api/v1/deals",
        r#"{"title":"X","stage":"lead","value":"1","tenant_id":"00000000-0000-7000-8000-000000000000"}"#,
    ),
    (
        "POST",
        "/api/v1/quotations",
        r#"{"valid_until":"2099-12-31","lines":[],"number":"Q-2026-000001"}"#,
    ),
    (
        "POST",
        "/api/v1/quotations",
        r#"{"valid_until":"2099-12-31","lines":[],"total_incl_vat":"0.00"}"#,
    ),
    (
        "POST",
        "/api/v1/sales-invoices",
        r#"{"lines":[],"number":"2026-000001"}"#,
    ),
    (
        "POST",
        "/api/v1/sales-invoices",
        r#"{"lines":[],"total_incl_vat":"0.00"}"#,
    ),
    (
        "POST",
        "/api/v1/sales-invoices",
        r#"{"lines":[],"paid_cents":100}"#,
    ),
    (
        "POST",
        "/api/v1/calendar/events",
        r#"{"title":"X","starts_at":"2026-12-01T09:00:00Z","ends_at":"2026-12-01T10:00:00Z","tenant_id":"00000000-0000-7000-8000-000000000000"}"#,
    ),
    (
        "POST",
        "/api/v1/projects",
        r#"{"name":"X","hourly_rate":"1","tenant_id":"00000000-0000-7000-8000-000000000000"}"#,
    ),
    (
        "POST",
        "/api/v1/time-entries",
        r#"{"project_id":"00000000-0000-7000-8000-000000000000","date":"2026-12-01","minutes":1,"description":"x","billed_at":"2026-12-01T00:00:00Z"}"#,
    ),
    (
        "POST",
        "/api/v1/time-entries",
        r#"{"project_id":"00000000-0000-7000-8000-000000000000","date":"2026-12-01","minutes":1,"description":"x","invoice_reference":"2026-1"}"#,
    ),
    (
        "POST",
        "/api/v1/tickets",
        r#"{"subject":"X","requester_id":"00000000-0000-7000-8000-000000000000","first_response_at":"2026-12-01T00:00:00Z"}"#,
    ),
    (
        "POST",
        "/api/v1/calls",
        r#"{"number":"092345678","direction":"inbound","started_at":"2026-12-01T09:00:00Z","outcome":"answered","user_id":"00000000-0000-7000-8000-000000000000","tenant_id":"x"}"#,
    ),
    (
        "POST",
        "/api/v1/privacy/requests",
        r#"{"right":"access","status":"completed"}"#,
    ),
];

#[tokio::test]
async fn fields_a_client_may_not_set_are_refused() {
    let app = TestApp::spawn().await;
    let owner = tenant(&app, "acme").await;
    for (verb, path, body) in MASS_ASSIGNMENT {
        let response = app
            .request(method(verb), path, Some(&owner.admin))
            .header("Content-Type", "application/json")
            .body(*body)
            .send()
            .await
            .unwrap();
        let problem =
            expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;
        assert!(
            problem.detail.contains("unknown field"),
            "{verb} {path}: {}",
            problem.detail
        );
    }
    // Sign-up cannot choose the tenant or the role either.
    let mut body = ecom_tests::signup_body("Acme", &email("mass"));
    body["administrator"]["role"] = json!("operator");
    expect_problem(
        app.post("/api/v1/signup", None, &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    let mut body = ecom_tests::signup_body("Acme", &email("mass"));
    body["tenant_id"] = json!(owner.tenant_id);
    expect_problem(
        app.post("/api/v1/signup", None, &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    // An invoice dispute cannot renumber or re-total the invoice.
    let invoice = create_invoice(&app, &owner).await;
    let body = json!({ "invoice_number": "2026-000001", "reasons": "wrong seats", "total_incl_vat": "0.00" });
    expect_problem(
        app.post(
            &format!("/api/v1/invoices/{invoice}/dispute"),
            Some(&owner.admin),
            &body,
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
}

/// Paged lists (`Page<T>` with `limit`): an absurd limit is capped at 200,
/// a malformed one is 400. Module lists add their path here, e.g. `"/api/v1/contacts"`.
pub const PAGED_LISTS: &[&str] = &[
    "/api/v1/companies",
    "/api/v1/contacts",
    "/api/v1/deals",
    "/api/v1/quotations",
    "/api/v1/sales-invoices",
    "/api/v1/calendar/events",
    "/api/v1/projects",
    "/api/v1/tasks",
    "/api/v1/time-entries",
    "/api/v1/tickets",
    "/api/v1/calls",
];

#[tokio::test]
async fn page_sizes_are_capped() {
    assert_eq!(ecom_server::pagination::limit(Some(1_000_000)), 200);
    assert_eq!(ecom_server::pagination::limit(Some(0)), 1);
    assert_eq!(ecom_server::pagination::limit(None), 50);
    let app = TestApp::spawn().await;
    let owner = tenant(&app, "acme").await;
    for path in PAGED_LISTS {
        for query in ["limit=1000000", "limit=201"] {
            let response = app
                .get(&format!("{path}?{query}"), Some(&owner.admin))
                .await;
            let body: Value = expect_json(response, StatusCode::OK).await;
            assert!(
                body["items"].as_array().is_some_and(|i| i.len() <= 200),
                "{path}?{query}"
            );
        }
        for query in ["limit=-1", "limit=abc"] {
            expect_problem(
                app.get(&format!("{path}?{query}"), Some(&owner.admin))
                    .await,
                StatusCode::BAD_REQUEST,
                "invalid_query",
            )
            .await;
        }
    }
}

fn b64(value: &Value) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value.to_string())
}

#[tokio::test]
async fn expired_forged_and_unsigned_tokens_are_refused() {
    let app = TestApp::spawn().await;
    let owner = app.signup("Acme", &email("acme")).await;
    let other = app.signup("Other", &email("other")).await;
    let token = owner.access.clone();
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3);
    let claims: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(parts[1])
            .unwrap(),
    )
    .unwrap();

    // Forged: another tenant's ids in the claims, the original signature.
    let mut forged_claims = claims.clone();
    forged_claims["tid"] = json!(other.tenant_id);
    forged_claims["sub"] = json!(other.user_id);
    let forged = format!("{}.{}.{}", parts[0], b64(&forged_claims), parts[2]);
    // Unsigned: alg none.
    let none = format!(
        "{}.{}.",
        b64(&json!({ "alg": "none", "typ": "JWT" })),
        parts[1]
    );
    let none_upper = format!(
        "{}.{}.",
        b64(&json!({ "alg": "None", "typ": "JWT" })),
        parts[1]
    );
    // Signed with a key the server does not have.
    let mut mac = <hmac::Hmac<sha2::Sha256> as hmac::Mac>::new_from_slice(
        b"not the server's secret, not at all",
    )
    .unwrap();
    let signing_input = format!("{}.{}", parts[0], parts[1]);
    hmac::Mac::update(&mut mac, signing_input.as_bytes());
    let wrong_key = format!(
        "{signing_input}.{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(hmac::Mac::finalize(mac).into_bytes())
    );
    for bad in [
        forged,
        none,
        none_upper,
        wrong_key,
        format!("{}.{}", parts[0], parts[1]),
        "a.b.c".into(),
    ] {
        expect_problem(
            app.get("/api/v1/me", Some(&bad)).await,
            StatusCode::UNAUTHORIZED,
            "invalid_token",
        )
        .await;
    }
    // The genuine token works until it expires (15 minutes).
    expect_json::<Value>(app.get("/api/v1/me", Some(&token)).await, StatusCode::OK).await;
    app.clock
        .set(app.clock.now() + chrono::Duration::minutes(16));
    expect_problem(
        app.get("/api/v1/me", Some(&token)).await,
        StatusCode::UNAUTHORIZED,
        "token_expired",
    )
    .await;
}
