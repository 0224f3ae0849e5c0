//! Test support: the real application on port 0 with a fresh database, and
//! an HTTP client that speaks to it from outside.
//!
//! The database is SQLite in a temporary folder unless
//! `ECOM_TEST_DATABASE_URL` names a PostgreSQL server
//! (`postgres://user@host:port`), in which case every test gets a database
//! of its own on it.

use diesel::{Connection, RunQueryDsl};
use ecom_server::settings::PasswordHashing;
use ecom_server::{Application, Clock, Settings};
use ecom_types::auth::{SignupResponse, TokenPair};
use ecom_types::Problem;
use reqwest::{Method, RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

/// A running application and a client for it.
pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub clock: Clock,
    pub database: ecom_storage::Database,
    pub database_url: String,
    /// The background jobs, run by hand with `jobs.run_once()`.
    pub jobs: ecom_server::jobs::Jobs,
    _dir: tempfile::TempDir,
}

/// Whether the suite runs against PostgreSQL.
pub fn postgres_base_url() -> Option<String> {
    std::env::var("ECOM_TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
}

fn fresh_postgres_database(base: &str) -> String {
    let name = format!("ecom_test_{}", uuid::Uuid::new_v4().simple());
    let admin_url = format!("{}/postgres", base.trim_end_matches('/'));
    let mut conn = diesel::pg::PgConnection::establish(&admin_url)
        .expect("connect to the test PostgreSQL server");
    diesel::sql_query(format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .expect("create the test database");
    format!("{}/{name}", base.trim_end_matches('/'))
}

impl TestApp {
    /// Starts the application with the development clock on.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(|_| {}).await
    }

    pub async fn spawn_with(adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let dir = tempfile::tempdir().expect("temporary folder");
        let database_url = match postgres_base_url() {
            Some(base) => fresh_postgres_database(&base),
            None => format!("sqlite://{}", dir.path().join("ecom.db").display()),
        };
        let mut settings = Settings {
            listen: "127.0.0.1:0".into(),
            database_url: database_url.clone(),
            max_db_connections: 4,
            static_dir: None,
            password_hashing: PasswordHashing::TEST_ONLY,
            dev_clock: true,
            workers: Some(1),
            mail_dir: dir.path().join("outbox"),
            // Tests run the jobs by hand: nothing happens behind their back.
            jobs_interval: None,
            // Limits off unless a test sets low ones (tests/api/integrations.rs).
            rate_limits: ecom_server::settings::RateLimits {
                per_api_key_per_minute: 0,
                per_ip_per_minute: 0,
                auth_per_ip_per_minute: 0,
            },
            // Webhook tests deliver to a receiver on 127.0.0.1.
            webhooks_allow_loopback: true,
            ..Settings::default()
        };
        adjust(&mut settings);
        let app = Application::build(settings)
            .await
            .expect("the application builds");
        let jobs = app.jobs();
        let base = format!("http://127.0.0.1:{}", app.port());
        let clock = app.clock();
        let database = app.database();
        tokio::spawn(app.run_until_stopped());
        // No pooled connections: an idle one may be closed by the server's
        // keep-alive timeout while a slow step (password hashing) runs.
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .build()
            .expect("HTTP client");
        TestApp {
            base,
            client,
            clock,
            database,
            database_url,
            jobs,
            _dir: dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let builder = self.client.request(method, self.url(path));
        match token {
            Some(token) => builder.bearer_auth(token),
            None => builder,
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Response {
        self.request(Method::GET, path, token)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Response {
        self.request(Method::POST, path, token)
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn delete(&self, path: &str, token: Option<&str>) -> Response {
        self.request(Method::DELETE, path, token)
            .send()
            .await
            .expect("request sent")
    }

    /// Registers a company with a fresh Administrator.
    pub async fn signup(&self, company: &str, email: &str) -> SignedUp {
        let response = self
            .post("/api/v1/signup", None, &signup_body(company, email))
            .await;
        let body: SignupResponse = expect_json(response, StatusCode::CREATED).await;
        SignedUp {
            tenant_id: body.tenant.id,
            user_id: body.user.id,
            email: email.into(),
            access: body.session.access_token.clone(),
            session: body.session,
        }
    }

    /// Logs in and returns the token pair.
    pub async fn login(&self, email: &str, password: &str) -> Response {
        self.post(
            "/api/v1/auth/login",
            None,
            &json!({ "email": email, "password": password }),
        )
        .await
    }

    /// Creates a full-access (`*`) API key as `token` and returns (id, secret).
    pub async fn create_api_key(&self, token: &str, name: &str) -> (String, String) {
        self.create_scoped_api_key(token, name, &["*"]).await
    }

    /// Creates an API key with these scopes as `token` and returns (id, secret).
    pub async fn create_scoped_api_key(
        &self,
        token: &str,
        name: &str,
        scopes: &[&str],
    ) -> (String, String) {
        let response = self
            .post(
                "/api/v1/api-keys",
                Some(token),
                &json!({ "name": name, "scopes": scopes }),
            )
            .await;
        let body: Value = expect_json(response, StatusCode::CREATED).await;
        (
            body["api_key"]["id"].as_str().unwrap_or_default().into(),
            body["secret"].as_str().unwrap_or_default().into(),
        )
    }

    /// Invites a User as `admin_token`, has them accept, and returns (user id, access token).
    pub async fn add_user(&self, admin_token: &str, email: &str) -> (String, String) {
        let response = self
            .post(
                "/api/v1/users",
                Some(admin_token),
                &json!({ "email": email, "first_name": "Jan", "last_name": "Janssens" }),
            )
            .await;
        let invited: Value = expect_json(response, StatusCode::CREATED).await;
        let token = invited["invitation_token"].as_str().unwrap_or_default();
        let response = self
            .post(
                "/api/v1/invitations/accept",
                None,
                &json!({ "token": token, "password": PASSWORD }),
            )
            .await;
        let pair: TokenPair = expect_json(response, StatusCode::OK).await;
        (
            invited["user"]["id"].as_str().unwrap_or_default().into(),
            pair.access_token,
        )
    }
}

/// A registered tenant and its Administrator's session.
pub struct SignedUp {
    pub tenant_id: uuid::Uuid,
    pub user_id: uuid::Uuid,
    pub email: String,
    pub access: String,
    pub session: TokenPair,
}

/// The password every test account uses.
pub const PASSWORD: &str = "correct horse battery staple";

/// A valid sign-up body.
pub fn signup_body(company: &str, email: &str) -> Value {
    json!({
        "company": { "name": company, "country": "BE", "vat_number": null, "street": "Kerkstraat 1", "postal_code": "9000", "city": "Gent" },
        "administrator": {
            "first_name": "An", "last_name": "Peeters", "email": email, "password": PASSWORD,
            "function": "Zaakvoerder", "phone": "+32 9 123 45 67"
        },
        "accepted": { "terms": "2026-01", "privacy": "2026-01", "data_processing": "2026-01" }
    })
}

/// A UTC instant, to the minute.
pub fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    chrono::Utc
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("a valid UTC time")
}

/// A unique e-mail address for this test.
pub fn email(who: &str) -> String {
    format!("{who}.{}@example.be", uuid::Uuid::new_v4().simple())
}

/// Asserts the status and decodes the JSON body.
pub async fn expect_json<T: DeserializeOwned>(response: Response, status: StatusCode) -> T {
    let actual = response.status();
    let text = response.text().await.expect("body read");
    assert_eq!(actual, status, "unexpected status; body: {text}");
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("body is not the expected JSON ({e}): {text}"))
}

/// Asserts an `application/problem+json` answer with this status and code.
pub async fn expect_problem(response: Response, status: StatusCode, code: &str) -> Problem {
    let actual = response.status();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let text = response.text().await.expect("body read");
    assert_eq!(actual, status, "unexpected status; body: {text}");
    assert_eq!(
        content_type, "application/problem+json",
        "wrong content type; body: {text}"
    );
    let problem: Problem = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("not a problem document ({e}): {text}"));
    assert_eq!(problem.code, code, "unexpected problem code: {text}");
    assert_eq!(problem.status, status.as_u16());
    assert!(
        !problem.detail.is_empty(),
        "a problem must say what was wrong"
    );
    problem
}

/// A real SMTP server (Python's aiosmtpd) on a free loopback port, storing
/// what it receives in a Maildir. Stopped when dropped.
pub struct SmtpSink {
    pub url: String,
    dir: tempfile::TempDir,
    child: std::process::Child,
}

impl SmtpSink {
    /// Starts aiosmtpd with the Python of `ECOM_TEST_PYTHON`, or the project's
    /// venv (`.tools/venv`, made by `scripts/test`).
    pub fn start() -> SmtpSink {
        let python = std::env::var("ECOM_TEST_PYTHON").unwrap_or_else(|_| {
            concat!(env!("CARGO_MANIFEST_DIR"), "/../.tools/venv/bin/python").into()
        });
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let dir = tempfile::tempdir().expect("temporary folder");
        let maildir = dir.path().join("maildir");
        let child = std::process::Command::new(&python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start aiosmtpd with {python} ({e}); run scripts/test once to install it"));
        // Wait (bounded) for the server to accept connections.
        let started = std::time::Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(15),
                "aiosmtpd did not start"
            );
            std::thread::sleep(std::time::Duration::from_millis(25));
        }
        SmtpSink {
            url: format!("smtp://127.0.0.1:{port}"),
            dir,
            child,
        }
    }

    /// Every message received so far, as raw RFC 5322 text.
    pub fn messages(&self) -> Vec<String> {
        let mut found = Vec::new();
        for sub in ["new", "cur"] {
            if let Ok(entries) = std::fs::read_dir(self.dir.path().join("maildir").join(sub)) {
                for entry in entries.flatten() {
                    if let Ok(text) = std::fs::read_to_string(entry.path()) {
                        found.push(text);
                    }
                }
            }
        }
        found
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Validates UBL files with `tests/documents/validate.py` (XSD, EN 16931
/// schematron, Peppol rules); panics with the validator's findings.
pub fn validate_ubl(xml: &str) {
    validate("ubl", xml);
}

/// Validates a SEPA Direct Debit batch against the pain.008.001.02 XSD.
pub fn validate_pain_008(xml: &str) {
    validate("pain008", xml);
}

fn validate(kind: &str, xml: &str) {
    let python = std::env::var("ECOM_TEST_PYTHON").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../.tools/venv/bin/python").into()
    });
    let dir = tempfile::tempdir().expect("temporary folder");
    let file = dir.path().join("invoice.xml");
    std::fs::write(&file, xml).expect("write the UBL file");
    let output = std::process::Command::new(&python)
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/documents/validate.py"))
        .arg(kind)
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("cannot run the UBL validator with {python} ({e}); run scripts/test once to install it"));
    assert!(
        output.status.success(),
        "the {kind} document does not validate:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

impl TestApp {
    /// Logs in and returns a fresh access token (after the clock moved).
    pub async fn token(&self, email: &str) -> String {
        let pair: TokenPair = expect_json(self.login(email, PASSWORD).await, StatusCode::OK).await;
        pair.access_token
    }

    /// Sets the clock and runs the jobs once.
    pub async fn at(&self, now: chrono::DateTime<chrono::Utc>) -> ecom_server::jobs::JobReport {
        self.clock.set(now);
        self.jobs.run_once().await.expect("the jobs run")
    }

    /// Creates an operator and returns its access token.
    pub async fn operator(&self) -> String {
        let address = email("ops");
        let (who, url) = (address.clone(), self.database_url.clone());
        tokio::task::spawn_blocking(move || {
            ecom_server::cli::create_operator(&who, "operator passphrase 1", &url)
        })
        .await
        .expect("the task ran")
        .expect("operator created");
        let pair: TokenPair = expect_json(
            self.post(
                "/api/v1/operator/auth/login",
                None,
                &json!({ "email": address, "password": "operator passphrase 1" }),
            )
            .await,
            StatusCode::OK,
        )
        .await;
        pair.access_token
    }
}

impl TestApp {
    /// The operator records a payment of everything the Client owes today.
    pub async fn pay_everything(&self, tenant: uuid::Uuid) {
        let op = self.operator().await;
        let statement: ecom_types::billing::StatementView = expect_json(
            self.get(
                &format!("/api/v1/operator/tenants/{tenant}/statement"),
                Some(&op),
            )
            .await,
            StatusCode::OK,
        )
        .await;
        if statement.total_open.is_zero() {
            return;
        }
        let body = json!({ "tenant_id": tenant, "amount": statement.total_open, "received_on": self.clock.now().date_naive() });
        let response = self
            .request(
                reqwest::Method::POST,
                "/api/v1/operator/payments",
                Some(&op),
            )
            .header("Idempotency-Key", uuid::Uuid::new_v4().to_string())
            .json(&body)
            .send()
            .await
            .expect("request sent");
        let _: serde_json::Value = expect_json(response, StatusCode::CREATED).await;
    }
}

/// A real HTTP server on a free loopback port that records every request and
/// answers with the next status of a script (the last one repeats): a
/// webhook receiver that fails, then succeeds.
pub struct WebhookReceiver {
    pub url: String,
    received: std::sync::Arc<std::sync::Mutex<Vec<ReceivedRequest>>>,
    task: tokio::task::JoinHandle<()>,
}

/// One request the receiver got.
#[derive(Debug, Clone)]
pub struct ReceivedRequest {
    pub path: String,
    /// Header names in lower case.
    pub headers: std::collections::HashMap<String, String>,
    pub body: String,
}

impl WebhookReceiver {
    pub async fn start(statuses: &[u16]) -> WebhookReceiver {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind the receiver");
        let port = listener.local_addr().expect("receiver address").port();
        let received = std::sync::Arc::new(std::sync::Mutex::new(Vec::<ReceivedRequest>::new()));
        let statuses = statuses.to_vec();
        let log = received.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else {
                    return;
                };
                let mut buffer = Vec::new();
                let mut chunk = [0u8; 4096];
                // Read the head, then the body by Content-Length.
                let (head_end, length) = loop {
                    let Ok(n) = socket.read(&mut chunk).await else {
                        break (None, 0);
                    };
                    if n == 0 {
                        break (None, 0);
                    }
                    buffer.extend_from_slice(&chunk[..n]);
                    if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&buffer[..end]).to_string();
                        let length = head
                            .lines()
                            .find_map(|l| {
                                l.to_ascii_lowercase()
                                    .strip_prefix("content-length:")
                                    .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                            })
                            .unwrap_or(0);
                        break (Some(end + 4), length);
                    }
                };
                let Some(head_end) = head_end else { continue };
                while buffer.len() < head_end + length {
                    let Ok(n) = socket.read(&mut chunk).await else {
                        break;
                    };
                    if n == 0 {
                        break;
                    }
                    buffer.extend_from_slice(&chunk[..n]);
                }
                let head = String::from_utf8_lossy(&buffer[..head_end]).to_string();
                let mut lines = head.lines();
                let path = lines
                    .next()
                    .and_then(|l| l.split_whitespace().nth(1))
                    .unwrap_or("")
                    .to_owned();
                let headers = lines
                    .filter_map(|l| l.split_once(':'))
                    .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
                    .collect();
                let body = String::from_utf8_lossy(
                    &buffer[head_end..(head_end + length).min(buffer.len())],
                )
                .to_string();
                let index = {
                    let mut log = log.lock().expect("receiver log");
                    log.push(ReceivedRequest {
                        path,
                        headers,
                        body,
                    });
                    log.len() - 1
                };
                let status = statuses
                    .get(index)
                    .or(statuses.last())
                    .copied()
                    .unwrap_or(200);
                let reply = format!("HTTP/1.1 {status} Scripted\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok");
                let _ = socket.write_all(reply.as_bytes()).await;
                let _ = socket.shutdown().await;
            }
        });
        WebhookReceiver {
            url: format!("http://127.0.0.1:{port}"),
            received,
            task,
        }
    }

    /// Every request so far, oldest first.
    pub fn received(&self) -> Vec<ReceivedRequest> {
        self.received.lock().expect("receiver log").clone()
    }
}

