//! The order form: a plan from the catalogue becomes a contract (terms art. 5).

use ecom_types::contract::Catalogue;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::plan_fields::PlanFields;
use crate::api::{self, ApiError};
use crate::components::ErrorAlert;
use crate::hooks::use_session;
use crate::i18n;
use crate::state::form::FieldErrors;
use crate::state::plan::PlanForm;

/// The request fields the form has an input for.
const FIELDS: &[&str] = &["term_length", "modules", "extra_seats"];

#[derive(Properties, PartialEq)]
pub struct OrderFormProps {
    pub catalogue: Catalogue,
    /// Called once the server created the contract.
    pub on_ordered: Callback<()>,
}

#[function_component]
pub fn OrderForm(props: &OrderFormProps) -> Html {
    let text = i18n::text();
    let session = use_session();
    let plan = use_reducer(PlanForm::default);
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);

    let onsubmit = {
        let plan = plan.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let busy = busy.clone();
        let session = session.clone();
        let on_ordered = props.on_ordered.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request = match plan.order_request() {
                Ok(request) => request,
                Err(local) => {
                    errors.set(local);
                    failure.set(None);
                    return;
                }
            };
            let errors = errors.clone();
            let failure = failure.clone();
            let busy = busy.clone();
            let session = session.clone();
            let on_ordered = on_ordered.clone();
            busy.set(true);
            spawn_local(async move {
                match api::contract::order(&session.api, &request).await {
                    Ok(_) => on_ordered.emit(()),
                    Err(error) => {
                        errors.set(FieldErrors::from_problem(error.field_errors()));
                        failure.set(Some(error));
                        busy.set(false);
                    }
                }
            });
        })
    };

    let trial = session.state.me.as_ref().map(|me| &me.tenant);
    let e = (*errors).clone();
    html! {
        <article class="card">
            <h2>{ text.order_title }</h2>
            <p class="lead">
                { match trial {
                    Some(tenant) if tenant.status == "trial" => i18n::fill(
                        text.order_lead_trial, &[("n", &tenant.trial_days_left.to_string())]),
                    _ => text.order_lead.to_owned(),
                } }
            </p>
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} extra={e.not_in(FIELDS)} testid="order-error" />
            }
            <form class="form" novalidate=true {onsubmit} data-testid="order-form">
                <PlanFields catalogue={props.catalogue.clone()} plan={plan.clone()} errors={e.clone()}
                    prefix="order" choose_term=true />
                <p class="small muted">{ text.order_terms }</p>
                <button type="submit" class="button button-primary" data-testid="order-submit"
                    disabled={*busy}>
                    { if *busy { text.order_submitting } else { text.order_submit } }
                </button>
            </form>
        </article>
    }
}
