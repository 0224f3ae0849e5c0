//! Keeps the session's credentials in the tab's `sessionStorage`, so a reload
//! stays logged in and closing the tab logs out. No cookies: before consent
//! only strictly necessary cookies are allowed (cookie policy).

use gloo_storage::{SessionStorage, Storage};

use super::Credentials;

const KEY: &str = "ecom.session";

pub fn load() -> Option<Credentials> {
    SessionStorage::get(KEY).ok()
}

pub fn save(credentials: Option<&Credentials>) {
    match credentials {
        // Storage can be full or disabled; the session then simply does not
        // survive a reload, which is no reason to fail the log-in.
        Some(credentials) => {
            let _ = SessionStorage::set(KEY, credentials);
        }
        None => SessionStorage::delete(KEY),
    }
}
