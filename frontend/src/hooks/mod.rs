//! Hooks shared by the pages.

mod use_lang;
mod use_load;
mod use_session;

pub use use_lang::{use_lang, LangContext};
pub use use_load::{use_load, Load};
pub use use_session::{use_session, SessionContext};
