//! The Administrator manages Users; Users manage nothing.

use ecom_tests::{email, expect_json, expect_problem, TestApp, PASSWORD};
use ecom_types::auth::{MeResponse, TokenPair};
use ecom_types::user::{InvitationCreated, UserList, UserView};
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn invited_user_sets_a_password_and_logs_in() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let address = email("jan");
    let invited: InvitationCreated = expect_json(
        app.post(
            "/api/v1/users",
            Some(&admin.access),
            &json!({ "email": address, "first_name": "Jan", "last_name": "Janssens", "function": "Sales", "phone": "+32 470 12 34 56" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(invited.user.status, "invited");
    assert_eq!(invited.user.role, "user");
    // No password yet: log-in fails like any wrong password.
    expect_problem(
        app.login(&address, PASSWORD).await,
        StatusCode::UNAUTHORIZED,
        "invalid_credentials",
    )
    .await;

    expect_problem(
        app.post(
            "/api/v1/invitations/accept",
            None,
            &json!({ "token": invited.invitation_token, "password": "short" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let pair: TokenPair = expect_json(
        app.post(
            "/api/v1/invitations/accept",
            None,
            &json!({ "token": invited.invitation_token, "password": PASSWORD }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let me: MeResponse = expect_json(
        app.get("/api/v1/me", Some(&pair.access_token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(me.user.email, address);
    assert_eq!(me.user.role, "user");
    assert_eq!(me.tenant.id, admin.tenant_id);
    // The token is single-use.
    expect_problem(
        app.post(
            "/api/v1/invitations/accept",
            None,
            &json!({ "token": invited.invitation_token, "password": PASSWORD }),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_json::<TokenPair>(app.login(&address, PASSWORD).await, StatusCode::OK).await;
}

#[tokio::test]
async fn invitations_expire_after_seven_days_and_can_be_renewed() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let invited: InvitationCreated = expect_json(
        app.post(
            "/api/v1/users",
            Some(&admin.access),
            &json!({ "email": email("late"), "first_name": "Late", "last_name": "Comer" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    app.clock
        .set(app.clock.now() + chrono::Duration::days(7) + chrono::Duration::seconds(1));
    expect_problem(
        app.post(
            "/api/v1/invitations/accept",
            None,
            &json!({ "token": invited.invitation_token, "password": PASSWORD }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invitation_expired",
    )
    .await;
    let admin_again: TokenPair =
        expect_json(app.login(&admin.email, PASSWORD).await, StatusCode::OK).await;
    let renewed: InvitationCreated = expect_json(
        app.post(
            &format!("/api/v1/users/{}/invitation", invited.user.id),
            Some(&admin_again.access_token),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    expect_problem(
        app.post(
            "/api/v1/invitations/accept",
            None,
            &json!({ "token": invited.invitation_token, "password": PASSWORD }),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_json::<TokenPair>(
        app.post(
            "/api/v1/invitations/accept",
            None,
            &json!({ "token": renewed.invitation_token, "password": PASSWORD }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
}

#[tokio::test]
async fn a_user_cannot_manage_users_or_api_keys() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let (_, user_token) = app.add_user(&admin.access, &email("user")).await;
    expect_json::<MeResponse>(
        app.get("/api/v1/me", Some(&user_token)).await,
        StatusCode::OK,
    )
    .await;
    for response in [
        app.get("/api/v1/users", Some(&user_token)).await,
        app.post(
            "/api/v1/users",
            Some(&user_token),
            &json!({ "email": email("x"), "first_name": "X", "last_name": "Y" }),
        )
        .await,
        app.post(
            &format!("/api/v1/users/{}/deactivate", admin.user_id),
            Some(&user_token),
            &json!({}),
        )
        .await,
        app.get("/api/v1/api-keys", Some(&user_token)).await,
        app.post(
            "/api/v1/api-keys",
            Some(&user_token),
            &json!({ "name": "mine", "scopes": ["*"] }),
        )
        .await,
    ] {
        expect_problem(response, StatusCode::FORBIDDEN, "administrator_only").await;
    }
}

#[tokio::test]
async fn deactivation_ends_sessions_and_reactivation_restores_access() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let address = email("leaver");
    let (user_id, user_token) = app.add_user(&admin.access, &address).await;

    let view: UserView = expect_json(
        app.post(
            &format!("/api/v1/users/{user_id}/deactivate"),
            Some(&admin.access),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(view.status, "deactivated");
    assert!(view.deactivated_at.is_some());
    expect_problem(
        app.get("/api/v1/me", Some(&user_token)).await,
        StatusCode::UNAUTHORIZED,
        "session_ended",
    )
    .await;
    expect_problem(
        app.login(&address, PASSWORD).await,
        StatusCode::UNAUTHORIZED,
        "account_inactive",
    )
    .await;

    let list: UserList = expect_json(
        app.get("/api/v1/users", Some(&admin.access)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list.items.len(), 2);
    assert_eq!(
        list.items[0].role, "administrator",
        "the Administrator is listed first"
    );

    let view: UserView = expect_json(
        app.post(
            &format!("/api/v1/users/{user_id}/reactivate"),
            Some(&admin.access),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(view.status, "active");
    expect_json::<TokenPair>(app.login(&address, PASSWORD).await, StatusCode::OK).await;
}

#[tokio::test]
async fn the_administrator_cannot_be_deactivated() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    expect_problem(
        app.post(
            &format!("/api/v1/users/{}/deactivate", admin.user_id),
            Some(&admin.access),
            &json!({}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "cannot_deactivate_administrator",
    )
    .await;
}

#[tokio::test]
async fn inviting_an_existing_email_is_a_conflict_and_bad_fields_are_named() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let problem = expect_problem(
        app.post(
            "/api/v1/users",
            Some(&admin.access),
            &json!({ "email": admin.email, "first_name": "A", "last_name": "B" }),
        )
        .await,
        StatusCode::CONFLICT,
        "email_taken",
    )
    .await;
    assert_eq!(problem.errors[0].field, "email");
    let problem = expect_problem(
        app.post(
            "/api/v1/users",
            Some(&admin.access),
            &json!({ "email": "nope", "first_name": " ", "last_name": "B", "phone": "abc" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["email", "first_name", "phone"]);
}
