//! Sign-up, log-in, sessions and the trial.

use chrono::Duration;
use ecom_tests::{email, expect_json, expect_problem, signup_body, TestApp, PASSWORD};
use ecom_types::auth::{MeResponse, SignupResponse, TokenPair};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn signup_creates_tenant_administrator_and_fifteen_day_trial() {
    let app = TestApp::spawn().await;
    let mut body = signup_body("Bakkerij Peeters", &email("an"));
    body["company"]["vat_number"] = json!("BE 0810.231.595");
    let response = app.post("/api/v1/signup", None, &body).await;
    let signed: SignupResponse = expect_json(response, StatusCode::CREATED).await;
    assert_eq!(signed.tenant.name, "Bakkerij Peeters");
    assert_eq!(signed.tenant.vat_number.as_deref(), Some("BE0810231595"));
    assert_eq!(signed.tenant.status, "trial");
    assert_eq!(signed.tenant.trial_days_left, 15);
    let ends = signed.tenant.trial_ends_at.expect("a trial end");
    assert_eq!(ends - signed.tenant.created_at, Duration::days(15));
    assert_eq!(signed.user.role, "administrator");
    assert_eq!(signed.user.status, "active");
    assert!(
        signed.user.activated_at.is_some(),
        "the Administrator account is activated (delivery, art. 6)"
    );
    assert_eq!(signed.session.token_type, "Bearer");

    let me: MeResponse = expect_json(
        app.get("/api/v1/me", Some(&signed.session.access_token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(me.tenant.id, signed.tenant.id);
    assert_eq!(me.user.id, signed.user.id);
    assert_eq!(me.authenticated_with, "session");
}

#[tokio::test]
async fn signup_records_acceptance_of_the_current_policies() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Acme", &email("acme")).await;
    let mut conn = app.database.get().unwrap();
    let accepted = ecom_storage::policies::acceptances(
        &mut conn,
        ecom_domain::TenantId(signed.tenant_id),
        ecom_domain::UserId(signed.user_id),
    )
    .unwrap();
    let kinds: Vec<(&str, &str)> = accepted
        .iter()
        .map(|(k, v, _)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("terms", "2026-01"),
            ("privacy", "2026-01"),
            ("data_processing", "2026-01")
        ]
    );
}

#[tokio::test]
async fn signup_reports_every_invalid_field() {
    let app = TestApp::spawn().await;
    let mut body = signup_body("", "not-an-email");
    body["company"]["country"] = json!("BE");
    body["company"]["vat_number"] = json!("BE0810231596");
    body["administrator"]["password"] = json!("short");
    body["accepted"]["terms"] = json!("2019-05");
    let problem = expect_problem(
        app.post("/api/v1/signup", None, &body).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<(&str, &str)> = problem
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("company.name", "required"),
            ("company.vat_number", "vat_checksum_mismatch"),
            ("administrator.email", "invalid_email"),
            ("administrator.password", "too_short"),
            ("accepted.terms", "policy_version_outdated"),
        ]
    );
}

#[tokio::test]
async fn a_second_account_for_the_same_email_is_a_conflict() {
    let app = TestApp::spawn().await;
    let address = email("dup");
    app.signup("First", &address).await;
    let problem = expect_problem(
        app.post(
            "/api/v1/signup",
            None,
            &signup_body("Second", &address.to_uppercase()),
        )
        .await,
        StatusCode::CONFLICT,
        "email_taken",
    )
    .await;
    assert_eq!(problem.errors[0].field, "administrator.email");
}

#[tokio::test]
async fn a_repeat_trial_for_the_same_vat_number_is_refused_for_two_years() {
    let app = TestApp::spawn().await;
    let mut first = signup_body("First", &email("first"));
    first["company"]["vat_number"] = json!("BE0810231595");
    expect_json::<SignupResponse>(
        app.post("/api/v1/signup", None, &first).await,
        StatusCode::CREATED,
    )
    .await;

    let mut again = signup_body("Again", &email("again"));
    again["company"]["vat_number"] = json!("0810.231.595");
    let problem = expect_problem(
        app.post("/api/v1/signup", None, &again).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "repeat_trial_refused",
    )
    .await;
    assert!(
        problem.detail.contains("new one is possible from"),
        "{}",
        problem.detail
    );

    // Two years after that trial ended, a new one is allowed.
    app.clock
        .set(app.clock.now() + Duration::days(15) + Duration::days(731));
    expect_json::<SignupResponse>(
        app.post("/api/v1/signup", None, &again).await,
        StatusCode::CREATED,
    )
    .await;
}

