//! Consent and communications (SPEC §4): per-list marketing consent with its
//! source and policy version, marketing messages that respect consent,
//! restriction and the suppression list, the one-click unsubscribe link,
//! pseudonymous analytics, cookie consent and versioned policies.

use chrono::Duration;
use diesel::prelude::*;
use ecom_domain::{TenantId, UserId};
use ecom_storage::notices::{self, NoticeStatus};
use ecom_storage::schema_consent::{analytics_events, contact_suppressions};
use ecom_tests::{email, expect_json, expect_problem, SmtpSink, TestApp};
use ecom_types::consent::{
    AnalyticsReport, ConsentHistory, CookieConsentView, MarketingMessageQueued, SuppressionStatus,
    UnsubscribeView,
};
use ecom_types::policy::{CurrentPolicies, MyPolicies, PolicyDocument, PolicyHistory};
use ecom_types::user::CommunicationPreferences;
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

async fn put(app: &TestApp, path: &str, token: Option<&str>, body: &Value) -> Response {
    app.request(Method::PUT, path, token)
        .json(body)
        .send()
        .await
        .expect("request sent")
}

async fn set_lists(app: &TestApp, token: &str, lists: &[(&str, bool)]) -> CommunicationPreferences {
    let marketing: Vec<Value> = lists
        .iter()
        .map(|(l, g)| json!({ "list": l, "granted": g }))
        .collect();
    expect_json(
        put(
            app,
            "/api/v1/me/communications",
            Some(token),
            &json!({ "non_essential": true, "marketing": marketing }),
        )
        .await,
        StatusCode::OK,
    )
    .await
}

fn granted(prefs: &CommunicationPreferences, list: &str) -> bool {
    prefs.marketing.iter().any(|c| c.list == list && c.granted)
}

