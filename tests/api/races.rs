//! Money and document state under concurrency (issue 12): 32 requests at once
//! at every endpoint that moves money or changes a document's state. Exactly
//! one of them has the effect, the others get a clear 4xx (never a 500), and
//! the ledger read back from the API and from the database rows agrees with
//! itself. SQLite serialises writers; on PostgreSQL these fail unless the
//! database decides (a row lock or a constraint).

use ecom_tests::{email, expect_json, SalesLedger, TestApp};
use ecom_types::billing::{InvoiceList, PaymentView, StatementView};
use ecom_types::sales::{QuotationSent, QuotationView, SalesInvoiceView};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use uuid::Uuid;

/// How many requests each burst fires at once.
const BURST: usize = 32;

/// One answer: status, problem `code` (if any) and body.
#[derive(Debug, Clone)]
struct Answer {
    status: StatusCode,
    code: Option<String>,
    body: String,
}

async fn answer(response: reqwest::Response) -> Answer {
    let status = response.status();
    let is_problem = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "application/problem+json");
    let body = response.text().await.expect("body read");
    let code = is_problem
        .then(|| serde_json::from_str::<Value>(&body).ok())
        .flatten()
        .and_then(|v| v["code"].as_str().map(str::to_owned));
    Answer { status, code, body }
}

/// Fires all the requests at once and waits for every answer.
async fn burst(requests: Vec<reqwest::RequestBuilder>) -> Vec<Answer> {
    let sent = requests
        .into_iter()
        .map(|r| async move { answer(r.send().await.expect("request sent")).await });
    futures_util::future::join_all(sent).await
}

/// Asserts that `wanted` answers have status `ok` and every other one is a
/// problem document with one of the `refusals` (status, code).
fn assert_outcome(
    answers: &[Answer],
    ok: StatusCode,
    wanted: usize,
    refusals: &[(StatusCode, &str)],
) {
    let summary: Vec<String> = answers
        .iter()
        .map(|a| format!("{} {}", a.status.as_u16(), a.code.as_deref().unwrap_or("")))
        .collect();
    assert!(
        answers.iter().all(|a| !a.status.is_server_error()),
        "a request failed with a 5xx: {summary:?}\n{:?}",
        answers.iter().find(|a| a.status.is_server_error())
    );
    assert_eq!(
        answers.iter().filter(|a| a.status == ok).count(),
        wanted,
        "{summary:?}"
    );
    for a in answers.iter().filter(|a| a.status != ok) {
        assert!(
            refusals
                .iter()
                .any(|(status, code)| a.status == *status && a.code.as_deref() == Some(*code)),
            "unexpected refusal {} {:?}: {}\nall: {summary:?}",
            a.status,
            a.code,
            a.body
        );
    }
}

