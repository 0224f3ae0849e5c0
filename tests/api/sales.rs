//! A tenant selling to its own customers: invoicing settings, quotations
//! (public accept/decline link), sales invoices (numbering, credit notes,
//! payments, reminders with late-payment charges, PDF, Peppol UBL), tenancy.

use chrono::{DateTime, TimeZone, Utc};
use diesel::RunQueryDsl;
use ecom_tests::{email, expect_json, expect_problem, SmtpSink, TestApp};
use ecom_types::page::Page;
use ecom_types::sales::{
    InvoicingSettingsView, PublicQuotationView, QuotationSent, QuotationSummary, QuotationView,
    RevenueView, SalesInvoiceSummary, SalesInvoiceView,
};
use reqwest::{Method, StatusCode};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;
use uuid::Uuid;

fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A tenant with a VAT number (the seller) and its Administrator's token.
async fn seller(app: &TestApp, name: &str) -> (String, Uuid) {
    seller_with(app, name, "BE0123456749").await.0
}

/// A seller with a yearly plan of the sales modules, paid (so the clock can
/// move for months); also returns the Administrator's e-mail for fresh tokens.
async fn seller_with(app: &TestApp, name: &str, vat: &str) -> ((String, Uuid), String) {
    let admin = email("admin");
    let mut body = ecom_tests::signup_body(name, &admin);
    body["company"]["vat_number"] = json!(vat);
    let created: ecom_types::auth::SignupResponse = expect_json(
        app.post("/api/v1/signup", None, &body).await,
        StatusCode::CREATED,
    )
    .await;
    let token = created.session.access_token;
    let order = app
        .post(
            "/api/v1/contract/order",
            Some(&token),
            &json!({ "term_length": "year", "modules": ["crm", "quotations", "invoicing"] }),
        )
        .await;
    assert_eq!(
        order.status(),
        StatusCode::CREATED,
        "{}",
        order.text().await.unwrap()
    );
    app.pay_everything(created.tenant.id).await;
    ((token, created.tenant.id), admin)
}

/// A company of the tenant, written as the CRM stores it.
fn company(app: &TestApp, tenant: Uuid, name: &str, vat: Option<&str>, mail: Option<&str>) -> Uuid {
    use ecom_storage::schema::companies::dsl as c;
    let id = Uuid::now_v7();
    let now = Utc::now().naive_utc();
    let mut conn = app.database.get().unwrap();
    diesel::insert_into(c::companies)
        .values((
            c::id.eq(id.to_string()),
            c::tenant_id.eq(tenant.to_string()),
            c::name.eq(name),
            c::vat_number.eq(vat),
            c::email.eq(mail),
            c::street.eq(Some("Veldstraat 10")),
            c::postal_code.eq(Some("9000")),
            c::city.eq(Some("Gent")),
            c::country.eq(Some("BE")),
            c::tags.eq("[]"),
            c::created_at.eq(now),
            c::updated_at.eq(now),
        ))
        .execute(&mut *conn)
        .unwrap();
    id
}

/// A contact (a consumer when invoiced without a company).
fn contact(app: &TestApp, tenant: Uuid, mail: &str) -> Uuid {
    use ecom_storage::schema::contacts::dsl as c;
    let id = Uuid::now_v7();
    let now = Utc::now().naive_utc();
    let mut conn = app.database.get().unwrap();
    diesel::insert_into(c::contacts)
        .values((
            c::id.eq(id.to_string()),
            c::tenant_id.eq(tenant.to_string()),
            c::first_name.eq("Els"),
            c::last_name.eq("Maes"),
            c::email.eq(Some(mail)),
            c::country.eq(Some("BE")),
            c::tags.eq("[]"),
            c::marketing_consent.eq(false),
            c::created_at.eq(now),
            c::updated_at.eq(now),
        ))
        .execute(&mut *conn)
        .unwrap();
    id
}

use diesel::ExpressionMethods;

