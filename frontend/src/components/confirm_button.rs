//! A button for an action that cannot be undone lightly: the first press asks
//! to confirm, in the page (keyboard-usable, no browser dialog).

use yew::prelude::*;

use crate::i18n;

#[derive(Properties, PartialEq)]
pub struct ConfirmButtonProps {
    pub label: AttrValue,
    /// The question asked before acting, e.g. "Revoke key 'Webshop'?".
    pub question: AttrValue,
    pub on_confirm: Callback<()>,
    /// Prefix of the buttons' test ids: `{testid}`, `{testid}-confirm`, `{testid}-cancel`.
    pub testid: AttrValue,
    #[prop_or_default]
    pub danger: bool,
    #[prop_or_default]
    pub disabled: bool,
}

#[function_component]
pub fn ConfirmButton(props: &ConfirmButtonProps) -> Html {
    let text = i18n::text();
    let asking = use_state(|| false);
    // The pressed button disappears; move the keyboard focus to the question's
    // "Confirm" so keyboard and screen-reader users are not left on nothing.
    let confirm_ref = use_node_ref();
    {
        let confirm_ref = confirm_ref.clone();
        use_effect_with(*asking, move |asking| {
            if *asking {
                if let Some(button) = confirm_ref.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        });
    }
    let class = if props.danger {
        "button button-danger button-small"
    } else {
        "button button-small"
    };
    if *asking {
        let confirm = {
            let asking = asking.clone();
            let on_confirm = props.on_confirm.clone();
            Callback::from(move |_| {
                asking.set(false);
                on_confirm.emit(());
            })
        };
        let cancel = {
            let asking = asking.clone();
            Callback::from(move |_| asking.set(false))
        };
        html! {
            <span class="confirm" role="group" aria-label={props.question.clone()}>
                <span class="confirm-question">{ props.question.clone() }</span>
                <button type="button" class={class} data-testid={format!("{}-confirm", props.testid)} ref={confirm_ref}
                    onclick={confirm}>{ text.confirm }</button>
                <button type="button" class="button button-secondary button-small"
                    data-testid={format!("{}-cancel", props.testid)} onclick={cancel}>{ text.cancel }</button>
            </span>
        }
    } else {
        let ask = Callback::from(move |_| asking.set(true));
        html! {
            <button type="button" class={class} data-testid={props.testid.clone()}
                disabled={props.disabled} onclick={ask}>{ props.label.clone() }</button>
        }
    }
}
