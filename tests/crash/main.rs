//! Crash test of `Idempotency-Key` (issue 12, part 2): the server is killed
//! with SIGKILL in the middle of money-moving requests, restarted on the same
//! database, and every request is retried with its key and body (a cut-off
//! one twice at once, as a client that gave up waiting would). Checked from
//! outside, over HTTP: each key had exactly one effect (no duplicate contact,
//! draft invoice, payment or credit note), every retry got the original answer
//! (a request answered before the kill replays byte for byte with
//! `Idempotent-Replayed: true`; one cut off by the kill ends with the 2xx it
//! would have had, never `409 already_issued` or an endless
//! `idempotency_request_in_progress`), invoice and credit note numbers have no
//! gaps, and every invoice's open amount agrees with its payments and credit
//! notes.
//!
//! A test target of its own without the libtest harness (`harness = false`),
//! so it runs alone: `cargo test -p ecom-tests --test crash`, or
//! `scripts/crash-loop N` for N loops on both engines.
//!
//! The server is this same executable: started with `ECOM_CRASH_SERVER=1` it
//! runs the `ecom` command line (`ecom_server::cli::main`, all the `ecom`
//! binary's `main` does), so the server under test is always built from the
//! current sources and no separate build step can go stale. `ECOM_BIN=path`
//! runs another `ecom` binary instead.
//!
//! Settings (environment):
//! - `ECOM_CRASH_LOOPS`: kill/restart loops (default 20);
//! - `ECOM_CRASH_SEED`: seed of the kill moments (printed, to repeat a run);
//! - `ECOM_CRASH_CLIENTS`: concurrent clients (default 8);
//! - `ECOM_TEST_DATABASE_URL=postgres://user@host:port`: a fresh database on
//!   that PostgreSQL server instead of a SQLite file.
//!
//! A key cut off by the crash may stay "in progress" (today's middleware
//! claims it in a transaction of its own). A client retries such a key for a
//! bounded time (counted as `stuck`, a failure); then the test moves the
//! server's development clock past the claim's abandonment time, as a
//! patient client would come back later, and retries again, so the duplicate
//! effects that follow are counted too.

use std::collections::{BTreeMap, HashMap};
use std::fs::OpenOptions;
use std::path::PathBuf;
use std::process::{Child, Command, ExitCode, Stdio};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::CONTENT_TYPE;
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// Set on the child process: run the `ecom` command line instead of the test.
const SERVER_ENV: &str = "ECOM_CRASH_SERVER";
const OPERATOR_EMAIL: &str = "operator@crash.example";
const OPERATOR_PASSWORD: &str = "crash test operator password";
/// How far the clock moves when keys stay in progress after a restart:
/// longer than any claim is held (5 minutes today).
const COME_BACK_LATER: chrono::Duration = chrono::Duration::minutes(6);
/// `409 idempotency_request_in_progress` answers a client accepts per key
/// (with a short back-off) before it counts the key as stuck.
const IN_PROGRESS_RETRIES: u32 = 40;
const IN_PROGRESS_BACKOFF: Duration = Duration::from_millis(25);
/// Kill moments: this many milliseconds after the clients start.
const KILL_AFTER_MS: std::ops::RangeInclusive<u64> = 5..=150;

fn main() -> ExitCode {
    if std::env::var_os(SERVER_ENV).is_some() {
        return ecom_server::cli::main();
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !selected(&args) {
        return ExitCode::SUCCESS;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let outcome = runtime.block_on(run(Config::from_env()));
    match outcome {
        Ok(()) => {
            println!("test crash ... ok");
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("test crash ... FAILED\n{failure}");
            ExitCode::FAILURE
        }
    }
}

/// Whether libtest-style arguments select this test (`cargo test -- FILTER`
/// passes the filter to every test binary; `--list` comes from nextest).
fn selected(args: &[String]) -> bool {
    const WITH_VALUE: [&str; 6] = [
        "--test-threads",
        "--format",
        "--color",
        "--skip",
        "--logfile",
        "-Z",
    ];
    let mut filters = Vec::new();
    let mut exact = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--list" => {
                if !args.iter().any(|a| a == "--ignored") {
                    println!("crash: test");
                }
                return false;
            }
            // Only ignored tests were asked for: this one is not ignored.
            "--ignored" => return false,
            "--exact" => exact = true,
            a if WITH_VALUE.contains(&a) => {
                iter.next();
            }
            a if a.starts_with('-') => {}
            filter => filters.push(filter.to_owned()),
        }
    }
    filters.is_empty()
        || filters.iter().any(|f| {
            if exact {
                f == "crash"
            } else {
                "crash".contains(f.as_str())
            }
        })
}

// ------------------------------------------------------------ settings

struct Config {
    loops: u32,
    clients: usize,
    seed: u64,
    /// The server program and whether it is this executable.
    program: PathBuf,
    self_exec: bool,
    postgres: Option<String>,
}

