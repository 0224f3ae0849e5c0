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
    Tenant { tenant_id: signed.tenant_id, admin: signed.access, key }
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
    Box::pin(async move { app.create_scoped_api_key(&t.admin, "victim", &["crm:read"]).await.0 })
}

fn create_webhook<'a>(app: &'a TestApp, t: &'a Tenant) -> BoxFuture<'a, String> {
    Box::pin(async move {
        let body: Value = expect_json(
            app.post("/api/v1/webhooks", Some(&t.admin), &json!({ "url": "http://127.0.0.1:9/hook", "events": ["*"] })).await,
            StatusCode::CREATED,
        )
        .await;
        body["webhook"]["id"].as_str().unwrap_or_default().to_owned()
    })
}

fn create_invoice<'a>(app: &'a TestApp, t: &'a Tenant) -> BoxFuture<'a, String> {
    Box::pin(async move {
        expect_json::<Value>(
            app.post("/api/v1/contract/order", Some(&t.admin), &json!({ "term_length": "year", "modules": ["crm", "api"] })).await,
            StatusCode::CREATED,
        )
        .await;
        let invoices: InvoiceList = expect_json(app.get("/api/v1/invoices", Some(&t.admin)).await, StatusCode::OK).await;
        invoices.items[0].id.to_string()
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
        by_id: &[("POST", "/api/v1/users/{id}/deactivate", "{}"), ("POST", "/api/v1/users/{id}/reactivate", "{}"), ("POST", "/api/v1/users/{id}/invitation", "{}")],
        lists: &["/api/v1/users"],
    },
    Resource {
        name: "api key",
        create: create_api_key,
        by_id: &[("DELETE", "/api/v1/api-keys/{id}", ""), ("POST", "/api/v1/api-keys/{id}/rotate", "")],
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
        name: "invoice",
        create: create_invoice,
        by_id: &[
            ("GET", "/api/v1/invoices/{id}", ""),
            ("GET", "/api/v1/invoices/{id}/pdf", ""),
            ("GET", "/api/v1/invoices/{id}/ubl", ""),
            ("POST", "/api/v1/invoices/{id}/dispute", r#"{"invoice_number":"2026-000001","reasons":"probe"}"#),
        ],
        lists: &["/api/v1/invoices", "/api/v1/billing/statement", "/api/v1/timeline", "/api/v1/change-notices", "/api/v1/contract"],
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
                    request = request.header("Content-Type", "application/json").body(*body);
                }
                let response = request.send().await.unwrap();
                let status = response.status();
                let text = response.text().await.unwrap();
                assert_eq!(status, StatusCode::NOT_FOUND, "{} {verb} {path}: another tenant's object must be 404: {text}", resource.name);
                assert!(!text.contains(&victim.tenant_id.to_string()), "{} {verb} {path} leaks the tenant", resource.name);
            }
            for list in resource.lists {
                let path = list.replace("{id}", &id);
                let response = app.get(&path, Some(credential)).await;
                let text = response.text().await.unwrap();
                assert!(!text.contains(&id), "{} appears in another tenant's {path}", resource.name);
            }
        }
        // The owner still reaches it.
        let (verb, path, _) = resource.by_id[0];
        if verb == "GET" {
            let response = app.request(method(verb), &path.replace("{id}", &id), Some(&victim.admin)).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{}: the owner reads it", resource.name);
        }
    }
}

