//! `POST /api/v1/signup`: a company registers for the free 15-day trial.

use actix_web::{post, web, HttpRequest, HttpResponse};
use ecom_domain::account::{parse_phone, parse_text};
use ecom_domain::policy::PolicyKind;
use ecom_domain::{
    trial, Country, EmailAddress, Password, PersonName, Role, TenantId, UserId, VatNumber,
};
use ecom_storage::sessions::Subject;
use ecom_storage::tenants::{self, Tenant, TenantStatus};
use ecom_storage::users::{self, NewUser, UserStatus};
use ecom_storage::{policies, trials};
use ecom_types::auth::{SignupRequest, SignupResponse};
use ecom_types::Problem;
use uuid::Uuid;

use crate::audit::Audit;
use crate::auth::{caller::request_id, password, sessions};
use crate::error::{ApiError, FieldChecks};
use crate::state::AppState;
use crate::views;

/// Registers a company, its Administrator and a 15-day trial, and logs the
/// Administrator in. Refused when the e-mail address already has an account
/// (409) or when the e-mail address or VAT number had a trial in the last two
/// years (422 `repeat_trial_refused`).
#[utoipa::path(
    tag = "accounts",
    request_body = SignupRequest,
    responses(
        (status = 201, description = "Registered; the trial runs", body = SignupResponse),
        (status = 400, description = "Malformed JSON", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The e-mail address already has an account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, outdated policy versions or a repeated trial", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/signup")]
