//! `/api-keys` (Administrator): keys for integrations. A new key's secret is
//! shown once (only its hash is kept); revoking asks to confirm.

use chrono::{Local, NaiveDate, TimeZone, Utc};
use ecom_types::auth::{ApiKeyView, CreateApiKeyRequest, CreatedApiKey};
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{use_toast, Alert, AlertKind, ConfirmButton, CopyBox, ErrorAlert, Input, Loading, Toast};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n;
use crate::state::form::{FieldChanged, FieldErrors, FormValues};

const FIELDS: &[&str] = &["name", "expires_at"];

/// The end of the chosen day, in the person's time zone.
fn end_of_day(date: &str) -> Option<chrono::DateTime<Utc>> {
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let local = day.and_hms_opt(23, 59, 59)?;
    Local
        .from_local_datetime(&local)
        .earliest()
        .map(|at| at.with_timezone(&Utc))
}

#[function_component]
pub fn ApiKeys() -> Html {
    let text = i18n::text();
    let session = use_session();
    let (keys, reload) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::api_keys::list(&api).await }
        })
    };
    let form = use_reducer(FormValues::default);
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let created = use_state(|| None::<CreatedApiKey>);
    let busy = use_state(|| false);
    let revoke_failure = use_state(|| None::<ApiError>);

    let onsubmit = {
        let form = form.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let created = created.clone();
        let busy = busy.clone();
        let session = session.clone();
        let reload = reload.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let expires_at = match form.optional("expires_at") {
                None => None,
                Some(date) => match end_of_day(&date) {
                    Some(at) => Some(at),
                    None => {
                        let mut invalid = FieldErrors::default();
                        invalid.add("expires_at", text.invalid_date);
                        errors.set(invalid);
                        return;
                    }
                },
            };
            let request = CreateApiKeyRequest {
                name: form.trimmed("name"),
                expires_at,
            };
            let form = form.clone();
            let errors = errors.clone();
            let failure = failure.clone();
            let created = created.clone();
            let busy = busy.clone();
            let session = session.clone();
            let reload = reload.clone();
            busy.set(true);
            created.set(None);
            spawn_local(async move {
                match api::api_keys::create(&session.api, &request).await {
                    Ok(key) => {
                        for field in FIELDS {
                            form.dispatch(FieldChanged {
                                field,
                                value: String::new(),
                            });
                        }
                        errors.set(FieldErrors::default());
                        failure.set(None);
                        created.set(Some(key));
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

    let toast = use_toast();
    let revoke = {
        let session = session.clone();
        let reload = reload.clone();
        let toast = toast.clone();
        let revoke_failure = revoke_failure.clone();
        Callback::from(move |id: Uuid| {
            let session = session.clone();
            let reload = reload.clone();
            let revoke_failure = revoke_failure.clone();
            let toast = toast.clone();
            spawn_local(async move {
                match api::api_keys::revoke(&session.api, id).await {
                    Ok(()) => {
                        revoke_failure.set(None);
                        toast.emit(Toast::success(i18n::ui::text().api_key_revoked));
                        reload.emit(());
                    }
                    Err(error) => revoke_failure.set(Some(error)),
                }
            });
        })
    };

    let dismiss = {
        let created = created.clone();
        Callback::from(move |_| created.set(None))
    };

    let row = |key: &ApiKeyView| {
        let testid = format!("api-key-{}", key.prefix);
        let status = match (&key.revoked_at, &key.expires_at) {
            (Some(at), _) => html! {
                <span class="badge badge-danger">{ i18n::fill(text.revoked_on, &[("date", &i18n::date(at))]) }</span>
            },
            (None, Some(at)) if *at <= Utc::now() => html! {
                <span class="badge badge-warning">{ text.expired }</span>
            },
            (None, _) => html! { <span class="badge badge-success">{ text.key_active }</span> },
        };
        let action = if key.revoked_at.is_none() {
            let revoke = revoke.clone();
            let id = key.id;
            html! {
                <ConfirmButton label={text.revoke} danger=true
                    question={i18n::fill(text.revoke_question, &[("name", &key.name)])}
                    testid={format!("{testid}-revoke")}
                    on_confirm={Callback::from(move |()| revoke.emit(id))} />
            }
        } else {
            html! {}
        };
        html! {
            <tr data-testid={testid}>
                <td data-label={text.key_name}>{ &key.name }</td>
                <td data-label={text.key_prefix}><code>{ &key.prefix }</code></td>
                <td data-label={text.created}>{ i18n::date(&key.created_at) }</td>
                <td data-label={text.last_used}>
                    { key.last_used_at.as_ref().map_or_else(|| text.never.to_owned(), i18n::date_time) }
                </td>
                <td data-label={text.expires}>
                    { key.expires_at.as_ref().map_or_else(|| text.never.to_owned(), i18n::date) }
                </td>
                <td data-label={text.status}>{ status }</td>
                <td class="actions">{ action }</td>
            </tr>
        }
    };

    let list = match &*keys {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="api-keys-error" /> }
        }
        Load::Loaded(list) if list.items.is_empty() => html! {
            <p class="empty" data-testid="api-keys-empty">{ text.api_keys_empty }</p>
        },
        Load::Loaded(list) => html! {
            <div class="table-wrap">
                <table class="table" data-testid="api-keys-table">
                    <caption class="visually-hidden">{ text.api_keys_title }</caption>
                    <thead><tr>
                        <th scope="col">{ text.key_name }</th>
                        <th scope="col">{ text.key_prefix }</th>
                        <th scope="col">{ text.created }</th>
                        <th scope="col">{ text.last_used }</th>
                        <th scope="col">{ text.expires }</th>
                        <th scope="col">{ text.status }</th>
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
            <h1>{ text.api_keys_title }</h1>
            <p class="lead">{ text.api_keys_lead }</p>
            if let Some(key) = &*created {
                <Alert kind={AlertKind::Warning} testid="api-key-created">
                    <p><strong>{ i18n::fill(text.key_created, &[("name", &key.api_key.name)]) }</strong></p>
                    <p>{ text.secret_warning }</p>
                    <CopyBox id="api-key-secret" label={text.secret} value={key.secret.clone()} />
                    <button type="button" class="button button-secondary button-small"
                        data-testid="api-key-secret-dismiss" onclick={dismiss}>{ text.secret_stored }</button>
                </Alert>
            }
            if let Some(error) = &*revoke_failure {
                <ErrorAlert error={error.clone()} testid="api-keys-action-error" />
            }
            <article class="card">{ list }</article>
            <article class="card">
                <h2>{ text.create_key_title }</h2>
                if let Some(error) = &*failure {
                    <ErrorAlert error={error.clone()} extra={e.not_in(FIELDS)} />
                }
                <form class="form" novalidate=true {onsubmit} data-testid="api-key-form">
                    <div class="field-row">
                        <Input form={form.clone()} field="name" id="api-key-name" label={text.key_name}
                            errors={e.clone()} required=true autocomplete="off" hint={text.key_name_hint} />
                        <Input form={form.clone()} field="expires_at" id="api-key-expires-at" label={text.expires_optional}
                            kind="date" errors={e.clone()} hint={text.expires_hint} />
                    </div>
                    <button type="submit" class="button button-primary" data-testid="api-key-submit"
                        disabled={*busy}>{ text.create_key }</button>
                </form>
            </article>
        </section>
    }
}
