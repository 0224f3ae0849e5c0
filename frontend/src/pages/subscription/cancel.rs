//! Cancelling: the contract runs to the end of the term and does not renew.
//! Accepted up to 15 days before the term ends (terms art. 5), or within 30
//! days of a notice of a change that disadvantages the Client, citing it.

use chrono::{NaiveDate, Utc};
use ecom_types::contract::CancelRequest;
use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{ConfirmButton, ErrorAlert, TextArea};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n;
use crate::state::form::{FieldChanged, FieldErrors, FormValues};

const FIELDS: &[&str] = &["reason", "change_notice_id"];

#[derive(Properties, PartialEq)]
pub struct CancelFormProps {
    /// The last day of the current term: the contract ends with it.
    pub last_day: NaiveDate,
    pub on_cancelled: Callback<()>,
}

#[function_component]
pub fn CancelForm(props: &CancelFormProps) -> Html {
    let text = i18n::text();
    let session = use_session();
    let open = use_state(|| false);
    let form = use_reducer(FormValues::default);
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);
    let (notices, _) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::change_notices::list(&api).await }
        })
    };

    let cancel = {
        let form = form.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let busy = busy.clone();
        let session = session.clone();
        let on_cancelled = props.on_cancelled.clone();
        Callback::from(move |()| {
            let request = CancelRequest {
                reason: form.optional("reason"),
                change_notice_id: form
                    .optional("change_notice_id")
                    .and_then(|id| Uuid::parse_str(&id).ok()),
            };
            let errors = errors.clone();
            let failure = failure.clone();
            let busy = busy.clone();
            let session = session.clone();
            let on_cancelled = on_cancelled.clone();
            busy.set(true);
            spawn_local(async move {
                match api::contract::cancel(&session.api, &request).await {
                    Ok(_) => on_cancelled.emit(()),
                    Err(error) => {
                        errors.set(FieldErrors::from_problem(error.field_errors()));
                        failure.set(Some(error));
                    }
                }
                busy.set(false);
            });
        })
    };

    if !*open {
        let show = {
            let open = open.clone();
            Callback::from(move |_| open.set(true))
        };
        return html! {
            <article class="card">
                <h2>{ text.cancel_title }</h2>
                <p class="muted">{ i18n::fill(text.cancel_lead, &[("last_day", &i18n::day(&props.last_day))]) }</p>
                <button type="button" class="button button-secondary" data-testid="cancel-open" onclick={show}>
                    { text.cancel_subscription }
                </button>
            </article>
        };
    }

    // Notices still within their 30 days; the server checks again.
    let now = Utc::now();
    let citable: Vec<_> = match &*notices {
        Load::Loaded(list) => list
            .iter()
            .filter(|n| n.terminate_until > now)
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    let notice_select = if citable.is_empty() {
        html! {}
    } else {
        let dispatcher = form.dispatcher();
        let onchange = Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            dispatcher.dispatch(FieldChanged {
                field: "change_notice_id",
                value: select.value(),
            });
        });
        let current = form.get("change_notice_id").to_owned();
        let error = errors.get("change_notice_id");
        html! {
            <div class={classes!("field", error.is_some().then_some("has-error"))}>
                <label for="cancel-change-notice-id">{ text.cancel_notice }</label>
                <select id="cancel-change-notice-id" data-testid="cancel-change-notice-id" name="change_notice_id"
                    aria-describedby="cancel-change-notice-id-hint" {onchange}>
                    <option value="" selected={current.is_empty()}>{ text.cancel_no_notice }</option>
                    { for citable.iter().map(|notice| {
                        let id = notice.id.to_string();
                        html! {
                            <option value={id.clone()} selected={current == id}>
                                { i18n::fill(text.cancel_notice_option, &[
                                    ("kind", &i18n::notice_kind(&notice.kind)),
                                    ("summary", &notice.summary),
                                    ("until", &i18n::date(&notice.terminate_until)),
                                ]) }
                            </option>
                        }
                    }) }
                </select>
                <p class="hint" id="cancel-change-notice-id-hint">{ text.cancel_notice_hint }</p>
                if let Some(message) = error {
                    <p class="field-error" data-testid="cancel-change-notice-id-error">{ message }</p>
                }
            </div>
        }
    };

    let close = {
        let open = open.clone();
        let failure = failure.clone();
        Callback::from(move |_| {
            failure.set(None);
            open.set(false);
        })
    };
    let e = (*errors).clone();
    let last_day = i18n::day(&props.last_day);
    html! {
        <article class="card" data-testid="cancel-form">
            <h2>{ text.cancel_title }</h2>
            <p>{ i18n::fill(text.cancel_explained, &[("last_day", &last_day)]) }</p>
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} extra={e.not_in(FIELDS)} testid="cancel-error" />
            }
            <div class="form">
                <TextArea form={form.clone()} field="reason" id="cancel-reason" label={text.cancel_reason}
                    errors={e.clone()} hint={text.cancel_reason_hint} />
                { notice_select }
                <div class="button-row">
                    <ConfirmButton label={text.cancel_subscription} danger=true testid="cancel-submit"
                        question={i18n::fill(text.cancel_question, &[("last_day", &last_day)])}
                        disabled={*busy} on_confirm={cancel} />
                    <button type="button" class="button button-secondary button-small" data-testid="cancel-close"
                        onclick={close}>{ text.keep_subscription }</button>
                </div>
            </div>
        </article>
    }
}
