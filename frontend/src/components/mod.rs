//! Reusable pieces of UI.

mod alert;
mod confirm_button;
mod confirm_dialog;
mod contact_picker;
pub mod cookie_banner;
mod copy_box;
mod download_button;
mod field;
mod lang_switch;
mod layout;
mod loading;
mod policy_prompt;
mod require_auth;
mod require_operator;
mod sort_header;
mod toast;

pub use alert::{Alert, AlertKind, ErrorAlert};
pub use confirm_button::ConfirmButton;
pub use confirm_dialog::ConfirmDialog;
pub use contact_picker::ContactPicker;
pub use cookie_banner::{CookieConsent, CookieConsentProvider, LegalFooter};
pub use copy_box::CopyBox;
pub use download_button::{DownloadButton, Fetch};
pub use field::{Checkbox, Input, Select, TextArea};
pub use lang_switch::LangSwitch;
pub use layout::Layout;
pub use loading::Loading;
pub use policy_prompt::PolicyPrompt;
pub use require_auth::RequireAuth;
pub use require_operator::RequireOperator;
pub use sort_header::SortHeader;
pub use toast::{use_toast, Toast, ToastHost};
