//! Messages above a form or a page: errors, successes, warnings.

use yew::prelude::*;

use crate::api::ApiError;
use crate::i18n;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AlertKind {
    #[default]
    Info,
    Success,
    Warning,
    Error,
}

#[derive(Properties, PartialEq)]
pub struct AlertProps {
    #[prop_or_default]
    pub kind: AlertKind,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    pub children: Html,
}

/// A message box. Errors are announced to screen readers at once.
#[function_component]
pub fn Alert(props: &AlertProps) -> Html {
    let (class, role) = match props.kind {
        AlertKind::Info => ("alert alert-info", "status"),
        AlertKind::Success => ("alert alert-success", "status"),
        AlertKind::Warning => ("alert alert-warning", "alert"),
        AlertKind::Error => ("alert alert-error", "alert"),
    };
    html! {
        <div class={class} role={role} data-testid={props.testid.clone()}>
            { props.children.clone() }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ErrorAlertProps {
    pub error: ApiError,
    /// Messages for fields the form has no input for.
    #[prop_or_default]
    pub extra: Vec<String>,
    #[prop_or(AttrValue::Static("form-error"))]
    pub testid: AttrValue,
}

/// A failed call: the problem's `detail` (never raw JSON) and the request id
/// to quote to support.
#[function_component]
pub fn ErrorAlert(props: &ErrorAlertProps) -> Html {
    let text = i18n::text();
    html! {
        <Alert kind={AlertKind::Error} testid={props.testid.clone()}>
            <p>{ props.error.message() }</p>
            if !props.extra.is_empty() {
                <ul>{ for props.extra.iter().map(|m| html! { <li>{ m }</li> }) }</ul>
            }
            if let Some(id) = props.error.request_id() {
                <p class="muted small">{ text.request_id }{ " " }<code>{ id }</code></p>
            }
        </Alert>
    }
}
