//! Building and running the application.

use std::net::TcpListener;

use actix_web::dev::fn_service;
use actix_web::dev::Server;
use actix_web::middleware::{from_fn, Compress, Condition};
use actix_web::{web, App, HttpServer};
use anyhow::Context;
use ecom_storage::{secrets, Database, PoolSettings};
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::{random_token, tokens::TokenKeys};
use crate::clock::Clock;
use crate::error;
use crate::jobs::Jobs;
use crate::mail::Mailer;
use crate::rate_limit::RateLimiters;
use crate::security::Policies;
use crate::settings::Settings;
use crate::state::AppState;
use crate::{idempotency, rate_limit, request_id, routes, security, spa};

/// A built application: bound to its port, ready to run.
pub struct Application {
    port: u16,
    server: Server,
    state: AppState,
}

impl Application {
    /// Connects to the database (running migrations), binds the listener and
    /// prepares the server. Port 0 in `settings.listen` picks a free port.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let state = build_state(settings).await?;
        let listener = TcpListener::bind(&state.settings.listen)
            .with_context(|| format!("binding {}", state.settings.listen))?;
        let port = listener.local_addr()?.port();
        let server = run(listener, state.clone())?;
        Ok(Self {
            port,
            server,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The server's clock (tests move it when started with `dev_clock`).
    pub fn clock(&self) -> Clock {
        self.state.clock.clone()
    }

    pub fn database(&self) -> ecom_storage::Database {
        self.state.db.clone()
    }

    /// The background jobs, to run by hand (tests) or on an interval.
    pub fn jobs(&self) -> Jobs {
        Jobs::new(self.state.clone())
    }

    /// Serves until the server stops, running the jobs on their interval.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        if let Some(interval) = self.state.settings.jobs_interval {
            tokio::spawn(crate::jobs::run_forever(self.jobs(), interval));
        }
        self.server.await
    }
}

/// Connects the database (running migrations), the clock, the token keys and
/// the mailer: everything a handler or a job needs.
pub async fn build_state(settings: Settings) -> anyhow::Result<AppState> {
    let clock = if settings.dev_clock {
        Clock::adjustable()
    } else {
        Clock::system()
    };
    let pool = PoolSettings {
        max_connections: settings.max_db_connections,
        ..PoolSettings::default()
    };
    let url = settings.database_url.clone();
    let db = tokio::task::spawn_blocking(move || Database::connect(&url, &pool))
        .await?
        .with_context(|| format!("opening the database at {}", redact(&settings.database_url)))?;
    let secret = match &settings.jwt_secret {
        Some(secret) if secret.len() >= 32 => secret.clone(),
        Some(_) => anyhow::bail!("the JWT secret must be at least 32 characters"),
        None => {
            let db = db.clone();
            let now = clock.now();
            tokio::task::spawn_blocking(move || {
                let mut conn = db.get()?;
                secrets::get_or_create(&mut conn, "jwt_hs256", now, || random_token(48))
            })
            .await??
        }
    };
    let mailer = Mailer::new(settings.smtp_url.as_deref(), settings.mail_dir.clone())
        .with_context(|| "setting up e-mail delivery (check --smtp-url / --mail-dir)")?;
    Ok(AppState {
        db,
        clock,
        keys: TokenKeys::from_secret(secret.as_bytes()),
        settings,
        mailer,
    })
}

/// Hides the password of a database URL for logs and errors.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_owned(),
    }
}

fn run(listener: TcpListener, state: AppState) -> anyhow::Result<Server> {
    let workers = state.settings.workers;
    let max_body = state.settings.max_body_bytes;
    let max_upload = state.settings.max_upload_bytes;
    let static_dir = state.settings.static_dir.clone();
    let policies = web::Data::new(Policies::new(&spa::inline_script_hashes(
        static_dir.as_deref(),
    )));
    let limiters = web::Data::new(RateLimiters::new(state.settings.rate_limits, &state.clock));
    let cors_origins = state.settings.cors_allowed_origins.clone();
    let data = web::Data::new(state);
    let api = crate::openapi::document();
    let routes = web::Data::new(crate::allowed_methods::RouteTable::from_openapi(&api));
    let mut server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .app_data(policies.clone())
            .app_data(limiters.clone())
            .app_data(routes.clone())
            .app_data(
                web::JsonConfig::default()
                    .limit(max_body)
                    .error_handler(error::json_error),
            )
            .app_data(web::PayloadConfig::default().limit(max_upload.max(max_body)))
            .app_data(web::PathConfig::default().error_handler(error::path_error))
            .app_data(web::QueryConfig::default().error_handler(error::query_error))
            .wrap(from_fn(idempotency::middleware))
            .wrap(from_fn(crate::input_guard::middleware))
            .wrap(from_fn(crate::auth::caller::operator_routes_first))
            .wrap(from_fn(security::body_limit))
            .wrap(from_fn(crate::allowed_methods::middleware))
            .wrap(from_fn(rate_limit::middleware))
            .wrap(Compress::default())
            .wrap(from_fn(security::headers))
            .wrap(Condition::new(
                !cors_origins.is_empty(),
                cors(&cors_origins),
            ))
            .wrap(from_fn(request_id::middleware))
            .configure(|cfg| routes::configure(&mut ServiceConfig::new(cfg)))
            .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", api.clone()))
            .service(spa::service(static_dir.as_deref()))
            .default_service(fn_service(spa::not_found))
    })
    .listen(listener)?;
    if let Some(workers) = workers {
        server = server.workers(workers);
    }
    Ok(server.run())
}

/// CORS for the configured origins only (none configured: no CORS headers,
/// so browsers keep other sites from reading the API's answers).
fn cors(origins: &[String]) -> actix_cors::Cors {
    let mut cors = actix_cors::Cors::default()
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allowed_headers([
            actix_web::http::header::AUTHORIZATION,
            actix_web::http::header::CONTENT_TYPE,
            actix_web::http::header::HeaderName::from_static("idempotency-key"),
        ])
        .expose_headers([
            "ratelimit-limit",
            "ratelimit-remaining",
            "ratelimit-reset",
            "retry-after",
            "x-request-id",
            "idempotent-replayed",
        ])
        .max_age(600);
    for origin in origins {
        cors = cors.allowed_origin(origin);
    }
    cors
}
