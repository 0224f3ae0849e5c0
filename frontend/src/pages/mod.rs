//! One component per route.

mod account;
mod api_keys;
mod dashboard;
mod invitation;
mod invoice;
mod invoices;
mod login;
mod not_found;
mod operator_login;
mod operator_price_change;
mod operator_tenants;
pub mod sales;
mod signup;
mod subscription;
mod timeline;
mod users;

pub use account::Account;
pub use api_keys::ApiKeys;
pub use dashboard::Dashboard;
pub use invitation::Invitation;
pub use invoice::Invoice;
pub use invoices::Invoices;
pub use login::Login;
pub use not_found::NotFound;
pub use operator_login::OperatorLogin;
pub use operator_tenants::OperatorTenants;
pub use signup::Signup;
pub use subscription::Subscription;
pub use timeline::Timeline;
pub use users::Users;
