//! Every route of the API, registered in one visible function. The same
//! registration feeds the OpenAPI document, so a route cannot be missing
//! from it.

pub mod analytics;
pub mod api_keys;
pub mod auth;
pub mod billing;
pub mod calendar;
pub mod calls;
pub mod catalogue;
pub mod change_notices;
pub mod companies;
pub mod contacts;
pub mod contract;
pub mod cookie_consent;
pub mod deals;
pub mod export;
pub mod health;
pub mod invitations;
pub mod invoices;
pub mod invoicing_settings;
pub mod marketing;
pub mod me;
pub mod operator;
pub mod policies;
pub mod privacy_requests;
pub mod projects;
pub mod quotations;
pub mod sales_invoices;
pub mod signup;
pub mod status;
pub mod tasks;
pub mod tickets;
pub mod time_entries;
pub mod timeline;
pub mod users;
pub mod webhooks;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the probes and the `/api/v1` routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::healthz)
        .service(health::readyz)
        .service(
            utoipa_actix_web::scope("/api/v1")
                .service(policies::current)
                .service(policies::history)
                .service(policies::version)
                .service(me::policies::get)
                .service(me::policies::accept)
                .service(me::communications::history)
                .service(cookie_consent::get)
                .service(cookie_consent::put)
                .service(analytics::events::record)
                .service(analytics::report::report)
                .service(marketing::send::send)
                .service(marketing::unsubscribe::confirm)
                .service(marketing::unsubscribe::unsubscribe)
                .service(marketing::consent::record)
                .service(marketing::suppressions::add)
                .service(marketing::suppressions::check)
                .service(catalogue::get)
                .service(timeline::list)
                .service(change_notices::list)
                .service(contract::get::get)
                .service(contract::order::order)
                .service(contract::cancel::cancel)
                .service(contract::nonconformity::report)
                .service(contract::changes::change)
                .service(invoices::list)
                .service(invoices::get)
                .service(invoices::pdf)
                .service(invoices::ubl)
                .service(billing::statement)
                .service(billing::dispute)
                .service(billing::register)
                .service(billing::webhook)
                .service(billing::operator_statement)
                .service(billing::credit_note)
                .service(billing::get_payment_method)
                .service(billing::set_payment_method)
                .service(billing::direct_debits)
                .service(billing::collection_cost)
                .service(billing::cancel_for_non_payment)
                .service(invoicing_settings::customers::customers)
                .service(invoicing_settings::get::get)
                .service(invoicing_settings::update::update)
                .service(invoicing_settings::logo::upload)
                .service(invoicing_settings::logo::download)
                .service(invoicing_settings::logo::remove)
                .service(quotations::list::list)
                .service(quotations::create::create)
                .service(quotations::get::get)
                .service(quotations::get::pdf)
                .service(quotations::update::update)
                .service(quotations::delete::delete)
                .service(quotations::send::send)
                .service(quotations::invoice::invoice)
                .service(quotations::public::get)
                .service(quotations::public::accept)
                .service(quotations::public::decline)
                .service(sales_invoices::revenue::revenue)
                .service(sales_invoices::list::list)
                .service(sales_invoices::create::create)
                .service(sales_invoices::get::get)
                .service(sales_invoices::update::update)
                .service(sales_invoices::delete::delete)
                .service(sales_invoices::issue::issue)
                .service(sales_invoices::credit_note::credit_note)
                .service(sales_invoices::payments::register)
                .service(sales_invoices::reminders::remind)
                .service(sales_invoices::documents::pdf)
                .service(sales_invoices::documents::ubl)
                .service(sales_invoices::documents::credit_note_pdf)
                .service(sales_invoices::documents::credit_note_ubl)
                .service(signup::signup)
                .service(auth::login::login)
                .service(auth::refresh::refresh)
                .service(auth::logout::logout)
                .service(me::get::me)
                .service(me::password::change_password)
                .service(me::communications::get_preferences)
                .service(me::communications::set_preferences)
                .service(users::list::list)
                .service(users::invite::invite)
                .service(users::deactivate::deactivate)
                .service(users::reactivate::reactivate)
                .service(users::reinvite::reinvite)
                .service(invitations::accept::accept)
                .service(api_keys::list::list)
                .service(api_keys::create::create)
                .service(api_keys::revoke::revoke)
                // CRM: the fixed paths before `{id}`, which would take them.
                .service(companies::list::list)
                .service(companies::create::create)
                .service(companies::export::export)
                .service(companies::import::import)
                .service(companies::get::get)
                .service(companies::update::update)
                .service(companies::delete::delete)
                .service(contacts::list::list)
                .service(contacts::create::create)
                .service(contacts::export::export)
                .service(contacts::import::import)
                .service(contacts::duplicates::duplicates)
                .service(contacts::get::get)
                .service(contacts::update::update)
                .service(contacts::delete::delete)
                .service(deals::list::list)
                .service(deals::create::create)
                .service(deals::pipeline::pipeline)
                .service(deals::get::get)
                .service(deals::update::update)
                .service(deals::delete::delete)
                .service(api_keys::rotate::rotate)
                .service(webhooks::list::list)
                .service(webhooks::create::create)
                .service(webhooks::get::get)
                .service(webhooks::update::update)
                .service(webhooks::delete::delete)
                .service(webhooks::deliveries::list)
                .service(webhooks::replay::replay)
                .service(operator::login::login)
                .service(operator::me::me)
                .service(operator::tenants::list)
                .service(operator::contracts::terminate)
                .service(operator::contracts::suspend)
                .service(operator::contracts::reinstate)
                .service(operator::contracts::announce_price)
                .service(operator::contracts::set_consumer)
                .service(operator::contracts::announce_policy)
                .service(operator::clock::get_clock)
                .service(operator::clock::set_clock)
                .configure(work_routes)
                .service(export::export)
                .service(privacy_requests::file::file)
                .service(privacy_requests::list::list)
                .service(privacy_requests::get::get)
                .service(privacy_requests::send_code::send_code)
                .service(privacy_requests::verify::verify)
                .service(privacy_requests::export::export)
                .service(operator::privacy::file)
                .service(operator::privacy::queue)
                .service(operator::privacy::send_code)
                .service(operator::privacy::verify)
                .service(operator::privacy::extend)
                .service(operator::privacy::complete)
                .service(operator::privacy::reject)
                .service(operator::privacy::lift_restriction)
                .service(operator::privacy::export)
                .service(operator::retention::dry_run)
                .service(operator::prospects::list::list)
                .service(operator::prospects::create::create)
                .service(operator::prospects::get::get)
                .service(operator::prospects::update::update)
                .service(operator::prospects::not_interested::not_interested)
                .service(operator::prospects::delete::delete)
                .service(status::get::get)
                .service(status::announce::announce)
                .service(status::cancel::cancel),
        );
}

