//! The CRM module: companies, contacts and deals — CRUD, validation,
//! duplicates, lists (search, filters, sorting, keyset pages), CSV import and
//! export, the company delete guard, the pipeline and stage history, and
//! isolation between tenants.

use ecom_domain::TenantId;
use ecom_tests::{email, expect_json, expect_problem, TestApp};
use ecom_types::crm::{
    CompanyView, ContactDuplicates, ContactView, DealDetail, DealView, DuplicateProblem,
    ImportProblem, ImportReport, PipelineSummary,
};
use ecom_types::page::Page;
use reqwest::{Method, Response, StatusCode};
use serde_json::{json, Value};

async fn put(app: &TestApp, path: &str, token: &str, body: &Value) -> Response {
    app.request(Method::PUT, path, Some(token))
        .json(body)
        .send()
        .await
        .expect("request sent")
}

async fn post_csv(app: &TestApp, path: &str, token: &str, csv: &str) -> Response {
    app.request(Method::POST, path, Some(token))
        .header("content-type", "text/csv")
        .body(csv.to_owned())
        .send()
        .await
        .expect("request sent")
}

async fn get_text(app: &TestApp, path: &str, token: &str) -> String {
    let response = app.get(path, Some(token)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap_or_default()
        .starts_with("text/csv"));
    response.text().await.expect("body")
}

async fn new_company(app: &TestApp, token: &str, body: Value) -> CompanyView {
    expect_json(
        app.post("/api/v1/companies", Some(token), &body).await,
        StatusCode::CREATED,
    )
    .await
}

async fn new_contact(app: &TestApp, token: &str, body: Value) -> ContactView {
    expect_json(
        app.post("/api/v1/contacts", Some(token), &body).await,
        StatusCode::CREATED,
    )
    .await
}

async fn new_deal(app: &TestApp, token: &str, body: Value) -> DealDetail {
    expect_json(
        app.post("/api/v1/deals", Some(token), &body).await,
        StatusCode::CREATED,
    )
    .await
}

async fn company_page(app: &TestApp, token: &str, query: String) -> Page<CompanyView> {
    expect_json(
        app.get(&format!("/api/v1/companies{query}"), Some(token))
            .await,
        StatusCode::OK,
    )
    .await
}

