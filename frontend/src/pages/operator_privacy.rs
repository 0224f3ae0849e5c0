//! `/operator/privacy`: the operator's queue of privacy requests, most
//! urgent first with overdue ones flagged; file for someone who wrote in,
//! verify identity, extend, carry out, reject, lift a restriction,
//! download an export. Below: what the next retention sweep would do.

use std::rc::Rc;

use chrono::{Local, NaiveDate, TimeZone, Utc};
use ecom_types::privacy::{
    CompletePrivacyRequest, OperatorFilePrivacyRequest, PrivacyRequestView, PrivacyRight,
    Rectification,
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::privacy_requests::request_summary;
use crate::api::{self, ApiError};
use crate::components::{DownloadButton, ErrorAlert, Fetch, Loading};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n::{self, privacy as strings};

fn input_state(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| {
        state.set(e.target_unchecked_into::<HtmlInputElement>().value())
    })
}

fn optional(value: &str) -> Option<String> {
    Some(value.trim().to_owned()).filter(|v| !v.is_empty())
}

#[derive(Clone, Copy, PartialEq)]
enum Act {
    SendCode,
    Verify,
    Extend,
    Complete,
    Reject,
    Lift,
}

#[derive(Properties, PartialEq)]
struct RowProps {
    request: PrivacyRequestView,
    on_change: Callback<()>,
}

#[function_component]
fn QueueRow(props: &RowProps) -> Html {
    let t = strings::text();
    let session = use_session();
    let note = use_state(String::new);
    let (first, last, phone, function) = (
        use_state(String::new),
        use_state(String::new),
        use_state(String::new),
        use_state(String::new),
    );
    let failure = use_state(|| None::<ApiError>);
    let request = &props.request;
    let id = request.id;
    let act = |what: Act| {
        let (session, note, failure, on_change) = (
            session.clone(),
            note.clone(),
            failure.clone(),
            props.on_change.clone(),
        );
        let fix = Rectification {
            first_name: optional(&first),
            last_name: optional(&last),
            phone: optional(&phone),
            function: optional(&function),
        };
        let rectification = (request.right == PrivacyRight::Rectification).then_some(fix);
        Callback::from(move |_: MouseEvent| {
            let (session, text, failure, on_change, rectification) = (
                session.clone(),
                (*note).trim().to_owned(),
                failure.clone(),
                on_change.clone(),
                rectification.clone(),
            );
            spawn_local(async move {
                let api = &session.api;
                let result = match what {
                    Act::SendCode => api::privacy::operator_send_code(api, id).await,
                    Act::Verify => api::privacy::operator_verify(api, id, &text).await,
                    Act::Extend => api::privacy::extend(api, id, &text).await,
                    Act::Complete => {
                        api::privacy::complete(api, id, &CompletePrivacyRequest { rectification })
                            .await
                    }
                    Act::Reject => api::privacy::reject(api, id, &text).await,
                    Act::Lift => api::privacy::lift_restriction(api, id).await,
                };
                match result {
                    Ok(_) => {
                        failure.set(None);
                        on_change.emit(());
                    }
                    Err(error) => failure.set(Some(error)),
                }
            });
        })
    };
    let open = request.status == "awaiting_verification" || request.status == "in_progress";
    let button = |label: &'static str, what: Act, testid: &str| {
        html! {
            <button type="button" class="button button-secondary button-small" onclick={act(what)}
                data-testid={format!("privacy-{testid}-{id}")}>{ label }</button>
        }
    };
    let api = session.api.clone();
    let fetch: Fetch = Rc::new(move || {
        let api = api.clone();
        Box::pin(async move { api::privacy::operator_export(&api, id).await })
    });
    html! {
        <tr data-testid={format!("privacy-queue-row-{id}")} class={classes!(request.overdue.then_some("row-overdue"))}>
            <td data-label={t.deadline} data-testid={format!("privacy-deadline-{id}")}>{ i18n::date(&request.deadline) }</td>
            <td data-label={t.right}>{ strings::right_name(request.right) }</td>
            <td data-label={t.person}>
                { &request.subject_email }
                if request.filed_by == "operator" { <span class="hint">{ " · " }{ t.filed_by_operator }</span> }
            </td>
            <td data-label={t.received}>{ i18n::date(&request.received_at) }</td>
            <td data-label={t.status}>{ request_summary(request) }</td>
            <td class="actions">
                if open {
                    <div class="field">
                        <label for={format!("privacy-note-{id}")}>{ if request.status == "awaiting_verification" { t.verification_method } else { t.reason } }</label>
                        <input id={format!("privacy-note-{id}")} value={(*note).clone()} oninput={input_state(&note)}
                            placeholder={if request.status == "awaiting_verification" { t.verification_method_hint } else { "" }}
                            data-testid={format!("privacy-note-{id}")} />
                    </div>
                    if request.status == "awaiting_verification" {
                        { button(t.record_verification, Act::Verify, "record-verification") }
                        { button(t.send_code, Act::SendCode, "send-code") }
                    }
                    if request.status == "in_progress" && request.right == PrivacyRight::Rectification {
                        <div class="field-row">
                            <input aria-label={t.first_name} placeholder={t.first_name} value={(*first).clone()} oninput={input_state(&first)} data-testid={format!("privacy-fix-first-name-{id}")} />
                            <input aria-label={t.last_name} placeholder={t.last_name} value={(*last).clone()} oninput={input_state(&last)} data-testid={format!("privacy-fix-last-name-{id}")} />
                            <input aria-label={t.phone} placeholder={t.phone} value={(*phone).clone()} oninput={input_state(&phone)} data-testid={format!("privacy-fix-phone-{id}")} />
                            <input aria-label={t.function} placeholder={t.function} value={(*function).clone()} oninput={input_state(&function)} data-testid={format!("privacy-fix-function-{id}")} />
                        </div>
                    }
                    if request.status == "in_progress" { { button(t.complete, Act::Complete, "complete") } }
                    if request.extended_due_at.is_none() { { button(t.extend, Act::Extend, "extend") } }
                    { button(t.reject, Act::Reject, "reject") }
                }
                if request.right == PrivacyRight::Restriction && request.status == "completed" {
                    { button(t.lift_restriction, Act::Lift, "lift") }
                }
                if request.export_available {
                    <DownloadButton label={t.download_export_operator} href={api::privacy::operator_export_path(id)} {fetch}
                        file_name={format!("privacy-request-{id}.zip")} media_type="application/zip" testid={format!("privacy-export-{id}")} />
                }
                if let Some(error) = &*failure {
                    <ErrorAlert error={error.clone()} testid={format!("privacy-action-error-{id}")} />
                }
            </td>
        </tr>
    }
}