impl Config {
    fn from_env() -> Config {
        let number = |name: &str, default: u64| -> u64 {
            match std::env::var(name) {
                Ok(v) => v
                    .trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("{name} must be a whole number, not {v:?}")),
                Err(_) => default,
            }
        };
        let seed = number(
            "ECOM_CRASH_SEED",
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64),
        );
        let (program, self_exec) = match std::env::var_os("ECOM_BIN") {
            Some(bin) => (PathBuf::from(bin), false),
            None => (
                std::env::current_exe().expect("the test's own executable"),
                true,
            ),
        };
        Config {
            loops: u32::try_from(number("ECOM_CRASH_LOOPS", 20)).unwrap_or(u32::MAX),
            clients: usize::try_from(number("ECOM_CRASH_CLIENTS", 8))
                .unwrap_or(8)
                .max(1),
            seed,
            program,
            self_exec,
            postgres: ecom_tests::postgres_base_url(),
        }
    }
}

/// splitmix64: a small seeded generator, so a run's kill moments repeat.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn between(&mut self, range: std::ops::RangeInclusive<u64>) -> u64 {
        range.start() + self.next() % (range.end() - range.start() + 1)
    }
}

// ------------------------------------------------------------ the server process

/// The running server; killed (SIGKILL) when dropped, so a panic leaves no process behind.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    /// `kill -9`: no shutdown, no flushing, no answers.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

struct Harness {
    config: Config,
    dir: tempfile::TempDir,
    database_url: String,
    log: PathBuf,
    client: reqwest::Client,
}

impl Harness {
    fn new(config: Config) -> Harness {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let database_url = match &config.postgres {
            Some(base) => fresh_postgres_database(base),
            None => format!("sqlite://{}", dir.path().join("ecom.db").display()),
        };
        let log = dir.path().join("server.log");
        // A fresh connection per request: none is left pointing at a killed server.
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .timeout(Duration::from_secs(60))
            .build()
            .expect("an HTTP client");
        Harness {
            config,
            dir,
            database_url,
            log,
            client,
        }
    }

