//! The OpenAPI document, built from the same registration as the router
//! ([`crate::routes::configure`]), so a route cannot be missing from it.
//! `ecom openapi` prints it; `openapi/openapi.json` is the checked-in copy.

use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Ecom API",
        description = "Multi-tenant CRM and invoicing for small businesses. \
Authenticate with `Authorization: Bearer <token>`, where the token is either an access token from \
`/api/v1/auth/login` (15 minutes; renew at `/api/v1/auth/refresh`) or an API key (`ecom_...`). \
Every error is `application/problem+json` (RFC 9457) with a stable `code`; invalid fields are listed in `errors`.",
        license(name = "Proprietary"),
    ),
    modifiers(&SecuritySchemes),
    tags(
        (name = "health", description = "Liveness and readiness"),
        (name = "policies", description = "Terms, privacy statement, data processing agreement and cookie policy versions"),
        (name = "accounts", description = "Sign-up and the caller's own account"),
        (name = "auth", description = "Log-in sessions: access and refresh tokens"),
        (name = "subscription", description = "Catalogue, contract, cancellation, changes and the account's timeline"),
        (name = "invoices", description = "The operator's invoices to the Client"),
        (name = "users", description = "The tenant's people (Administrator only)"),
        (name = "api-keys", description = "API keys for integrations (Administrator only)"),
        (name = "operator", description = "Ecom staff: the platform, never a tenant's customer data"),
        (name = "invoicing", description = "How the tenant invoices its own customers: series, bank account, logo, terms (Administrator only)"),
        (name = "quotations", description = "The tenant's quotations to its customers (Quotations module)"),
        (name = "sales-invoices", description = "The tenant's invoices to its own customers: credit notes, payments, reminders, PDF and Peppol UBL (Invoicing module)"),
        (name = "public", description = "What a tenant's customer opens without an account (a quotation link)"),
    )
)]
struct ApiDoc;

/// Declares the two ways to authenticate.
struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut bearer = Http::new(HttpAuthScheme::Bearer);
        bearer.bearer_format = Some("JWT".into());
        bearer.description = Some("An access token from /api/v1/auth/login, valid 15 minutes.".into());
        components.add_security_scheme("bearer_token", SecurityScheme::Http(bearer));
        let mut key = Http::new(HttpAuthScheme::Bearer);
        key.bearer_format = Some("ecom_<prefix>_<secret>".into());
        key.description = Some("An API key created by the Administrator, sent as a bearer token.".into());
        components.add_security_scheme("api_key", SecurityScheme::Http(key));
    }
}

/// The whole document.
pub fn document() -> utoipa::openapi::OpenApi {
    let (_, mut api) = actix_web::App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .configure(crate::routes::configure)
        .split_for_parts();
    api.info.version = env!("CARGO_PKG_VERSION").into();
    api
}

/// The document as pretty JSON with a trailing newline, as checked in.
pub fn to_json() -> String {
    let mut json = document().to_pretty_json().unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    json.push('\n');
    json
}
