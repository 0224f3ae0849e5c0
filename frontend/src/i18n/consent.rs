//! Whether the person allowed functionality cookies (cookie policy), read
//! defensively until the consent state is wired in: the language is kept in
//! a `lang` cookie only when this says yes, and otherwise only in session
//! storage (strictly necessary for this tab).
//!
//! The coordinator points [`functionality_allowed`] at the consent banner's
//! API after merging. Until then it accepts either a `localStorage` entry
//! `ecom.consent` holding JSON with `"functionality": true`, or a `consent`
//! cookie whose value lists `functionality` (e.g. `consent=necessary,functionality`).
//! Anything missing, unreadable or malformed means no.

/// True only when the person has explicitly allowed functionality cookies.
pub fn functionality_allowed() -> bool {
    from_local_storage().or_else(from_cookie).unwrap_or(false)
}

fn from_local_storage() -> Option<bool> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let raw = storage.get_item("ecom.consent").ok()??;
    Some(allows_in_json(&raw))
}

fn from_cookie() -> Option<bool> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()?.document()?;
    let cookies = document.dyn_into::<web_sys::HtmlDocument>().ok()?.cookie().ok()?;
    cookie_value(&cookies, "consent").map(|value| allows_in_list(&value))
}

/// `{"functionality": true, ...}` (also nested under `categories`).
pub(crate) fn allows_in_json(raw: &str) -> bool {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(raw) else {
        return false;
    };
    value.get("functionality").and_then(serde_json::Value::as_bool).unwrap_or(false)
        || value
            .get("categories")
            .and_then(|categories| categories.get("functionality"))
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false)
}

/// `necessary,functionality` (commas, spaces or `|`, percent-encoded or not).
pub(crate) fn allows_in_list(value: &str) -> bool {
    value
        .replace("%2C", ",")
        .replace("%2c", ",")
        .split([',', ' ', '|'])
        .any(|item| item.trim() == "functionality")
}

/// A cookie's value from `document.cookie` (`a=1; b=2`).
pub(crate) fn cookie_value(cookies: &str, name: &str) -> Option<String> {
    cookies.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then(|| value.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_explicit_yes_allows_functionality_cookies() {
        assert!(allows_in_json(r#"{"functionality": true}"#));
        assert!(allows_in_json(r#"{"categories": {"functionality": true}}"#));
        assert!(!allows_in_json(r#"{"functionality": false}"#));
        assert!(!allows_in_json(r#"{"functionality": "yes"}"#));
        assert!(!allows_in_json("not json"));
        assert!(allows_in_list("necessary,functionality"));
        assert!(allows_in_list("necessary%2Cfunctionality"));
        assert!(!allows_in_list("necessary"));
        assert!(!allows_in_list("functionalityX"));
    }

    #[test]
    fn cookies_are_found_by_exact_name() {
        let jar = "x=1; lang=nl; consent=necessary";
        assert_eq!(cookie_value(jar, "lang").as_deref(), Some("nl"));
        assert_eq!(cookie_value(jar, "consent").as_deref(), Some("necessary"));
        assert_eq!(cookie_value(jar, "ang"), None);
        assert_eq!(cookie_value("", "lang"), None);
    }
}
