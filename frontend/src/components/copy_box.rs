//! A read-only value (a secret, a link) with a button that copies it.

use wasm_bindgen_futures::JsFuture;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::i18n;

#[derive(Properties, PartialEq)]
pub struct CopyBoxProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
}

#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Not,
    Yes,
    Failed,
}

#[function_component]
pub fn CopyBox(props: &CopyBoxProps) -> Html {
    let text = i18n::text();
    let copied = use_state(|| Copied::Not);
    let onclick = {
        let copied = copied.clone();
        let value = props.value.to_string();
        Callback::from(move |_| {
            let copied = copied.clone();
            let value = value.clone();
            spawn_local(async move {
                let outcome = match web_sys::window() {
                    Some(window) => {
                        let promise = window.navigator().clipboard().write_text(&value);
                        JsFuture::from(promise).await.is_ok()
                    }
                    None => false,
                };
                copied.set(if outcome { Copied::Yes } else { Copied::Failed });
            });
        })
    };
    // Selecting the whole value on focus makes a manual copy easy when the
    // clipboard is not available (e.g. a page not served over HTTPS).
    let onfocus = Callback::from(|e: FocusEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.select();
    });
    html! {
        <div class="copy-box">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <div class="copy-box-row">
                <input id={props.id.clone()} data-testid={props.id.clone()} type="text" readonly=true
                    class="mono" value={props.value.clone()} {onfocus} />
                <button type="button" class="button" data-testid={format!("{}-copy", props.id)} {onclick}>
                    { text.copy }
                </button>
            </div>
            <p class="small" aria-live="polite">
                { match *copied {
                    Copied::Not => "",
                    Copied::Yes => text.copied,
                    Copied::Failed => text.copy_failed,
                } }
            </p>
        </div>
    }
}