async fn put(app: &TestApp, path: &str, token: &str, body: &Value) -> reqwest::Response {
    app.request(Method::PUT, path, Some(token))
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn settings(app: &TestApp, token: &str, policy: &str) -> InvoicingSettingsView {
    expect_json(
        put(
            app,
            "/api/v1/invoicing/settings",
            token,
            &json!({
                "invoice_prefix": "F", "quotation_prefix": "OFF", "iban": "BE68 5390 0754 7034", "bic": "GKCCBEBB",
                "payment_term_days": 30, "late_payment_policy": policy, "default_vat_rate": "21"
            }),
        )
        .await,
        StatusCode::OK,
    )
    .await
}

fn lines() -> Value {
    json!([
        { "description": "Website design", "quantity": "3", "unit_price": "450.00", "vat_rate": "21", "discount_percent": "10" },
        { "description": "Printed brochure", "quantity": "100", "unit_price": "0.855", "vat_rate": "6" }
    ])
}

fn unfold(raw: &str) -> String {
    raw.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

fn pdf_text(bytes: &[u8]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[tokio::test]
async fn settings_validate_the_iban_policy_and_logo() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 3, 2, 9));
    let signed = app.signup("Drukkerij Claes", &email("admin")).await; // a trial: every module
    let token = signed.access.clone();
    let defaults: InvoicingSettingsView = expect_json(
        app.get("/api/v1/invoicing/settings", Some(&token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(defaults.next_invoice_number, "F-2026-000001");
    assert_eq!(defaults.late_payment_policy, "statutory");
    // H1 2026: ECB 2.15 % + 8, rounded up to the half point.
    assert_eq!(defaults.statutory_rate, dec("10.5"));
    assert!(defaults.statutory_rate_recorded);
    assert_eq!(defaults.seller_name, "Drukkerij Claes");

    let bad = put(
        &app,
        "/api/v1/invoicing/settings",
        &token,
        &json!({
            "invoice_prefix": "F-X", "quotation_prefix": "CN", "iban": "BE68 5390 0754 7035", "bic": "NOPE",
            "payment_term_days": 400, "late_payment_policy": "contractual", "default_vat_rate": "19"
        }),
    )
    .await;
    let problem = expect_problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let fields: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
    for f in [
        "invoice_prefix",
        "quotation_prefix",
        "iban",
        "bic",
        "payment_term_days",
        "contractual_rate",
        "default_vat_rate",
    ] {
        assert!(fields.contains(&f), "{f} missing in {fields:?}");
    }
    let saved = settings(&app, &token, "statutory").await;
    assert_eq!(saved.iban.as_deref(), Some("BE68539007547034"));
    assert_eq!(saved.next_quotation_number, "OFF-2026-000001");

    // Logo: a real PNG is kept; anything else is refused.
    use base64::Engine;
    let png = base64::engine::general_purpose::STANDARD
        .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
        .unwrap();
    let up = app
        .request(Method::PUT, "/api/v1/invoicing/settings/logo", Some(&token))
        .header("Content-Type", "image/png")
        .body(png.clone())
        .send()
        .await
        .unwrap();
    let with_logo: InvoicingSettingsView = expect_json(up, StatusCode::OK).await;
    assert!(with_logo.has_logo);
    assert_eq!(with_logo.logo_media_type.as_deref(), Some("image/png"));
    let got = app
        .get("/api/v1/invoicing/settings/logo", Some(&token))
        .await;
    assert_eq!(got.bytes().await.unwrap().to_vec(), png);
    let gif = app
        .request(Method::PUT, "/api/v1/invoicing/settings/logo", Some(&token))
        .body(b"GIF89a\x01\x00".to_vec())
        .send()
        .await
        .unwrap();
    expect_problem(gif, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let huge = app
        .request(Method::PUT, "/api/v1/invoicing/settings/logo", Some(&token))
        .body(vec![0u8; 600 * 1024])
        .send()
        .await
        .unwrap();
    expect_problem(huge, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;

    // A User who is not the Administrator cannot change them.
    let (_, user) = app.add_user(&token, &email("jan")).await;
    expect_problem(
        app.get("/api/v1/invoicing/settings", Some(&user)).await,
        StatusCode::FORBIDDEN,
        "administrator_only",
    )
    .await;
}

#[tokio::test]
async fn a_quotation_is_sent_accepted_through_the_public_link_and_invoiced_once() {
    let smtp = SmtpSink::start();
    let url = smtp.url.clone();
    let app = TestApp::spawn_with(move |s| {
        s.smtp_url = Some(url);
        s.public_url = "https://app.ecom.example".into();
    })
    .await;
    app.clock.set(utc(2026, 3, 2, 9));
    let (token, tenant) = seller(&app, "Studio Vermeulen").await;
    settings(&app, &token, "statutory").await;
    let customer_mail = email("klant");
    let acme = company(
        &app,
        tenant,
        "Acme NV",
        Some("BE0417497106"),
        Some(&customer_mail),
    );

    let created: QuotationView = expect_json(
        app.post("/api/v1/quotations", Some(&token), &json!({ "company_id": acme, "title": "New website", "valid_until": "2026-03-31", "lines": lines() })).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(created.summary.status, "draft");
    assert_eq!(created.summary.number, None);
    // 3 × 450 − 10 % = 1215.00 at 21 %; 100 × 0.855 = 85.50 at 6 %.
    assert_eq!(created.lines[0].discount_amount, dec("135.00"));
    assert_eq!(created.lines[1].net_amount, dec("85.50"));
    assert_eq!(created.totals.total_excl_vat, dec("1300.50"));
    assert_eq!(created.totals.vat, dec("260.28")); // 255.15 + 5.13
    assert_eq!(created.totals.total_incl_vat, dec("1560.78"));
    assert_eq!(created.customer.vat_number.as_deref(), Some("BE0417497106"));

    // Invoicing before acceptance is refused.
    let convert = format!("/api/v1/quotations/{}/invoice", created.summary.id);
    expect_problem(
        app.post(&convert, Some(&token), &json!({})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not_accepted",
    )
    .await;

    let sent: QuotationSent = expect_json(
        app.post(
            &format!("/api/v1/quotations/{}/send", created.summary.id),
            Some(&token),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        sent.quotation.summary.number.as_deref(),
        Some("OFF-2026-000001")
    );
    assert_eq!(sent.quotation.summary.status, "sent");
    assert_eq!(sent.sent_to, customer_mail);
    let token_part = sent.public_url.rsplit('/').next().unwrap().to_owned();
    assert!(sent.public_url.starts_with("https://app.ecom.example/q/") && token_part.len() >= 40);
    // A sent quotation is what the customer received: no more edits.
    let edit = put(
        &app,
        &format!("/api/v1/quotations/{}", created.summary.id),
        &token,
        &json!({ "company_id": acme, "valid_until": "2026-03-31", "lines": lines() }),
    )
    .await;
    expect_problem(edit, StatusCode::CONFLICT, "not_a_draft").await;

    // The e-mail carries the link.
    app.jobs.run_once().await.unwrap();
    let mails: Vec<String> = smtp
        .messages()
        .into_iter()
        .map(|m| unfold(&m))
        .filter(|m| m.contains("OFF-2026-000001"))
        .collect();
    assert_eq!(mails.len(), 1, "one quotation e-mail");
    assert!(mails[0].contains(&format!("To: {customer_mail}")));
    assert!(mails[0].contains(&sent.public_url), "{}", mails[0]);
    assert!(mails[0].contains("1560.78"));

    // The customer reads and accepts it without an account.
    let public: PublicQuotationView = expect_json(
        app.get(&format!("/api/v1/public/quotations/{token_part}"), None)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(public.seller_name, "Studio Vermeulen");
    assert_eq!(public.totals.total_incl_vat, dec("1560.78"));
    expect_problem(
        app.get("/api/v1/public/quotations/not-a-real-token", None)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let accepted: PublicQuotationView = expect_json(
        app.post(
            &format!("/api/v1/public/quotations/{token_part}/accept"),
            None,
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(accepted.status, "accepted");
    expect_problem(
        app.post(
            &format!("/api/v1/public/quotations/{token_part}/decline"),
            None,
            &json!({}),
        )
        .await,
        StatusCode::CONFLICT,
        "already_answered",
    )
    .await;

    // One step to an issued invoice, linked both ways; not twice.
    let invoice: SalesInvoiceView = expect_json(
        app.post(&convert, Some(&token), &json!({ "issue": true }))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(invoice.summary.number.as_deref(), Some("F-2026-000001"));
    assert_eq!(invoice.summary.quotation_id, Some(created.summary.id));
    assert_eq!(invoice.summary.status, "open");
    assert_eq!(invoice.totals.total_incl_vat, dec("1560.78"));
    let again = app
        .post(&convert, Some(&token), &json!({ "issue": true }))
        .await;
    expect_problem(again, StatusCode::CONFLICT, "already_invoiced").await;
    let quotation: QuotationView = expect_json(
        app.get(
            &format!("/api/v1/quotations/{}", created.summary.id),
            Some(&token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(quotation.summary.sales_invoice_id, Some(invoice.summary.id));

    // Documents: the quotation PDF and the invoice PDF and Peppol UBL.
    let pdf = app
        .get(
            &format!("/api/v1/quotations/{}/pdf", created.summary.id),
            Some(&token),
        )
        .await
        .bytes()
        .await
        .unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    if let Some(text) = pdf_text(&pdf) {
        assert!(
            text.contains("QUOTATION")
                && text.contains("OFF-2026-000001")
                && text.contains("Valid until"),
            "{text}"
        );
    }
    let pdf = app
        .get(
            &format!("/api/v1/sales-invoices/{}/pdf", invoice.summary.id),
            Some(&token),
        )
        .await
        .bytes()
        .await
        .unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    if let Some(text) = pdf_text(&pdf) {
        assert!(
            text.contains("F-2026-000001")
                && text.contains("Studio Vermeulen")
                && text.contains("Acme NV"),
            "{text}"
        );
        assert!(
            text.contains(invoice.structured_communication.as_deref().unwrap()),
            "{text}"
        );
        assert!(
            text.contains("BE68 5390 0754 7034"),
            "the tenant's IBAN: {text}"
        );
    }
    let xml = app
        .get(
            &format!("/api/v1/sales-invoices/{}/ubl", invoice.summary.id),
            Some(&token),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(
        xml.contains("F-2026-000001")
            && xml.contains("BE68539007547034")
            && xml.contains("0417497106")
    );
    ecom_tests::validate_ubl(&xml);
}

#[tokio::test]
async fn quotation_validation_expiry_and_deletion() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 3, 2, 9));
    let ((mut token, tenant), admin) = seller_with(&app, "Studio Vermeulen", "BE0123456749").await;
    let acme = company(&app, tenant, "Acme NV", None, Some(&email("acme")));
    let silent = company(&app, tenant, "Zonder Mail BV", None, None);

    let bad = app
        .post(
            "/api/v1/quotations",
            Some(&token),
            &json!({ "company_id": Uuid::now_v7(), "valid_until": "2026-03-01", "lines": [
                { "description": " ", "quantity": "0", "unit_price": "-1", "vat_rate": "19", "discount_percent": "120" }
            ] }),
        )
        .await;
    let problem = expect_problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
    let fields: Vec<&str> = problem.errors.iter().map(|e| e.field.as_str()).collect();
    for f in [
        "company_id",
        "valid_until",
        "lines[0].description",
        "lines[0].quantity",
        "lines[0].unit_price",
        "lines[0].vat_rate",
        "lines[0].discount_percent",
    ] {
        assert!(fields.contains(&f), "{f} missing in {fields:?}");
    }
    let no_customer = app
        .post(
            "/api/v1/quotations",
            Some(&token),
            &json!({ "valid_until": "2026-03-31", "lines": lines() }),
        )
        .await;
    expect_problem(
        no_customer,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let unknown_field = app.post("/api/v1/quotations", Some(&token), &json!({ "company_id": acme, "valid_until": "2026-03-31", "lines": lines(), "total": 1 })).await;
    expect_problem(
        unknown_field,
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid_body",
    )
    .await;

    // No e-mail address: cannot be sent.
    let q: QuotationView = expect_json(
        app.post(
            "/api/v1/quotations",
            Some(&token),
            &json!({ "company_id": silent, "valid_until": "2026-03-31", "lines": lines() }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    expect_problem(
        app.post(
            &format!("/api/v1/quotations/{}/send", q.summary.id),
            Some(&token),
            &json!({}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "customer_without_email",
    )
    .await;
    // A draft can be edited and deleted (audited).
    let edited: QuotationView = expect_json(
        put(&app, &format!("/api/v1/quotations/{}", q.summary.id), &token, &json!({ "company_id": acme, "title": "Edited", "valid_until": "2026-03-20", "lines": lines() })).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(edited.summary.title.as_deref(), Some("Edited"));
    assert_eq!(
        app.delete(
            &format!("/api/v1/quotations/{}", q.summary.id),
            Some(&token)
        )
        .await
        .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(
            &format!("/api/v1/quotations/{}", q.summary.id),
            Some(&token)
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );

    // Sent, then expired: accepting is refused with a clear problem.
    let q: QuotationView = expect_json(
        app.post(
            "/api/v1/quotations",
            Some(&token),
            &json!({ "company_id": acme, "valid_until": "2026-03-10", "lines": lines() }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let sent: QuotationSent = expect_json(
        app.post(
            &format!("/api/v1/quotations/{}/send", q.summary.id),
            Some(&token),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let link = sent.public_url.rsplit('/').next().unwrap().to_owned();
    expect_problem(
        app.delete(
            &format!("/api/v1/quotations/{}", q.summary.id),
            Some(&token),
        )
        .await,
        StatusCode::CONFLICT,
        "not_a_draft",
    )
    .await;
    app.clock.set(utc(2026, 3, 10, 21)); // still 10 March in Brussels
    let public: PublicQuotationView = expect_json(
        app.get(&format!("/api/v1/public/quotations/{link}"), None)
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(public.status, "sent");
    app.clock.set(utc(2026, 3, 11, 9));
    token = app.token(&admin).await;
    let problem = expect_problem(
        app.post(
            &format!("/api/v1/public/quotations/{link}/accept"),
            None,
            &json!({}),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "quotation_expired",
    )
    .await;
    assert!(problem.detail.contains("2026-03-10"), "{}", problem.detail);
    let expired: Page<QuotationSummary> = expect_json(
        app.get("/api/v1/quotations?status=expired", Some(&token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        expired.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![q.summary.id]
    );
    expect_problem(
        app.get("/api/v1/quotations?status=lost", Some(&token))
            .await,
        StatusCode::BAD_REQUEST,
        "invalid_status",
    )
    .await;
    expect_problem(
        app.get("/api/v1/quotations?sort=secret", Some(&token))
            .await,
        StatusCode::BAD_REQUEST,
        "invalid_sort",
    )
    .await;

    // A new send of a valid quotation replaces the link; a declined one stays declined.
    let q2: QuotationView = expect_json(
        app.post(
            "/api/v1/quotations",
            Some(&token),
            &json!({ "company_id": acme, "valid_until": "2026-04-30", "lines": lines() }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let first: QuotationSent = expect_json(
        app.post(
            &format!("/api/v1/quotations/{}/send", q2.summary.id),
            Some(&token),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let second: QuotationSent = expect_json(
        app.post(
            &format!("/api/v1/quotations/{}/send", q2.summary.id),
            Some(&token),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        first.quotation.summary.number, second.quotation.summary.number,
        "numbered once"
    );
    let old = first.public_url.rsplit('/').next().unwrap().to_owned();
    let new = second.public_url.rsplit('/').next().unwrap().to_owned();
    expect_problem(
        app.get(&format!("/api/v1/public/quotations/{old}"), None)
            .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let declined: PublicQuotationView = expect_json(
        app.post(
            &format!("/api/v1/public/quotations/{new}/decline"),
            None,
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(declined.status, "declined");
    let list: Page<QuotationSummary> = expect_json(
        app.get("/api/v1/quotations?status=declined", Some(&token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(list.items.len(), 1);
}

async fn draft(app: &TestApp, token: &str, customer: Value, lines: Value) -> SalesInvoiceView {
    let mut body = customer;
    body["lines"] = lines;
    expect_json(
        app.post("/api/v1/sales-invoices", Some(token), &body).await,
        StatusCode::CREATED,
    )
    .await
}

#[tokio::test]
async fn sales_invoices_are_numbered_credited_paid_and_listed() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 3, 2, 9));
    let ((mut token, tenant), admin) = seller_with(&app, "Studio Vermeulen", "BE0123456749").await;
    let acme = company(
        &app,
        tenant,
        "Acme NV",
        Some("BE0417497106"),
        Some(&email("acme")),
    );
    let els = contact(&app, tenant, &email("els"));

    let first = draft(&app, &token, json!({ "company_id": acme }), lines()).await;
    assert_eq!(first.summary.status, "draft");
    // Issuing needs the IBAN in the settings.
    let issue = format!("/api/v1/sales-invoices/{}/issue", first.summary.id);
    expect_problem(
        app.post(&issue, Some(&token), &json!({})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "iban_missing",
    )
    .await;
    settings(&app, &token, "statutory").await;
    // A draft can be edited.
    let edited: SalesInvoiceView = expect_json(
        put(
            &app,
            &format!("/api/v1/sales-invoices/{}", first.summary.id),
            &token,
            &json!({ "company_id": acme, "notes": "PO 4411", "lines": [
            { "description": "Consulting", "quantity": "10", "unit_price": "100" }
        ] }),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        edited.totals.total_incl_vat,
        dec("1210.00"),
        "default VAT 21 %"
    );
    let bad = put(
        &app,
        &format!("/api/v1/sales-invoices/{}", first.summary.id),
        &token,
        &json!({ "company_id": acme, "lines": [] }),
    )
    .await;
    expect_problem(bad, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;

    let issued: SalesInvoiceView = expect_json(
        app.post(&issue, Some(&token), &json!({})).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(issued.summary.number.as_deref(), Some("F-2026-000001"));
    assert_eq!(
        issued.summary.issue_date,
        Some(chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap())
    );
    assert_eq!(
        issued.summary.due_date,
        Some(chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()),
        "30 days"
    );
    let comm = issued.structured_communication.clone().unwrap();
    assert!(
        comm.starts_with("+++") && comm.ends_with("+++") && comm.len() == 20,
        "{comm}"
    );
    assert_eq!(issued.balance.as_ref().unwrap().total, dec("1210.00"));
    expect_problem(
        app.post(&issue, Some(&token), &json!({})).await,
        StatusCode::CONFLICT,
        "already_issued",
    )
    .await;
    let edit = put(
        &app,
        &format!("/api/v1/sales-invoices/{}", first.summary.id),
        &token,
        &json!({ "company_id": acme, "lines": lines() }),
    )
    .await;
    expect_problem(edit, StatusCode::CONFLICT, "already_issued").await;
    expect_problem(
        app.delete(
            &format!("/api/v1/sales-invoices/{}", first.summary.id),
            Some(&token),
        )
        .await,
        StatusCode::CONFLICT,
        "already_issued",
    )
    .await;

    // The next issue takes the next number, no gap; a consumer (a contact alone) too.
    let second = draft(&app, &token, json!({ "contact_id": els }), json!([{ "description": "Workshop", "quantity": "1", "unit_price": "200", "vat_rate": "21" }])).await;
    let second: SalesInvoiceView = expect_json(
        app.post(
            &format!("/api/v1/sales-invoices/{}/issue", second.summary.id),
            Some(&token),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(second.summary.number.as_deref(), Some("F-2026-000002"));
    let pdf = app
        .get(
            &format!("/api/v1/sales-invoices/{}/pdf", second.summary.id),
            Some(&token),
        )
        .await;
    assert_eq!(pdf.status(), StatusCode::OK, "a consumer gets a PDF");
    // A consumer has no Peppol address: UBL is refused clearly.
    expect_problem(
        app.get(
            &format!("/api/v1/sales-invoices/{}/ubl", second.summary.id),
            Some(&token),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "document_not_producible",
    )
    .await;
    let third = draft(&app, &token, json!({ "company_id": acme }), lines()).await;
    expect_problem(
        app.get(
            &format!("/api/v1/sales-invoices/{}/pdf", third.summary.id),
            Some(&token),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not_issued",
    )
    .await;
    {
        let mut conn = app.database.get().unwrap();
        let seqs = ecom_storage::invoices::seller_sequences(
            &mut conn,
            ecom_domain::TenantId(tenant),
            "F",
            2026,
        )
        .unwrap();
        assert_eq!(seqs, vec![1, 2]);
    }

    // A partial credit note: one day of ten.
    let credit = format!("/api/v1/sales-invoices/{}/credit-note", first.summary.id);
    expect_problem(
        app.post(&credit, Some(&token), &json!({ "reason": "" }))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let too_much = app.post(&credit, Some(&token), &json!({ "reason": "x", "lines": [{ "description": "Consulting", "quantity": "11", "unit_price": "100", "vat_rate": "21" }] })).await;
    expect_problem(
        too_much,
        StatusCode::UNPROCESSABLE_ENTITY,
        "credit_note_refused",
    )
    .await;
    let credited: SalesInvoiceView = expect_json(
        app.post(&credit, Some(&token), &json!({ "reason": "One day was not worked", "lines": [{ "description": "Consulting", "quantity": "1", "unit_price": "100", "vat_rate": "21" }] })).await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(credited.credit_notes.len(), 1);
    assert_eq!(credited.credit_notes[0].number, "CN-2026-000001");
    assert_eq!(credited.credit_notes[0].total_incl_vat, dec("121.00"));
    assert_eq!(credited.summary.open_amount, dec("1089.00"));
    let cn_xml = app
        .get(
            &format!(
                "/api/v1/sales-invoices/{}/credit-notes/{}/ubl",
                first.summary.id, credited.credit_notes[0].id
            ),
            Some(&token),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(cn_xml.contains("CreditNote") && cn_xml.contains("F-2026-000001"));
    ecom_tests::validate_ubl(&cn_xml);

    // Payments: partly, then the rest → paid; more is refused.
    let pay = format!("/api/v1/sales-invoices/{}/payments", first.summary.id);
    expect_problem(
        app.post(&pay, Some(&token), &json!({ "amount": "0" }))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    expect_problem(
        app.post(
            &pay,
            Some(&token),
            &json!({ "amount": "10", "received_on": "2026-03-03" }),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    let part: SalesInvoiceView = expect_json(
        app.post(
            &pay,
            Some(&token),
            &json!({ "amount": "89.00", "reference": comm }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(part.summary.open_amount, dec("1000.00"));
    assert_eq!(part.summary.status, "open");
    let over = expect_problem(
        app.post(&pay, Some(&token), &json!({ "amount": "1000.01" }))
            .await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "overpayment",
    )
    .await;
    assert!(over.detail.contains("1000.00"), "{}", over.detail);
    let paid: SalesInvoiceView = expect_json(
        app.post(&pay, Some(&token), &json!({ "amount": "1000.00" }))
            .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(paid.summary.status, "paid");
    assert_eq!(paid.payments.len(), 2);
    // The stored totals are the sums of the rows (a credit note and two payments).
    let ledger = app.sales_ledger(tenant, first.summary.id);
    assert_eq!(
        (ledger.payments_cents.len(), ledger.credit_notes_cents.len()),
        (2, 1)
    );
    let draft_pay = app
        .post(
            &format!("/api/v1/sales-invoices/{}/payments", third.summary.id),
            Some(&token),
            &json!({ "amount": "1" }),
        )
        .await;
    expect_problem(draft_pay, StatusCode::UNPROCESSABLE_ENTITY, "not_issued").await;

    // The second invoice becomes overdue after its due date; filters and paging.
    app.clock.set(utc(2026, 4, 3, 9));
    token = app.token(&admin).await;
    let overdue: Page<SalesInvoiceSummary> = expect_json(
        app.get("/api/v1/sales-invoices?status=overdue", Some(&token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        overdue.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![second.summary.id]
    );
    let paid_list: Page<SalesInvoiceSummary> = expect_json(
        app.get("/api/v1/sales-invoices?status=paid", Some(&token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        paid_list.items.iter().map(|i| i.id).collect::<Vec<_>>(),
        vec![first.summary.id]
    );
    let drafts: Page<SalesInvoiceSummary> = expect_json(
        app.get("/api/v1/sales-invoices?status=draft", Some(&token))
            .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(drafts.items.len(), 1);
    let by_company: Page<SalesInvoiceSummary> = expect_json(
        app.get(
            &format!("/api/v1/sales-invoices?company_id={acme}"),
            Some(&token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(by_company.items.len(), 2);
    let in_range: Page<SalesInvoiceSummary> = expect_json(
        app.get(
            "/api/v1/sales-invoices?from=2026-03-01&to=2026-03-31",
            Some(&token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(in_range.items.len(), 2, "drafts have no date");
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/sales-invoices?sort=total&limit=2&cursor={c}"),
            None => "/api/v1/sales-invoices?sort=total&limit=2".into(),
        };
        let page: Page<SalesInvoiceSummary> =
            expect_json(app.get(&path, Some(&token)).await, StatusCode::OK).await;
        seen.extend(page.items.iter().map(|i| i.total_incl_vat));
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(
        seen,
        vec![dec("242.00"), dec("1210.00"), dec("1560.78")],
        "ascending by total over two pages"
    );
    expect_problem(
        app.get(
            "/api/v1/sales-invoices?sort=-customer&cursor=bogus",
            Some(&token),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_cursor",
    )
    .await;
    expect_problem(
        app.get(
            "/api/v1/sales-invoices?from=2026-04-01&to=2026-03-01",
            Some(&token),
        )
        .await,
        StatusCode::BAD_REQUEST,
        "invalid_range",
    )
    .await;

    // Revenue per month, net of credit notes: March 1000.00 + 200.00 − 100.00.
    let revenue: RevenueView = expect_json(
        app.get(
            "/api/v1/sales-invoices/revenue?from=2026-02-01&to=2026-04-30",
            Some(&token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    let months: Vec<(String, Decimal)> = revenue
        .months
        .into_iter()
        .map(|m| (m.month, m.net))
        .collect();
    assert_eq!(
        months,
        vec![
            ("2026-02".into(), dec("0")),
            ("2026-03".into(), dec("1100.00")),
            ("2026-04".into(), dec("0"))
        ]
    );

    // Only drafts are deleted.
    assert_eq!(
        app.delete(
            &format!("/api/v1/sales-invoices/{}", third.summary.id),
            Some(&token)
        )
        .await
        .status(),
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn a_reminder_claims_statutory_interest_and_compensation_by_e_mail() {
    let smtp = SmtpSink::start();
    let url = smtp.url.clone();
    let app = TestApp::spawn_with(move |s| s.smtp_url = Some(url)).await;
    app.clock.set(utc(2026, 1, 5, 9));
    let ((mut token, tenant), admin) = seller_with(&app, "Studio Vermeulen", "BE0123456749").await;
    settings(&app, &token, "statutory").await;
    let customer_mail = email("boekhouding");
    let acme = company(
        &app,
        tenant,
        "Acme NV",
        Some("BE0417497106"),
        Some(&customer_mail),
    );
    let d = draft(&app, &token, json!({ "company_id": acme }), json!([{ "description": "Consulting", "quantity": "10", "unit_price": "100", "vat_rate": "21" }])).await;
    let issued: SalesInvoiceView = expect_json(
        app.post(
            &format!("/api/v1/sales-invoices/{}/issue", d.summary.id),
            Some(&token),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        issued.summary.due_date,
        Some(chrono::NaiveDate::from_ymd_opt(2026, 2, 4).unwrap())
    );
    let remind = format!("/api/v1/sales-invoices/{}/reminders", d.summary.id);
    expect_problem(
        app.post(&remind, Some(&token), &json!({})).await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "not_overdue",
    )
    .await;

    // 6 March: 29 days of statutory interest (5 Feb – 5 March) and EUR 40.
    app.clock.set(utc(2026, 3, 6, 9));
    token = app.token(&admin).await;
    let reminded: SalesInvoiceView = expect_json(
        app.post(&remind, Some(&token), &json!({})).await,
        StatusCode::CREATED,
    )
    .await;
    let r = &reminded.reminders[0];
    assert_eq!(r.principal, dec("1210.00"));
    // H1 2026: ECB 2.15 % + 8 = 10.15, rounded up to the half point: 10.5 %.
    assert_eq!(r.interest, dec("10.09")); // 1210 × 10.5 % × 29 / 365 = 10.094…
    assert_eq!(r.compensation, dec("40.00"));
    assert_eq!(r.total, dec("1260.09"));
    assert_eq!(reminded.summary.status, "overdue");
    app.jobs.run_once().await.unwrap();
    let mails: Vec<String> = smtp
        .messages()
        .into_iter()
        .map(|m| unfold(&m))
        .filter(|m| m.contains("Payment reminder"))
        .collect();
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert!(mail.contains(&format!("To: {customer_mail}")));
    for needle in [
        "F-2026-000001",
        "Principal still open: EUR 1210.00",
        "Late-payment interest: EUR 10.09",
        "Fixed compensation: EUR 40.00",
        "Total to pay today: EUR 1260.09",
        "BE68539007547034",
    ] {
        assert!(mail.contains(needle), "{needle} missing in {mail}");
    }

    // Paying what the reminder claims settles everything (compensation, interest, then principal).
    let paid: SalesInvoiceView = expect_json(
        app.post(
            &format!("/api/v1/sales-invoices/{}/payments", d.summary.id),
            Some(&token),
            &json!({ "amount": "1260.09" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(paid.summary.status, "paid");
    assert!(paid.balance.unwrap().total.is_zero());
    // Interest and compensation were paid too: paid is more than the principal.
    let ledger = app.sales_ledger(tenant, d.summary.id);
    assert_eq!(ledger.paid_cents, 126_009);
    assert_eq!(ledger.open_principal_cents, 0);

    // With the policy "none" nothing but the principal is claimed.
    settings(&app, &token, "none").await;
    let d2 = draft(&app, &token, json!({ "company_id": acme }), json!([{ "description": "Support", "quantity": "1", "unit_price": "100", "vat_rate": "21" }])).await;
    app.post(
        &format!("/api/v1/sales-invoices/{}/issue", d2.summary.id),
        Some(&token),
        &json!({}),
    )
    .await;
    app.clock.set(utc(2026, 6, 1, 9));
    token = app.token(&admin).await;
    let r2: SalesInvoiceView = expect_json(
        app.post(
            &format!("/api/v1/sales-invoices/{}/reminders", d2.summary.id),
            Some(&token),
            &json!({}),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(r2.reminders[0].total, dec("121.00"));
    assert!(r2.reminders[0].interest.is_zero() && r2.reminders[0].compensation.is_zero());

    // Past the recorded half-years the settings show the last known rate and say it is not recorded.
    app.clock.set(utc(2027, 1, 2, 9));
    token = app.token(&admin).await;
    let shown: InvoicingSettingsView = expect_json(
        app.get("/api/v1/invoicing/settings", Some(&token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(shown.statutory_rate, dec("10.5"));
    assert!(!shown.statutory_rate_recorded);
}

#[tokio::test]
async fn statutory_interest_takes_each_half_years_rate() {
    // Law of 2 August 2002, art. 5: the ECB rate on the half-year's first day
    // + 8 points, rounded up to the half point. H1 2025: 3.15 → 11.5 %;
    // H2 2025: 2.15 → 10.5 %; H1 2026: 2.15 → 10.5 %. A delay over 30 June →
    // 1 July bears each half-year's rate for its own days.
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 1, 5, 9));
    let ((token, tenant), _) = seller_with(&app, "Studio Peeters", "BE0123456749").await;
    settings(&app, &token, "statutory").await;
    let acme = company(&app, tenant, "Acme NV", Some("BE0417497106"), None);
    let d = draft(&app, &token, json!({ "company_id": acme }), json!([{ "description": "Consulting", "quantity": "10", "unit_price": "100", "vat_rate": "21" }])).await;
    let issued: SalesInvoiceView = expect_json(
        app.post(
            &format!("/api/v1/sales-invoices/{}/issue", d.summary.id),
            Some(&token),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    // The API issues on today's date only, and an issued document never
    // changes: store a copy of it as F-2025-000001 of 15 May 2025, due
    // 14 June 2025 (interest from 15 June 2025), and let the sales invoice
    // point at it — an invoice of last year still unpaid.
    {
        use diesel::{QueryDsl, RunQueryDsl};
        use ecom_storage::schema_sales::sales_invoices::dsl as s;
        let issue = chrono::NaiveDate::from_ymd_opt(2025, 5, 15).unwrap();
        let due = chrono::NaiveDate::from_ymd_opt(2025, 6, 14).unwrap();
        let mut conn = app.database.get().unwrap();
        let invoice_id: Option<String> = s::sales_invoices
            .filter(s::id.eq(issued.summary.id.to_string()))
            .select(s::invoice_id)
            .first(&mut *conn)
            .unwrap();
        let invoice_id = Uuid::parse_str(&invoice_id.expect("issued")).unwrap();
        let mut old = ecom_storage::invoices::find_in_seller_ledger(
            &mut conn,
            ecom_domain::TenantId(tenant),
            invoice_id,
        )
        .unwrap()
        .expect("the issued document");
        assert_eq!(old.due_date.to_string(), "2026-02-04");
        old.document = old
            .document
            .replace("2026-01-05", "2025-05-15")
            .replace("2026-02-04", "2025-06-14")
            .replace("F-2026-000001", "F-2025-000001");
        old.id = Uuid::now_v7();
        old.year = 2025;
        old.number = "F-2025-000001".into();
        old.issue_date = issue;
        old.due_date = due;
        ecom_storage::invoices::insert(&mut conn, &old).unwrap();
        diesel::update(s::sales_invoices.filter(s::id.eq(issued.summary.id.to_string())))
            .set((
                s::invoice_id.eq(Some(old.id.to_string())),
                s::issue_date.eq(Some(issue)),
                s::due_date.eq(Some(due)),
            ))
            .execute(&mut *conn)
            .unwrap();
    }
    let view: SalesInvoiceView = expect_json(
        app.get(
            &format!("/api/v1/sales-invoices/{}", d.summary.id),
            Some(&token),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(view.summary.status, "overdue");
    let balance = view.balance.expect("an issued invoice has a balance");
    // 5 January 2026: 204 days of delay, 15 June 2025 – 4 January 2026:
    //   15–30 June 2025:            16 days at 11.5 % → 16 × 11.5 = 184
    //   1 July 2025 – 4 Jan 2026:  188 days at 10.5 % → 188 × 10.5 = 1974
    //   1210 × (184 + 1974) / 36 500 = 2 611 180 / 36 500 = 71.539… → 71.54
    // (10.5 % throughout would give 71.01; the old constant 10.15 % 68.64).
    assert_eq!(balance.principal, dec("1210.00"));
    assert_eq!(balance.interest, dec("71.54"));
    assert_eq!(balance.compensation, dec("40.00"));
    assert_eq!(balance.total, dec("1321.54"));
}

#[tokio::test]
async fn another_tenant_cannot_see_or_touch_quotations_and_sales_invoices() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 3, 2, 9));
    let (token, tenant) = seller(&app, "Studio Vermeulen").await;
    let ((other, other_tenant), _) = seller_with(&app, "Concurrent BV", "BE0403070632").await;
    settings(&app, &token, "statutory").await;
    let acme = company(
        &app,
        tenant,
        "Acme NV",
        Some("BE0417497106"),
        Some(&email("acme")),
    );
    let theirs = company(&app, other_tenant, "Hun Klant", None, Some(&email("hun")));
    let q: QuotationView = expect_json(
        app.post(
            "/api/v1/quotations",
            Some(&token),
            &json!({ "company_id": acme, "valid_until": "2026-03-31", "lines": lines() }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let si = draft(&app, &token, json!({ "company_id": acme }), lines()).await;
    expect_json::<SalesInvoiceView>(
        app.post(
            &format!("/api/v1/sales-invoices/{}/issue", si.summary.id),
            Some(&token),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;

    for path in [
        format!("/api/v1/quotations/{}", q.summary.id),
        format!("/api/v1/quotations/{}/pdf", q.summary.id),
        format!("/api/v1/sales-invoices/{}", si.summary.id),
        format!("/api/v1/sales-invoices/{}/pdf", si.summary.id),
        format!("/api/v1/sales-invoices/{}/ubl", si.summary.id),
    ] {
        expect_problem(
            app.get(&path, Some(&other)).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    for path in [
        format!("/api/v1/quotations/{}/send", q.summary.id),
        format!("/api/v1/quotations/{}/invoice", q.summary.id),
        format!("/api/v1/sales-invoices/{}/issue", si.summary.id),
        format!("/api/v1/sales-invoices/{}/reminders", si.summary.id),
    ] {
        expect_problem(
            app.post(&path, Some(&other), &json!({})).await,
            StatusCode::NOT_FOUND,
            "not_found",
        )
        .await;
    }
    expect_problem(
        app.post(
            &format!("/api/v1/sales-invoices/{}/payments", si.summary.id),
            Some(&other),
            &json!({ "amount": "1" }),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    expect_problem(
        app.delete(
            &format!("/api/v1/quotations/{}", q.summary.id),
            Some(&other),
        )
        .await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    let edit = put(
        &app,
        &format!("/api/v1/quotations/{}", q.summary.id),
        &other,
        &json!({ "company_id": theirs, "valid_until": "2026-03-31", "lines": lines() }),
    )
    .await;
    expect_problem(edit, StatusCode::NOT_FOUND, "not_found").await;
    let qs: Page<QuotationSummary> = expect_json(
        app.get("/api/v1/quotations", Some(&other)).await,
        StatusCode::OK,
    )
    .await;
    assert!(qs.items.is_empty());
    let sis: Page<SalesInvoiceSummary> = expect_json(
        app.get("/api/v1/sales-invoices", Some(&other)).await,
        StatusCode::OK,
    )
    .await;
    assert!(sis.items.is_empty());
    let revenue: RevenueView = expect_json(
        app.get("/api/v1/sales-invoices/revenue", Some(&other))
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(revenue.months.iter().all(|m| m.net.is_zero()));
    // The pickers list only the tenant's own customers.
    let mine: ecom_types::sales::CustomerOptions = expect_json(
        app.get("/api/v1/invoicing/customers", Some(&token)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        mine.companies
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>(),
        vec!["Acme NV"]
    );
    let theirs_list: ecom_types::sales::CustomerOptions = expect_json(
        app.get("/api/v1/invoicing/customers", Some(&other)).await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(
        theirs_list
            .companies
            .iter()
            .map(|c| c.id)
            .collect::<Vec<_>>(),
        vec![theirs]
    );
    // Another tenant's company cannot be the customer.
    let foreign = app
        .post(
            "/api/v1/quotations",
            Some(&token),
            &json!({ "company_id": theirs, "valid_until": "2026-03-31", "lines": lines() }),
        )
        .await;
    let problem = expect_problem(
        foreign,
        StatusCode::UNPROCESSABLE_ENTITY,
        "validation_failed",
    )
    .await;
    assert_eq!(problem.errors[0].field, "company_id");
    // Each tenant numbers its own series.
    let settings_other = settings(&app, &other, "statutory").await;
    assert_eq!(settings_other.next_invoice_number, "F-2026-000001");
    // Without a token: 401.
    assert_eq!(
        app.get("/api/v1/sales-invoices", None).await.status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn concurrent_issues_take_every_number_once() {
    let app = TestApp::spawn().await;
    app.clock.set(utc(2026, 3, 2, 9));
    let (token, tenant) = seller(&app, "Studio Vermeulen").await;
    settings(&app, &token, "statutory").await;
    let acme = company(
        &app,
        tenant,
        "Acme NV",
        Some("BE0417497106"),
        Some(&email("acme")),
    );
    let mut drafts = Vec::new();
    for _ in 0..6 {
        drafts.push(
            draft(
                &app,
                &token,
                json!({ "company_id": acme }),
                json!([{ "description": "Support", "quantity": "1", "unit_price": "10" }]),
            )
            .await
            .summary
            .id,
        );
    }
    // Every draft issued twice at once: each gets one number, the second try a 409.
    let attempts = drafts.iter().chain(drafts.iter()).map(|id| {
        let path = format!("/api/v1/sales-invoices/{id}/issue");
        let (app, token) = (&app, token.clone());
        async move { app.post(&path, Some(&token), &json!({})).await.status() }
    });
    let statuses = futures_util::future::join_all(attempts).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        6,
        "{statuses:?}"
    );
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CONFLICT)
            .count(),
        6,
        "{statuses:?}"
    );
    let mut conn = app.database.get().unwrap();
    let seqs = ecom_storage::invoices::seller_sequences(
        &mut conn,
        ecom_domain::TenantId(tenant),
        "F",
        2026,
    )
    .unwrap();
    assert_eq!(
        seqs,
        (1..=6).collect::<Vec<u32>>(),
        "no gaps, no duplicates"
    );
    drop(conn);

    // Without a BIC (optional for SEPA payments in the EEA) the documents still work.
    let no_bic = json!({ "invoice_prefix": "F", "quotation_prefix": "Q", "iban": "BE68539007547034", "bic": null,
        "payment_term_days": 14, "late_payment_policy": "none", "default_vat_rate": "21" });
    expect_json::<InvoicingSettingsView>(
        put(&app, "/api/v1/invoicing/settings", &token, &no_bic).await,
        StatusCode::OK,
    )
    .await;
    let d = draft(
        &app,
        &token,
        json!({ "company_id": acme }),
        json!([{ "description": "Support", "quantity": "2", "unit_price": "10" }]),
    )
    .await;
    let issued: SalesInvoiceView = expect_json(
        app.post(
            &format!("/api/v1/sales-invoices/{}/issue", d.summary.id),
            Some(&token),
            &json!({}),
        )
        .await,
        StatusCode::OK,
    )
    .await;
    assert_eq!(issued.summary.number.as_deref(), Some("F-2026-000007"));
    let pdf = app
        .get(
            &format!("/api/v1/sales-invoices/{}/pdf", d.summary.id),
            Some(&token),
        )
        .await;
    assert_eq!(pdf.status(), StatusCode::OK);
    let xml = app
        .get(
            &format!("/api/v1/sales-invoices/{}/ubl", d.summary.id),
            Some(&token),
        )
        .await
        .text()
        .await
        .unwrap();
    ecom_tests::validate_ubl(&xml);
}
