//! The CRM pages: companies, contacts and deals (lists with search, filters,
//! sorting and pages; detail and edit; the pipeline with its chart). The
//! pure parts (query strings, forms to requests, the chart's geometry) live
//! here and are unit-tested natively.

mod companies;
mod contacts;
mod deals;

pub use companies::{Companies, CompanyDetail};
pub use contacts::{ContactDetail, Contacts};
pub use deals::{DealDetailPage, Deals};

use ecom_types::crm::{
    CompanyRequest, CompanyView, ContactRequest, ContactView, DealRequest, DealView, PipelineStage,
};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use uuid::Uuid;
use yew::prelude::*;

use crate::state::form::{FieldChanged, FieldErrors, FormValues, CHECKED};

/// `?a=1&b=x%20y` from the non-empty pairs (empty string when none).
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v.trim())))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Percent-encodes everything but the unreserved characters (RFC 3986).
fn encode(value: &str) -> String {
    let mut out = String::new();
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Tags typed as `a, b ,c` → `["a", "b", "c"]`.
pub fn tags(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A form filled with these values.
pub fn filled(values: Vec<(&'static str, String)>) -> FormValues {
    values
        .into_iter()
        .fold(FormValues::default(), |form, (field, value)| {
            form.apply(FieldChanged { field, value })
        })
}

fn checked(on: bool) -> String {
    if on {
        CHECKED.to_owned()
    } else {
        String::new()
    }
}

fn text_of(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

pub fn company_form(c: &CompanyView) -> FormValues {
    filled(vec![
        ("name", c.name.clone()),
        ("vat_number", text_of(&c.vat_number)),
        ("email", text_of(&c.email)),
        ("phone", text_of(&c.phone)),
        ("website", text_of(&c.website)),
        ("street", text_of(&c.street)),
        ("postal_code", text_of(&c.postal_code)),
        ("city", text_of(&c.city)),
        ("country", text_of(&c.country)),
        ("tags", c.tags.join(", ")),
        ("notes", text_of(&c.notes)),
        ("marketing_consent", checked(c.marketing_consent)),
    ])
}

pub fn company_request(form: &FormValues) -> CompanyRequest {
    CompanyRequest {
        name: form.trimmed("name"),
        vat_number: form.optional("vat_number"),
        email: form.optional("email"),
        phone: form.optional("phone"),
        website: form.optional("website"),
        street: form.optional("street"),
        postal_code: form.optional("postal_code"),
        city: form.optional("city"),
        country: form.optional("country"),
        tags: tags(form.get("tags")),
        notes: form.optional("notes"),
        marketing_consent: form.is_checked("marketing_consent"),
    }
}

pub fn contact_form(c: &ContactView) -> FormValues {
    filled(vec![
        ("first_name", c.first_name.clone()),
        ("last_name", c.last_name.clone()),
        (
            "company_id",
            c.company_id.map(|id| id.to_string()).unwrap_or_default(),
        ),
        ("email", text_of(&c.email)),
        ("phone", text_of(&c.phone)),
        ("mobile", text_of(&c.mobile)),
        ("job_title", text_of(&c.job_title)),
        ("street", text_of(&c.street)),
        ("postal_code", text_of(&c.postal_code)),
        ("city", text_of(&c.city)),
        ("country", text_of(&c.country)),
        ("language", text_of(&c.language)),
        ("tags", c.tags.join(", ")),
        ("notes", text_of(&c.notes)),
        ("marketing_consent", checked(c.marketing_consent)),
    ])
}

pub fn contact_request(form: &FormValues) -> ContactRequest {
    ContactRequest {
        first_name: form.trimmed("first_name"),
        last_name: form.trimmed("last_name"),
        company_id: form
            .optional("company_id")
            .and_then(|id| Uuid::parse_str(&id).ok()),
        email: form.optional("email"),
        phone: form.optional("phone"),
        mobile: form.optional("mobile"),
        job_title: form.optional("job_title"),
        street: form.optional("street"),
        postal_code: form.optional("postal_code"),
        city: form.optional("city"),
        country: form.optional("country"),
        language: form.optional("language"),
        tags: tags(form.get("tags")),
        notes: form.optional("notes"),
        marketing_consent: form.is_checked("marketing_consent"),
    }
}

pub fn deal_form(d: &DealView) -> FormValues {
    filled(vec![
        ("title", d.title.clone()),
        ("stage", d.stage.clone()),
        ("value", d.value.to_string()),
        ("probability", d.probability.to_string()),
        (
            "expected_close_date",
            d.expected_close_date
                .map(|day| day.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        ),
        ("owner_id", d.owner_id.to_string()),
        (
            "company_id",
            d.company_id.map(|id| id.to_string()).unwrap_or_default(),
        ),
        (
            "contact_id",
            d.contact_id.map(|id| id.to_string()).unwrap_or_default(),
        ),
        ("notes", text_of(&d.notes)),
    ])
}

/// The deal request, or the fields the browser can already tell are not
/// numbers or dates (`invalid` is the message to show next to them). The
/// server checks everything else.
pub fn deal_request(form: &FormValues, invalid: &str) -> Result<DealRequest, FieldErrors> {
    let mut errors = FieldErrors::default();
    let value = form.trimmed("value").replace(',', ".");
    let value = if value.is_empty() {
        Decimal::ZERO
    } else {
        value.parse::<Decimal>().unwrap_or_else(|_| {
            errors.add("value", invalid);
            Decimal::ZERO
        })
    };
    let probability = form
        .optional("probability")
        .and_then(|p| match p.parse::<u8>() {
            Ok(p) => Some(p),
            Err(_) => {
                errors.add("probability", invalid);
                None
            }
        });
    let expected_close_date =
        form.optional("expected_close_date")
            .and_then(
                |d| match chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d") {
                    Ok(day) => Some(day),
                    Err(_) => {
                        errors.add("expected_close_date", invalid);
                        None
                    }
                },
            );
    if !errors.is_empty() {
        return Err(errors);
    }
    let id = |field: &str| {
        form.optional(field)
            .and_then(|id| Uuid::parse_str(&id).ok())
    };
    Ok(DealRequest {
        title: form.trimmed("title"),
        stage: form.get("stage").to_owned(),
        value,
        probability,
        expected_close_date,
        owner_id: id("owner_id"),
        company_id: id("company_id"),
        contact_id: id("contact_id"),
        notes: form.optional("notes"),
    })
}

/// One bar of the pipeline chart: where it stands and how high its parts are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub stage: String,
    pub x: u32,
    /// The full value's height.
    pub height: u32,
    /// The weighted value's height (drawn over the full bar).
    pub weighted_height: u32,
}

/// The chart's drawing area.
pub const CHART_WIDTH: u32 = 600;
pub const CHART_HEIGHT: u32 = 200;
const BAR_GAP: u32 = 16;

fn scaled(amount: Decimal, max: Decimal) -> u32 {
    if max <= Decimal::ZERO || amount <= Decimal::ZERO {
        return 0;
    }
    (amount * Decimal::from(CHART_HEIGHT) / max)
        .round()
        .to_u32()
        .unwrap_or(0)
        .min(CHART_HEIGHT)
}

/// Bars for every stage, scaled so the largest value fills the height.
pub fn bars(stages: &[PipelineStage]) -> (u32, Vec<Bar>) {
    let n = u32::try_from(stages.len()).unwrap_or(1).max(1);
    let width = (CHART_WIDTH - BAR_GAP * (n + 1)) / n;
    let max = stages
        .iter()
        .map(|s| s.value)
        .max()
        .unwrap_or(Decimal::ZERO);
    let bars = stages
        .iter()
        .zip(0u32..)
        .map(|(s, i)| Bar {
            stage: s.stage.clone(),
            x: BAR_GAP + i * (width + BAR_GAP),
            height: scaled(s.value, max),
            weighted_height: scaled(s.weighted_value, max),
        })
        .collect();
    (width, bars)
}

#[derive(Properties, PartialEq)]
pub struct ChoiceProps {
    pub form: UseReducerHandle<FormValues>,
    pub field: &'static str,
    pub id: AttrValue,
    pub label: AttrValue,
    pub errors: FieldErrors,
    /// `(value, label)`; loaded at run time (companies, users).
    pub options: Vec<(String, String)>,
}

/// A select whose options come from the API, with its error inline.
#[function_component]
pub fn Choice(props: &ChoiceProps) -> Html {
    let error = props.errors.get(props.field);
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
    let current = props.form.get(props.field).to_owned();
    html! {
        <div class={classes!("field", error.is_some().then_some("has-error"))}>
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <select id={props.id.clone()} name={props.field} data-testid={props.id.clone()}
                aria-invalid={error.is_some().then_some("true")} {onchange}>
                { for props.options.iter().map(|(value, label)| html! {
                    <option value={value.clone()} selected={current == *value}>{ label }</option>
                }) }
            </select>
            if let Some(error) = error {
                <p class="field-error" id={format!("{}-error", props.id)} data-testid={format!("{}-error", props.id)}>{ error }</p>
            }
        </div>
    }
}

/// Reads the file chosen in a file input as text (the File API's
/// `file.text()`, reached through `Reflect` to need no further web-sys
/// features).
async fn chosen_file_text(input: &web_sys::HtmlInputElement) -> Option<String> {
    use wasm_bindgen::JsCast;
    let files = js_sys::Reflect::get(input, &"files".into()).ok()?;
    let file = js_sys::Reflect::get(&files, &"0".into())
        .ok()
        .filter(|f| !f.is_undefined() && !f.is_null())?;
    let text: js_sys::Function = js_sys::Reflect::get(&file, &"text".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let promise: js_sys::Promise = text.call0(&file).ok()?.dyn_into().ok()?;
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .ok()?
        .as_string()
}

#[derive(Properties, PartialEq)]
pub struct CsvImportProps {
    /// `companies` or `contacts`: the API path and the test ids' prefix.
    pub resource: &'static str,
    /// Called after a real import succeeded (to reload the list).
    pub on_imported: Callback<()>,
}

/// Importing a CSV file: check it (a dry run listing every bad row), then
/// import it; a file with any bad row imports nothing.
#[function_component]
pub fn CsvImport(props: &CsvImportProps) -> Html {
    use crate::api::crm::ImportOutcome;
    use crate::components::ErrorAlert;
    use ecom_types::crm::ImportReport;
    use yew::platform::spawn_local;

    let t = crate::i18n::crm::text();
    let session = crate::hooks::use_session();
    let csv = use_state(|| None::<String>);
    let outcome = use_state(|| None::<Result<ImportOutcome, crate::api::ApiError>>);
    let busy = use_state(|| false);
    let resource = props.resource;
    let onchange = {
        let (csv, outcome) = (csv.clone(), outcome.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let (csv, outcome) = (csv.clone(), outcome.clone());
            spawn_local(async move {
                csv.set(chosen_file_text(&input).await);
                outcome.set(None);
            });
        })
    };
    let run = |dry_run: bool| {
        let (csv, outcome, busy, session, on_imported) = (
            csv.clone(),
            outcome.clone(),
            busy.clone(),
            session.clone(),
            props.on_imported.clone(),
        );
        Callback::from(move |_| {
            let Some(text) = (*csv).clone() else {
                return;
            };
            let (outcome, busy, session, on_imported) = (
                outcome.clone(),
                busy.clone(),
                session.clone(),
                on_imported.clone(),
            );
            busy.set(true);
            spawn_local(async move {
                let result = crate::api::crm::import(&session.api, resource, &text, dry_run).await;
                if matches!(&result, Ok(ImportOutcome::Report(report)) if !report.dry_run) {
                    on_imported.emit(());
                }
                outcome.set(Some(result));
                busy.set(false);
            });
        })
    };
    let errors_table = |report: &ImportReport| {
        html! {
            <div class="table-wrap">
                <table class="table" data-testid={format!("{resource}-import-errors")}>
                    <thead><tr>
                        <th scope="col">{ t.import_row }</th>
                        <th scope="col">{ t.import_field }</th>
                        <th scope="col">{ t.import_message }</th>
                    </tr></thead>
                    <tbody>
                        { for report.errors.iter().map(|e| html! {
                            <tr data-testid="import-error">
                                <td data-label={t.import_row}>{ e.row }</td>
                                <td data-label={t.import_field}><code>{ &e.field }</code></td>
                                <td data-label={t.import_message}>{ &e.message }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        }
    };
    let result = match &*outcome {
        None => html! {},
        Some(Err(error)) => {
            html! { <ErrorAlert error={error.clone()} testid={format!("{resource}-import-error")} /> }
        }
        Some(Ok(ImportOutcome::Report(report))) if !report.dry_run => html! {
            <p class="alert alert-success" data-testid={format!("{resource}-import-done")}>
                { crate::i18n::fill(t.import_done, &[("n", &report.imported.to_string())]) }
            </p>
        },
        Some(Ok(ImportOutcome::Report(report))) if report.errors.is_empty() => html! {
            <p class="alert alert-success" data-testid={format!("{resource}-import-clean")}>
                { crate::i18n::fill(t.import_clean, &[("rows", &report.rows.to_string())]) }
            </p>
        },
        Some(Ok(ImportOutcome::Report(report))) => errors_table(report),
        Some(Ok(ImportOutcome::Refused(refused))) => html! {
            <>
                <p class="alert alert-error" data-testid={format!("{resource}-import-refused")}>
                    { crate::i18n::fill(t.import_refused, &[("errors", &refused.report.errors.len().to_string()), ("rows", &refused.report.rows.to_string())]) }
                </p>
                { errors_table(&refused.report) }
            </>
        },
    };
    let id = format!("{resource}-import-file");
    html! {
        <article class="card">
            <h2>{ t.import_title }</h2>
            <p class="muted">{ t.import_lead }</p>
            <div class="field">
                <label for={id.clone()}>{ t.import_file }</label>
                <input id={id.clone()} data-testid={id} type="file" accept=".csv,text/csv" {onchange} />
            </div>
            <div class="button-row">
                <button type="button" class="button button-secondary" data-testid={format!("{resource}-import-check")}
                    disabled={*busy || csv.is_none()} onclick={run(true)}>{ t.import_check }</button>
                <button type="button" class="button button-primary" data-testid={format!("{resource}-import-submit")}
                    disabled={*busy || csv.is_none()} onclick={run(false)}>{ t.import_submit }</button>
            </div>
            { result }
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn query_strings_skip_blanks_and_encode() {
        assert_eq!(
            query_string(&[("q", " ".into()), ("tag", String::new())]),
            ""
        );
        assert_eq!(
            query_string(&[("q", "De Klok & zn".into()), ("sort", "-name".into())]),
            "?q=De%20Klok%20%26%20zn&sort=-name"
        );
        assert_eq!(query_string(&[("q", "100%".into())]), "?q=100%25");
    }

    #[test]
    fn tags_are_split_on_commas() {
        assert_eq!(tags(" vip, horeca ,,"), vec!["vip", "horeca"]);
        assert!(tags("").is_empty());
    }

    #[test]
    fn a_company_form_round_trips_to_its_request() {
        let form = filled(vec![
            ("name", " De Klok ".into()),
            ("tags", "a, b".into()),
            ("vat_number", " ".into()),
            ("marketing_consent", CHECKED.into()),
        ]);
        let request = company_request(&form);
        assert_eq!(request.name, "De Klok");
        assert_eq!(request.vat_number, None);
        assert_eq!(request.tags, vec!["a", "b"]);
        assert!(request.marketing_consent);
    }

    #[test]
    fn deal_numbers_and_dates_are_read_or_flagged() {
        let form = filled(vec![
            ("title", "Taps".into()),
            ("stage", "lead".into()),
            ("value", "12500,50".into()),
            ("probability", "".into()),
        ]);
        let request = deal_request(&form, "invalid").unwrap_or_else(|_| unreachable!());
        assert_eq!((request.value, request.probability), (d("12500.50"), None));
        let form = filled(vec![
            ("value", "lots".into()),
            ("probability", "300".into()),
            ("expected_close_date", "31/03/2027".into()),
        ]);
        let errors = deal_request(&form, "invalid").err().unwrap_or_default();
        assert_eq!(errors.get("value").as_deref(), Some("invalid"));
        assert_eq!(errors.get("probability").as_deref(), Some("invalid"));
        assert_eq!(
            errors.get("expected_close_date").as_deref(),
            Some("invalid")
        );
    }

    #[test]
    fn the_largest_stage_fills_the_chart_and_weights_scale_alike() {
        let stage = |name: &str, value: &str, weighted: &str| PipelineStage {
            stage: name.into(),
            default_probability: 0,
            count: 1,
            value: d(value),
            weighted_value: d(weighted),
        };
        let (width, bars) = bars(&[
            stage("lead", "1000", "100"),
            stage("won", "4000", "4000"),
            stage("lost", "0", "0"),
        ]);
        assert_eq!(width, (CHART_WIDTH - 4 * 16) / 3);
        assert_eq!(bars[0].x, 16);
        assert_eq!(bars[1].x, 16 + width + 16);
        assert_eq!((bars[0].height, bars[0].weighted_height), (50, 5));
        assert_eq!(
            (bars[1].height, bars[1].weighted_height),
            (CHART_HEIGHT, CHART_HEIGHT)
        );
        assert_eq!(bars[2].height, 0);
        let (_, empty) = super::bars(&[stage("lead", "0", "0")]);
        assert_eq!(empty[0].height, 0, "no division by zero");
    }
}
