//! Everything the server can be told, with the defaults of `ecom serve`.

use std::path::PathBuf;
use std::time::Duration;

/// Argon2id cost. Production uses OWASP's recommendation (19 MiB, 2 passes,
/// 1 lane); tests may use less, never a production server (`ecom serve` has
/// no flag for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordHashing {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl PasswordHashing {
    pub const OWASP: PasswordHashing = PasswordHashing {
        memory_kib: 19_456,
        iterations: 2,
        parallelism: 1,
    };
    /// Cheap parameters for test suites only.
    pub const TEST_ONLY: PasswordHashing = PasswordHashing {
        memory_kib: 1024,
        iterations: 1,
        parallelism: 1,
    };
}

/// Request rate limits (token buckets refilled evenly over a minute). 0 turns a limit off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// Requests per minute per API key.
    pub per_api_key_per_minute: u32,
    /// Requests per minute per client IP address (every request).
    pub per_ip_per_minute: u32,
    /// Log-in, sign-up, token refresh and invitation acceptance, per IP per minute.
    pub auth_per_ip_per_minute: u32,
}

impl Default for RateLimits {
    fn default() -> Self {
        Self {
            per_api_key_per_minute: 600,
            per_ip_per_minute: 1200,
            auth_per_ip_per_minute: 10,
        }
    }
}

/// The server's configuration.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Address to bind; port 0 picks a free port.
    pub listen: String,
    /// `sqlite://path` (default) or `postgres://...`.
    pub database_url: String,
    pub max_db_connections: u32,
    /// The built SPA (Trunk's dist folder); `None` serves the API only.
    pub static_dir: Option<PathBuf>,
    /// HMAC key for access tokens. `None`: generated once and kept in the database.
    pub jwt_secret: Option<String>,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    /// How long after log-in a session can be refreshed at most.
    pub session_max_age: Duration,
    pub invitation_ttl: Duration,
    pub password_hashing: PasswordHashing,
    /// Lets the operator set the clock (development and tests only).
    pub dev_clock: bool,
    /// Largest accepted JSON body.
    pub max_body_bytes: usize,
    /// HTTP worker threads; `None` uses one per core.
    pub workers: Option<usize>,
    /// `smtp://host:port` or `smtps://user:pass@host`; `None` writes e-mails
    /// as `.eml` files into `mail_dir` instead.
    pub smtp_url: Option<String>,
    pub mail_dir: PathBuf,
    /// The sender of every notice.
    pub mail_from: String,
    /// Where people reach the web app; links in e-mails start with it.
    pub public_url: String,
    /// The operator's bank account printed on its invoices (and in the payment QR code).
    pub operator_iban: String,
    pub operator_bic: String,
    /// The operator's SEPA creditor identifier (EPC262-08) for direct debits.
    pub operator_creditor_id: String,
    /// Days after the first overdue due date before access is suspended (terms art. 11).
    pub suspension_grace_days: i64,
    /// Shared secret of the payment provider's webhook; `None` disables it.
    pub payment_webhook_secret: Option<String>,
    /// How often the background jobs (notice delivery, ...) run; `None`
    /// never (tests run them by hand).
    pub jobs_interval: Option<Duration>,
    /// Years invoices are kept from 1 January after their date (legal hold,
    /// SPEC §4): 10 by default, `ECOM_INVOICE_RETENTION_YEARS` to change.
    pub invoice_retention_years: u32,
    /// Largest accepted body that is not JSON (CSV imports, uploads).
    pub max_upload_bytes: usize,
    /// Trust `X-Forwarded-For` / `X-Forwarded-Proto` from a reverse proxy
    /// (client IP for rate limits, HTTPS for HSTS). Only behind a proxy that sets them.
    pub trust_proxy_headers: bool,
    /// A header in which a trusted proxy reports the client's country
    /// (e.g. `CF-IPCountry`), recorded as an API key's last-use country.
    pub country_header: Option<String>,
    /// Always send `Strict-Transport-Security` (the server is only reached over HTTPS).
    pub hsts: bool,
    /// Origins allowed to call the API from a browser (CORS); empty = none.
    pub cors_allowed_origins: Vec<String>,
    pub rate_limits: RateLimits,
    /// How long a rotated API key's previous secret keeps working.
    pub api_key_rotation_grace: Duration,
    /// Development and tests only: lets webhooks target loopback addresses.
    pub webhooks_allow_loopback: bool,
    /// Time limit of one webhook delivery attempt.
    pub webhook_timeout: Duration,
    /// Request header with the visitor's region (ISO 3166-2 subdivision)
    /// from the same trusted proxy; `None`: region unknown.
    pub region_header: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            listen: "127.0.0.1:8080".into(),
            database_url: "sqlite://data/ecom.db".into(),
            max_db_connections: 16,
            static_dir: Some(PathBuf::from("frontend/dist")),
            jwt_secret: None,
            access_token_ttl: Duration::from_secs(15 * 60),
            refresh_token_ttl: Duration::from_secs(14 * 24 * 3600),
            session_max_age: Duration::from_secs(30 * 24 * 3600),
            invitation_ttl: Duration::from_secs(7 * 24 * 3600),
            password_hashing: PasswordHashing::OWASP,
            dev_clock: false,
            max_body_bytes: 64 * 1024,
            workers: None,
            smtp_url: None,
            mail_dir: PathBuf::from("data/outbox"),
            mail_from: "Ecom <no-reply@ecom.invalid>".into(),
            public_url: "http://127.0.0.1:8080".into(),
            jobs_interval: Some(Duration::from_secs(15)),
            operator_iban: "BE68539007547034".into(),
            suspension_grace_days: 14,
            payment_webhook_secret: None,
            operator_bic: "GKCCBEBB".into(),
            operator_creditor_id: "BE43ZZZ0810231595".into(),
            invoice_retention_years: std::env::var("ECOM_INVOICE_RETENTION_YEARS")
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(ecom_domain::retention::DEFAULT_INVOICE_RETENTION_YEARS),
            max_upload_bytes: 10 * 1024 * 1024,
            trust_proxy_headers: false,
            country_header: None,
            hsts: false,
            cors_allowed_origins: Vec::new(),
            rate_limits: RateLimits::default(),
            api_key_rotation_grace: Duration::from_secs(24 * 3600),
            webhooks_allow_loopback: false,
            webhook_timeout: Duration::from_secs(10),
            region_header: None,
        }
    }
}
