//! `/operator/login`: Ecom staff log in here; the session is marked as an
//! operator's and only ever shows the operator's pages.

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
pub fn OperatorLogin() -> Html {
    let text = i18n::text();
    let session = use_session();
    let form = use_reducer(FormValues::default);
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);

    if session.state.is_operator() {
        return html! { <Redirect<Route> to={Route::Operator} /> };
    }
    // A tenant's session stays a tenant's: log out first.
    if session.state.is_tenant() {
        return html! {
            <section class="auth-page auth-page-narrow">
                <h1>{ text.operator_login_title }</h1>
                <Alert kind={AlertKind::Warning} testid="operator-login-tenant-session">
                    { text.operator_login_tenant_session }
                </Alert>
            </section>
        };
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
                match api::operator::login(&request).await {
                    Ok(pair) => session.apply(SessionAction::SignedIn(SessionKind::Operator, pair)),
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
            <h1>{ text.operator_login_title }</h1>
            <p class="muted">{ text.operator_login_lead }</p>
            { notice }
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} extra={e.not_in(&["email", "password"])} />
            }
            <form class="card form" novalidate=true {onsubmit} data-testid="operator-login-form">
                <Input form={form.clone()} field="email" id="operator-login-email" label={text.email} kind="email"
                    errors={e.clone()} autocomplete="username" required=true />
                <Input form={form.clone()} field="password" id="operator-login-password" label={text.password}
                    kind="password" errors={e.clone()} autocomplete="current-password" required=true />
                <button type="submit" class="button button-primary button-block" data-testid="operator-login-submit"
                    disabled={*busy}>
                    { if *busy { text.login_submitting } else { text.log_in } }
                </button>
            </form>
        </section>
    }
}
