//! `/login`: e-mail and password.

use ecom_types::auth::LoginRequest;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{Alert, AlertKind, ErrorAlert, Input};
use crate::hooks::use_session;
use crate::i18n;
use crate::routes::Route;
use crate::state::form::{FieldErrors, FormValues};
use crate::state::{SessionAction, SessionKind, SignOutReason};

#[function_component]
pub fn Login() -> Html {
    let text = i18n::text();
    let session = use_session();
    let form = use_reducer(FormValues::default);
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);

    if session.state.is_signed_in() {
        return html! { <Redirect<Route> to={Route::Dashboard} /> };
    }

    let onsubmit = {
        let form = form.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let busy = busy.clone();
        let session = session.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request = LoginRequest {
                email: form.trimmed("email"),
                password: form.get("password").to_owned(),
            };
            let errors = errors.clone();
            let failure = failure.clone();
            let busy = busy.clone();
            let session = session.clone();
            busy.set(true);
            spawn_local(async move {
                match api::auth::login(&request).await {
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

    let notice = match (&*failure, session.state.signed_out) {
        (Some(_), _) | (None, None) => html! {},
        (None, Some(SignOutReason::LoggedOut)) => html! {
            <Alert kind={AlertKind::Success} testid="logged-out">{ text.logged_out }</Alert>
        },
        (None, Some(SignOutReason::SessionExpired)) => html! {
            <Alert kind={AlertKind::Warning} testid="session-expired">{ text.error_session_expired }</Alert>
        },
    };
    let e = (*errors).clone();
    html! {
        <section class="auth-page auth-page-narrow">
            <h1>{ text.login_title }</h1>
            { notice }
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} extra={e.not_in(&["email", "password"])} />
            }
            <form class="card form" novalidate=true {onsubmit} data-testid="login-form">
                <Input form={form.clone()} field="email" id="login-email" label={text.email} kind="email"
                    errors={e.clone()} autocomplete="username" required=true />
                <Input form={form.clone()} field="password" id="login-password" label={text.password}
                    kind="password" errors={e.clone()} autocomplete="current-password" required=true />
                <button type="submit" class="button button-primary button-block" data-testid="login-submit"
                    disabled={*busy}>
                    { if *busy { text.login_submitting } else { text.log_in } }
                </button>
            </form>
            <p class="switch-link">
                { text.login_no_account }{ " " }
                <Link<Route> to={Route::Signup}><span data-testid="link-signup">{ text.signup_link }</span></Link<Route>>
            </p>
        </section>
    }
}
