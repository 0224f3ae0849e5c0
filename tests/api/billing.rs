//! Payments, late payment, suspension, disputes and the payment webhook,
//! by moving the clock.

use chrono::{DateTime, TimeZone, Utc};
use ecom_tests::{email, expect_json, expect_problem, TestApp};
use ecom_types::billing::{DisputeView, InvoiceList, PaymentView, StatementView};
use ecom_types::contract::ContractView;
use ecom_types::operator::TenantSummary;
use hmac::{Hmac, Mac};
use reqwest::{Method, StatusCode};
use serde_json::json;
use sha2::Sha256;

fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

async fn pay(app: &TestApp, op: &str, key: &str, body: &serde_json::Value) -> reqwest::Response {
    app.request(Method::POST, "/api/v1/operator/payments", Some(op))
        .header("Idempotency-Key", key)
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn statement(app: &TestApp, token: &str) -> StatementView {
    expect_json(
        app.get("/api/v1/billing/statement", Some(token)).await,
        StatusCode::OK,
    )
    .await
}

#[tokio::test]
async fn partial_payment_overdue_charges_suspension_and_reinstatement() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 1, 5, 9));
    let signed = app.signup("Acme", &email("acme")).await;
    let (_, key) = app.create_api_key(&signed.access, "sync").await;
    expect_json::<ContractView>(
        app.post(
            "/api/v1/contract/order",
            Some(&signed.access),
            &json!({ "term_length": "year", "modules": ["crm", "api"] }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    // A second invoice: one more seat on 12 January, due 26 January.
    app.clock.set(utc(2026, 1, 12, 9));
    let token = app.token(&signed.email).await;
    expect_json::<ContractView>(
        app.post(
            "/api/v1/contract/changes",
            Some(&token),
            &json!({ "extra_seats": 1, "modules": ["crm", "api"] }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let invoices: InvoiceList = expect_json(
        app.get("/api/v1/invoices", Some(&token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(invoices.items.len(), 2);
    let first = invoices.items[1].clone();
    // Basic 480 + CRM 120 + API 60 = 660.00 excl. VAT, 798.60 incl. 21 % VAT.
    assert_eq!(first.total_incl_vat.to_string(), "798.60");

    // A partial payment goes to the oldest principal.
    app.clock.set(utc(2026, 1, 15, 9));
    let op = app.operator().await;
    let body =
        json!({ "tenant_id": signed.tenant_id, "amount": "400.00", "received_on": "2026-01-15" });
    let paid: PaymentView =
        expect_json(pay(&app, &op, "pay-1", &body).await, StatusCode::CREATED).await;
    assert_eq!(paid.allocations.len(), 1);
    assert_eq!(
        (
            paid.allocations[0].invoice_number.as_str(),
            paid.allocations[0].component.as_str()
        ),
        (first.number.as_str(), "principal")
    );
    assert_eq!(paid.allocations[0].amount.to_string(), "400.00");
    // The same key again: the first answer, marked as a replay; another body: 409.
    let replay = pay(&app, &op, "pay-1", &body).await;
    assert_eq!(replay.headers()["idempotent-replayed"], "true");
    let replayed: PaymentView = expect_json(replay, StatusCode::CREATED).await;
    assert_eq!(replayed.id, paid.id);
    let other =
        json!({ "tenant_id": signed.tenant_id, "amount": "401.00", "received_on": "2026-01-15" });
    expect_problem(
        pay(&app, &op, "pay-1", &other).await,
        StatusCode::CONFLICT,
        "idempotency_key_reused",
    )
    .await;
    let missing = app
        .request(Method::POST, "/api/v1/operator/payments", Some(&op))
        .json(&body)
        .send()
        .await
        .unwrap();
    expect_problem(missing, StatusCode::BAD_REQUEST, "idempotency_key_required").await;

    // Due 19 January. On the due date nothing is charged; the day after,
    // one started month of interest and the fixed compensation.
    app.at(utc(2026, 1, 19, 12)).await;
    let token = app.token(&signed.email).await;
    let on_due_date = statement(&app, &token).await;
    assert!(on_due_date
        .invoices
        .iter()
        .all(|l| !l.overdue && l.interest_open.is_zero()));
    app.at(utc(2026, 1, 20, 9)).await;
    let token = app.token(&signed.email).await;
    let late = statement(&app, &token).await;
    let line = late
        .invoices
        .iter()
        .find(|l| l.number == first.number)
        .unwrap();
    assert!(line.overdue);
    assert_eq!(line.principal_open.to_string(), "398.60");
    assert_eq!(
        line.interest_open.to_string(),
        "3.99",
        "1 % of the unpaid principal for the started month"
    );
    assert_eq!(
        line.compensation_open.to_string(),
        "150.00",
        "20 % of 660.00 is 132.00: the EUR 150 minimum applies"
    );
    // The other open invoice became due at once.
    let second = late
        .invoices
        .iter()
        .find(|l| l.number != first.number)
        .unwrap();
    assert_eq!(
        second.due_date,
        chrono::NaiveDate::from_ymd_opt(2026, 1, 20).unwrap()
    );

    // After the 14-day grace (the 14th day after the due date is 2 February),
    // access is suspended (billing still works).
    app.at(utc(2026, 2, 2, 12)).await;
    let token = app.token(&signed.email).await;
    assert_eq!(
        expect_json::<ContractView>(
            app.get("/api/v1/contract", Some(&token)).await,
            StatusCode::OK
        )
        .await
        .status,
        "active"
    );
    app.at(utc(2026, 2, 3, 9)).await;
    let token = app.token(&signed.email).await;
    assert_eq!(
        expect_json::<ContractView>(
            app.get("/api/v1/contract", Some(&token)).await,
            StatusCode::OK
        )
        .await
        .status,
        "suspended"
    );
    expect_problem(
        app.get("/api/v1/me", Some(&key)).await,
        StatusCode::FORBIDDEN,
        "account_suspended",
    )
    .await;
    let owed = statement(&app, &token).await;
    assert!(owed.total_open > rust_decimal::Decimal::from(600));

    // Full payment: everything settled and access back at once.
    let op = app.operator().await;
    let full = json!({ "tenant_id": signed.tenant_id, "amount": owed.total_open, "received_on": "2026-02-03" });
    let settled: PaymentView =
        expect_json(pay(&app, &op, "pay-2", &full).await, StatusCode::CREATED).await;
    // Costs and compensation, then interest, then principal.
    let order: Vec<&str> = settled
        .allocations
        .iter()
        .map(|a| a.component.as_str())
        .collect();
    let first_principal = order.iter().position(|c| *c == "principal").unwrap();
    assert!(
        order[..first_principal]
            .iter()
            .all(|c| *c == "compensation" || *c == "interest"),
        "{order:?}"
    );
    let sum: rust_decimal::Decimal = settled.allocations.iter().map(|a| a.amount).sum();
    assert_eq!(
        sum, owed.total_open,
        "the allocations add up to the payment"
    );
    assert!(statement(&app, &token).await.total_open.is_zero());
    assert_eq!(
        expect_json::<ContractView>(
            app.get("/api/v1/contract", Some(&token)).await,
            StatusCode::OK
        )
        .await
        .status,
        "active"
    );
    let summary: Vec<TenantSummary> = expect_json::<ecom_types::operator::TenantSummaryList>(
        app.get("/api/v1/operator/tenants", Some(&op)).await,
        StatusCode::OK,
    )
    .await
    .items;
    assert_eq!(summary[0].status, "active");
}

fn sign(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.{body}").as_bytes());
    format!(
        "t={timestamp},v1={}",
        hex::encode(mac.finalize().into_bytes())
    )
}

#[tokio::test]
async fn the_payment_webhook_checks_its_signature_and_records_an_event_once() {
    let secret = "whsec_test_0123456789abcdef";
    let app = TestApp::spawn_with(move |s| s.payment_webhook_secret = Some(secret.into())).await;
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
    let today = app.clock.now().date_naive();
    let body = json!({ "event_id": "evt_1", "tenant_id": signed.tenant_id, "amount": "100.00", "received_on": today }).to_string();
    let send = |signature: String, body: String| {
        app.client
            .post(app.url("/api/v1/webhooks/payments"))
            .header("Ecom-Signature", signature)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let now = app.clock.now().timestamp();
    expect_problem(
        send(sign("wrong secret", now, &body), body.clone())
            .await
            .unwrap(),
        StatusCode::UNAUTHORIZED,
        "invalid_signature",
    )
    .await;
    expect_problem(
        send(sign(secret, now - 301, &body), body.clone())
            .await
            .unwrap(),
        StatusCode::UNAUTHORIZED,
        "invalid_signature",
    )
    .await;
    let recorded: PaymentView = expect_json(
        send(sign(secret, now, &body), body.clone()).await.unwrap(),
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(recorded.reference, "PSP-evt_1");
    let again = send(sign(secret, now, &body), body.clone()).await.unwrap();
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(
        expect_json::<PaymentView>(again, StatusCode::CREATED)
            .await
            .id,
        recorded.id
    );
    let paid = statement(&app, &signed.access).await;
    assert_eq!(paid.settlements.len(), 1);
    assert_eq!(paid.settlements[0].amount.to_string(), "100.00");
}

#[tokio::test]
async fn the_webhook_does_not_exist_without_a_secret() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(app.url("/api/v1/webhooks/payments"))
        .body("{}")
        .send()
        .await
        .unwrap();
    expect_problem(response, StatusCode::NOT_FOUND, "not_found").await;
}

#[tokio::test]
async fn an_invoice_can_be_disputed_for_seven_days() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 3, 2, 9));
    let a = app.signup("A", &email("a")).await;
    let b = app.signup("B", &email("b")).await;
    for who in [&a, &b] {
        expect_json::<ContractView>(
            app.post(
                "/api/v1/contract/order",
                Some(&who.access),
                &json!({ "term_length": "year" }),
            )
            .await,
            StatusCode::CREATED,
        )
        .await;
    }
    let a_invoice = expect_json::<InvoiceList>(
        app.get("/api/v1/invoices", Some(&a.access)).await,
        StatusCode::OK,
    )
    .await
    .items
    .remove(0);
    let b_invoice = expect_json::<InvoiceList>(
        app.get("/api/v1/invoices", Some(&b.access)).await,
        StatusCode::OK,
    )
    .await
    .items
    .remove(0);
    // Day 7 after the invoice date: accepted. A wrong number or no reasons: refused.
    app.clock.set(utc(2026, 3, 9, 20));
    let token = app.token(&a.email).await;
    let path = format!("/api/v1/invoices/{}/dispute", a_invoice.id);
    let wrong = expect_problem(
        app.post(
            &path,
            Some(&token),
            &json!({ "invoice_number": "ECOM-2026-999999", "reasons": "x" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(wrong.errors[0].field, "invoice_number");
    let empty = expect_problem(
        app.post(
            &path,
            Some(&token),
            &json!({ "invoice_number": a_invoice.number, "reasons": " " }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(empty.errors[0].field, "reasons");
    let lodged: DisputeView = expect_json(
        app.post(&path, Some(&token), &json!({ "invoice_number": a_invoice.number, "reasons": "We ordered a quarter, not a year" })).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(lodged.invoice_number, a_invoice.number);
    let shown: ecom_types::billing::InvoiceView = expect_json(
        app.get(&format!("/api/v1/invoices/{}", a_invoice.id), Some(&token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        shown.dispute.map(|d| d.reasons),
        Some("We ordered a quarter, not a year".to_string())
    );
    expect_problem(
        app.post(
            &path,
            Some(&token),
            &json!({ "invoice_number": a_invoice.number, "reasons": "again" }),
        )
        .await,
        StatusCode::CONFLICT,
        "already_disputed",
    )
    .await;
    // Another tenant's invoice: 404.
    expect_problem(
        app.post(
            &format!("/api/v1/invoices/{}/dispute", b_invoice.id),
            Some(&token),
            &json!({ "invoice_number": b_invoice.number, "reasons": "r" }),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    // Day 8: too late.
    app.clock.set(utc(2026, 3, 10, 9));
    let token = app.token(&b.email).await;
    let late = expect_problem(
        app.post(
            &format!("/api/v1/invoices/{}/dispute", b_invoice.id),
            Some(&token),
            &json!({ "invoice_number": b_invoice.number, "reasons": "late" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "dispute_window_closed",
    )
    .await;
    assert!(late.detail.contains("2026-03-09"), "{}", late.detail);
}

#[tokio::test]
async fn a_consumer_gets_the_statutory_regime_instead_of_the_b2b_penalties() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 1, 5, 9));
    let signed = app.signup("An Peeters", &email("an")).await;
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
    let flag: serde_json::Value = expect_json(
        app.post(
            &format!("/api/v1/operator/tenants/{}/consumer", signed.tenant_id),
            Some(&op),
            &json!({ "is_consumer": true }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(flag["is_consumer"], true);
    app.clock.set(utc(2026, 2, 20, 9));
    let token = app.token(&signed.email).await;
    let view = statement(&app, &token).await;
    assert_eq!(view.regime, "consumer");
    let line = &view.invoices[0];
    assert!(line.overdue);
    // No charge before a free first reminder and 14 more days (Book XIX).
    assert!(line.interest_open.is_zero() && line.compensation_open.is_zero());
    // The jobs send the free reminder...
    app.at(utc(2026, 2, 20, 10)).await;
    let mut conn = app.database.get().unwrap();
    let sent = ecom_storage::notices::list_for_tenant(
        &mut conn,
        ecom_domain::TenantId(signed.tenant_id),
        50,
    )
    .unwrap();
    assert!(
        sent.iter().any(|n| n.subject.starts_with("Reminder:")),
        "a free first reminder"
    );
    drop(conn);
    // ...and only after the 14 days may statutory charges run; the B2B 20 % / EUR 150 never applies.
    app.at(utc(2026, 3, 10, 10)).await;
    let token = app.token(&signed.email).await;
    let later = statement(&app, &token).await;
    let line = &later.invoices[0];
    assert!(
        line.compensation_open > rust_decimal::Decimal::ZERO,
        "the statutory compensation after the period"
    );
    assert!(
        line.compensation_open
            <= rust_decimal::Decimal::from(65) + line.principal / rust_decimal::Decimal::from(10),
        "within the legal caps"
    );
    assert_ne!(line.compensation_open.to_string(), "150.00");
}

#[tokio::test]
async fn a_credit_note_references_the_invoice_settles_it_and_validates_as_peppol_ubl() {
    let app = TestApp::spawn().await;
    let mut body = ecom_tests::signup_body("Bakkerij Peeters", &email("an"));
    body["company"]["vat_number"] = json!("BE0123456749");
    let created: ecom_types::auth::SignupResponse = expect_json(
        app.post("/api/v1/signup", None, &body).await,
        StatusCode::CREATED,
    )
    .await;
    let token = created.session.access_token;
    expect_json::<ContractView>(
        app.post(
            "/api/v1/contract/order",
            Some(&token),
            &json!({ "term_length": "quarter", "modules": ["invoicing"] }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let invoice = expect_json::<InvoiceList>(
        app.get("/api/v1/invoices", Some(&token)).await,
        StatusCode::OK,
    )
    .await
    .items
    .remove(0);
    let op = app.operator().await;
    let path = format!("/api/v1/operator/invoices/{}/credit-note", invoice.id);
    expect_problem(
        app.post(&path, Some(&op), &json!({ "reason": " " })).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let note: ecom_types::billing::InvoiceSummary = expect_json(
        app.post(&path, Some(&op), &json!({ "reason": "Ordered by mistake" }))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(note.kind, "credit_note");
    assert!(note.number.starts_with("CN-"));
    assert_eq!(note.total_incl_vat, invoice.total_incl_vat);
    expect_problem(
        app.post(&path, Some(&op), &json!({ "reason": "again" }))
            .await,
        StatusCode::CONFLICT,
        "already_credited",
    )
    .await;
    // A tenant cannot issue credit notes.
    expect_problem(
        app.post(&path, Some(&token), &json!({ "reason": "x" }))
            .await,
        StatusCode::FORBIDDEN,
        "operator_only",
    )
    .await;

    let view = statement(&app, &token).await;
    assert!(
        view.total_open.is_zero(),
        "the credit note settles the invoice"
    );
    assert_eq!(view.settlements[0].reference, note.number);
    let list = expect_json::<InvoiceList>(
        app.get("/api/v1/invoices", Some(&token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list.items.len(), 2);
    let ubl = app
        .get(&format!("/api/v1/invoices/{}/ubl", note.id), Some(&token))
        .await;
    assert_eq!(ubl.status(), StatusCode::OK);
    let xml = ubl.text().await.unwrap();
    assert!(
        xml.contains("CreditNote") && xml.contains(&invoice.number),
        "references the invoice"
    );
    ecom_tests::validate_ubl(&xml);
    let pdf = app
        .get(&format!("/api/v1/invoices/{}/pdf", note.id), Some(&token))
        .await;
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));
}

#[tokio::test]
async fn direct_debit_invoices_are_due_on_their_date_and_batched_as_pain_008() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 5, 4, 9));
    let mut body = ecom_tests::signup_body("Bakkerij Peeters", &email("an"));
    body["company"]["vat_number"] = json!("BE0123456749");
    let created: ecom_types::auth::SignupResponse = expect_json(
        app.post("/api/v1/signup", None, &body).await,
        StatusCode::CREATED,
    )
    .await;
    let token = created.session.access_token;
    let put = |body: serde_json::Value| {
        app.request(Method::PUT, "/api/v1/billing/payment-method", Some(&token))
            .json(&body)
            .send()
    };
    let problem = expect_problem(
        put(json!({ "method": "direct_debit", "iban": "BE71 0961 2345 6768", "account_holder": "" })).await.unwrap(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let fields: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["iban", "account_holder"]);
    let method: ecom_types::billing::PaymentMethodView = expect_json(
        put(json!({ "method": "direct_debit", "iban": "BE71 0961 2345 6769", "bic": "GKCCBEBB", "account_holder": "Bakkerij Peeters BV" })).await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(method.iban.as_deref(), Some("BE71 **** **** 6769"));
    assert!(method.mandate_id.is_some());

    expect_json::<ContractView>(
        app.post(
            "/api/v1/contract/order",
            Some(&token),
            &json!({ "term_length": "year" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let invoice = expect_json::<InvoiceList>(
        app.get("/api/v1/invoices", Some(&token)).await,
        StatusCode::OK,
    )
    .await
    .items
    .remove(0);
    assert_eq!(invoice.payment_method, "direct_debit");
    assert_eq!(
        invoice.due_date, invoice.issue_date,
        "collected on the invoice date (terms art. 10)"
    );
    let ubl = app
        .get(
            &format!("/api/v1/invoices/{}/ubl", invoice.id),
            Some(&token),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(ubl.contains(">49<"), "payment means: direct debit");
    ecom_tests::validate_ubl(&ubl);

    let op = app.operator().await;
    let batch = app
        .get(
            &format!(
                "/api/v1/operator/direct-debits?collection_date={}",
                invoice.due_date
            ),
            Some(&op),
        )
        .await;
    assert_eq!(batch.status(), StatusCode::OK);
    let xml = batch.text().await.unwrap();
    assert!(
        xml.contains(&invoice.number) && xml.contains("FRST") && xml.contains("BE43ZZZ0810231595")
    );
    ecom_tests::validate_pain_008(&xml);
    expect_problem(
        app.get(
            "/api/v1/operator/direct-debits?collection_date=2026-05-05",
            Some(&op),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.get(
            "/api/v1/operator/direct-debits?collection_date=tomorrow",
            Some(&op),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_query",
    )
    .await;

    // Back to transfers: the next invoice is due in 14 days.
    let method: ecom_types::billing::PaymentMethodView = expect_json(
        put(json!({ "method": "credit_transfer" })).await.unwrap(),
        StatusCode::OK,
    )
    .await;
    assert_eq!(method.method, "credit_transfer");
}

#[tokio::test]
async fn collection_costs_and_damages_for_non_payment_are_paid_first() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 6, 1, 9));
    let signed = app.signup("Late BV", &email("late")).await;
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
    let invoice = expect_json::<InvoiceList>(
        app.get("/api/v1/invoices", Some(&signed.access)).await,
        StatusCode::OK,
    )
    .await
    .items
    .remove(0);
    let op = app.operator().await;
    let cancel = format!(
        "/api/v1/operator/invoices/{}/cancel-for-non-payment",
        invoice.id
    );
    expect_problem(
        app.post(&cancel, Some(&op), &json!({})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not_overdue",
    )
    .await;
    // Due 15 June; on 20 June it is overdue.
    app.clock.set(utc(2026, 6, 20, 9));
    let op = app.operator().await;
    let costs: StatementView = expect_json(
        app.post(
            &format!("/api/v1/operator/invoices/{}/collection-costs", invoice.id),
            Some(&op),
            &json!({ "amount": "35.00", "incurred_on": "2026-06-19", "description": "Registered reminder letter" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(costs.invoices[0].collection_costs_open.to_string(), "35.00");
    let cancelled: StatementView = expect_json(
        app.post(&cancel, Some(&op), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    // 20 % of 480.00 is 96.00: the EUR 100 minimum applies.
    assert_eq!(
        cancelled.invoices[0].liquidated_damages_open.to_string(),
        "100.00"
    );
    expect_problem(
        app.post(&cancel, Some(&op), &json!({})).await,
        StatusCode::CONFLICT,
        "already_cancelled",
    )
    .await;
    // A payment of 200: costs (35), then compensation (150), then damages.
    let paid: PaymentView = expect_json(
        pay(&app, &op, "late-1", &json!({ "tenant_id": signed.tenant_id, "amount": "200.00", "received_on": "2026-06-20" })).await,
        StatusCode::CREATED,
    )
    .await;
    let parts: Vec<(String, String)> = paid
        .allocations
        .iter()
        .map(|a| (a.component.clone(), a.amount.to_string()))
        .collect();
    assert_eq!(
        parts,
        vec![
            ("collection_costs".to_string(), "35.00".to_string()),
            ("compensation".to_string(), "150.00".to_string()),
            ("liquidated_damages".to_string(), "15.00".to_string()),
        ]
    );
}
