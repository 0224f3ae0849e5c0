//! The language context the App provides: the person's language and the
//! callback to choose another (re-renders every page at once).

use yew::prelude::*;

use crate::i18n::Lang;

/// The UI's language and how to change it.
#[derive(Clone, PartialEq)]
pub struct LangContext {
    pub lang: Lang,
    pub choose: Callback<Lang>,
}

/// The language context; the App always provides it.
#[hook]
pub fn use_lang() -> LangContext {
    match use_context::<LangContext>() {
        Some(context) => context,
        None => unreachable!("the App provides the language context around every page"),
    }
}