#[tokio::test]
async fn the_trial_ends_after_fifteen_days() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Trial", &email("trial")).await;
    let start = app.clock.now();
    app.clock
        .set(start + Duration::days(14) + Duration::hours(23));
    let pair: TokenPair =
        expect_json(app.login(&signed.email, PASSWORD).await, StatusCode::OK).await;
    let me: MeResponse = expect_json(
        app.get("/api/v1/me", Some(&pair.access_token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(me.tenant.status, "trial");
    assert!(me.tenant.modules_available);
    assert_eq!(me.tenant.trial_days_left, 1);

    app.clock
        .set(start + Duration::days(15) + Duration::minutes(1));
    // Log-in still works after the trial (to order, export, read invoices).
    let pair: TokenPair =
        expect_json(app.login(&signed.email, PASSWORD).await, StatusCode::OK).await;
    let me: MeResponse = expect_json(
        app.get("/api/v1/me", Some(&pair.access_token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(me.tenant.status, "trial_expired");
    assert!(!me.tenant.modules_available);
    assert_eq!(me.tenant.trial_days_left, 0);
}

#[tokio::test]
async fn login_with_wrong_password_or_unknown_email_is_the_same_401() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Acme", &email("login")).await;
    let wrong = expect_problem(
        app.login(&signed.email, "wrong password!").await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    let unknown = expect_problem(
        app.login(&email("nobody"), PASSWORD).await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    assert_eq!(
        wrong.detail, unknown.detail,
        "the answer must not reveal which e-mail addresses exist"
    );
    let pair: TokenPair = expect_json(
        app.login(&signed.email.to_uppercase(), PASSWORD).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(pair.expires_in, 900);
}

#[tokio::test]
async fn five_failed_logins_lock_the_account_for_fifteen_minutes() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Acme", &email("lock")).await;
    let unknown = email("nobody-lock");
    for _ in 0..5 {
        for address in [&signed.email, &unknown] {
            expect_problem(
                app.login(address, "wrong password!").await,
                StatusCode::UNAUTHORIZED,
                "invalid_credentials",
            )
            .await;
        }
    }
    // Locked: even the right password is refused, and exactly as an unknown
    // address is after as many tries (status, headers that matter, body), so
    // the answer never tells which addresses have an account.
    let locked = app.login(&signed.email, PASSWORD).await;
    let nobody = app.login(&unknown, PASSWORD).await;
    assert_eq!(locked.status(), nobody.status());
    assert!(locked.headers().get("retry-after").is_none());
    assert_eq!(
        locked.headers().get("www-authenticate"),
        nobody.headers().get("www-authenticate")
    );
    let locked = expect_problem(locked, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    let nobody = expect_problem(nobody, StatusCode::UNAUTHORIZED, "invalid_credentials").await;
    assert_eq!(
        (
            &locked.title,
            &locked.detail,
            &locked.problem_type,
            &locked.errors
        ),
        (
            &nobody.title,
            &nobody.detail,
            &nobody.problem_type,
            &nobody.errors
        )
    );
    assert!(locked.detail.contains("locked"), "{}", locked.detail);

    app.clock.set(app.clock.now() + Duration::minutes(14));
    expect_problem(
        app.login(&signed.email, PASSWORD).await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    app.clock
        .set(app.clock.now() + Duration::minutes(1) + Duration::seconds(1));
    expect_json::<TokenPair>(app.login(&signed.email, PASSWORD).await, StatusCode::OK).await;

    let mut conn = app.database.get().unwrap();
    assert!(ecom_storage::audit::count_action(&mut conn, "auth.account_locked").unwrap() >= 1);
}

#[tokio::test]
async fn refresh_tokens_rotate_and_a_reused_one_ends_the_session() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Acme", &email("refresh")).await;
    let first = signed.session.refresh_token.clone();
    let next: TokenPair = expect_json(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({ "refresh_token": first }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_ne!(next.refresh_token, first);
    expect_json::<MeResponse>(
        app.get("/api/v1/me", Some(&next.access_token)).await,
        StatusCode::OK,
    )
    .await;

    // The old token again: theft is assumed and the whole session ends.
    expect_problem(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({ "refresh_token": first }),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "refresh_token_reused",
    )
    .await;
    expect_problem(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({ "refresh_token": next.refresh_token }),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "invalid_refresh_token",
    )
    .await;
    expect_problem(
        app.get("/api/v1/me", Some(&next.access_token)).await,
        StatusCode::UNAUTHORIZED,
        "session_ended",
    )
    .await;
    expect_problem(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({ "refresh_token": "made-up" }),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "invalid_refresh_token",
    )
    .await;
}

#[tokio::test]
async fn access_tokens_expire_after_fifteen_minutes() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Acme", &email("expiry")).await;
    let start = app.clock.now();
    app.clock
        .set(start + Duration::minutes(14) + Duration::seconds(58));
    expect_json::<MeResponse>(
        app.get("/api/v1/me", Some(&signed.access)).await,
        StatusCode::OK,
    )
    .await;
    app.clock
        .set(start + Duration::minutes(15) + Duration::seconds(1));
    expect_problem(
        app.get("/api/v1/me", Some(&signed.access)).await,
        StatusCode::UNAUTHORIZED,
        "token_expired",
    )
    .await;
    // The refresh token still works.
    let pair: TokenPair = expect_json(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({ "refresh_token": signed.session.refresh_token }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    expect_json::<MeResponse>(
        app.get("/api/v1/me", Some(&pair.access_token)).await,
        StatusCode::OK,
    )
    .await;
}

#[tokio::test]
async fn logout_revokes_access_and_refresh_tokens() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Acme", &email("logout")).await;
    let other: TokenPair =
        expect_json(app.login(&signed.email, PASSWORD).await, StatusCode::OK).await;

    let response = app
        .post("/api/v1/auth/logout", Some(&signed.access), &json!({}))
        .await;
    // An empty object is not a RefreshRequest; the access token alone is enough.
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    expect_problem(
        app.get("/api/v1/me", Some(&signed.access)).await,
        StatusCode::UNAUTHORIZED,
        "session_ended",
    )
    .await;
    expect_problem(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({ "refresh_token": signed.session.refresh_token }),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "invalid_refresh_token",
    )
    .await;
    // Another session of the same person is untouched.
    expect_json::<MeResponse>(
        app.get("/api/v1/me", Some(&other.access_token)).await,
        StatusCode::OK,
    )
    .await;

    // Logging out with only the refresh token (access token expired) works too.
    let response = app
        .post(
            "/api/v1/auth/logout",
            None,
            &json!({ "refresh_token": other.refresh_token }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    expect_problem(
        app.get("/api/v1/me", Some(&other.access_token)).await,
        StatusCode::UNAUTHORIZED,
        "session_ended",
    )
    .await;
    expect_problem(
        app.post("/api/v1/auth/logout", None, &json!({})).await,
        StatusCode::BAD_REQUEST,
        "nothing_to_log_out",
    )
    .await;
}

#[tokio::test]
async fn changing_the_password_ends_every_session() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Acme", &email("pw")).await;
    let elsewhere: TokenPair =
        expect_json(app.login(&signed.email, PASSWORD).await, StatusCode::OK).await;
    let problem = expect_problem(
        app.post(
            "/api/v1/me/password",
            Some(&signed.access),
            &json!({ "current_password": "not the password", "new_password": "short" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["new_password", "current_password"]);

    let fresh: TokenPair = expect_json(
        app.post(
            "/api/v1/me/password",
            Some(&signed.access),
            &json!({ "current_password": PASSWORD, "new_password": "a brand new passphrase" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    expect_problem(
        app.get("/api/v1/me", Some(&signed.access)).await,
        StatusCode::UNAUTHORIZED,
        "session_ended",
    )
    .await;
    expect_problem(
        app.get("/api/v1/me", Some(&elsewhere.access_token)).await,
        StatusCode::UNAUTHORIZED,
        "session_ended",
    )
    .await;
    expect_problem(
        app.post(
            "/api/v1/auth/refresh",
            None,
            &json!({ "refresh_token": elsewhere.refresh_token }),
        )
        .await,
        StatusCode::UNAUTHORIZED,
        "invalid_refresh_token",
    )
    .await;
    expect_json::<MeResponse>(
        app.get("/api/v1/me", Some(&fresh.access_token)).await,
        StatusCode::OK,
    )
    .await;
    expect_problem(
        app.login(&signed.email, PASSWORD).await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;
    expect_json::<TokenPair>(
        app.login(&signed.email, "a brand new passphrase").await,
        StatusCode::OK,
    )
    .await;
}

#[tokio::test]
async fn concurrent_signups_with_one_email_create_one_account() {
    let app = TestApp::spawn().await;
    let address = email("race");
    let attempts = (0..6).map(|i| {
        let body = signup_body(&format!("Racer {i}"), &address);
        let app = &app;
        async move { app.post("/api/v1/signup", None, &body).await.status() }
    });
    let statuses = futures_util::future::join_all(attempts).await;
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    assert_eq!(created, 1, "statuses: {statuses:?}");
    // The losers are refused as a duplicate account (409) or, when the
    // winner's trial is already visible, as a repeated trial (422).
    assert!(
        statuses.iter().all(|s| [
            StatusCode::CREATED,
            StatusCode::CONFLICT,
            StatusCode::UNPROCESSABLE_ENTITY
        ]
        .contains(s)),
        "statuses: {statuses:?}"
    );
}
