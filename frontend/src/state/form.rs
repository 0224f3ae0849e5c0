//! The values of a form and the errors shown next to its inputs.
//!
//! Fields are keyed by the request body's field name (`company.vat_number`),
//! the same name the server uses in a problem's `errors`, so a server error
//! lands next to its input without a mapping table.

use std::collections::BTreeMap;
use std::rc::Rc;

use ecom_types::FieldError;

/// What a checkbox holds when ticked.
pub const CHECKED: &str = "on";

/// A form's current values, by field name. Missing means empty.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FormValues {
    values: BTreeMap<&'static str, String>,
}

/// One edit of one field.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChanged {
    pub field: &'static str,
    pub value: String,
}

impl FormValues {
    /// A form with starting values (e.g. the default country).
    pub fn with(initial: &[(&'static str, &str)]) -> Self {
        Self {
            values: initial.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
        }
    }

    pub fn get(&self, field: &str) -> &str {
        self.values.get(field).map_or("", String::as_str)
    }

    /// The value with surrounding blanks removed.
    pub fn trimmed(&self, field: &str) -> String {
        self.get(field).trim().to_owned()
    }

    /// The trimmed value, or `None` when blank (for optional request fields).
    pub fn optional(&self, field: &str) -> Option<String> {
        Some(self.trimmed(field)).filter(|v| !v.is_empty())
    }

    pub fn is_checked(&self, field: &str) -> bool {
        self.get(field) == CHECKED
    }

    #[must_use]
    pub fn apply(&self, change: FieldChanged) -> Self {
        let mut next = self.clone();
        next.values.insert(change.field, change.value);
        next
    }
}

impl yew::Reducible for FormValues {
    type Action = FieldChanged;

    fn reduce(self: Rc<Self>, action: Self::Action) -> Rc<Self> {
        Rc::new(self.apply(action))
    }
}

/// Errors to show next to inputs: the first message per field.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldErrors {
    by_field: BTreeMap<String, String>,
}

impl FieldErrors {
    pub fn from_problem(errors: &[FieldError]) -> Self {
        let lang = crate::i18n::lang();
        let mut by_field = BTreeMap::new();
        for error in errors {
            by_field.entry(error.field.clone()).or_insert_with(|| {
                crate::i18n::problems::field(&error.code, lang)
                    .map_or_else(|| error.message.clone(), str::to_owned)
            });
        }
        Self { by_field }
    }

    pub fn add(&mut self, field: &str, message: &str) {
        self.by_field
            .entry(field.to_owned())
            .or_insert_with(|| message.to_owned());
    }

    pub fn get(&self, field: &str) -> Option<String> {
        self.by_field.get(field).cloned()
    }

    pub fn is_empty(&self) -> bool {
        self.by_field.is_empty()
    }

    /// Messages for fields the form has no input for, to show in the
    /// form's alert instead of losing them.
    pub fn not_in(&self, shown: &[&str]) -> Vec<String> {
        self.by_field
            .iter()
            .filter(|(field, _)| !shown.contains(&field.as_str()))
            .map(|(field, message)| format!("{field}: {message}"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(field: &str, message: &str) -> FieldError {
        FieldError {
            field: field.into(),
            code: "invalid".into(),
            message: message.into(),
        }
    }

    #[test]
    fn field_messages_follow_the_language_where_the_code_is_known() {
        let errors = [
            FieldError {
                field: "name".into(),
                code: "required".into(),
                message: "name is required".into(),
            },
            error("vat_number", "'X' fails the BE VAT check digits"),
        ];
        crate::i18n::set_lang(crate::i18n::Lang::Nl);
        let dutch = FieldErrors::from_problem(&errors);
        crate::i18n::set_lang(crate::i18n::Lang::En);
        let english = FieldErrors::from_problem(&errors);
        assert_eq!(dutch.get("name").as_deref(), Some("Vul dit in."));
        // An unknown code keeps the server's sentence.
        assert_eq!(
            dutch.get("vat_number").as_deref(),
            Some("'X' fails the BE VAT check digits")
        );
        assert_eq!(english.get("name").as_deref(), Some("name is required"));
    }

    #[test]
    fn an_untouched_field_is_empty_and_optional_blanks_are_none() {
        let form = FormValues::with(&[("company.country", "BE")]).apply(FieldChanged {
            field: "company.vat_number",
            value: "  ".into(),
        });
        assert_eq!(form.get("company.name"), "");
        assert_eq!(form.get("company.country"), "BE");
        assert_eq!(form.optional("company.vat_number"), None);
    }

    #[test]
    fn values_are_trimmed_for_the_request() {
        let form = FormValues::default().apply(FieldChanged {
            field: "email",
            value: " an@example.be ".into(),
        });
        assert_eq!(form.trimmed("email"), "an@example.be");
        assert_eq!(form.optional("email").as_deref(), Some("an@example.be"));
    }

    #[test]
    fn a_checkbox_is_checked_only_with_the_checked_value() {
        let form = FormValues::default()
            .apply(FieldChanged {
                field: "accepted.terms",
                value: CHECKED.into(),
            })
            .apply(FieldChanged {
                field: "accepted.privacy",
                value: String::new(),
            });
        assert!(form.is_checked("accepted.terms"));
        assert!(!form.is_checked("accepted.privacy"));
        assert!(!form.is_checked("accepted.data_processing"));
    }

    #[test]
    fn the_first_server_message_per_field_is_shown() {
        let errors = FieldErrors::from_problem(&[
            error("administrator.password", "too short"),
            error("administrator.password", "too common"),
            error("company.vat_number", "bad check digits"),
        ]);
        assert_eq!(
            errors.get("administrator.password").as_deref(),
            Some("too short")
        );
        assert_eq!(
            errors.get("company.vat_number").as_deref(),
            Some("bad check digits")
        );
        assert_eq!(errors.get("company.name"), None);
    }

    #[test]
    fn errors_for_fields_without_an_input_are_listed_for_the_alert() {
        let errors = FieldErrors::from_problem(&[
            error("company.name", "required"),
            error("accepted", "missing"),
        ]);
        assert_eq!(
            errors.not_in(&["company.name"]),
            vec!["accepted: missing".to_owned()]
        );
    }
}
