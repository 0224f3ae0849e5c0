//! The inputs of a plan (term length, modules, extra seats) and its live
//! price summary, shared by the order form and the change form. Test ids are
//! `{prefix}-term-length-{code}`, `{prefix}-modules-{code}`,
//! `{prefix}-extra-seats` and `{prefix}-summary-total`.

use ecom_types::contract::{Catalogue, CataloguePrice};
use yew::prelude::*;

use crate::i18n;
use crate::state::form::FieldErrors;
use crate::state::plan::{price_summary, PlanAction, PlanForm, TermLength};

#[derive(Properties, PartialEq)]
pub struct PlanFieldsProps {
    pub catalogue: Catalogue,
    pub plan: UseReducerHandle<PlanForm>,
    pub errors: FieldErrors,
    /// `order` or `change`: the test ids' and element ids' prefix.
    pub prefix: AttrValue,
    /// The order chooses the term length; a change keeps it.
    #[prop_or_default]
    pub choose_term: bool,
}

/// The plan's reducer as a callback, to `reform` from input events.
fn edit(plan: &UseReducerHandle<PlanForm>) -> Callback<PlanAction> {
    let dispatcher = plan.dispatcher();
    Callback::from(move |action| dispatcher.dispatch(action))
}

fn field_error(id: &str, error: Option<String>) -> Html {
    match error {
        Some(message) => html! {
            <p class="field-error" id={format!("{id}-error")} data-testid={format!("{id}-error")}>{ message }</p>
        },
        None => html! {},
    }
}

/// "€ 480.00 per year", and the announced next price if there is one.
fn annual_price(item: &CataloguePrice) -> Html {
    let text = i18n::text();
    html! {
        <>
            <span class="price">{ i18n::money(&item.annual_price) }{ " " }{ text.per_year }</span>
            if let Some(next) = &item.next_price {
                <span class="hint">{ i18n::fill(text.next_price, &[
                    ("price", &i18n::money(&next.annual_price)),
                    ("date", &i18n::date(&next.effective_from)),
                ]) }</span>
            }
        </>
    }
}

#[function_component]
pub fn PlanFields(props: &PlanFieldsProps) -> Html {
    let text = i18n::text();
    let plan = &props.plan;
    let prefix = props.prefix.as_str();
    let catalogue = &props.catalogue;

    let terms = props.choose_term.then(|| {
        let id = format!("{prefix}-term-length");
        let error = props.errors.get("term_length");
        html! {
            <fieldset class={classes!("choices", error.is_some().then_some("has-error"))}
                aria-describedby={error.is_some().then(|| format!("{id}-error"))}>
                <legend>{ text.term_length }</legend>
                { for TermLength::ALL.into_iter().map(|term| {
                    let option_id = format!("{id}-{}", term.code());
                    let onchange = edit(plan).reform(move |_: Event| PlanAction::TermChosen(term));
                    html! {
                        <div class="field-checkbox">
                            <input type="radio" id={option_id.clone()} data-testid={option_id.clone()}
                                name="term_length" value={term.code()}
                                checked={plan.term_length == term} {onchange} />
                            <label for={option_id}>{ i18n::term_length(term.code()) }</label>
                        </div>
                    }
                }) }
                <p class="hint">{ text.term_length_hint }</p>
                { field_error(&id, error) }
            </fieldset>
        }
    });

    let modules_id = format!("{prefix}-modules");
    let modules_error = props.errors.get("modules");
    let modules = html! {
        <fieldset class={classes!("choices", modules_error.is_some().then_some("has-error"))}
            aria-describedby={modules_error.is_some().then(|| format!("{modules_id}-error"))}>
            <legend>{ text.modules }</legend>
            <div class="field-checkbox">
                <input type="checkbox" id={format!("{prefix}-basic")} checked=true disabled=true />
                <label for={format!("{prefix}-basic")}>
                    <strong>{ &catalogue.basic.name }</strong>{ " " }{ annual_price(&catalogue.basic) }
                    <span class="hint">{ text.basic_included }</span>
                </label>
            </div>
            { for catalogue.modules.iter().map(|module| {
                let id = format!("{modules_id}-{}", module.code);
                let code = module.code.clone();
                let onchange = edit(plan).reform(move |e: Event| {
                    let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                    PlanAction::ModuleToggled { code: code.clone(), selected: input.checked() }
                });
                html! {
                    <div class="field-checkbox">
                        <input type="checkbox" id={id.clone()} data-testid={id.clone()} name="modules"
                            value={module.code.clone()} checked={plan.modules.contains(&module.code)} {onchange} />
                        <label for={id}><strong>{ &module.name }</strong>{ " " }{ annual_price(module) }</label>
                    </div>
                }
            }) }
            { field_error(&modules_id, modules_error) }
        </fieldset>
    };

    let seats_id = format!("{prefix}-extra-seats");
    let seats_error = props.errors.get("extra_seats");
    let oninput = edit(plan).reform(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        PlanAction::SeatsTyped(input.value())
    });
    let seats = html! {
        <div class={classes!("field", seats_error.is_some().then_some("has-error"))}>
            <label for={seats_id.clone()}>{ text.extra_seats }</label>
            <input type="number" min="0" step="1" inputmode="numeric" id={seats_id.clone()}
                data-testid={seats_id.clone()} name="extra_seats" value={plan.extra_seats.clone()}
                aria-invalid={seats_error.is_some().then_some("true")}
                aria-describedby={format!("{seats_id}-hint")} {oninput} />
            <p class="hint" id={format!("{seats_id}-hint")}>
                { i18n::fill(text.extra_seats_hint, &[("price", &i18n::money(&catalogue.seat.annual_price))]) }
            </p>
            { field_error(&seats_id, seats_error) }
        </div>
    };

    let summary = price_summary(catalogue, plan);
    let per_term = i18n::per_term(summary.term_length.code());
    let summary = html! {
        <div class="summary" aria-live="polite" data-testid={format!("{prefix}-summary")}>
            <h3>{ text.price_summary }</h3>
            <table class="table">
                <caption class="visually-hidden">{ text.price_summary }</caption>
                <tbody>
                    { for summary.lines.iter().map(|line| html! {
                        <tr>
                            <td>
                                { &line.name }
                                if line.quantity > 1 { { format!(" × {}", line.quantity) } }
                            </td>
                            <td class="amount">{ i18n::money(&line.per_term) }</td>
                        </tr>
                    }) }
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{ text.total_per_term }{ " " }{ per_term }</th>
                        <td class="amount" data-testid={format!("{prefix}-summary-total")}>
                            { i18n::money(&summary.per_term) }
                        </td>
                    </tr>
                </tfoot>
            </table>
            <p class="hint">{ text.price_summary_hint }</p>
        </div>
    };

    html! {
        <>
            { terms.unwrap_or_default() }
            { modules }
            { seats }
            { summary }
        </>
    }
}
