//! `/api-keys` (Administrator): keys for integrations. A new key gets the
//! scopes the Administrator picks ("full access" is a separate, labelled
//! choice); its secret is shown once (only its hash is kept). Keys can be
//! rotated (the old secret keeps working for a grace period) and revoked.

use chrono::{Local, NaiveDate, TimeZone, Utc};
use ecom_types::auth::{ApiKeyView, CreateApiKeyRequest, CreatedApiKey, FULL_ACCESS_SCOPE};
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{
    use_toast, Alert, AlertKind, ConfirmButton, CopyBox, ErrorAlert, Input, Loading, Toast,
};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n;
use crate::state::form::{FieldChanged, FieldErrors, FormValues};

const FIELDS: &[&str] = &["name", "expires_at", "scopes"];

/// Scope areas with read/write variants; `admin` is a single scope.
const AREAS: &[&str] = &[
    "crm",
    "calendar",
    "quotations",
    "projects",
    "invoicing",
    "ticketing",
    "voip",
    "billing",
];

/// The scope set after ticking (or unticking) `scope`: changing an area
/// includes reading it, so ticking write ticks read and unticking read
/// unticks write.
pub fn toggle_scope(current: &[String], scope: &str, on: bool) -> Vec<String> {
    let mut next: Vec<String> = current
        .iter()
        .filter(|s| s.as_str() != scope)
        .cloned()
        .collect();
    if on {
        next.push(scope.to_owned());
        if let Some(area) = scope.strip_suffix(":write") {
            let read = format!("{area}:read");
            if !next.contains(&read) {
                next.push(read);
            }
        }
    } else if let Some(area) = scope.strip_suffix(":read") {
        next.retain(|s| *s != format!("{area}:write"));
    }
    next
}

