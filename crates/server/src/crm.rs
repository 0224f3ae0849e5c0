//! The CRM module's shared steps: reading company, contact and deal requests
//! into records (the same checks for JSON bodies and CSV rows), the views,
//! list parameters and the duplicate answer.

use actix_web::HttpResponse;
use chrono::{DateTime, Utc};
use ecom_domain::account::{parse_phone, parse_text, InvalidInput};
use ecom_domain::crm::{deal_probability, parse_deal_value, parse_tags, DealStage};
use ecom_domain::money::{from_cents, in_cents_scale, to_cents};
use ecom_domain::{
    CompanyId, ContactId, Country, DealId, EmailAddress, PersonName, TenantId, UserId, VatNumber,
};
use ecom_storage::companies::{self, Company};
use ecom_storage::contacts::{self, Contact};
use ecom_storage::deals::{Deal, StageChange};
use ecom_storage::listing::After;
use ecom_storage::{users, DbConnection};
use ecom_types::crm::{
    CompanyRequest, CompanyView, ContactRequest, ContactView, DealRequest, DealView,
    DuplicateProblem, StageChangeView,
};
use ecom_types::FieldError;
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::error::{field_error, ApiError};
use crate::pagination::{Cursor, Sort};

/// Field errors collected while reading one request or CSV row.
#[derive(Debug, Default)]
pub struct Checks {
    pub errors: Vec<FieldError>,
}

impl Checks {
    fn check<T>(&mut self, field: &str, parsed: Result<T, InvalidInput>) -> Option<T> {
        match parsed {
            Ok(v) => Some(v),
            Err(e) => {
                self.errors.push(field_error(field, e));
                None
            }
        }
    }

    /// An optional value: blank is absent, anything else must parse.
    fn optional<T>(
        &mut self,
        field: &str,
        raw: Option<&str>,
        parse: impl FnOnce(&str) -> Result<T, InvalidInput>,
    ) -> Option<T> {
        let raw = raw.map(str::trim).filter(|s| !s.is_empty())?;
        self.check(field, parse(raw))
    }

    pub fn push(&mut self, field: &str, code: &str, message: impl Into<String>) {
        self.errors.push(FieldError {
            field: field.into(),
            code: code.into(),
            message: message.into(),
        });
    }

    pub fn into_result(self) -> Result<(), ApiError> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Validation(self.errors))
        }
    }
}

fn notes(raw: &str) -> Result<String, InvalidInput> {
    if raw.chars().count() > 5000 {
        return Err(InvalidInput::new(
            "too_long",
            "notes must be at most 5000 characters",
        ));
    }
    Ok(raw.to_owned())
}

fn website(raw: &str) -> Result<String, InvalidInput> {
    let text = parse_text(raw, "the website", 200)?;
    if text.contains(' ') || !text.contains('.') {
        return Err(InvalidInput::new(
            "invalid_website",
            "a website looks like https://example.be",
        ));
    }
    Ok(text)
}

fn language(raw: &str) -> Result<String, InvalidInput> {
    let code = raw.trim().to_ascii_lowercase();
    if ["nl", "fr", "de", "en"].contains(&code.as_str()) {
        Ok(code)
    } else {
        Err(InvalidInput::new(
            "invalid_language",
            "the language is nl, fr, de or en",
        ))
    }
}

/// The country a VAT number's prefix names (`EL` is Greece).
fn country_of_vat(raw: &str) -> Option<Country> {
    let prefix: String = raw
        .trim()
        .chars()
        .take(2)
        .collect::<String>()
        .to_ascii_uppercase();
    let code = if prefix == "EL" {
        "GR".to_owned()
    } else {
        prefix
    };
    Country::parse(&code).ok()
}

/// The address fields shared by companies and contacts.
struct Address {
    street: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    country: Option<Country>,
}

