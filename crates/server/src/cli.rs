//! The `ecom` command line: `serve`, `operator create`, `openapi`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use ecom_domain::{EmailAddress, OperatorId, Password};
use ecom_storage::{operators, write_transaction, Database, PoolSettings};

use crate::audit::Audit;
use crate::auth::password;
use crate::clock::Clock;
use crate::error::ApiError;
use crate::settings::Settings;
use crate::startup::Application;

const DEFAULT_DATABASE_URL: &str = "sqlite://data/ecom.db";

#[derive(Parser, Debug)]
#[command(
    name = "ecom",
    version,
    about = "Ecom: multi-tenant CRM and invoicing for small businesses"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

// Parsed once at start-up: the size of the `serve` variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
enum Command {
    /// Run the HTTP server (API and web app). Migrations run on start.
    Serve(ServeArgs),
    /// Manage Ecom staff accounts.
    Operator {
        #[command(subcommand)]
        command: OperatorCommand,
    },
    /// Print the OpenAPI document (JSON) to standard output.
    Openapi,
    /// Background jobs, for cron-style use beside (or instead of) the server's own interval.
    Jobs {
        #[command(subcommand)]
        command: JobsCommand,
    },
}

#[derive(Subcommand, Debug)]
enum JobsCommand {
    /// Run every due job once and exit. Safe to run while servers run them too.
    Run {
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database_url: String,
        /// Run as if it were this time (RFC 3339), e.g. to replay a missed night.
        #[arg(long)]
        now: Option<chrono::DateTime<chrono::Utc>>,
        #[arg(long, env = "ECOM_SMTP_URL", hide_env_values = true)]
        smtp_url: Option<String>,
        #[arg(long, env = "ECOM_MAIL_DIR", default_value = "data/outbox")]
        mail_dir: PathBuf,
        #[arg(
            long,
            env = "ECOM_MAIL_FROM",
            default_value = "Ecom <no-reply@ecom.invalid>"
        )]
        mail_from: String,
        #[arg(long, env = "ECOM_PUBLIC_URL", default_value = "http://127.0.0.1:8080")]
        public_url: String,
    },
}