impl Drop for WebhookReceiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// What the database holds for one sales invoice, read from its rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalesLedger {
    pub state: String,
    pub total_incl_vat_cents: i64,
    /// The stored totals on `sales_invoices`.
    pub paid_cents: i64,
    pub credited_cents: i64,
    pub open_principal_cents: i64,
    /// One entry per `sales_payments` row.
    pub payments_cents: Vec<i64>,
    /// One entry per credit note (`invoices` row crediting this invoice).
    pub credit_notes_cents: Vec<i64>,
}

impl TestApp {
    /// Reads a sales invoice's rows and asserts that the stored totals agree
    /// with them: `paid_cents` is the sum of its payments, `credited_cents`
    /// the sum of its credit notes, no more is credited than invoiced, and
    /// the open principal lies between 0 and the total less the credit
    /// notes. Every test that moves money on a sales invoice can call it.
    pub fn sales_ledger(&self, tenant: uuid::Uuid, invoice: uuid::Uuid) -> SalesLedger {
        use diesel::{ExpressionMethods, QueryDsl};
        use ecom_storage::schema::invoices::dsl as inv;
        use ecom_storage::schema_sales::sales_invoices::dsl as si;
        use ecom_storage::schema_sales::sales_payments::dsl as sp;
        let mut conn = self.database.get().expect("a connection");
        let (state, invoice_id, total, paid, credited, open): (
            String,
            Option<String>,
            i64,
            i64,
            i64,
            i64,
        ) = si::sales_invoices
            .filter(si::tenant_id.eq(tenant.to_string()))
            .filter(si::id.eq(invoice.to_string()))
            .select((
                si::state,
                si::invoice_id,
                si::total_incl_vat_cents,
                si::paid_cents,
                si::credited_cents,
                si::open_principal_cents,
            ))
            .first(&mut *conn)
            .expect("the sales invoice row");
        let payments_cents: Vec<i64> = sp::sales_payments
            .filter(sp::tenant_id.eq(tenant.to_string()))
            .filter(sp::sales_invoice_id.eq(invoice.to_string()))
            .select(sp::amount_cents)
            .load(&mut *conn)
            .expect("the payment rows");
        let credit_notes_cents: Vec<i64> = match &invoice_id {
            Some(document) => inv::invoices
                .filter(inv::seller_tenant_id.eq(tenant.to_string()))
                .filter(inv::kind.eq("credit_note"))
                .filter(inv::credited_invoice_id.eq(document.clone()))
                .select(inv::total_incl_vat_cents)
                .load(&mut *conn)
                .expect("the credit note rows"),
            None => Vec::new(),
        };
        let ledger = SalesLedger {
            state,
            total_incl_vat_cents: total,
            paid_cents: paid,
            credited_cents: credited,
            open_principal_cents: open,
            payments_cents,
            credit_notes_cents,
        };
        assert_eq!(
            ledger.paid_cents,
            ledger.payments_cents.iter().sum::<i64>(),
            "paid_cents disagrees with the payment rows: {ledger:?}"
        );
        assert_eq!(
            ledger.credited_cents,
            ledger.credit_notes_cents.iter().sum::<i64>(),
            "credited_cents disagrees with the credit note rows: {ledger:?}"
        );
        assert!(
            ledger.credited_cents <= ledger.total_incl_vat_cents,
            "credited more than invoiced: {ledger:?}"
        );
        assert!(
            (0..=ledger.total_incl_vat_cents - ledger.credited_cents)
                .contains(&ledger.open_principal_cents),
            "the open principal is out of range: {ledger:?}"
        );
        ledger
    }
}