fn address(
    checks: &mut Checks,
    street: Option<&str>,
    postal_code: Option<&str>,
    city: Option<&str>,
    country: Option<&str>,
) -> Address {
    Address {
        street: checks.optional("street", street, |s| parse_text(s, "the street", 200)),
        postal_code: checks.optional("postal_code", postal_code, |s| {
            parse_text(s, "the postal code", 20)
        }),
        city: checks.optional("city", city, |s| parse_text(s, "the city", 100)),
        country: checks.optional("country", country, Country::parse),
    }
}

/// Reads a company request into a record with this id and creation time.
pub fn company_from_request(
    request: &CompanyRequest,
    id: CompanyId,
    created_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Company, Vec<FieldError>> {
    let mut checks = Checks::default();
    let name = checks.check("name", parse_text(&request.name, "the company's name", 200));
    let mut address = address(
        &mut checks,
        request.street.as_deref(),
        request.postal_code.as_deref(),
        request.city.as_deref(),
        request.country.as_deref(),
    );
    let country_ok = !checks.errors.iter().any(|e| e.field == "country");
    let vat_number = match request
        .vat_number
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(raw) => match address.country.or_else(|| country_of_vat(raw)) {
            Some(country) => {
                let parsed = checks.check("vat_number", VatNumber::parse(raw, country));
                if parsed.is_some() && address.country.is_none() {
                    // The prefix names the country; keep it as the company's.
                    address.country = Some(country);
                }
                parsed.map(|v| v.as_str().to_owned())
            }
            None if country_ok => {
                checks.push(
                    "vat_number",
                    "country_required",
                    "give the company's country, or write the VAT number with its country prefix (e.g. BE0810231595)",
                );
                None
            }
            None => None,
        },
    };
    let email = checks
        .optional("email", request.email.as_deref(), EmailAddress::parse)
        .map(String::from);
    let phone = checks.optional("phone", request.phone.as_deref(), parse_phone);
    let website = checks.optional("website", request.website.as_deref(), website);
    let tags = checks.check("tags", parse_tags(&request.tags));
    let notes = checks.optional("notes", request.notes.as_deref(), notes);
    match (name, tags, checks.errors.is_empty()) {
        (Some(name), Some(tags), true) => Ok(Company {
            id,
            name,
            vat_number,
            email,
            phone,
            website,
            street: address.street,
            postal_code: address.postal_code,
            city: address.city,
            country: address.country.map(|c| c.code().to_owned()),
            tags,
            notes,
            marketing_consent: request.marketing_consent,
            created_at,
            updated_at: now,
        }),
        _ => Err(checks.errors),
    }
}

