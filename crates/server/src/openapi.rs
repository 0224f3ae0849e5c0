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
        (name = "marketing", description = "Marketing lists: messages to consenting people, one-click unsubscribe, the suppression list"),
        (name = "cookies", description = "Cookie consent of a browser, for anonymous visitors too"),
        (name = "analytics", description = "Pseudonymous usage analytics (performance cookies)"),
        (name = "accounts", description = "Sign-up and the caller's own account"),
        (name = "auth", description = "Log-in sessions: access and refresh tokens"),
        (name = "subscription", description = "Catalogue, contract, cancellation, changes and the account's timeline"),
        (name = "invoices", description = "The operator's invoices to the Client"),
        (name = "users", description = "The tenant's people (Administrator only)"),
        (name = "crm", description = "Companies, contacts and deals (the CRM module): lists, CSV import and export, duplicates, the sales pipeline"),
        (name = "calendar", description = "Events and meetings, attendees, the per-user iCalendar feed"),
        (name = "projects", description = "Projects, tasks, time entries and billable time"),
        (name = "tickets", description = "Helpdesk tickets, replies, internal notes and SLA timers"),
        (name = "calls", description = "Call records and the \"call me no more\" list"),
        (name = "data-subject-requests", description = "Privacy rights: a person's own requests and the operator's queue"),
        (name = "prospects", description = "The operator's prospects (marketing contacts without an account): kept two years after the last interaction, \"not interested\" puts them on the suppression list for good"),
        (name = "retention", description = "The retention schedule and what the next sweep would erase"),
        (name = "export", description = "The tenant's data export (Administrator)"),
        (name = "api-keys", description = "API keys for integrations (Administrator only). Each key has scopes; `*` is **full access**"),
        (name = "webhooks", description = "Signed event deliveries to the tenant's URLs (Administrator only)"),
        (name = "operator", description = "Ecom staff: the platform, never a tenant's customer data"),
        (name = "status", description = "The public status page: live health, availability and announced maintenance (terms art. 20)"),
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
        bearer.description =
            Some("An access token from /api/v1/auth/login, valid 15 minutes.".into());
        components.add_security_scheme("bearer_token", SecurityScheme::Http(bearer));
        let mut key = Http::new(HttpAuthScheme::Bearer);
        key.bearer_format = Some("ecom_<prefix>_<secret>".into());
        key.description =
            Some("An API key created by the Administrator, sent as a bearer token.".into());
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
    complete(api)
}

