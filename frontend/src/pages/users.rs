//! `/users` (Administrator): the tenant's people, inviting a User (the link
//! with the one-time token is shown once) and (de)activating accounts.

use ecom_types::user::{InvitationCreated, InviteUserRequest, UserView};
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{Alert, AlertKind, ConfirmButton, CopyBox, ErrorAlert, Input, Loading};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n;
use crate::state::form::{FieldChanged, FieldErrors, FormValues};

const FIELDS: &[&str] = &["email", "first_name", "last_name", "function", "phone"];

fn invitation_link(token: &str) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let token: String = js_sys::encode_uri_component(token).into();
    format!("{origin}/invitation#token={token}")
}

#[function_component]
pub fn Users() -> Html {
    let text = i18n::text();
    let session = use_session();
    let (users, reload) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::users::list(&api).await }
        })
    };
    let form = use_reducer(FormValues::default);
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let invited = use_state(|| None::<InvitationCreated>);
    let busy = use_state(|| false);
    let action_failure = use_state(|| None::<ApiError>);

    let onsubmit = {
        let form = form.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let invited = invited.clone();
        let busy = busy.clone();
        let session = session.clone();
        let reload = reload.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request = InviteUserRequest {
                email: form.trimmed("email"),
                first_name: form.trimmed("first_name"),
                last_name: form.trimmed("last_name"),
                function: form.optional("function"),
                phone: form.optional("phone"),
            };
            let form = form.clone();
            let errors = errors.clone();
            let failure = failure.clone();
            let invited = invited.clone();
            let busy = busy.clone();
            let session = session.clone();
            let reload = reload.clone();
            busy.set(true);
            invited.set(None);
            spawn_local(async move {
                match api::users::invite(&session.api, &request).await {
                    Ok(created) => {
                        for field in FIELDS {
                            form.dispatch(FieldChanged {
                                field,
                                value: String::new(),
                            });
                        }
                        errors.set(FieldErrors::default());
                        failure.set(None);
                        invited.set(Some(created));
                        reload.emit(());
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

    let set_active = {
        let session = session.clone();
        let reload = reload.clone();
        let action_failure = action_failure.clone();
        Callback::from(move |(id, activate): (Uuid, bool)| {
            let session = session.clone();
            let reload = reload.clone();
            let action_failure = action_failure.clone();
            spawn_local(async move {
                let outcome = if activate {
                    api::users::reactivate(&session.api, id).await
                } else {
                    api::users::deactivate(&session.api, id).await
                };
                match outcome {
                    Ok(_) => {
                        action_failure.set(None);
                        reload.emit(());
                    }
                    Err(error) => action_failure.set(Some(error)),
                }
            });
        })
    };

    let my_id = session.state.me.as_ref().map(|me| me.user.id);
    let row = |user: &UserView| {
        let name = format!("{} {}", user.first_name, user.last_name);
        let testid = format!("user-{}", user.email);
        let action = if user.role == "administrator" || Some(user.id) == my_id {
            html! {}
        } else if user.status == "deactivated" {
            let set_active = set_active.clone();
            let id = user.id;
            html! {
                <ConfirmButton label={text.reactivate}
                    question={i18n::fill(text.reactivate_question, &[("name", &name)])}
                    testid={format!("{testid}-reactivate")}
                    on_confirm={Callback::from(move |()| set_active.emit((id, true)))} />
            }
        } else {
            let set_active = set_active.clone();
            let id = user.id;
            html! {
                <ConfirmButton label={text.deactivate} danger=true
                    question={i18n::fill(text.deactivate_question, &[("name", &name)])}
                    testid={format!("{testid}-deactivate")}
                    on_confirm={Callback::from(move |()| set_active.emit((id, false)))} />
            }
        };
        html! {
            <tr data-testid={testid}>
                <td data-label={text.name}>{ name.clone() }</td>
                <td data-label={text.email}>{ &user.email }</td>
                <td data-label={text.role}>{ i18n::role(&user.role) }</td>
                <td data-label={text.status}>
                    <span class={classes!("badge", match user.status.as_str() {
                        "active" => "badge-success", "invited" => "badge-info", _ => "badge-danger",
                    })}>{ i18n::user_status(&user.status) }</span>
                </td>
                <td data-label={text.last_login}>
                    { user.last_login_at.as_ref().map_or_else(|| text.never.to_owned(), i18n::date_time) }
                </td>
                <td class="actions">{ action }</td>
            </tr>
        }
    };

    let list = match &*users {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => html! { <ErrorAlert error={error.clone()} testid="users-error" /> },
        Load::Loaded(list) if list.items.is_empty() => html! {
            <p class="empty" data-testid="users-empty">{ text.users_empty }</p>
        },
        Load::Loaded(list) => html! {
            <div class="table-wrap">
                <table class="table" data-testid="users-table">
                    <caption class="visually-hidden">{ text.users_title }</caption>
                    <thead><tr>
                        <th scope="col">{ text.name }</th>
                        <th scope="col">{ text.email }</th>
                        <th scope="col">{ text.role }</th>
                        <th scope="col">{ text.status }</th>
                        <th scope="col">{ text.last_login }</th>
                        <th scope="col"><span class="visually-hidden">{ text.actions }</span></th>
                    </tr></thead>
                    <tbody>{ for list.items.iter().map(row) }</tbody>
                </table>
            </div>
        },
    };

    let e = (*errors).clone();
    html! {
        <section>
            <h1>{ text.users_title }</h1>
            if let Some(error) = &*action_failure {
                <ErrorAlert error={error.clone()} testid="users-action-error" />
            }
            <article class="card">{ list }</article>
            <article class="card">
                <h2>{ text.invite_title }</h2>
                <p class="muted">{ text.invite_lead }</p>
                if let Some(created) = &*invited {
                    <Alert kind={AlertKind::Success} testid="invitation-created">
                        <p>{ i18n::fill(text.invite_created, &[
                            ("email", &created.user.email),
                            ("expires", &i18n::date_time(&created.invitation_expires_at)),
                        ]) }</p>
                        <CopyBox id="invitation-link" label={text.invite_link}
                            value={invitation_link(&created.invitation_token)} />
                        <p class="small">{ text.shown_once }</p>
                    </Alert>
                }
                if let Some(error) = &*failure {
                    <ErrorAlert error={error.clone()} extra={e.not_in(FIELDS)} />
                }
                <form class="form" novalidate=true {onsubmit} data-testid="invite-form">
                    <div class="field-row">
                        <Input form={form.clone()} field="first_name" id="invite-first-name" label={text.first_name}
                            errors={e.clone()} required=true autocomplete="off" />
                        <Input form={form.clone()} field="last_name" id="invite-last-name" label={text.last_name}
                            errors={e.clone()} required=true autocomplete="off" />
                    </div>
                    <Input form={form.clone()} field="email" id="invite-email" label={text.email} kind="email"
                        errors={e.clone()} required=true autocomplete="off" />
                    <div class="field-row">
                        <Input form={form.clone()} field="function" id="invite-function" label={text.function_optional}
                            errors={e.clone()} autocomplete="off" />
                        <Input form={form.clone()} field="phone" id="invite-phone" label={text.phone_optional}
                            kind="tel" errors={e.clone()} autocomplete="off" />
                    </div>
                    <button type="submit" class="button button-primary" data-testid="invite-submit"
                        disabled={*busy}>{ text.invite_submit }</button>
                </form>
            </article>
        </section>
    }
}
