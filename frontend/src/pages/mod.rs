//! One component per route.

mod account;
mod api_keys;
mod dashboard;
mod invitation;
mod login;
mod not_found;
mod signup;
mod users;

pub use account::Account;
pub use api_keys::ApiKeys;
pub use dashboard::Dashboard;
pub use invitation::Invitation;
pub use login::Login;
pub use not_found::NotFound;
pub use signup::Signup;
pub use users::Users;