/// What every operation may answer besides its own responses, added where an
/// operation does not list them, so generated clients and schema checks know
/// every status: unique operation ids, the `Idempotency-Key` header on POSTs
/// (with its 409), 400/404/413/415/422 where a body or parameters can be
/// wrong, 401 where credentials are needed, 429 from the rate limits.
fn complete(api: utoipa::openapi::OpenApi) -> utoipa::openapi::OpenApi {
    let Ok(mut doc) = serde_json::to_value(&api) else {
        return api;
    };
    let problem = |description: &str| {
        serde_json::json!({
            "description": description,
            "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } }
        })
    };
    let mut counts = std::collections::HashMap::<String, usize>::new();
    if let Some(paths) = doc.get("paths").and_then(|p| p.as_object()) {
        for item in paths.values() {
            for op in item.as_object().into_iter().flat_map(|o| o.values()) {
                if let Some(id) = op.get("operationId").and_then(|i| i.as_str()) {
                    *counts.entry(id.to_owned()).or_default() += 1;
                }
            }
        }
    }
    let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) else {
        return api;
    };
    for (path, item) in paths.iter_mut() {
        let api_path = path.starts_with("/api/");
        let segments: Vec<String> = path
            .trim_start_matches("/api/v1")
            .split('/')
            .filter(|s| !s.is_empty() && !s.starts_with('{'))
            .map(|s| s.replace('-', "_"))
            .collect();
        let has_path_params = path.contains('{');
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        for (method, op) in item.iter_mut() {
            let Some(op) = op.as_object_mut() else {
                continue;
            };
            // Unique operation ids: a repeated handler name gets its path as prefix.
            if let Some(id) = op
                .get("operationId")
                .and_then(|i| i.as_str())
                .map(str::to_owned)
            {
                if counts.get(&id).copied().unwrap_or(0) > 1 {
                    let mut prefix = segments.clone();
                    if prefix.last() == Some(&id) {
                        prefix.pop();
                    }
                    let unique = if prefix.is_empty() {
                        id
                    } else {
                        format!("{}_{id}", prefix.join("_"))
                    };
                    op.insert("operationId".into(), unique.into());
                }
            }
            if !api_path {
                continue;
            }
            let has_body = op.contains_key("requestBody");
            // A CSV upload is a file: any bytes, judged row by row by the import.
            if let Some(csv) = op
                .get_mut("requestBody")
                .and_then(|b| b.pointer_mut("/content/text~1csv"))
            {
                csv["schema"] = serde_json::json!({ "type": "string", "format": "binary" });
            }
            // Every POST has the Idempotency-Key header (added below), which can be malformed.
            let has_params = op
                .get("parameters")
                .and_then(|p| p.as_array())
                .is_some_and(|p| !p.is_empty())
                || has_path_params
                || method == "post";
            // `limit` is capped at the page maximum, never refused for being large.
            for param in op
                .get_mut("parameters")
                .and_then(|p| p.as_array_mut())
                .into_iter()
                .flatten()
            {
                if param["name"] == "limit" && param["in"] == "query" {
                    param["schema"] =
                        serde_json::json!({ "type": "integer", "format": "int64", "minimum": 0 });
                    param["description"] =
                        "Page size: 50 by default; larger values are capped at 200".into();
                }
            }
            let secured = op
                .get("security")
                .and_then(|s| s.as_array())
                .is_some_and(|s| !s.is_empty());
            if method == "post" {
                let parameters = op
                    .entry("parameters")
                    .or_insert_with(|| serde_json::json!([]));
                if let Some(list) = parameters.as_array_mut() {
                    if !list.iter().any(|p| p["name"] == "Idempotency-Key") {
                        list.push(serde_json::json!({
                            "name": "Idempotency-Key",
                            "in": "header",
                            "required": false,
                            "description": "Makes the request safe to retry: the first answer is stored for 24 hours and replayed \
                                (with `Idempotent-Replayed: true`) for the same key, caller, method, path and body; \
                                the same key with another body is 409.",
                            "schema": { "type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$" },
                            "example": "5f0c6a2e-9d1b-4c3e-8a7f-2b6d1e0c9a11"
                        }));
                    }
                }
            }
            let Some(responses) = op.get_mut("responses").and_then(|r| r.as_object_mut()) else {
                continue;
            };
            // Files (PDF, UBL XML, SEPA XML) are bytes: say so, so clients can type them.
            for response in responses.values_mut() {
                for media in response
                    .get_mut("content")
                    .and_then(|c| c.as_object_mut())
                    .into_iter()
                    .flat_map(|c| c.values_mut())
                {
                    if let Some(media) = media.as_object_mut() {
                        media.entry("schema").or_insert_with(
                            || serde_json::json!({ "type": "string", "format": "binary" }),
                        );
                    }
                }
            }
            let mut add = |status: &str, description: &str| {
                responses
                    .entry(status.to_owned())
                    .or_insert_with(|| problem(description));
            };
            if has_body || has_params {
                add(
                    "400",
                    "The request could not be read (malformed JSON, query or header), or a text holds a NUL character (`nul_character`, naming the field)",
                );
            }
            if secured {
                add("401", "Missing, invalid or expired credentials");
                add("403", "Not allowed: the caller's role, the API key's scopes (`missing_scope`) or the subscription");
                add(
                    "404",
                    "No such resource in your account (or none yet, e.g. `no_contract`)",
                );
                add(
                    "422",
                    "Refused by a business rule; `code` and `detail` say which and what to do",
                );
            }
            if has_path_params {
                add("404", "No such resource in your account");
            }
            if method == "post" {
                add("409", "The Idempotency-Key was used for another request, or its first request is still running");
            }
            if has_body {
                add("413", "The body is larger than accepted");
                add("415", "The body is not JSON");
                add(
                    "422",
                    "The body does not match the schema (or is not a JSON object), or a field is invalid (e.g. a date outside 1900 to 2999, `date_out_of_range`)",
                );
            }
            add(
                "429",
                "Too many requests; see the Retry-After and RateLimit-* headers",
            );
            if method == "post" {
                // An operation's own 409 body (e.g. a duplicate naming the
                // existing record) or the idempotency conflict's plain problem.
                let problem_ref = serde_json::json!({ "$ref": "#/components/schemas/Problem" });
                if let Some(schema) = responses
                    .get_mut("409")
                    .and_then(|r| r.pointer_mut("/content/application~1problem+json/schema"))
                {
                    if *schema != problem_ref && schema.get("anyOf").is_none() {
                        let own = schema.take();
                        *schema = serde_json::json!({ "anyOf": [own, problem_ref] });
                    }
                }
            }
        }
    }
    serde_json::from_value(doc).unwrap_or(api)
}

/// The document as pretty JSON with a trailing newline, as checked in.
pub fn to_json() -> String {
    let mut json = document()
        .to_pretty_json()
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    json.push('\n');
    json
}