    fn engine(&self) -> &'static str {
        if self.config.postgres.is_some() {
            "PostgreSQL"
        } else {
            "SQLite"
        }
    }

    fn command(&self) -> Command {
        let mut command = Command::new(&self.config.program);
        if self.config.self_exec {
            command.env(SERVER_ENV, "1");
        }
        let log = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.log)
            .expect("the server log file");
        command
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(log.try_clone().expect("the server log file"))
            .stderr(log);
        command
    }

    /// `ecom operator create`: the account that may set the development clock.
    fn create_operator(&self) {
        let status = self
            .command()
            .args(["operator", "create", "--email", OPERATOR_EMAIL])
            .args(["--database-url", &self.database_url])
            .env("ECOM_OPERATOR_PASSWORD", OPERATOR_PASSWORD)
            .status()
            .expect("run `ecom operator create`");
        assert!(
            status.success(),
            "`ecom operator create` failed; see {}",
            self.log.display()
        );
    }

    /// Starts `ecom serve` on the database and waits until it is ready.
    async fn start(&self) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let dir = self.dir.path();
        let child = self
            .command()
            .arg("serve")
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .args(["--database-url", &self.database_url])
            .arg("--static-dir")
            .arg(dir.join("no-spa"))
            .arg("--mail-dir")
            .arg(dir.join("mail"))
            .args(["--jobs-interval", "0", "--dev-clock", "--workers", "2"])
            // Long-lived tokens: the clock may move hours during a run.
            .args(["--access-token-ttl", "2592000"])
            .args(["--rate-limit-auth", "0", "--rate-limit-ip", "0"])
            .args(["--rate-limit-api-key", "0"])
            .spawn()
            .expect("start `ecom serve`");
        let mut server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!(
                    "the server exited ({status}) while starting; see {}",
                    self.log.display()
                );
            }
            let ready = self
                .client
                .get(format!("{}/readyz", server.base))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ready {
                return server;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the server was not ready within 60 s; see {}",
                self.log.display()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// An empty database of its own on the PostgreSQL server at `base` (as
/// tests/support does for the API tests).
fn fresh_postgres_database(base: &str) -> String {
    use diesel::{Connection, RunQueryDsl};
    let base = base.trim_end_matches('/');
    let name = format!("ecom_crash_{}", uuid::Uuid::new_v4().simple());
    let mut conn = diesel::pg::PgConnection::establish(&format!("{base}/postgres"))
        .expect("connect to the test PostgreSQL server");
    diesel::sql_query(format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .expect("create the test database");
    format!("{base}/{name}")
}

// ------------------------------------------------------------ requests

/// The steps of one client's chain: money moves on one invoice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Step {
    Contact,
    Draft,
    Issue,
    FirstPayment,
    CreditNote,
    SecondPayment,
}

impl Step {
    const CHAIN: [Step; 6] = [
        Step::Contact,
        Step::Draft,
        Step::Issue,
        Step::FirstPayment,
        Step::CreditNote,
        Step::SecondPayment,
    ];

    fn expected_status(self) -> u16 {
        match self {
            Step::Issue => 200,
            _ => 201,
        }
    }

    /// The request of this step for the chain `marker`; `None` when the id it
    /// needs is unknown.
    fn request(self, marker: &str, contact: Option<&str>, invoice: Option<&str>) -> Option<Sent> {
        let (path, body) = match self {
            Step::Contact => (
                "/api/v1/contacts".to_owned(),
                json!({
                    "first_name": "Crash", "last_name": marker, "email": format!("{marker}@crash.example"),
                    "country": "BE", "tags": [], "marketing_consent": false
                }),
            ),
            Step::Draft => (
                "/api/v1/sales-invoices".to_owned(),
                json!({
                    "contact_id": contact?, "notes": marker,
                    "lines": [{ "description": "Consulting", "quantity": "10", "unit_price": "100.00", "vat_rate": "21" }]
                }),
            ),
            Step::Issue => (
                format!("/api/v1/sales-invoices/{}/issue", invoice?),
                json!({}),
            ),
            Step::FirstPayment | Step::SecondPayment => (
                format!("/api/v1/sales-invoices/{}/payments", invoice?),
                json!({ "amount": PAYMENT, "reference": self.marker(marker) }),
            ),
            Step::CreditNote => (
                format!("/api/v1/sales-invoices/{}/credit-note", invoice?),
                json!({
                    "reason": self.marker(marker),
                    "lines": [{ "description": "Consulting", "quantity": "1", "unit_price": "100.00", "vat_rate": "21" }]
                }),
            ),
        };
        Some(Sent {
            step: self,
            marker: self.marker(marker),
            key: uuid::Uuid::new_v4().to_string(),
            path,
            body: serde_json::to_vec(&body).expect("a JSON body"),
        })
    }

    /// What identifies this step's effect: the contact's last name, the
    /// draft's notes, the payment's reference, the credit note's reason.
    fn marker(self, chain: &str) -> String {
        match self {
            Step::Contact | Step::Draft | Step::Issue => chain.to_owned(),
            Step::FirstPayment => format!("{chain}-p1"),
            Step::SecondPayment => format!("{chain}-p2"),
            Step::CreditNote => format!("{chain}-cn"),
        }
    }
}

const PAYMENT: &str = "100.00";

/// A request as sent, to be sent again byte for byte.
#[derive(Clone, Debug)]
struct Sent {
    step: Step,
    marker: String,
    key: String,
    path: String,
    body: Vec<u8>,
}

#[derive(Clone, Debug)]
struct Answer {
    status: u16,
    body: Vec<u8>,
    replayed: bool,
}

impl Answer {
    fn text(&self) -> String {
        let text = String::from_utf8_lossy(&self.body);
        text.chars().take(300).collect()
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or(Value::Null)
    }

    fn code(&self) -> String {
        self.json()["code"].as_str().unwrap_or_default().to_owned()
    }
}

#[derive(Clone, Debug)]
struct Exchange {
    sent: Sent,
    answer: Answer,
}

async fn send(
    client: &reqwest::Client,
    base: &str,
    secret: &str,
    sent: &Sent,
) -> Result<Answer, reqwest::Error> {
    let response = client
        .post(format!("{base}{}", sent.path))
        .bearer_auth(secret)
        .header("Idempotency-Key", &sent.key)
        .header(CONTENT_TYPE, "application/json")
        .body(sent.body.clone())
        .send()
        .await?;
    let status = response.status().as_u16();
    let replayed = response
        .headers()
        .get("Idempotent-Replayed")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"true"));
    let body = response.bytes().await?.to_vec();
    Ok(Answer {
        status,
        body,
        replayed,
    })
}

// ------------------------------------------------------------ one client

/// Where a client is in its chain. Chains carry over from one loop to the
/// next, so every step of the chain gets cut off by some kill, not only the
/// first ones.
#[derive(Clone, Debug, Default)]
struct Chain {
    number: u32,
    contact: Option<String>,
    invoice: Option<String>,
    /// The index in [`Step::CHAIN`] of the next request.
    next: usize,
}

impl Chain {
    fn marker(&self, client: usize) -> String {
        format!("crash-{client}-{}", self.number)
    }

    /// The chain after `step` was answered with `answer` (as expected).
    fn answered(&mut self, step: Step, answer: &Answer) {
        let id = answer.json()["id"].as_str().map(str::to_owned);
        match step {
            Step::Contact => self.contact = id,
            Step::Draft => self.invoice = id,
            _ => {}
        }
        self.next += 1;
    }

