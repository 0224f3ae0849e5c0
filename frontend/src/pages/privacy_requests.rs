//! `/privacy/requests`: the person's own privacy requests. File one, prove
//! it is them with an e-mailed code, follow the status and the deadline,
//! download the export of an access or portability request.

use std::rc::Rc;

use ecom_types::privacy::{FilePrivacyRequest, PrivacyRequestView, PrivacyRight};
use uuid::Uuid;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{Alert, AlertKind, DownloadButton, ErrorAlert, Fetch, Loading};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n::{self, privacy as strings};

fn right_code(right: PrivacyRight) -> &'static str {
    right.as_str()
}

/// The status, deadline and outcome of one request (shared with the operator's queue).
pub fn request_summary(request: &PrivacyRequestView) -> Html {
    let t = strings::text();
    let badge = match request.status.as_str() {
        "completed" => "badge badge-success",
        "rejected" => "badge badge-danger",
        _ => "badge badge-warning",
    };
    html! {
        <>
            <span class={badge} data-testid={format!("privacy-status-{}", request.id)}>{ strings::status_name(&request.status) }</span>
            if request.overdue {
                { " " }<span class="badge badge-danger" data-testid={format!("privacy-overdue-{}", request.id)}>{ t.overdue }</span>
            }
            if let Some(reason) = &request.extension_reason {
                <p class="hint">{ i18n::fill(t.extended_because, &[("reason", reason)]) }</p>
            }
            if let Some(outcome) = &request.outcome {
                <div class="outcome" data-testid={format!("privacy-outcome-{}", request.id)}>
                    <p><strong>{ t.outcome }{ ": " }</strong>{ &outcome.summary }</p>
                    if outcome.items.iter().any(|i| i.kept_because.is_some()) {
                        <ul>
                            { for outcome.items.iter().filter_map(|i| i.kept_because.as_ref().map(|why| html! {
                                <li>{ format!("{} ({}): ", i.what, i.table) }{ i18n::fill(t.kept_because, &[("why", why)]) }</li>
                            })) }
                        </ul>
                    }
                </div>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct VerifyProps {
    request: PrivacyRequestView,
    on_change: Callback<()>,
}

/// Send a code, type it, verify.
#[function_component]
fn VerifyBox(props: &VerifyProps) -> Html {
    let t = strings::text();
    let session = use_session();
    let code = use_state(String::new);
    let sent = use_state(|| false);
    let failure = use_state(|| None::<ApiError>);
    let id = props.request.id;
    let send = {
        let (session, sent, failure) = (session.clone(), sent.clone(), failure.clone());
        Callback::from(move |_: MouseEvent| {
            let (session, sent, failure) = (session.clone(), sent.clone(), failure.clone());
            spawn_local(async move {
                match api::privacy::send_code(&session.api, id).await {
                    Ok(_) => {
                        sent.set(true);
                        failure.set(None);
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let verify = {
        let (session, code, failure, on_change) = (
            session.clone(),
            code.clone(),
            failure.clone(),
            props.on_change.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (session, value, failure, on_change) = (
                session.clone(),
                (*code).trim().to_owned(),
                failure.clone(),
                on_change.clone(),
            );
            spawn_local(async move {
                match api::privacy::verify(&session.api, id, &value).await {
                    Ok(_) => {
                        failure.set(None);
                        on_change.emit(());
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let oninput = {
        let code = code.clone();
        Callback::from(move |e: InputEvent| {
            code.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    html! {
        <div class="verify" data-testid={format!("privacy-verify-box-{id}")}>
            <p class="hint">{ t.verify_needed }</p>
            <button type="button" class="button button-secondary button-small" onclick={send}
                data-testid={format!("privacy-send-code-{id}")}>{ t.send_code }</button>
            if *sent {
                <p class="hint" data-testid={format!("privacy-code-sent-{id}")}>{ t.code_sent }</p>
            }
            <form class="form form-inline" onsubmit={verify} novalidate=true>
                <label for={format!("privacy-code-{id}")}>{ t.code }</label>
                <input id={format!("privacy-code-{id}")} inputmode="numeric" autocomplete="one-time-code"
                    value={(*code).clone()} {oninput} data-testid={format!("privacy-code-{id}")} />
                <button type="submit" class="button button-primary button-small"
                    data-testid={format!("privacy-verify-{id}")}>{ t.verify }</button>
            </form>
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} testid={format!("privacy-verify-error-{id}")} />
            }
        </div>
    }
}

#[function_component]
pub fn PrivacyRequests() -> Html {
    let t = strings::text();
    let text = i18n::text();
    let session = use_session();
    let (requests, reload) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::privacy::mine(&api).await }
        })
    };
    let right = use_state(|| PrivacyRight::Access);
    let details = use_state(String::new);
    let failure = use_state(|| None::<ApiError>);
    let filed = use_state(|| false);
    let busy = use_state(|| false);

    let onsubmit = {
        let (right, details, failure, filed, busy, session, reload) = (
            right.clone(),
            details.clone(),
            failure.clone(),
            filed.clone(),
            busy.clone(),
            session.clone(),
            reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let body = FilePrivacyRequest {
                right: *right,
                details: Some((*details).trim().to_owned()).filter(|d| !d.is_empty()),
            };
            let (details, failure, filed, busy, session, reload) = (
                details.clone(),
                failure.clone(),
                filed.clone(),
                busy.clone(),
                session.clone(),
                reload.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                match api::privacy::file(&session.api, &body).await {
                    Ok(_) => {
                        details.set(String::new());
                        failure.set(None);
                        filed.set(true);
                        reload.emit(());
                    }
                    Err(error) => {
                        filed.set(false);
                        failure.set(Some(error));
                    }
                }
                busy.set(false);
            });
        })
    };
    let onchange_right = {
        let right = right.clone();
        Callback::from(move |e: Event| {
            if let Some(parsed) =
                PrivacyRight::parse(&e.target_unchecked_into::<HtmlSelectElement>().value())
            {
                right.set(parsed);
            }
        })
    };
    let oninput_details = {
        let details = details.clone();
        Callback::from(move |e: InputEvent| {
            details.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };

    let row = |request: &PrivacyRequestView| {
        let id: Uuid = request.id;
        let api = session.api.clone();
        let fetch: Fetch = Rc::new(move || {
            let api = api.clone();
            Box::pin(async move { api::privacy::export(&api, id).await })
        });
        let on_change = reload.clone();
        html! {
            <tr data-testid={format!("privacy-request-{id}")}>
                <td data-label={t.right}>{ strings::right_name(request.right) }</td>
                <td data-label={t.received}>{ i18n::date(&request.received_at) }</td>
                <td data-label={t.deadline} data-testid={format!("privacy-deadline-{id}")}>{ i18n::date(&request.deadline) }</td>
                <td data-label={t.status}>{ request_summary(request) }</td>
                <td class="actions">
                    if request.status == "awaiting_verification" {
                        <VerifyBox request={request.clone()} {on_change} />
                    }
                    if request.export_available {
                        <DownloadButton label={t.download_export} href={api::privacy::export_path(id)} {fetch}
                            file_name="my-ecom-data.zip" media_type="application/zip" testid={format!("privacy-export-{id}")} />
                    }
                </td>
            </tr>
        }
    };

    let list = match &*requests {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="privacy-requests-error" /> }
        }
        Load::Loaded(list) if list.items.is_empty() => {
            html! { <p class="empty" data-testid="privacy-requests-empty">{ t.empty }</p> }
        }
        Load::Loaded(list) => html! {
            <div class="table-wrap">
                <table class="table" data-testid="privacy-requests-table">
                    <caption class="visually-hidden">{ t.mine_title }</caption>
                    <thead><tr>
                        <th scope="col">{ t.right }</th>
                        <th scope="col">{ t.received }</th>
                        <th scope="col">{ t.deadline }</th>
                        <th scope="col">{ t.status }</th>
                        <th scope="col"><span class="visually-hidden">{ text.actions }</span></th>
                    </tr></thead>
                    <tbody>{ for list.items.iter().map(row) }</tbody>
                </table>
            </div>
        },
    };

    html! {
        <section>
            <h1>{ t.mine_title }</h1>
            <p class="lead">{ t.mine_lead }</p>
            <article class="card">
                <h2>{ t.file_title }</h2>
                if *filed {
                    <Alert kind={AlertKind::Success} testid="privacy-filed">{ t.filed }</Alert>
                }
                if let Some(error) = &*failure {
                    <ErrorAlert error={error.clone()} testid="privacy-file-error" />
                }
                <form class="form" novalidate=true {onsubmit} data-testid="privacy-file-form">
                    <div class="field">
                        <label for="privacy-right">{ t.right }</label>
                        <select id="privacy-right" data-testid="privacy-right" onchange={onchange_right}>
                            { for PrivacyRight::ALL.iter().map(|r| html! {
                                <option value={right_code(*r)} selected={*r == *right}>{ strings::right_name(*r) }</option>
                            }) }
                        </select>
                    </div>
                    <div class="field">
                        <label for="privacy-details">{ t.details }</label>
                        <textarea id="privacy-details" data-testid="privacy-details" maxlength="2000"
                            value={(*details).clone()} oninput={oninput_details} />
                        <p class="hint">{ t.details_hint }</p>
                    </div>
                    <button type="submit" class="button button-primary" data-testid="privacy-submit" disabled={*busy}>{ t.file_submit }</button>
                </form>
            </article>
            <article class="card">{ list }</article>
        </section>
    }
}
