//! `/account`: the person's own account; change the password. Changing it
//! revokes every session; the answer is the new session's token pair.

use ecom_types::auth::ChangePasswordRequest;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{Alert, AlertKind, ErrorAlert, Input};
use crate::hooks::use_session;
use crate::i18n;
use crate::state::form::{FieldChanged, FieldErrors, FormValues};
use crate::state::SessionAction;

const FIELDS: &[&str] = &["current_password", "new_password", "confirm_password"];

#[function_component]
pub fn Account() -> Html {
    let text = i18n::text();
    let session = use_session();
    let form = use_reducer(FormValues::default);
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let done = use_state(|| false);
    let busy = use_state(|| false);

    let onsubmit = {
        let form = form.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let done = done.clone();
        let busy = busy.clone();
        let session = session.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            done.set(false);
            failure.set(None);
            if form.get("new_password") != form.get("confirm_password") {
                let mut mismatch = FieldErrors::default();
                mismatch.add("confirm_password", text.passwords_differ);
                errors.set(mismatch);
                return;
            }
            let request = ChangePasswordRequest {
                current_password: form.get("current_password").to_owned(),
                new_password: form.get("new_password").to_owned(),
            };
            let form = form.clone();
            let errors = errors.clone();
            let failure = failure.clone();
            let done = done.clone();
            let busy = busy.clone();
            let session = session.clone();
            busy.set(true);
            spawn_local(async move {
                match api::auth::change_password(&session.api, &request).await {
                    Ok(pair) => {
                        session.apply(SessionAction::TokensRotated(pair));
                        for field in FIELDS {
                            form.dispatch(FieldChanged {
                                field,
                                value: String::new(),
                            });
                        }
                        errors.set(FieldErrors::default());
                        done.set(true);
                    }
                    Err(error) => {
                        errors.set(FieldErrors::from_problem(error.field_errors()));
                        failure.set(Some(error));
                    }
                }
                busy.set(false);
            });
        })
    };

    let e = (*errors).clone();
    let me = session.state.me.clone();
    html! {
        <section>
            <h1>{ text.account_title }</h1>
            if let Some(me) = me {
                <article class="card">
                    <h2>{ text.account_profile }</h2>
                    <dl class="stats">
                        <div class="stat"><dt>{ text.name }</dt><dd>{ format!("{} {}", me.user.first_name, me.user.last_name) }</dd></div>
                        <div class="stat"><dt>{ text.email }</dt><dd>{ &me.user.email }</dd></div>
                        <div class="stat"><dt>{ text.role }</dt><dd>{ i18n::role(&me.user.role) }</dd></div>
                        <div class="stat"><dt>{ text.company_name }</dt><dd>{ &me.tenant.name }</dd></div>
                    </dl>
                </article>
            }
            <article class="card">
                <h2>{ text.change_password }</h2>
                if *done {
                    <Alert kind={AlertKind::Success} testid="password-changed">{ text.password_changed }</Alert>
                }
                if let Some(error) = &*failure {
                    <ErrorAlert error={error.clone()} extra={e.not_in(FIELDS)} />
                }
                <form class="form" novalidate=true {onsubmit} data-testid="change-password-form">
                    <Input form={form.clone()} field="current_password" id="account-current-password"
                        label={text.current_password} kind="password" errors={e.clone()}
                        autocomplete="current-password" required=true />
                    <Input form={form.clone()} field="new_password" id="account-new-password"
                        label={text.new_password} kind="password" errors={e.clone()}
                        autocomplete="new-password" required=true hint={text.password_hint} />
                    <Input form={form.clone()} field="confirm_password" id="account-confirm-password"
                        label={text.confirm_password} kind="password" errors={e.clone()}
                        autocomplete="new-password" required=true />
                    <button type="submit" class="button button-primary" data-testid="change-password-submit"
                        disabled={*busy}>{ text.change_password }</button>
                </form>
            </article>
        </section>
    }
}
