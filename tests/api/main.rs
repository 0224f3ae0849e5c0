//! The API from outside: each test starts the real server on port 0 with a
//! fresh database (SQLite, or PostgreSQL when `ECOM_TEST_DATABASE_URL` is
//! set) and talks HTTP to it.

mod accounts;
mod api_keys;
mod billing;
mod consent;
mod contracts;
mod crm;
mod http;
mod input;
mod integrations;
mod mail;
mod openapi;
mod operator;
mod owasp;
mod privacy;
mod prospects;
mod races;
mod readme;
mod sales;
mod status;
mod tenancy;
mod users;
mod work;
mod work_lists;
