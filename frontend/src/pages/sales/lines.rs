//! Pieces shared by the quotation and invoice forms: the line editor, the
//! customer picker, the lines and totals tables.

use std::str::FromStr;

use ecom_types::sales::{SalesLineInput, SalesLineView, SalesTotals};
use rust_decimal::Decimal;
use uuid::Uuid;
use yew::prelude::*;

use crate::api::sales::CustomerOption;
use crate::i18n::{self, sales};
use crate::state::form::FieldErrors;

/// A line as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineDraft {
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub vat_rate: String,
    pub discount: String,
}

impl LineDraft {
    pub fn empty() -> Self {
        Self {
            quantity: "1".into(),
            vat_rate: "21".into(),
            ..Self::default()
        }
    }

    pub fn from_view(l: &SalesLineView) -> Self {
        Self {
            description: l.description.clone(),
            quantity: l.quantity.normalize().to_string(),
            unit_price: l.unit_price.to_string(),
            vat_rate: l.vat_rate.normalize().to_string(),
            discount: l
                .discount_percent
                .map(|d| d.normalize().to_string())
                .unwrap_or_default(),
        }
    }
}

fn number(raw: &str) -> Option<Decimal> {
    Decimal::from_str(raw.trim().replace(',', ".").as_str()).ok()
}

/// The typed lines as the API's input, or the fields that are not numbers.
pub fn to_input(lines: &[LineDraft]) -> Result<Vec<SalesLineInput>, FieldErrors> {
    let text = sales::text();
    let mut errors = FieldErrors::default();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let quantity = number(&l.quantity);
        let unit_price = number(&l.unit_price);
        let vat_rate = if l.vat_rate.trim().is_empty() {
            Some(None)
        } else {
            number(&l.vat_rate).map(Some)
        };
        let discount = if l.discount.trim().is_empty() {
            Some(None)
        } else {
            number(&l.discount).map(Some)
        };
        for (field, ok) in [
            ("quantity", quantity.is_some()),
            ("unit_price", unit_price.is_some()),
            ("vat_rate", vat_rate.is_some()),
            ("discount_percent", discount.is_some()),
        ] {
            if !ok {
                errors.add(&format!("lines[{i}].{field}"), text.invalid_number);
            }
        }
        if let (Some(quantity), Some(unit_price), Some(vat_rate), Some(discount_percent)) =
            (quantity, unit_price, vat_rate, discount)
        {
            out.push(SalesLineInput {
                description: l.description.clone(),
                quantity,
                unit_price,
                vat_rate,
                discount_percent,
            });
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[derive(Properties, PartialEq)]
pub struct LineEditorProps {
    pub lines: UseStateHandle<Vec<LineDraft>>,
    pub errors: FieldErrors,
}

/// The editable lines, each field with its error under it (`lines[0].quantity`).
#[function_component]
pub fn LineEditor(props: &LineEditorProps) -> Html {
    let text = sales::text();
    let lines = props.lines.clone();
    let set = |i: usize, field: &'static str| {
        let lines = lines.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut next = (*lines).clone();
            if let Some(line) = next.get_mut(i) {
                match field {
                    "description" => line.description = input.value(),
                    "quantity" => line.quantity = input.value(),
                    "unit_price" => line.unit_price = input.value(),
                    "vat_rate" => line.vat_rate = input.value(),
                    _ => line.discount = input.value(),
                }
            }
            lines.set(next);
        })
    };
    let add = {
        let lines = lines.clone();
        Callback::from(move |_| {
            let mut next = (*lines).clone();
            next.push(LineDraft::empty());
            lines.set(next);
        })
    };
    let cell = |i: usize,
                field: &'static str,
                label: &'static str,
                value: &str,
                kind: &'static str| {
        let id = format!("line-{i}-{}", field.replace('_', "-"));
        let error = props.errors.get(&format!(
            "lines[{i}].{}",
            if field == "discount" {
                "discount_percent"
            } else {
                field
            }
        ));
        html! {
            <div class={classes!("field", error.is_some().then_some("has-error"))}>
                <label for={id.clone()}>{ label }</label>
                <input id={id.clone()} data-testid={id.clone()} type={kind} value={value.to_owned()}
                    inputmode={(kind == "text" && field != "description").then_some("decimal")}
                    aria-invalid={error.is_some().then_some("true")} oninput={set(i, field)} />
                if let Some(error) = error {
                    <p class="field-error" data-testid={format!("{id}-error")}>{ error }</p>
                }
            </div>
        }
    };
    html! {
        <fieldset class="line-editor" data-testid="line-editor">
            <legend>{ text.lines }</legend>
            if let Some(error) = props.errors.get("lines") {
                <p class="field-error" data-testid="lines-error">{ error }</p>
            }
            { for lines.iter().enumerate().map(|(i, l)| {
                let remove = {
                    let lines = lines.clone();
                    Callback::from(move |_| {
                        let mut next = (*lines).clone();
                        if next.len() > 1 { next.remove(i); }
                        lines.set(next);
                    })
                };
                html! {
                    <div class="field-row line-row" data-testid={format!("line-{i}")}>
                        { cell(i, "description", text.description, &l.description, "text") }
                        { cell(i, "quantity", text.quantity, &l.quantity, "text") }
                        { cell(i, "unit_price", text.unit_price, &l.unit_price, "text") }
                        { cell(i, "vat_rate", text.vat_rate, &l.vat_rate, "text") }
                        { cell(i, "discount", text.discount_percent, &l.discount, "text") }
                        <button type="button" class="button button-secondary button-small"
                            data-testid={format!("line-{i}-remove")} onclick={remove}>{ text.remove_line }</button>
                    </div>
                }
            }) }
            <button type="button" class="button button-secondary button-small" data-testid="line-add" onclick={add}>{ text.add_line }</button>
        </fieldset>
    }
}

