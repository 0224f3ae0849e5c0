//! The language switch in the top bar: one button per language, each named
//! in its own language (and marked with its `lang`), the current one pressed.
//! Plain buttons: reachable with Tab, pressed with Enter or Space.

use yew::prelude::*;

use crate::hooks::use_lang;
use crate::i18n::{self, Lang};

#[function_component]
pub fn LangSwitch() -> Html {
    let context = use_lang();
    let ui = i18n::ui::text();
    html! {
        <div class="lang-switch" role="group" aria-label={ui.language} data-testid="lang-switch">
            { for Lang::ALL.iter().map(|&lang| {
                let current = lang == context.lang;
                let choose = context.choose.clone();
                html! {
                    <button type="button" class={classes!("lang-option", current.then_some("active"))}
                        lang={lang.tag()} aria-pressed={if current { "true" } else { "false" }}
                        aria-label={format!("{} ({})", lang.code().to_uppercase(), lang.native_name())} title={lang.native_name()}
                        data-testid={format!("lang-{}", lang.code())}
                        onclick={Callback::from(move |_| if !current { choose.emit(lang) })}>
                        { lang.code().to_uppercase() }
                    </button>
                }
            }) }
        </div>
    }
}
