//! Every route of the API, registered in one visible function. The same
//! registration feeds the OpenAPI document, so a route cannot be missing
//! from it.

pub mod api_keys;
pub mod auth;
pub mod billing;
pub mod catalogue;
pub mod change_notices;
pub mod contract;
pub mod health;
pub mod invitations;
pub mod invoices;
pub mod invoicing_settings;
pub mod me;
pub mod operator;
pub mod policies;
pub mod quotations;
pub mod sales_invoices;
pub mod signup;
pub mod timeline;
pub mod users;

use utoipa_actix_web::service_config::ServiceConfig;

/// Registers the probes and the `/api/v1` routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(health::healthz).service(health::readyz).service(
        utoipa_actix_web::scope("/api/v1")
            .service(policies::current)
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
            .service(operator::clock::set_clock),
    );
}
