//! The checked-in OpenAPI document is the one the code produces.

#[test]
fn openapi_json_is_fresh() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json");
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    let generated = ecom_server::openapi::to_json();
    assert!(
        checked_in == generated,
        "openapi/openapi.json is stale; regenerate it with `scripts/openapi` (cargo run -q -p ecom-server --bin ecom -- openapi > openapi/openapi.json) and commit it"
    );
}

#[test]
fn every_route_is_documented_with_problem_responses() {
    let doc: serde_json::Value = serde_json::from_str(&ecom_server::openapi::to_json()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    for expected in [
        "/healthz",
        "/readyz",
        "/api/v1/signup",
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/me",
        "/api/v1/me/password",
        "/api/v1/users",
        "/api/v1/users/{id}/deactivate",
        "/api/v1/users/{id}/reactivate",
        "/api/v1/users/{id}/invitation",
        "/api/v1/invitations/accept",
        "/api/v1/api-keys",
        "/api/v1/api-keys/{id}",
        "/api/v1/policies",
        "/api/v1/operator/auth/login",
        "/api/v1/operator/me",
        "/api/v1/operator/tenants",
        "/api/v1/operator/clock",
    ] {
        assert!(paths.contains_key(expected), "{expected} is not documented");
    }
    let schemes = doc["components"]["securitySchemes"].as_object().unwrap();
    assert!(schemes.contains_key("bearer_token") && schemes.contains_key("api_key"));
    assert!(doc["components"]["schemas"]["Problem"].is_object());
}
