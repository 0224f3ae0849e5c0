//! Integrations (issue 8): scoped and rotated API keys, webhooks delivered to a
//! real local receiver, idempotency keys, rate limits, security headers, CORS
//! and body size limits.

use chrono::Duration;
use ecom_domain::TenantId;
use ecom_tests::{email, expect_json, expect_problem, utc, TestApp, WebhookReceiver, PASSWORD};
use ecom_types::auth::{ApiKeyList, CreatedApiKey, MeResponse, RotatedApiKey};
use ecom_types::webhooks::{CreatedWebhook, WebhookDeliveryList, WebhookView};
use hmac::{Hmac, Mac};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

// ------------------------------------------------------------ API key scopes

#[tokio::test]
async fn a_scoped_key_is_refused_outside_its_scopes_with_the_missing_scope_named() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let created: CreatedApiKey = expect_json(
        app.post(
            "/api/v1/api-keys",
            Some(&admin.access),
            &json!({ "name": "crm sync", "scopes": ["crm:write", "billing:read"] }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created.api_key.scopes, vec!["crm:write", "billing:read"]);
    assert!(!created.api_key.full_access);
    let key = created.secret;

    // Any key may ask who it is.
    expect_json::<MeResponse>(app.get("/api/v1/me", Some(&key)).await, StatusCode::OK).await;
    // billing:read: the contract and invoices can be read ...
    expect_json::<Value>(
        app.get("/api/v1/invoices", Some(&key)).await,
        StatusCode::OK,
    )
    .await;
    // ... but not changed.
    let problem = expect_problem(
        app.post(
            "/api/v1/contract/order",
            Some(&key),
            &json!({ "term_length": "year", "modules": ["crm"] }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "missing_scope",
    )
    .await;
    assert!(
        problem.detail.contains("'billing:write'"),
        "{}",
        problem.detail
    );
    // No admin scope: users, keys and webhooks are out of reach.
    for path in ["/api/v1/users", "/api/v1/api-keys", "/api/v1/webhooks"] {
        let problem = expect_problem(
            app.get(path, Some(&key)).await,
            StatusCode::FORBIDDEN,
            "missing_scope",
        )
        .await;
        assert!(
            problem.detail.contains("'admin'"),
            "{path}: {}",
            problem.detail
        );
    }

    // The module seam: crm:write covers crm reads and writes, not other modules.
    let mut conn = app.database.get().unwrap();
    let caller = |scopes: &[&str]| ecom_server::auth::TenantCaller {
        caller: ecom_server::auth::Caller::ApiKey {
            tenant: TenantId(admin.tenant_id),
            key: ecom_domain::ApiKeyId(uuid::Uuid::now_v7()),
            created_by: ecom_domain::UserId(admin.user_id),
            role: ecom_domain::Role::Administrator,
            scopes: ecom_server::auth::scopes::Scopes::parse(scopes).unwrap(),
        },
        tenant: TenantId(admin.tenant_id),
        role: ecom_domain::Role::Administrator,
        user: ecom_domain::UserId(admin.user_id),
    };
    use ecom_domain::contract::Module;
    use ecom_server::access::{require, Access};
    let now = app.clock.now();
    let crm = caller(&["crm:write"]);
    assert!(require(&mut conn, &crm, Module::Crm, Access::Read, now).is_ok());
    assert!(require(&mut conn, &crm, Module::Crm, Access::Write, now).is_ok());
    let refused = require(&mut conn, &crm, Module::Ticketing, Access::Read, now).unwrap_err();
    assert_eq!(refused.problem().code, "missing_scope");
    assert!(refused.problem().detail.contains("'ticketing:read'"));
    let reader = caller(&["invoicing:read"]);
    assert!(require(&mut conn, &reader, Module::Invoicing, Access::Read, now).is_ok());
    assert_eq!(
        require(&mut conn, &reader, Module::Invoicing, Access::Write, now)
            .unwrap_err()
            .problem()
            .code,
        "missing_scope"
    );
    assert!(require(&mut conn, &caller(&["*"]), Module::Voip, Access::Write, now).is_ok());
}

#[tokio::test]
async fn keys_need_known_scopes_and_full_access_is_labelled() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    for (scopes, code) in [
        (json!([]), "required"),
        (json!(["crm:delete"]), "unknown_scope"),
    ] {
        let problem = expect_problem(
            app.post(
                "/api/v1/api-keys",
                Some(&admin.access),
                &json!({ "name": "k", "scopes": scopes }),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(
            (
                problem.errors[0].field.as_str(),
                problem.errors[0].code.as_str()
            ),
            ("scopes", code)
        );
    }
    // Scopes are required: no silent full-access default.
    expect_problem(
        app.post(
            "/api/v1/api-keys",
            Some(&admin.access),
            &json!({ "name": "k" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    let full: CreatedApiKey = expect_json(
        app.post(
            "/api/v1/api-keys",
            Some(&admin.access),
            &json!({ "name": "all", "scopes": ["crm:read", "*"] }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(full.api_key.scopes, vec!["*"]);
    assert!(full.api_key.full_access);
    expect_json::<Value>(
        app.get("/api/v1/users", Some(&full.secret)).await,
        StatusCode::OK,
    )
    .await;
}

#[tokio::test]
async fn a_rotated_key_keeps_its_old_secret_for_the_grace_period_only() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let (id, old) = app
        .create_scoped_api_key(&admin.access, "sync", &["crm:read"])
        .await;
    let rotated: RotatedApiKey = expect_json(
        app.post(
            &format!("/api/v1/api-keys/{id}/rotate?grace_period_seconds=3600"),
            Some(&admin.access),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_ne!(rotated.secret, old);
    assert_eq!(rotated.api_key.scopes, vec!["crm:read"], "scopes stay");
    assert!(rotated.previous_secret_valid_until > app.clock.now() + Duration::minutes(59));
    for secret in [&old, &rotated.secret] {
        let me: MeResponse =
            expect_json(app.get("/api/v1/me", Some(secret)).await, StatusCode::OK).await;
        assert_eq!(me.api_key_id.map(|k| k.to_string()), Some(id.clone()));
    }
    app.clock
        .set(rotated.previous_secret_valid_until + Duration::seconds(1));
    expect_problem(
        app.get("/api/v1/me", Some(&old)).await,
        StatusCode::UNAUTHORIZED,
        "api_key_rotated",
    )
    .await;
    expect_json::<MeResponse>(
        app.get("/api/v1/me", Some(&rotated.secret)).await,
        StatusCode::OK,
    )
    .await;
    // Revoking stops both at once; a revoked key cannot be rotated.
    let token = app.token(&admin.email).await;
    assert_eq!(
        app.delete(&format!("/api/v1/api-keys/{id}"), Some(&token))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    expect_problem(
        app.get("/api/v1/me", Some(&rotated.secret)).await,
        StatusCode::UNAUTHORIZED,
        "api_key_revoked",
    )
    .await;
    expect_problem(
        app.post(
            &format!("/api/v1/api-keys/{id}/rotate"),
            Some(&token),
            &json!({}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.post(
            &format!("/api/v1/api-keys/{id}/rotate?grace_period_seconds=-1"),
            Some(&token),
            &json!({}),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_grace_period",
    )
    .await;
}

#[tokio::test]
async fn the_last_use_country_comes_from_the_trusted_header_and_the_ip_is_never_stored() {
    let app = TestApp::spawn_with(|s| s.country_header = Some("CF-IPCountry".into())).await;
    let admin = app.signup("Acme", &email("admin")).await;
    let (_, key) = app.create_api_key(&admin.access, "k").await;
    let response = app
        .request(Method::GET, "/api/v1/me", Some(&key))
        .header("CF-IPCountry", "be")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let keys: ApiKeyList = expect_json(
        app.get("/api/v1/api-keys", Some(&admin.access)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(keys.items[0].last_used_country.as_deref(), Some("BE"));
    let text = app
        .get("/api/v1/api-keys", Some(&admin.access))
        .await
        .text()
        .await
        .unwrap();
    assert!(!text.contains("127.0.0.1"));
    // Without a configured header the country stays unknown, whatever the client sends.
    let plain = TestApp::spawn().await;
    let admin = plain.signup("Acme", &email("admin")).await;
    let (_, key) = plain.create_api_key(&admin.access, "k").await;
    plain
        .request(Method::GET, "/api/v1/me", Some(&key))
        .header("CF-IPCountry", "FR")
        .send()
        .await
        .unwrap();
    let keys: ApiKeyList = expect_json(
        plain.get("/api/v1/api-keys", Some(&admin.access)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(keys.items[0].last_used_country, None);
}

// ------------------------------------------------------------ webhooks

fn record_event(
    app: &TestApp,
    tenant: uuid::Uuid,
    kind: (&str, &str),
    payload: &Value,
) -> uuid::Uuid {
    let id = uuid::Uuid::now_v7();
    let mut conn = app.database.get().unwrap();
    ecom_server::events::record(
        &mut conn,
        TenantId(tenant),
        kind.0,
        kind.1,
        id,
        payload,
        app.clock.now(),
    )
    .unwrap();
    id
}

fn verify(secret: &str, header: &str, body: &str) -> bool {
    let mut parts = header.split(',');
    let t = parts
        .next()
        .and_then(|p| p.strip_prefix("t="))
        .unwrap_or_default();
    let v1 = parts
        .next()
        .and_then(|p| p.strip_prefix("v1="))
        .unwrap_or_default();
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{t}.{body}").as_bytes());
    mac.verify_slice(&hex::decode(v1).unwrap_or_default())
        .is_ok()
}

#[tokio::test]
async fn a_webhook_delivery_fails_then_succeeds_is_signed_logged_and_replayable() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let receiver = WebhookReceiver::start(&[500, 200]).await;
    let created: CreatedWebhook = expect_json(
        app.post(
            "/api/v1/webhooks",
            Some(&admin.access),
            &json!({ "url": format!("{}/hooks/ecom", receiver.url), "events": ["contact.created"], "description": "CRM sync" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert!(created.secret.starts_with("whsec_"));
    let hook = created.webhook.id;
    let listed = app
        .get("/api/v1/webhooks", Some(&admin.access))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !listed.contains(&created.secret),
        "the secret is shown once"
    );

    // An unsubscribed kind is not delivered; the subscribed one is.
    record_event(
        &app,
        admin.tenant_id,
        ("deal", "updated"),
        &json!({ "id": "x" }),
    );
    let contact = record_event(
        &app,
        admin.tenant_id,
        ("contact", "created"),
        &json!({ "first_name": "Els" }),
    );
    let report = app.jobs.run_once().await.unwrap();
    assert_eq!(
        (report.webhooks.fanned_out, report.webhooks.retrying),
        (1, 1)
    );

    let deliveries: WebhookDeliveryList = expect_json(
        app.get(
            &format!("/api/v1/webhooks/{hook}/deliveries"),
            Some(&admin.access),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(deliveries.items.len(), 1);
    let delivery = &deliveries.items[0];
    assert_eq!(
        (delivery.status.as_str(), delivery.event_kind.as_str()),
        ("pending", "contact.created")
    );
    assert_eq!(delivery.attempts.len(), 1);
    assert_eq!(delivery.attempts[0].status_code, Some(500));
    assert!(!delivery.attempts[0].succeeded && delivery.attempts[0].error.is_some());
    let next = delivery.next_attempt_at.expect("a retry is scheduled");
    assert!(
        next > app.clock.now() && next <= app.clock.now() + Duration::seconds(31),
        "the first retry comes after 30 s"
    );

    // Not due yet: nothing is sent.
    assert_eq!(app.jobs.run_once().await.unwrap().webhooks.delivered, 0);
    app.clock.set(next + Duration::seconds(1));
    assert_eq!(app.jobs.run_once().await.unwrap().webhooks.delivered, 1);

    let received = receiver.received();
    assert_eq!(received.len(), 2);
    let last = &received[1];
    assert_eq!(last.path, "/hooks/ecom");
    assert_eq!(
        last.headers.get("ecom-event").map(String::as_str),
        Some("contact.created")
    );
    let signature = last.headers.get("ecom-signature").expect("signed");
    assert!(
        verify(&created.secret, signature, &last.body),
        "the signature verifies with the secret"
    );
    assert!(!verify("whsec_other", signature, &last.body));
    let t: i64 = signature
        .split(',')
        .next()
        .unwrap()
        .trim_start_matches("t=")
        .parse()
        .unwrap();
    assert!(
        (app.clock.now().timestamp() - t).abs() <= 5,
        "the timestamp is the sending time"
    );
    let body: Value = serde_json::from_str(&last.body).unwrap();
    assert_eq!(
        body["id"],
        json!(contact_event_id(&app, admin.tenant_id, contact))
    );
    assert_eq!(body["type"], "contact.created");
    assert_eq!(body["data"]["first_name"], "Els");

    let deliveries: WebhookDeliveryList = expect_json(
        app.get(
            &format!("/api/v1/webhooks/{hook}/deliveries"),
            Some(&admin.access),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let delivery = &deliveries.items[0];
    assert_eq!(delivery.status, "succeeded");
    assert_eq!(
        delivery
            .attempts
            .iter()
            .map(|a| a.status_code)
            .collect::<Vec<_>>(),
        vec![Some(500), Some(200)]
    );
    assert!(delivery.attempts.iter().all(|a| a.latency_ms >= 0));

    // Manual replay: sent once more at the next run.
    let replayed: Value = expect_json(
        app.post(
            &format!("/api/v1/webhooks/{hook}/deliveries/{}/replay", delivery.id),
            Some(&admin.access),
            &json!({}),
        )
        .await,
        StatusCode::ACCEPTED,
    )
    .await;
    assert_eq!(replayed["status"], "pending");
    app.jobs.run_once().await.unwrap();
    assert_eq!(receiver.received().len(), 3);
    assert_eq!(
        receiver.received()[2].body,
        last.body,
        "the same body, freshly signed"
    );
}

/// The event id of the delivery body is the domain event's id (not the contact's).
fn contact_event_id(app: &TestApp, tenant: uuid::Uuid, contact: uuid::Uuid) -> String {
    let mut conn = app.database.get().unwrap();
    let events = ecom_storage::events::list_for_tenant(&mut conn, TenantId(tenant), 100).unwrap();
    events
        .iter()
        .find(|e| e.resource_id == contact)
        .map(|e| e.id.to_string())
        .unwrap()
}

#[tokio::test]
async fn a_webhook_failing_for_three_days_is_disabled_and_the_administrator_told() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let receiver = WebhookReceiver::start(&[503]).await;
    let created: CreatedWebhook = expect_json(
        app.post(
            "/api/v1/webhooks",
            Some(&admin.access),
            &json!({ "url": receiver.url, "events": ["*"] }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let hook = created.webhook.id;
    record_event(
        &app,
        admin.tenant_id,
        ("invoice", "created"),
        &json!({ "number": "2026-001" }),
    );
    let started = app.clock.now();
    let mut disabled = false;
    for _ in 0..80 {
        let report = app.jobs.run_once().await.unwrap();
        if report.webhooks.disabled == 1 {
            disabled = true;
            break;
        }
        let mut conn = app.database.get().unwrap();
        let pending =
            ecom_storage::webhooks::list_deliveries(&mut conn, TenantId(admin.tenant_id), hook, 10)
                .unwrap();
        let next = pending[0].next_attempt_at;
        assert_eq!(
            pending[0].status,
            ecom_storage::webhooks::DeliveryStatus::Pending,
            "still retrying before 3 days"
        );
        app.clock.set(next + Duration::seconds(1));
    }
    assert!(disabled, "disabled after 3 days of failures");
    let elapsed = app.clock.now() - started;
    assert!(
        elapsed >= Duration::days(3) && elapsed < Duration::days(3) + Duration::hours(7),
        "{elapsed}"
    );
    assert!(
        receiver.received().len() > 10,
        "retried with back-off in between"
    );
    let token = app.token(&admin.email).await;
    let view: WebhookView = expect_json(
        app.get(&format!("/api/v1/webhooks/{hook}"), Some(&token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(!view.enabled);
    assert!(view.disabled_reason.unwrap().contains("3 days"));
    let mut conn = app.database.get().unwrap();
    let notices =
        ecom_storage::notices::list_for_tenant(&mut conn, TenantId(admin.tenant_id), 50).unwrap();
    let notice = notices
        .iter()
        .find(|n| n.kind == "webhook_disabled")
        .expect("the Administrator is told");
    assert_eq!(notice.recipient, admin.email);
    drop(conn);
    // Re-enabling clears the failure state.
    let view: WebhookView = expect_json(
        app.request(
            Method::PATCH,
            &format!("/api/v1/webhooks/{hook}"),
            Some(&token),
        )
        .json(&json!({ "enabled": true }))
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert!(view.enabled && view.failing_since.is_none() && view.disabled_reason.is_none());
}

#[tokio::test]
async fn webhooks_only_go_to_public_http_addresses() {
    let app = TestApp::spawn_with(|s| s.webhooks_allow_loopback = false).await;
    let admin = app.signup("Acme", &email("admin")).await;
    for (url, code) in [
        ("http://127.0.0.1:9/x", "forbidden_address"),
        ("http://[::1]/x", "forbidden_address"),
        ("http://10.0.0.7/x", "forbidden_address"),
        ("http://192.168.1.1/x", "forbidden_address"),
        (
            "http://169.254.169.254/latest/meta-data",
            "forbidden_address",
        ),
        ("http://localhost:8080/", "forbidden_address"),
        ("ftp://example.com/x", "unsupported_scheme"),
        ("https://user:pw@example.com/x", "credentials_in_url"),
        ("not a url", "invalid_url"),
    ] {
        let problem = expect_problem(
            app.post(
                "/api/v1/webhooks",
                Some(&admin.access),
                &json!({ "url": url, "events": ["contact.created"] }),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert_eq!(
            (
                problem.errors[0].field.as_str(),
                problem.errors[0].code.as_str()
            ),
            ("url", code),
            "{url}"
        );
    }
    let problem = expect_problem(
        app.post(
            "/api/v1/webhooks",
            Some(&admin.access),
            &json!({ "url": "http://10.0.0.7/", "events": ["contact.exploded"] }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert!(problem
        .errors
        .iter()
        .any(|e| e.field == "events" && e.code == "unknown_event"));

    // The development setting lets tests use a loopback receiver; only the Administrator manages webhooks.
    let dev = TestApp::spawn().await;
    let admin = dev.signup("Acme", &email("admin")).await;
    let receiver = WebhookReceiver::start(&[200]).await;
    let created: CreatedWebhook = expect_json(
        dev.post(
            "/api/v1/webhooks",
            Some(&admin.access),
            &json!({ "url": receiver.url, "events": ["*"] }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert!(created.webhook.enabled);
    // A User is not the Administrator.
    let (_, user) = dev.add_user(&admin.access, &email("user")).await;
    expect_problem(
        dev.get("/api/v1/webhooks", Some(&user)).await,
        StatusCode::FORBIDDEN,
        "administrator_only",
    )
    .await;
}

// ------------------------------------------------------------ idempotency

#[tokio::test]
async fn an_idempotency_key_replays_the_first_answer_and_refuses_another_body() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let body = json!({ "name": "sync", "scopes": ["crm:read"] });
    let send = |key: &'static str, body: Value| {
        app.request(Method::POST, "/api/v1/api-keys", Some(&admin.access))
            .header("Idempotency-Key", key)
            .json(&body)
            .send()
    };
    let first = send("key-1", body.clone()).await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    assert!(first.headers().get("idempotent-replayed").is_none());
    let first_body = first.text().await.unwrap();
    let again = send("key-1", body.clone()).await.unwrap();
    assert_eq!(again.status(), StatusCode::CREATED);
    assert_eq!(
        again
            .headers()
            .get("idempotent-replayed")
            .and_then(|v| v.to_str().ok()),
        Some("true")
    );
    assert_eq!(
        again.text().await.unwrap(),
        first_body,
        "the same answer, the same secret"
    );
    let keys: ApiKeyList = expect_json(
        app.get("/api/v1/api-keys", Some(&admin.access)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(keys.items.len(), 1, "created once");

    expect_problem(
        send("key-1", json!({ "name": "other", "scopes": ["crm:read"] }))
            .await
            .unwrap(),
        StatusCode::CONFLICT,
        "idempotency_key_reused",
    )
    .await;
    // Another caller with the same key is another scope.
    let other = app.signup("Other", &email("other")).await;
    let response = app
        .request(Method::POST, "/api/v1/api-keys", Some(&other.access))
        .header("Idempotency-Key", "key-1")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    assert!(response.headers().get("idempotent-replayed").is_none());
    // Refusals are replayed too (4xx), so a retry cannot slip past them.
    let invalid = json!({ "name": "", "scopes": ["crm:read"] });
    expect_problem(
        send("key-2", invalid.clone()).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    expect_problem(
        send("key-2", invalid).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    // A malformed key is refused.
    let response = app
        .request(Method::POST, "/api/v1/api-keys", Some(&admin.access))
        .header("Idempotency-Key", "a".repeat(300))
        .json(&body)
        .send()
        .await
        .unwrap();
    expect_problem(response, StatusCode::BAD_REQUEST, "idempotency_key_invalid").await;
}

#[tokio::test]
async fn an_idempotency_key_is_replayed_for_24_hours_then_forgotten_and_purged() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 5, 4, 10, 0));
    let admin = app.signup("Acme", &email("admin")).await;
    let app = &app;
    let scope = format!(
        "tenant:{}:user:{}:POST /api/v1/api-keys",
        admin.tenant_id, admin.user_id
    );
    let send = |token: String| {
        app.request(Method::POST, "/api/v1/api-keys", Some(&token))
            .header("Idempotency-Key", "nightly-sync")
            .json(&json!({ "name": "sync", "scopes": ["crm:read"] }))
            .send()
    };
    let replayed =
        |response: &reqwest::Response| response.headers().get("idempotent-replayed").is_some();
    let key_count = |token: String| async move {
        expect_json::<ApiKeyList>(
            app.get("/api/v1/api-keys", Some(&token)).await,
            StatusCode::OK,
        )
        .await
        .items
        .len()
    };
    // When the key was stored (the test clock keeps running in real time).
    let stored_at = || {
        let mut conn = app.database.get().unwrap();
        match ecom_storage::idempotent_requests::find(&mut conn, &scope, "nightly-sync").unwrap() {
            Some(ecom_storage::idempotent_requests::Stored::Done { stored_at, .. }) => {
                Some(stored_at)
            }
            Some(other) => panic!("not finished: {other:?}"),
            None => None,
        }
    };
    assert_eq!(
        send(admin.access.clone()).await.unwrap().status(),
        StatusCode::CREATED
    );
    let first = stored_at().expect("stored");

    // One second before the 24 hours are up: still the first answer.
    app.clock
        .set(first + Duration::hours(24) - Duration::seconds(1));
    let token = app.token(&admin.email).await;
    let again = send(token.clone()).await.unwrap();
    assert_eq!(again.status(), StatusCode::CREATED);
    assert!(replayed(&again));
    assert_eq!(key_count(token.clone()).await, 1);

    // At 24 hours the key is forgotten, even before the jobs purge it: the
    // request runs again, and its answer is kept from then on.
    app.clock.set(first + Duration::hours(24));
    let token = app.token(&admin.email).await;
    let fresh = send(token.clone()).await.unwrap();
    assert_eq!(fresh.status(), StatusCode::CREATED);
    assert!(!replayed(&fresh));
    assert_eq!(key_count(token.clone()).await, 2);
    assert!(replayed(&send(token.clone()).await.unwrap()));
    let second = stored_at().expect("stored again");
    assert!(second >= first + Duration::hours(24));

    // The jobs delete keys older than 24 hours, and only those.
    app.clock.set(second + Duration::hours(23));
    app.jobs.run_once().await.unwrap();
    assert_eq!(stored_at(), Some(second), "23 hours old: kept");
    app.clock
        .set(second + Duration::hours(24) + Duration::seconds(1));
    app.jobs.run_once().await.unwrap();
    assert_eq!(stored_at(), None, "older than 24 hours: purged");
}

#[tokio::test]
async fn the_same_key_sent_32_times_at_once_runs_once_and_every_request_gets_its_answer() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let app = &app;
    let token = admin.access.clone();
    let body = json!({ "name": "sync", "scopes": ["crm:read"] });
    let answers = futures_util::future::join_all((0..32).map(|_| {
        let (token, body) = (token.clone(), body.clone());
        async move {
            let response = app
                .request(Method::POST, "/api/v1/api-keys", Some(&token))
                .header("Idempotency-Key", "same-key")
                .json(&body)
                .send()
                .await
                .unwrap();
            let replayed = response.headers().get("idempotent-replayed").is_some();
            (response.status(), replayed, response.text().await.unwrap())
        }
    }))
    .await;
    // Every request waited for the first one and got its answer, byte for byte.
    let first = answers
        .iter()
        .find(|(_, replayed, _)| !replayed)
        .expect("one ran");
    assert_eq!(first.0, StatusCode::CREATED, "{}", first.2);
    assert_eq!(
        answers.iter().filter(|(_, replayed, _)| !replayed).count(),
        1
    );
    for (status, _, text) in &answers {
        assert_eq!((status, text), (&first.0, &first.2));
    }
    let keys = expect_json::<ApiKeyList>(
        app.get("/api/v1/api-keys", Some(&token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(keys.items.len(), 1, "exactly one key was created");
}

#[tokio::test]
async fn a_claim_left_by_an_older_server_without_its_answer_is_taken_over() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let body = r#"{"name":"sync","scopes":["crm:read"]}"#;
    // A claim committed on its own, as servers before the one-transaction
    // design wrote it; its request never finished, so nothing was done.
    let hash = hex::encode(Sha256::digest(format!("\n{body}").as_bytes()));
    let scope = format!(
        "tenant:{}:user:{}:POST /api/v1/api-keys",
        admin.tenant_id, admin.user_id
    );
    let mut conn = app.database.get().unwrap();
    assert!(ecom_storage::idempotent_requests::claim(
        &mut conn,
        &scope,
        "left",
        &hash,
        app.clock.now()
    )
    .unwrap());
    drop(conn);
    let send = || {
        app.request(Method::POST, "/api/v1/api-keys", Some(&admin.access))
            .header("Idempotency-Key", "left")
            .header("Content-Type", "application/json")
            .body(body)
            .send()
    };
    let response = send().await.unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    assert!(response.headers().get("idempotent-replayed").is_none());
    let again = send().await.unwrap();
    assert_eq!(again.status(), StatusCode::CREATED);
    assert!(again.headers().get("idempotent-replayed").is_some());
}

#[tokio::test]
async fn a_request_refused_with_a_server_error_leaves_no_effect_and_no_answer() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    // Take the table the handler writes to away, so it fails (500) after
    // the key was claimed.
    let scope = format!(
        "tenant:{}:user:{}:POST /api/v1/api-keys",
        admin.tenant_id, admin.user_id
    );
    let mut conn = app.database.get().unwrap();
    use diesel::RunQueryDsl;
    diesel::sql_query("ALTER TABLE api_keys RENAME TO api_keys_away")
        .execute(&mut *conn)
        .unwrap();
    let response = app
        .request(Method::POST, "/api/v1/api-keys", Some(&admin.access))
        .header("Idempotency-Key", "broken")
        .json(&json!({ "name": "sync", "scopes": ["crm:read"] }))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_server_error(), "{}", response.status());
    // Nothing was kept under the key: a retry runs again once the fault is gone.
    assert_eq!(
        ecom_storage::idempotent_requests::find(&mut conn, &scope, "broken").unwrap(),
        None
    );
    diesel::sql_query("ALTER TABLE api_keys_away RENAME TO api_keys")
        .execute(&mut *conn)
        .unwrap();
    drop(conn);
    let response = app
        .request(Method::POST, "/api/v1/api-keys", Some(&admin.access))
        .header("Idempotency-Key", "broken")
        .json(&json!({ "name": "sync", "scopes": ["crm:read"] }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    assert!(response.headers().get("idempotent-replayed").is_none());
}

// ------------------------------------------------------------ rate limits

fn header(response: &reqwest::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[tokio::test]
async fn log_ins_are_limited_per_ip_with_retry_after_and_ratelimit_headers() {
    let app = TestApp::spawn_with(|s| s.rate_limits.auth_per_ip_per_minute = 3).await;
    let admin = app.signup("Acme", &email("admin")).await; // 1
    let ok = app.login(&admin.email, PASSWORD).await; // 2
    assert_eq!(ok.status(), StatusCode::OK);
    assert_eq!(header(&ok, "ratelimit-limit").as_deref(), Some("3"));
    assert_eq!(header(&ok, "ratelimit-remaining").as_deref(), Some("1"));
    assert!(header(&ok, "ratelimit-reset").is_some());
    assert_eq!(
        app.login(&admin.email, "wrong password!").await.status(),
        StatusCode::UNAUTHORIZED
    ); // 3
    let refused = app.login(&admin.email, PASSWORD).await;
    assert_eq!(
        header(&refused, "ratelimit-remaining").as_deref(),
        Some("0")
    );
    let retry_after: u64 = header(&refused, "retry-after")
        .expect("Retry-After")
        .parse()
        .unwrap();
    assert!((1..=20).contains(&retry_after), "{retry_after}");
    expect_problem(refused, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    // Other endpoints are not under the log-in limit.
    expect_json::<MeResponse>(
        app.get("/api/v1/me", Some(&admin.access)).await,
        StatusCode::OK,
    )
    .await;
    // A minute later the bucket has refilled.
    app.clock.set(app.clock.now() + Duration::seconds(61));
    assert_eq!(
        app.login(&admin.email, PASSWORD).await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn each_api_key_has_its_own_limit() {
    let app = TestApp::spawn_with(|s| s.rate_limits.per_api_key_per_minute = 2).await;
    let admin = app.signup("Acme", &email("admin")).await;
    let (_, first) = app.create_api_key(&admin.access, "one").await;
    let (_, second) = app.create_api_key(&admin.access, "two").await;
    for remaining in ["1", "0"] {
        let response = app.get("/api/v1/me", Some(&first)).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            header(&response, "ratelimit-remaining").as_deref(),
            Some(remaining)
        );
    }
    expect_problem(
        app.get("/api/v1/me", Some(&first)).await,
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
    )
    .await;
    expect_json::<MeResponse>(app.get("/api/v1/me", Some(&second)).await, StatusCode::OK).await;
    // Sessions are not under the per-key limit.
    expect_json::<MeResponse>(
        app.get("/api/v1/me", Some(&admin.access)).await,
        StatusCode::OK,
    )
    .await;
}

#[tokio::test]
async fn every_request_is_limited_per_ip() {
    let app = TestApp::spawn_with(|s| s.rate_limits.per_ip_per_minute = 2).await;
    assert_eq!(
        app.get("/api/v1/policies", None).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/v1/policies", None).await.status(),
        StatusCode::OK
    );
    let refused = app.get("/api/v1/policies", None).await;
    assert!(header(&refused, "retry-after").is_some());
    expect_problem(refused, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    // Probes are not API calls.
    assert_eq!(app.get("/healthz", None).await.status(), StatusCode::OK);
}

// ------------------------------------------------------------ headers, CORS, body limits

#[tokio::test]
async fn api_answers_carry_the_security_headers() {
    let app = TestApp::spawn().await;
    let response = app.get("/api/v1/policies", None).await;
    let csp = header(&response, "content-security-policy").expect("CSP");
    assert!(
        csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(
        header(&response, "x-content-type-options").as_deref(),
        Some("nosniff")
    );
    assert_eq!(
        header(&response, "referrer-policy").as_deref(),
        Some("no-referrer")
    );
    assert_eq!(
        header(&response, "strict-transport-security"),
        None,
        "no HSTS on plain HTTP"
    );
    // Errors too.
    let missing = app.get("/api/v1/nothing-here", None).await;
    assert!(header(&missing, "content-security-policy").is_some());

    let tls = TestApp::spawn_with(|s| s.trust_proxy_headers = true).await;
    let response = tls
        .request(Method::GET, "/api/v1/policies", None)
        .header("X-Forwarded-Proto", "https")
        .send()
        .await
        .unwrap();
    assert!(header(&response, "strict-transport-security")
        .unwrap()
        .starts_with("max-age=31536000"));
    let response = tls.get("/api/v1/policies", None).await;
    assert_eq!(header(&response, "strict-transport-security"), None);
    let always = TestApp::spawn_with(|s| s.hsts = true).await;
    assert!(header(
        &always.get("/api/v1/policies", None).await,
        "strict-transport-security"
    )
    .is_some());
}

#[tokio::test]
async fn the_spa_csp_allows_its_loader_script_by_hash_and_no_other_inline_script() {
    let dist = tempfile::tempdir().unwrap();
    let loader = "\nimport init from '/app.js';\nawait init();\n";
    std::fs::write(
        dist.path().join("index.html"),
        format!("<!doctype html><html><head><script type=\"module\">{loader}</script></head><body></body></html>"),
    )
    .unwrap();
    let dir = dist.path().to_path_buf();
    let app = TestApp::spawn_with(move |s| s.static_dir = Some(dir)).await;
    let response = app.get("/contacts/123", None).await;
    assert_eq!(response.status(), StatusCode::OK);
    let csp = header(&response, "content-security-policy").expect("CSP");
    use base64::Engine;
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(loader.as_bytes()));
    let script_src = csp
        .split(';')
        .find(|d| d.trim().starts_with("script-src"))
        .unwrap();
    assert!(script_src.contains(&format!("'sha256-{hash}'")), "{csp}");
    assert!(script_src.contains("'wasm-unsafe-eval'"));
    assert!(!script_src.contains("'unsafe-inline'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"));
}

#[tokio::test]
async fn cors_is_closed_unless_an_origin_is_configured() {
    let app = TestApp::spawn().await;
    let response = app
        .request(Method::GET, "/api/v1/policies", None)
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(header(&response, "access-control-allow-origin"), None);

    let open =
        TestApp::spawn_with(|s| s.cors_allowed_origins = vec!["https://app.example".into()]).await;
    let preflight = open
        .request(Method::OPTIONS, "/api/v1/contacts", None)
        .header("Origin", "https://app.example")
        .header("Access-Control-Request-Method", "POST")
        .header(
            "Access-Control-Request-Headers",
            "authorization, content-type, idempotency-key",
        )
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success(), "{}", preflight.status());
    assert_eq!(
        header(&preflight, "access-control-allow-origin").as_deref(),
        Some("https://app.example")
    );
    let response = open
        .request(Method::GET, "/api/v1/policies", None)
        .header("Origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_ne!(
        header(&response, "access-control-allow-origin").as_deref(),
        Some("https://evil.example")
    );
}

#[tokio::test]
async fn oversized_bodies_are_413_problems() {
    let app = TestApp::spawn_with(|s| {
        s.max_body_bytes = 1024;
        s.max_upload_bytes = 4096;
    })
    .await;
    let admin = app.signup("Acme", &email("admin")).await;
    let big = json!({ "name": "x".repeat(2000), "scopes": ["*"] });
    expect_problem(
        app.post("/api/v1/api-keys", Some(&admin.access), &big)
            .await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
    )
    .await;
    let csv = "first_name,last_name\n".repeat(500);
    let response = app
        .request(Method::POST, "/api/v1/contacts/import", Some(&admin.access))
        .header("Content-Type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    expect_problem(response, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
}

#[tokio::test]
async fn subscription_changes_are_webhook_events() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let receiver = WebhookReceiver::start(&[204]).await;
    expect_json::<CreatedWebhook>(
        app.post("/api/v1/webhooks", Some(&admin.access), &json!({ "url": receiver.url, "events": ["subscription.created", "subscription.updated"] })).await,
        StatusCode::CREATED,
    )
    .await;
    expect_json::<Value>(
        app.post(
            "/api/v1/contract/order",
            Some(&admin.access),
            &json!({ "term_length": "year", "modules": ["crm", "api"] }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(app.jobs.run_once().await.unwrap().webhooks.delivered, 1);
    let body: Value = serde_json::from_str(&receiver.received()[0].body).unwrap();
    assert_eq!(body["type"], "subscription.created");
    assert_eq!(body["data"]["term_length"], "year");
}

#[tokio::test]
async fn every_recorded_module_event_kind_can_be_subscribed_to_and_calendar_events_are_delivered() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let receiver = WebhookReceiver::start(&[204]).await;
    // The kinds the modules record, beyond created/updated/deleted.
    for kind in [
        "quotation.sent",
        "quotation.accepted",
        "quotation.declined",
        "quotation.invoiced",
        "invoice.issued",
        "invoice.credited",
        "invoice.reminded",
        "payment.created",
        "time_entry.updated",
        "call.deleted",
    ] {
        expect_json::<CreatedWebhook>(
            app.post(
                "/api/v1/webhooks",
                Some(&admin.access),
                &json!({ "url": receiver.url, "events": [kind] }),
            )
            .await,
            StatusCode::CREATED,
        )
        .await;
    }
    for bad in ["event.created", "sales_invoice.created", "contact.issued"] {
        let problem = expect_problem(
            app.post(
                "/api/v1/webhooks",
                Some(&admin.access),
                &json!({ "url": receiver.url, "events": [bad] }),
            )
            .await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert!(
            problem
                .errors
                .iter()
                .any(|e| e.field == "events" && e.code == "unknown_event"),
            "{bad}"
        );
    }
    // A calendar event is delivered to the webhook subscribed to calendar_event.created.
    let calendar = WebhookReceiver::start(&[204]).await;
    expect_json::<CreatedWebhook>(
        app.post(
            "/api/v1/webhooks",
            Some(&admin.access),
            &json!({ "url": calendar.url, "events": ["calendar_event.created"] }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let created: Value = expect_json(
        app.post(
            "/api/v1/calendar/events",
            Some(&admin.access),
            &json!({ "title": "Kick-off", "starts_at": "2026-12-01T09:00:00Z", "ends_at": "2026-12-01T10:00:00Z" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    app.jobs.run_once().await.unwrap();
    let received = calendar.received();
    assert_eq!(received.len(), 1);
    let body: Value = serde_json::from_str(&received[0].body).unwrap();
    assert_eq!(body["type"], "calendar_event.created");
    assert_eq!(body["data"]["id"], created["id"]);
    assert!(
        receiver.received().is_empty(),
        "no other subscription matched"
    );
}
