//! Reporting a non-conformity of the delivery, within 48 hours of it (terms
//! art. 6); afterwards the delivery counts as accepted.

use chrono::{DateTime, Utc};
use ecom_types::contract::NonConformityRequest;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::{self, ApiError};
use crate::components::{ErrorAlert, TextArea};
use crate::hooks::use_session;
use crate::i18n;
use crate::state::form::{FieldErrors, FormValues};

const FIELDS: &[&str] = &["description"];

#[derive(Properties, PartialEq)]
pub struct NonConformityFormProps {
    /// Until when a report is accepted.
    pub deadline: DateTime<Utc>,
    pub on_reported: Callback<()>,
}

#[function_component]
pub fn NonConformityForm(props: &NonConformityFormProps) -> Html {
    let text = i18n::text();
    let session = use_session();
    let form = use_reducer(FormValues::default);
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);

    let onsubmit = {
        let form = form.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let busy = busy.clone();
        let session = session.clone();
        let on_reported = props.on_reported.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let description = form.trimmed("description");
            if description.is_empty() {
                let mut missing = FieldErrors::default();
                missing.add("description", text.nonconformity_required);
                errors.set(missing);
                failure.set(None);
                return;
            }
            let request = NonConformityRequest { description };
            let errors = errors.clone();
            let failure = failure.clone();
            let busy = busy.clone();
            let session = session.clone();
            let on_reported = on_reported.clone();
            busy.set(true);
            spawn_local(async move {
                match api::contract::report_nonconformity(&session.api, &request).await {
                    Ok(_) => on_reported.emit(()),
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
    html! {
        <article class="card">
            <h2>{ text.nonconformity_title }</h2>
            <p>{ i18n::fill(text.nonconformity_lead, &[("deadline", &i18n::date_time(&props.deadline))]) }</p>
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} extra={e.not_in(FIELDS)} testid="nonconformity-error" />
            }
            <form class="form" novalidate=true {onsubmit} data-testid="nonconformity-form">
                <TextArea form={form.clone()} field="description" id="nonconformity-description"
                    label={text.nonconformity_description} errors={e.clone()} required=true rows={4} />
                <button type="submit" class="button" data-testid="nonconformity-submit" disabled={*busy}>
                    { text.nonconformity_submit }
                </button>
            </form>
        </article>
    }
}
