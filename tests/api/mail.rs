//! Notices: queued with the event, delivered over real SMTP by the jobs,
//! retried with back-off, and suppressed for people who opted out.

use chrono::Duration;
use ecom_domain::TenantId;
use ecom_storage::notices::{self, NewNotice, NoticeStatus};
use ecom_tests::{email, expect_json, SmtpSink, TestApp, PASSWORD};
use ecom_types::auth::TokenPair;
use ecom_types::user::{CommunicationPreferences, InvitationCreated};
use reqwest::{Method, StatusCode};
use serde_json::json;

/// Undoes quoted-printable soft line breaks and `=3D`, enough to read a link.
fn unfold(raw: &str) -> String {
    raw.replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

#[tokio::test]
async fn an_invitation_is_e_mailed_over_smtp_and_its_token_not_kept() {
    let smtp = SmtpSink::start();
    let url = smtp.url.clone();
    let app = TestApp::spawn_with(move |s| {
        s.smtp_url = Some(url);
        s.public_url = "https://app.ecom.example".into();
    })
    .await;
    let admin = app.signup("Bakkerij Peeters", &email("admin")).await;
    let address = email("jan");
    let invited: InvitationCreated = expect_json(
        app.post(
            "/api/v1/users",
            Some(&admin.access),
            &json!({ "email": address, "first_name": "Jan", "last_name": "Janssens" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert!(
        smtp.messages().is_empty(),
        "nothing is sent before the jobs run"
    );
    let report = app.jobs.run_once().await.unwrap();
    assert_eq!(report.notices_sent, 1);

    let messages = smtp.messages();
    assert_eq!(messages.len(), 1);
    let mail = unfold(&messages[0]);
    assert!(mail.contains(&format!("To: {address}")), "{mail}");
    assert!(
        mail.contains("Subject: An Peeters invited you to Bakkerij Peeters on Ecom"),
        "{mail}"
    );
    assert!(
        mail.contains(&format!(
            "https://app.ecom.example/invitation#token={}",
            invited.invitation_token
        )),
        "the link carries the token: {mail}"
    );

    // Once sent, the outbox no longer holds the token.
    let mut conn = app.database.get().unwrap();
    let stored = notices::list_for_tenant(&mut conn, TenantId(admin.tenant_id), 10).unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].status, NoticeStatus::Sent);
    assert_eq!(stored[0].secret, None);
    assert!(!stored[0].body.contains(&invited.invitation_token));
    drop(conn);

    // Running the jobs again sends nothing twice.
    assert_eq!(app.jobs.run_once().await.unwrap().notices_sent, 0);
    assert_eq!(smtp.messages().len(), 1);
}

#[tokio::test]
async fn an_unreachable_mail_server_is_retried_with_back_off() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let app =
        TestApp::spawn_with(move |s| s.smtp_url = Some(format!("smtp://127.0.0.1:{closed}"))).await;
    let admin = app.signup("Acme", &email("admin")).await;
    expect_json::<InvitationCreated>(
        app.post(
            "/api/v1/users",
            Some(&admin.access),
            &json!({ "email": email("x"), "first_name": "X", "last_name": "Y" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    let report = app.jobs.run_once().await.unwrap();
    assert_eq!((report.notices_sent, report.notices_retrying), (0, 1));
    let mut conn = app.database.get().unwrap();
    let notice = notices::list_for_tenant(&mut conn, TenantId(admin.tenant_id), 1)
        .unwrap()
        .remove(0);
    assert_eq!(notice.status, NoticeStatus::Queued);
    assert_eq!(notice.attempts, 1);
    assert!(notice.last_error.as_deref().unwrap_or("").contains("SMTP"));
    assert!(
        notice.next_attempt_at > app.clock.now(),
        "the next attempt waits"
    );
    drop(conn);
    // Not due yet: nothing is attempted.
    assert_eq!(app.jobs.run_once().await.unwrap(), Default::default());
    app.clock.set(app.clock.now() + Duration::minutes(2));
    assert_eq!(app.jobs.run_once().await.unwrap().notices_retrying, 1);
}

#[tokio::test]
async fn opting_out_suppresses_reminders_but_not_essential_notices() {
    let smtp = SmtpSink::start();
    let url = smtp.url.clone();
    let app = TestApp::spawn_with(move |s| s.smtp_url = Some(url)).await;
    let admin = app.signup("Acme", &email("admin")).await;
    let prefs: CommunicationPreferences = expect_json(
        app.get("/api/v1/me/communications", Some(&admin.access))
            .await,
        StatusCode::OK,
    )
    .await;
    assert!(prefs.non_essential);
    let saved: CommunicationPreferences = expect_json(
        app.request(
            Method::PUT,
            "/api/v1/me/communications",
            Some(&admin.access),
        )
        .json(&json!({ "non_essential": false }))
        .send()
        .await
        .unwrap(),
        StatusCode::OK,
    )
    .await;
    assert!(!saved.non_essential);

    let mut conn = app.database.get().unwrap();
    let now = app.clock.now();
    for (kind, essential) in [("renewal_coming", false), ("invoice_issued", true)] {
        notices::enqueue(
            &mut conn,
            &NewNotice {
                tenant_id: Some(TenantId(admin.tenant_id)),
                recipient: admin.email.clone(),
                kind: kind.into(),
                essential,
                subject: format!("About {kind}"),
                body: "Hello".into(),
                secret: None,
                dedupe_key: Some(format!("{kind}:{}", admin.tenant_id)),
            },
            now,
        )
        .unwrap();
    }
    // The same dedupe key again queues nothing.
    let again = NewNotice {
        tenant_id: Some(TenantId(admin.tenant_id)),
        recipient: admin.email.clone(),
        kind: "renewal_coming".into(),
        essential: false,
        subject: "dup".into(),
        body: "dup".into(),
        secret: None,
        dedupe_key: Some(format!("renewal_coming:{}", admin.tenant_id)),
    };
    assert!(!notices::enqueue(&mut conn, &again, now).unwrap());
    drop(conn);

    let report = app.jobs.run_once().await.unwrap();
    assert_eq!((report.notices_sent, report.notices_suppressed), (1, 1));
    let messages = smtp.messages();
    assert_eq!(messages.len(), 1);
    assert!(messages[0].contains("Subject: About invoice_issued"));
    let _ = expect_json::<TokenPair>(app.login(&admin.email, PASSWORD).await, StatusCode::OK).await;
}

#[tokio::test]
async fn without_smtp_mail_is_written_to_the_mail_folder() {
    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path().to_path_buf();
    let app = TestApp::spawn_with(move |s| s.mail_dir = dir).await;
    let admin = app.signup("Acme", &email("admin")).await;
    expect_json::<InvitationCreated>(
        app.post(
            "/api/v1/users",
            Some(&admin.access),
            &json!({ "email": email("x"), "first_name": "X", "last_name": "Y" }),
        )
        .await,
        StatusCode::CREATED,
    )
    .await;
    assert_eq!(app.jobs.run_once().await.unwrap().notices_sent, 1);
    let files: Vec<_> = std::fs::read_dir(folder.path())
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(files.len(), 1);
    assert!(files[0].path().extension().is_some_and(|e| e == "eml"));
}