    /// Gives up this chain; the next request starts a new one.
    fn abandon(&mut self) {
        *self = Chain {
            number: self.number + 1,
            ..Chain::default()
        };
    }
}

#[derive(Default)]
struct ClientLog {
    /// Answered with the expected status before the kill.
    answered: Vec<Exchange>,
    /// Sent when the server died (or after): no answer.
    cut_off: Option<Sent>,
    /// Answered with another status before the kill (a bug, not a crash effect).
    refused: Vec<Exchange>,
}

/// Runs chains of requests until `stop` is set or the server is gone.
async fn client(
    http: reqwest::Client,
    base: String,
    secret: Arc<str>,
    number: usize,
    mut chain: Chain,
    stop: Arc<AtomicBool>,
) -> (ClientLog, Chain) {
    let mut log = ClientLog::default();
    loop {
        if chain.next >= Step::CHAIN.len() {
            chain.abandon();
        }
        if stop.load(Ordering::SeqCst) {
            return (log, chain);
        }
        let step = Step::CHAIN[chain.next];
        let Some(sent) = step.request(
            &chain.marker(number),
            chain.contact.as_deref(),
            chain.invoice.as_deref(),
        ) else {
            chain.abandon();
            continue;
        };
        match send(&http, &base, &secret, &sent).await {
            Err(_) => {
                log.cut_off = Some(sent);
                return (log, chain);
            }
            Ok(answer) if answer.status == step.expected_status() => {
                chain.answered(step, &answer);
                log.answered.push(Exchange { sent, answer });
            }
            Ok(answer) => {
                log.refused.push(Exchange { sent, answer });
                chain.abandon();
            }
        }
    }
}

/// What became of a cut-off request's retries.
enum Retried {
    Answered(Answer, u32),
    /// Still `idempotency_request_in_progress` after the bounded retries.
    Stuck(u32),
    Unreachable,
    /// The two concurrent retries were answered differently.
    Diverged(Answer, Answer),
}

