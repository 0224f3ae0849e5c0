//! A modal confirm dialog for destructive actions ("Delete contact?"): the
//! rest of the page is covered, the keyboard focus is trapped inside (Tab
//! and Shift+Tab cycle through its buttons), Escape cancels, the focus starts
//! on the harmless choice and goes back to where it was when it closes.
//!
//! Render it while `open`; `on_confirm` / `on_cancel` close it (the owner
//! sets `open` to false).

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::i18n;

#[derive(Properties, PartialEq)]
pub struct ConfirmDialogProps {
    pub open: bool,
    pub title: AttrValue,
    /// What happens if confirmed, in a sentence.
    #[prop_or_default]
    pub message: Option<AttrValue>,
    /// The confirming button's label; "Confirm" by default.
    #[prop_or_default]
    pub confirm_label: Option<AttrValue>,
    #[prop_or_default]
    pub danger: bool,
    pub on_confirm: Callback<()>,
    pub on_cancel: Callback<()>,
    /// Test ids: `{testid}-dialog`, `{testid}-confirm`, `{testid}-cancel`.
    #[prop_or(AttrValue::Static("confirm"))]
    pub testid: AttrValue,
}

const FOCUSABLE: &str = "button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

#[function_component]
pub fn ConfirmDialog(props: &ConfirmDialogProps) -> Html {
    let dialog_ref = use_node_ref();
    let cancel_ref = use_node_ref();
    {
        let cancel_ref = cancel_ref.clone();
        use_effect_with(props.open, move |open| {
            let opener = open
                .then(|| web_sys::window()?.document()?.active_element())
                .flatten();
            if *open {
                if let Some(button) = cancel_ref.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
            move || {
                // Closing: back to the button that opened the dialog.
                if let Some(element) =
                    opener.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = element.focus();
                }
            }
        });
    }
    if !props.open {
        return html! {};
    }
    let ui = i18n::ui::text();
    let text = i18n::text();
    let onkeydown = {
        let dialog_ref = dialog_ref.clone();
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |event: KeyboardEvent| match event.key().as_str() {
            "Escape" => {
                event.prevent_default();
                on_cancel.emit(());
            }
            "Tab" => trap_tab(&dialog_ref, &event),
            _ => {}
        })
    };
    let title_id = format!("{}-dialog-title", props.testid);
    let message_id = format!("{}-dialog-message", props.testid);
    let confirm_class = if props.danger {
        "button button-danger"
    } else {
        "button"
    };
    let on_confirm = props.on_confirm.reform(|_: MouseEvent| ());
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <div class="dialog-backdrop">
            <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby={title_id.clone()}
                aria-describedby={props.message.as_ref().map(|_| message_id.clone())}
                ref={dialog_ref} {onkeydown} data-testid={format!("{}-dialog", props.testid)}>
                <h2 id={title_id}>{ props.title.clone() }</h2>
                if let Some(message) = &props.message {
                    <p id={message_id}>{ message.clone() }</p>
                }
                <div class="dialog-actions">
                    <button type="button" class="button button-secondary" ref={cancel_ref}
                        data-testid={format!("{}-cancel", props.testid)} onclick={on_cancel}>{ text.cancel }</button>
                    <button type="button" class={confirm_class}
                        data-testid={format!("{}-confirm", props.testid)} onclick={on_confirm}>
                        { props.confirm_label.clone().unwrap_or(AttrValue::Static(text.confirm)) }
                    </button>
                </div>
                <button type="button" class="dialog-close" aria-label={ui.close}
                    onclick={props.on_cancel.reform(|_: MouseEvent| ())}>
                    <span aria-hidden="true">{ "×" }</span>
                </button>
            </div>
        </div>
    }
}

/// Keeps Tab inside the dialog: from the last focusable element to the
/// first, and Shift+Tab from the first to the last.
fn trap_tab(dialog_ref: &NodeRef, event: &KeyboardEvent) {
    let Some(dialog) = dialog_ref.cast::<web_sys::Element>() else {
        return;
    };
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let focusable: Vec<web_sys::HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else {
        event.prevent_default();
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let inside = active.as_ref().is_some_and(|a| dialog.contains(Some(a)));
    let at = |element: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a.is_same_node(Some(element)))
    };
    if event.shift_key() && (at(first) || !inside) {
        event.prevent_default();
        let _ = last.focus();
    } else if !event.shift_key() && (at(last) || !inside) {
        event.prevent_default();
        let _ = first.focus();
    }
}
