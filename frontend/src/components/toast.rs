//! Toasts: short messages after an action ("Contact saved"), stacked in one
//! live region in a corner so screen readers announce them. Successes and
//! information go away by themselves after a while; errors stay until closed
//! (people read at their own pace, WCAG 2.2.1). Every toast has a close
//! button.
//!
//! A page shows one with `use_toast().emit(Toast::success("..."))`.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::i18n;

/// How long a success or information toast stays.
const AUTO_DISMISS_MS: u32 = 6_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(
    dead_code,
    reason = "the module pages show information and error toasts"
)]
pub enum ToastKind {
    Info,
    Success,
    Error,
}

/// One message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    pub kind: ToastKind,
    pub message: String,
}

#[allow(
    dead_code,
    reason = "the module pages show information and error toasts"
)]
impl Toast {
    pub fn success(message: impl Into<String>) -> Self {
        Self {
            kind: ToastKind::Success,
            message: message.into(),
        }
    }
    pub fn info(message: impl Into<String>) -> Self {
        Self {
            kind: ToastKind::Info,
            message: message.into(),
        }
    }
    pub fn error(message: impl Into<String>) -> Self {
        Self {
            kind: ToastKind::Error,
            message: message.into(),
        }
    }
}

/// The shown toasts, oldest first; a pure reducer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Toasts {
    next_id: u32,
    pub shown: Vec<(u32, Toast)>,
}

/// At most this many at once: the oldest goes first.
const MAX_SHOWN: usize = 4;

pub enum ToastAction {
    Show(Toast),
    Dismiss(u32),
}

impl Reducible for Toasts {
    type Action = ToastAction;

    fn reduce(self: Rc<Self>, action: ToastAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ToastAction::Show(toast) => {
                next.shown.push((next.next_id, toast));
                next.next_id = next.next_id.wrapping_add(1);
                if next.shown.len() > MAX_SHOWN {
                    next.shown.remove(0);
                }
            }
            ToastAction::Dismiss(id) => next.shown.retain(|(shown, _)| *shown != id),
        }
        Rc::new(next)
    }
}

/// What pages get from [`use_toast`].
#[derive(Clone, PartialEq)]
pub struct ToastContext(pub Callback<Toast>);

impl ToastContext {
    pub fn emit(&self, toast: Toast) {
        self.0.emit(toast);
    }
}

/// The toast callback; the [`ToastHost`] provides it around every page.
#[hook]
pub fn use_toast() -> ToastContext {
    use_context::<ToastContext>().unwrap_or_else(|| ToastContext(Callback::noop()))
}

#[derive(Properties, PartialEq)]
pub struct ToastHostProps {
    pub children: Html,
}

/// Provides [`ToastContext`] and shows the toasts.
#[function_component]
pub fn ToastHost(props: &ToastHostProps) -> Html {
    let toasts = use_reducer(Toasts::default);
    let context = {
        let dispatcher = toasts.dispatcher();
        use_memo((), move |()| {
            ToastContext(Callback::from(move |toast| {
                dispatcher.dispatch(ToastAction::Show(toast))
            }))
        })
    };
    let ui = i18n::ui::text();
    html! {
        <ContextProvider<ToastContext> context={(*context).clone()}>
            { props.children.clone() }
            <div class="toasts" aria-live="polite" aria-label={ui.notifications} role="region" data-testid="toasts">
                { for toasts.shown.iter().map(|(id, toast)| html! {
                    <ToastItem key={*id} id={*id} toast={toast.clone()}
                        on_dismiss={{ let d = toasts.dispatcher(); Callback::from(move |id| d.dispatch(ToastAction::Dismiss(id))) }} />
                }) }
            </div>
        </ContextProvider<ToastContext>>
    }
}

#[derive(Properties, PartialEq)]
struct ToastItemProps {
    id: u32,
    toast: Toast,
    on_dismiss: Callback<u32>,
}

#[function_component]
fn ToastItem(props: &ToastItemProps) -> Html {
    {
        let (id, kind, on_dismiss) = (props.id, props.toast.kind, props.on_dismiss.clone());
        use_effect_with(id, move |_| {
            let timer = (kind != ToastKind::Error)
                .then(|| Timeout::new(AUTO_DISMISS_MS, move || on_dismiss.emit(id)));
            move || drop(timer)
        });
    }
    let class = match props.toast.kind {
        ToastKind::Info => "toast toast-info",
        ToastKind::Success => "toast toast-success",
        ToastKind::Error => "toast toast-error",
    };
    let close = {
        let (id, on_dismiss) = (props.id, props.on_dismiss.clone());
        Callback::from(move |_| on_dismiss.emit(id))
    };
    html! {
        <div class={class} role={if props.toast.kind == ToastKind::Error { "alert" } else { "status" }} data-testid="toast">
            <p>{ props.toast.message.clone() }</p>
            <button type="button" class="toast-close" aria-label={i18n::ui::text().close} onclick={close}>
                <span aria-hidden="true">{ "×" }</span>
            </button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reduce(toasts: Toasts, action: ToastAction) -> Toasts {
        (*Rc::new(toasts).reduce(action)).clone()
    }

    #[test]
    fn toasts_stack_and_the_oldest_goes_beyond_the_limit() {
        let mut toasts = Toasts::default();
        for n in 0..5 {
            toasts = reduce(toasts, ToastAction::Show(Toast::info(format!("{n}"))));
        }
        let messages: Vec<_> = toasts
            .shown
            .iter()
            .map(|(_, t)| t.message.as_str())
            .collect();
        assert_eq!(messages, ["1", "2", "3", "4"]);
        let second = toasts.shown[1].0;
        let toasts = reduce(toasts, ToastAction::Dismiss(second));
        let messages: Vec<_> = toasts
            .shown
            .iter()
            .map(|(_, t)| t.message.as_str())
            .collect();
        assert_eq!(messages, ["1", "3", "4"]);
    }
}