/// Retries `sent` until it gets an answer other than "in progress" (bounded).
async fn retry(http: &reqwest::Client, base: &str, secret: &str, sent: &Sent) -> Retried {
    let (mut in_progress, mut transport_errors) = (0, 0);
    loop {
        match send(http, base, secret, sent).await {
            Err(_) => {
                transport_errors += 1;
                if transport_errors > 50 {
                    return Retried::Unreachable;
                }
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Ok(answer)
                if answer.status == 409 && answer.code() == "idempotency_request_in_progress" =>
            {
                in_progress += 1;
                if in_progress >= IN_PROGRESS_RETRIES {
                    return Retried::Stuck(in_progress);
                }
                tokio::time::sleep(IN_PROGRESS_BACKOFF).await;
            }
            Ok(answer) => return Retried::Answered(answer, in_progress),
        }
    }
}

// ------------------------------------------------------------ the run

#[derive(Default)]
struct Figures {
    kills: u32,
    answered_before_kill: usize,
    cut_off_retried: usize,
    in_progress_answers: u32,
    stuck_keys: usize,
    clock_moves: u32,
    replays_checked: usize,
    failures: Vec<String>,
    /// Counted by kind in the final check.
    duplicates: BTreeMap<&'static str, usize>,
    lost: BTreeMap<&'static str, usize>,
    /// Retries of cut-off keys answered otherwise than the request would
    /// have been, by step, status and problem code.
    changed_answers: BTreeMap<String, usize>,
    replay_mismatches: usize,
    number_gaps: usize,
    inconsistent_totals: usize,
}

impl Figures {
    fn fail(&mut self, what: String) {
        self.failures.push(what);
    }
}

async fn run(config: Config) -> Result<(), String> {
    let seed = config.seed;
    let (loops, clients) = (config.loops, config.clients);
    let harness = Harness::new(config);
    let engine = harness.engine();
    println!(
        "crash test on {engine}: {loops} loops, {clients} clients, seed {seed} \
         (ECOM_CRASH_SEED={seed} to repeat the kill moments); server log {}",
        harness.log.display()
    );
    let mut rng = Rng(seed);
    let mut figures = Figures::default();
    let started = Instant::now();

    harness.create_operator();
    let mut server = harness.start().await;
    let (secret, operator) = set_up(&harness, &server.base).await;
    let secret: Arc<str> = secret.into();
    // How far the server's clock is ahead of the system clock; a restart
    // resets the development clock, so it is set again after every start.
    let mut ahead = chrono::Duration::zero();
    let mut all: Vec<Exchange> = Vec::new();
    let mut unanswered: Vec<Sent> = Vec::new();

    let mut chains: Vec<Chain> = vec![Chain::default(); clients];
    for round in 0..loops {
        let stop = Arc::new(AtomicBool::new(false));
        let tasks: Vec<_> = chains
            .drain(..)
            .enumerate()
            .map(|(c, chain)| {
                tokio::spawn(client(
                    harness.client.clone(),
                    server.base.clone(),
                    secret.clone(),
                    c,
                    chain,
                    stop.clone(),
                ))
            })
            .collect();
        let delay = rng.between(KILL_AFTER_MS);
        tokio::time::sleep(Duration::from_millis(delay)).await;
        stop.store(true, Ordering::SeqCst);
        server.kill();
        figures.kills += 1;
        let mut logs = Vec::new();
        for task in tasks {
            logs.push(task.await.expect("a client task"));
        }
        server = harness.start().await;
        set_clock(&harness, &server.base, &operator, ahead).await;

        let mut answered: Vec<Exchange> = Vec::new();
        let mut cut_off: Vec<Sent> = Vec::new();
        // The client of each cut-off request, to carry its chain on.
        let mut cut_off_client: Vec<usize> = Vec::new();
        for (c, (log, chain)) in logs.into_iter().enumerate() {
            chains.push(chain);
            if log.cut_off.is_some() {
                cut_off_client.push(c);
            }
            for refused in log.refused {
                figures.fail(format!(
                    "loop {round}: {:?} {} was refused before any crash: {} {}",
                    refused.sent.step,
                    refused.sent.path,
                    refused.answer.status,
                    refused.answer.text()
                ));
            }
            answered.extend(log.answered);
            cut_off.extend(log.cut_off);
        }
        figures.answered_before_kill += answered.len();
        figures.cut_off_retried += cut_off.len();

        // Every request the kill cut off, again with its key and body.
        let mut retried = retry_all(&harness.client, &server.base, &secret, &cut_off).await;
        let stuck: Vec<Sent> = cut_off
            .iter()
            .zip(&retried)
            .filter(|(_, r)| matches!(r, Retried::Stuck(_)))
            .map(|(s, _)| s.clone())
            .collect();
        if !stuck.is_empty() {
            figures.stuck_keys += stuck.len();
            figures.fail(format!(
                "loop {round}: {} cut-off key(s) still answered 409 idempotency_request_in_progress \
                 after {IN_PROGRESS_RETRIES} retries over {} ms (first: {:?} {})",
                stuck.len(),
                IN_PROGRESS_RETRIES * IN_PROGRESS_BACKOFF.as_millis() as u32,
                stuck[0].step,
                stuck[0].path
            ));
            // A patient client comes back later: the claims are abandoned by then.
            ahead += COME_BACK_LATER;
            figures.clock_moves += 1;
            set_clock(&harness, &server.base, &operator, ahead).await;
            let again = retry_all(&harness.client, &server.base, &secret, &stuck).await;
            let mut again = again.into_iter();
            for r in retried.iter_mut() {
                if let Retried::Stuck(n) = *r {
                    let later = again.next().unwrap_or(Retried::Unreachable);
                    *r = match later {
                        Retried::Answered(a, m) => Retried::Answered(a, n + m),
                        other => other,
                    };
                }
            }
        }
        for ((sent, result), c) in cut_off.into_iter().zip(retried).zip(cut_off_client) {
            // The chain goes on only after the expected answer.
            if !matches!(&result, Retried::Answered(a, _) if a.status == sent.step.expected_status())
            {
                chains[c].abandon();
            }
            match result {
                Retried::Answered(answer, in_progress) => {
                    figures.in_progress_answers += in_progress;
                    if answer.status == sent.step.expected_status() {
                        chains[c].answered(sent.step, &answer);
                        answered.push(Exchange { sent, answer });
                    } else {
                        *figures
                            .changed_answers
                            .entry(format!(
                                "{:?} {} {}",
                                sent.step,
                                answer.status,
                                answer.code()
                            ))
                            .or_default() += 1;
                        figures.fail(format!(
                            "loop {round}: the retry of a cut-off {:?} ({}) got {} {} instead of {}: {}",
                            sent.step,
                            sent.path,
                            answer.status,
                            answer.code(),
                            sent.step.expected_status(),
                            answer.text(),
                        ));
                        unanswered.push(sent);
                    }
                }
                Retried::Stuck(n) => {
                    figures.in_progress_answers += n;
                    figures.fail(format!(
                        "loop {round}: a cut-off {:?} ({}) stayed in progress even after the clock moved {} minutes",
                        sent.step,
                        sent.path,
                        COME_BACK_LATER.num_minutes()
                    ));
                    unanswered.push(sent);
                }
                Retried::Unreachable => {
                    figures.fail(format!(
                        "loop {round}: the retry of {:?} ({}) could not reach the server",
                        sent.step, sent.path
                    ));
                    unanswered.push(sent);
                }
                Retried::Diverged(a, b) => {
                    *figures
                        .changed_answers
                        .entry(format!("{:?} concurrent retries differ", sent.step))
                        .or_default() += 1;
                    figures.fail(format!(
                        "loop {round}: two concurrent retries of a cut-off {:?} ({}) got different answers: {} {} / {} {}",
                        sent.step,
                        sent.path,
                        a.status,
                        a.text(),
                        b.status,
                        b.text()
                    ));
                    unanswered.push(sent);
                }
            }
        }

        // Every answered request again: the same answer, marked as replayed.
        for exchange in &answered {
            figures.replays_checked += 1;
            let again = match retry(&harness.client, &server.base, &secret, &exchange.sent).await {
                Retried::Answered(a, _) => a,
                Retried::Stuck(_) | Retried::Unreachable | Retried::Diverged(..) => Answer {
                    status: 0,
                    body: b"(no answer)".to_vec(),
                    replayed: false,
                },
            };
            let same = again.status == exchange.answer.status && again.body == exchange.answer.body;
            if !same || !again.replayed {
                figures.replay_mismatches += 1;
                figures.fail(format!(
                    "loop {round}: replaying {:?} ({}) gave {} (replayed: {}) {}\n    first answer: {} {}",
                    exchange.sent.step,
                    exchange.sent.path,
                    again.status,
                    again.replayed,
                    again.text(),
                    exchange.answer.status,
                    exchange.answer.text()
                ));
            }
        }
        all.extend(answered);
        if loops <= 50 || round % 20 == 19 {
            println!(
                "  loop {round:>3}: killed after {delay:>3} ms; answered before the kill {}, cut-off keys retried so far {}",
                figures.answered_before_kill, figures.cut_off_retried
            );
        }
    }

    // The effects' failures are listed first: they are what the test is for.
    let per_loop = figures.failures.len();
    check_effects(
        &harness,
        &server.base,
        &secret,
        &all,
        &unanswered,
        &mut figures,
    )
    .await;
    drop(server);

    let duplicates: usize = figures.duplicates.values().sum();
    let changed: usize = figures.changed_answers.values().sum();
    println!(
        "crash test on {engine} finished in {:.1} s: {loops} loops, {} kills (SIGKILL), seed {seed}\n  \
         requests answered before a kill: {}; answers replayed and compared: {}\n  \
         cut-off keys retried: {}; 409 in-progress answers: {}; keys stuck in progress: {}; clock moved {} times\n  \
         duplicate effects: {duplicates} {:?}; lost effects: {:?}\n  \
         changed answers: {changed} {:?}; replay mismatches: {}; number gaps: {}; inconsistent invoice totals: {}",
        started.elapsed().as_secs_f64(),
        figures.kills,
        figures.answered_before_kill,
        figures.replays_checked,
        figures.cut_off_retried,
        figures.in_progress_answers,
        figures.stuck_keys,
        figures.clock_moves,
        figures.duplicates,
        figures.lost,
        figures.changed_answers,
        figures.replay_mismatches,
        figures.number_gaps,
        figures.inconsistent_totals,
    );
    if figures.failures.is_empty() {
        Ok(())
    } else {
        let shown = 25;
        let mut report = format!(
            "{} failure(s) on {engine} (seed {seed}; server log {}):\n",
            figures.failures.len(),
            harness.log.display()
        );
        let (loop_failures, effect_failures) = figures.failures.split_at(per_loop);
        for failure in effect_failures.iter().chain(loop_failures).take(shown) {
            report.push_str(&format!("  - {failure}\n"));
        }
        if figures.failures.len() > shown {
            report.push_str(&format!(
                "  ... and {} more\n",
                figures.failures.len() - shown
            ));
        }
        // Keep the database and the server log to look at.
        let kept = harness.dir.keep();
        report.push_str(&format!("  kept: {}\n", kept.display()));
        Err(report)
    }
}

/// Retries every key, each twice at once (a client that gave up waiting and
/// sent it again while its first retry still ran): both must end with the
/// same answer, and there must still be one effect.
async fn retry_all(
    http: &reqwest::Client,
    base: &str,
    secret: &str,
    sent: &[Sent],
) -> Vec<Retried> {
    futures_util::future::join_all(sent.iter().map(|s| async move {
        let (first, second) =
            tokio::join!(retry(http, base, secret, s), retry(http, base, secret, s));
        match (first, second) {
            (Retried::Answered(a, n), Retried::Answered(b, m)) => {
                if a.status == b.status && a.body == b.body {
                    Retried::Answered(a, n + m)
                } else {
                    Retried::Diverged(a, b)
                }
            }
            (d @ Retried::Diverged(..), _) | (_, d @ Retried::Diverged(..)) => d,
            (Retried::Unreachable, _) | (_, Retried::Unreachable) => Retried::Unreachable,
            (Retried::Stuck(n), Retried::Stuck(m)) => Retried::Stuck(n + m),
            (Retried::Stuck(n), Retried::Answered(_, m))
            | (Retried::Answered(_, m), Retried::Stuck(n)) => Retried::Stuck(n + m),
        }
    }))
    .await
}

/// A tenant with invoicing set up and a full-access API key; the operator's token.
async fn set_up(harness: &Harness, base: &str) -> (String, String) {
    let http = &harness.client;
    let admin = ecom_tests::email("crash");
    let mut body = ecom_tests::signup_body("Crash Test BV", &admin);
    body["company"]["vat_number"] = json!("BE0123456749");
    let signed: Value = expect(
        http.post(format!("{base}/api/v1/signup")).json(&body),
        201,
        "sign up",
    )
    .await;
    let token = signed["session"]["access_token"]
        .as_str()
        .expect("an access token")
        .to_owned();
    expect(
        http.put(format!("{base}/api/v1/invoicing/settings"))
            .bearer_auth(&token)
            .json(&json!({
                "invoice_prefix": "F", "quotation_prefix": "OFF", "iban": "BE68 5390 0754 7034", "bic": "GKCCBEBB",
                "payment_term_days": 30, "late_payment_policy": "statutory", "default_vat_rate": "21"
            })),
        200,
        "invoicing settings",
    )
    .await;
    let key: Value = expect(
        http.post(format!("{base}/api/v1/api-keys"))
            .bearer_auth(&token)
            .json(&json!({ "name": "crash test", "scopes": ["*"] })),
        201,
        "API key",
    )
    .await;
    let secret = key["secret"].as_str().expect("the key's secret").to_owned();
    let login: Value = expect(
        http.post(format!("{base}/api/v1/operator/auth/login"))
            .json(&json!({ "email": OPERATOR_EMAIL, "password": OPERATOR_PASSWORD })),
        200,
        "operator log-in",
    )
    .await;
    let operator = login["access_token"]
        .as_str()
        .expect("the operator's token")
        .to_owned();
    (secret, operator)
}

async fn set_clock(harness: &Harness, base: &str, operator: &str, ahead: chrono::Duration) {
    if ahead.is_zero() {
        return;
    }
    expect(
        harness
            .client
            .put(format!("{base}/api/v1/operator/clock"))
            .bearer_auth(operator)
            .json(&json!({ "now": chrono::Utc::now() + ahead })),
        200,
        "set the clock",
    )
    .await;
}

async fn expect(request: reqwest::RequestBuilder, status: u16, what: &str) -> Value {
    let response = request
        .send()
        .await
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let actual = response.status().as_u16();
    let text = response.text().await.unwrap_or_default();
    assert_eq!(actual, status, "{what}: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

async fn get_json(harness: &Harness, base: &str, secret: &str, path: &str) -> Value {
    expect(
        harness
            .client
            .get(format!("{base}{path}"))
            .bearer_auth(secret),
        200,
        path,
    )
    .await
}

/// Every item of a paged list.
async fn list_all(harness: &Harness, base: &str, secret: &str, path: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut request = harness
            .client
            .get(format!("{base}{path}"))
            .bearer_auth(secret)
            .query(&[("limit", "200")]);
        if let Some(c) = &cursor {
            request = request.query(&[("cursor", c)]);
        }
        let page = expect(request, 200, path).await;
        items.extend(page["items"].as_array().cloned().unwrap_or_default());
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return items,
        }
    }
}

fn decimal(v: &Value) -> Decimal {
    match v {
        Value::String(s) => Decimal::from_str(s).unwrap_or_default(),
        other => Decimal::from_str(&other.to_string()).unwrap_or_default(),
    }
}

/// The effects in the database, seen through the API: one per answered key,
/// none twice; numbers without gaps; totals that add up.
async fn check_effects(
    harness: &Harness,
    base: &str,
    secret: &str,
    answered: &[Exchange],
    unanswered: &[Sent],
    figures: &mut Figures,
) {
    // What exists, by marker.
    let mut found: HashMap<(&'static str, String), usize> = HashMap::new();
    for contact in list_all(harness, base, secret, "/api/v1/contacts").await {
        if let Some(name) = contact["last_name"].as_str() {
            *found.entry(("contact", name.to_owned())).or_default() += 1;
        }
    }
    let mut numbers: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut paid_in_api = Decimal::ZERO;
    let mut issued_markers: HashMap<String, usize> = HashMap::new();
    for summary in list_all(harness, base, secret, "/api/v1/sales-invoices").await {
        let id = summary["id"].as_str().unwrap_or_default();
        let invoice = get_json(
            harness,
            base,
            secret,
            &format!("/api/v1/sales-invoices/{id}"),
        )
        .await;
        let notes = invoice["notes"].as_str().unwrap_or_default().to_owned();
        *found.entry(("draft invoice", notes.clone())).or_default() += 1;
        let mut paid = Decimal::ZERO;
        for payment in invoice["payments"].as_array().cloned().unwrap_or_default() {
            let reference = payment["reference"].as_str().unwrap_or_default().to_owned();
            *found.entry(("payment", reference)).or_default() += 1;
            paid += decimal(&payment["amount"]);
        }
        paid_in_api += paid;
        let mut credited = Decimal::ZERO;
        for note in invoice["credit_notes"]
            .as_array()
            .cloned()
            .unwrap_or_default()
        {
            let reason = note["reason"].as_str().unwrap_or_default().to_owned();
            *found.entry(("credit note", reason)).or_default() += 1;
            credited += decimal(&note["total_incl_vat"]);
            if let Some(number) = note["number"].as_str() {
                push_number(&mut numbers, number);
            }
        }
        if let Some(number) = invoice["number"].as_str() {
            *issued_markers.entry(notes.clone()).or_default() += 1;
            push_number(&mut numbers, number);
            let total = decimal(&invoice["total_incl_vat"]);
            let open = decimal(&invoice["open_amount"]);
            let expected_open = (total - credited - paid).max(Decimal::ZERO);
            if open != expected_open {
                figures.inconsistent_totals += 1;
                figures.fail(format!(
                    "invoice {number} ({notes}): open amount {open}, but total {total} - credit notes {credited} - payments {paid} = {expected_open}"
                ));
            }
        }
    }

    // Each answered key: exactly one effect.
    let mut expected_paid = Decimal::ZERO;
    for exchange in answered {
        let sent = &exchange.sent;
        let kind = match sent.step {
            Step::Contact => "contact",
            Step::Draft => "draft invoice",
            Step::FirstPayment | Step::SecondPayment => "payment",
            Step::CreditNote => "credit note",
            Step::Issue => {
                if issued_markers.get(&sent.marker).copied().unwrap_or(0) == 0 {
                    *figures.lost.entry("issue").or_default() += 1;
                    figures.fail(format!(
                        "{}: issued (200) but no invoice with its notes has a number",
                        sent.marker
                    ));
                }
                continue;
            }
        };
        if kind == "payment" {
            expected_paid += Decimal::from_str(PAYMENT).unwrap_or_default();
        }
        check_count(figures, &found, kind, &sent.marker, 1);
    }
    // Keys that never got their answer: at most one effect.
    for sent in unanswered {
        let kind = match sent.step {
            Step::Contact => "contact",
            Step::Draft => "draft invoice",
            Step::FirstPayment | Step::SecondPayment => "payment",
            Step::CreditNote => "credit note",
            Step::Issue => continue,
        };
        let n = found
            .get(&(kind, sent.marker.clone()))
            .copied()
            .unwrap_or(0);
        if n > 1 {
            *figures.duplicates.entry(kind).or_default() += n - 1;
            figures.fail(format!("{kind} {}: {n} made by one key", sent.marker));
        }
        if kind == "payment" && n > 0 {
            expected_paid += Decimal::from_str(PAYMENT).unwrap_or_default();
        }
    }
    if paid_in_api != expected_paid && figures.duplicates.get("payment").is_none_or(|d| *d == 0) {
        figures.inconsistent_totals += 1;
        figures.fail(format!(
            "payments on the invoices add up to {paid_in_api}; the payment requests (one effect per key) to {expected_paid}"
        ));
    }
    println!("  paid on the invoices: {paid_in_api}; paid by the payment requests (one effect per key): {expected_paid}");

    // Numbers: 1, 2, 3, ... per series and year.
    for (series, mut seqs) in numbers {
        seqs.sort_unstable();
        let n = seqs.len();
        let gapless = seqs.iter().enumerate().all(|(i, s)| *s as usize == i + 1);
        if !gapless {
            figures.number_gaps += 1;
            figures.fail(format!(
                "series {series}: {n} numbers, not 1..{n} without gaps or repeats: first {:?}",
                seqs.iter().take(12).collect::<Vec<_>>()
            ));
        }
    }
}

fn check_count(
    figures: &mut Figures,
    found: &HashMap<(&'static str, String), usize>,
    kind: &'static str,
    marker: &str,
    want: usize,
) {
    let n = found.get(&(kind, marker.to_owned())).copied().unwrap_or(0);
    if n > want {
        *figures.duplicates.entry(kind).or_default() += n - want;
        figures.fail(format!("{kind} {marker}: {n} made by one key"));
    } else if n < want {
        *figures.lost.entry(kind).or_default() += want - n;
        figures.fail(format!("{kind} {marker}: answered 2xx but not found"));
    }
}

/// `F-2026-000012` → series `F-2026`, number 12.
fn push_number(numbers: &mut BTreeMap<String, Vec<u32>>, number: &str) {
    match number
        .rsplit_once('-')
        .and_then(|(s, n)| Some((s, n.parse::<u32>().ok()?)))
    {
        Some((series, seq)) => numbers.entry(series.to_owned()).or_default().push(seq),
        None => numbers.entry(number.to_owned()).or_default().push(0),
    }
}
