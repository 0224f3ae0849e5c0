//! Choosing the UI's language in the browser: the first visit follows
//! `navigator.languages`; a choice is remembered for the tab in session
//! storage and, only when the person allowed functionality cookies, in a
//! `lang` cookie for a year (cookie policy).

use wasm_bindgen::JsCast;

use super::consent_gate::{cookie_value, functionality_allowed};
use super::{set_lang, Lang};

const SESSION_KEY: &str = "ecom.lang";
const COOKIE: &str = "lang";
const COOKIE_MAX_AGE_SECONDS: u32 = 365 * 24 * 60 * 60;

/// The language to start with: the tab's earlier choice, then the `lang`
/// cookie (only kept with consent), then the browser's preferences.
pub fn initial() -> Lang {
    stored_in_session()
        .or_else(stored_in_cookie)
        .unwrap_or_else(from_browser)
}

/// Makes `lang` the UI's language and tells the document (`<html lang>`),
/// without remembering it (the first render).
pub fn apply(lang: Lang) {
    set_lang(lang);
    if let Some(root) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// The person chose `lang`: apply it and remember it.
pub fn choose(lang: Lang) {
    apply(lang);
    if let Some(storage) =
        web_sys::window().and_then(|window| window.session_storage().ok().flatten())
    {
        let _ = storage.set_item(SESSION_KEY, lang.code());
    }
    keep_in_cookie(lang);
}

/// The cookie choice changed: keep the language in the `lang` cookie if
/// functionality cookies are now allowed, remove the cookie otherwise.
pub fn consent_changed() {
    keep_in_cookie(super::lang());
}

fn keep_in_cookie(lang: Lang) {
    if let Some(document) = html_document() {
        let cookie = if functionality_allowed() {
            format!(
                "{COOKIE}={}; Max-Age={COOKIE_MAX_AGE_SECONDS}; Path=/; SameSite=Lax",
                lang.code()
            )
        } else {
            // No consent (or withdrawn): no cookie lingers from before.
            format!("{COOKIE}=; Max-Age=0; Path=/; SameSite=Lax")
        };
        let _ = document.set_cookie(&cookie);
    }
}

fn stored_in_session() -> Option<Lang> {
    let storage = web_sys::window()?.session_storage().ok()??;
    Lang::from_tag(&storage.get_item(SESSION_KEY).ok()??)
}

/// The cookie exists only while functionality cookies are allowed (it is
/// removed when they are withdrawn), so reading it needs no further check.
fn stored_in_cookie() -> Option<Lang> {
    let cookies = html_document()?.cookie().ok()?;
    Lang::from_tag(&cookie_value(&cookies, COOKIE)?)
}

fn from_browser() -> Lang {
    let Some(navigator) = web_sys::window().map(|window| window.navigator()) else {
        return Lang::En;
    };
    let mut tags: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    if let Some(one) = navigator.language() {
        tags.push(one);
    }
    Lang::preferred(tags.iter().map(String::as_str))
}

fn html_document() -> Option<web_sys::HtmlDocument> {
    web_sys::window()?.document()?.dyn_into().ok()
}