#[derive(clap::Args, Debug)]
struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "ECOM_LISTEN", default_value = "127.0.0.1:8080")]
    listen: String,
    /// sqlite://path/to/file.db (embedded, the default) or postgres://user:pass@host/db.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
    database_url: String,
    /// Largest number of pooled database connections.
    #[arg(long, env = "ECOM_DB_MAX_CONNECTIONS", default_value_t = 16)]
    db_max_connections: u32,
    /// Folder of the built web app (Trunk's dist).
    #[arg(long, env = "ECOM_STATIC_DIR", default_value = "frontend/dist")]
    static_dir: PathBuf,
    /// Secret (32+ characters) that signs access tokens. If unset, one is
    /// generated once and kept in the database.
    #[arg(long, env = "ECOM_JWT_SECRET", hide_env_values = true)]
    jwt_secret: Option<String>,
    /// Access token lifetime in seconds.
    #[arg(long, env = "ECOM_ACCESS_TOKEN_TTL", default_value_t = 900)]
    access_token_ttl: u64,
    /// Refresh token lifetime in seconds (each one is single-use).
    #[arg(long, env = "ECOM_REFRESH_TOKEN_TTL", default_value_t = 14 * 24 * 3600)]
    refresh_token_ttl: u64,
    /// Largest accepted JSON body in bytes.
    #[arg(long, env = "ECOM_MAX_BODY_BYTES", default_value_t = 64 * 1024)]
    max_body_bytes: usize,
    /// HTTP worker threads (default: one per core).
    #[arg(long, env = "ECOM_WORKERS")]
    workers: Option<usize>,
    /// Development and tests only: lets the operator set the server's clock
    /// (PUT /api/v1/operator/clock).
    #[arg(long, env = "ECOM_DEV_CLOCK")]
    dev_clock: bool,
    /// SMTP server for e-mail: smtp://host:port or smtps://user:pass@host.
    /// Unset: e-mails are written as .eml files into --mail-dir.
    #[arg(long, env = "ECOM_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// Folder for e-mails when no SMTP server is configured.
    #[arg(long, env = "ECOM_MAIL_DIR", default_value = "data/outbox")]
    mail_dir: PathBuf,
    /// Sender of every e-mail.
    #[arg(
        long,
        env = "ECOM_MAIL_FROM",
        default_value = "Ecom <no-reply@ecom.invalid>"
    )]
    mail_from: String,
    /// Address where people reach this server; links in e-mails start with it.
    #[arg(long, env = "ECOM_PUBLIC_URL", default_value = "http://127.0.0.1:8080")]
    public_url: String,
    /// Seconds between runs of the background jobs (notice delivery); 0 turns them off.
    #[arg(long, env = "ECOM_JOBS_INTERVAL", default_value_t = 15)]
    jobs_interval: u64,
    /// Shared secret of the payment provider's signed webhook (POST /api/v1/webhooks/payments); unset disables it.
    #[arg(long, env = "ECOM_PAYMENT_WEBHOOK_SECRET", hide_env_values = true)]
    payment_webhook_secret: Option<String>,
    /// Days after the first overdue due date before access is suspended.
    #[arg(long, env = "ECOM_SUSPENSION_GRACE_DAYS", default_value_t = 14)]
    suspension_grace_days: i64,
    /// The operator's IBAN printed on its invoices.
    #[arg(long, env = "ECOM_OPERATOR_IBAN", default_value = "BE68539007547034")]
    operator_iban: String,
    /// The operator's BIC printed on its invoices.
    #[arg(long, env = "ECOM_OPERATOR_BIC", default_value = "GKCCBEBB")]
    operator_bic: String,
    /// The operator's SEPA creditor identifier for direct debits.
    #[arg(
        long,
        env = "ECOM_OPERATOR_CREDITOR_ID",
        default_value = "BE43ZZZ0810231595"
    )]
    operator_creditor_id: String,
    /// Header in which a trusted reverse proxy puts the visitor's country
    /// (ISO 3166-1 alpha-2, e.g. CF-IPCountry). Unset: country unknown.
    /// Set it only behind a proxy that overwrites the header.
    #[arg(long, env = "ECOM_COUNTRY_HEADER")]
    country_header: Option<String>,
    /// Header with the visitor's region (ISO 3166-2) from the same proxy. Unset: region unknown.
    #[arg(long, env = "ECOM_REGION_HEADER")]
    region_header: Option<String>,
    /// Log format.
    #[arg(long, env = "ECOM_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
    /// Largest accepted non-JSON body in bytes (CSV imports, uploads).
    #[arg(long, env = "ECOM_MAX_UPLOAD_BYTES", default_value_t = 10 * 1024 * 1024)]
    max_upload_bytes: usize,
    /// Trust X-Forwarded-For / X-Forwarded-Proto (only behind a reverse proxy that sets them).
    #[arg(long, env = "ECOM_TRUST_PROXY_HEADERS")]
    trust_proxy_headers: bool,
    /// Always send Strict-Transport-Security (the server is only reached over HTTPS).
    #[arg(long, env = "ECOM_HSTS")]
    hsts: bool,
    /// Origins allowed to call the API from browsers (CORS), comma-separated; none by default.
    #[arg(long, env = "ECOM_CORS_ALLOWED_ORIGINS", value_delimiter = ',')]
    cors_allowed_origins: Vec<String>,
    /// Requests per minute per API key (0 = unlimited).
    #[arg(long, env = "ECOM_RATE_LIMIT_API_KEY", default_value_t = 600)]
    rate_limit_api_key: u32,
    /// Requests per minute per client IP (0 = unlimited).
    #[arg(long, env = "ECOM_RATE_LIMIT_IP", default_value_t = 1200)]
    rate_limit_ip: u32,
    /// Log-in, sign-up, refresh and invitation requests per minute per client IP (0 = unlimited).
    #[arg(long, env = "ECOM_RATE_LIMIT_AUTH", default_value_t = 10)]
    rate_limit_auth: u32,
    /// Seconds a rotated API key's previous secret keeps working.
    #[arg(long, env = "ECOM_API_KEY_ROTATION_GRACE", default_value_t = 24 * 3600)]
    api_key_rotation_grace: u64,
    /// Development and tests only: let webhooks target loopback addresses.
    #[arg(long, env = "ECOM_WEBHOOKS_ALLOW_LOOPBACK")]
    webhooks_allow_loopback: bool,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand, Debug)]
enum OperatorCommand {
    /// Create an operator account (Ecom staff).
    Create {
        #[arg(long)]
        email: String,
        /// At least 10 characters. Prefer the ECOM_OPERATOR_PASSWORD variable
        /// over the flag, which shows in the process list.
        #[arg(long, env = "ECOM_OPERATOR_PASSWORD", hide_env_values = true)]
        password: String,
        #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL)]
        database_url: String,
    },
}

fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,actix_server=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let _ = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
}

