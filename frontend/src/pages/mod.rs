//! One component per route.

mod account;
mod api_keys;
pub mod crm;
mod dashboard;
mod invitation;
mod invoice;
mod invoices;
mod login;
mod not_found;
mod operator_login;
mod operator_price_change;
mod operator_privacy;
mod operator_tenants;
mod privacy_requests;
mod signup;
mod subscription;
mod timeline;
mod users;
pub mod work;

pub use account::Account;
pub use api_keys::ApiKeys;
pub use dashboard::Dashboard;
pub use invitation::Invitation;
pub use invoice::Invoice;
pub use invoices::Invoices;
pub use login::Login;
pub use not_found::NotFound;
pub use operator_login::OperatorLogin;
pub use operator_privacy::OperatorPrivacy;
pub use operator_tenants::OperatorTenants;
pub use privacy_requests::PrivacyRequests;
pub use signup::Signup;
pub use subscription::Subscription;
pub use timeline::Timeline;
pub use users::Users;