async fn contact_names(app: &TestApp, token: &str, query: String) -> Vec<String> {
    let page: Page<ContactView> = expect_json(
        app.get(&format!("/api/v1/contacts{query}"), Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    page.items
        .into_iter()
        .map(|c| format!("{} {}", c.first_name, c.last_name))
        .collect()
}

fn event_kinds(app: &TestApp, tenant: uuid::Uuid) -> Vec<String> {
    let mut conn = app.database.get().expect("connection");
    ecom_storage::events::list_for_tenant(&mut conn, TenantId(tenant), 1000)
        .expect("events")
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

fn audit_actions(app: &TestApp, tenant: uuid::Uuid) -> Vec<String> {
    let mut conn = app.database.get().expect("connection");
    ecom_storage::audit::list_for_tenant(&mut conn, TenantId(tenant), 1000)
        .expect("audit")
        .into_iter()
        .map(|(_, a, _)| a)
        .collect()
}

#[tokio::test]
async fn a_company_is_created_read_updated_and_deleted_with_events_and_audit() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let token = admin.access.as_str();
    let created = new_company(
        &app,
        token,
        json!({ "name": " Brouwerij De Klok BV ", "vat_number": "be 0810.231.595", "email": "INFO@DeKlok.be",
                "phone": "+32 9 222 33 44", "street": "Veldstraat 10", "postal_code": "9000", "city": "Gent",
                "tags": ["Horeca", "vip", "horeca"], "notes": "Brews on Fridays.\nCall before noon.", "marketing_consent": true }),
    )
    .await;
    assert_eq!(created.name, "Brouwerij De Klok BV");
    assert_eq!(
        created.vat_number.as_deref(),
        Some("BE0810231595"),
        "normalised"
    );
    assert_eq!(
        created.country.as_deref(),
        Some("BE"),
        "the VAT prefix names the country"
    );
    assert_eq!(created.email.as_deref(), Some("info@deklok.be"));
    assert_eq!(created.tags, vec!["horeca", "vip"]);
    assert!(created.marketing_consent);

    let read: CompanyView = expect_json(
        app.get(&format!("/api/v1/companies/{}", created.id), Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(read, created);

    app.clock
        .set(app.clock.now() + chrono::Duration::minutes(5));
    let updated: CompanyView = expect_json(
        put(
            &app,
            &format!("/api/v1/companies/{}", created.id),
            token,
            &json!({ "name": "De Klok", "country": "NL", "city": "Breda" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(updated.name, "De Klok");
    assert_eq!(updated.vat_number, None, "a field left out is cleared");
    assert_eq!(updated.country.as_deref(), Some("NL"));
    assert_eq!(updated.created_at, created.created_at);
    assert!(updated.updated_at > created.updated_at);

    let response = app
        .delete(&format!("/api/v1/companies/{}", created.id), Some(token))
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    expect_problem(
        app.get(&format!("/api/v1/companies/{}", created.id), Some(token))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.delete(&format!("/api/v1/companies/{}", created.id), Some(token))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;

    assert_eq!(
        event_kinds(&app, admin.tenant_id),
        vec!["company.created", "company.updated", "company.deleted"]
    );
    assert!(audit_actions(&app, admin.tenant_id).contains(&"company.deleted".to_owned()));
}

#[tokio::test]
async fn invalid_company_and_contact_fields_are_listed_in_one_problem() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let token = admin.access.as_str();
    let problem = expect_problem(
        app.post(
            "/api/v1/companies",
            Some(token),
            &json!({ "name": " ", "vat_number": "BE0810231596", "country": "BE", "email": "nope", "phone": "12", "tags": ["a\"b"] }),
        )
        .await,
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
            ("name", "required"),
            ("vat_number", "vat_checksum_mismatch"),
            ("email", "invalid_email"),
            ("phone", "invalid_phone"),
            ("tags", "invalid_tag")
        ]
    );
    let problem = expect_problem(
        app.post(
            "/api/v1/companies",
            Some(token),
            &json!({ "name": "X", "vat_number": "0810231595" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem.errors[0].code, "country_required");
    let problem = expect_problem(
        app.post(
            "/api/v1/companies",
            Some(token),
            &json!({ "name": "X", "country": "XX" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem.errors[0].field, "country");
    expect_problem(
        app.post(
            "/api/v1/companies",
            Some(token),
            &json!({ "name": "X", "colour": "red" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;

    let problem = expect_problem(
        app.post("/api/v1/contacts", Some(token), &json!({ "first_name": "", "last_name": "Claes", "language": "xx", "company_id": uuid::Uuid::now_v7() }))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["first_name", "language"]);
    let problem = expect_problem(
        app.post("/api/v1/contacts", Some(token), &json!({ "first_name": "Els", "last_name": "Claes", "company_id": uuid::Uuid::now_v7() })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(
        (
            problem.errors[0].field.as_str(),
            problem.errors[0].code.as_str()
        ),
        ("company_id", "unknown_company")
    );
    assert!(
        event_kinds(&app, admin.tenant_id).is_empty(),
        "nothing was written"
    );
}

#[tokio::test]
async fn duplicates_are_refused_with_the_existing_id_unless_allowed_and_listed() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let token = admin.access.as_str();
    let first = new_company(
        &app,
        token,
        json!({ "name": "De Klok", "vat_number": "BE0810231595" }),
    )
    .await;
    let response = app
        .post(
            "/api/v1/companies",
            Some(token),
            &json!({ "name": "Klok bis", "vat_number": "BE 0810 231 595" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let problem: DuplicateProblem = response.json().await.expect("json");
    assert_eq!(problem.existing_id, first.id);
    assert_eq!(problem.problem.code, "duplicate_vat_number");
    assert_eq!(problem.problem.errors[0].field, "vat_number");
    let second: CompanyView = expect_json(
        app.post(
            "/api/v1/companies?allow_duplicate=true",
            Some(token),
            &json!({ "name": "Klok bis", "vat_number": "BE0810231595" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_ne!(second.id, first.id);

    let els = new_contact(&app, token, json!({ "first_name": "Els", "last_name": "Claes", "email": "els@deklok.be", "company_id": first.id })).await;
    assert_eq!(els.company_name.as_deref(), Some("De Klok"));
    let response = app
        .post(
            "/api/v1/contacts",
            Some(token),
            &json!({ "first_name": "E.", "last_name": "Claes", "email": "ELS@deklok.be" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let problem: DuplicateProblem = response.json().await.expect("json");
    assert_eq!(
        (problem.existing_id, problem.problem.code.as_str()),
        (els.id, "duplicate_email")
    );
    let twin: ContactView = expect_json(
        app.post(
            "/api/v1/contacts?allow_duplicate=true",
            Some(token),
            &json!({ "first_name": "E.", "last_name": "Claes", "email": "els@deklok.be" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    // Not allowed by this path either: updating another contact to the address.
    let other = new_contact(
        &app,
        token,
        json!({ "first_name": "Jan", "last_name": "Peeters", "email": "jan@deklok.be" }),
    )
    .await;
    let response = put(
        &app,
        &format!("/api/v1/contacts/{}", other.id),
        token,
        &json!({ "first_name": "Jan", "last_name": "Peeters", "email": "els@deklok.be" }),
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);

    let duplicates: ContactDuplicates = expect_json(
        app.get("/api/v1/contacts/duplicates", Some(token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(duplicates.groups.len(), 1);
    assert_eq!(duplicates.groups[0].email, "els@deklok.be");
    let ids: Vec<_> = duplicates.groups[0].contacts.iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![els.id, twin.id], "oldest first");
}

#[tokio::test]
async fn company_lists_search_filter_sort_and_page() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let token = admin.access.as_str();
    let specs = [
        (
            "Delta Bakkerij",
            "Gent",
            "BE",
            vec!["horeca"],
            true,
            Some("BE0810231595"),
        ),
        ("alpha Consult", "Antwerpen", "BE", vec!["b2b"], false, None),
        (
            "Charlie BV",
            "Breda",
            "NL",
            vec!["b2b", "vip"],
            true,
            Some("NL123456789B01"),
        ),
        ("Bravo & Zonen", "Brugge", "BE", vec!["vip"], false, None),
        ("Echo 100% Sàrl", "Liège", "BE", vec![], false, None),
    ];
    for (name, city, country, tags, consent, vat) in &specs {
        new_company(&app, token, json!({ "name": name, "city": city, "country": country, "tags": tags, "marketing_consent": consent, "vat_number": vat })).await;
        app.clock
            .set(app.clock.now() + chrono::Duration::seconds(1));
    }
    let names = |page: &Page<CompanyView>| {
        page.items
            .iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>()
    };
    let get = |q: &str| company_page(&app, token, q.to_owned());
    // Name order ignores case.
    assert_eq!(
        names(&get("").await),
        vec![
            "alpha Consult",
            "Bravo & Zonen",
            "Charlie BV",
            "Delta Bakkerij",
            "Echo 100% Sàrl"
        ]
    );
    assert_eq!(
        names(&get("?sort=-city").await),
        vec![
            "Echo 100% Sàrl",
            "Delta Bakkerij",
            "Bravo & Zonen",
            "Charlie BV",
            "alpha Consult"
        ]
    );
    assert_eq!(names(&get("?sort=-created_at").await)[0], "Echo 100% Sàrl");
    // Search: name, city, VAT, tag, e-mail; `%` matches literally.
    assert_eq!(names(&get("?q=BAKKER").await), vec!["Delta Bakkerij"]);
    assert_eq!(names(&get("?q=breda").await), vec!["Charlie BV"]);
    assert_eq!(names(&get("?q=be0810").await), vec!["Delta Bakkerij"]);
    assert_eq!(
        names(&get("?q=vip").await),
        vec!["Bravo & Zonen", "Charlie BV"]
    );
    assert_eq!(names(&get("?q=100%25").await), vec!["Echo 100% Sàrl"]);
    assert_eq!(names(&get("?q=0%25").await), vec!["Echo 100% Sàrl"]);
    // Filters.
    assert_eq!(
        names(&get("?tag=b2b").await),
        vec!["alpha Consult", "Charlie BV"]
    );
    assert_eq!(
        names(&get("?tag=vi").await),
        Vec::<String>::new(),
        "a tag matches whole"
    );
    assert_eq!(names(&get("?country=nl").await), vec!["Charlie BV"]);
    assert_eq!(
        names(&get("?marketing_consent=true&country=BE").await),
        vec!["Delta Bakkerij"]
    );

    // Pages of two, in both directions, cover every company once.
    for sort in ["name", "-name", "city", "created_at", "-updated_at"] {
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let path = match &cursor {
                Some(c) => format!("?limit=2&sort={sort}&cursor={c}"),
                None => format!("?limit=2&sort={sort}"),
            };
            let page = get(&path).await;
            assert!(page.items.len() <= 2);
            seen.extend(names(&page));
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        let all = names(&get(&format!("?sort={sort}")).await);
        assert_eq!(seen, all, "paging by {sort}");
    }
    expect_problem(
        app.get("/api/v1/companies?sort=vat_number", Some(token))
            .await,
        StatusCode::BAD_REQUEST,
        "invalid_sort",
    )
    .await;
    expect_problem(
        app.get("/api/v1/companies?cursor=garbage", Some(token))
            .await,
        StatusCode::BAD_REQUEST,
        "invalid_cursor",
    )
    .await;
    let page = get("?limit=2&sort=name").await;
    let cursor = page.next_cursor.expect("a next page");
    expect_problem(
        app.get(
            &format!("/api/v1/companies?sort=city&cursor={cursor}"),
            Some(token),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_cursor",
    )
    .await;
    expect_problem(
        app.get("/api/v1/companies?country=Belgium", Some(token))
            .await,
        StatusCode::BAD_REQUEST,
        "invalid_filter",
    )
    .await;
}

#[tokio::test]
async fn contact_lists_filter_by_company_and_find_people_by_their_company() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let token = admin.access.as_str();
    let klok = new_company(
        &app,
        token,
        json!({ "name": "De Klok", "vat_number": "BE0810231595" }),
    )
    .await;
    let other = new_company(&app, token, json!({ "name": "Ander BV", "country": "BE" })).await;
    new_contact(&app, token, json!({ "first_name": "Els", "last_name": "Claes", "company_id": klok.id, "city": "Gent", "tags": ["buyer"] })).await;
    new_contact(&app, token, json!({ "first_name": "An", "last_name": "Aerts", "company_id": other.id, "marketing_consent": true })).await;
    new_contact(&app, token, json!({ "first_name": "Bart", "last_name": "Claes", "email": "bart@example.be", "country": "NL" })).await;
    let list = |q: String| contact_names(&app, token, q);
    assert_eq!(
        list(String::new()).await,
        vec!["An Aerts", "Bart Claes", "Els Claes"],
        "by last name, then first name"
    );
    assert_eq!(
        list(format!("?company_id={}", klok.id)).await,
        vec!["Els Claes"]
    );
    assert_eq!(
        list("?q=klok".into()).await,
        vec!["Els Claes"],
        "the company's name finds its people"
    );
    assert_eq!(
        list("?q=BE0810231595".into()).await,
        vec!["Els Claes"],
        "so does its VAT number"
    );
    assert_eq!(list("?q=bart@".into()).await, vec!["Bart Claes"]);
    assert_eq!(list("?tag=buyer".into()).await, vec!["Els Claes"]);
    assert_eq!(
        list("?marketing_consent=true".into()).await,
        vec!["An Aerts"]
    );
    assert_eq!(list("?country=NL".into()).await, vec!["Bart Claes"]);
    assert_eq!(list("?sort=-name&limit=1".into()).await, vec!["Els Claes"]);
}

#[tokio::test]
async fn a_company_with_contacts_or_deals_is_deleted_only_with_cascade_unlink() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let token = admin.access.as_str();
    let klok = new_company(&app, token, json!({ "name": "De Klok" })).await;
    let els = new_contact(
        &app,
        token,
        json!({ "first_name": "Els", "last_name": "Claes", "company_id": klok.id }),
    )
    .await;
    let deal = new_deal(&app, token, json!({ "title": "Taps", "stage": "lead", "value": "1000", "company_id": klok.id, "contact_id": els.id })).await;
    let problem = expect_problem(
        app.delete(&format!("/api/v1/companies/{}", klok.id), Some(token))
            .await,
        StatusCode::CONFLICT,
        "company_in_use",
    )
    .await;
    assert!(
        problem.detail.contains("1 contact(s) and 1 deal(s)"),
        "{}",
        problem.detail
    );
    assert!(
        problem.detail.contains("cascade=unlink"),
        "says how: {}",
        problem.detail
    );
    expect_problem(
        app.delete(
            &format!("/api/v1/companies/{}?cascade=all", klok.id),
            Some(token),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_cascade",
    )
    .await;
    let response = app
        .delete(
            &format!("/api/v1/companies/{}?cascade=unlink", klok.id),
            Some(token),
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let els: ContactView = expect_json(
        app.get(&format!("/api/v1/contacts/{}", els.id), Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(els.company_id, None);
    let deal: DealDetail = expect_json(
        app.get(&format!("/api/v1/deals/{}", deal.deal.id), Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (deal.deal.company_id, deal.deal.contact_id),
        (None, Some(els.id))
    );

    // Deleting a contact keeps its deals, without the contact.
    assert_eq!(
        app.delete(&format!("/api/v1/contacts/{}", els.id), Some(token))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    let deal: DealDetail = expect_json(
        app.get(&format!("/api/v1/deals/{}", deal.deal.id), Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(deal.deal.contact_id, None);
    let audit = audit_actions(&app, admin.tenant_id);
    assert!(
        audit.contains(&"company.deleted".to_owned())
            && audit.contains(&"contact.deleted".to_owned())
    );
}

#[tokio::test]
async fn another_tenants_companies_contacts_and_deals_are_invisible() {
    let app = TestApp::spawn().await;
    let a = app.signup("Acme", &email("a")).await;
    let b = app.signup("Bolt", &email("b")).await;
    let company = new_company(
        &app,
        &a.access,
        json!({ "name": "De Klok", "vat_number": "BE0810231595", "tags": ["vip"] }),
    )
    .await;
    let contact = new_contact(&app, &a.access, json!({ "first_name": "Els", "last_name": "Claes", "email": "els@deklok.be", "company_id": company.id })).await;
    let deal = new_deal(
        &app,
        &a.access,
        json!({ "title": "Taps", "stage": "proposal", "value": "5000", "company_id": company.id }),
    )
    .await;
    let token = b.access.as_str();
    for (path, body) in [
        (
            format!("/api/v1/companies/{}", company.id),
            json!({ "name": "Stolen" }),
        ),
        (
            format!("/api/v1/contacts/{}", contact.id),
            json!({ "first_name": "X", "last_name": "Y" }),
        ),
        (
            format!("/api/v1/deals/{}", deal.deal.id),
            json!({ "title": "X", "stage": "won", "value": "1" }),
        ),
    ] {
        expect_problem(
            app.get(&path, Some(token)).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        expect_problem(
            put(&app, &path, token, &body).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
        expect_problem(
            app.delete(&path, Some(token)).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    let companies: Page<CompanyView> = expect_json(
        app.get("/api/v1/companies?q=klok", Some(token)).await,
        StatusCode::OK,
    )
    .await;
    assert!(companies.items.is_empty());
    let contacts: Page<ContactView> = expect_json(
        app.get(
            &format!("/api/v1/contacts?company_id={}", company.id),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(contacts.items.is_empty());
    let deals: Page<DealView> = expect_json(
        app.get(
            &format!("/api/v1/deals?company_id={}", company.id),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert!(deals.items.is_empty());
    let pipeline: PipelineSummary = expect_json(
        app.get("/api/v1/deals/pipeline", Some(token)).await,
        StatusCode::OK,
    )
    .await;
    assert!(pipeline.stages.iter().all(|s| s.count == 0));
    let duplicates: ContactDuplicates = expect_json(
        app.get("/api/v1/contacts/duplicates", Some(token)).await,
        StatusCode::OK,
    )
    .await;
    assert!(duplicates.groups.is_empty());
    assert_eq!(
        get_text(&app, "/api/v1/contacts/export", token)
            .await
            .lines()
            .count(),
        1,
        "only the header"
    );
    // The same VAT number and e-mail are no duplicates in another account.
    new_company(
        &app,
        token,
        json!({ "name": "Klok", "vat_number": "BE0810231595" }),
    )
    .await;
    new_contact(
        &app,
        token,
        json!({ "first_name": "Els", "last_name": "Claes", "email": "els@deklok.be" }),
    )
    .await;
    // Links to the other tenant's records are refused.
    let problem = expect_problem(
        app.post(
            "/api/v1/contacts",
            Some(token),
            &json!({ "first_name": "X", "last_name": "Y", "company_id": company.id }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem.errors[0].code, "unknown_company");
    let problem = expect_problem(
        app.post(
            "/api/v1/deals",
            Some(token),
            &json!({ "title": "X", "stage": "lead", "value": "1", "company_id": company.id, "contact_id": contact.id, "owner_id": a.user_id }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["owner_id", "company_id", "contact_id"]);
    // A's data is untouched.
    let read: CompanyView = expect_json(
        app.get(
            &format!("/api/v1/companies/{}", company.id),
            Some(&a.access),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(read, company);
}

#[tokio::test]
async fn csv_export_imports_into_a_fresh_tenant_unchanged() {
    let app = TestApp::spawn().await;
    let a = app.signup("Acme", &email("a")).await;
    let klok = new_company(
        &app,
        &a.access,
        json!({ "name": "Brouwerij \"De Klok\", Gent", "vat_number": "BE0810231595", "email": "info@deklok.be", "phone": "+32 9 222 33 44",
                "website": "https://deklok.be", "street": "Veldstraat 10", "postal_code": "9000", "city": "Gent", "country": "BE",
                "tags": ["horeca", "vip"], "notes": "Line one\nline two; with \"quotes\"", "marketing_consent": true }),
    )
    .await;
    new_company(&app, &a.access, json!({ "name": "Zonder BTW", "country": "FR", "city": "Lille", "notes": "=HYPERLINK(\"http://x\")" })).await;
    new_contact(
        &app,
        &a.access,
        json!({ "first_name": "Els", "last_name": "Claes", "email": "els@deklok.be", "phone": "+32 9 222 33 45", "mobile": "+32 475 12 34 56",
                "job_title": "Aankoper", "company_id": klok.id, "street": "Kerkstraat 1", "postal_code": "9000", "city": "Gent",
                "country": "BE", "language": "nl", "tags": ["buyer"], "notes": "Prefers e-mail", "marketing_consent": true }),
    )
    .await;
    new_contact(
        &app,
        &a.access,
        json!({ "first_name": "Jean", "last_name": "Dupont", "language": "fr" }),
    )
    .await;
    let companies_csv = get_text(&app, "/api/v1/companies/export", &a.access).await;
    let contacts_csv = get_text(&app, "/api/v1/contacts/export", &a.access).await;
    assert!(companies_csv.starts_with("name,vat_number,email,phone,website,street,postal_code,city,country,tags,notes,marketing_consent\n"));
    assert!(
        companies_csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","),
        "a formula is exported as text: {companies_csv}"
    );
    assert!(
        contacts_csv.contains(",\"Brouwerij \"\"De Klok\"\", Gent\",BE0810231595,"),
        "{contacts_csv}"
    );

    let b = app.signup("Bolt", &email("b")).await;
    // Contacts first: their company is not there yet.
    let refused: ImportProblem = expect_json(
        post_csv(&app, "/api/v1/contacts/import", &b.access, &contacts_csv).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.problem.code, "import_refused");
    assert_eq!(refused.report.errors.len(), 1);
    assert_eq!(refused.report.errors[0].field, "company_vat_number");
    let report: ImportReport = expect_json(
        post_csv(&app, "/api/v1/companies/import", &b.access, &companies_csv).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (report.rows, report.imported, report.errors.len()),
        (2, 2, 0)
    );
    let report: ImportReport = expect_json(
        post_csv(&app, "/api/v1/contacts/import", &b.access, &contacts_csv).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((report.rows, report.imported), (2, 2));

    assert_eq!(
        get_text(&app, "/api/v1/companies/export", &b.access).await,
        companies_csv
    );
    assert_eq!(
        get_text(&app, "/api/v1/contacts/export", &b.access).await,
        contacts_csv
    );
    let contacts: Page<ContactView> = expect_json(
        app.get("/api/v1/contacts?q=els", Some(&b.access)).await,
        StatusCode::OK,
    )
    .await;
    let els = &contacts.items[0];
    let b_klok: Page<CompanyView> = expect_json(
        app.get("/api/v1/companies?q=klok", Some(&b.access)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        els.company_id,
        Some(b_klok.items[0].id),
        "linked to B's own copy of the company"
    );
    assert_eq!(b_klok.items[0].notes, klok.notes);
    assert_eq!(b_klok.items[0].tags, klok.tags);
    let lille: Page<CompanyView> = expect_json(
        app.get("/api/v1/companies?q=lille", Some(&b.access)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        lille.items[0].notes.as_deref(),
        Some("=HYPERLINK(\"http://x\")"),
        "and imported back as it was"
    );
    assert_eq!(
        event_kinds(&app, b.tenant_id)
            .iter()
            .filter(|k| k.ends_with(".created"))
            .count(),
        4
    );

    // Importing the same file again: the company with a VAT number is a duplicate.
    let refused: ImportProblem = expect_json(
        post_csv(&app, "/api/v1/companies/import", &b.access, &companies_csv).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(
        refused
            .report
            .errors
            .iter()
            .map(|e| e.code.as_str())
            .collect::<Vec<_>>(),
        vec!["duplicate_vat_number"]
    );
}

#[tokio::test]
async fn a_dry_run_reports_every_bad_row_and_a_bad_import_writes_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let token = admin.access.as_str();
    let csv = "name,vat_number,country,email,tags,marketing_consent\n\
               Good One,BE0810231595,BE,info@good.be,a;b,yes\n\
               ,,,,,\n\
               ,BE0810231596,BE,not-an-email,,maybe\n\
               \"Good, Two\",,NL,,,false\n\
               Twin,BE 0810 231 595,BE,,,\n";
    let report: ImportReport = expect_json(
        post_csv(&app, "/api/v1/companies/import?dry_run=true", token, csv).await,
        StatusCode::OK,
    )
    .await;
    assert!(report.dry_run);
    assert_eq!(
        (report.rows, report.imported),
        (4, 0),
        "the blank line is skipped"
    );
    let errors: Vec<(u64, &str, &str)> = report
        .errors
        .iter()
        .map(|e| (e.row, e.field.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        errors,
        vec![
            (4, "marketing_consent", "invalid_boolean"),
            (4, "name", "required"),
            (4, "vat_number", "vat_checksum_mismatch"),
            (4, "email", "invalid_email"),
            (6, "vat_number", "duplicate_vat_number"),
        ]
    );
    let page: Page<CompanyView> = expect_json(
        app.get("/api/v1/companies", Some(token)).await,
        StatusCode::OK,
    )
    .await;
    assert!(page.items.is_empty(), "a dry run imports nothing");

    let refused: ImportProblem = expect_json(
        post_csv(&app, "/api/v1/companies/import", token, csv).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(refused.report.errors, report.errors);
    assert_eq!(refused.report.imported, 0);
    let page: Page<CompanyView> = expect_json(
        app.get("/api/v1/companies", Some(token)).await,
        StatusCode::OK,
    )
    .await;
    assert!(page.items.is_empty(), "one bad row: nothing imported");

    // Bad headers are reported as line 1.
    let report: ImportReport = expect_json(
        post_csv(
            &app,
            "/api/v1/contacts/import?dry_run=true",
            token,
            "first_name,surname\nEls,Claes\n",
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let errors: Vec<(u64, &str, &str)> = report
        .errors
        .iter()
        .map(|e| (e.row, e.field.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        errors,
        vec![
            (1, "surname", "unknown_column"),
            (1, "last_name", "missing_column")
        ]
    );
    // Not CSV.
    expect_problem(
        app.post(
            "/api/v1/companies/import",
            Some(token),
            &json!({ "name": "x" }),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "csv_expected",
    )
    .await;

    // The clean file imports every row.
    let clean = "name,vat_number,country\nGood One,BE0810231595,BE\n\"Good, Two\",,NL\n";
    let report: ImportReport = expect_json(
        post_csv(&app, "/api/v1/companies/import", token, clean).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (report.dry_run, report.rows, report.imported),
        (false, 2, 2)
    );
    let page: Page<CompanyView> = expect_json(
        app.get("/api/v1/companies", Some(token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        page.items
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        vec!["Good One", "Good, Two"]
    );
}

#[tokio::test]
async fn deals_move_through_the_pipeline_with_a_recorded_history_and_summary() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let token = admin.access.as_str();
    let (user_id, user_token) = app.add_user(token, &email("jan")).await;
    let klok = new_company(&app, token, json!({ "name": "De Klok" })).await;
    let created = new_deal(&app, token, json!({ "title": "Taps", "stage": "proposal", "value": "12500.5", "company_id": klok.id, "expected_close_date": "2027-03-31" })).await;
    let deal = &created.deal;
    assert_eq!(
        (
            deal.probability,
            deal.value.to_string(),
            deal.weighted_value.to_string()
        ),
        (50, "12500.50".into(), "6250.25".into())
    );
    assert_eq!(
        deal.owner_id, admin.user_id,
        "the caller owns it by default"
    );
    assert_eq!(deal.owner_name, "An Peeters");
    assert_eq!(deal.company_name.as_deref(), Some("De Klok"));
    assert_eq!(created.stage_history.len(), 1);
    assert_eq!(
        (
            created.stage_history[0].from_stage.as_deref(),
            created.stage_history[0].to_stage.as_str()
        ),
        (None, "proposal")
    );

    // The user moves it to negotiation with an own probability, then it is won.
    app.clock
        .set(app.clock.now() + chrono::Duration::minutes(1));
    let moved: DealDetail = expect_json(
        put(&app, &format!("/api/v1/deals/{}", deal.id), &user_token, &json!({ "title": "Taps", "stage": "negotiation", "value": "12500.50", "probability": 80, "owner_id": user_id, "company_id": klok.id })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        (
            moved.deal.probability,
            moved.deal.weighted_value.to_string()
        ),
        (80, "10000.40".into())
    );
    let history: Vec<(Option<&str>, &str)> = moved
        .stage_history
        .iter()
        .map(|c| (c.from_stage.as_deref(), c.to_stage.as_str()))
        .collect();
    assert_eq!(
        history,
        vec![(None, "proposal"), (Some("proposal"), "negotiation")]
    );
    assert_eq!(moved.stage_history[1].changed_by.to_string(), user_id);
    assert_eq!(moved.stage_history[1].changed_by_name, "Jan Janssens");
    assert!(moved.stage_history[1].changed_at > created.stage_history[0].changed_at);
    // An edit that keeps the stage adds no history.
    let edited: DealDetail = expect_json(
        put(&app, &format!("/api/v1/deals/{}", deal.id), token, &json!({ "title": "Taps and glasses", "stage": "negotiation", "value": "13000", "probability": 80, "owner_id": user_id })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(edited.stage_history.len(), 2);
    let problem = expect_problem(
        put(
            &app,
            &format!("/api/v1/deals/{}", deal.id),
            token,
            &json!({ "title": "Taps", "stage": "won", "value": "13000", "probability": 90 }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem.errors[0].code, "closed_deal_probability");

    // The pipeline: weighted values per stage, rounded once per stage.
    new_deal(
        &app,
        token,
        json!({ "title": "A", "stage": "lead", "value": "0.05" }),
    )
    .await;
    new_deal(
        &app,
        token,
        json!({ "title": "B", "stage": "lead", "value": "0.05" }),
    )
    .await;
    new_deal(
        &app,
        token,
        json!({ "title": "C", "stage": "proposal", "value": "333.33", "probability": 33 }),
    )
    .await;
    new_deal(
        &app,
        token,
        json!({ "title": "D", "stage": "won", "value": "2000" }),
    )
    .await;
    new_deal(
        &app,
        token,
        json!({ "title": "E", "stage": "lost", "value": "700" }),
    )
    .await;
    let summary: PipelineSummary = expect_json(
        app.get("/api/v1/deals/pipeline", Some(token)).await,
        StatusCode::OK,
    )
    .await;
    let lines: Vec<(&str, u64, String, String)> = summary
        .stages
        .iter()
        .map(|s| {
            (
                s.stage.as_str(),
                s.count,
                s.value.to_string(),
                s.weighted_value.to_string(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            // 2 × 0.05 × 10 % = 0.01
            ("lead", 2, "0.10".into(), "0.01".into()),
            ("qualified", 0, "0.00".into(), "0.00".into()),
            // 333.33 × 33 % = 109.9989
            ("proposal", 1, "333.33".into(), "110.00".into()),
            // 13000 × 80 %
            ("negotiation", 1, "13000.00".into(), "10400.00".into()),
            ("won", 1, "2000.00".into(), "2000.00".into()),
            ("lost", 1, "700.00".into(), "0.00".into()),
        ]
    );
    assert_eq!(
        (
            summary.open_value.to_string(),
            summary.open_weighted_value.to_string()
        ),
        ("13333.43".into(), "10510.01".into())
    );

    // Lists: filter by stage and owner, sort by value.
    let page: Page<DealView> = expect_json(
        app.get("/api/v1/deals?stage=lead", Some(token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(page.items.len(), 2);
    let page: Page<DealView> = expect_json(
        app.get(&format!("/api/v1/deals?owner_id={user_id}"), Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        page.items
            .iter()
            .map(|d| d.title.as_str())
            .collect::<Vec<_>>(),
        vec!["Taps and glasses"]
    );
    let page: Page<DealView> = expect_json(
        app.get("/api/v1/deals?sort=-value&limit=2", Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        page.items
            .iter()
            .map(|d| d.title.as_str())
            .collect::<Vec<_>>(),
        vec!["Taps and glasses", "D"]
    );
    let next: Page<DealView> = expect_json(
        app.get(
            &format!(
                "/api/v1/deals?sort=-value&limit=2&cursor={}",
                page.next_cursor.unwrap_or_default()
            ),
            Some(token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        next.items
            .iter()
            .map(|d| d.title.as_str())
            .collect::<Vec<_>>(),
        vec!["E", "C"]
    );
    expect_problem(
        app.get("/api/v1/deals?stage=closed", Some(token)).await,
        StatusCode::BAD_REQUEST,
        "invalid_filter",
    )
    .await;
    let page: Page<DealView> = expect_json(
        app.get("/api/v1/deals?q=GLASS&sort=title", Some(token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        page.items
            .iter()
            .map(|d| d.title.as_str())
            .collect::<Vec<_>>(),
        vec!["Taps and glasses"],
        "search ignores case"
    );

    // Deleting removes the deal and its history; audited.
    assert_eq!(
        app.delete(&format!("/api/v1/deals/{}", deal.id), Some(token))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    expect_problem(
        app.get(&format!("/api/v1/deals/{}", deal.id), Some(token))
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert!(audit_actions(&app, admin.tenant_id).contains(&"deal.deleted".to_owned()));
    let kinds = event_kinds(&app, admin.tenant_id);
    assert_eq!(kinds.iter().filter(|k| *k == "deal.updated").count(), 2);
    assert!(kinds.contains(&"deal.deleted".to_owned()));
}

#[tokio::test]
async fn invalid_deals_are_refused_field_by_field() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    let problem = expect_problem(
        app.post(
            "/api/v1/deals",
            Some(&admin.access),
            &json!({ "title": "", "stage": "closed", "value": "10.005" }),
        )
        .await,
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
            ("title", "required"),
            ("stage", "invalid_stage"),
            ("value", "too_precise")
        ]
    );
    let problem = expect_problem(
        app.post(
            "/api/v1/deals",
            Some(&admin.access),
            &json!({ "title": "X", "stage": "lead", "value": "-1", "probability": 101 }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["value", "probability"]);
    expect_problem(
        app.post(
            "/api/v1/deals",
            Some(&admin.access),
            &json!({ "title": "X", "stage": "lead" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
}

#[tokio::test]
async fn the_crm_is_closed_after_the_trial_without_a_plan() {
    let app = TestApp::spawn().await;
    let admin = app.signup("Acme", &email("admin")).await;
    new_company(&app, &admin.access, json!({ "name": "De Klok" })).await;
    app.clock.set(app.clock.now() + chrono::Duration::days(16));
    let token = app.token(&admin.email).await;
    for path in [
        "/api/v1/companies",
        "/api/v1/contacts",
        "/api/v1/deals",
        "/api/v1/deals/pipeline",
        "/api/v1/companies/export",
    ] {
        expect_problem(
            app.get(path, Some(&token)).await,
            StatusCode::FORBIDDEN,
            "modules_unavailable",
        )
        .await;
    }
    expect_problem(
        app.post("/api/v1/companies", Some(&token), &json!({ "name": "X" }))
            .await,
        StatusCode::FORBIDDEN,
        "modules_unavailable",
    )
    .await;
    // Before the body is even read.
    expect_problem(
        post_csv(
            &app,
            "/api/v1/contacts/import",
            &token,
            "first_name,last_name\nEls,Claes\n",
        )
        .await,
        StatusCode::FORBIDDEN,
        "modules_unavailable",
    )
    .await;
}