/// Reads a contact request into a record. The company link is checked
/// against the tenant separately ([`check_company_link`]).
pub fn contact_from_request(
    request: &ContactRequest,
    id: ContactId,
    created_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Contact, Vec<FieldError>> {
    let mut checks = Checks::default();
    let first_name = checks.check(
        "first_name",
        PersonName::parse(&request.first_name, "the first name"),
    );
    let last_name = checks.check(
        "last_name",
        PersonName::parse(&request.last_name, "the last name"),
    );
    let address = address(
        &mut checks,
        request.street.as_deref(),
        request.postal_code.as_deref(),
        request.city.as_deref(),
        request.country.as_deref(),
    );
    let email = checks
        .optional("email", request.email.as_deref(), EmailAddress::parse)
        .map(String::from);
    let phone = checks.optional("phone", request.phone.as_deref(), parse_phone);
    let mobile = checks.optional("mobile", request.mobile.as_deref(), parse_phone);
    let job_title = checks.optional("job_title", request.job_title.as_deref(), |s| {
        parse_text(s, "the job title", 100)
    });
    let language = checks.optional("language", request.language.as_deref(), language);
    let tags = checks.check("tags", parse_tags(&request.tags));
    let notes = checks.optional("notes", request.notes.as_deref(), notes);
    match (first_name, last_name, tags, checks.errors.is_empty()) {
        (Some(first_name), Some(last_name), Some(tags), true) => Ok(Contact {
            id,
            company_id: request.company_id.map(CompanyId),
            first_name: first_name.into_inner(),
            last_name: last_name.into_inner(),
            email,
            phone,
            mobile,
            job_title,
            street: address.street,
            postal_code: address.postal_code,
            city: address.city,
            country: address.country.map(|c| c.code().to_owned()),
            language,
            tags,
            notes,
            marketing_consent: request.marketing_consent,
            created_at,
            updated_at: now,
        }),
        _ => Err(checks.errors),
    }
}

/// A 422 on `company_id` unless the tenant has that company.
pub fn check_company_link(
    conn: &mut DbConnection,
    tenant: TenantId,
    company: Option<CompanyId>,
) -> Result<(), ApiError> {
    match company {
        Some(id) if !companies::exists(conn, tenant, id)? => {
            Err(ApiError::Validation(vec![FieldError {
                field: "company_id".into(),
                code: "unknown_company".into(),
                message: "no company with that id exists in your account".into(),
            }]))
        }
        _ => Ok(()),
    }
}

/// What a deal request says, read and checked (links are checked against
/// the tenant by [`check_deal_links`]).
pub struct DealInput {
    pub title: String,
    pub stage: DealStage,
    pub value_cents: i64,
    pub probability: u8,
    pub expected_close_date: Option<chrono::NaiveDate>,
    pub owner_id: UserId,
    pub company_id: Option<CompanyId>,
    pub contact_id: Option<ContactId>,
    pub notes: Option<String>,
}

pub fn deal_from_request(request: &DealRequest, caller: UserId) -> Result<DealInput, ApiError> {
    let mut checks = Checks::default();
    let title = checks.check("title", parse_text(&request.title, "the deal's title", 200));
    let stage = checks.check("stage", DealStage::parse(&request.stage));
    let value = checks.check("value", parse_deal_value(request.value));
    let probability =
        stage.and_then(|s| checks.check("probability", deal_probability(s, request.probability)));
    let notes = checks.optional("notes", request.notes.as_deref(), notes);
    let value_cents = value.and_then(to_cents);
    match (title, stage, value_cents, probability) {
        (Some(title), Some(stage), Some(value_cents), Some(probability))
            if checks.errors.is_empty() =>
        {
            Ok(DealInput {
                title,
                stage,
                value_cents,
                probability,
                expected_close_date: request.expected_close_date,
                owner_id: request.owner_id.map_or(caller, UserId),
                company_id: request.company_id.map(CompanyId),
                contact_id: request.contact_id.map(ContactId),
                notes,
            })
        }
        _ => Err(ApiError::Validation(checks.errors)),
    }
}

/// 422s for links to an owner, company or contact the tenant does not have.
pub fn check_deal_links(
    conn: &mut DbConnection,
    tenant: TenantId,
    input: &DealInput,
) -> Result<(), ApiError> {
    let mut checks = Checks::default();
    if users::find(conn, tenant, input.owner_id)?.is_none() {
        checks.push(
            "owner_id",
            "unknown_user",
            "no user with that id exists in your account",
        );
    }
    if let Some(id) = input.company_id {
        if !companies::exists(conn, tenant, id)? {
            checks.push(
                "company_id",
                "unknown_company",
                "no company with that id exists in your account",
            );
        }
    }
    if let Some(id) = input.contact_id {
        if !contacts::exists(conn, tenant, id)? {
            checks.push(
                "contact_id",
                "unknown_contact",
                "no contact with that id exists in your account",
            );
        }
    }
    checks.into_result()
}

pub fn company_view(c: &Company) -> CompanyView {
    CompanyView {
        id: c.id.0,
        name: c.name.clone(),
        vat_number: c.vat_number.clone(),
        email: c.email.clone(),
        phone: c.phone.clone(),
        website: c.website.clone(),
        street: c.street.clone(),
        postal_code: c.postal_code.clone(),
        city: c.city.clone(),
        country: c.country.clone(),
        tags: c.tags.clone(),
        notes: c.notes.clone(),
        marketing_consent: c.marketing_consent,
        created_at: c.created_at,
        updated_at: c.updated_at,
    }
}

pub fn contact_view(c: &Contact, company_name: Option<String>) -> ContactView {
    ContactView {
        id: c.id.0,
        first_name: c.first_name.clone(),
        last_name: c.last_name.clone(),
        company_id: c.company_id.map(|id| id.0),
        company_name,
        email: c.email.clone(),
        phone: c.phone.clone(),
        mobile: c.mobile.clone(),
        job_title: c.job_title.clone(),
        street: c.street.clone(),
        postal_code: c.postal_code.clone(),
        city: c.city.clone(),
        country: c.country.clone(),
        language: c.language.clone(),
        tags: c.tags.clone(),
        notes: c.notes.clone(),
        marketing_consent: c.marketing_consent,
        created_at: c.created_at,
        updated_at: c.updated_at,
    }
}

/// Contact views with their companies' names, in one query for the names.
pub fn contact_views(
    conn: &mut DbConnection,
    tenant: TenantId,
    list: &[Contact],
) -> Result<Vec<ContactView>, ApiError> {
    let mut ids: Vec<CompanyId> = list.iter().filter_map(|c| c.company_id).collect();
    ids.sort();
    ids.dedup();
    let names = companies::names(conn, tenant, &ids)?;
    Ok(list
        .iter()
        .map(|c| {
            let name = c.company_id.and_then(|id| {
                names
                    .iter()
                    .find(|(n, _)| *n == id)
                    .map(|(_, name)| name.clone())
            });
            contact_view(c, name)
        })
        .collect())
}

/// The weighted value of a deal: value × probability, rounded to the cent
/// (half away from zero).
pub fn weighted(value: Decimal, probability: u8) -> Decimal {
    in_cents_scale(value * Decimal::from(probability) / Decimal::ONE_HUNDRED)
}

/// Deal views with owner, company and contact names.
pub fn deal_views(
    conn: &mut DbConnection,
    tenant: TenantId,
    list: &[Deal],
) -> Result<Vec<DealView>, ApiError> {
    let mut owners: Vec<(UserId, String)> = Vec::new();
    let mut people: Vec<(ContactId, String)> = Vec::new();
    for deal in list {
        if !owners.iter().any(|(id, _)| *id == deal.owner_id) {
            let name = users::find(conn, tenant, deal.owner_id)?
                .map(|u| format!("{} {}", u.first_name, u.last_name))
                .unwrap_or_default();
            owners.push((deal.owner_id, name));
        }
        if let Some(contact) = deal.contact_id {
            if !people.iter().any(|(id, _)| *id == contact) {
                let name = contacts::find(conn, tenant, contact)?
                    .map(|c| c.full_name())
                    .unwrap_or_default();
                people.push((contact, name));
            }
        }
    }
    let mut company_ids: Vec<CompanyId> = list.iter().filter_map(|d| d.company_id).collect();
    company_ids.sort();
    company_ids.dedup();
    let company_names = companies::names(conn, tenant, &company_ids)?;
    Ok(list
        .iter()
        .map(|d| {
            let value = in_cents_scale(from_cents(d.value_cents));
            DealView {
                id: d.id.0,
                title: d.title.clone(),
                stage: d.stage.as_str().into(),
                value,
                currency: "EUR".into(),
                probability: d.probability,
                weighted_value: weighted(value, d.probability),
                expected_close_date: d.expected_close_date,
                owner_id: d.owner_id.0,
                owner_name: owners
                    .iter()
                    .find(|(id, _)| *id == d.owner_id)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default(),
                company_id: d.company_id.map(|id| id.0),
                company_name: d.company_id.and_then(|id| {
                    company_names
                        .iter()
                        .find(|(n, _)| *n == id)
                        .map(|(_, n)| n.clone())
                }),
                contact_id: d.contact_id.map(|id| id.0),
                contact_name: d.contact_id.and_then(|id| {
                    people
                        .iter()
                        .find(|(n, _)| *n == id)
                        .map(|(_, n)| n.clone())
                }),
                notes: d.notes.clone(),
                created_at: d.created_at,
                updated_at: d.updated_at,
            }
        })
        .collect())
}

pub fn deal_view(
    conn: &mut DbConnection,
    tenant: TenantId,
    deal: &Deal,
) -> Result<DealView, ApiError> {
    deal_views(conn, tenant, std::slice::from_ref(deal))?
        .pop()
        .ok_or_else(|| ApiError::Internal("deal view".into()))
}

pub fn stage_history_views(
    conn: &mut DbConnection,
    tenant: TenantId,
    history: &[StageChange],
) -> Result<Vec<StageChangeView>, ApiError> {
    let mut names: Vec<(UserId, String)> = Vec::new();
    let mut out = Vec::new();
    for change in history {
        if !names.iter().any(|(id, _)| *id == change.changed_by) {
            let name = users::find(conn, tenant, change.changed_by)?
                .map(|u| format!("{} {}", u.first_name, u.last_name))
                .unwrap_or_default();
            names.push((change.changed_by, name));
        }
        out.push(StageChangeView {
            from_stage: change.from_stage.map(|s| s.as_str().to_owned()),
            to_stage: change.to_stage.as_str().into(),
            changed_by: change.changed_by.0,
            changed_by_name: names
                .iter()
                .find(|(id, _)| *id == change.changed_by)
                .map(|(_, n)| n.clone())
                .unwrap_or_default(),
            changed_at: change.changed_at,
        });
    }
    Ok(out)
}

/// A new deal record from checked input.
pub fn new_deal(input: DealInput, now: DateTime<Utc>) -> Deal {
    Deal {
        id: DealId(Uuid::now_v7()),
        title: input.title,
        stage: input.stage,
        value_cents: input.value_cents,
        probability: input.probability,
        expected_close_date: input.expected_close_date,
        owner_id: input.owner_id,
        company_id: input.company_id,
        contact_id: input.contact_id,
        notes: input.notes,
        created_at: now,
        updated_at: now,
    }
}

/// The keyset position a `cursor` names, for this sort.
pub fn after(
    cursor: Option<&str>,
    sort: &Sort<'_>,
    parse: impl FnOnce(&str) -> Option<ecom_storage::listing::SortValue>,
) -> Result<Option<After>, ApiError> {
    // The CRM's sort keys are never null: a cursor without a value is refused.
    crate::pagination::after(cursor, sort, |value| value.and_then(parse))
}

/// The cursor of the page after `last`, if the page was full.
pub fn next_cursor(
    sort: &Sort<'_>,
    page_len: usize,
    limit: i64,
    last: Option<(ecom_storage::listing::SortValue, Uuid)>,
) -> Option<String> {
    if i64::try_from(page_len).unwrap_or(i64::MAX) < limit {
        return None;
    }
    last.map(|(value, id)| {
        Cursor {
            s: sort.field.to_owned(),
            v: Some(value.to_text()),
            id: id.hyphenated().to_string(),
        }
        .encode()
    })
}

/// A filter value that must be a country code.
pub fn country_filter(raw: Option<&str>) -> Result<Option<String>, ApiError> {
    raw.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            Country::parse(s)
                .map(|c| c.code().to_owned())
                .map_err(|e| ApiError::BadRequest {
                    code: "invalid_filter",
                    detail: format!("country: {}", e.message),
                })
        })
        .transpose()
}