#[function_component]
pub fn OperatorPrivacy() -> Html {
    let t = strings::text();
    let session = use_session();
    let show_all = use_state(|| false);
    let (queue, reload) = {
        let api = session.api.clone();
        let all = *show_all;
        use_load(move || {
            let api = api.clone();
            async move { api::privacy::queue(&api, all).await }
        })
    };
    let (sweep, _) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::privacy::dry_run(&api).await }
        })
    };
    {
        let reload = reload.clone();
        use_effect_with(*show_all, move |_| reload.emit(()));
    }
    let email = use_state(String::new);
    let received = use_state(String::new);
    let right = use_state(|| PrivacyRight::Access);
    let failure = use_state(|| None::<ApiError>);

    let onsubmit = {
        let (email, received, right, failure, session, reload) = (
            email.clone(),
            received.clone(),
            right.clone(),
            failure.clone(),
            session.clone(),
            reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // The day it was received, at noon in the operator's time zone (the deadline counts Belgian days).
            let received_at = NaiveDate::parse_from_str(received.trim(), "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(12, 0, 0))
                .and_then(|local| Local.from_local_datetime(&local).earliest())
                .map(|at| at.with_timezone(&Utc));
            let body = OperatorFilePrivacyRequest {
                subject_email: email.trim().to_owned(),
                right: *right,
                details: None,
                received_at,
            };
            let (email, failure, session, reload) = (
                email.clone(),
                failure.clone(),
                session.clone(),
                reload.clone(),
            );
            spawn_local(async move {
                match api::privacy::operator_file(&session.api, &body).await {
                    Ok(_) => {
                        email.set(String::new());
                        failure.set(None);
                        reload.emit(());
                    }
                    Err(error) => failure.set(Some(error)),
                }
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
    let toggle = {
        let show_all = show_all.clone();
        Callback::from(move |e: Event| {
            show_all.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };

    let list = match &*queue {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="privacy-queue-error" /> }
        }
        Load::Loaded(list) if list.items.is_empty() => {
            html! { <p class="empty" data-testid="privacy-queue-empty">{ t.queue_empty }</p> }
        }
        Load::Loaded(list) => html! {
            <div class="table-wrap">
                <table class="table" data-testid="privacy-queue-table">
                    <caption class="visually-hidden">{ t.queue_title }</caption>
                    <thead><tr>
                        <th scope="col">{ t.deadline }</th>
                        <th scope="col">{ t.right }</th>
                        <th scope="col">{ t.person }</th>
                        <th scope="col">{ t.received }</th>
                        <th scope="col">{ t.status }</th>
                        <th scope="col"><span class="visually-hidden">{ i18n::text().actions }</span></th>
                    </tr></thead>
                    <tbody>{ for list.items.iter().map(|r| html! { <QueueRow key={r.id.to_string()} request={r.clone()} on_change={reload.clone()} /> }) }</tbody>
                </table>
            </div>
        },
    };
    let sweep_view = match &*sweep {
        Load::Loading => html! { <Loading /> },
        Load::Failed(error) => {
            html! { <ErrorAlert error={error.clone()} testid="retention-dry-run-error" /> }
        }
        Load::Loaded(report) if report.steps.is_empty() => {
            html! { <p class="empty" data-testid="retention-dry-run-empty">{ t.sweep_nothing }</p> }
        }
        Load::Loaded(report) => html! {
            <div class="table-wrap">
                <table class="table" data-testid="retention-dry-run-table">
                    <thead><tr><th scope="col">{ t.action }</th><th scope="col">{ t.profile }</th><th scope="col">{ t.why }</th></tr></thead>
                    <tbody>{ for report.steps.iter().map(|s| html! {
                        <tr><td>{ &s.action }</td><td>{ &s.profile }</td><td>{ &s.reason }</td></tr>
                    }) }</tbody>
                </table>
            </div>
        },
    };

    html! {
        <section>
            <h1>{ t.queue_title }</h1>
            <p class="lead">{ t.queue_lead }</p>
            <label class="checkbox">
                <input type="checkbox" checked={*show_all} onchange={toggle} data-testid="privacy-show-closed" />
                { " " }{ t.show_closed }
            </label>
            <article class="card">{ list }</article>
            <article class="card">
                <h2>{ t.file_for_someone }</h2>
                if let Some(error) = &*failure {
                    <ErrorAlert error={error.clone()} testid="privacy-operator-file-error" />
                }
                <form class="form" novalidate=true {onsubmit} data-testid="privacy-operator-file-form">
                    <div class="field-row">
                        <div class="field">
                            <label for="privacy-subject-email">{ t.subject_email }</label>
                            <input id="privacy-subject-email" type="email" value={(*email).clone()} oninput={input_state(&email)} data-testid="privacy-subject-email" />
                        </div>
                        <div class="field">
                            <label for="privacy-operator-right">{ t.right }</label>
                            <select id="privacy-operator-right" onchange={onchange_right} data-testid="privacy-operator-right">
                                { for PrivacyRight::ALL.iter().map(|r| html! {
                                    <option value={r.as_str()} selected={*r == *right}>{ strings::right_name(*r) }</option>
                                }) }
                            </select>
                        </div>
                        <div class="field">
                            <label for="privacy-received-on">{ t.received_on }</label>
                            <input id="privacy-received-on" type="date" value={(*received).clone()} oninput={input_state(&received)} data-testid="privacy-received-on" />
                            <p class="hint">{ t.received_on_hint }</p>
                        </div>
                    </div>
                    <button type="submit" class="button button-primary" data-testid="privacy-operator-submit">{ t.file_submit }</button>
                </form>
            </article>
            <article class="card">
                <h2>{ t.sweep_title }</h2>
                <p class="hint">{ t.sweep_lead }</p>
                { sweep_view }
            </article>
        </section>
    }
}
