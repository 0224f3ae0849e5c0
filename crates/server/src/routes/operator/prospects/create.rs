//! `POST /api/v1/operator/prospects`.

use actix_web::{post, web, HttpRequest, HttpResponse};
use ecom_storage::privacy::prospects::{self, Prospect};
use ecom_types::crm::DuplicateProblem;
use ecom_types::prospects::{ProspectRequest, ProspectView};
use ecom_types::Problem;
use uuid::Uuid;

use super::{
    actor, parse_company, parse_email, parse_name, parse_notes, parse_phone, refuse_suppressed,
    view,
};
use crate::audit::Audit;
use crate::auth::{caller::request_id, OperatorCaller};
use crate::error::{ApiError, FieldChecks};
use crate::state::AppState;

/// 409: a prospect with this e-mail address exists.
pub(crate) fn duplicate(existing: Uuid) -> HttpResponse {
    let problem = ApiError::Conflict {
        code: "duplicate_email",
        detail: format!(
            "a prospect with this e-mail address already exists (id {existing}); edit that one"
        ),
        field: Some("email"),
    }
    .problem();
    HttpResponse::Conflict()
        .content_type("application/problem+json")
        .json(DuplicateProblem {
            problem,
            existing_id: existing,
        })
}

/// Adds a prospect. Refused when the person asked to be left alone for good
/// (the e-mail address or phone number is on the suppression list), and when
/// a prospect with the e-mail address exists (409 with its id). The two-year
/// retention period starts now.
#[utoipa::path(
    tag = "prospects",
    operation_id = "create_prospect",
    request_body(content = ProspectRequest, example = json!({"email": "an@bakkerij-peeters.be", "full_name": "An Peeters", "phone": "0470 12 34 67", "company": "Bakkerij Peeters", "interest_notes": "Asked about invoicing at the Gent fair", "source": "event"})),
    responses(
        (status = 201, description = "Added", body = ProspectView),
        (status = 403, description = "Not an operator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A prospect with this e-mail address exists (`duplicate_email`, with its id), or the person is on the suppression list (`suppressed`)", body = DuplicateProblem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/prospects")]
pub async fn create(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    body: crate::json_body::Json<ProspectRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let mut checks = FieldChecks::default();
    let email = parse_email(&mut checks, &body.email);
    let full_name = parse_name(&mut checks, body.full_name.as_deref());
    let phone = parse_phone(&mut checks, body.phone.as_deref());
    let company = parse_company(&mut checks, body.company.as_deref());
    let notes = parse_notes(&mut checks, body.interest_notes.as_deref());
    checks.finish()?;
    let (Some(email), Some(full_name), Some(phone), Some(company), Some(interest_notes)) =
        (email, full_name, phone, company, notes)
    else {
        return Err(ApiError::Internal(
            "validation passed without a value".into(),
        ));
    };
    let now = state.clock.now();
    let prospect = Prospect {
        id: Uuid::now_v7(),
        email,
        full_name,
        phone,
        company,
        interest_notes,
        source: body.source.as_str().to_owned(),
        created_at: now,
        last_interaction_at: now,
        not_interested_at: None,
    };
    let (request_id, who) = (request_id(&req), actor(&caller));
    let outcome = state
        .write(move |conn| {
            refuse_suppressed(conn, &prospect.email, prospect.phone.as_deref(), now)?;
            if let Some(existing) = prospects::find_by_email(conn, &prospect.email)? {
                return Ok(Err(existing.id));
            }
            prospects::insert(conn, &prospect)?;
            Audit::new("prospect.created", who, now)
                .target("prospect", prospect.id)
                .details(serde_json::json!({ "source": prospect.source }))
                .request(request_id)
                .write(conn)?;
            Ok(Ok(view(&prospect, now)))
        })
        .await?;
    Ok(match outcome {
        Ok(view) => HttpResponse::Created().json(view),
        Err(existing) => duplicate(existing),
    })
}
