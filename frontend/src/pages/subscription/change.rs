//! Changing seats and modules during a term (terms art. 9): more is charged
//! pro rata at once, less applies from the next term.

use ecom_types::contract::{Catalogue, ContractView};
use yew::platform::spawn_local;
use yew::prelude::*;

use super::plan_fields::PlanFields;
use crate::api::{self, ApiError};
use crate::components::ErrorAlert;
use crate::hooks::use_session;
use crate::i18n;
use crate::state::form::FieldErrors;
use crate::state::plan::{PlanAction, PlanForm};

const FIELDS: &[&str] = &["modules", "extra_seats"];

#[derive(Properties, PartialEq)]
pub struct ChangeFormProps {
    pub contract: ContractView,
    pub catalogue: Catalogue,
    pub on_changed: Callback<()>,
}

#[function_component]
pub fn ChangeForm(props: &ChangeFormProps) -> Html {
    let text = i18n::text();
    let session = use_session();
    let plan = use_reducer({
        let contract = props.contract.clone();
        move || PlanForm::from_contract(&contract)
    });
    let errors = use_state(FieldErrors::default);
    let failure = use_state(|| None::<ApiError>);
    let busy = use_state(|| false);

    // After a change the server's contract is the new starting point.
    {
        let plan = plan.clone();
        use_effect_with(props.contract.clone(), move |contract| {
            plan.dispatch(PlanAction::Reset(Box::new(PlanForm::from_contract(
                contract,
            ))));
        });
    }

    let onsubmit = {
        let plan = plan.clone();
        let errors = errors.clone();
        let failure = failure.clone();
        let busy = busy.clone();
        let session = session.clone();
        let on_changed = props.on_changed.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let request = match plan.change_request() {
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
            let on_changed = on_changed.clone();
            busy.set(true);
            spawn_local(async move {
                match api::contract::change(&session.api, &request).await {
                    Ok(_) => {
                        errors.set(FieldErrors::default());
                        failure.set(None);
                        on_changed.emit(());
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
    html! {
        <article class="card">
            <h2>{ text.change_title }</h2>
            <p class="muted">{ text.change_lead }</p>
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} extra={e.not_in(FIELDS)} testid="change-error" />
            }
            <form class="form" novalidate=true {onsubmit} data-testid="change-form">
                <PlanFields catalogue={props.catalogue.clone()} plan={plan.clone()} errors={e.clone()}
                    prefix="change" />
                <button type="submit" class="button button-primary" data-testid="change-submit"
                    disabled={*busy}>{ text.change_submit }</button>
            </form>
        </article>
    }
}
