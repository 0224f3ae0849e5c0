//! HTTP conventions: probes, problem documents for every malformed input,
//! forged tokens, request ids and the SPA fallback.

use base64::Engine as _;
use ecom_tests::{email, expect_json, expect_problem, TestApp};
use ecom_types::health::Health;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn probes_answer() {
    let app = TestApp::spawn().await;
    let live: Health = expect_json(app.get("/healthz", None).await, StatusCode::OK).await;
    assert_eq!(live.status, "ok");
    let ready: Health = expect_json(app.get("/readyz", None).await, StatusCode::OK).await;
    assert_eq!(ready.database.as_deref(), Some("ok"));
}

#[tokio::test]
async fn malformed_bodies_get_clear_problems_never_500() {
    let app = TestApp::spawn().await;
    let send = |body: &'static str, content_type: &'static str| {
        app.client
            .post(app.url("/api/v1/auth/login"))
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let p = expect_problem(
        send("{\"email\": ", "application/json").await.unwrap(),
        StatusCode::BAD_REQUEST,
        "malformed_json",
    )
    .await;
    assert!(p.detail.contains("not valid JSON"));
    let p = expect_problem(
        send(
            r#"{"email":"a@b.be","password":"x","admin":true}"#,
            "application/json",
        )
        .await
        .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    assert!(p.detail.contains("unknown field `admin`"), "{}", p.detail);
    let p = expect_problem(
        send(r#"{"email":42,"password":"x"}"#, "application/json")
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    assert!(p.detail.contains("invalid type"), "{}", p.detail);
    let p = expect_problem(
        send(r#"{"email":"a@b.be"}"#, "application/json")
            .await
            .unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    assert!(
        p.detail.contains("missing field `password`"),
        "{}",
        p.detail
    );
    expect_problem(
        send("email=a", "application/x-www-form-urlencoded")
            .await
            .unwrap(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
    )
    .await;
    expect_problem(
        send("[]", "application/json").await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;

    let huge = json!({ "email": "a@b.be", "password": "x".repeat(70 * 1024) });
    expect_problem(
        app.post("/api/v1/auth/login", None, &huge).await,
        StatusCode::PAYLOAD_TOO_LARGE,
        "payload_too_large",
    )
    .await;
}

#[tokio::test]
async fn bad_ids_and_unknown_routes_are_404_problems() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    expect_problem(
        app.post(
            "/api/v1/users/not-a-uuid/deactivate",
            Some(&admin.access),
            &json!({}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.post(
            &format!("/api/v1/users/{}/deactivate", uuid::Uuid::new_v4()),
            Some(&admin.access),
            &json!({}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.get("/api/v1/no-such-thing", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.get("/api/nothing", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // A known path with a method it does not have: 405 with `Allow` (RFC 9110).
    let response = app
        .request(Method::PATCH, "/api/v1/signup", None)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response
            .headers()
            .get("allow")
            .and_then(|v| v.to_str().ok()),
        Some("POST")
    );
    expect_problem(
        response,
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
    )
    .await;
}

#[tokio::test]
async fn forged_expired_and_alg_none_tokens_are_refused() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let parts: Vec<&str> = admin.access.split('.').collect();
    let payload = parts[1];
    // alg: none with the real claims.
    let none = format!(
        "{}.{payload}.",
        b64.encode(br#"{"alg":"none","typ":"JWT"}"#)
    );
    expect_problem(
        app.get("/api/v1/me", Some(&none)).await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    )
    .await;
    // Claims changed, signature kept.
    let mut claims: serde_json::Value =
        serde_json::from_slice(&b64.decode(payload).unwrap()).unwrap();
    claims["tid"] = json!(uuid::Uuid::new_v4());
    let forged = format!(
        "{}.{}.{}",
        parts[0],
        b64.encode(claims.to_string()),
        parts[2]
    );
    expect_problem(
        app.get("/api/v1/me", Some(&forged)).await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    )
    .await;
    expect_problem(
        app.get("/api/v1/me", Some("not.a.jwt")).await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    )
    .await;
}

#[tokio::test]
async fn responses_carry_a_request_id_and_safety_headers() {
    let app = TestApp::spawn().await;
    let response = app.get("/healthz", None).await;
    assert!(response.headers()["x-request-id"].len() >= 16);
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    let response = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "trace-from-client-123")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-request-id"], "trace-from-client-123");
    let response = app
        .client
        .get(app.url("/healthz"))
        .header("x-request-id", "bad id with spaces")
        .send()
        .await
        .unwrap();
    assert_ne!(response.headers()["x-request-id"], "bad id with spaces");
}

#[tokio::test]
async fn the_spa_is_served_with_fallback_to_index() {
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>Ecom SPA</title>",
    )
    .unwrap();
    std::fs::write(dist.path().join("app.js"), "console.log('hi')").unwrap();
    let dir = dist.path().to_path_buf();
    let app = TestApp::spawn_with(move |s| s.static_dir = Some(dir)).await;
    for path in ["/", "/login", "/users/123"] {
        let response = app.get(path, None).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        assert!(
            response.text().await.unwrap().contains("Ecom SPA"),
            "{path}"
        );
    }
    let js = app.get("/app.js", None).await;
    assert_eq!(js.status(), StatusCode::OK);
    assert!(js.text().await.unwrap().contains("hi"));
    expect_problem(
        app.get("/api/v1/nowhere", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let docs = app.get("/api/docs/", None).await;
    assert_eq!(docs.status(), StatusCode::OK);
    let spec: serde_json::Value =
        expect_json(app.get("/api/openapi.json", None).await, StatusCode::OK).await;
    assert_eq!(spec["info"]["title"], "Ecom API");
}

#[tokio::test]
async fn the_suite_runs_on_the_requested_database() {
    let app = TestApp::spawn().await;
    let expected = if ecom_tests::postgres_base_url().is_some() {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(app.database.backend().name(), expected);
}

/// Every list documents its `sort` values as a pattern; each of them, up and
/// down, is accepted, as is an empty one (the default order), and the set is
/// exactly the one the server names when it refuses another: the spec and
/// the code cannot drift apart.
#[tokio::test]
async fn every_documented_sort_is_accepted_and_no_other() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Sorted", &email("sort")).await;
    let operator = app.operator().await;
    let doc: serde_json::Value =
        serde_json::from_str(&ecom_server::openapi::to_json()).expect("the spec");
    let mut checked = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        let Some(parameters) = item["get"]["parameters"].as_array() else {
            continue;
        };
        let Some(sort) = parameters.iter().find(|p| p["name"] == "sort") else {
            continue;
        };
        let pattern = sort["schema"]["pattern"]
            .as_str()
            .unwrap_or_else(|| panic!("{path}: `sort` has no pattern"));
        let documented: std::collections::BTreeSet<&str> = pattern
            .strip_prefix("^(-?(")
            .and_then(|p| p.strip_suffix("))?$"))
            .unwrap_or_else(|| panic!("{path}: unexpected sort pattern {pattern}"))
            .split('|')
            .collect();
        // A list under a parent (a project's tasks) needs a real parent: the
        // same handler is reached through the top-level list.
        if path.contains('{') {
            continue;
        }
        let token = if path.starts_with("/api/v1/operator/") {
            operator.as_str()
        } else {
            signed.access.as_str()
        };
        let default_order = app.get(&format!("{path}?sort="), Some(token)).await;
        assert_eq!(default_order.status(), StatusCode::OK, "{path}?sort=");
        for field in &documented {
            for sort in [field.to_string(), format!("-{field}")] {
                let response = app.get(&format!("{path}?sort={sort}"), Some(token)).await;
                assert_eq!(response.status(), StatusCode::OK, "{path}?sort={sort}");
            }
        }
        let refused = expect_problem(
            app.get(&format!("{path}?sort=shoe_size"), Some(token))
                .await,
            StatusCode::BAD_REQUEST,
            "invalid_sort",
        )
        .await;
        let named: std::collections::BTreeSet<&str> = refused
            .detail
            .split("use one of ")
            .nth(1)
            .and_then(|rest| rest.split(" (").next())
            .unwrap_or_else(|| panic!("{path}: {}", refused.detail))
            .split(", ")
            .collect();
        assert_eq!(
            named, documented,
            "{path}: the server's sort fields are not the documented ones"
        );
        checked += 1;
    }
    assert!(checked >= 11, "only {checked} lists have a documented sort");
}
