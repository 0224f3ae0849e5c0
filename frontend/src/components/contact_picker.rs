//! Choosing a CRM contact by name: a search box (`GET /api/v1/contacts?q=`,
//! as you type) and a `<select>` of the matches bound to a form field that
//! holds the contact's id. The contact already chosen stays an option while
//! another search runs.

use uuid::Uuid;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::hooks::use_session;
use crate::state::form::{FieldChanged, FieldErrors, FormValues};

/// How many matches the select offers at a time.
const MATCHES: u32 = 50;

#[derive(Properties, PartialEq)]
pub struct ContactPickerProps {
    pub form: UseReducerHandle<FormValues>,
    /// The form field holding the contact's id (`""`: none).
    pub field: &'static str,
    /// The select's id and test id; the search box is `<id>-search`.
    pub id: AttrValue,
    pub label: AttrValue,
    pub errors: FieldErrors,
    #[prop_or_default]
    pub required: bool,
}

/// `(id, "First Last (Company)")`.
pub fn option_label(contact: &ecom_types::crm::ContactView) -> String {
    let name = format!("{} {}", contact.first_name, contact.last_name)
        .trim()
        .to_owned();
    match &contact.company_name {
        Some(company) => format!("{name} ({company})"),
        None => name,
    }
}

/// `?q=…&limit=50`, the search text percent-encoded.
pub fn query(search: &str) -> String {
    let search = search.trim();
    if search.is_empty() {
        format!("?limit={MATCHES}&sort=name")
    } else {
        format!(
            "?q={}&limit={MATCHES}&sort=name",
            crate::api::work::encode(search)
        )
    }
}

#[function_component]
pub fn ContactPicker(props: &ContactPickerProps) -> Html {
    let session = use_session();
    let search = use_state(String::new);
    let options = use_state(Vec::<(Uuid, String)>::new);
    // Labels of contacts seen, so the chosen one keeps its name.
    let known = use_mut_ref(std::collections::HashMap::<Uuid, String>::new);
    {
        let api = session.api.clone();
        let options = options.clone();
        let known = known.clone();
        let current = props.form.get(props.field).to_owned();
        use_effect_with((*search).clone(), move |search| {
            let q = query(search);
            spawn_local(async move {
                let mut list: Vec<(Uuid, String)> = match api::crm::list_contacts(&api, &q).await {
                    Ok(page) => page.items.iter().map(|c| (c.id, option_label(c))).collect(),
                    Err(_) => Vec::new(),
                };
                if let Ok(id) = Uuid::parse_str(current.trim()) {
                    if !list.iter().any(|(c, _)| *c == id) {
                        let label = match known.borrow().get(&id) {
                            Some(label) => Some(label.clone()),
                            None => None,
                        };
                        let label = match label {
                            Some(label) => label,
                            None => api::crm::get_contact(&api, id)
                                .await
                                .map(|c| option_label(&c))
                                .unwrap_or_else(|_| id.to_string()),
                        };
                        list.insert(0, (id, label));
                    }
                }
                known.borrow_mut().extend(list.iter().cloned());
                options.set(list);
            });
        });
    }
    let error = props.errors.get(props.field);
    let id = props.id.to_string();
    let current = props.form.get(props.field).to_owned();
    let onchange = {
        let dispatcher = props.form.dispatcher();
        let field = props.field;
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            dispatcher.dispatch(FieldChanged {
                field,
                value: select.value(),
            });
        })
    };
    let oninput = {
        let search = search.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            search.set(input.value());
        })
    };
    let text = crate::i18n::work::text();
    html! {
        <div class={classes!("field", "contact-picker", error.is_some().then_some("has-error"))}>
            <label for={props.id.clone()}>
                { props.label.clone() }
                if props.required { <span class="required" aria-hidden="true">{ " *" }</span> }
            </label>
            <input type="search" id={format!("{id}-search")} data-testid={format!("{id}-search")}
                aria-label={format!("{} – {}", props.label, text.contact_search)} placeholder={text.contact_search}
                aria-controls={id.clone()} value={(*search).clone()} {oninput} />
            <select id={props.id.clone()} name={props.field} data-testid={props.id.clone()}
                required={props.required} aria-invalid={error.is_some().then_some("true")}
                aria-describedby={error.is_some().then(|| format!("{id}-error"))} {onchange}>
                <option value="" selected={current.is_empty()}>{ text.contact_none }</option>
                { for options.iter().map(|(value, label)| {
                    let value = value.to_string();
                    html! { <option value={value.clone()} selected={current == value}>{ label.clone() }</option> }
                }) }
            </select>
            if let Some(error) = error {
                <p class="field-error" id={format!("{id}-error")} data-testid={format!("{id}-error")}>{ error }</p>
            }
        </div>
    }
}
