//! Retention and privacy rights from outside: profiles are created through
//! the API, the clock moves, the sweep runs as a job, and the database is
//! read to see what was erased and what was kept. Data-subject requests for
//! every right, the exports compared with the database, and tenant isolation.

use std::io::Read;

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use ecom_domain::retention::{erase_from, Period};
use ecom_domain::TenantId;
use ecom_storage::privacy::prospects::{self, Prospect};
use ecom_storage::privacy::{erasures, restrictions};
use ecom_storage::schema::{
    communication_preferences, companies, contacts, notices as notices_table, policy_acceptances,
    sessions, tenants, trial_registrations,
};
use ecom_storage::{contracts, invoices, notices, users};
use ecom_tests::{email, expect_json, expect_problem, utc, SignedUp, TestApp};
use ecom_types::contract::ContractView;
use ecom_types::privacy::{
    ExportManifest, PrivacyRequestList, PrivacyRequestView, RetentionDryRun,
};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// CRM rows written straight into the database (the CRM endpoints are another area's).
fn add_crm_rows(app: &TestApp, tenant: uuid::Uuid, n: usize) -> Vec<String> {
    let mut conn = app.database.get().unwrap();
    let now = app.clock.now().naive_utc();
    let company = uuid::Uuid::now_v7().to_string();
    diesel::insert_into(companies::table)
        .values((
            companies::id.eq(&company),
            companies::tenant_id.eq(tenant.to_string()),
            companies::name.eq("Klant NV"),
            companies::tags.eq("[]"),
            companies::created_at.eq(now),
            companies::updated_at.eq(now),
        ))
        .execute(&mut *conn)
        .unwrap();
    let mut ids = Vec::new();
    for i in 0..n {
        let id = uuid::Uuid::now_v7().to_string();
        diesel::insert_into(contacts::table)
            .values((
                contacts::id.eq(&id),
                contacts::tenant_id.eq(tenant.to_string()),
                contacts::company_id.eq(Some(&company)),
                contacts::first_name.eq(format!("Piet{i}")),
                contacts::last_name.eq("Klant"),
                contacts::email.eq(Some(format!("piet{i}@klant.be"))),
                contacts::tags.eq("[]"),
                contacts::marketing_consent.eq(false),
                contacts::created_at.eq(now),
                contacts::updated_at.eq(now),
            ))
            .execute(&mut *conn)
            .unwrap();
        ids.push(id);
    }
    ids
}

fn count_contacts(app: &TestApp, tenant: uuid::Uuid) -> i64 {
    let mut conn = app.database.get().unwrap();
    contacts::table
        .filter(contacts::tenant_id.eq(tenant.to_string()))
        .count()
        .get_result(&mut *conn)
        .unwrap()
}

fn count_companies(app: &TestApp, tenant: uuid::Uuid) -> i64 {
    let mut conn = app.database.get().unwrap();
    companies::table
        .filter(companies::tenant_id.eq(tenant.to_string()))
        .count()
        .get_result(&mut *conn)
        .unwrap()
}

fn has_account(app: &TestApp, address: &str) -> bool {
    let mut conn = app.database.get().unwrap();
    users::find_for_login(&mut conn, address).unwrap().is_some()
}

fn notices_to(app: &TestApp, address: &str) -> i64 {
    let mut conn = app.database.get().unwrap();
    notices_table::table
        .filter(notices_table::recipient.eq(address))
        .count()
        .get_result(&mut *conn)
        .unwrap()
}

fn opted_out(app: &TestApp, tenant: uuid::Uuid, user: uuid::Uuid) -> bool {
    let mut conn = app.database.get().unwrap();
    notices::opted_out(&mut conn, TenantId(tenant), ecom_domain::UserId(user)).unwrap()
}

async fn dry_run(app: &TestApp, op: &str) -> RetentionDryRun {
    expect_json(
        app.get("/api/v1/operator/retention/dry-run", Some(op))
            .await,
        StatusCode::OK,
    )
    .await
}

fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut files = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        files.insert(file.name().to_owned(), text);
    }
    files
}

