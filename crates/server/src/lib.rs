//! Ecom's HTTP API and SPA host.
//!
//! [`startup::Application::build`] binds its own listener, so tests start the
//! real application on port 0 with a fresh database. Handlers live one per
//! file under `routes/<resource>/`, all registered in [`routes::configure`],
//! the same registration that produces the OpenAPI document.

pub mod access;
pub mod allowed_methods;
pub mod audit;
pub mod auth;
pub mod billing;
pub mod cli;
pub mod clock;
pub mod collections;
pub mod consent;
pub mod crm;
pub mod crm_csv;
pub mod db;
pub mod error;
pub mod events;
pub mod export;
pub mod idempotency;
pub mod input_guard;
pub mod jobs;
pub mod json_body;
pub mod lifecycle;
pub mod mail;
pub mod notices;
pub mod openapi;
pub mod pagination;
pub mod pricing;
pub mod privacy;
pub mod query_params;
pub mod rate_limit;
pub mod renewal_withdrawal;
pub mod request_id;
pub mod retention;
pub mod routes;
pub mod sales;
pub mod security;
pub mod settings;
pub mod spa;
pub mod startup;
pub mod state;
pub mod statement;
pub mod subscription;
pub mod views;
pub mod webhooks;
pub mod work;

pub use clock::Clock;
pub use settings::Settings;
pub use startup::Application;
