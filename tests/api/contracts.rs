//! The subscription lifecycle, driven by moving the server clock and running
//! the jobs: trial, order, renewals, cancellation, end, deactivation, soft
//! deletion and anonymisation; operator termination; changes and notices.

use chrono::{Duration, NaiveDate};
use ecom_domain::TenantId;
use ecom_storage::{contracts, invoices, notices, timeline, users};
use ecom_tests::{email, expect_json, expect_problem, utc, validate_ubl, TestApp};
use ecom_types::auth::MeResponse;
use ecom_types::billing::{InvoiceList, InvoiceView};
use ecom_types::contract::{Catalogue, ContractView, Timeline};
use ecom_types::operator::{PriceChangeAnnounced, TenantSummary};
use reqwest::StatusCode;
use serde_json::json;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

async fn contract(app: &TestApp, token: &str) -> ContractView {
    expect_json(
        app.get("/api/v1/contract", Some(token)).await,
        StatusCode::OK,
    )
    .await
}

async fn invoice_list(app: &TestApp, token: &str) -> InvoiceList {
    expect_json(
        app.get("/api/v1/invoices", Some(token)).await,
        StatusCode::OK,
    )
    .await
}

fn notice_kinds(app: &TestApp, tenant: uuid::Uuid) -> Vec<String> {
    let mut conn = app.database.get().unwrap();
    notices::list_for_tenant(&mut conn, TenantId(tenant), 500)
        .unwrap()
        .into_iter()
        .map(|n| n.kind)
        .collect()
}

fn timeline_kinds(app: &TestApp, tenant: uuid::Uuid) -> Vec<String> {
    let mut conn = app.database.get().unwrap();
    timeline::list(&mut conn, TenantId(tenant), 500)
        .unwrap()
        .into_iter()
        .map(|e| e.kind)
        .collect()
}

