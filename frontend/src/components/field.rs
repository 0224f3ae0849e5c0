//! Form inputs bound to a [`FormValues`] reducer, each with its `<label>` and
//! its error shown inline (and announced via `aria-describedby`).

use yew::prelude::*;

use crate::state::form::{FieldChanged, FieldErrors, FormValues, CHECKED};

fn on_value(form: &UseReducerHandle<FormValues>, field: &'static str) -> Callback<String> {
    let dispatcher = form.dispatcher();
    Callback::from(move |value| dispatcher.dispatch(FieldChanged { field, value }))
}

fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let ids: Vec<String> = [(hint, "hint"), (error, "error")]
        .iter()
        .filter(|(present, _)| *present)
        .map(|(_, suffix)| format!("{id}-{suffix}"))
        .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

fn messages(id: &str, hint: &Option<AttrValue>, error: &Option<String>) -> Html {
    html! {
        <>
            if let Some(hint) = hint {
                <p class="hint" id={format!("{id}-hint")}>{ hint.clone() }</p>
            }
            if let Some(error) = error {
                <p class="field-error" id={format!("{id}-error")} data-testid={format!("{id}-error")}>
                    { error.clone() }
                </p>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct InputProps {
    pub form: UseReducerHandle<FormValues>,
    /// The request body's field name; server errors for it appear here.
    pub field: &'static str,
    /// The element id, also its `data-testid`.
    pub id: AttrValue,
    pub label: AttrValue,
    pub errors: FieldErrors,
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

#[function_component]
pub fn Input(props: &InputProps) -> Html {
    let error = props.errors.get(props.field);
    let set = on_value(&props.form, props.field);
    let oninput = Callback::from(move |e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        set.emit(input.value());
    });
    let id = props.id.to_string();
    html! {
        <div class={classes!("field", error.is_some().then_some("has-error"))}>
            <label for={props.id.clone()}>
                { props.label.clone() }
                if props.required { <span class="required" aria-hidden="true">{ " *" }</span> }
            </label>
            <input id={props.id.clone()} name={props.field} data-testid={props.id.clone()}
                type={props.kind.clone()} value={props.form.get(props.field).to_owned()}
                autocomplete={props.autocomplete.clone()} required={props.required}
                aria-invalid={error.is_some().then_some("true")}
                aria-describedby={described_by(&id, props.hint.is_some(), error.is_some())}
                {oninput} />
            { messages(&id, &props.hint, &error) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextAreaProps {
    pub form: UseReducerHandle<FormValues>,
    pub field: &'static str,
    pub id: AttrValue,
    pub label: AttrValue,
    pub errors: FieldErrors,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or(3)]
    pub rows: u32,
}

/// A multi-line text (a reason, a description).
#[function_component]
pub fn TextArea(props: &TextAreaProps) -> Html {
    let error = props.errors.get(props.field);
    let set = on_value(&props.form, props.field);
    let oninput = Callback::from(move |e: InputEvent| {
        let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
        set.emit(area.value());
    });
    let id = props.id.to_string();
    html! {
        <div class={classes!("field", error.is_some().then_some("has-error"))}>
            <label for={props.id.clone()}>
                { props.label.clone() }
                if props.required { <span class="required" aria-hidden="true">{ " *" }</span> }
            </label>
            <textarea id={props.id.clone()} name={props.field} data-testid={props.id.clone()}
                rows={props.rows.to_string()} required={props.required}
                value={props.form.get(props.field).to_owned()}
                aria-invalid={error.is_some().then_some("true")}
                aria-describedby={described_by(&id, props.hint.is_some(), error.is_some())}
                {oninput} />
            { messages(&id, &props.hint, &error) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectProps {
    pub form: UseReducerHandle<FormValues>,
    pub field: &'static str,
    pub id: AttrValue,
    pub label: AttrValue,
    pub errors: FieldErrors,
    /// `(value, label)` pairs.
    pub options: &'static [(&'static str, &'static str)],
    #[prop_or_default]
    pub required: bool,
}

#[function_component]
pub fn Select(props: &SelectProps) -> Html {
    let error = props.errors.get(props.field);
    let set = on_value(&props.form, props.field);
    let onchange = Callback::from(move |e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        set.emit(select.value());
    });
    let current = props.form.get(props.field).to_owned();
    let id = props.id.to_string();
    html! {
        <div class={classes!("field", error.is_some().then_some("has-error"))}>
            <label for={props.id.clone()}>
                { props.label.clone() }
                if props.required { <span class="required" aria-hidden="true">{ " *" }</span> }
            </label>
            <select id={props.id.clone()} name={props.field} data-testid={props.id.clone()}
                required={props.required} aria-invalid={error.is_some().then_some("true")}
                aria-describedby={described_by(&id, false, error.is_some())} {onchange}>
                { for props.options.iter().map(|(value, label)| html! {
                    <option value={*value} selected={current == *value}>{ *label }</option>
                }) }
            </select>
            { messages(&id, &None, &error) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckboxProps {
    pub form: UseReducerHandle<FormValues>,
    pub field: &'static str,
    pub id: AttrValue,
    pub label: AttrValue,
    pub errors: FieldErrors,
    #[prop_or_default]
    pub disabled: bool,
}

#[function_component]
pub fn Checkbox(props: &CheckboxProps) -> Html {
    let error = props.errors.get(props.field);
    let set = on_value(&props.form, props.field);
    let onchange = Callback::from(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        set.emit(if input.checked() {
            CHECKED.to_owned()
        } else {
            String::new()
        });
    });
    let id = props.id.to_string();
    html! {
        <div class={classes!("field", "field-checkbox", error.is_some().then_some("has-error"))}>
            <input id={props.id.clone()} name={props.field} data-testid={props.id.clone()}
                type="checkbox" checked={props.form.is_checked(props.field)} disabled={props.disabled}
                aria-invalid={error.is_some().then_some("true")}
                aria-describedby={described_by(&id, false, error.is_some())} {onchange} />
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            { messages(&id, &None, &error) }
        </div>
    }
}