/// Runs the command line; the exit code says whether it worked.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Serve(args) => serve(args),
        Command::Operator {
            command:
                OperatorCommand::Create {
                    email,
                    password,
                    database_url,
                },
        } => create_operator(&email, &password, &database_url),
        Command::Jobs {
            command:
                JobsCommand::Run {
                    database_url,
                    now,
                    smtp_url,
                    mail_dir,
                    mail_from,
                    public_url,
                },
        } => {
            let settings = Settings {
                database_url,
                smtp_url,
                mail_dir,
                mail_from,
                public_url,
                dev_clock: now.is_some(),
                ..Settings::default()
            };
            run_jobs(settings, now)
        }
        Command::Openapi => {
            print!("{}", crate::openapi::to_json());
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("ecom: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn serve(args: ServeArgs) -> anyhow::Result<()> {
    init_logging(args.log_format);
    let settings = Settings {
        listen: args.listen,
        database_url: args.database_url,
        max_db_connections: args.db_max_connections,
        static_dir: Some(args.static_dir),
        jwt_secret: args.jwt_secret,
        access_token_ttl: std::time::Duration::from_secs(args.access_token_ttl),
        refresh_token_ttl: std::time::Duration::from_secs(args.refresh_token_ttl),
        max_body_bytes: args.max_body_bytes,
        workers: args.workers,
        dev_clock: args.dev_clock,
        smtp_url: args.smtp_url,
        mail_dir: args.mail_dir,
        mail_from: args.mail_from,
        public_url: args.public_url,
        jobs_interval: (args.jobs_interval > 0)
            .then(|| std::time::Duration::from_secs(args.jobs_interval)),
        payment_webhook_secret: args.payment_webhook_secret,
        suspension_grace_days: args.suspension_grace_days.max(0),
        operator_iban: args.operator_iban,
        operator_bic: args.operator_bic,
        operator_creditor_id: args.operator_creditor_id,
        max_upload_bytes: args.max_upload_bytes,
        trust_proxy_headers: args.trust_proxy_headers,
        country_header: args.country_header.filter(|h| !h.trim().is_empty()),
        hsts: args.hsts,
        cors_allowed_origins: args
            .cors_allowed_origins
            .into_iter()
            .map(|o| o.trim().to_owned())
            .filter(|o| !o.is_empty())
            .collect(),
        rate_limits: crate::settings::RateLimits {
            per_api_key_per_minute: args.rate_limit_api_key,
            per_ip_per_minute: args.rate_limit_ip,
            auth_per_ip_per_minute: args.rate_limit_auth,
        },
        api_key_rotation_grace: std::time::Duration::from_secs(args.api_key_rotation_grace),
        webhooks_allow_loopback: args.webhooks_allow_loopback,
        region_header: args.region_header,
        ..Settings::default()
    };
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(settings.clone()).await?;
        tracing::info!(
            address = %format!("http://{}", settings.listen.replace(":0", &format!(":{}", app.port()))),
            database = %crate::startup::redact(&settings.database_url),
            dev_clock = settings.dev_clock,
            "ecom is serving"
        );
        if settings.dev_clock {
            tracing::warn!("--dev-clock is on: operators can move the clock. Never use this in production.");
        }
        if settings.webhooks_allow_loopback {
            tracing::warn!("--webhooks-allow-loopback is on: webhooks may call this machine. Never use this in production.");
        }
        app.run_until_stopped().await?;
        Ok(())
    })
}

/// `ecom jobs run`: every due job once.
fn run_jobs(settings: Settings, now: Option<chrono::DateTime<chrono::Utc>>) -> anyhow::Result<()> {
    init_logging(LogFormat::Text);
    actix_web::rt::System::new().block_on(async move {
        let state = crate::startup::build_state(settings).await?;
        if let Some(now) = now {
            state.clock.set(now);
        }
        let report = crate::jobs::Jobs::new(state)
            .run_once()
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        println!("{report:?}");
        Ok(())
    })
}

/// `ecom operator create`: makes an operator account in the database at `database_url`.
pub fn create_operator(email: &str, raw_password: &str, database_url: &str) -> anyhow::Result<()> {
    let email = EmailAddress::parse(email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
    let password = Password::parse(raw_password).map_err(|e| anyhow::anyhow!("--password: {e}"))?;
    let db = Database::connect(database_url, &PoolSettings::default())?;
    let hash = password::hash(password.expose(), Settings::default().password_hashing)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = Clock::system().now();
    let id = OperatorId(uuid::Uuid::now_v7());
    let mut conn = db.get()?;
    write_transaction(&mut conn, |conn| {
        if operators::find_by_email(conn, email.as_str())?.is_some() {
            return Err(ApiError::Conflict {
                code: "email_taken",
                detail: "an operator with this e-mail already exists".into(),
                field: None,
            });
        }
        operators::insert(conn, id, email.as_str(), &hash, now)?;
        Audit::new("operator.created", ("system", None), now)
            .target("operator", id.0)
            .write(conn)
    })
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("operator {} created with id {id}", email.as_str());
    Ok(())
}
