//! A button for an action that cannot be undone lightly: the press opens a
//! [`ConfirmDialog`] asking the question (focus trapped in it, Escape
//! cancels, focus back on this button afterwards).

use yew::prelude::*;

use crate::components::ConfirmDialog;

#[derive(Properties, PartialEq)]
pub struct ConfirmButtonProps {
    pub label: AttrValue,
    /// The question asked before acting, e.g. "Revoke key 'Webshop'?".
    pub question: AttrValue,
    pub on_confirm: Callback<()>,
    /// Test ids: `{testid}` (the button), `{testid}-dialog`, and the dialog's
    /// `{testid}-confirm` and `{testid}-cancel`.
    pub testid: AttrValue,
    #[prop_or_default]
    pub danger: bool,
    #[prop_or_default]
    pub disabled: bool,
}

#[function_component]
pub fn ConfirmButton(props: &ConfirmButtonProps) -> Html {
    let asking = use_state(|| false);
    let class = if props.danger {
        "button button-danger button-small"
    } else {
        "button button-small"
    };
    let confirm = {
        let asking = asking.clone();
        let on_confirm = props.on_confirm.clone();
        Callback::from(move |()| {
            asking.set(false);
            on_confirm.emit(());
        })
    };
    let cancel = {
        let asking = asking.clone();
        Callback::from(move |()| asking.set(false))
    };
    let ask = {
        let asking = asking.clone();
        Callback::from(move |_| asking.set(true))
    };
    html! {
        <>
            <button type="button" class={class} data-testid={props.testid.clone()}
                aria-haspopup="dialog" disabled={props.disabled} onclick={ask}>{ props.label.clone() }</button>
            <ConfirmDialog open={*asking} title={props.question.clone()} confirm_label={props.label.clone()}
                danger={props.danger} on_confirm={confirm} on_cancel={cancel}
                testid={props.testid.clone()} />
        </>
    }
}