/// 409: a company or contact with the same VAT number or e-mail exists.
pub fn duplicate(what: &str, field: &'static str, existing: Uuid) -> HttpResponse {
    let detail = format!(
        "a {what} with this {} already exists (id {existing}); open that one, or send the request again with ?allow_duplicate=true to create another",
        if field == "vat_number" { "VAT number" } else { "e-mail address" }
    );
    let code = if field == "vat_number" {
        "duplicate_vat_number"
    } else {
        "duplicate_email"
    };
    let problem = ApiError::Conflict {
        code,
        detail,
        field: Some(field),
    }
    .problem();
    HttpResponse::Conflict()
        .content_type("application/problem+json")
        .json(DuplicateProblem {
            problem,
            existing_id: existing,
        })
}

/// A delete's outcome: 404 when nothing was deleted, 409 when records of
/// other modules (quotations, invoices, ...) still refer to it.
pub fn delete_or_in_use(
    deleted: ecom_storage::StorageResult<bool>,
    what: &str,
) -> Result<(), ApiError> {
    match deleted {
        Ok(true) => Ok(()),
        Ok(false) => Err(ApiError::not_found(what)),
        Err(e) if ecom_storage::listing::is_still_referenced(&e) => Err(ApiError::Conflict {
            code: "still_referenced",
            detail: format!("other records (quotations, invoices, calendar events, ...) still refer to this {what}; remove those links first"),
            field: None,
        }),
        Err(e) => Err(e.into()),
    }
}

