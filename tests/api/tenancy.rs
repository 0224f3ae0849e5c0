//! Cross-tenant isolation: tenant A's session and API key see nothing of
//! tenant B, and get 404 (not 403) for B's resources, so ids leak nothing.

use ecom_tests::{email, expect_json, expect_problem, TestApp};
use ecom_types::auth::{ApiKeyList, MeResponse};
use ecom_types::user::UserList;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn tenant_a_cannot_reach_tenant_b_by_session_or_key() {
    let app = TestApp::spawn().await;
    let a = app.signup("Tenant A", &email("a")).await;
    let b = app.signup("Tenant B", &email("b")).await;
    let (_, a_key) = app.create_api_key(&a.access, "a-key").await;
    let (b_key_id, b_key) = app.create_api_key(&b.access, "b-key").await;
    let (b_user_id, _) = app.add_user(&b.access, &email("b-user")).await;

    for credential in [a.access.as_str(), a_key.as_str()] {
        // Lists show only the caller's own tenant.
        let users: UserList = expect_json(
            app.get("/api/v1/users", Some(credential)).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(users.items.len(), 1);
        assert_eq!(users.items[0].id, a.user_id);
        let keys: ApiKeyList = expect_json(
            app.get("/api/v1/api-keys", Some(credential)).await,
            StatusCode::OK,
        )
        .await;
        assert!(keys.items.iter().all(|k| k.name == "a-key"));
        let me: MeResponse = expect_json(
            app.get("/api/v1/me", Some(credential)).await,
            StatusCode::OK,
        )
        .await;
        assert_eq!(me.tenant.id, a.tenant_id);

        // B's resources by id: 404, and nothing changes.
        for path in [
            format!("/api/v1/users/{b_user_id}/deactivate"),
            format!("/api/v1/users/{b_user_id}/reactivate"),
            format!("/api/v1/users/{b_user_id}/invitation"),
            format!("/api/v1/users/{}/deactivate", b.user_id),
        ] {
            expect_problem(
                app.post(&path, Some(credential), &json!({})).await,
                StatusCode::NOT_FOUND,
                "not_found",
            )
            .await;
        }
        expect_problem(
            app.delete(&format!("/api/v1/api-keys/{b_key_id}"), Some(credential))
                .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    // B's key and user still work.
    expect_json::<MeResponse>(app.get("/api/v1/me", Some(&b_key)).await, StatusCode::OK).await;
    let users: UserList = expect_json(
        app.get("/api/v1/users", Some(&b.access)).await,
        StatusCode::OK,
    )
    .await;
    assert!(
        users.items.iter().all(|u| u.status == "active"),
        "B's users were not touched"
    );
}
