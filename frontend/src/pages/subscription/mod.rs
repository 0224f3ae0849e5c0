//! `/subscription` (Administrator): while on the trial, the catalogue as an
//! order form; with a contract, the contract (terms art. 5, 6, 9, 14) and the
//! forms to report a non-conformity, change seats and modules, or cancel.

mod cancel;
mod change;
mod contract;
mod nonconformity;
mod order;
mod plan_fields;

use ecom_types::contract::Catalogue;
use yew::prelude::*;

use crate::api;
use crate::components::{Alert, AlertKind, ErrorAlert, Loading};
use crate::hooks::{use_load, use_session, Load};
use crate::i18n;

use contract::ContractDetails;
use order::OrderForm;

/// The name of a catalogue item (`crm` → "CRM"), or its code.
pub(crate) fn item_name(catalogue: Option<&Catalogue>, code: &str) -> String {
    catalogue
        .and_then(|c| {
            [&c.basic, &c.seat]
                .into_iter()
                .chain(c.modules.iter())
                .find(|item| item.code == code)
        })
        .map_or_else(|| code.to_owned(), |item| item.name.clone())
}

#[function_component]
pub fn Subscription() -> Html {
    let text = i18n::text();
    let session = use_session();
    let (contract, reload) = {
        let api = session.api.clone();
        use_load(move || {
            let api = api.clone();
            async move { api::contract::get(&api).await }
        })
    };
    let (catalogue, reload_catalogue) = use_load(api::catalogue::get);
    let done = use_state(|| None::<&'static str>);

    // Every action answers the new contract; show it from the server (the
    // truth), and the tenant's new status (an order ends the trial).
    let on_changed = {
        let done = done.clone();
        let reload = reload.clone();
        let session = session.clone();
        Callback::from(move |message: &'static str| {
            done.set(Some(message));
            reload.emit(());
            session.reload_profile();
        })
    };

    let body = match (&*contract, &*catalogue) {
        (Load::Failed(error), _) => html! {
            <ErrorAlert error={error.clone()} testid="subscription-error" />
        },
        (Load::Loading, _) | (Load::Loaded(None), Load::Loading) => html! { <Loading /> },
        (Load::Loaded(None), Load::Failed(error)) => {
            let retry = reload_catalogue.reform(|_: MouseEvent| ());
            html! {
                <>
                    <ErrorAlert error={error.clone()} testid="catalogue-error" />
                    <button type="button" class="button" onclick={retry}>{ text.retry }</button>
                </>
            }
        }
        (Load::Loaded(None), Load::Loaded(catalogue)) => html! {
            <OrderForm catalogue={catalogue.clone()}
                on_ordered={on_changed.reform(|()| i18n::text().order_placed)} />
        },
        (Load::Loaded(Some(current)), catalogue) => {
            let catalogue = match catalogue {
                Load::Loaded(catalogue) => Some(catalogue.clone()),
                _ => None,
            };
            html! {
                <ContractDetails contract={current.clone()} {catalogue} on_changed={on_changed.clone()} />
            }
        }
    };

    html! {
        <section data-testid="subscription">
            <h1>{ text.subscription_title }</h1>
            if let Some(message) = *done {
                <Alert kind={AlertKind::Success} testid="subscription-done">{ message }</Alert>
            }
            { body }
        </section>
    }
}