#[tokio::test]
async fn a_tenant_from_trial_through_renewals_cancellation_and_deactivation_to_anonymisation() {
    let app = TestApp::spawn().await;
    // Monday 5 January 2026, 10:00 in Brussels.
    app.clock.set(utc(2026, 1, 5, 9, 0));
    let mut body = ecom_tests::signup_body("Bakkerij Peeters", &email("an"));
    // A Belgian VAT number: the Peppol UBL needs the buyer's enterprise number.
    body["company"]["vat_number"] = json!("BE0123.456.749");
    let created: ecom_types::auth::SignupResponse = expect_json(
        app.post("/api/v1/signup", None, &body).await,
        StatusCode::CREATED,
    )
    .await;
    let signed = ecom_tests::SignedUp {
        tenant_id: created.tenant.id,
        user_id: created.user.id,
        email: created.user.email.clone(),
        access: created.session.access_token.clone(),
        session: created.session,
    };
    let tenant = signed.tenant_id;
    expect_problem(
        app.get("/api/v1/contract", Some(&signed.access)).await,
        StatusCode::NOT_FOUND,
        "no_contract",
    )
    .await;

    // Trial: a notice 3 days before the end, then the end.
    app.at(utc(2026, 1, 16, 9, 0)).await;
    assert!(
        !notice_kinds(&app, tenant).contains(&"trial_ending".to_string()),
        "not before 3 days ahead"
    );
    app.at(utc(2026, 1, 17, 9, 1)).await;
    assert!(notice_kinds(&app, tenant).contains(&"trial_ending".to_string()));
    app.at(utc(2026, 1, 20, 9, 1)).await;
    assert!(timeline_kinds(&app, tenant).contains(&"trial_expired".to_string()));
    let token = app.token(&signed.email).await;
    let me: MeResponse =
        expect_json(app.get("/api/v1/me", Some(&token)).await, StatusCode::OK).await;
    assert_eq!(me.tenant.status, "trial_expired");
    assert!(!me.tenant.modules_available);

    // Order a year with the CRM module and one extra seat.
    let catalogue: Catalogue =
        expect_json(app.get("/api/v1/catalogue", None).await, StatusCode::OK).await;
    assert_eq!(catalogue.basic.annual_price.to_string(), "480.00");
    let ordered: ContractView = expect_json(
        app.post(
            "/api/v1/contract/order",
            Some(&token),
            &json!({ "term_length": "year", "modules": ["crm"], "extra_seats": 1 }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(ordered.status, "active");
    assert_eq!(ordered.current_term.starts_on, date(2026, 1, 20));
    assert_eq!(ordered.current_term.ends_on, date(2027, 1, 20));
    assert_eq!(ordered.next_renewal_on, Some(date(2027, 1, 20)));
    // terms art. 14: the 15th calendar day before the last day (19 Jan 2027), 23:59:59.999999 in Brussels (UTC+1).
    let deadline = ordered.cancellation_deadline.unwrap();
    assert_eq!(
        deadline,
        utc(2027, 1, 4, 22, 59) + Duration::seconds(59) + Duration::microseconds(999_999)
    );
    assert_eq!(ordered.price_per_term.to_string(), "720.00");
    assert_eq!(ordered.seats_ordered, 2);
    assert_eq!(ordered.seats_used, 1);
    assert_eq!(
        ordered.liability_cap.map(|c| c.to_string()),
        Some("871.20".into())
    );
    assert_eq!(ordered.delivery.state, "open");
    let me: MeResponse =
        expect_json(app.get("/api/v1/me", Some(&token)).await, StatusCode::OK).await;
    assert_eq!(me.tenant.status, "active");
    assert!(me.tenant.modules_available);

    let list = invoice_list(&app, &token).await;
    assert_eq!(list.items.len(), 1);
    let first = &list.items[0];
    assert_eq!(first.number, "ECOM-2026-000001");
    assert_eq!(
        (
            first.total_excl_vat.to_string(),
            first.vat.to_string(),
            first.total_incl_vat.to_string()
        ),
        ("720.00".into(), "151.20".into(), "871.20".into())
    );
    assert_eq!(
        first.due_date,
        date(2026, 2, 3),
        "paid by transfer: due 14 days after the invoice date"
    );
    assert!(
        first.structured_communication.starts_with("+++")
            && first.structured_communication.len() == 20
    );
    let view: InvoiceView = expect_json(
        app.get(&format!("/api/v1/invoices/{}", first.id), Some(&token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(view.lines.len(), 3);
    assert_eq!(view.vat_breakdown[0].vat_amount.to_string(), "151.20");
    let pdf = app
        .get(&format!("/api/v1/invoices/{}/pdf", first.id), Some(&token))
        .await;
    assert_eq!(pdf.status(), StatusCode::OK);
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));
    let ubl = app
        .get(&format!("/api/v1/invoices/{}/ubl", first.id), Some(&token))
        .await;
    assert_eq!(ubl.status(), StatusCode::OK);
    validate_ubl(&ubl.text().await.unwrap());

    // The Client pays its invoices as they come (late payment has its own tests).
    app.pay_everything(tenant).await;

    // The cancellation deadline passes: the renewal is invoiced, a late cancellation is refused.
    // (The clock runs on after being set, so "at the deadline" is a second before it.)
    app.at(deadline - Duration::seconds(1)).await;
    assert_eq!(
        invoice_list(&app, &app.token(&signed.email).await)
            .await
            .items
            .len(),
        1,
        "not yet at the deadline"
    );
    app.at(deadline + Duration::microseconds(1)).await;
    let token = app.token(&signed.email).await;
    let list = invoice_list(&app, &token).await;
    assert_eq!(list.items.len(), 2);
    assert_eq!(list.items[0].number, "ECOM-2027-000001");
    let refused = expect_problem(
        app.post(
            "/api/v1/contract/cancel",
            Some(&token),
            &json!({ "reason": "too late" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "cancellation_deadline_passed",
    )
    .await;
    assert!(
        refused.detail.contains("2027-01-04 23:59"),
        "names the deadline that passed: {}",
        refused.detail
    );
    assert!(
        refused.detail.contains("2028-01-04 23:59"),
        "names the next deadline: {}",
        refused.detail
    );
    // Running the jobs again issues nothing twice.
    app.at(deadline + Duration::hours(1)).await;
    assert_eq!(
        invoice_list(&app, &app.token(&signed.email).await)
            .await
            .items
            .len(),
        2
    );

    app.pay_everything(tenant).await;
    // First renewal at the end of the term.
    app.at(utc(2027, 1, 19, 23, 0)).await;
    let token = app.token(&signed.email).await;
    let renewed = contract(&app, &token).await;
    assert_eq!(renewed.current_term.starts_on, date(2027, 1, 20));
    assert_eq!(renewed.current_term.ends_on, date(2028, 1, 20));
    // Second renewal.
    let second_deadline = renewed.cancellation_deadline.unwrap();
    app.at(second_deadline + Duration::seconds(1)).await;
    app.pay_everything(tenant).await;
    app.at(utc(2028, 1, 19, 23, 0)).await;
    let token = app.token(&signed.email).await;
    let third = contract(&app, &token).await;
    assert_eq!(third.current_term.starts_on, date(2028, 1, 20));
    assert_eq!(invoice_list(&app, &token).await.items.len(), 3);

    // A timely cancellation: at the very deadline.
    let last_deadline = third.cancellation_deadline.unwrap();
    app.at(last_deadline - Duration::seconds(1)).await;
    let token = app.token(&signed.email).await;
    let cancelled: ContractView = expect_json(
        app.post(
            "/api/v1/contract/cancel",
            Some(&token),
            &json!({ "reason": "moving to another tool" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(cancelled.status, "cancelled");
    assert_eq!(cancelled.next_renewal_on, None);
    let deactivation_by = cancelled.deactivation_due_by.unwrap();
    // The last day is Friday 19 Jan 2029; the 2 working days after it are
    // Monday 22 and Tuesday 23 January: deactivated by the end of the 23rd.
    assert_eq!(
        deactivation_by,
        utc(2029, 1, 23, 22, 59) + Duration::seconds(59) + Duration::microseconds(999_999)
    );
    app.at(last_deadline + Duration::days(1)).await;
    assert_eq!(
        invoice_list(&app, &app.token(&signed.email).await)
            .await
            .items
            .len(),
        3,
        "a cancelled contract is not renewed"
    );

    // Still running until the end of the term; then ended and deactivated, never before the end.
    app.at(utc(2029, 1, 19, 22, 59)).await;
    let token = app.token(&signed.email).await;
    assert_eq!(contract(&app, &token).await.status, "cancelled");
    app.at(utc(2029, 1, 19, 23, 0)).await;
    let login = app.login(&signed.email, ecom_tests::PASSWORD).await;
    expect_problem(login, StatusCode::UNAUTHORIZED, "account_inactive").await;
    {
        let mut conn = app.database.get().unwrap();
        let stored = contracts::current(&mut conn, TenantId(tenant))
            .unwrap()
            .unwrap();
        // Deactivated with no export window: its data is soft-deleted at once (SPEC §2).
        assert_eq!(stored.status, "soft_deleted");
        assert!(stored.deactivated_at.unwrap() <= deactivation_by);
    }
    // Anonymised at the latest six months after the soft deletion.
    app.at(utc(2029, 7, 15, 0, 0)).await;
    let mut conn = app.database.get().unwrap();
    let stored = contracts::current(&mut conn, TenantId(tenant))
        .unwrap()
        .unwrap();
    assert_eq!(stored.status, "anonymised");
    assert!(
        users::find_for_login(&mut conn, &signed.email)
            .unwrap()
            .is_none(),
        "the e-mail address is gone"
    );
    let people = users::list(&mut conn, TenantId(tenant)).unwrap();
    assert!(people
        .iter()
        .all(|u| u.first_name == "Anonymised" && u.phone.is_none()));
    // Invoices are kept (legal hold).
    assert_eq!(
        invoices::list_for_client(&mut conn, TenantId(tenant))
            .unwrap()
            .len(),
        3
    );
    drop(conn);

    let events = timeline_kinds(&app, tenant);
    for kind in [
        "trial_expired",
        "order_placed",
        "renewal_invoiced",
        "renewed",
        "cancelled",
        "ended",
        "deactivated",
        "soft_deleted",
        "anonymised",
    ] {
        assert!(
            events.contains(&kind.to_string()),
            "timeline lacks {kind}: {events:?}"
        );
    }
    let sent = notice_kinds(&app, tenant);
    for kind in [
        "trial_ending",
        "trial_ended",
        "order_confirmed",
        "invoice_issued",
        "renewal_coming",
        "renewed",
        "cancellation_confirmed",
        "deactivation",
    ] {
        assert!(
            sent.contains(&kind.to_string()),
            "no {kind} notice: {sent:?}"
        );
    }
}

#[tokio::test]
async fn an_operator_termination_keeps_an_export_window_then_deletes() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 3, 2, 9, 0));
    let signed = app.signup("Shady BV", &email("shady")).await;
    expect_json::<ContractView>(
        app.post(
            "/api/v1/contract/order",
            Some(&signed.access),
            &json!({ "term_length": "quarter" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let op = app.operator().await;
    expect_problem(
        app.post(
            &format!("/api/v1/operator/tenants/{}/terminate", signed.tenant_id),
            Some(&op),
            &json!({ "reason": "bored" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let summary: TenantSummary = expect_json(
        app.post(
            &format!("/api/v1/operator/tenants/{}/terminate", signed.tenant_id),
            Some(&op),
            &json!({ "reason": "insolvency" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(summary.status, "terminated");
    assert_eq!(
        summary.contract_status.as_deref(),
        Some("terminated_by_operator")
    );
    // Sessions ended; the Administrator may still log in to export, without modules.
    expect_problem(
        app.get("/api/v1/me", Some(&signed.access)).await,
        StatusCode::UNAUTHORIZED,
        "session_ended",
    )
    .await;
    let token = app.token(&signed.email).await;
    let view = contract(&app, &token).await;
    assert_eq!(
        view.export_window_ends_at,
        Some(utc(2026, 4, 1, 21, 59) + Duration::seconds(59) + Duration::microseconds(999_999))
    );
    let me: MeResponse =
        expect_json(app.get("/api/v1/me", Some(&token)).await, StatusCode::OK).await;
    assert!(!me.tenant.modules_available);
    // A new order is refused (SPEC §2).
    expect_problem(
        app.post(
            "/api/v1/contract/order",
            Some(&token),
            &json!({ "term_length": "year" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "new_contract_refused",
    )
    .await;
    assert!(notice_kinds(&app, signed.tenant_id).contains(&"export_window".to_string()));
    // The export window runs to the end of 1 April (Brussels); then soft deletion, then anonymisation.
    app.at(utc(2026, 4, 1, 21, 0)).await;
    let mut conn = app.database.get().unwrap();
    assert_eq!(
        contracts::current(&mut conn, TenantId(signed.tenant_id))
            .unwrap()
            .unwrap()
            .status,
        "terminated_by_operator"
    );
    drop(conn);
    app.at(utc(2026, 4, 1, 22, 0)).await;
    let mut conn = app.database.get().unwrap();
    assert_eq!(
        contracts::current(&mut conn, TenantId(signed.tenant_id))
            .unwrap()
            .unwrap()
            .status,
        "soft_deleted"
    );
    drop(conn);
    app.at(utc(2026, 10, 1, 0, 0)).await;
    let mut conn = app.database.get().unwrap();
    assert_eq!(
        contracts::current(&mut conn, TenantId(signed.tenant_id))
            .unwrap()
            .unwrap()
            .status,
        "anonymised"
    );
}

#[tokio::test]
async fn non_conformity_is_accepted_for_48_hours() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Acme", &email("acme")).await;
    let ordered: ContractView = expect_json(
        app.post(
            "/api/v1/contract/order",
            Some(&signed.access),
            &json!({ "term_length": "year" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let delivered = ordered.delivery.delivered_at;
    assert_eq!(
        ordered.delivery.report_deadline,
        delivered + Duration::hours(48)
    );
    app.clock
        .set(delivered + Duration::hours(48) + Duration::seconds(1));
    let token = app.token(&signed.email).await;
    expect_problem(
        app.post(
            "/api/v1/contract/nonconformity",
            Some(&token),
            &json!({ "description": "The CRM is missing" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "nonconformity_window_closed",
    )
    .await;
    assert_eq!(contract(&app, &token).await.delivery.state, "accepted");

    let other = app.signup("Other", &email("other")).await;
    let ordered: ContractView = expect_json(
        app.post(
            "/api/v1/contract/order",
            Some(&other.access),
            &json!({ "term_length": "quarter" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    // Just inside the 48 hours (the exact instant is pinned in the domain's tests).
    app.clock
        .set(ordered.delivery.delivered_at + Duration::hours(48) - Duration::seconds(5));
    let token = app.token(&other.email).await;
    let reported: ContractView = expect_json(
        app.post(
            "/api/v1/contract/nonconformity",
            Some(&token),
            &json!({ "description": "Invoices do not open" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(reported.delivery.state, "reported");
    expect_problem(
        app.post(
            "/api/v1/contract/nonconformity",
            Some(&token),
            &json!({ "description": "again" }),
        )
        .await,
        StatusCode::CONFLICT,
        "nonconformity_already_reported",
    )
    .await;
}

#[tokio::test]
async fn seats_are_limited_and_more_seats_are_invoiced_pro_rata() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 1, 1, 11, 0));
    let signed = app.signup("Acme", &email("acme")).await;
    expect_json::<ContractView>(
        app.post(
            "/api/v1/contract/order",
            Some(&signed.access),
            &json!({ "term_length": "year", "extra_seats": 1 }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    app.add_user(&signed.access, &email("one")).await;
    let refused = expect_problem(
        app.post(
            "/api/v1/users",
            Some(&signed.access),
            &json!({ "email": email("two"), "first_name": "T", "last_name": "W" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "seat_limit_reached",
    )
    .await;
    assert!(refused.detail.contains("2 seats"));
    // Fewer seats than people using them is refused.
    expect_problem(
        app.post(
            "/api/v1/contract/changes",
            Some(&signed.access),
            &json!({ "extra_seats": 0, "modules": [] }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "seats_in_use",
    )
    .await;
    // Half-way through the year (2 July: 183 of 365 days left) two more seats and a module.
    app.clock.set(utc(2026, 7, 2, 10, 0));
    let token = app.token(&signed.email).await;
    let changed: ContractView = expect_json(
        app.post(
            "/api/v1/contract/changes",
            Some(&token),
            &json!({ "extra_seats": 3, "modules": ["invoicing"] }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(changed.seats_ordered, 4);
    assert_eq!(changed.modules, vec!["invoicing"]);
    let list = invoice_list(&app, &token).await;
    assert_eq!(list.items.len(), 2);
    let prorata: InvoiceView = expect_json(
        app.get(
            &format!("/api/v1/invoices/{}", list.items[0].id),
            Some(&token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    // 120.00 × 183 / 365 = 60.16 per seat; the module likewise.
    let seat_line = prorata
        .lines
        .iter()
        .find(|l| l.description.starts_with("Extra user seat"))
        .unwrap();
    assert_eq!(
        (
            seat_line.quantity.to_string(),
            seat_line.unit_price.to_string()
        ),
        ("2".into(), "60.16".into())
    );
    assert_eq!(prorata.summary.total_excl_vat.to_string(), "180.48");
    // Back to one extra seat: from the next term only (and not below the 2 accounts in use).
    let reduced: ContractView = expect_json(
        app.post(
            "/api/v1/contract/changes",
            Some(&token),
            &json!({ "extra_seats": 1, "modules": ["invoicing"] }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!((reduced.seats_ordered, reduced.seats_next_term), (4, 2));
    assert_eq!(
        invoice_list(&app, &token).await.items.len(),
        2,
        "a reduction is not invoiced"
    );
}

#[tokio::test]
async fn a_price_change_needs_a_month_and_opens_a_termination_right() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 1, 10, 9, 0));
    let signed = app.signup("Acme", &email("acme")).await;
    let ordered: ContractView = expect_json(
        app.post(
            "/api/v1/contract/order",
            Some(&signed.access),
            &json!({ "term_length": "quarter" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(ordered.current_term.ends_on, date(2026, 4, 10));
    let op = app.operator().await;
    expect_problem(
        app.post("/api/v1/operator/price-changes", Some(&op), &json!({ "item": "basic", "annual_price": "540.00", "effective_from": utc(2026, 2, 9, 12, 0) })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "price_change_too_soon",
    )
    .await;
    // Past the cancellation deadline (26 March), the operator announces a
    // change from 1 May; the Client cites it to cancel anyway.
    app.clock.set(utc(2026, 3, 30, 9, 0));
    let op = app.operator().await;
    let announced: PriceChangeAnnounced = expect_json(
        app.post("/api/v1/operator/price-changes", Some(&op), &json!({ "item": "basic", "annual_price": "540.00", "effective_from": utc(2026, 5, 1, 12, 0) })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(announced.clients_notified, 1);
    let token = app.token(&signed.email).await;
    expect_problem(
        app.post("/api/v1/contract/cancel", Some(&token), &json!({}))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "cancellation_deadline_passed",
    )
    .await;
    let notices: Vec<ecom_types::contract::ChangeNoticeView> = expect_json(
        app.get("/api/v1/change-notices", Some(&token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(notices.len(), 1);
    // 30 calendar days after the notice day (30 March), to the end of that Brussels day (CEST).
    assert_eq!(
        notices[0].terminate_until,
        utc(2026, 4, 29, 21, 59) + Duration::seconds(59) + Duration::microseconds(999_999)
    );
    let cancelled: ContractView = expect_json(
        app.post(
            "/api/v1/contract/cancel",
            Some(&token),
            &json!({ "change_notice_id": notices[0].id }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(cancelled.status, "cancelled");
    assert!(notice_kinds(&app, signed.tenant_id).contains(&"price_change".to_string()));
    let catalogue: Catalogue =
        expect_json(app.get("/api/v1/catalogue", None).await, StatusCode::OK).await;
    assert_eq!(
        catalogue
            .basic
            .next_price
            .map(|p| p.annual_price.to_string()),
        Some("540.00".into())
    );
}

#[tokio::test]
async fn suspension_closes_the_modules_until_reinstated() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Acme", &email("acme")).await;
    expect_json::<ContractView>(
        app.post(
            "/api/v1/contract/order",
            Some(&signed.access),
            &json!({ "term_length": "year" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let op = app.operator().await;
    let suspended: TenantSummary = expect_json(
        app.post(
            &format!("/api/v1/operator/tenants/{}/suspend", signed.tenant_id),
            Some(&op),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(suspended.status, "suspended");
    let me: MeResponse = expect_json(
        app.get("/api/v1/me", Some(&signed.access)).await,
        StatusCode::OK,
    )
    .await;
    assert!(!me.tenant.modules_available);
    expect_problem(
        app.post(
            &format!("/api/v1/operator/tenants/{}/suspend", signed.tenant_id),
            Some(&op),
            &json!({}),
        )
        .await,
        StatusCode::CONFLICT,
        "contract_state_conflict",
    )
    .await;
    let reinstated: TenantSummary = expect_json(
        app.post(
            &format!("/api/v1/operator/tenants/{}/reinstate", signed.tenant_id),
            Some(&op),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(reinstated.status, "active");
    let timeline: Timeline = expect_json(
        app.get("/api/v1/timeline", Some(&signed.access)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(timeline.items[0].kind, "reinstated");
}

#[tokio::test]
async fn another_tenant_cannot_see_a_contract_or_its_invoices() {
    let app = TestApp::spawn().await;
    let a = app.signup("A", &email("a")).await;
    let b = app.signup("B", &email("b")).await;
    expect_json::<ContractView>(
        app.post(
            "/api/v1/contract/order",
            Some(&b.access),
            &json!({ "term_length": "year", "extra_seats": 1 }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let b_invoice = invoice_list(&app, &b.access).await.items.remove(0);
    expect_problem(
        app.get("/api/v1/contract", Some(&a.access)).await,
        StatusCode::NOT_FOUND,
        "no_contract",
    )
    .await;
    assert!(invoice_list(&app, &a.access).await.items.is_empty());
    for suffix in ["", "/pdf", "/ubl"] {
        expect_problem(
            app.get(
                &format!("/api/v1/invoices/{}{suffix}", b_invoice.id),
                Some(&a.access),
            )
            .await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    // A User is not the Administrator: no billing.
    let (_, user) = app.add_user(&b.access, &email("b-user")).await;
    expect_problem(
        app.get("/api/v1/invoices", Some(&user)).await,
        StatusCode::FORBIDDEN,
        "administrator_only",
    )
    .await;
    expect_problem(
        app.post("/api/v1/contract/cancel", Some(&user), &json!({}))
            .await,
        StatusCode::FORBIDDEN,
        "administrator_only",
    )
    .await;
}

#[tokio::test]
async fn invoice_numbers_have_no_gaps_under_concurrent_orders() {
    let app = TestApp::spawn().await;
    let mut tokens = Vec::new();
    for i in 0..8 {
        tokens.push(app.signup(&format!("Tenant {i}"), &email("t")).await.access);
    }
    let orders = tokens.iter().map(|token| {
        let app = &app;
        async move {
            app.post(
                "/api/v1/contract/order",
                Some(token),
                &json!({ "term_length": "year" }),
            )
            .await
            .status()
        }
    });
    let statuses = futures_util::future::join_all(orders).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::CREATED),
        "{statuses:?}"
    );
    let mut conn = app.database.get().unwrap();
    let year = chrono::Datelike::year(&app.clock.now().date_naive());
    let seqs = invoices::operator_sequences(&mut conn, "ECOM", year).unwrap();
    assert_eq!(seqs, (1..=8).collect::<Vec<u32>>());
}

#[tokio::test]
async fn api_keys_need_the_api_module_once_a_plan_is_ordered() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Acme", &email("acme")).await;
    let (_, key) = app.create_api_key(&signed.access, "sync").await;
    // The trial opens every module.
    expect_json::<MeResponse>(app.get("/api/v1/me", Some(&key)).await, StatusCode::OK).await;
    expect_json::<ContractView>(
        app.post(
            "/api/v1/contract/order",
            Some(&signed.access),
            &json!({ "term_length": "year", "modules": ["crm"] }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let refused = expect_problem(
        app.get("/api/v1/me", Some(&key)).await,
        StatusCode::FORBIDDEN,
        "module_not_subscribed",
    )
    .await;
    assert!(refused.detail.contains("API module"), "{}", refused.detail);
    // The person's own session is not the API module.
    expect_json::<MeResponse>(
        app.get("/api/v1/me", Some(&signed.access)).await,
        StatusCode::OK,
    )
    .await;
    expect_json::<ContractView>(
        app.post(
            "/api/v1/contract/changes",
            Some(&signed.access),
            &json!({ "extra_seats": 0, "modules": ["crm", "api"] }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    expect_json::<MeResponse>(app.get("/api/v1/me", Some(&key)).await, StatusCode::OK).await;
}

#[tokio::test]
async fn jobs_running_twice_at_once_renew_and_invoice_once() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 1, 10, 9, 0));
    let signed = app.signup("Acme", &email("acme")).await;
    let ordered: ContractView = expect_json(
        app.post(
            "/api/v1/contract/order",
            Some(&signed.access),
            &json!({ "term_length": "quarter" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    app.clock
        .set(ordered.cancellation_deadline.unwrap() + Duration::hours(1));
    let (a, b) = tokio::join!(app.jobs.run_once(), app.jobs.run_once());
    a.unwrap();
    b.unwrap();
    app.clock.set(utc(2026, 4, 10, 0, 0));
    let (a, b) = tokio::join!(app.jobs.run_once(), app.jobs.run_once());
    a.unwrap();
    b.unwrap();
    let token = app.token(&signed.email).await;
    assert_eq!(invoice_list(&app, &token).await.items.len(), 2);
    assert_eq!(
        contract(&app, &token).await.current_term.starts_on,
        date(2026, 4, 10)
    );
    let events = timeline_kinds(&app, signed.tenant_id);
    assert_eq!(events.iter().filter(|k| *k == "renewed").count(), 1);
}

#[tokio::test]
async fn two_orders_at_once_make_one_contract() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Acme", &email("acme")).await;
    let body = json!({ "term_length": "year" });
    let (a, b) = tokio::join!(
        app.post("/api/v1/contract/order", Some(&signed.access), &body),
        app.post("/api/v1/contract/order", Some(&signed.access), &body)
    );
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CONFLICT]);
    assert_eq!(
        invoice_list(&app, &signed.access).await.items.len(),
        1,
        "no invoice for the refused order"
    );
}

#[tokio::test]
async fn a_terms_change_is_announced_and_opens_the_termination_right() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 9, 1, 9, 0));
    let client = app.signup("Client", &email("client")).await;
    let trial = app.signup("Trial", &email("trial")).await;
    expect_json::<ContractView>(
        app.post(
            "/api/v1/contract/order",
            Some(&client.access),
            &json!({ "term_length": "year" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let op = app.operator().await;
    expect_problem(
        app.post("/api/v1/operator/policy-changes", Some(&op), &json!({ "kind": "terms", "version": "2026-10", "title": "General terms", "effective_from": utc(2026, 8, 1, 0, 0), "summary": "x" })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let announced: ecom_types::operator::PolicyChangeAnnounced = expect_json(
        app.post(
            "/api/v1/operator/policy-changes",
            Some(&op),
            &json!({ "kind": "terms", "version": "2026-10", "title": "General terms and conditions", "effective_from": utc(2026, 10, 1, 0, 0), "summary": "Support hours change" }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(announced.tenants_notified, 2, "every tenant hears of it");
    assert!(notice_kinds(&app, client.tenant_id).contains(&"terms_change".to_string()));
    assert!(notice_kinds(&app, trial.tenant_id).contains(&"terms_change".to_string()));
    // Only a running contract gets the right to terminate.
    let notices: Vec<ecom_types::contract::ChangeNoticeView> = expect_json(
        app.get("/api/v1/change-notices", Some(&client.access))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].kind, "terms");
    let none: Vec<ecom_types::contract::ChangeNoticeView> = expect_json(
        app.get("/api/v1/change-notices", Some(&trial.access)).await,
        StatusCode::OK,
    )
    .await;
    assert!(none.is_empty());
    // From its date, sign-up asks for the new version.
    app.clock.set(utc(2026, 10, 1, 0, 1));
    let policies: ecom_types::policy::CurrentPolicies =
        expect_json(app.get("/api/v1/policies", None).await, StatusCode::OK).await;
    assert_eq!(
        policies
            .policies
            .iter()
            .find(|p| p.kind == "terms")
            .unwrap()
            .version,
        "2026-10"
    );
}

/// The operator's view of a Client's statement now (works after
/// deactivation too), with a fresh operator token.
async fn operator_statement(
    app: &TestApp,
    tenant: uuid::Uuid,
) -> ecom_types::billing::StatementView {
    let op = app.operator().await;
    expect_json(
        app.get(
            &format!("/api/v1/operator/tenants/{tenant}/statement"),
            Some(&op),
        )
        .await,
        StatusCode::OK,
    )
    .await
}

/// A quarter ordered on 10 January 2026 (last day 9 April, last day to
/// cancel 25 March), its first invoice paid, the renewal invoice issued when
/// the deadline passed, and a price change announced the day after. Returns
/// the Client, an operator token, the renewal invoice and the change notice.
async fn renewal_invoiced_then_price_change(
    app: &TestApp,
) -> (
    ecom_tests::SignedUp,
    String,
    ecom_types::billing::InvoiceSummary,
    uuid::Uuid,
) {
    app.clock.set(utc(2026, 1, 10, 9, 0));
    let signed = app.signup("Acme", &email("acme")).await;
    expect_json::<ContractView>(
        app.post(
            "/api/v1/contract/order",
            Some(&signed.access),
            &json!({ "term_length": "quarter" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    app.pay_everything(signed.tenant_id).await;
    // The deadline (25 March 23:59 Brussels) passes: the next quarter is invoiced.
    app.at(utc(2026, 3, 26, 9, 0)).await;
    let token = app.token(&signed.email).await;
    let invoices = invoice_list(app, &token).await.items;
    assert_eq!(invoices.len(), 2, "the first and the renewal invoice");
    let renewal = invoices
        .iter()
        .find(|i| i.issue_date == date(2026, 3, 26))
        .expect("the renewal invoice")
        .clone();
    assert_eq!(renewal.total_incl_vat.to_string(), "145.20");
    assert_eq!(renewal.due_date, date(2026, 4, 9));
    let op = app.operator().await;
    expect_json::<PriceChangeAnnounced>(
        app.post("/api/v1/operator/price-changes", Some(&op), &json!({ "item": "basic", "annual_price": "540.00", "effective_from": utc(2026, 5, 1, 12, 0) })).await,
        StatusCode::OK,
    )
    .await;
    let notices: Vec<ecom_types::contract::ChangeNoticeView> = expect_json(
        app.get("/api/v1/change-notices", Some(&token)).await,
        StatusCode::OK,
    )
    .await;
    (signed, op, renewal, notices[0].id)
}

#[tokio::test]
async fn the_30_day_right_used_after_the_renewal_invoice_credits_it_and_nothing_is_ever_charged_on_it(
) {
    let app = TestApp::spawn().await;
    let (signed, _, renewal, notice) = renewal_invoiced_then_price_change(&app).await;
    let tenant = signed.tenant_id;
    app.clock.set(utc(2026, 3, 27, 10, 0));
    let token = app.token(&signed.email).await;
    let cancelled: ContractView = expect_json(
        app.post(
            "/api/v1/contract/cancel",
            Some(&token),
            &json!({ "change_notice_id": notice }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(cancelled.status, "cancelled");
    assert_eq!(cancelled.current_term.ends_on, date(2026, 4, 10));

    // The renewal invoice is credited in full at once, in the operator's CN series.
    let invoices = invoice_list(&app, &token).await.items;
    let notes: Vec<_> = invoices
        .iter()
        .filter(|i| i.kind == "credit_note")
        .collect();
    assert_eq!(notes.len(), 1, "{invoices:?}");
    assert!(
        notes[0].number.starts_with("CN-2026-"),
        "{}",
        notes[0].number
    );
    assert_eq!(notes[0].issue_date, date(2026, 3, 27));
    assert_eq!(notes[0].total_incl_vat, renewal.total_incl_vat);
    let statement = operator_statement(&app, tenant).await;
    assert!(statement.total_open.is_zero(), "{statement:?}");
    assert!(statement.unallocated_credit.is_zero(), "{statement:?}");

    // The Client is told what was credited and why; the audit log has it.
    let mut conn = app.database.get().unwrap();
    let told = notices::list_for_tenant(&mut conn, TenantId(tenant), 500)
        .unwrap()
        .into_iter()
        .find(|n| n.kind == "invoice_credited")
        .expect("an invoice_credited notice in the outbox");
    assert!(told.essential);
    assert!(told.subject.contains(&renewal.number), "{}", told.subject);
    assert!(told.body.contains(&notes[0].number), "{}", told.body);
    assert!(told.body.contains("art. 15 (2)"), "{}", told.body);
    assert!(
        told.body.contains("10/04/2026 to 09/07/2026"),
        "{}",
        told.body
    );
    let audit = ecom_storage::audit::list_for_tenant(&mut conn, TenantId(tenant), 100).unwrap();
    assert!(
        audit
            .iter()
            .any(|(_, action, actor)| action == "invoice.credited" && actor == "user"),
        "{audit:?}"
    );
    drop(conn);

    // Months later: the contract ended without renewing, and the credited
    // invoice drew no interest, no compensation, no suspension, no acceleration.
    for at in [
        utc(2026, 4, 9, 12, 0),
        utc(2026, 4, 10, 9, 0),
        utc(2026, 4, 14, 9, 0),
        utc(2026, 6, 1, 9, 0),
        utc(2026, 9, 1, 9, 0),
    ] {
        app.at(at).await;
    }
    let statement = operator_statement(&app, tenant).await;
    assert!(statement.total_open.is_zero(), "{statement:?}");
    for line in &statement.invoices {
        assert!(!line.overdue, "{line:?}");
        assert!(
            line.interest_open.is_zero() && line.compensation_open.is_zero(),
            "{line:?}"
        );
    }
    let kinds = notice_kinds(&app, tenant);
    assert!(!kinds.contains(&"payment_overdue".to_string()), "{kinds:?}");
    let events = timeline_kinds(&app, tenant);
    for never in ["suspended", "invoice_accelerated", "renewed"] {
        assert!(!events.contains(&never.to_string()), "{never}: {events:?}");
    }
    assert!(events.contains(&"ended".to_string()), "{events:?}");
    let mut conn = app.database.get().unwrap();
    let contract_id = contracts::current(&mut conn, TenantId(tenant))
        .unwrap()
        .unwrap()
        .id;
    let terms = contracts::terms(&mut conn, TenantId(tenant), contract_id).unwrap();
    assert_eq!(
        terms.len(),
        2,
        "the invoiced term stays recorded, but never started"
    );
}

#[tokio::test]
async fn money_already_paid_on_the_withdrawn_renewal_invoice_is_kept_and_only_the_rest_is_credited()
{
    let app = TestApp::spawn().await;
    let (signed, op, renewal, notice) = renewal_invoiced_then_price_change(&app).await;
    let tenant = signed.tenant_id;
    // The Client paid EUR 45.20 of the renewal invoice's 145.20.
    let response = app
        .request(
            reqwest::Method::POST,
            "/api/v1/operator/payments",
            Some(&op),
        )
        .header("Idempotency-Key", uuid::Uuid::new_v4().to_string())
        .json(&json!({ "tenant_id": tenant, "amount": "45.20", "received_on": date(2026, 3, 26) }))
        .send()
        .await
        .unwrap();
    let _: serde_json::Value = expect_json(response, StatusCode::CREATED).await;
    app.clock.set(utc(2026, 3, 27, 10, 0));
    let token = app.token(&signed.email).await;
    expect_json::<ContractView>(
        app.post(
            "/api/v1/contract/cancel",
            Some(&token),
            &json!({ "change_notice_id": notice }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let invoices = invoice_list(&app, &token).await.items;
    let note = invoices
        .iter()
        .find(|i| i.kind == "credit_note")
        .expect("a credit note for the unpaid part");
    // terms art. 10: the 45.20 paid is not refunded; the 100.00 open is
    // credited (82.65 + 21 % VAT = 100.01: a cent over rather than a cent open).
    assert_eq!(note.total_excl_vat.to_string(), "82.65");
    assert_eq!(note.total_incl_vat.to_string(), "100.01");
    let statement = operator_statement(&app, tenant).await;
    assert!(statement.total_open.is_zero(), "{statement:?}");
    assert_eq!(statement.unallocated_credit.to_string(), "0.01");
    let line = statement
        .invoices
        .iter()
        .find(|l| l.number == renewal.number)
        .unwrap();
    assert!(line.principal_open.is_zero(), "{line:?}");
    let told = {
        let mut conn = app.database.get().unwrap();
        notices::list_for_tenant(&mut conn, TenantId(tenant), 500)
            .unwrap()
            .into_iter()
            .find(|n| n.kind == "invoice_credited")
            .expect("notice")
    };
    assert!(
        told.body
            .contains("EUR 45.20 you already paid on it is kept"),
        "{}",
        told.body
    );
    app.at(utc(2026, 9, 1, 9, 0)).await;
    let statement = operator_statement(&app, tenant).await;
    assert!(statement.total_open.is_zero(), "{statement:?}");
}

#[tokio::test]
async fn a_withdrawn_direct_debit_renewal_invoice_is_not_collected() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 1, 10, 9, 0));
    let signed = app.signup("Acme", &email("acme")).await;
    let method = app
        .request(
            reqwest::Method::PUT,
            "/api/v1/billing/payment-method",
            Some(&signed.access),
        )
        .json(&json!({ "method": "direct_debit", "iban": "BE71 0961 2345 6769", "bic": "GKCCBEBB", "account_holder": "Acme BV" }))
        .send()
        .await
        .unwrap();
    assert_eq!(method.status(), StatusCode::OK);
    expect_json::<ContractView>(
        app.post(
            "/api/v1/contract/order",
            Some(&signed.access),
            &json!({ "term_length": "quarter" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    app.pay_everything(signed.tenant_id).await;
    // A price change notified before the deadline (25 March); the Client waits.
    app.clock.set(utc(2026, 3, 20, 9, 0));
    let op = app.operator().await;
    expect_json::<PriceChangeAnnounced>(
        app.post("/api/v1/operator/price-changes", Some(&op), &json!({ "item": "basic", "annual_price": "540.00", "effective_from": utc(2026, 5, 1, 12, 0) })).await,
        StatusCode::OK,
    )
    .await;
    // The deadline passes: the next quarter is invoiced, collected by direct
    // debit on the invoice date (terms art. 10).
    app.at(utc(2026, 3, 26, 8, 0)).await;
    let token = app.token(&signed.email).await;
    let renewal = invoice_list(&app, &token)
        .await
        .items
        .into_iter()
        .find(|i| i.issue_date == date(2026, 3, 26))
        .expect("the renewal invoice");
    assert_eq!(renewal.payment_method, "direct_debit");
    assert_eq!(renewal.due_date, date(2026, 3, 26));
    // That morning the Client terminates, citing the notice (day 6 of 30).
    let notices: Vec<ecom_types::contract::ChangeNoticeView> = expect_json(
        app.get("/api/v1/change-notices", Some(&token)).await,
        StatusCode::OK,
    )
    .await;
    expect_json::<ContractView>(
        app.post(
            "/api/v1/contract/cancel",
            Some(&token),
            &json!({ "change_notice_id": notices[0].id }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    // The day's SEPA batch leaves the credited invoice out: nothing to collect.
    let op = app.operator().await;
    let problem = expect_problem(
        app.get(
            "/api/v1/operator/direct-debits?collection_date=2026-03-26",
            Some(&op),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert!(problem.detail.contains("2026-03-26"), "{problem:?}");
    let statement = operator_statement(&app, signed.tenant_id).await;
    assert!(statement.total_open.is_zero(), "{statement:?}");
}
