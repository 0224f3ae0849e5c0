//! `GET`/`PUT /api/v1/cookie-consent`: a browser's cookie choice, for
//! anonymous visitors too (cookie policy; SPEC §4 "Cookies").
//!
//! The browser is known only by a random id in the strictly necessary
//! `ecom_consent` cookie, set when the first choice is stored. With the
//! performance category the server sets the pseudonymous analytics cookie
//! `ecom_aid`; without it (and without functionality for `ecom_lang`) it
//! removes them. No cookie lives longer than one year.

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::{get, put, web, HttpRequest, HttpResponse};
use ecom_domain::consent::{
    cookie_choice_current, cookie_max_age_secs, CookieCategory, MAX_COOKIE_AGE_DAYS,
};
use ecom_domain::policy::PolicyKind;
use ecom_storage::{consent as store, policies};
use ecom_types::consent::{CookieConsentRequest, CookieConsentView};
use ecom_types::Problem;
use uuid::Uuid;

use crate::error::ApiError;
use crate::state::AppState;

/// The strictly necessary cookie holding the consent id.
pub const CONSENT_COOKIE: &str = "ecom_consent";
/// The performance (analytics) cookie: a random pseudonymous id.
pub const ANALYTICS_COOKIE: &str = "ecom_aid";
/// The functionality cookie the web app sets for the chosen language.
pub const LANGUAGE_COOKIE: &str = "ecom_lang";

/// The consent id of this browser, if it has one.
pub fn consent_id(req: &HttpRequest) -> Option<Uuid> {
    req.cookie(CONSENT_COOKIE)
        .and_then(|c| Uuid::parse_str(c.value()).ok())
}

fn cookie(state: &AppState, name: &'static str, value: String, days: i64) -> Cookie<'static> {
    Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.settings.public_url.starts_with("https://"))
        .max_age(CookieDuration::seconds(cookie_max_age_secs(days)))
        .finish()
}

fn removal(name: &'static str) -> Cookie<'static> {
    let mut cookie = Cookie::build(name, "").path("/").finish();
    cookie.make_removal();
    cookie
}

fn view(choice: Option<store::CookieChoice>, policy_version: String) -> CookieConsentView {
    let current = cookie_choice_current(
        choice.as_ref().map(|c| c.policy_version.as_str()),
        &policy_version,
    );
    CookieConsentView {
        // A choice under an older policy no longer counts.
        categories: choice
            .as_ref()
            .filter(|_| current)
            .map(|c| c.categories.clone())
            .unwrap_or_default(),
        available: CookieCategory::ALL
            .iter()
            .map(|c| c.as_str().to_owned())
            .collect(),
        policy_version,
        choice_version: choice.as_ref().map(|c| c.policy_version.clone()),
        needs_choice: !current,
        recorded_at: choice.map(|c| c.recorded_at),
    }
}

/// The categories this browser consented to under the cookie policy in
/// force (empty when it never chose or the policy changed since).
pub fn consented(
    conn: &mut ecom_storage::DbConnection,
    id: Option<Uuid>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<String>, ApiError> {
    let version = policies::current_of(conn, PolicyKind::Cookies, now)?
        .map(|p| p.version)
        .unwrap_or_default();
    let choice = match id {
        Some(id) => store::latest_cookie_choice(conn, id)?,
        None => None,
    };
    Ok(view(choice, version).categories)
}

/// This browser's cookie choice and whether the banner must ask (no choice
/// yet, or the cookie policy changed since). Sets no cookie.
#[utoipa::path(
    tag = "cookies",
    responses((status = 200, description = "The browser's choice", body = CookieConsentView))
)]
#[get("/cookie-consent")]
pub async fn get(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<web::Json<CookieConsentView>, ApiError> {
    let now = state.clock.now();
    let id = consent_id(&req);
    let answer = state
        .read(move |conn| {
            let version = policies::current_of(conn, PolicyKind::Cookies, now)?
                .map(|p| p.version)
                .unwrap_or_default();
            let choice = match id {
                Some(id) => store::latest_cookie_choice(conn, id)?,
                None => None,
            };
            Ok(view(choice, version))
        })
        .await?;
    Ok(web::Json(answer))
}

/// Stores the browser's choice (the optional categories consented to) with
/// the cookie policy version and time; `[]` rejects all. Sets the strictly
/// necessary consent-id cookie, and the analytics cookie only with
/// `performance` consent (removing cookies of categories not consented).
#[utoipa::path(
    tag = "cookies",
    request_body(content = CookieConsentRequest, example = json!({"categories": ["functionality", "performance"]})),
    responses(
        (status = 200, description = "Stored", body = CookieConsentView),
        (status = 422, description = "Unknown category", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/cookie-consent")]
pub async fn put(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: crate::json_body::Json<CookieConsentRequest>,
) -> Result<HttpResponse, ApiError> {
    let mut categories = Vec::new();
    for (index, raw) in body.into_inner()?.categories.iter().enumerate() {
        match CookieCategory::parse(raw) {
            // Strictly necessary cookies need no consent: accepted, not stored.
            Some(CookieCategory::StrictlyNecessary) => {}
            Some(category) => categories.push(category),
            None => {
                return Err(ApiError::field(
                    &format!("categories[{index}]"),
                    ecom_domain::account::InvalidInput::new(
                        "unknown_category",
                        "the categories are functionality, tracking, performance and third_party",
                    ),
                ))
            }
        }
    }
    categories.sort();
    categories.dedup();
    let names: Vec<&'static str> = categories.iter().map(|c| c.as_str()).collect();
    let now = state.clock.now();
    let id = consent_id(&req).unwrap_or_else(Uuid::new_v4);
    let answer = state
        .write(move |conn| {
            let version = policies::current_of(conn, PolicyKind::Cookies, now)?
                .map(|p| p.version)
                .unwrap_or_default();
            store::record_cookie_choice(conn, id, &names, &version, now)?;
            Ok(view(store::latest_cookie_choice(conn, id)?, version))
        })
        .await?;
    let mut response = HttpResponse::Ok();
    response.cookie(cookie(
        &state,
        CONSENT_COOKIE,
        id.to_string(),
        MAX_COOKIE_AGE_DAYS,
    ));
    if categories.contains(&CookieCategory::Performance) {
        if req.cookie(ANALYTICS_COOKIE).is_none() {
            response.cookie(cookie(
                &state,
                ANALYTICS_COOKIE,
                Uuid::new_v4().simple().to_string(),
                MAX_COOKIE_AGE_DAYS,
            ));
        }
    } else if req.cookie(ANALYTICS_COOKIE).is_some() {
        response.cookie(removal(ANALYTICS_COOKIE));
    }
    if !categories.contains(&CookieCategory::Functionality) && req.cookie(LANGUAGE_COOKIE).is_some()
    {
        response.cookie(removal(LANGUAGE_COOKIE));
    }
    Ok(response.json(answer))
}