#[derive(Properties, PartialEq)]
pub struct CustomerPickerProps {
    pub companies: Vec<CustomerOption>,
    pub contacts: Vec<CustomerOption>,
    pub company: UseStateHandle<String>,
    pub contact: UseStateHandle<String>,
    pub errors: FieldErrors,
    /// `quotation` or `invoice`: the test ids' prefix.
    pub prefix: AttrValue,
}

/// Company and contact selects (from the CRM).
#[function_component]
pub fn CustomerPicker(props: &CustomerPickerProps) -> Html {
    let text = sales::text();
    let select = |field: &'static str,
                  label: &'static str,
                  options: &[CustomerOption],
                  state: &UseStateHandle<String>| {
        let id = format!("{}-{field}", props.prefix);
        let error = props.errors.get(&format!("{field}_id"));
        let onchange = {
            let state = state.clone();
            Callback::from(move |e: Event| {
                let s: web_sys::HtmlSelectElement = e.target_unchecked_into();
                state.set(s.value());
            })
        };
        let current = (**state).clone();
        html! {
            <div class={classes!("field", error.is_some().then_some("has-error"))}>
                <label for={id.clone()}>{ label }</label>
                <select id={id.clone()} data-testid={id.clone()} {onchange}>
                    <option value="" selected={current.is_empty()}>{ text.none_option }</option>
                    { for options.iter().map(|o| html! {
                        <option value={o.id.to_string()} selected={current == o.id.to_string()}>{ &o.name }</option>
                    }) }
                </select>
                if let Some(error) = error {
                    <p class="field-error" data-testid={format!("{id}-error")}>{ error }</p>
                }
            </div>
        }
    };
    html! {
        <div class="field-row">
            { select("company", text.company, &props.companies, &props.company) }
            { select("contact", text.contact, &props.contacts, &props.contact) }
            <p class="hint">{ text.customer_hint }</p>
        </div>
    }
}

/// An id typed or chosen, if any.
pub fn id_of(raw: &str) -> Option<Uuid> {
    raw.trim().parse().ok()
}

/// The priced lines and the totals.
pub fn lines_table(lines: &[SalesLineView], totals: &SalesTotals) -> Html {
    let text = sales::text();
    html! {
        <div class="table-wrap">
            <table class="table" data-testid="lines-table">
                <thead><tr>
                    <th scope="col">{ text.description }</th>
                    <th scope="col">{ text.quantity }</th>
                    <th scope="col">{ text.unit_price }</th>
                    <th scope="col">{ text.discount_percent }</th>
                    <th scope="col">{ text.vat_rate }</th>
                    <th scope="col">{ text.net_amount }</th>
                </tr></thead>
                <tbody>{ for lines.iter().map(|l| html! {
                    <tr>
                        <td data-label={text.description}>{ &l.description }</td>
                        <td data-label={text.quantity}>{ l.quantity.normalize().to_string() }</td>
                        <td data-label={text.unit_price}>{ i18n::money(&l.unit_price) }</td>
                        <td data-label={text.discount_percent}>{ l.discount_percent.map(|d| format!("{} %", d.normalize())).unwrap_or_default() }</td>
                        <td data-label={text.vat_rate}>{ format!("{} %", l.vat_rate.normalize()) }</td>
                        <td data-label={text.net_amount}>{ i18n::money(&l.net_amount) }</td>
                    </tr>
                }) }</tbody>
            </table>
            <dl class="totals sales-totals" data-testid="totals">
                <dt>{ text.total_excl_vat }</dt><dd>{ i18n::money(&totals.total_excl_vat) }</dd>
                <dt>{ text.vat }</dt><dd>{ i18n::money(&totals.vat) }</dd>
                <dt>{ text.total_incl_vat }</dt><dd data-testid="total-incl-vat">{ i18n::money(&totals.total_incl_vat) }</dd>
            </dl>
        </div>
    }
}

/// A status badge.
pub fn badge(status: &str) -> Html {
    let kind = match status {
        "accepted" | "paid" => "badge-success",
        "declined" | "overdue" | "expired" => "badge-danger",
        "sent" | "open" => "badge-warning",
        _ => "badge-neutral",
    };
    html! { <span class={classes!("badge", kind)} data-testid="status">{ sales::status(status) }</span> }
}