/// A deal with its stage history.
pub fn deal_detail(
    conn: &mut DbConnection,
    tenant: TenantId,
    deal: &Deal,
) -> Result<ecom_types::crm::DealDetail, ApiError> {
    let history = ecom_storage::deals::stage_history(conn, tenant, deal.id)?;
    Ok(ecom_types::crm::DealDetail {
        deal: deal_view(conn, tenant, deal)?,
        stage_history: stage_history_views(conn, tenant, &history)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn company(request: CompanyRequest) -> Result<Company, Vec<FieldError>> {
        let now = Utc::now();
        company_from_request(&request, CompanyId(Uuid::nil()), now, now)
    }

    #[test]
    fn the_vat_prefix_gives_the_country_when_none_is_given() {
        let greek = company(CompanyRequest {
            name: "Ελιά".into(),
            vat_number: Some("EL 094259216".into()),
            ..Default::default()
        });
        let greek = greek.unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (greek.vat_number.as_deref(), greek.country.as_deref()),
            (Some("EL094259216"), Some("GR"))
        );
        let codes = |r: Result<Company, Vec<FieldError>>| {
            r.err()
                .unwrap_or_default()
                .into_iter()
                .map(|e| e.code)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            codes(company(CompanyRequest {
                name: "X".into(),
                vat_number: Some("0810231595".into()),
                ..Default::default()
            })),
            vec!["country_required"]
        );
        // A given country wins over the prefix, and must match it.
        assert_eq!(
            codes(company(CompanyRequest {
                name: "X".into(),
                vat_number: Some("NL123456789B01".into()),
                country: Some("BE".into()),
                ..Default::default()
            })),
            vec!["vat_country_mismatch"]
        );
        // A bad country is reported once, not again as a missing one.
        assert_eq!(
            codes(company(CompanyRequest {
                name: "X".into(),
                vat_number: Some("0810231595".into()),
                country: Some("Belgium".into()),
                ..Default::default()
            })),
            vec!["invalid_country"]
        );
    }

    #[test]
    fn blank_optional_fields_are_absent_and_notes_keep_their_lines() {
        let c = company(CompanyRequest {
            name: "X".into(),
            email: Some("  ".into()),
            notes: Some("one\ntwo".into()),
            website: Some("deklok.be".into()),
            ..Default::default()
        });
        let c = c.unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (c.email, c.notes.as_deref(), c.website.as_deref()),
            (None, Some("one\ntwo"), Some("deklok.be"))
        );
    }

    #[test]
    fn the_weighted_value_is_rounded_half_away_from_zero() {
        assert_eq!(weighted(Decimal::new(5, 2), 50).to_string(), "0.03");
        assert_eq!(
            weighted(Decimal::new(1250050, 2), 50).to_string(),
            "6250.25"
        );
    }
}
