//! Reusable pieces of UI.

mod alert;
mod confirm_button;
mod copy_box;
mod field;
mod layout;
mod loading;
mod require_auth;

pub use alert::{Alert, AlertKind, ErrorAlert};
pub use confirm_button::ConfirmButton;
pub use copy_box::CopyBox;
pub use field::{Checkbox, Input, Select};
pub use layout::Layout;
pub use loading::Loading;
pub use require_auth::RequireAuth;
