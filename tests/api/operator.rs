//! Operators manage the platform and never use or read a tenant's account.

use chrono::{Duration, Utc};
use ecom_tests::{email, expect_json, expect_problem, TestApp};
use ecom_types::auth::TokenPair;
use ecom_types::operator::{ClockSetting, OperatorView, TenantSummaryList};
use reqwest::{Method, StatusCode};
use serde_json::json;

const OPERATOR_PASSWORD: &str = "operator passphrase 1";

async fn operator_token(app: &TestApp) -> String {
    let address = email("ops");
    let (who, url) = (address.clone(), app.database_url.clone());
    let (first, second) = tokio::task::spawn_blocking(move || {
        (
            ecom_server::cli::create_operator(&who, OPERATOR_PASSWORD, &url),
            ecom_server::cli::create_operator(&who, OPERATOR_PASSWORD, &url),
        )
    })
    .await
    .unwrap();
    first.expect("operator created");
    // The same e-mail twice is refused.
    assert!(second.is_err());
    let pair: TokenPair = expect_json(
        app.post(
            "/api/v1/operator/auth/login",
            None,
            &json!({ "email": address, "password": OPERATOR_PASSWORD }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    pair.access_token
}

#[tokio::test]
async fn operators_see_tenants_as_companies_but_no_tenant_data() {
    let app = TestApp::spawn().await;
    let tenant = app.signup("Client BV", &email("client")).await;
    let op = operator_token(&app).await;

    let me: OperatorView = expect_json(
        app.get("/api/v1/operator/me", Some(&op)).await,
        StatusCode::OK,
    )
    .await;
    assert!(me.email.starts_with("ops."));
    let tenants: TenantSummaryList = expect_json(
        app.get("/api/v1/operator/tenants", Some(&op)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(tenants.items.len(), 1);
    assert_eq!(tenants.items[0].name, "Client BV");
    assert_eq!(tenants.items[0].active_users, 1);
    assert_eq!(tenants.items[0].status, "trial");

    // The operator cannot act inside a tenant.
    for response in [
        app.get("/api/v1/me", Some(&op)).await,
        app.get("/api/v1/users", Some(&op)).await,
        app.get("/api/v1/api-keys", Some(&op)).await,
        app.post(
            &format!("/api/v1/users/{}/deactivate", tenant.user_id),
            Some(&op),
            &json!({}),
        )
        .await,
    ] {
        expect_problem(response, StatusCode::FORBIDDEN, "operator_not_allowed").await;
    }
    // And a tenant cannot act as the operator, by session or key.
    let (_, key) = app.create_api_key(&tenant.access, "k").await;
    for credential in [tenant.access.as_str(), key.as_str()] {
        expect_problem(
            app.get("/api/v1/operator/tenants", Some(credential)).await,
            StatusCode::FORBIDDEN,
            "operator_only",
        )
        .await;
        expect_problem(
            app.get("/api/v1/operator/me", Some(credential)).await,
            StatusCode::FORBIDDEN,
            "operator_only",
        )
        .await;
    }
    // Tenant credentials do not log in as operator.
    expect_problem(
        app.post(
            "/api/v1/operator/auth/login",
            None,
            &json!({ "email": tenant.email, "password": ecom_tests::PASSWORD }),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
}

#[tokio::test]
async fn the_operator_moves_the_clock_on_a_dev_server() {
    let app = TestApp::spawn().await;
    let op = operator_token(&app).await;
    let target = Utc::now() + Duration::days(3);
    let set: ClockSetting = expect_json(
        app.request(Method::PUT, "/api/v1/operator/clock", Some(&op))
            .json(&json!({ "now": target }))
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert!((set.now - target).num_seconds().abs() <= 2);
    assert!((app.clock.now() - target).num_seconds().abs() <= 2);
    let tenant = app.signup("Later BV", &email("later")).await;
    let me: ecom_types::auth::MeResponse = expect_json(
        app.get("/api/v1/me", Some(&tenant.access)).await,
        StatusCode::OK,
    )
    .await;
    assert!(
        (me.tenant.created_at - target).num_seconds().abs() <= 5,
        "sign-up used the moved clock"
    );

    let tenant_token = tenant.access;
    expect_problem(
        app.request(Method::PUT, "/api/v1/operator/clock", Some(&tenant_token))
            .json(&json!({ "now": target }))
            .send()
            .await
            .unwrap(),
        StatusCode::FORBIDDEN,
        "operator_only",
    )
    .await;
}

#[tokio::test]
async fn without_the_dev_flag_the_clock_endpoint_does_not_exist() {
    let app = TestApp::spawn_with(|s| s.dev_clock = false).await;
    let op = operator_token(&app).await;
    for token in [Some(op.as_str()), None] {
        expect_problem(
            app.request(Method::PUT, "/api/v1/operator/clock", token)
                .json(&json!({ "now": Utc::now() }))
                .send()
                .await
                .unwrap(),
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        expect_problem(
            app.get("/api/v1/operator/clock", token).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
}

/// Every operator endpoint in the OpenAPI document, `{...}` replaced by ids.
fn operator_endpoints() -> Vec<(reqwest::Method, String)> {
    let doc: serde_json::Value = serde_json::from_str(&ecom_server::openapi::to_json()).unwrap();
    let mut endpoints = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        if !path.starts_with("/api/v1/operator/") {
            continue;
        }
        for (method, op) in item.as_object().unwrap() {
            let secured = op["security"].as_array().is_some_and(|s| !s.is_empty());
            if !secured {
                continue; // the operator's log-in
            }
            let mut concrete = String::new();
            for segment in path.split('/').filter(|s| !s.is_empty()) {
                concrete.push('/');
                if segment.starts_with('{') {
                    concrete.push_str(&uuid::Uuid::now_v7().to_string());
                } else {
                    concrete.push_str(segment);
                }
            }
            endpoints.push((method.to_uppercase().parse().unwrap(), concrete));
        }
    }
    endpoints
}

#[tokio::test]
async fn a_tenant_gets_403_from_every_operator_endpoint_whatever_the_body() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Acme", &email("not-an-operator")).await;
    let (_, key) = app.create_api_key(&signed.access, "full").await;
    let endpoints = operator_endpoints();
    assert!(endpoints.len() >= 30, "{endpoints:?}");
    let garbage: [(&str, &str); 4] = [
        ("application/json", "[]"),
        (
            "application/json",
            r#"{"garbage": true, "received_on": "0000-01-01"}"#,
        ),
        ("application/json", "{not json"),
        ("application/json", r#"{"name": "\u0000"}"#),
    ];
    for (method, path) in &endpoints {
        for (content_type, body) in garbage {
            for token in [&signed.access, &key] {
                let response = app
                    .request(method.clone(), path, Some(token))
                    .header("content-type", content_type)
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                let status = response.status();
                let text = response.text().await.unwrap_or_default();
                assert_eq!(
                    status,
                    StatusCode::FORBIDDEN,
                    "{method} {path} with {body}: {text}"
                );
                assert!(text.contains("operator_only"), "{method} {path}: {text}");
            }
            // Without credentials: 401, whatever the body.
            let response = app
                .request(method.clone(), path, None)
                .header("content-type", content_type)
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(
                response.status(),
                StatusCode::UNAUTHORIZED,
                "{method} {path} with {body}"
            );
        }
    }
}