/// The Administrator's functions: (method, path, body). A User gets 403 `administrator_only`.
pub const ADMIN_ONLY: &[(&str, &str, &str)] = &[
    ("GET", "/api/v1/users", ""),
    ("POST", "/api/v1/users", r#"{"email":"x@example.be","first_name":"X","last_name":"Y"}"#),
    ("GET", "/api/v1/api-keys", ""),
    ("POST", "/api/v1/api-keys", r#"{"name":"mine","scopes":["*"]}"#),
    ("POST", "/api/v1/api-keys/00000000-0000-7000-8000-000000000000/rotate", ""),
    ("DELETE", "/api/v1/api-keys/00000000-0000-7000-8000-000000000000", ""),
    ("GET", "/api/v1/webhooks", ""),
    ("POST", "/api/v1/webhooks", r#"{"url":"http://127.0.0.1:9/","events":["*"]}"#),
    ("GET", "/api/v1/invoices", ""),
    ("GET", "/api/v1/billing/statement", ""),
    ("GET", "/api/v1/billing/payment-method", ""),
    ("POST", "/api/v1/contract/order", r#"{"term_length":"year","modules":["crm"]}"#),
    ("POST", "/api/v1/contract/cancel", r#"{}"#),
    ("POST", "/api/v1/contract/changes", r#"{"extra_seats":1,"modules":["crm"]}"#),
];

/// What a scoped API key is refused: (its scopes, method, path, body, the scope it lacks).
pub const SCOPED: &[(&[&str], &str, &str, &str, &str)] = &[
    (&["crm:read"], "GET", "/api/v1/users", "", "admin"),
    (&["crm:read"], "GET", "/api/v1/invoices", "", "billing:read"),
    (&["billing:read"], "POST", "/api/v1/contract/cancel", "{}", "billing:write"),
    (&["billing:write"], "GET", "/api/v1/api-keys", "", "admin"),
    (&["crm:write"], "GET", "/api/v1/webhooks", "", "admin"),
];

#[tokio::test]
async fn users_and_scoped_keys_cannot_call_what_they_are_not_given() {
    let app = TestApp::spawn().await;
    let owner = tenant(&app, "acme").await;
    let (_, user) = app.add_user(&owner.admin, &email("user")).await;
    for (verb, path, body) in ADMIN_ONLY {
        let mut request = app.request(method(verb), path, Some(&user));
        if !body.is_empty() {
            request = request.header("Content-Type", "application/json").body(*body);
        }
        let response = request.send().await.unwrap();
        expect_problem(response, StatusCode::FORBIDDEN, "administrator_only").await;
    }
    for (scopes, verb, path, body, lacking) in SCOPED {
        let (_, key) = app.create_scoped_api_key(&owner.admin, "narrow", scopes).await;
        let mut request = app.request(method(verb), path, Some(&key));
        if !body.is_empty() {
            request = request.header("Content-Type", "application/json").body(*body);
        }
        let problem = expect_problem(request.send().await.unwrap(), StatusCode::FORBIDDEN, "missing_scope").await;
        assert!(problem.detail.contains(&format!("'{lacking}'")), "{verb} {path}: {}", problem.detail);
    }
}

/// Bodies with fields a client may not set: (method, path, body). All are
/// refused (422 `invalid_body`, the request types deny unknown fields).
pub const MASS_ASSIGNMENT: &[(&str, &str, &str)] = &[
    ("POST", "/api/v1/users", r#"{"email":"x@example.be","first_name":"X","last_name":"Y","role":"administrator"}"#),
    ("POST", "/api/v1/users", r#"{"email":"x@example.be","first_name":"X","last_name":"Y","tenant_id":"00000000-0000-7000-8000-000000000000"}"#),
    ("POST", "/api/v1/api-keys", r#"{"name":"k","scopes":["crm:read"],"tenant_id":"00000000-0000-7000-8000-000000000000"}"#),
    ("POST", "/api/v1/api-keys", r#"{"name":"k","scopes":["crm:read"],"created_by":"00000000-0000-7000-8000-000000000000"}"#),
    ("POST", "/api/v1/webhooks", r#"{"url":"http://127.0.0.1:9/","events":["*"],"secret":"whsec_mine"}"#),
    ("POST", "/api/v1/contract/order", r#"{"term_length":"year","modules":["crm"],"total_excl_vat":"0.00"}"#),
    ("POST", "/api/v1/contract/order", r#"{"term_length":"year","modules":["crm"],"tenant_id":"00000000-0000-7000-8000-000000000000"}"#),
    ("POST", "/api/v1/contract/changes", r#"{"extra_seats":1,"modules":["crm"],"price":"0"}"#),
    ("PATCH", "/api/v1/webhooks/00000000-0000-7000-8000-000000000000", r#"{"tenant_id":"00000000-0000-7000-8000-000000000000"}"#),
];

#[tokio::test]
async fn fields_a_client_may_not_set_are_refused() {
    let app = TestApp::spawn().await;
    let owner = tenant(&app, "acme").await;
    for (verb, path, body) in MASS_ASSIGNMENT {
        let response =
            app.request(method(verb), path, Some(&owner.admin)).header("Content-Type", "application/json").body(*body).send().await.unwrap();
        let problem = expect_problem(response, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;
        assert!(problem.detail.contains("unknown field"), "{verb} {path}: {}", problem.detail);
    }
    // Sign-up cannot choose the tenant or the role either.
    let mut body = ecom_tests::signup_body("Acme", &email("mass"));
    body["administrator"]["role"] = json!("operator");
    expect_problem(app.post("/api/v1/signup", None, &body).await, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;
    let mut body = ecom_tests::signup_body("Acme", &email("mass"));
    body["tenant_id"] = json!(owner.tenant_id);
    expect_problem(app.post("/api/v1/signup", None, &body).await, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body").await;
    // An invoice dispute cannot renumber or re-total the invoice.
    let invoice = create_invoice(&app, &owner).await;
    let body = json!({ "invoice_number": "2026-000001", "reasons": "wrong seats", "total_incl_vat": "0.00" });
    expect_problem(app.post(&format!("/api/v1/invoices/{invoice}/dispute"), Some(&owner.admin), &body).await, StatusCode::UNPROCESSABLE_ENTITY, "invalid_body")
        .await;
}

/// Paged lists (`Page<T>` with `limit`): an absurd limit is capped at 200,
/// a malformed one is 400. Module lists add their path here, e.g. `"/api/v1/contacts"`.
pub const PAGED_LISTS: &[&str] = &[];

#[tokio::test]
async fn page_sizes_are_capped() {
    assert_eq!(ecom_server::pagination::limit(Some(1_000_000)), 200);
    assert_eq!(ecom_server::pagination::limit(Some(0)), 1);
    assert_eq!(ecom_server::pagination::limit(None), 50);
    let app = TestApp::spawn().await;
    let owner = tenant(&app, "acme").await;
    for path in PAGED_LISTS {
        for query in ["limit=1000000", "limit=201"] {
            let response = app.get(&format!("{path}?{query}"), Some(&owner.admin)).await;
            let body: Value = expect_json(response, StatusCode::OK).await;
            assert!(body["items"].as_array().is_some_and(|i| i.len() <= 200), "{path}?{query}");
        }
        for query in ["limit=-1", "limit=abc"] {
            expect_problem(app.get(&format!("{path}?{query}"), Some(&owner.admin)).await, StatusCode::BAD_REQUEST, "invalid_query").await;
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
    let claims: Value = serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();

    // Forged: another tenant's ids in the claims, the original signature.
    let mut forged_claims = claims.clone();
    forged_claims["tid"] = json!(other.tenant_id);
    forged_claims["sub"] = json!(other.user_id);
    let forged = format!("{}.{}.{}", parts[0], b64(&forged_claims), parts[2]);
    // Unsigned: alg none.
    let none = format!("{}.{}.", b64(&json!({ "alg": "none", "typ": "JWT" })), parts[1]);
    let none_upper = format!("{}.{}.", b64(&json!({ "alg": "None", "typ": "JWT" })), parts[1]);
    // Signed with a key the server does not have.
    let mut mac = <hmac::Hmac<sha2::Sha256> as hmac::Mac>::new_from_slice(b"not the server's secret, not at all").unwrap();
    let signing_input = format!("{}.{}", parts[0], parts[1]);
    hmac::Mac::update(&mut mac, signing_input.as_bytes());
    let wrong_key = format!("{signing_input}.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(hmac::Mac::finalize(mac).into_bytes()));
    for bad in [forged, none, none_upper, wrong_key, format!("{}.{}", parts[0], parts[1]), "a.b.c".into()] {
        expect_problem(app.get("/api/v1/me", Some(&bad)).await, StatusCode::UNAUTHORIZED, "invalid_token").await;
    }
    // The genuine token works until it expires (15 minutes).
    expect_json::<Value>(app.get("/api/v1/me", Some(&token)).await, StatusCode::OK).await;
    app.clock.set(app.clock.now() + chrono::Duration::minutes(16));
    expect_problem(app.get("/api/v1/me", Some(&token)).await, StatusCode::UNAUTHORIZED, "token_expired").await;
}