/// A trial tenant selling to one company: invoicing settings with an IBAN
/// and no late-payment charges. Returns (token, tenant, company).
async fn seller(app: &TestApp) -> (String, Uuid, Uuid) {
    let admin = app.signup("Studio Vermeulen", &email("admin")).await;
    let token = admin.access.clone();
    let settings = app
        .request(Method::PUT, "/api/v1/invoicing/settings", Some(&token))
        .json(&json!({
            "invoice_prefix": "F", "quotation_prefix": "OFF", "iban": "BE68 5390 0754 7034", "bic": "GKCCBEBB",
            "payment_term_days": 30, "late_payment_policy": "none", "default_vat_rate": "21"
        }))
        .send()
        .await
        .expect("request sent");
    assert_eq!(
        settings.status(),
        StatusCode::OK,
        "{}",
        settings.text().await.unwrap_or_default()
    );
    let company: Value = expect_json(
        app.post(
            "/api/v1/companies",
            Some(&token),
            &json!({ "name": "Acme NV", "email": email("acme"), "street": "Veldstraat 10", "postal_code": "9000", "city": "Gent", "country": "BE" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let company = company["id"]
        .as_str()
        .and_then(|id| Uuid::parse_str(id).ok())
        .expect("company id");
    (token, admin.tenant_id, company)
}

/// A draft sales invoice: EUR 10.00 plus 21 % VAT.
async fn draft(app: &TestApp, token: &str, company: Uuid) -> SalesInvoiceView {
    expect_json(
        app.post(
            "/api/v1/sales-invoices",
            Some(token),
            &json!({ "company_id": company, "lines": [{ "description": "Support", "quantity": "1", "unit_price": "10.00", "vat_rate": "21" }] }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await
}

/// A draft, issued.
async fn issued(app: &TestApp, token: &str, company: Uuid) -> SalesInvoiceView {
    let d = draft(app, token, company).await;
    expect_json(
        app.post(
            &format!("/api/v1/sales-invoices/{}/issue", d.summary.id),
            Some(token),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await
}

async fn view(app: &TestApp, token: &str, id: Uuid) -> SalesInvoiceView {
    expect_json(
        app.get(&format!("/api/v1/sales-invoices/{id}"), Some(token))
            .await,
        StatusCode::OK,
    )
    .await
}

fn sequences(app: &TestApp, tenant: Option<Uuid>, series: &str) -> Vec<u32> {
    let mut conn = app.database.get().expect("a connection");
    let year = chrono::Datelike::year(&app.clock.now().date_naive());
    match tenant {
        Some(t) => ecom_storage::invoices::seller_sequences(
            &mut conn,
            ecom_domain::TenantId(t),
            series,
            year,
        ),
        None => ecom_storage::invoices::operator_sequences(&mut conn, series, year),
    }
    .expect("the sequences")
}

fn cents(amount: rust_decimal::Decimal) -> i64 {
    ecom_domain::money::to_cents(amount).expect("an amount in cents")
}

/// The API's view and the database rows agree; returns the rows.
async fn consistent(app: &TestApp, token: &str, tenant: Uuid, id: Uuid) -> SalesLedger {
    let ledger = app.sales_ledger(tenant, id);
    let seen = view(app, token, id).await;
    let mut api_payments: Vec<i64> = seen.payments.iter().map(|p| cents(p.amount)).collect();
    let mut db_payments = ledger.payments_cents.clone();
    api_payments.sort_unstable();
    db_payments.sort_unstable();
    assert_eq!(
        api_payments, db_payments,
        "the API lists the stored payments"
    );
    assert_eq!(
        seen.credit_notes.len(),
        ledger.credit_notes_cents.len(),
        "the API lists the stored credit notes"
    );
    assert_eq!(cents(seen.summary.open_amount), ledger.open_principal_cents);
    // No late-payment charges (policy `none`): the open amount is exactly
    // what payments and credit notes left of the total.
    assert_eq!(
        ledger.open_principal_cents,
        (ledger.total_incl_vat_cents - ledger.paid_cents - ledger.credited_cents).max(0),
        "{ledger:?}"
    );
    ledger
}

fn payment(
    app: &TestApp,
    token: &str,
    id: Uuid,
    amount: &str,
    key: Option<String>,
) -> reqwest::RequestBuilder {
    let request = app
        .request(
            Method::POST,
            &format!("/api/v1/sales-invoices/{id}/payments"),
            Some(token),
        )
        .json(&json!({ "amount": amount }));
    match key {
        Some(key) => request.header("Idempotency-Key", key),
        None => request,
    }
}

fn credit_note(app: &TestApp, token: &str, id: Uuid) -> reqwest::RequestBuilder {
    app.request(
        Method::POST,
        &format!("/api/v1/sales-invoices/{id}/credit-note"),
        Some(token),
    )
    .json(&json!({ "reason": "Cancelled order" }))
}

#[tokio::test]
async fn payments_at_once_never_pay_an_invoice_twice() {
    let app = TestApp::spawn().await;
    let (token, tenant, company) = seller(&app).await;
    for with_keys in [false, true] {
        let invoice = issued(&app, &token, company).await;
        let total = invoice.summary.total_incl_vat.to_string();
        let requests = (0..BURST)
            .map(|_| {
                payment(
                    &app,
                    &token,
                    invoice.summary.id,
                    &total,
                    with_keys.then(|| Uuid::new_v4().to_string()),
                )
            })
            .collect();
        let answers = burst(requests).await;
        assert_outcome(
            &answers,
            StatusCode::CREATED,
            1,
            &[(StatusCode::UNPROCESSABLE_ENTITY, "overpayment")],
        );
        let ledger = consistent(&app, &token, tenant, invoice.summary.id).await;
        assert_eq!(ledger.payments_cents, vec![ledger.total_incl_vat_cents]);
        assert_eq!(ledger.open_principal_cents, 0);
    }
}

#[tokio::test]
async fn credit_notes_at_once_credit_an_invoice_once() {
    let app = TestApp::spawn().await;
    let (token, tenant, company) = seller(&app).await;
    let invoice = issued(&app, &token, company).await;
    let answers = burst(
        (0..BURST)
            .map(|_| credit_note(&app, &token, invoice.summary.id))
            .collect(),
    )
    .await;
    assert_outcome(
        &answers,
        StatusCode::CREATED,
        1,
        &[(StatusCode::UNPROCESSABLE_ENTITY, "credit_note_refused")],
    );
    let ledger = consistent(&app, &token, tenant, invoice.summary.id).await;
    assert_eq!(ledger.credit_notes_cents, vec![ledger.total_incl_vat_cents]);
    assert_eq!(
        sequences(&app, Some(tenant), "CN"),
        vec![1],
        "one credit note number, no gaps"
    );
}

#[tokio::test]
async fn payments_and_credit_notes_at_once_keep_one_ledger() {
    let app = TestApp::spawn().await;
    let (token, tenant, company) = seller(&app).await;
    let invoice = issued(&app, &token, company).await;
    let id = invoice.summary.id;
    // Half the burst pays one euro at a time, half credits the whole invoice.
    let requests = (0..BURST)
        .map(|i| {
            if i % 2 == 0 {
                payment(&app, &token, id, "1.00", None)
            } else {
                credit_note(&app, &token, id)
            }
        })
        .collect();
    let answers = burst(requests).await;
    let summary: Vec<String> = answers
        .iter()
        .map(|a| format!("{} {:?}", a.status, a.code))
        .collect();
    assert!(
        answers.iter().all(|a| !a.status.is_server_error()),
        "{summary:?}"
    );
    for a in answers.iter().filter(|a| a.status != StatusCode::CREATED) {
        assert!(
            a.status == StatusCode::UNPROCESSABLE_ENTITY
                && matches!(
                    a.code.as_deref(),
                    Some("overpayment" | "credit_note_refused")
                ),
            "{a:?}"
        );
    }
    let ledger = consistent(&app, &token, tenant, id).await;
    assert_eq!(
        ledger.credit_notes_cents.len(),
        1,
        "exactly one credit note: {ledger:?}"
    );
    // Payments only before the credit note: never more than the invoice.
    assert!(
        ledger.paid_cents <= ledger.total_incl_vat_cents,
        "{ledger:?}"
    );
    assert_eq!(ledger.open_principal_cents, 0);
    assert_eq!(
        answers
            .iter()
            .filter(|a| a.status == StatusCode::CREATED)
            .count(),
        ledger.payments_cents.len() + 1,
        "every 201 is one row, every row one 201"
    );
    assert_eq!(sequences(&app, Some(tenant), "CN"), vec![1]);
}

#[tokio::test]
async fn issuing_one_draft_at_once_takes_one_number() {
    let app = TestApp::spawn().await;
    let (token, tenant, company) = seller(&app).await;
    let d = draft(&app, &token, company).await;
    let path = format!("/api/v1/sales-invoices/{}/issue", d.summary.id);
    let answers = burst(
        (0..BURST)
            .map(|_| {
                app.request(Method::POST, &path, Some(&token))
                    .json(&json!({}))
            })
            .collect(),
    )
    .await;
    assert_outcome(
        &answers,
        StatusCode::OK,
        1,
        &[(StatusCode::CONFLICT, "already_issued")],
    );
    assert_eq!(sequences(&app, Some(tenant), "F"), vec![1]);
    let ledger = consistent(&app, &token, tenant, d.summary.id).await;
    assert_eq!(ledger.state, "issued");
}

/// A draft quotation to the company.
async fn quotation(app: &TestApp, token: &str, company: Uuid) -> Uuid {
    let valid_until = app.clock.now().date_naive() + chrono::Duration::days(30);
    let created: QuotationView = expect_json(
        app.post(
            "/api/v1/quotations",
            Some(token),
            &json!({ "company_id": company, "title": "Website", "valid_until": valid_until, "lines": [{ "description": "Design", "quantity": "1", "unit_price": "100.00", "vat_rate": "21" }] }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    created.summary.id
}

/// A quotation sent to the company; returns (quotation id, public token).
async fn sent_quotation(app: &TestApp, token: &str, company: Uuid) -> (Uuid, String) {
    let id = quotation(app, token, company).await;
    let sent: QuotationSent = expect_json(
        app.post(
            &format!("/api/v1/quotations/{id}/send"),
            Some(token),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let public = sent
        .public_url
        .rsplit('/')
        .next()
        .expect("a token")
        .to_owned();
    (id, public)
}

fn domain_events(app: &TestApp, tenant: Uuid, kind: &str) -> usize {
    let mut conn = app.database.get().expect("a connection");
    ecom_storage::events::list_for_tenant(&mut conn, ecom_domain::TenantId(tenant), 10_000)
        .expect("events")
        .into_iter()
        .filter(|e| e.kind == kind)
        .count()
}

#[tokio::test]
async fn a_quotation_is_answered_once_and_invoiced_once() {
    let app = TestApp::spawn().await;
    let (token, tenant, company) = seller(&app).await;
    // A draft sent 32 times at once: sent each time (a resend replaces the
    // link) but numbered once, so the next quotation takes number 2.
    let first = quotation(&app, &token, company).await;
    let path = format!("/api/v1/quotations/{first}/send");
    let answers = burst(
        (0..BURST)
            .map(|_| {
                app.request(Method::POST, &path, Some(&token))
                    .json(&json!({}))
            })
            .collect(),
    )
    .await;
    assert_outcome(&answers, StatusCode::OK, BURST, &[]);
    let numbers: std::collections::BTreeSet<String> = answers
        .iter()
        .map(|a| {
            let sent: QuotationSent = serde_json::from_str(&a.body).expect("a sent quotation");
            sent.quotation.summary.number.unwrap_or_default()
        })
        .collect();
    assert_eq!(
        numbers.len(),
        1,
        "one number for one quotation: {numbers:?}"
    );
    // 32 accepts at once: one acceptance.
    let (id, public) = sent_quotation(&app, &token, company).await;
    let second: QuotationView = expect_json(
        app.get(&format!("/api/v1/quotations/{id}"), Some(&token))
            .await,
        StatusCode::OK,
    )
    .await;
    let year = chrono::Datelike::year(&app.clock.now().date_naive());
    assert_eq!(
        second.summary.number,
        Some(format!("OFF-{year}-000002")),
        "no number was lost to the concurrent sends"
    );
    let accept = format!("/api/v1/public/quotations/{public}/accept");
    let answers = burst(
        (0..BURST)
            .map(|_| app.request(Method::POST, &accept, None).json(&json!({})))
            .collect(),
    )
    .await;
    assert_outcome(
        &answers,
        StatusCode::OK,
        1,
        &[(StatusCode::CONFLICT, "already_answered")],
    );
    assert_eq!(
        domain_events(&app, tenant, "quotation.accepted"),
        1,
        "one acceptance recorded"
    );
    // Invoiced 32 times at once (and issued): one sales invoice, one number.
    let path = format!("/api/v1/quotations/{id}/invoice");
    let answers = burst(
        (0..BURST)
            .map(|_| {
                app.request(Method::POST, &path, Some(&token))
                    .json(&json!({ "issue": true }))
            })
            .collect(),
    )
    .await;
    assert_outcome(
        &answers,
        StatusCode::CREATED,
        1,
        &[(StatusCode::CONFLICT, "already_invoiced")],
    );
    assert_eq!(sequences(&app, Some(tenant), "F"), vec![1]);
    assert_eq!(domain_events(&app, tenant, "quotation.invoiced"), 1);
    assert_eq!(domain_events(&app, tenant, "invoice.issued"), 1);

    // Accepts and declines at once on another quotation: one answer wins.
    let (_, public) = sent_quotation(&app, &token, company).await;
    let answers = burst(
        (0..BURST)
            .map(|i| {
                let verb = if i % 2 == 0 { "accept" } else { "decline" };
                app.request(
                    Method::POST,
                    &format!("/api/v1/public/quotations/{public}/{verb}"),
                    None,
                )
                .json(&json!({}))
            })
            .collect(),
    )
    .await;
    assert_outcome(
        &answers,
        StatusCode::OK,
        1,
        &[(StatusCode::CONFLICT, "already_answered")],
    );
    let answered = domain_events(&app, tenant, "quotation.accepted")
        + domain_events(&app, tenant, "quotation.declined");
    assert_eq!(answered, 2, "one more answer recorded");
}

#[tokio::test]
async fn orders_at_once_make_one_contract_and_one_invoice() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Acme", &email("acme")).await;
    let answers = burst(
        (0..BURST)
            .map(|_| {
                app.request(Method::POST, "/api/v1/contract/order", Some(&signed.access))
                    .json(&json!({ "term_length": "year" }))
            })
            .collect(),
    )
    .await;
    assert_outcome(
        &answers,
        StatusCode::CREATED,
        1,
        &[(StatusCode::CONFLICT, "contract_exists")],
    );
    let invoices: InvoiceList = expect_json(
        app.get("/api/v1/invoices", Some(&signed.access)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(invoices.items.len(), 1);
    let series = invoices.items[0]
        .number
        .split('-')
        .next()
        .expect("a series")
        .to_owned();
    assert_eq!(
        sequences(&app, None, &series),
        vec![1],
        "no gaps in the operator's series"
    );
}

/// A tenant with an ordered contract and its one invoice; (token, tenant, operator token).
async fn client_with_invoice(app: &TestApp) -> (String, Uuid, String) {
    let signed = app.signup("Acme", &email("acme")).await;
    let ordered = app
        .post(
            "/api/v1/contract/order",
            Some(&signed.access),
            &json!({ "term_length": "year" }),
        )
        .await;
    assert_eq!(ordered.status(), StatusCode::CREATED);
    (signed.access, signed.tenant_id, app.operator().await)
}

fn operator_payment(
    app: &TestApp,
    op: &str,
    tenant: Uuid,
    amount: &str,
    key: &str,
) -> reqwest::RequestBuilder {
    app.request(Method::POST, "/api/v1/operator/payments", Some(op))
        .header("Idempotency-Key", key)
        .json(&json!({ "tenant_id": tenant, "amount": amount, "received_on": app.clock.now().date_naive() }))
}

/// The operator's ledger of one Client: the payment rows and what the statement says.
fn operator_payment_rows(app: &TestApp, tenant: Uuid) -> Vec<i64> {
    use diesel::{ExpressionMethods, QueryDsl, RunQueryDsl};
    use ecom_storage::schema::payments::dsl as p;
    let mut conn = app.database.get().expect("a connection");
    p::payments
        .filter(p::payer_tenant_id.eq(tenant.to_string()))
        .select(p::amount_cents)
        .load(&mut *conn)
        .expect("payment rows")
}

#[tokio::test]
async fn operator_payments_at_once_are_each_recorded_once() {
    let app = TestApp::spawn().await;
    let (token, tenant, op) = client_with_invoice(&app).await;
    // One key sent 32 times: one payment.
    let key = Uuid::new_v4().to_string();
    let answers = burst(
        (0..BURST)
            .map(|_| operator_payment(&app, &op, tenant, "10.00", &key))
            .collect(),
    )
    .await;
    let summary: Vec<String> = answers
        .iter()
        .map(|a| format!("{} {:?}", a.status, a.code))
        .collect();
    assert!(
        answers.iter().all(|a| a.status == StatusCode::CREATED
            || (a.status == StatusCode::CONFLICT
                && a.code.as_deref() == Some("idempotency_request_in_progress"))),
        "{summary:?}"
    );
    let ids: std::collections::BTreeSet<Uuid> = answers
        .iter()
        .filter(|a| a.status == StatusCode::CREATED)
        .map(|a| {
            serde_json::from_str::<PaymentView>(&a.body)
                .expect("a payment")
                .id
        })
        .collect();
    assert_eq!(ids.len(), 1, "every 201 is the same payment: {summary:?}");
    assert_eq!(operator_payment_rows(&app, tenant), vec![1000]);
    // 32 keys: 32 payments, each allocated once; the statement adds up.
    let answers = burst(
        (0..BURST)
            .map(|_| operator_payment(&app, &op, tenant, "1.00", &Uuid::new_v4().to_string()))
            .collect(),
    )
    .await;
    assert_outcome(&answers, StatusCode::CREATED, BURST, &[]);
    let rows = operator_payment_rows(&app, tenant);
    assert_eq!(rows.len(), BURST + 1);
    let statement: StatementView = expect_json(
        app.get("/api/v1/billing/statement", Some(&token)).await,
        StatusCode::OK,
    )
    .await;
    let settled: i64 = statement.settlements.iter().map(|s| cents(s.amount)).sum();
    assert_eq!(
        settled,
        rows.iter().sum::<i64>(),
        "every payment is on the statement once"
    );
}

fn sign(secret: &str, timestamp: i64, body: &str) -> String {
    use hmac::{Hmac, Mac};
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()).expect("a key");
    mac.update(format!("{timestamp}.{body}").as_bytes());
    format!(
        "t={timestamp},v1={}",
        hex::encode(mac.finalize().into_bytes())
    )
}

#[tokio::test]
async fn one_webhook_event_delivered_at_once_pays_once() {
    let secret = "whsec_race_0123456789abcdef";
    let app = TestApp::spawn_with(move |s| s.payment_webhook_secret = Some(secret.into())).await;
    let (_, tenant, _) = client_with_invoice(&app).await;
    let body = json!({ "event_id": "evt_race", "tenant_id": tenant, "amount": "25.00", "received_on": app.clock.now().date_naive() }).to_string();
    let now = app.clock.now().timestamp();
    let answers = burst(
        (0..BURST)
            .map(|_| {
                app.client
                    .post(app.url("/api/v1/webhooks/payments"))
                    .header("Ecom-Signature", sign(secret, now, &body))
                    .header("content-type", "application/json")
                    .body(body.clone())
            })
            .collect(),
    )
    .await;
    // The provider retries until it gets a 2xx: every answer is the one payment.
    assert_outcome(&answers, StatusCode::CREATED, BURST, &[]);
    let ids: std::collections::BTreeSet<Uuid> = answers
        .iter()
        .map(|a| {
            serde_json::from_str::<PaymentView>(&a.body)
                .expect("a payment")
                .id
        })
        .collect();
    assert_eq!(ids.len(), 1);
    assert_eq!(operator_payment_rows(&app, tenant), vec![2500]);
}

#[tokio::test]
async fn operator_credit_notes_at_once_credit_an_invoice_once() {
    let app = TestApp::spawn().await;
    let (token, _, op) = client_with_invoice(&app).await;
    let invoices: InvoiceList = expect_json(
        app.get("/api/v1/invoices", Some(&token)).await,
        StatusCode::OK,
    )
    .await;
    let path = format!(
        "/api/v1/operator/invoices/{}/credit-note",
        invoices.items[0].id
    );
    let answers = burst(
        (0..BURST)
            .map(|_| {
                app.request(Method::POST, &path, Some(&op))
                    .json(&json!({ "reason": "Wrong plan" }))
            })
            .collect(),
    )
    .await;
    assert_outcome(
        &answers,
        StatusCode::CREATED,
        1,
        &[(StatusCode::CONFLICT, "already_credited")],
    );
    let invoices: InvoiceList = expect_json(
        app.get("/api/v1/invoices", Some(&token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        invoices
            .items
            .iter()
            .filter(|i| i.kind == "credit_note")
            .count(),
        1
    );
}

#[tokio::test]
async fn project_time_is_invoiced_and_marked_billed_once() {
    let app = TestApp::spawn().await;
    let (token, tenant, company) = seller(&app).await;
    let mut projects = Vec::new();
    for name in ["Website", "Shop"] {
        let project: Value = expect_json(
            app.post(
                "/api/v1/projects",
                Some(&token),
                &json!({ "name": name, "company_id": company, "hourly_rate": "60" }),
            )
            .await,
            StatusCode::CREATED,
        )
        .await;
        projects.push(project["id"].as_str().expect("project id").to_owned());
    }
    let today = ecom_domain::calendar::belgian_date(app.clock.now());
    let mut entries = Vec::new();
    for project in &projects {
        let entry: Value = expect_json(
            app.post("/api/v1/time-entries", Some(&token), &json!({ "project_id": project, "date": today, "minutes": 60, "description": "Work", "billable": true })).await,
            StatusCode::CREATED,
        )
        .await;
        entries.push(entry["id"].as_str().expect("entry id").to_owned());
    }
    // The first project invoiced 32 times at once: one draft.
    let path = format!("/api/v1/projects/{}/invoice", projects[0]);
    let answers = burst(
        (0..BURST)
            .map(|_| {
                app.request(Method::POST, &path, Some(&token))
                    .json(&json!({}))
            })
            .collect(),
    )
    .await;
    assert_outcome(
        &answers,
        StatusCode::CREATED,
        1,
        &[(StatusCode::UNPROCESSABLE_ENTITY, "nothing_billable")],
    );
    let drafts: Value = expect_json(
        app.get("/api/v1/sales-invoices", Some(&token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(drafts["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(domain_events(&app, tenant, "invoice.created"), 1);
    // The second marked billed 32 times at once: once.
    let path = format!("/api/v1/projects/{}/billable/mark-billed", projects[1]);
    let answers = burst(
        (0..BURST)
            .map(|i| {
                app.request(Method::POST, &path, Some(&token))
                    .json(&json!({ "time_entry_ids": [entries[1]], "invoice_reference": format!("INV-{i}") }))
            })
            .collect(),
    )
    .await;
    assert_outcome(
        &answers,
        StatusCode::OK,
        1,
        &[(StatusCode::CONFLICT, "not_billable")],
    );
    assert_eq!(domain_events(&app, tenant, "time_entry.updated"), 2);
}

#[tokio::test]
async fn invitations_at_once_never_exceed_the_seats_ordered() {
    let app = TestApp::spawn().await;
    let signed = app.signup("Acme", &email("acme")).await;
    // The Administrator and one extra seat.
    let ordered = app
        .post(
            "/api/v1/contract/order",
            Some(&signed.access),
            &json!({ "term_length": "year", "extra_seats": 1 }),
        )
        .await;
    assert_eq!(ordered.status(), StatusCode::CREATED);
    app.pay_everything(signed.tenant_id).await;
    let answers = burst(
        (0..BURST)
            .map(|_| {
                app.request(Method::POST, "/api/v1/users", Some(&signed.access))
                    .json(&json!({ "email": email("user"), "first_name": "Jan", "last_name": "Janssens" }))
            })
            .collect(),
    )
    .await;
    assert_outcome(
        &answers,
        StatusCode::CREATED,
        1,
        &[(StatusCode::UNPROCESSABLE_ENTITY, "seat_limit_reached")],
    );
}