/// An active customer on a quarterly contract, with one extra User.
async fn customer(app: &TestApp, company: &str) -> (SignedUp, String, String) {
    let signed = app.signup(company, &email("admin")).await;
    expect_json::<ContractView>(
        app.post(
            "/api/v1/contract/order",
            Some(&signed.access),
            &json!({ "term_length": "quarter", "extra_seats": 1 }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let user_email = email("user");
    let (user_id, user_token) = app.add_user(&signed.access, &user_email).await;
    let _ = user_token;
    (signed, user_id, user_email)
}

#[tokio::test]
async fn an_ex_customer_is_off_marketing_at_once_and_erased_on_the_31st_day_keeping_company_churn_reason_and_invoices(
) {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 3, 2, 9, 0));
    let (signed, user_id, user_email) = customer(&app, "Vertrek BV").await;
    let tenant = signed.tenant_id;
    add_crm_rows(&app, tenant, 2);
    let cancelled: ContractView = expect_json(
        app.post(
            "/api/v1/contract/cancel",
            Some(&signed.access),
            &json!({ "reason": "moving to another tool" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    // Still a customer: kept, marketing allowed.
    app.at(utc(2026, 4, 1, 9, 0)).await;
    assert!(!opted_out(&app, tenant, signed.user_id));
    // The term ends and the accounts are deactivated.
    app.at(cancelled.deactivation_due_by.unwrap()).await;
    let deactivated_at = {
        let mut conn = app.database.get().unwrap();
        contracts::current(&mut conn, TenantId(tenant))
            .unwrap()
            .unwrap()
            .deactivated_at
            .unwrap()
    };
    // Off every marketing list at once.
    assert!(opted_out(&app, tenant, signed.user_id));
    assert!(opted_out(
        &app,
        tenant,
        uuid::Uuid::parse_str(&user_id).unwrap()
    ));

    let erase_at = erase_from(deactivated_at, Period::Days(30)).unwrap();
    // Day 29 and the last instant of day 30: kept, and the dry run says nothing is due yet.
    app.at(erase_at - Duration::days(1)).await;
    // (The test clock keeps ticking from where it is set: a few seconds before the edge.)
    app.at(erase_at - Duration::seconds(5)).await;
    assert!(has_account(&app, &signed.email) && has_account(&app, &user_email));
    let op = app.operator().await;
    assert!(!dry_run(&app, &op)
        .await
        .steps
        .iter()
        .any(|s| s.action == "erase_person"));
    // The dry run at the first instant of day 31 names both people, with the reason, no addresses.
    app.clock.set(erase_at);
    let op = app.operator().await;
    let report = dry_run(&app, &op).await;
    let due: Vec<_> = report
        .steps
        .iter()
        .filter(|s| s.action == "erase_person" && s.tenant_id == Some(tenant))
        .collect();
    assert_eq!(due.len(), 2, "{report:?}");
    assert!(due.iter().all(|s| s.profile == "ex_customer"
        && s.due_since == Some(erase_at)
        && s.reason.contains("30 days after deactivation")));
    let report_text = serde_json::to_string(&report).unwrap();
    assert!(
        !report_text.contains(&signed.email) && !report_text.contains(&user_email),
        "no personal data in the report"
    );
    assert!(report
        .rules
        .iter()
        .any(|r| r.profile == "ex_customer" && r.period == "30 days"));
    // Nothing was changed by the dry run.
    assert!(has_account(&app, &signed.email));

    // Day 31: the sweep erases.
    let run = app.at(erase_at).await;
    assert!(run.retention_steps >= 2);
    assert!(
        !has_account(&app, &signed.email) && !has_account(&app, &user_email),
        "the addresses are gone from the accounts"
    );
    assert_eq!(
        notices_to(&app, &signed.email),
        0,
        "e-mails sent to the person are removed"
    );
    let mut conn = app.database.get().unwrap();
    let people = users::list(&mut conn, TenantId(tenant)).unwrap();
    assert_eq!(people.len(), 2, "the rows stay so ids still resolve");
    assert!(people.iter().all(|u| u.first_name == "Anonymised"
        && u.phone.is_none()
        && u.function.is_none()
        && u.password_hash.is_none()));
    let left_sessions: i64 = sessions::table
        .filter(sessions::tenant_id.eq(tenant.to_string()))
        .count()
        .get_result(&mut *conn)
        .unwrap();
    assert_eq!(left_sessions, 0);
    let acceptances: i64 = policy_acceptances::table
        .filter(policy_acceptances::tenant_id.eq(tenant.to_string()))
        .count()
        .get_result(&mut *conn)
        .unwrap();
    assert_eq!(acceptances, 0);
    let prefs: i64 = communication_preferences::table
        .filter(communication_preferences::tenant_id.eq(tenant.to_string()))
        .count()
        .get_result(&mut *conn)
        .unwrap();
    assert_eq!(prefs, 0);
    // Kept: general company data, the churn reason, the invoices with the e-mail printed on them (legal hold).
    let company: String = tenants::table
        .filter(tenants::id.eq(tenant.to_string()))
        .select(tenants::name)
        .first(&mut *conn)
        .unwrap();
    assert_eq!(company, "Vertrek BV");
    let contract = contracts::current(&mut conn, TenantId(tenant))
        .unwrap()
        .unwrap();
    assert_eq!(
        contract.cancel_reason.as_deref(),
        Some("moving to another tool")
    );
    let kept = invoices::list_for_client(&mut conn, TenantId(tenant)).unwrap();
    assert!(!kept.is_empty());
    assert!(
        kept.iter().all(|i| i.document.contains(&signed.email)),
        "invoices keep the personal data printed on them"
    );
    // The tenant's CRM data waits for the anonymisation (at most 6 months after soft deletion).
    drop(conn);
    assert_eq!(count_contacts(&app, tenant), 2);
    // Aggregates survive: the erasure log has counts, no addresses.
    let mut conn = app.database.get().unwrap();
    let totals = erasures::totals(&mut conn).unwrap();
    assert!(
        totals.iter().any(|(t, n)| t == "users" && *n == 2),
        "{totals:?}"
    );
    drop(conn);
    // Running again erases nothing twice.
    assert_eq!(
        app.at(erase_at + Duration::hours(1)).await.retention_steps,
        0
    );

    // Anonymisation of the tenant data at most six months after the soft deletion.
    app.at(erase_at + Duration::days(200)).await;
    assert_eq!(count_contacts(&app, tenant), 0);
    assert_eq!(count_companies(&app, tenant), 0);
    let mut conn = app.database.get().unwrap();
    assert!(
        !invoices::list_for_client(&mut conn, TenantId(tenant))
            .unwrap()
            .is_empty(),
        "invoices stay"
    );
    drop(conn);

    // After the legal period (10 years from 1 January after the invoice date) the e-mail goes from the invoices too.
    app.at(utc(2037, 1, 1, 0, 0) - Duration::hours(2)).await;
    let mut conn = app.database.get().unwrap();
    assert!(invoices::list_for_client(&mut conn, TenantId(tenant))
        .unwrap()
        .iter()
        .all(|i| i.document.contains(&signed.email)));
    drop(conn);
    app.at(utc(2037, 1, 1, 0, 0)).await;
    let mut conn = app.database.get().unwrap();
    let redacted = invoices::list_for_client(&mut conn, TenantId(tenant)).unwrap();
    assert!(!redacted.is_empty());
    assert!(
        redacted.iter().all(|i| !i.document.contains(&signed.email)),
        "no personal data after the hold"
    );
}

#[tokio::test]
async fn a_trial_user_is_erased_two_years_after_the_trial_to_the_day() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 2, 14, 9, 0));
    let signed = app.signup("Proef BV", &email("trial")).await;
    add_crm_rows(&app, signed.tenant_id, 3);
    let trial_ends = {
        let mut conn = app.database.get().unwrap();
        ecom_storage::tenants::find(&mut conn, TenantId(signed.tenant_id))
            .unwrap()
            .unwrap()
            .trial_ends_at
            .unwrap()
    };
    let erase_at = erase_from(trial_ends, Period::Years(2)).unwrap();
    // 1 March 2026 is the trial's end (Brussels); erased from 2 March 2028 00:00 Brussels.
    assert_eq!(erase_at, utc(2028, 3, 1, 23, 0));
    app.at(trial_ends + Duration::days(1)).await;
    assert!(
        !opted_out(&app, signed.tenant_id, signed.user_id),
        "a trial user may still get marketing for two years"
    );
    app.at(erase_at - Duration::seconds(5)).await;
    assert!(has_account(&app, &signed.email));
    assert_eq!(count_contacts(&app, signed.tenant_id), 3);
    app.at(erase_at).await;
    assert!(!has_account(&app, &signed.email));
    assert_eq!(count_contacts(&app, signed.tenant_id), 0);
    assert_eq!(count_companies(&app, signed.tenant_id), 0);
    let mut conn = app.database.get().unwrap();
    let (name, street): (String, String) = tenants::table
        .filter(tenants::id.eq(signed.tenant_id.to_string()))
        .select((tenants::name, tenants::street))
        .first(&mut *conn)
        .unwrap();
    assert_eq!(
        (name.as_str(), street.as_str()),
        ("Erased trial account", "")
    );
    let trial_emails: Vec<String> = trial_registrations::table
        .filter(trial_registrations::tenant_id.eq(signed.tenant_id.to_string()))
        .select(trial_registrations::email)
        .load(&mut *conn)
        .unwrap();
    assert!(
        trial_emails.iter().all(|e| e.ends_with("@invalid")),
        "{trial_emails:?}"
    );
}

#[tokio::test]
async fn prospects_go_after_two_years_without_interaction_or_at_once_when_not_interested() {
    let app = TestApp::spawn().await;
    let now = utc(2026, 11, 22, 10, 0);
    app.clock.set(now);
    let make = |address: &str, not_interested: Option<DateTime<Utc>>| Prospect {
        id: uuid::Uuid::now_v7(),
        email: address.into(),
        full_name: Some("Els Prospect".into()),
        phone: Some("+32 470 12 34 56".into()),
        company: Some("Misschien BV".into()),
        interest_notes: Some("asked for a demo".into()),
        source: "trade fair".into(),
        created_at: now,
        last_interaction_at: now,
        not_interested_at: not_interested,
    };
    let (keen, refused) = (
        make(&email("keen"), None),
        make(&email("nope"), Some(now + Duration::days(1))),
    );
    {
        let mut conn = app.database.get().unwrap();
        prospects::insert(&mut conn, &keen).unwrap();
        prospects::insert(&mut conn, &refused).unwrap();
    }
    let left = |app: &TestApp| {
        let mut conn = app.database.get().unwrap();
        prospects::all(&mut conn)
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect::<Vec<_>>()
    };
    app.at(now + Duration::hours(1)).await;
    assert_eq!(left(&app).len(), 2);
    app.at(now + Duration::days(1)).await;
    assert_eq!(
        left(&app),
        vec![keen.id],
        "\"not interested\": erased at once"
    );
    app.at(utc(2028, 11, 22, 22, 59)).await;
    assert_eq!(
        left(&app),
        vec![keen.id],
        "two years to the day: still kept"
    );
    app.at(utc(2028, 11, 22, 23, 0)).await;
    assert!(left(&app).is_empty());
}

async fn file(app: &TestApp, token: &str, right: &str) -> PrivacyRequestView {
    expect_json(
        app.post(
            "/api/v1/privacy/requests",
            Some(token),
            &json!({ "right": right }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await
}

/// Asks for a code and reads it from the outbox (before the jobs send it).
async fn code_for(app: &TestApp, token: &str, tenant: uuid::Uuid, request: uuid::Uuid) -> String {
    expect_json::<PrivacyRequestView>(
        app.post(
            &format!("/api/v1/privacy/requests/{request}/verification-code"),
            Some(token),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let mut conn = app.database.get().unwrap();
    notices::list_for_tenant(&mut conn, TenantId(tenant), 100)
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == "privacy_verification")
        .find_map(|n| n.secret)
        .expect("a code in the outbox")
}

/// When the request's current code expires, and how often it was tried.
fn code_state(app: &TestApp, signed: &SignedUp, request: uuid::Uuid) -> (DateTime<Utc>, u32) {
    let mut conn = app.database.get().unwrap();
    let found = ecom_storage::privacy::requests::find_for_user(
        &mut conn,
        TenantId(signed.tenant_id),
        ecom_domain::UserId(signed.user_id),
        request,
    )
    .unwrap()
    .expect("the request");
    (
        found.code_expires_at.expect("a code was sent"),
        found.code_attempts,
    )
}

#[tokio::test]
async fn a_verification_code_lives_30_minutes_and_allows_5_wrong_tries() {
    use ecom_domain::retention::requests::{MAX_VERIFICATION_ATTEMPTS, VERIFICATION_CODE_MINUTES};
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 3, 15, 9, 0));
    let signed = app.signup("Code BV", &email("code")).await;
    let verify = |token: String, request: uuid::Uuid, code: String| {
        let app = &app;
        async move {
            app.post(
                &format!("/api/v1/privacy/requests/{request}/verify"),
                Some(&token),
                &json!({ "code": code }),
            )
            .await
        }
    };
    // Reads the newest code, then lets the jobs send it (which clears it
    // from the outbox, so the next read finds the next code).
    let fresh_code = |token: String, request: uuid::Uuid| {
        let (app, tenant) = (&app, signed.tenant_id);
        async move {
            let code = code_for(app, &token, tenant, request).await;
            app.jobs.run_once().await.unwrap();
            code
        }
    };
    let wrong = |code: &str| {
        if code == "000000" {
            "000001".to_owned()
        } else {
            "000000".to_owned()
        }
    };

    // The right code, exactly 30 minutes after it was sent: expired.
    let late = file(&app, &signed.access, "access").await;
    let code = fresh_code(signed.access.clone(), late.id).await;
    let (expires, _) = code_state(&app, &signed, late.id);
    app.clock.set(expires);
    let token = app.token(&signed.email).await;
    expect_problem(
        verify(token.clone(), late.id, code).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "code_expired",
    )
    .await;
    // A new code, used one second before its 30 minutes are up: verified.
    let code = fresh_code(token.clone(), late.id).await;
    let (expires, _) = code_state(&app, &signed, late.id);
    assert!(expires - app.clock.now() <= Duration::minutes(VERIFICATION_CODE_MINUTES));
    assert!(expires - app.clock.now() > Duration::minutes(VERIFICATION_CODE_MINUTES - 1));
    app.clock.set(expires - Duration::seconds(1));
    let token = app.token(&signed.email).await;
    let verified: PrivacyRequestView =
        expect_json(verify(token.clone(), late.id, code).await, StatusCode::OK).await;
    assert!(verified.verified_at.is_some());

    // Five wrong codes are each refused and counted; after them even the
    // right code is refused until a new one is asked for.
    let guessed = file(&app, &token, "portability").await;
    let code = fresh_code(token.clone(), guessed.id).await;
    for attempt in 1..=MAX_VERIFICATION_ATTEMPTS {
        let refused = expect_problem(
            verify(token.clone(), guessed.id, wrong(&code)).await,
            StatusCode::UNPROCESSABLE_ENTITY,
            "validation_failed",
        )
        .await;
        assert!(format!("{refused:?}").contains("wrong_code"), "{refused:?}");
        assert_eq!(code_state(&app, &signed, guessed.id).1, attempt);
    }
    expect_problem(
        verify(token.clone(), guessed.id, code).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "code_expired",
    )
    .await;
    let code = fresh_code(token.clone(), guessed.id).await;
    assert_eq!(
        code_state(&app, &signed, guessed.id).1,
        0,
        "a new code starts a new count"
    );
    let verified: PrivacyRequestView = expect_json(
        verify(token.clone(), guessed.id, code).await,
        StatusCode::OK,
    )
    .await;
    assert!(verified.verified_at.is_some());
}

#[tokio::test]
async fn access_needs_the_e_mailed_code_and_exports_what_the_database_holds() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 3, 15, 9, 0));
    let signed = app.signup("Inzage BV", &email("an")).await;
    let filed = file(&app, &signed.access, "access").await;
    assert_eq!(filed.status, "awaiting_verification");
    assert!(filed.needs_verification);
    // Due one calendar month after receipt, end of that Belgian day.
    assert_eq!(
        filed.due_at,
        utc(2026, 4, 15, 21, 59) + Duration::seconds(59) + Duration::microseconds(999_999)
    );
    expect_problem(
        app.get(
            &format!("/api/v1/privacy/requests/{}/export", filed.id),
            Some(&signed.access),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "identity_not_verified",
    )
    .await;
    expect_problem(
        app.post(
            &format!("/api/v1/privacy/requests/{}/verify", filed.id),
            Some(&signed.access),
            &json!({ "code": "123456" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no_code_sent",
    )
    .await;
    let code = code_for(&app, &signed.access, signed.tenant_id, filed.id).await;
    let wrong = if code == "000000" { "000001" } else { "000000" };
    expect_problem(
        app.post(
            &format!("/api/v1/privacy/requests/{}/verify", filed.id),
            Some(&signed.access),
            &json!({ "code": wrong }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let verified: PrivacyRequestView = expect_json(
        app.post(
            &format!("/api/v1/privacy/requests/{}/verify", filed.id),
            Some(&signed.access),
            &json!({ "code": code }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(verified.status, "completed");
    assert!(verified.export_available);
    // The code is sent by the jobs, then gone from the outbox.
    app.jobs.run_once().await.unwrap();

    let response = app
        .get(
            &format!("/api/v1/privacy/requests/{}/export", filed.id),
            Some(&signed.access),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/zip");
    let files = unzip(&response.bytes().await.unwrap());
    let accounts: Vec<Value> = serde_json::from_str(&files["users.json"]).unwrap();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0]["email"], json!(signed.email));
    assert_eq!(accounts[0]["first_name"], json!("An"));
    assert!(
        accounts[0].get("password_hash").is_none(),
        "never the password hash"
    );
    assert!(files["users.csv"].starts_with("id,tenant_id,email,"));
    // Compared with the database: sessions, notices, acceptances.
    let mut conn = app.database.get().unwrap();
    let db_sessions: i64 = sessions::table
        .filter(sessions::subject_id.eq(signed.user_id.to_string()))
        .count()
        .get_result(&mut *conn)
        .unwrap();
    let db_notices: i64 = notices_table::table
        .filter(notices_table::recipient.eq(&signed.email))
        .count()
        .get_result(&mut *conn)
        .unwrap();
    let db_acceptances: i64 = policy_acceptances::table
        .filter(policy_acceptances::user_id.eq(signed.user_id.to_string()))
        .count()
        .get_result(&mut *conn)
        .unwrap();
    drop(conn);
    let rows = |name: &str| {
        serde_json::from_str::<Vec<Value>>(&files[&format!("{name}.json")])
            .unwrap()
            .len() as i64
    };
    assert_eq!(rows("sessions"), db_sessions);
    assert_eq!(rows("notices"), db_notices);
    assert!(db_notices >= 1);
    assert_eq!(rows("policy_acceptances"), db_acceptances);
    assert_eq!(rows("privacy_requests"), 1);
    let manifest: Value = serde_json::from_str(&files["manifest.json"]).unwrap();
    assert!(manifest["tables"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["table"] == "sessions" && t["rows"] == json!(db_sessions)));
    assert!(
        !files["notices.json"].contains(&code),
        "the code is not kept"
    );
}

#[tokio::test]
async fn portability_filed_by_the_operator_with_recorded_verification() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Verhuis BV", &email("an")).await;
    let op = app.operator().await;
    let filed: PrivacyRequestView = expect_json(
        app.post(
            "/api/v1/operator/privacy/requests",
            Some(&op),
            &json!({ "subject_email": signed.email.to_uppercase(), "right": "portability" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(filed.filed_by, "operator");
    assert_eq!(filed.subject_email, signed.email, "normalised");
    expect_problem(
        app.get(
            &format!("/api/v1/operator/privacy/requests/{}/export", filed.id),
            Some(&op),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "identity_not_verified",
    )
    .await;
    expect_problem(
        app.post(
            &format!("/api/v1/operator/privacy/requests/{}/verify", filed.id),
            Some(&op),
            &json!({ "method": "ID card!" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let verified: PrivacyRequestView = expect_json(
        app.post(
            &format!("/api/v1/operator/privacy/requests/{}/verify", filed.id),
            Some(&op),
            &json!({ "method": "identity_card_front" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        verified.verification_method.as_deref(),
        Some("operator:identity_card_front")
    );
    assert_eq!(verified.status, "completed");
    let response = app
        .get(
            &format!("/api/v1/operator/privacy/requests/{}/export", filed.id),
            Some(&op),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let files = unzip(&response.bytes().await.unwrap());
    let accounts: Vec<Value> = serde_json::from_str(&files["users.json"]).unwrap();
    assert_eq!(accounts[0]["id"], json!(signed.user_id.to_string()));
    let mut csv = csv::Reader::from_reader(files["users.csv"].as_bytes());
    let record = csv.records().next().unwrap().unwrap();
    assert!(record.iter().any(|f| f == signed.email));
    // The person does not see the operator-filed request in their list (it is not tied to their session).
    let mine: PrivacyRequestList = expect_json(
        app.get("/api/v1/privacy/requests", Some(&signed.access))
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(mine.items.is_empty());
}

#[tokio::test]
async fn rectification_is_verified_then_applied_by_the_operator() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Correct BV", &email("an")).await;
    let filed: PrivacyRequestView = expect_json(
        app.post(
            "/api/v1/privacy/requests",
            Some(&signed.access),
            &json!({ "right": "rectification", "details": "my phone changed" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let op = app.operator().await;
    let path = format!("/api/v1/operator/privacy/requests/{}/complete", filed.id);
    expect_problem(
        app.post(
            &path,
            Some(&op),
            &json!({ "rectification": { "phone": "+32 470 99 88 77" } }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "identity_not_verified",
    )
    .await;
    let code = code_for(&app, &signed.access, signed.tenant_id, filed.id).await;
    let verified: PrivacyRequestView = expect_json(
        app.post(
            &format!("/api/v1/privacy/requests/{}/verify", filed.id),
            Some(&signed.access),
            &json!({ "code": code }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(verified.status, "in_progress");
    expect_problem(
        app.post(
            &path,
            Some(&op),
            &json!({ "rectification": { "phone": "call me" } }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let done: PrivacyRequestView = expect_json(
        app.post(
            &path,
            Some(&op),
            &json!({ "rectification": { "phone": "+32 470 99 88 77" } }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(done.status, "completed");
    let mut conn = app.database.get().unwrap();
    let user = users::find(
        &mut conn,
        TenantId(signed.tenant_id),
        ecom_domain::UserId(signed.user_id),
    )
    .unwrap()
    .unwrap();
    assert_eq!(user.phone.as_deref(), Some("+32 470 99 88 77"));
    assert_eq!(user.first_name, "An");
    drop(conn);
    expect_problem(
        app.post(&path, Some(&op), &json!({})).await,
        StatusCode::CONFLICT,
        "request_closed",
    )
    .await;
}

#[tokio::test]
async fn erasure_removes_what_may_be_removed_and_says_what_was_kept_under_which_hold() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 3, 2, 9, 0));
    let (signed, _, _) = customer(&app, "Vergeet BV").await;
    let op = app.operator().await;
    let filed: PrivacyRequestView = expect_json(
        app.post(
            "/api/v1/operator/privacy/requests",
            Some(&op),
            &json!({ "subject_email": signed.email, "right": "erasure" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let complete = format!("/api/v1/operator/privacy/requests/{}/complete", filed.id);
    expect_problem(
        app.post(&complete, Some(&op), &json!({})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "identity_not_verified",
    )
    .await;
    expect_json::<PrivacyRequestView>(
        app.post(
            &format!("/api/v1/operator/privacy/requests/{}/verify", filed.id),
            Some(&op),
            &json!({ "method": "identity_card_front" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    // The Administrator of a running contract is needed for it: refused until the contract ends.
    expect_problem(
        app.post(&complete, Some(&op), &json!({})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "needed_for_the_contract",
    )
    .await;
    let cancelled: ContractView = expect_json(
        app.post("/api/v1/contract/cancel", Some(&signed.access), &json!({}))
            .await,
        StatusCode::OK,
    )
    .await;
    app.at(cancelled.deactivation_due_by.unwrap()).await;
    let op = app.operator().await;
    let done: PrivacyRequestView = expect_json(
        app.post(&complete, Some(&op), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(done.status, "completed");
    let outcome = done.outcome.unwrap();
    let item = |t: &str| {
        outcome
            .items
            .iter()
            .find(|i| i.table == t)
            .unwrap_or_else(|| panic!("no {t} in {outcome:?}"))
            .clone()
    };
    assert_eq!(item("users").erased, 1);
    assert!(item("sessions").erased >= 1);
    assert!(item("notices").erased >= 1);
    let invoices_item = item("invoices");
    assert!(invoices_item.kept >= 1 && invoices_item.erased == 0);
    assert!(invoices_item.kept_because.unwrap().contains("legal hold"));
    assert_eq!(item("privacy_requests").kept, 1);
    assert!(!has_account(&app, &signed.email));
    assert_eq!(notices_to(&app, &signed.email), 0);
    let mut conn = app.database.get().unwrap();
    let kept = invoices::list_for_client(&mut conn, TenantId(signed.tenant_id)).unwrap();
    assert!(
        kept.iter().all(|i| i.document.contains(&signed.email)),
        "invoices kept with the personal data on them"
    );
    // The audit log names the request, never the address.
    let audit: Vec<String> = ecom_storage::schema::audit_log::table
        .filter(ecom_storage::schema::audit_log::action.like("privacy_request.%"))
        .select(ecom_storage::schema::audit_log::details)
        .load(&mut *conn)
        .unwrap();
    assert!(audit.len() >= 3);
    assert!(audit.iter().all(|d| !d.contains(&signed.email)));
}

#[tokio::test]
async fn restriction_objection_and_withdrawal_take_effect_at_once() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Stop BV", &email("an")).await;
    let restricted = file(&app, &signed.access, "restriction").await;
    assert_eq!(restricted.status, "completed");
    assert!(!restricted.needs_verification);
    {
        let mut conn = app.database.get().unwrap();
        assert!(restrictions::is_restricted(&mut conn, &signed.email).unwrap());
    }
    // Non-essential notices are not sent to a restricted person.
    {
        let mut conn = app.database.get().unwrap();
        notices::enqueue(
            &mut conn,
            &notices::NewNotice {
                tenant_id: Some(TenantId(signed.tenant_id)),
                recipient: signed.email.clone(),
                kind: "renewal_coming".into(),
                essential: false,
                subject: "Renewal".into(),
                body: "soon".into(),
                secret: None,
                dedupe_key: None,
            },
            app.clock.now(),
        )
        .unwrap();
    }
    assert_eq!(app.jobs.run_once().await.unwrap().notices_suppressed, 1);
    let op = app.operator().await;
    expect_json::<PrivacyRequestView>(
        app.post(
            &format!(
                "/api/v1/operator/privacy/requests/{}/lift-restriction",
                restricted.id
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
        assert!(!restrictions::is_restricted(&mut conn, &signed.email).unwrap());
    }
    expect_problem(
        app.post(
            &format!(
                "/api/v1/operator/privacy/requests/{}/lift-restriction",
                restricted.id
            ),
            Some(&op),
            &json!({}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "no_restriction",
    )
    .await;

    assert!(!opted_out(&app, signed.tenant_id, signed.user_id));
    let objection = file(&app, &signed.access, "objection_to_direct_marketing").await;
    assert_eq!(objection.status, "completed");
    assert!(
        opted_out(&app, signed.tenant_id, signed.user_id),
        "off the marketing lists at once"
    );

    let other = app.signup("Intrekking BV", &email("bo")).await;
    let withdrawal = file(&app, &other.access, "withdrawal_of_consent").await;
    assert_eq!(withdrawal.status, "completed");
    assert!(opted_out(&app, other.tenant_id, other.user_id));
}

#[tokio::test]
async fn the_operator_queue_is_sorted_by_deadline_flags_overdue_and_extends_once() {
    let app = TestApp::spawn().await;
    let now = utc(2026, 6, 10, 9, 0);
    app.clock.set(now);
    let op = app.operator().await;
    let mut filed = Vec::new();
    for (who, days_ago) in [("recent", 2), ("old", 40), ("middle", 20)] {
        let body = json!({ "subject_email": email(who), "right": "access", "received_at": now - Duration::days(days_ago) });
        filed.push(
            expect_json::<PrivacyRequestView>(
                app.post("/api/v1/operator/privacy/requests", Some(&op), &body)
                    .await,
                StatusCode::CREATED,
            )
            .await,
        );
    }
    expect_problem(
        app.post("/api/v1/operator/privacy/requests", Some(&op), &json!({ "subject_email": email("x"), "right": "access", "received_at": now + Duration::days(1) })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    expect_problem(
        app.post(
            "/api/v1/operator/privacy/requests",
            Some(&op),
            &json!({ "subject_email": email("x"), "right": "forget_me" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;
    let queue: PrivacyRequestList = expect_json(
        app.get("/api/v1/operator/privacy/requests", Some(&op))
            .await,
        StatusCode::OK,
    )
    .await;
    let order: Vec<_> = queue.items.iter().map(|r| r.id).collect();
    assert_eq!(order, vec![filed[1].id, filed[2].id, filed[0].id]);
    assert!(queue.items[0].overdue);
    assert!(!queue.items[1].overdue && !queue.items[2].overdue);
    expect_problem(
        app.get("/api/v1/operator/privacy/requests?status=weird", Some(&op))
            .await,
        StatusCode::BAD_REQUEST,
        "invalid_status_filter",
    )
    .await;

    // The overdue one can no longer be extended; the middle one can, once, with a reason.
    let extend = |id: uuid::Uuid| format!("/api/v1/operator/privacy/requests/{id}/extend");
    expect_problem(
        app.post(
            &extend(filed[1].id),
            Some(&op),
            &json!({ "reason": "complex" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "extension_refused",
    )
    .await;
    expect_problem(
        app.post(&extend(filed[2].id), Some(&op), &json!({ "reason": " " }))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "extension_refused",
    )
    .await;
    let extended: PrivacyRequestView = expect_json(
        app.post(
            &extend(filed[2].id),
            Some(&op),
            &json!({ "reason": "many systems to search" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    // Received 21 May → due 21 June → extended to 21 August (end of the Belgian day).
    assert_eq!(
        extended.deadline,
        utc(2026, 8, 21, 21, 59) + Duration::seconds(59) + Duration::microseconds(999_999)
    );
    assert_eq!(
        extended.extension_reason.as_deref(),
        Some("many systems to search")
    );
    expect_problem(
        app.post(
            &extend(filed[2].id),
            Some(&op),
            &json!({ "reason": "again" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "extension_refused",
    )
    .await;
    // A rejected request leaves the open queue.
    expect_json::<PrivacyRequestView>(
        app.post(
            &format!("/api/v1/operator/privacy/requests/{}/reject", filed[0].id),
            Some(&op),
            &json!({ "reason": "identity could not be verified" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let queue: PrivacyRequestList = expect_json(
        app.get("/api/v1/operator/privacy/requests", Some(&op))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(queue.items.len(), 2);
    let all: PrivacyRequestList = expect_json(
        app.get("/api/v1/operator/privacy/requests?status=all", Some(&op))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(all.items.len(), 3);
}

#[tokio::test]
async fn requests_are_the_persons_own_and_operators_only_for_operators() {
    let app = TestApp::spawn().await;
    let a = app.signup("Tenant A", &email("a")).await;
    let b = app.signup("Tenant B", &email("b")).await;
    let mine = file(&app, &a.access, "access").await;
    expect_problem(
        app.get(
            &format!("/api/v1/privacy/requests/{}", mine.id),
            Some(&b.access),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.post(
            &format!("/api/v1/privacy/requests/{}/verification-code", mine.id),
            Some(&b.access),
            &json!({}),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.get(
            &format!("/api/v1/privacy/requests/{}/export", mine.id),
            Some(&b.access),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let theirs: PrivacyRequestList = expect_json(
        app.get("/api/v1/privacy/requests", Some(&b.access)).await,
        StatusCode::OK,
    )
    .await;
    assert!(theirs.items.is_empty());
    // Another person of the same tenant does not see it either.
    let (_, colleague) = app.add_user(&a.access, &email("colleague")).await;
    expect_problem(
        app.get(
            &format!("/api/v1/privacy/requests/{}", mine.id),
            Some(&colleague),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // Operators' endpoints are for operators; an API key is not a person.
    expect_problem(
        app.get("/api/v1/operator/privacy/requests", Some(&a.access))
            .await,
        StatusCode::FORBIDDEN,
        "operator_only",
    )
    .await;
    expect_problem(
        app.get("/api/v1/operator/retention/dry-run", Some(&a.access))
            .await,
        StatusCode::FORBIDDEN,
        "operator_only",
    )
    .await;
    let (_, key) = app.create_api_key(&a.access, "crm sync").await;
    expect_problem(
        app.post(
            "/api/v1/privacy/requests",
            Some(&key),
            &json!({ "right": "access" }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "person_only",
    )
    .await;
    let op = app.operator().await;
    expect_problem(
        app.post(
            "/api/v1/privacy/requests",
            Some(&op),
            &json!({ "right": "access" }),
        )
        .await,
        StatusCode::FORBIDDEN,
        "operator_not_allowed",
    )
    .await;
}

#[tokio::test]
async fn the_tenant_export_holds_every_table_with_a_manifest_and_closes_after_the_window() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 3, 2, 9, 0));
    let (signed, _, _) = customer(&app, "Export BV").await;
    let contact_ids = add_crm_rows(&app, signed.tenant_id, 3);
    let other = app.signup("Ander BV", &email("other")).await;
    add_crm_rows(&app, other.tenant_id, 5);

    let response = app.get("/api/v1/export", Some(&signed.access)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("ecom-export.zip"));
    let files = unzip(&response.bytes().await.unwrap());
    let manifest: ExportManifest = serde_json::from_str(&files["manifest.json"]).unwrap();
    assert_eq!(manifest.tenant_id, signed.tenant_id);
    assert!((app.clock.now() - manifest.exported_at).num_seconds().abs() < 60);
    let count = |t: &str| {
        manifest
            .tables
            .iter()
            .find(|c| c.table == t)
            .unwrap_or_else(|| panic!("no {t}"))
            .rows
    };
    assert_eq!(count("contacts"), count_contacts(&app, signed.tenant_id));
    assert_eq!(count("contacts"), 3, "only this tenant's contacts");
    assert_eq!(count("companies"), 1);
    assert_eq!(count("users"), 2);
    assert_eq!(count("tenants"), 1);
    let mut conn = app.database.get().unwrap();
    assert_eq!(
        count("invoices") as usize,
        invoices::list_for_client(&mut conn, TenantId(signed.tenant_id))
            .unwrap()
            .len()
    );
    drop(conn);
    let contacts_json: Vec<Value> = serde_json::from_str(&files["contacts.json"]).unwrap();
    let mut exported: Vec<String> = contacts_json
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    exported.sort();
    let mut expected = contact_ids.clone();
    expected.sort();
    assert_eq!(exported, expected);
    let mut csv = csv::Reader::from_reader(files["contacts.csv"].as_bytes());
    assert_eq!(csv.records().count(), 3);
    assert!(
        !files["users.json"].contains("password_hash")
            && !files["api_keys.csv"].contains("secret_hash")
    );
    for entry in ecom_storage::privacy::registry::TENANT_TABLES {
        assert!(
            files.contains_key(&format!("{}.json", entry.table))
                && files.contains_key(&format!("{}.csv", entry.table)),
            "{}",
            entry.table
        );
    }

    // A User may not export; the Administrator only.
    let plain = app.signup("Klein BV", &email("klein")).await;
    let (_, plain_user) = app.add_user(&plain.access, &email("seat")).await;
    expect_problem(
        app.get("/api/v1/export", Some(&plain_user)).await,
        StatusCode::FORBIDDEN,
        "administrator_only",
    )
    .await;

    // Terminated by Ecom: export during the window, refused after it.
    let op = app.operator().await;
    expect_json::<Value>(
        app.post(
            &format!("/api/v1/operator/tenants/{}/terminate", signed.tenant_id),
            Some(&op),
            &json!({ "reason": "insolvency" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let token = app.token(&signed.email).await;
    assert_eq!(
        app.get("/api/v1/export", Some(&token)).await.status(),
        StatusCode::OK
    );
    let window_end = {
        let mut conn = app.database.get().unwrap();
        contracts::current(&mut conn, TenantId(signed.tenant_id))
            .unwrap()
            .unwrap()
            .export_window_ends_at
            .unwrap()
    };
    app.clock.set(window_end - Duration::minutes(5));
    let token = app.token(&signed.email).await;
    app.clock.set(window_end + Duration::microseconds(1));
    expect_problem(
        app.get("/api/v1/export", Some(&token)).await,
        StatusCode::FORBIDDEN,
        "export_window_closed",
    )
    .await;
}

/// The rows of `entry` in the export: the manifest's count, checked
/// against the table's JSON array, its CSV and a `COUNT(*)` in the database.
fn export_counts(
    files: &std::collections::BTreeMap<String, String>,
    manifest: &ExportManifest,
    entry: &ecom_storage::privacy::registry::TenantTable,
    conn: &mut ecom_storage::DbConnection,
    tenant: TenantId,
) -> i64 {
    let tables = ecom_storage::privacy::registry::TENANT_TABLES;
    let position = tables
        .iter()
        .position(|e| e.table == entry.table && e.tenant_column == entry.tenant_column)
        .unwrap();
    let name = if tables[..position].iter().any(|e| e.table == entry.table) {
        format!("{}_by_{}", entry.table, entry.tenant_column)
    } else {
        entry.table.to_owned()
    };
    let counted = manifest
        .tables
        .iter()
        .find(|c| c.table == name)
        .unwrap_or_else(|| panic!("{name} not in the manifest"))
        .rows;
    let json: Vec<Value> = serde_json::from_str(&files[&format!("{name}.json")]).unwrap();
    let csv_rows = csv::Reader::from_reader(files[&format!("{name}.csv")].as_bytes())
        .records()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
        .len();
    let in_db = ecom_storage::privacy::dynamic::count(
        conn,
        entry.table,
        ecom_storage::privacy::dynamic::Match::Equals(entry.tenant_column, &tenant.0.to_string()),
    )
    .unwrap();
    assert_eq!(json.len() as i64, counted, "{name}.json");
    assert_eq!(csv_rows as i64, counted, "{name}.csv");
    assert_eq!(
        in_db, counted,
        "{name}: the manifest counts what the database holds"
    );
    counted
}

#[tokio::test]
async fn the_tenant_export_streams_tables_larger_than_one_batch() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 3, 2, 9, 0));
    let (signed, _, _) = customer(&app, "Groot BV").await;
    let rows = 5 * ecom_server::routes::export::EXPORT_BATCH;
    // Inserted in one transaction (thousands of rows through the API would take long).
    let mut conn = app.database.get().unwrap();
    let now = app.clock.now().naive_utc();
    let tenant = signed.tenant_id.to_string();
    let mut ids: Vec<String> = conn
        .transaction::<_, diesel::result::Error, _>(|c| {
            let mut ids = Vec::new();
            for i in 0..rows {
                let id = uuid::Uuid::new_v4().to_string();
                diesel::insert_into(contacts::table)
                    .values((
                        contacts::id.eq(&id),
                        contacts::tenant_id.eq(&tenant),
                        contacts::first_name.eq(format!("Piet{i}")),
                        contacts::last_name.eq("Klant, \"de\""),
                        contacts::email.eq(Some(format!("piet{i}@klant.be"))),
                        contacts::tags.eq("[]"),
                        contacts::marketing_consent.eq(false),
                        contacts::created_at.eq(now),
                        contacts::updated_at.eq(now),
                    ))
                    .execute(c)?;
                ids.push(id);
            }
            Ok(ids)
        })
        .unwrap();
    drop(conn);
    let other = app.signup("Ander BV", &email("other")).await;
    add_crm_rows(&app, other.tenant_id, 3);

    let response = app.get("/api/v1/export", Some(&signed.access)).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "application/zip");
    let bytes = response.bytes().await.unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    assert_eq!(
        archive.by_index(archive.len() - 1).unwrap().name(),
        "manifest.json",
        "the manifest is written last"
    );
    let files = unzip(&bytes);
    let manifest: ExportManifest = serde_json::from_str(&files["manifest.json"]).unwrap();
    assert_eq!(manifest.tenant_id, signed.tenant_id);
    let mut conn = app.database.get().unwrap();
    for entry in ecom_storage::privacy::registry::TENANT_TABLES {
        export_counts(
            &files,
            &manifest,
            entry,
            &mut conn,
            TenantId(signed.tenant_id),
        );
    }
    drop(conn);
    // Every contact once, across the batch boundaries, in both files.
    let json: Vec<Value> = serde_json::from_str(&files["contacts.json"]).unwrap();
    let mut exported: Vec<String> = json
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    let mut csv_ids: Vec<String> = csv::Reader::from_reader(files["contacts.csv"].as_bytes())
        .deserialize::<std::collections::HashMap<String, String>>()
        .map(|r| r.unwrap()["id"].clone())
        .collect();
    assert_eq!(exported.len(), rows);
    exported.sort();
    csv_ids.sort();
    ids.sort();
    assert_eq!(exported, ids);
    assert_eq!(csv_ids, ids);
    assert!(json.iter().all(|c| c["last_name"] == "Klant, \"de\""));

    // The export is in the audit log (written when it started).
    let mut conn = app.database.get().unwrap();
    let audited: i64 = ecom_storage::schema::audit_log::table
        .filter(ecom_storage::schema::audit_log::tenant_id.eq(signed.tenant_id.to_string()))
        .filter(ecom_storage::schema::audit_log::action.eq("tenant.exported"))
        .count()
        .get_result(&mut *conn)
        .unwrap();
    assert_eq!(audited, 1);
}

#[tokio::test]
async fn the_export_reads_one_snapshot_while_others_write() {
    use ecom_storage::privacy::registry::{TenantTableReader, TENANT_TABLES};
    let app = TestApp::spawn().await;
    let signed = app.signup("Snap BV", &email("snap")).await;
    add_crm_rows(&app, signed.tenant_id, 5);
    let tenant = TenantId(signed.tenant_id);
    let entry = TENANT_TABLES
        .iter()
        .find(|e| e.table == "contacts")
        .unwrap();
    let mut conn = app.database.get().unwrap();
    let seen = ecom_storage::read_snapshot(
        &mut conn,
        |conn| -> Result<usize, ecom_storage::StorageError> {
            let mut reader = TenantTableReader::open(conn, tenant, entry, 2)?;
            let mut seen = reader.next_batch(conn)?.map_or(0, |b| b.len());
            // Meanwhile another connection adds contacts (later ids) and commits.
            add_crm_rows(&app, signed.tenant_id, 3);
            while let Some(batch) = reader.next_batch(conn)? {
                seen += batch.len();
            }
            // A second pass (the CSV file) sees the same rows.
            reader.rewind();
            let mut again = 0;
            while let Some(batch) = reader.next_batch(conn)? {
                again += batch.len();
            }
            assert_eq!(again, seen);
            Ok(seen)
        },
    )
    .unwrap();
    drop(conn);
    assert_eq!(seen, 5, "the rows of the snapshot, not those written since");
    assert_eq!(count_contacts(&app, signed.tenant_id), 8);
}

async fn made(response: reqwest::Response) -> Value {
    let status = response.status();
    let text = response.text().await.unwrap();
    assert!(status.is_success(), "{status}: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

fn id(v: &Value) -> String {
    v["id"]
        .as_str()
        .map(str::to_owned)
        .or_else(|| {
            v.as_object()
                .and_then(|o| o.values().find_map(|x| x["id"].as_str().map(str::to_owned)))
        })
        .unwrap()
}

#[tokio::test]
async fn a_tenant_with_data_in_every_module_is_exported_whole_and_erased_in_foreign_key_order() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Alles BV", &email("alles")).await;
    let bystander = app.signup("Ander BV", &email("ander")).await;
    add_crm_rows(&app, bystander.tenant_id, 2);
    let t = signed.access.as_str();
    let put = |path: String, body: Value| {
        app.request(reqwest::Method::PUT, &path, Some(t))
            .json(&body)
            .send()
    };
    // CRM.
    let company = id(&made(
        app.post("/api/v1/companies", Some(t), &json!({ "name": "Klant NV" }))
            .await,
    )
    .await);
    let contact = id(&made(
        app.post(
            "/api/v1/contacts",
            Some(t),
            &json!({ "first_name": "Els", "last_name": "Claes", "company_id": company }),
        )
        .await,
    )
    .await);
    let deal = id(&made(app.post("/api/v1/deals", Some(t), &json!({ "title": "Taps", "stage": "lead", "value": "1000", "company_id": company, "contact_id": contact })).await).await);
    made(put(format!("/api/v1/deals/{deal}"), json!({ "title": "Taps", "stage": "proposal", "value": "1000", "company_id": company, "contact_id": contact })).await.unwrap()).await;
    // Sales: settings, a quotation, an issued invoice with a payment.
    made(
        put(
            "/api/v1/invoicing/settings".into(),
            json!({ "invoice_prefix": "F", "quotation_prefix": "OFF", "iban": "BE68 5390 0754 7034", "bic": "GKCCBEBB", "payment_term_days": 30, "late_payment_policy": "statutory", "default_vat_rate": "21" }),
        )
        .await
        .unwrap(),
    )
    .await;
    let lines = json!([{ "description": "Work", "quantity": "1", "unit_price": "100.00", "vat_rate": "21" }]);
    made(app.post("/api/v1/quotations", Some(t), &json!({ "company_id": company, "contact_id": contact, "valid_until": "2099-12-31", "lines": lines })).await).await;
    let invoice = id(&made(
        app.post(
            "/api/v1/sales-invoices",
            Some(t),
            &json!({ "company_id": company, "contact_id": contact, "lines": lines }),
        )
        .await,
    )
    .await);
    made(
        app.post(
            &format!("/api/v1/sales-invoices/{invoice}/issue"),
            Some(t),
            &json!({}),
        )
        .await,
    )
    .await;
    made(
        app.post(
            &format!("/api/v1/sales-invoices/{invoice}/payments"),
            Some(t),
            &json!({ "amount": "21.00" }),
        )
        .await,
    )
    .await;
    // Work: calendar (with a feed token), project, task, time, ticket with a message, call, do-not-call.
    made(app.post("/api/v1/calendar/events", Some(t), &json!({ "title": "Kick-off", "starts_at": "2026-12-01T09:00:00Z", "ends_at": "2026-12-01T10:00:00Z", "attendee_ids": [signed.user_id], "contact_id": contact })).await).await;
    made(
        app.post("/api/v1/calendar/feed-token", Some(t), &json!({}))
            .await,
    )
    .await;
    let project = id(&made(
        app.post(
            "/api/v1/projects",
            Some(t),
            &json!({ "name": "Site", "company_id": company, "hourly_rate": "60" }),
        )
        .await,
    )
    .await);
    let task = id(&made(
        app.post(
            &format!("/api/v1/projects/{project}/tasks"),
            Some(t),
            &json!({ "title": "Build" }),
        )
        .await,
    )
    .await);
    made(app.post("/api/v1/time-entries", Some(t), &json!({ "project_id": project, "task_id": task, "date": "2026-12-01", "minutes": 60, "description": "Work", "billable": true })).await).await;
    made(
        app.post(
            &format!("/api/v1/projects/{project}/invoice"),
            Some(t),
            &json!({}),
        )
        .await,
    )
    .await;
    let ticket = id(&made(
        app.post(
            "/api/v1/tickets",
            Some(t),
            &json!({ "subject": "Broken", "requester_id": contact }),
        )
        .await,
    )
    .await);
    made(
        app.post(
            &format!("/api/v1/tickets/{ticket}/messages"),
            Some(t),
            &json!({ "body": "On it." }),
        )
        .await,
    )
    .await;
    made(app.post("/api/v1/calls", Some(t), &json!({ "number": "092345678", "direction": "inbound", "started_at": "2026-12-01T09:00:00Z", "outcome": "answered", "contact_id": contact })).await).await;
    made(
        app.post(
            "/api/v1/calls/do-not-call",
            Some(t),
            &json!({ "number": "0470 99 88 77" }),
        )
        .await,
    )
    .await;
    // Integrations: a webhook with a delivery, a rotated key; consent: a marketing list and a restriction.
    let receiver = ecom_tests::WebhookReceiver::start(&[204]).await;
    made(
        app.post(
            "/api/v1/webhooks",
            Some(t),
            &json!({ "url": receiver.url, "events": ["*"] }),
        )
        .await,
    )
    .await;
    made(
        app.post("/api/v1/companies", Some(t), &json!({ "name": "Later NV" }))
            .await,
    )
    .await;
    app.jobs.run_once().await.unwrap();
    assert!(!receiver.received().is_empty());
    let (key, _) = app.create_scoped_api_key(t, "sync", &["crm:read"]).await;
    made(
        app.post(
            &format!("/api/v1/api-keys/{key}/rotate?grace_period_seconds=3600"),
            Some(t),
            &json!({}),
        )
        .await,
    )
    .await;
    made(
        app.request(reqwest::Method::PUT, "/api/v1/me/communications", Some(t))
            .json(&json!({ "non_essential": true, "marketing": [{ "list": "newsletter", "granted": true }] }))
            .send()
            .await
            .unwrap(),
    )
    .await;
    file(&app, t, "restriction").await;

    let module_tables = [
        "deal_stage_changes",
        "deals",
        "contacts",
        "companies",
        "sales_settings",
        "quotations",
        "sales_invoices",
        "sales_payments",
        "calendar_events",
        "calendar_event_attendees",
        "calendar_feed_tokens",
        "projects",
        "project_tasks",
        "time_entries",
        "tickets",
        "ticket_messages",
        "call_records",
        "do_not_call_numbers",
        "webhooks",
        "webhook_deliveries",
        "webhook_attempts",
        "api_key_previous_secrets",
        "marketing_consents",
        "processing_restrictions",
        "invoices_by_seller_tenant_id",
    ];
    let files = unzip(&made_bytes(app.get("/api/v1/export", Some(t)).await).await);
    let manifest: ExportManifest = serde_json::from_str(&files["manifest.json"]).unwrap();
    for table in module_tables {
        let rows = manifest
            .tables
            .iter()
            .find(|c| c.table == table)
            .unwrap_or_else(|| panic!("{table} not exported"))
            .rows;
        assert!(rows > 0, "{table}: the tenant's rows are exported");
        assert!(
            files.contains_key(&format!("{table}.json"))
                && files.contains_key(&format!("{table}.csv")),
            "{table}"
        );
    }
    for (file, secret) in [
        ("webhooks.json", "\"secret\""),
        ("calendar_feed_tokens.json", "token_hash"),
        ("api_key_previous_secrets.json", "secret_hash"),
        ("quotations.json", "public_token_hash"),
    ] {
        assert!(!files[file].contains(secret), "{file} hides {secret}");
    }

    // Read in batches of two (every table, composite keys too), the rows are
    // exactly those of a plain read, and no query returns more than a batch.
    let mut conn = app.database.get().unwrap();
    let tenant = TenantId(signed.tenant_id);
    for entry in ecom_storage::privacy::registry::TENANT_TABLES {
        let (_, all) =
            ecom_storage::privacy::registry::export_tenant_table(&mut conn, tenant, entry).unwrap();
        let mut reader =
            ecom_storage::privacy::registry::TenantTableReader::open(&mut conn, tenant, entry, 2)
                .unwrap_or_else(|e| panic!("{}: {e}", entry.table));
        let mut batched = Vec::new();
        while let Some(batch) = reader.next_batch(&mut conn).unwrap() {
            assert!(!batch.is_empty() && batch.len() <= 2, "{}", entry.table);
            batched.extend(batch);
        }
        let text = |rows: &[serde_json::Map<String, Value>]| {
            let mut v: Vec<String> = rows
                .iter()
                .map(|r| Value::Object(r.clone()).to_string())
                .collect();
            v.sort();
            v
        };
        assert_eq!(text(&batched), text(&all), "{}", entry.table);
        assert_eq!(
            export_counts(&files, &manifest, entry, &mut conn, tenant),
            all.len() as i64
        );
    }
    drop(conn);

    // Erasure runs top to bottom without breaking a foreign key; only the kept tables keep rows.
    let tenant = TenantId(signed.tenant_id);
    let mut conn = app.database.get().unwrap();
    conn.transaction::<_, ecom_storage::StorageError, _>(|c| {
        ecom_storage::privacy::registry::erase_tenant(c, tenant).map(|_| ())
    })
    .unwrap();
    assert!(
        ecom_storage::privacy::registry::tenant_rows_to_erase(&mut conn, tenant)
            .unwrap()
            .is_empty()
    );
    for entry in ecom_storage::privacy::registry::TENANT_TABLES {
        if matches!(
            entry.erase,
            ecom_storage::privacy::registry::TenantErase::DeleteRows
        ) {
            let rows =
                ecom_storage::privacy::registry::export_tenant_table(&mut conn, tenant, entry)
                    .unwrap();
            assert!(rows.1.is_empty(), "{} erased", entry.table);
        }
    }
    let kept = ecom_storage::privacy::registry::TENANT_TABLES
        .iter()
        .find(|e| e.tenant_column == "seller_tenant_id")
        .unwrap();
    assert_eq!(
        ecom_storage::privacy::registry::export_tenant_table(&mut conn, tenant, kept)
            .unwrap()
            .1
            .len(),
        1,
        "the issued invoice stays"
    );
    drop(conn);
    assert_eq!(
        count_contacts(&app, bystander.tenant_id),
        2,
        "another tenant's data stays"
    );
}

async fn made_bytes(response: reqwest::Response) -> Vec<u8> {
    assert_eq!(response.status(), StatusCode::OK);
    response.bytes().await.unwrap().to_vec()
}