pub async fn signup(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: crate::json_body::Json<SignupRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let mut checks = FieldChecks::default();
    let mut marketing = Vec::new();
    for (index, raw) in body.marketing.iter().enumerate() {
        match ecom_domain::consent::MarketingList::parse(raw) {
            Some(list) if !marketing.contains(&list) => marketing.push(list),
            Some(_) => {}
            None => checks.push(
                &format!("marketing[{index}]"),
                "unknown_list",
                "the lists are onboarding, product_updates, newsletter and events",
            ),
        }
    }
    let company_name = checks.check(
        "company.name",
        parse_text(&body.company.name, "the company name", 200),
    );
    let country = checks.check("company.country", Country::parse(&body.company.country));
    let vat_number = match (&body.company.vat_number, country) {
        (Some(raw), Some(country)) if !raw.trim().is_empty() => checks
            .check("company.vat_number", VatNumber::parse(raw, country))
            .map(Some),
        _ => Some(None),
    };
    let street = checks.check(
        "company.street",
        parse_text(&body.company.street, "the street and number", 200),
    );
    let postal_code = checks.check(
        "company.postal_code",
        parse_text(&body.company.postal_code, "the postal code", 20),
    );
    let city = checks.check(
        "company.city",
        parse_text(&body.company.city, "the city", 100),
    );
    let admin = &body.administrator;
    let first_name = checks.check(
        "administrator.first_name",
        PersonName::parse(&admin.first_name, "the first name"),
    );
    let last_name = checks.check(
        "administrator.last_name",
        PersonName::parse(&admin.last_name, "the last name"),
    );
    let email = checks.check("administrator.email", EmailAddress::parse(&admin.email));
    let password = checks.check("administrator.password", Password::parse(&admin.password));
    let function = checks.check(
        "administrator.function",
        parse_text(&admin.function, "the function", 100),
    );
    let phone = checks.check("administrator.phone", parse_phone(&admin.phone));

    let current = state
        .read(move |conn| Ok(policies::current(conn, now)?))
        .await?;
    let accepted = [
        (PolicyKind::Terms, &body.accepted.terms, "accepted.terms"),
        (
            PolicyKind::Privacy,
            &body.accepted.privacy,
            "accepted.privacy",
        ),
        (
            PolicyKind::DataProcessing,
            &body.accepted.data_processing,
            "accepted.data_processing",
        ),
    ];
    for (kind, version, field) in &accepted {
        let in_force = current
            .iter()
            .find(|p| p.kind == *kind)
            .map(|p| p.version.as_str());
        if in_force != Some(version.as_str()) {
            checks.push(
                field,
                "policy_version_outdated",
                format!(
                    "you must accept the current {} (version {}); read it and accept that version",
                    kind.as_str().replace('_', " "),
                    in_force.unwrap_or("unknown")
                ),
            );
        }
    }
    checks.finish()?;
    let (
        Some(company_name),
        Some(country),
        Some(vat_number),
        Some(first_name),
        Some(last_name),
        Some(email),
        Some(password),
        Some(function),
        Some(phone),
    ) = (
        company_name,
        country,
        vat_number,
        first_name,
        last_name,
        email,
        password,
        function,
        phone,
    )
    else {
        return Err(ApiError::Internal(
            "validation passed with a missing field".into(),
        ));
    };
    let (Some(street), Some(postal_code), Some(city)) = (street, postal_code, city) else {
        return Err(ApiError::Internal(
            "validation passed with a missing field".into(),
        ));
    };

    let cost = state.settings.password_hashing;
    let password_hash = web::block(move || password::hash(password.expose(), cost)).await??;
    let accepted_versions: Vec<(PolicyKind, String)> = accepted
        .iter()
        .map(|(k, v, _)| (*k, (*v).clone()))
        .collect();
    let request_id = request_id(&req);
    let st = state.clone();
    let (tenant, user, session) = state
        .write(move |conn| {
            if users::email_in_use(conn, email.as_str())? {
                return Err(ApiError::Conflict {
                    code: "email_taken",
                    detail: "an account with this e-mail address already exists; log in, or use another address".into(),
                    field: Some("administrator.email"),
                });
            }
            let vat = vat_number.as_ref().map(VatNumber::as_str);
            let earlier = trials::previous_trial_ends(conn, email.as_str(), vat)?;
            if let Err(refused) = trial::may_start_trial(earlier, now) {
                return Err(ApiError::Rule {
                    code: "repeat_trial_refused",
                    detail: format!(
                        "this e-mail address or VAT number already had a free trial; a new one is possible from {}. To continue now, log in to that account and order a plan",
                        refused.available_from.format("%Y-%m-%d")
                    ),
                });
            }
            let tenant = Tenant {
                id: TenantId(Uuid::now_v7()),
                name: company_name,
                country: country.code().into(),
                vat_number: vat_number.as_ref().map(|v| v.as_str().to_owned()),
                street,
                postal_code,
                city,
                status: TenantStatus::Trial,
                trial_ends_at: Some(trial::trial_ends_at(now)),
                created_at: now,
                is_consumer: false,
            };
            tenants::insert(conn, &tenant)?;
            let user_id = UserId(Uuid::now_v7());
            users::insert(
                conn,
                tenant.id,
                &NewUser {
                    id: user_id,
                    email: email.as_str().into(),
                    password_hash: Some(password_hash),
                    first_name: first_name.into_inner(),
                    last_name: last_name.into_inner(),
                    function: Some(function),
                    phone: Some(phone),
                    role: Role::Administrator,
                    status: UserStatus::Active,
                    invitation_token_hash: None,
                    invitation_expires_at: None,
                    created_at: now,
                },
            )?;
            // Signing up logs the Administrator in.
            users::record_login(conn, tenant.id, user_id, now)?;
            trials::record(conn, tenant.id, email.as_str(), vat, now, trial::trial_ends_at(now))?;
            for (kind, version) in &accepted_versions {
                policies::record_acceptance(conn, tenant.id, user_id, *kind, version, now)?;
            }
            // Marketing consent ticked on the form (SPEC §4), under the privacy
            // statement version just accepted.
            let privacy_version = accepted_versions
                .iter()
                .find(|(kind, _)| *kind == ecom_domain::policy::PolicyKind::Privacy)
                .map(|(_, version)| version.clone())
                .unwrap_or_default();
            for list in &marketing {
                ecom_storage::consent::record_consent(
                    conn,
                    tenant.id,
                    user_id,
                    *list,
                    true,
                    ecom_domain::consent::ConsentSource::SignupForm,
                    &privacy_version,
                    now,
                )?;
            }
            let (_, pair) = sessions::open(conn, &st.keys, &st.settings, Subject::User { tenant: tenant.id, user: user_id }, now)?;
            Audit::new("tenant.registered", ("user", Some(user_id.0)), now)
                .tenant(tenant.id)
                .target("tenant", tenant.id.0)
                .details(serde_json::json!({ "country": tenant.country, "trial_ends_at": tenant.trial_ends_at }))
                .request(request_id)
                .write(conn)?;
            let user = users::find(conn, tenant.id, user_id)?.ok_or_else(|| ApiError::Internal("user vanished".into()))?;
            Ok((tenant, user, pair))
        })
        .await?;
    Ok(HttpResponse::Created().json(SignupResponse {
        tenant: views::tenant(&tenant, now),
        user: views::user(&user),
        session,
    }))
}