/// What is sent: `*` alone for full access, else the ticked scopes with
/// `read` dropped where `write` (which includes it) is ticked.
pub fn requested_scopes(ticked: &[String], full_access: bool) -> Vec<String> {
    if full_access {
        return vec![FULL_ACCESS_SCOPE.to_owned()];
    }
    ticked
        .iter()
        .filter(|s| {
            s.strip_suffix(":read")
                .is_none_or(|area| !ticked.contains(&format!("{area}:write")))
        })
        .cloned()
        .collect()
}

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
    let itext = i18n::integrations::text();
    let session = use_session();
    let scopes = use_state(Vec::<String>::new);
    let full_access = use_state(|| false);
    let rotated_until = use_state(|| None::<chrono::DateTime<Utc>>);
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
        let scopes = scopes.clone();
        let full_access = full_access.clone();
        let rotated_until = rotated_until.clone();
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
                scopes: requested_scopes(&scopes, *full_access),
            };
            let scopes = scopes.clone();
            let full_access = full_access.clone();
            let rotated_until = rotated_until.clone();
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
                        scopes.set(Vec::new());
                        full_access.set(false);
                        rotated_until.set(None);
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

    let rotate = {
        let session = session.clone();
        let reload = reload.clone();
        let revoke_failure = revoke_failure.clone();
        let created = created.clone();
        let rotated_until = rotated_until.clone();
        Callback::from(move |id: Uuid| {
            let session = session.clone();
            let reload = reload.clone();
            let revoke_failure = revoke_failure.clone();
            let created = created.clone();
            let rotated_until = rotated_until.clone();
            spawn_local(async move {
                match api::api_keys::rotate(&session.api, id).await {
                    Ok(rotated) => {
                        revoke_failure.set(None);
                        rotated_until.set(Some(rotated.previous_secret_valid_until));
                        created.set(Some(CreatedApiKey {
                            api_key: rotated.api_key,
                            secret: rotated.secret,
                        }));
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
            let rotate = rotate.clone();
            let id = key.id;
            html! {
                <>
                    <ConfirmButton label={itext.rotate}
                        question={i18n::fill(itext.rotate_question, &[("name", &key.name)])}
                        testid={format!("{testid}-rotate")}
                        on_confirm={Callback::from(move |()| rotate.emit(id))} />
                    <ConfirmButton label={text.revoke} danger=true
                        question={i18n::fill(text.revoke_question, &[("name", &key.name)])}
                        testid={format!("{testid}-revoke")}
                        on_confirm={Callback::from(move |()| revoke.emit(id))} />
                </>
            }
        } else {
            html! {}
        };
        html! {
            <tr data-testid={testid}>
                <td data-label={text.key_name}>{ &key.name }</td>
                <td data-label={text.key_prefix}><code>{ &key.prefix }</code></td>
                <td data-label={itext.col_scopes}>
                    if key.full_access {
                        <span class="badge badge-warning">{ itext.full_access_badge }</span>
                    } else {
                        { key.scopes.join(", ") }
                    }
                </td>
                <td data-label={text.created}>{ i18n::date(&key.created_at) }</td>
                <td data-label={text.last_used}>
                    { key.last_used_at.as_ref().map_or_else(|| text.never.to_owned(), i18n::date_time) }
                </td>
                <td data-label={itext.col_country}>
                    { key.last_used_country.clone().unwrap_or_else(|| itext.unknown_country.to_owned()) }
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
                        <th scope="col">{ itext.col_scopes }</th>
                        <th scope="col">{ text.created }</th>
                        <th scope="col">{ text.last_used }</th>
                        <th scope="col">{ itext.col_country }</th>
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
                    if let Some(until) = &*rotated_until {
                        <p><strong>{ i18n::fill(itext.rotated, &[("name", &key.api_key.name)]) }</strong></p>
                        <p data-testid="api-key-grace">{ i18n::fill(itext.grace_note, &[("date", &i18n::date_time(until))]) }</p>
                    } else {
                        <p><strong>{ i18n::fill(text.key_created, &[("name", &key.api_key.name)]) }</strong></p>
                    }
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
                    { scope_picker(&scopes, &full_access, e.get("scopes")) }
                    <button type="submit" class="button button-primary" data-testid="api-key-submit"
                        disabled={*busy}>{ text.create_key }</button>
                </form>
            </article>
        </section>
    }
}

/// The scope checkboxes: read/change per area, admin, and full access
/// (labelled as such, with a warning; it greys out the others).
fn scope_picker(
    scopes: &UseStateHandle<Vec<String>>,
    full_access: &UseStateHandle<bool>,
    error: Option<String>,
) -> Html {
    let itext = i18n::integrations::text();
    let checkbox = |scope: String, label: &'static str| {
        let id = format!("api-key-scope-{}", scope.replace(':', "-"));
        let checked = scopes.contains(&scope);
        let onchange = {
            let scopes = scopes.clone();
            let scope = scope.clone();
            Callback::from(move |e: Event| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                scopes.set(toggle_scope(&scopes, &scope, input.checked()));
            })
        };
        html! {
            <span class="field-checkbox">
                <input type="checkbox" id={id.clone()} data-testid={id.clone()} name="scopes" value={scope}
                    {checked} disabled={**full_access} {onchange} />
                <label for={id}>{ label }</label>
            </span>
        }
    };
    let on_full = {
        let full_access = full_access.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            full_access.set(input.checked());
        })
    };
    html! {
        <fieldset class={classes!("choices", error.is_some().then_some("has-error"))} data-testid="api-key-scopes"
            aria-describedby="api-key-scopes-hint">
            <legend>{ itext.scopes_legend }</legend>
            <p class="hint" id="api-key-scopes-hint">{ itext.scopes_hint }</p>
            { for AREAS.iter().map(|area| html! {
                <div class="scope-row">
                    <span class="scope-area">{ itext.area(area) }</span>
                    { checkbox(format!("{area}:read"), itext.scope_read) }
                    { checkbox(format!("{area}:write"), itext.scope_write) }
                </div>
            }) }
            <div class="scope-row">
                { checkbox("admin".to_owned(), itext.area_admin) }
            </div>
            <div class="field-checkbox scope-full">
                <input type="checkbox" id="api-key-scope-full" data-testid="api-key-scope-full" name="full_access"
                    checked={**full_access} onchange={on_full} />
                <label for="api-key-scope-full"><strong>{ itext.full_access }</strong></label>
            </div>
            if **full_access {
                <p class="hint warning" data-testid="api-key-full-warning">{ itext.full_access_warning }</p>
            }
            if let Some(error) = error {
                <p class="field-error" id="api-key-scopes-error" role="alert">{ error }</p>
            }
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_brings_read_and_unticking_read_drops_write() {
        let s = toggle_scope(&[], "crm:write", true);
        assert!(s.contains(&"crm:write".to_owned()) && s.contains(&"crm:read".to_owned()));
        assert_eq!(requested_scopes(&s, false), vec!["crm:write".to_owned()]);
        let s = toggle_scope(&s, "crm:read", false);
        assert!(s.is_empty());
        assert_eq!(
            requested_scopes(&["admin".to_owned()], true),
            vec!["*".to_owned()]
        );
    }
}
