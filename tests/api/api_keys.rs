//! API keys: shown once, stored hashed, usable as a bearer token, revocable.

use ecom_tests::{email, expect_json, expect_problem, TestApp};
use ecom_types::auth::{ApiKeyList, CreatedApiKey, MeResponse};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_key_is_shown_once_works_as_bearer_and_stops_when_revoked() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let created: CreatedApiKey = expect_json(
        app.post(
            "/api/v1/api-keys",
            Some(&admin.access),
            &json!({ "name": "Webshop sync", "scopes": ["*"] }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert!(created
        .secret
        .starts_with(&format!("{}_", created.api_key.prefix)));
    assert!(created.api_key.prefix.starts_with("ecom_"));
    assert_eq!(created.api_key.scopes, vec!["*"]);
    assert_eq!(created.api_key.last_used_at, None);

    let me: MeResponse = expect_json(
        app.get("/api/v1/me", Some(&created.secret)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(me.authenticated_with, "api_key");
    assert_eq!(me.api_key_id, Some(created.api_key.id));
    assert_eq!(me.tenant.id, admin.tenant_id);
    assert_eq!(me.user.id, admin.user_id);
    // A key acts as its creator, the Administrator: it may list users.
    expect_json::<serde_json::Value>(
        app.get("/api/v1/users", Some(&created.secret)).await,
        StatusCode::OK,
    )
    .await;

    let listed = app.get("/api/v1/api-keys", Some(&admin.access)).await;
    let text = listed.text().await.unwrap();
    assert!(
        !text.contains(&created.secret),
        "the secret is never shown again"
    );
    let list: ApiKeyList = serde_json::from_str(&text).unwrap();
    assert_eq!(list.items.len(), 1);
    assert!(list.items[0].last_used_at.is_some(), "use is recorded");

    // Only a hash is stored.
    let mut conn = app.database.get().unwrap();
    let stored = ecom_storage::api_keys::find_by_prefix(&mut conn, &created.api_key.prefix)
        .unwrap()
        .unwrap();
    assert_ne!(stored.secret_hash, created.secret);
    assert!(!stored.secret_hash.contains(&created.secret[14..]));
    drop(conn);

    let response = app
        .delete(
            &format!("/api/v1/api-keys/{}", created.api_key.id),
            Some(&admin.access),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    expect_problem(
        app.get("/api/v1/me", Some(&created.secret)).await,
        StatusCode::UNAUTHORIZED,
        "api_key_revoked",
    )
    .await;
    let list: ApiKeyList = expect_json(
        app.get("/api/v1/api-keys", Some(&admin.access)).await,
        StatusCode::OK,
    )
    .await;
    assert!(list.items[0].revoked_at.is_some());
}

#[tokio::test]
async fn a_tampered_or_unknown_key_is_refused() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let (_, secret) = app.create_api_key(&admin.access, "k").await;
    let mut tampered = secret.clone();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    expect_problem(
        app.get("/api/v1/me", Some(&tampered)).await,
        StatusCode::UNAUTHORIZED,
        "invalid_api_key",
    )
    .await;
    expect_problem(
        app.get(
            "/api/v1/me",
            Some("ecom_zzzzzzzz_0123456789012345678901234567890123456789012"),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "invalid_api_key",
    )
    .await;
    expect_problem(
        app.get("/api/v1/me", Some("ecom_short")).await,
        StatusCode::UNAUTHORIZED,
        "invalid_api_key",
    )
    .await;
    expect_problem(
        app.get("/api/v1/me", None).await,
        StatusCode::UNAUTHORIZED,
        "missing_credentials",
    )
    .await;
    let response = app
        .client
        .get(app.url("/api/v1/me"))
        .header("authorization", format!("Basic {secret}"))
        .send()
        .await
        .unwrap();
    expect_problem(
        response,
        StatusCode::UNAUTHORIZED,
        "invalid_authorization_header",
    )
    .await;
}

#[tokio::test]
async fn a_key_with_an_expiry_stops_working_then() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    // Within the 15-day trial, so the API module is open.
    let expires = app.clock.now() + chrono::Duration::days(10);
    let created: CreatedApiKey = expect_json(
        app.post(
            "/api/v1/api-keys",
            Some(&admin.access),
            &json!({ "name": "temp", "expires_at": expires, "scopes": ["*"] }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created.api_key.expires_at, Some(expires));
    app.clock.set(expires - chrono::Duration::seconds(5));
    expect_json::<MeResponse>(
        app.get("/api/v1/me", Some(&created.secret)).await,
        StatusCode::OK,
    )
    .await;
    app.clock.set(expires + chrono::Duration::seconds(1));
    expect_problem(
        app.get("/api/v1/me", Some(&created.secret)).await,
        StatusCode::UNAUTHORIZED,
        "api_key_expired",
    )
    .await;
    let past = app.clock.now() - chrono::Duration::days(1);
    let fresh = expect_json::<ecom_types::auth::TokenPair>(
        app.login(&admin.email, ecom_tests::PASSWORD).await,
        StatusCode::OK,
    )
    .await;
    let problem = expect_problem(
        app.post(
            "/api/v1/api-keys",
            Some(&fresh.access_token),
            &json!({ "name": "old", "expires_at": past, "scopes": ["*"] }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem.errors[0].field, "expires_at");
}

#[tokio::test]
async fn a_key_never_mints_a_key_with_more_than_it_has() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("mint")).await;
    let (_, admin_key) = app
        .create_scoped_api_key(&admin.access, "admin only", &["admin"])
        .await;
    let (_, wide_key) = app
        .create_scoped_api_key(&admin.access, "admin and crm", &["admin", "crm:write"])
        .await;
    let (full_id, full_key) = app.create_api_key(&admin.access, "full").await;
    let (crm_id, _) = app
        .create_scoped_api_key(&admin.access, "crm", &["crm:write"])
        .await;

    // Wider than the caller: refused, and nothing is created.
    for (token, scopes) in [
        (&admin_key, json!(["*"])),
        (&admin_key, json!(["admin", "crm:read"])),
        (&admin_key, json!(["billing:read"])),
        (&wide_key, json!(["*"])),
        (&wide_key, json!(["invoicing:read"])),
    ] {
        let problem = expect_problem(
            app.post(
                "/api/v1/api-keys",
                Some(token),
                &json!({ "name": "escalated", "scopes": scopes }),
            )
            .await,
            StatusCode::FORBIDDEN,
            "scopes_exceed_caller",
        )
        .await;
        assert!(problem.detail.contains("own scopes"), "{}", problem.detail);
    }
    let keys: ApiKeyList = expect_json(
        app.get("/api/v1/api-keys", Some(&admin.access)).await,
        StatusCode::OK,
    )
    .await;
    assert!(keys.items.iter().all(|k| k.name != "escalated"));
    assert_eq!(keys.items.len(), 4);

    // Rotating hands out the rotated key's power: only within the caller's.
    for key in [&full_id, &crm_id] {
        expect_problem(
            app.post(
                &format!("/api/v1/api-keys/{key}/rotate"),
                Some(&admin_key),
                &json!({}),
            )
            .await,
            StatusCode::FORBIDDEN,
            "scopes_exceed_caller",
        )
        .await;
    }

    // Within the caller's scopes (write includes read): allowed.
    for (token, scopes) in [
        (&admin_key, json!(["admin"])),
        (&wide_key, json!(["crm:read", "admin"])),
        (&full_key, json!(["*"])),
        (&admin.access, json!(["*"])),
    ] {
        let created: CreatedApiKey = expect_json(
            app.post(
                "/api/v1/api-keys",
                Some(token),
                &json!({ "name": "narrower", "scopes": scopes }),
            )
            .await,
            StatusCode::CREATED,
        )
        .await;
        assert_eq!(json!(created.api_key.scopes), scopes);
    }
    expect_json::<serde_json::Value>(
        app.post(
            &format!("/api/v1/api-keys/{crm_id}/rotate"),
            Some(&wide_key),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    expect_json::<serde_json::Value>(
        app.post(
            &format!("/api/v1/api-keys/{full_id}/rotate"),
            Some(&full_key),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
}

#[tokio::test]
async fn a_key_never_revokes_a_key_with_more_than_it_has() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("revoke")).await;
    let (admin_key_id, admin_key) = app
        .create_scoped_api_key(&admin.access, "admin only", &["admin"])
        .await;
    let (_, wide_key) = app
        .create_scoped_api_key(&admin.access, "admin and crm", &["admin", "crm:write"])
        .await;
    let (full_id, full_key) = app.create_api_key(&admin.access, "full").await;
    let (crm_id, _) = app
        .create_scoped_api_key(&admin.access, "crm", &["crm:write"])
        .await;
    // A narrow key cannot switch off a wider integration.
    for key in [&full_id, &crm_id] {
        expect_problem(
            app.delete(&format!("/api/v1/api-keys/{key}"), Some(&admin_key))
                .await,
            StatusCode::FORBIDDEN,
            "scopes_exceed_caller",
        )
        .await;
    }
    assert_eq!(
        app.get("/api/v1/api-keys", Some(&full_key)).await.status(),
        StatusCode::OK,
        "the full-access key still works"
    );
    // Within its scopes it may, and any key may revoke itself.
    for (key, token) in [
        (&crm_id, &wide_key),
        (&admin_key_id, &admin_key),
        (&full_id, &admin.access),
    ] {
        assert_eq!(
            app.delete(&format!("/api/v1/api-keys/{key}"), Some(token))
                .await
                .status(),
            StatusCode::NO_CONTENT
        );
    }
    assert_eq!(
        app.get("/api/v1/api-keys", Some(&full_key)).await.status(),
        StatusCode::UNAUTHORIZED
    );
}
