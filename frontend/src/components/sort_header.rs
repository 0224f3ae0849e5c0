//! A sortable column header: a button in the `<th>` that cycles the API's
//! `sort` parameter (`field` ascending, `-field` descending) and an
//! `aria-sort` that tells screen readers how the table is sorted.

use yew::prelude::*;

use crate::i18n;

/// The `sort` after pressing `column`'s header: ascending first, then
/// descending, then ascending again; another column starts ascending.
pub fn next_sort(current: &str, column: &str) -> String {
    if current == column {
        format!("-{column}")
    } else {
        column.to_owned()
    }
}

/// How `current` sorts `column`: `Some(true)` ascending, `Some(false)`
/// descending, `None` not by this column.
pub fn direction(current: &str, column: &str) -> Option<bool> {
    match current.strip_prefix('-') {
        Some(field) if field == column => Some(false),
        None if current == column => Some(true),
        _ => None,
    }
}

#[derive(Properties, PartialEq)]
pub struct SortHeaderProps {
    /// The API's sort field for this column, e.g. `name`.
    pub column: AttrValue,
    pub label: AttrValue,
    /// The table's current `sort` value (`name`, `-created_at`, ...).
    pub sort: AttrValue,
    /// The new `sort` value to load the table with.
    pub on_sort: Callback<String>,
}

#[function_component]
pub fn SortHeader(props: &SortHeaderProps) -> Html {
    let ui = i18n::ui::text();
    let state = direction(&props.sort, &props.column);
    let (aria_sort, arrow, said) = match state {
        Some(true) => ("ascending", "▲", ui.sort_ascending),
        Some(false) => ("descending", "▼", ui.sort_descending),
        None => ("none", "↕", ""),
    };
    let onclick = {
        let (sort, column, on_sort) = (
            props.sort.clone(),
            props.column.clone(),
            props.on_sort.clone(),
        );
        Callback::from(move |_| on_sort.emit(next_sort(&sort, &column)))
    };
    html! {
        <th scope="col" aria-sort={aria_sort}>
            <button type="button" class="sort-button" {onclick}
                title={i18n::fill(ui.sort_by, &[("column", &props.label)])}
                data-testid={format!("sort-{}", props.column)}>
                { props.label.clone() }
                <span class="sort-arrow" aria-hidden="true">{ arrow }</span>
                if !said.is_empty() { <span class="visually-hidden">{ format!(", {said}") }</span> }
            </button>
        </th>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_cycles_ascending_then_descending() {
        assert_eq!(next_sort("", "name"), "name");
        assert_eq!(next_sort("name", "name"), "-name");
        assert_eq!(next_sort("-name", "name"), "name");
        assert_eq!(next_sort("-name", "created_at"), "created_at");
    }

    #[test]
    fn the_direction_is_read_from_the_sort_value() {
        assert_eq!(direction("name", "name"), Some(true));
        assert_eq!(direction("-name", "name"), Some(false));
        assert_eq!(direction("-names", "name"), None);
        assert_eq!(direction("", "name"), None);
    }
}