/// The work modules: calendar, projects and time, tickets, calls.
fn work_routes(cfg: &mut ServiceConfig) {
    cfg.service(calendar::list::list)
        .service(calendar::create::create)
        .service(calendar::get::get)
        .service(calendar::update::update)
        .service(calendar::delete::delete)
        .service(calendar::feed_token::create)
        .service(calendar::feed::feed)
        .service(projects::list::list)
        .service(projects::create::create)
        .service(projects::get::get)
        .service(projects::update::update)
        .service(projects::delete::delete)
        .service(projects::billable::billable)
        .service(projects::mark_billed::mark_billed)
        .service(projects::invoice::invoice)
        .service(tasks::list::for_project)
        .service(tasks::create::create)
        .service(tasks::list::all)
        .service(tasks::get::get)
        .service(tasks::update::update)
        .service(tasks::delete::delete)
        .service(time_entries::list::list)
        .service(time_entries::create::create)
        .service(time_entries::get::get)
        .service(time_entries::update::update)
        .service(time_entries::delete::delete)
        .service(tickets::list::list)
        .service(tickets::create::create)
        .service(tickets::get::get)
        .service(tickets::update::update)
        .service(tickets::delete::delete)
        .service(tickets::messages::list)
        .service(tickets::reply::reply)
        // The list routes before `/calls/{id}`, which would take "do-not-call" for an id.
        .service(calls::dnc_list::list)
        .service(calls::dnc_add::add)
        .service(calls::dnc_check::check)
        .service(calls::dnc_remove::remove)
        .service(calls::list::list)
        .service(calls::create::create)
        .service(calls::get::get)
        .service(calls::update::update)
        .service(calls::delete::delete);
}