#[tokio::test]
async fn consent_is_recorded_per_list_with_time_source_and_policy_version() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Bakkerij Peeters", &email("admin")).await;
    let prefs: CommunicationPreferences = expect_json(
        app.get("/api/v1/me/communications", Some(&admin.access))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(prefs.marketing.len(), 4, "every list is shown");
    assert!(
        prefs.marketing.iter().all(|c| !c.granted),
        "no consent is assumed"
    );

    let saved = set_lists(
        &app,
        &admin.access,
        &[("newsletter", true), ("events", true)],
    )
    .await;
    assert!(
        granted(&saved, "newsletter")
            && granted(&saved, "events")
            && !granted(&saved, "onboarding")
    );
    let first = app.clock.now();
    app.clock.set(first + Duration::minutes(3));
    let saved = set_lists(
        &app,
        &admin.access,
        &[("events", false), ("newsletter", true)],
    )
    .await;
    assert!(!granted(&saved, "events") && granted(&saved, "newsletter"));

    let history: ConsentHistory = expect_json(
        app.get("/api/v1/me/communications/history", Some(&admin.access))
            .await,
        StatusCode::OK,
    )
    .await;
    // Granting newsletter again was no change: three decisions, newest first.
    assert_eq!(history.history.len(), 3, "{history:?}");
    assert_eq!(
        (history.history[0].list.as_str(), history.history[0].granted),
        ("events", false)
    );
    let at = history.history[0].recorded_at;
    assert!(
        at >= first + Duration::minutes(3) && at < first + Duration::minutes(4),
        "recorded at the clock's time: {at}"
    );
    assert!(history
        .history
        .iter()
        .all(|e| e.source == "privacy_centre" && e.policy_version == "2026-01"));
    assert_eq!(history.current.len(), 2);

    let bad = put(
        &app,
        "/api/v1/me/communications",
        Some(&admin.access),
        &json!({ "non_essential": true, "marketing": [{ "list": "spam", "granted": true }] }),
    )
    .await;
    let problem = expect_problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(problem.errors[0].field, "marketing[0].list");

    // The operator records a decision the person asked for by phone.
    let op = app.operator().await;
    let path = format!(
        "/api/v1/operator/tenants/{}/users/{}/marketing-consents",
        admin.tenant_id, admin.user_id
    );
    let recorded: ConsentHistory = expect_json(
        app.post(
            &path,
            Some(&op),
            &json!({ "list": "product_updates", "granted": true, "source": "operator_on_request" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(recorded.history[0].source, "operator_on_request");
    assert_eq!(recorded.history[0].list, "product_updates");
    let refused = app
        .post(
            &path,
            Some(&op),
            &json!({ "list": "newsletter", "granted": true, "source": "privacy_centre" }),
        )
        .await;
    expect_problem(
        refused,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    // A tenant's user cannot call the operator's endpoint.
    expect_problem(
        app.post(
            &path,
            Some(&admin.access),
            &json!({ "list": "events", "granted": true, "source": "import" }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "operator_only",
    )
    .await;

    // Cross-tenant: another tenant's id with this person's id is not found.
    let other = app.signup("Slagerij Janssens", &email("other")).await;
    let crossed = format!(
        "/api/v1/operator/tenants/{}/users/{}/marketing-consents",
        other.tenant_id, admin.user_id
    );
    expect_problem(
        app.post(
            &crossed,
            Some(&op),
            &json!({ "list": "events", "granted": true, "source": "import" }),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let theirs: ConsentHistory = expect_json(
        app.get("/api/v1/me/communications/history", Some(&other.access))
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(
        theirs.history.is_empty(),
        "one person's consents never show for another"
    );
}

/// Undoes quoted-printable soft breaks and header folding.
fn unfold(raw: &str) -> String {
    raw.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
        .replace("\r\n ", " ")
        .replace("\r\n\t", " ")
}

fn header<'a>(mail: &'a str, name: &str) -> Option<&'a str> {
    mail.lines()
        .find_map(|line| line.strip_prefix(&format!("{name}: ")))
}

#[tokio::test]
async fn marketing_goes_only_to_consenting_people_and_unsubscribes_in_one_click() {
    let smtp = SmtpSink::start();
    let url = smtp.url.clone();
    let app = TestApp::spawn_with(move |s| {
        s.smtp_url = Some(url);
        s.public_url = "https://app.ecom.example".into();
    })
    .await;
    let op = app.operator().await;
    let fan = app.signup("Fan BV", &email("fan")).await;
    set_lists(&app, &fan.access, &[("newsletter", true)]).await;
    let other_list = app.signup("Events BV", &email("events")).await;
    set_lists(&app, &other_list.access, &[("events", true)]).await;
    let restricted = app.signup("Restricted BV", &email("restricted")).await;
    set_lists(&app, &restricted.access, &[("newsletter", true)]).await;
    let suppressed = app.signup("Suppressed BV", &email("suppressed")).await;
    set_lists(&app, &suppressed.access, &[("newsletter", true)]).await;
    {
        let mut conn = app.database.get().unwrap();
        ecom_storage::consent::restrict(
            &mut conn,
            TenantId(restricted.tenant_id),
            UserId(restricted.user_id),
            app.clock.now(),
        )
        .unwrap();
    }
    let listed: SuppressionStatus = expect_json(
        app.post("/api/v1/operator/suppressions", Some(&op), &json!({ "channel": "email", "address": suppressed.email.to_uppercase(), "scope": "all_marketing" })).await,
        StatusCode::OK,
    )
    .await;
    assert!(listed.listed);
    // Already-queued notices (sign-up) are sent first, so only marketing counts below.
    app.jobs.run_once().await.unwrap();
    let before = smtp.messages().len();

    let sent: MarketingMessageQueued = expect_json(
        app.post("/api/v1/operator/marketing/messages", Some(&op), &json!({ "list": "newsletter", "subject": "News from Ecom", "body": "This month: faster invoices." })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (
            sent.queued,
            sent.skipped_restricted,
            sent.skipped_suppressed
        ),
        (1, 1, 1),
        "{sent:?}"
    );
    let bad = app
        .post(
            "/api/v1/operator/marketing/messages",
            Some(&op),
            &json!({ "list": "gossip", "subject": "", "body": "x" }),
        )
        .await;
    let problem = expect_problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(problem.errors.len(), 2);

    assert_eq!(app.jobs.run_once().await.unwrap().notices_sent, 1);
    let messages = smtp.messages();
    assert_eq!(messages.len(), before + 1);
    let mail = unfold(messages.last().unwrap());
    assert!(mail.contains(&format!("To: {}", fan.email)), "{mail}");
    let link = header(&mail, "List-Unsubscribe")
        .expect("List-Unsubscribe header")
        .trim_matches(|c| c == '<' || c == '>')
        .to_owned();
    assert_eq!(
        header(&mail, "List-Unsubscribe-Post"),
        Some("List-Unsubscribe=One-Click"),
        "{mail}"
    );
    assert!(
        link.starts_with("https://app.ecom.example/api/v1/unsubscribe?token="),
        "{link}"
    );
    assert!(
        mail.contains(&link),
        "the body carries the same link: {mail}"
    );
    assert!(
        !link.contains(&fan.email) && !link.contains("%40"),
        "no address in the link"
    );
    let token = link.split("token=").nth(1).unwrap().to_owned();
    let path = format!("/api/v1/unsubscribe?token={token}");

    // GET (a person or a prefetching mail client) changes nothing.
    let shown: UnsubscribeView = expect_json(
        app.request(Method::GET, &path, None)
            .header("Accept", "application/json")
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert!(!shown.unsubscribed);
    assert_eq!(shown.list, "newsletter");
    let page = app
        .request(Method::GET, &path, None)
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert!(page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(page.text().await.unwrap().contains("method=\"post\""));
    let prefs: CommunicationPreferences = expect_json(
        app.get("/api/v1/me/communications", Some(&fan.access))
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(granted(&prefs, "newsletter"));

    // A message queued before the unsubscribe is not sent after it.
    let queued: MarketingMessageQueued = expect_json(
        app.post(
            "/api/v1/operator/marketing/messages",
            Some(&op),
            &json!({ "list": "newsletter", "subject": "Second", "body": "More news." }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(queued.queued, 1);

    // RFC 8058 one-click POST, as a mail client sends it.
    let done = app
        .request(Method::POST, &path, None)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    let done: UnsubscribeView = expect_json(done, StatusCode::OK).await;
    assert!(done.unsubscribed);
    let report = app.jobs.run_once().await.unwrap();
    assert_eq!(
        (report.notices_sent, report.notices_suppressed),
        (0, 1),
        "checked again when sending"
    );
    assert_eq!(smtp.messages().len(), before + 1);

    let history: ConsentHistory = expect_json(
        app.get("/api/v1/me/communications/history", Some(&fan.access))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (
            history.history[0].granted,
            history.history[0].source.as_str()
        ),
        (false, "unsubscribe_link")
    );
    // Unsubscribing twice changes nothing.
    let again = app
        .request(Method::POST, &path, None)
        .header("Accept", "application/json")
        .send()
        .await
        .unwrap();
    expect_json::<UnsubscribeView>(again, StatusCode::OK).await;
    let history2: ConsentHistory = expect_json(
        app.get("/api/v1/me/communications/history", Some(&fan.access))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(history2.history.len(), history.history.len());

    // Even if consent were granted again by an import, the suppression stops the list.
    let grant = format!(
        "/api/v1/operator/tenants/{}/users/{}/marketing-consents",
        fan.tenant_id, fan.user_id
    );
    expect_json::<ConsentHistory>(
        app.post(
            &grant,
            Some(&op),
            &json!({ "list": "newsletter", "granted": true, "source": "import" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let third: MarketingMessageQueued = expect_json(
        app.post(
            "/api/v1/operator/marketing/messages",
            Some(&op),
            &json!({ "list": "newsletter", "subject": "Third", "body": "x" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((third.queued, third.skipped_suppressed), (0, 2));

    // The suppression list holds keyed hashes only, never the address.
    let mut conn = app.database.get().unwrap();
    let rows: Vec<(String, String)> = contact_suppressions::table
        .select((
            contact_suppressions::address_hash,
            contact_suppressions::scope,
        ))
        .load(&mut conn)
        .unwrap();
    assert!(rows.iter().any(|(_, s)| s == "newsletter"));
    for (hash, _) in &rows {
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains('@'));
        use sha2::Digest;
        assert_ne!(
            *hash,
            hex::encode(sha2::Sha256::digest(fan.email.as_bytes())),
            "a plain hash could be reversed by guessing"
        );
    }
    let statuses: Vec<NoticeStatus> =
        notices::list_for_tenant(&mut conn, TenantId(fan.tenant_id), 50)
            .unwrap()
            .into_iter()
            .filter(|n| n.kind == "marketing")
            .map(|n| {
                assert_eq!(n.secret, None, "the token is not kept once handled");
                n.status
            })
            .collect();
    assert_eq!(statuses, vec![NoticeStatus::Suppressed, NoticeStatus::Sent]);
    drop(conn);

    // A forged token is refused.
    // Change the last character (to one it is not), so the signature no longer matches.
    let last = if token.ends_with('0') { '1' } else { '0' };
    let forged = format!(
        "/api/v1/unsubscribe?token={}{last}",
        &token[..token.len() - 1]
    );
    expect_problem(
        app.request(Method::POST, &forged, None)
            .send()
            .await
            .unwrap(),
        StatusCode::NOT_FOUND,
        "invalid_unsubscribe_link",
    )
    .await;
}

#[tokio::test]
async fn call_me_no_more_list_keeps_only_a_hash_of_the_number() {
    let app = TestApp::spawn().await;
    let op = app.operator().await;
    let check =
        |number: &str| json!({ "channel": "phone", "address": number, "scope": "sales_calls" });
    let before: SuppressionStatus = expect_json(
        app.post(
            "/api/v1/operator/suppressions/check",
            Some(&op),
            &check("+32 9 123 45 67"),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(!before.listed);
    expect_json::<SuppressionStatus>(
        app.post(
            "/api/v1/operator/suppressions",
            Some(&op),
            &check("09 123 45 67"),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let after: SuppressionStatus = expect_json(
        app.post(
            "/api/v1/operator/suppressions/check",
            Some(&op),
            &check("0032 9/123.45.67"),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(
        after.listed,
        "the same number in another notation is listed"
    );
    let other: SuppressionStatus = expect_json(
        app.post(
            "/api/v1/operator/suppressions/check",
            Some(&op),
            &json!({ "channel": "phone", "address": "+32 9 123 45 67", "scope": "all_marketing" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(!other.listed, "a call list entry does not stop e-mail");
    let bad = app
        .post(
            "/api/v1/operator/suppressions",
            Some(&op),
            &json!({ "channel": "fax", "address": "1", "scope": "everything" }),
        )
        .await;
    let problem = expect_problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert!(problem.errors.iter().any(|e| e.field == "scope"));
    let mut conn = app.database.get().unwrap();
    let hashes: Vec<String> = contact_suppressions::table
        .select(contact_suppressions::address_hash)
        .load(&mut conn)
        .unwrap();
    assert_eq!(hashes.len(), 1);
    assert!(!hashes[0].contains("3291234567"));
}

fn set_cookies(response: &Response) -> Vec<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

fn cookie_value(cookies: &[String], name: &str) -> Option<String> {
    cookies.iter().find_map(|c| {
        c.strip_prefix(&format!("{name}="))
            .map(|rest| rest.split(';').next().unwrap_or("").to_owned())
    })
}

fn max_age(cookies: &[String], name: &str) -> Option<i64> {
    let cookie = cookies
        .iter()
        .find(|c| c.starts_with(&format!("{name}=")))?;
    cookie.split(';').find_map(|part| {
        part.trim()
            .strip_prefix("Max-Age=")
            .and_then(|v| v.parse().ok())
    })
}

async fn choose(
    app: &TestApp,
    cookie: Option<&str>,
    categories: &[&str],
) -> (Vec<String>, CookieConsentView) {
    let mut request = app
        .request(Method::PUT, "/api/v1/cookie-consent", None)
        .json(&json!({ "categories": categories }));
    if let Some(cookie) = cookie {
        request = request.header("Cookie", cookie);
    }
    let response = request.send().await.unwrap();
    let cookies = set_cookies(&response);
    (cookies, expect_json(response, StatusCode::OK).await)
}

async fn cookie_view(app: &TestApp, cookie: &str) -> CookieConsentView {
    expect_json(
        app.request(Method::GET, "/api/v1/cookie-consent", None)
            .header("Cookie", cookie)
            .send()
            .await
            .unwrap(),
        StatusCode::OK,
    )
    .await
}

#[tokio::test]
async fn cookie_consent_is_stored_changed_and_asked_again_for_a_new_policy() {
    let app = TestApp::spawn().await;
    let first = app.get("/api/v1/cookie-consent", None).await;
    assert!(set_cookies(&first).is_empty(), "asking sets no cookie");
    let first: CookieConsentView = expect_json(first, StatusCode::OK).await;
    assert!(first.needs_choice);
    assert_eq!(
        first.available,
        [
            "strictly_necessary",
            "functionality",
            "tracking",
            "performance",
            "third_party"
        ]
    );
    assert_eq!(first.policy_version, "2026-01");

    // Reject all: only the strictly necessary consent cookie.
    let (cookies, rejected) = choose(&app, None, &[]).await;
    assert!(!rejected.needs_choice && rejected.categories.is_empty());
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    let id = cookie_value(&cookies, "ecom_consent").expect("consent id cookie");
    assert!(max_age(&cookies, "ecom_consent").is_some_and(|a| a <= 365 * 86_400));
    let jar = format!("ecom_consent={id}");
    assert!(cookie_view(&app, &jar).await.categories.is_empty());

    // Change: accept analytics.
    let (cookies, accepted) = choose(
        &app,
        Some(&jar),
        &["performance", "functionality", "strictly_necessary"],
    )
    .await;
    assert_eq!(accepted.categories, ["functionality", "performance"]);
    assert_eq!(
        cookie_value(&cookies, "ecom_consent").as_deref(),
        Some(id.as_str()),
        "the same browser keeps its id"
    );
    let aid = cookie_value(&cookies, "ecom_aid").expect("analytics cookie after consent");
    assert!(max_age(&cookies, "ecom_aid").is_some_and(|a| a > 0 && a <= 365 * 86_400));
    // Withdraw: the analytics cookie is removed.
    let (cookies, _) = choose(
        &app,
        Some(&format!("{jar}; ecom_aid={aid}")),
        &["functionality"],
    )
    .await;
    assert_eq!(max_age(&cookies, "ecom_aid"), Some(0));

    let bad = app
        .request(Method::PUT, "/api/v1/cookie-consent", None)
        .json(&json!({ "categories": ["marketing"] }))
        .send()
        .await
        .unwrap();
    let problem = expect_problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert_eq!(problem.errors[0].field, "categories[0]");

    // A new cookie policy: announced first, then asked again once it applies.
    let op = app.operator().await;
    let effective = app.clock.now() + Duration::days(10);
    let announced = app
        .post("/api/v1/operator/policy-changes", Some(&op), &json!({ "kind": "cookies", "version": "2027-01", "title": "Cookie policy", "effective_from": effective, "summary": "A new analytics tool." }))
        .await;
    expect_json::<Value>(announced, StatusCode::OK).await;
    assert!(
        !cookie_view(&app, &jar).await.needs_choice,
        "not before it applies"
    );
    app.clock.set(effective + Duration::minutes(1));
    let again = cookie_view(&app, &jar).await;
    assert!(again.needs_choice);
    assert!(
        again.categories.is_empty(),
        "an old choice grants nothing under the new policy"
    );
    assert_eq!(
        (
            again.choice_version.as_deref(),
            again.policy_version.as_str()
        ),
        (Some("2026-01"), "2027-01")
    );
    let (_, renewed) = choose(&app, Some(&jar), &["tracking"]).await;
    assert!(!renewed.needs_choice);
    assert_eq!(renewed.categories, ["tracking"]);
}

#[tokio::test]
async fn analytics_are_pseudonymous_and_never_store_the_ip_or_the_user() {
    let app = TestApp::spawn_with(|s| s.country_header = Some("X-Client-Country".into())).await;
    let admin = app.signup("Acme", &email("admin")).await;
    let event = json!({ "event": "page_view", "name": "/invoices" });
    // No consent: refused.
    let refused = app
        .request(
            Method::POST,
            "/api/v1/analytics/events",
            Some(&admin.access),
        )
        .json(&event)
        .send()
        .await
        .unwrap();
    expect_problem(refused, StatusCode::FORBIDDEN, "no_analytics_consent").await;
    let (cookies, _) = choose(&app, None, &["functionality"]).await;
    let jar = format!(
        "ecom_consent={}",
        cookie_value(&cookies, "ecom_consent").unwrap()
    );
    let forged = app
        .request(Method::POST, "/api/v1/analytics/events", None)
        .header(
            "Cookie",
            format!("{jar}; ecom_aid={}", Uuid::new_v4().simple()),
        )
        .json(&event)
        .send()
        .await
        .unwrap();
    expect_problem(forged, StatusCode::FORBIDDEN, "no_analytics_consent").await;

    let (cookies, _) = choose(&app, Some(&jar), &["performance"]).await;
    let aid = cookie_value(&cookies, "ecom_aid").unwrap();
    let jar = format!("{jar}; ecom_aid={aid}");
    for (country, name) in [
        (Some("be"), "/invoices"),
        (Some("BE"), "/invoices"),
        (None, "/users"),
        (Some("XX"), "/users"),
    ] {
        let mut request = app
            .request(
                Method::POST,
                "/api/v1/analytics/events",
                Some(&admin.access),
            )
            .header("Cookie", &jar)
            .header("X-Forwarded-For", "203.0.113.7")
            .json(&json!({ "event": "page_view", "name": name }));
        if let Some(country) = country {
            request = request.header("X-Client-Country", country);
        }
        assert_eq!(
            request.send().await.unwrap().status(),
            StatusCode::NO_CONTENT
        );
    }
    let personal = app
        .request(Method::POST, "/api/v1/analytics/events", None)
        .header("Cookie", &jar)
        .json(&json!({ "event": "page_view", "name": admin.email }))
        .send()
        .await
        .unwrap();
    expect_problem(
        personal,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;

    let mut conn = app.database.get().unwrap();
    type Row = (
        String,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = analytics_events::table
        .select((
            analytics_events::id,
            analytics_events::pseudonym,
            analytics_events::event,
            analytics_events::name,
            analytics_events::country,
            analytics_events::region,
        ))
        .load(&mut conn)
        .unwrap();
    assert_eq!(rows.len(), 4);
    for row in &rows {
        let all = format!("{row:?}");
        for personal in [
            admin.email.as_str(),
            &admin.user_id.to_string(),
            &admin.user_id.simple().to_string(),
            &admin.tenant_id.to_string(),
            "203.0.113.7",
            "127.0.0.1",
        ] {
            assert!(!all.contains(personal), "{personal} stored in {all}");
        }
        assert_eq!(row.1, aid, "keyed by the random pseudonymous id");
    }
    drop(conn);

    let op = app.operator().await;
    let report: AnalyticsReport = expect_json(
        app.get("/api/v1/operator/analytics", Some(&op)).await,
        StatusCode::OK,
    )
    .await;
    let invoices = report.rows.iter().find(|r| r.name == "/invoices").unwrap();
    assert_eq!(
        (
            invoices.count,
            invoices.visitors,
            invoices.country.as_deref()
        ),
        (2, 1, Some("BE"))
    );
    let users = report.rows.iter().find(|r| r.name == "/users").unwrap();
    assert_eq!(
        (users.count, users.country.as_deref()),
        (2, None),
        "no header or an unknown marker: unknown"
    );
    expect_problem(
        app.get("/api/v1/operator/analytics", Some(&admin.access))
            .await,
        StatusCode::FORBIDDEN,
        "operator_only",
    )
    .await;

    // Withdrawing consent stops it at once, even with the old cookie.
    choose(&app, Some(&jar), &[]).await;
    let stopped = app
        .request(Method::POST, "/api/v1/analytics/events", None)
        .header("Cookie", &jar)
        .json(&event)
        .send()
        .await
        .unwrap();
    expect_problem(stopped, StatusCode::FORBIDDEN, "no_analytics_consent").await;
}

#[tokio::test]
async fn policies_are_versioned_announced_before_they_apply_and_accepted_per_person() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let (_, user_token) = app.add_user(&admin.access, &email("user")).await;

    let terms: PolicyHistory = expect_json(
        app.get("/api/v1/policies/terms", None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(terms.current.version, "2026-01");
    assert_eq!(terms.current.status, "in_force");
    assert!(
        terms.current.body.contains("General terms and conditions"),
        "the seeded text is served"
    );
    let dpa: PolicyDocument = expect_json(
        app.get("/api/v1/policies/data_processing/2026-01", None)
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(dpa.body.contains("processor"));
    let cookies: PolicyDocument = expect_json(
        app.get("/api/v1/policies/cookies/2026-01", None).await,
        StatusCode::OK,
    )
    .await;
    assert!(cookies.body.contains("Strictly necessary cookies"));
    expect_problem(
        app.get("/api/v1/policies/gdpr", None).await,
        StatusCode::NOT_FOUND,
        "unknown_policy",
    )
    .await;
    expect_problem(
        app.get("/api/v1/policies/terms/1999-01", None).await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    // The Administrator accepted at sign-up; the invited User has not yet.
    let mine: MyPolicies = expect_json(
        app.get("/api/v1/me/policies", Some(&admin.access)).await,
        StatusCode::OK,
    )
    .await;
    assert!(mine.pending.is_empty(), "{mine:?}");
    assert_eq!(mine.accepted.len(), 3);
    let theirs: MyPolicies = expect_json(
        app.get("/api/v1/me/policies", Some(&user_token)).await,
        StatusCode::OK,
    )
    .await;
    let kinds: Vec<&str> = theirs.pending.iter().map(|p| p.kind.as_str()).collect();
    assert_eq!(
        kinds,
        ["terms", "privacy"],
        "a User does not accept the data processing agreement"
    );

    // A new privacy statement is announced ten days ahead.
    let op = app.operator().await;
    let announced_at = app.clock.now();
    let effective = announced_at + Duration::days(10);
    let announced: Value = expect_json(
        app.post(
            "/api/v1/operator/policy-changes",
            Some(&op),
            &json!({ "kind": "privacy", "version": "2027-01", "title": "Privacy statement", "effective_from": effective, "summary": "Analytics are pseudonymised.", "body": "Privacy statement 2027\n\nWe keep less." }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (
            announced["tenants_notified"].as_u64(),
            announced["people_notified"].as_u64()
        ),
        (Some(1), Some(1))
    );
    {
        let mut conn = app.database.get().unwrap();
        let notices: Vec<_> = notices::list_for_tenant(&mut conn, TenantId(admin.tenant_id), 50)
            .unwrap()
            .into_iter()
            .filter(|n| n.kind == "policy_change")
            .collect();
        assert_eq!(notices.len(), 2, "the Administrator and the User are told");
        assert!(notices
            .iter()
            .all(|n| n.created_at < effective && n.body.contains("2027-01")));
    }
    let listed: CurrentPolicies =
        expect_json(app.get("/api/v1/policies", None).await, StatusCode::OK).await;
    assert_eq!(listed.upcoming.len(), 1);
    assert!(
        listed
            .policies
            .iter()
            .any(|p| p.kind == "privacy" && p.version == "2026-01"),
        "the old one applies until then"
    );
    let upcoming: PolicyDocument = expect_json(
        app.get("/api/v1/policies/privacy/2027-01", None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (upcoming.status.as_str(), upcoming.summary.as_str()),
        ("upcoming", "Analytics are pseudonymised.")
    );
    let early = app
        .post(
            "/api/v1/me/policies/accept",
            Some(&admin.access),
            &json!({ "kind": "privacy", "version": "2027-01" }),
        )
        .await;
    expect_problem(early, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;

    app.clock.set(effective + Duration::hours(1));
    let history: PolicyHistory = expect_json(
        app.get("/api/v1/policies/privacy", None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(history.current.version, "2027-01");
    assert_eq!(
        history.current.body,
        "Privacy statement 2027\n\nWe keep less."
    );
    assert_eq!(
        history
            .versions
            .iter()
            .map(|v| v.version.as_str())
            .collect::<Vec<_>>(),
        ["2027-01", "2026-01"]
    );
    let old: PolicyDocument = expect_json(
        app.get("/api/v1/policies/privacy/2026-01", None).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(old.status, "superseded");

    let token = app.token(&admin.email).await;
    let mine: MyPolicies = expect_json(
        app.get("/api/v1/me/policies", Some(&token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        mine.pending
            .iter()
            .map(|p| (p.kind.as_str(), p.version.as_str()))
            .collect::<Vec<_>>(),
        [("privacy", "2027-01")]
    );
    let wrong = app
        .post(
            "/api/v1/me/policies/accept",
            Some(&token),
            &json!({ "kind": "privacy", "version": "2026-01" }),
        )
        .await;
    let problem =
        expect_problem(wrong, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    assert!(problem.detail.contains("2027-01"));
    let cookie_kind = app
        .post(
            "/api/v1/me/policies/accept",
            Some(&token),
            &json!({ "kind": "cookies", "version": "2026-01" }),
        )
        .await;
    expect_problem(
        cookie_kind,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let accepted: MyPolicies = expect_json(
        app.post(
            "/api/v1/me/policies/accept",
            Some(&token),
            &json!({ "kind": "privacy", "version": "2027-01" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(accepted.pending.is_empty());
    assert!(accepted.accepted.iter().any(|a| a.kind == "privacy"
        && a.version == "2027-01"
        && a.accepted_at >= effective + Duration::hours(1)));
    // Accepting twice records it once.
    let twice: MyPolicies = expect_json(
        app.post(
            "/api/v1/me/policies/accept",
            Some(&token),
            &json!({ "kind": "privacy", "version": "2027-01" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(twice.accepted.len(), accepted.accepted.len());
    // The User's acceptance is their own.
    let user_token = app.token(&theirs_email(&app, &token).await).await;
    let theirs: MyPolicies = expect_json(
        app.get("/api/v1/me/policies", Some(&user_token)).await,
        StatusCode::OK,
    )
    .await;
    assert!(theirs
        .pending
        .iter()
        .any(|p| p.kind == "privacy" && p.version == "2027-01"));
    assert!(theirs.accepted.is_empty());

    // An API key acts for the tenant, not as a person: it cannot accept.
    let (_, key) = app.create_api_key(&token, "integration").await;
    let by_key = app
        .post(
            "/api/v1/me/policies/accept",
            Some(&key),
            &json!({ "kind": "terms", "version": "2026-01" }),
        )
        .await;
    expect_problem(by_key, StatusCode::FORBIDDEN, "person_only").await;

    // Another tenant registers under the new version and sees only its own acceptances.
    let mut body = ecom_tests::signup_body("Other", &email("other"));
    body["accepted"]["privacy"] = json!("2027-01");
    let other: ecom_types::auth::SignupResponse = expect_json(
        app.post("/api/v1/signup", None, &body).await,
        StatusCode::CREATED,
    )
    .await;
    let others: MyPolicies = expect_json(
        app.get("/api/v1/me/policies", Some(&other.session.access_token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(others.pending.is_empty());
    assert_eq!(others.accepted.len(), 3, "{others:?}");
}

/// The e-mail of the tenant's only User (not the Administrator).
async fn theirs_email(app: &TestApp, admin_token: &str) -> String {
    let users: Value = expect_json(
        app.get("/api/v1/users", Some(admin_token)).await,
        StatusCode::OK,
    )
    .await;
    users["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["role"] == "user")
        .and_then(|u| u["email"].as_str())
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn consent_ticked_at_sign_up_is_recorded_with_its_source() {
    let app = TestApp::spawn().await;
    let mut body = ecom_tests::signup_body("Bakkerij Peeters", &email("admin"));
    body["marketing"] = json!(["newsletter", "events", "newsletter"]);
    let signed: ecom_types::auth::SignupResponse = expect_json(
        app.post("/api/v1/signup", None, &body).await,
        StatusCode::CREATED,
    )
    .await;
    let history: ConsentHistory = expect_json(
        app.get(
            "/api/v1/me/communications/history",
            Some(&signed.session.access_token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let mut lists: Vec<&str> = history.history.iter().map(|e| e.list.as_str()).collect();
    lists.sort_unstable();
    assert_eq!(lists, ["events", "newsletter"]);
    assert!(history
        .history
        .iter()
        .all(|e| e.granted && e.source == "signup_form" && e.policy_version == "2026-01"));

    // Nothing ticked: nothing granted.
    let plain = app.signup("Slagerij", &email("plain")).await;
    let prefs: CommunicationPreferences = expect_json(
        app.get("/api/v1/me/communications", Some(&plain.access))
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(prefs.marketing.iter().all(|c| !c.granted));

    let mut bad = ecom_tests::signup_body("Bad", &email("bad"));
    bad["marketing"] = json!(["spam"]);
    let problem = expect_problem(
        app.post("/api/v1/signup", None, &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert!(
        problem.errors.iter().any(|e| e.field == "marketing[0]"),
        "{problem:?}"
    );
}

#[tokio::test]
async fn a_restriction_request_stops_marketing_sends_and_lifting_it_resumes_them() {
    let app = TestApp::spawn().await;
    let op = app.operator().await;
    let person = app.signup("Restrict BV", &email("restrict")).await;
    set_lists(&app, &person.access, &[("newsletter", true)]).await;
    let send = || async {
        expect_json::<MarketingMessageQueued>(
            app.post(
                "/api/v1/operator/marketing/messages",
                Some(&op),
                &json!({ "list": "newsletter", "subject": "News", "body": "This month." }),
            )
            .await,
            StatusCode::OK,
        )
        .await
    };
    let restriction: Value = expect_json(
        app.post(
            "/api/v1/privacy/requests",
            Some(&person.access),
            &json!({ "right": "restriction" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(restriction["status"], "completed");
    {
        let mut conn = app.database.get().unwrap();
        assert!(
            ecom_storage::consent::is_restricted(
                &mut conn,
                TenantId(person.tenant_id),
                UserId(person.user_id)
            )
            .unwrap(),
            "one restriction, both stores"
        );
    }
    let sent = send().await;
    assert_eq!((sent.queued, sent.skipped_restricted), (0, 1), "{sent:?}");

    expect_json::<Value>(
        app.post(
            &format!(
                "/api/v1/operator/privacy/requests/{}/lift-restriction",
                restriction["id"].as_str().unwrap()
            ),
            Some(&op),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    {
        let mut conn = app.database.get().unwrap();
        assert!(!ecom_storage::consent::is_restricted(
            &mut conn,
            TenantId(person.tenant_id),
            UserId(person.user_id)
        )
        .unwrap());
        assert!(
            !ecom_storage::privacy::restrictions::is_restricted(&mut conn, &person.email).unwrap()
        );
    }
    let sent = send().await;
    assert_eq!((sent.queued, sent.skipped_restricted), (1, 0), "{sent:?}");
}
