//! Whether the person allowed functionality cookies (cookie policy): the
//! language is kept in a `lang` cookie only when this says yes, and otherwise
//! only in session storage (strictly necessary for this tab). The cookie
//! consent provider (`components::cookie_banner`) sets it whenever this
//! browser's choice is loaded or changed; until then the answer is no.

use std::cell::Cell;

thread_local! {
    static FUNCTIONALITY: Cell<bool> = const { Cell::new(false) };
}

/// True only when the person has explicitly allowed functionality cookies.
pub fn functionality_allowed() -> bool {
    FUNCTIONALITY.with(Cell::get)
}

/// The consent provider reports the current choice.
pub fn set_functionality_allowed(allowed: bool) {
    FUNCTIONALITY.with(|f| f.set(allowed));
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
    fn functionality_is_refused_until_the_choice_is_known() {
        assert!(!functionality_allowed());
        set_functionality_allowed(true);
        assert!(functionality_allowed());
        set_functionality_allowed(false);
        assert!(!functionality_allowed());
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
