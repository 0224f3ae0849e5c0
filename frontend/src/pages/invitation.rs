//! `/invitation#token=...`: an invited User chooses a password and is then
//! logged in. The token is read from the fragment and removed from the
//! address bar so it does not linger in history.

use ecom_types::user::AcceptInvitationRequest;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{Alert, AlertKind, ErrorAlert, Input};
use crate::hooks::use_session;
use crate::i18n;
use crate::routes::Route;
use crate::state::form::{FieldErrors, FormValues};
use crate::state::{SessionAction, SessionKind};

/// The `token` parameter of a fragment like `#token=abc`.
fn token_from_fragment(fragment: &str) -> Option<String> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .filter(|token| !token.is_empty())
        .map(|token| {
            js_sys::decode_uri_component(token)
                .ok()
                .and_then(|decoded| decoded.as_string())
                .unwrap_or_else(|| token.to_owned())
        })
}

fn take_token_from_location() -> Option<String> {
    let window = web_sys::window()?;
    let token = token_from_fragment(&window.location().hash().ok()?)?;
    if let Ok(history) = window.history() {
        let path = window.location().pathname().unwrap_or_default();
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
    Some(token)
}

#[function_component]
pub fn Invitation() -> Html {
    let text = i18n::text();
    let session = use_session();
    let token = use_memo((), |()| take_token_from_location());
    let form = use_reducer(FormValues::default);
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);

    if session.state.is_signed_in() {
        return html! { <Redirect<Route> to={Route::Dashboard} /> };
    }
    let Some(token) = (*token).clone() else {
        return html! {
            <section class="auth-page auth-page-narrow">
                <h1>{ text.invitation_title }</h1>
                <Alert kind={AlertKind::Error} testid="invitation-missing">{ text.invitation_missing }</Alert>
            </section>
        };
    };

    let onsubmit = {
        let form = form.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let busy = busy.clone();
        let session = session.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if form.get("password") != form.get("confirm_password") {
                let mut mismatch = FieldErrors::default();
                mismatch.add("confirm_password", text.passwords_differ);
                errors.set(mismatch);
                failure.set(None);
                return;
            }
            let request = AcceptInvitationRequest {
                token: token.clone(),
                password: form.get("password").to_owned(),
            };
            let errors = errors.clone();
            let failure = failure.clone();
            let busy = busy.clone();
            let session = session.clone();
            busy.set(true);
            spawn_local(async move {
                match api::invitations::accept(&request).await {
                    Ok(pair) => session.apply(SessionAction::SignedIn(SessionKind::Tenant, pair)),
                    Err(error) => {
                        errors.set(FieldErrors::from_problem(error.field_errors()));
                        failure.set(Some(error));
                        busy.set(false);
                    }
                }
            });
        })
    };

    let e = (*errors).clone();
    html! {
        <section class="auth-page auth-page-narrow">
            <h1>{ text.invitation_title }</h1>
            <p class="lead">{ text.invitation_lead }</p>
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} extra={e.not_in(&["password", "confirm_password"])} />
            }
            <form class="card form" novalidate=true {onsubmit} data-testid="invitation-form">
                <Input form={form.clone()} field="password" id="invitation-password" label={text.password}
                    kind="password" errors={e.clone()} autocomplete="new-password" required=true
                    hint={text.password_hint} />
                <Input form={form.clone()} field="confirm_password" id="invitation-confirm-password"
                    label={text.confirm_password} kind="password" errors={e.clone()}
                    autocomplete="new-password" required=true />
                <button type="submit" class="button button-primary button-block" data-testid="invitation-submit"
                    disabled={*busy}>{ text.invitation_submit }</button>
            </form>
        </section>
    }
}
