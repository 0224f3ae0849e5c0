//! `PATCH /api/v1/operator/prospects/{id}`.

use actix_web::{patch, web, HttpRequest, HttpResponse};
use ecom_storage::privacy::prospects;
use ecom_types::crm::DuplicateProblem;
use ecom_types::prospects::{ProspectUpdate, ProspectView};
use ecom_types::Problem;
use uuid::Uuid;

use super::create::duplicate;
use super::{
    actor, find, parse_company, parse_email, parse_name, parse_notes, parse_phone,
    refuse_suppressed, view,
};
use crate::audit::Audit;
use crate::auth::{caller::request_id, OperatorCaller};
use crate::error::{ApiError, FieldChecks};
use crate::state::AppState;

/// Edits a prospect; `record_interaction` notes an interaction now, which
/// restarts the two-year retention period. A prospect who said "not
/// interested" cannot be edited (it awaits erasure).
#[utoipa::path(
    tag = "prospects",
    operation_id = "update_prospect",
    params(("id" = Uuid, Path, description = "The prospect's id")),
    request_body(content = ProspectUpdate, example = json!({"interest_notes": "Called back: wants a demo in March", "record_interaction": true})),
    responses(
        (status = 200, description = "Changed", body = ProspectView),
        (status = 403, description = "Not an operator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such prospect (or already erased)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Another prospect has this e-mail address (`duplicate_email`, with its id), the person is on the suppression list (`suppressed`), or said \"not interested\" (`not_interested`)", body = DuplicateProblem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[patch("/operator/prospects/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    id: web::Path<Uuid>,
    body: crate::json_body::Json<ProspectUpdate>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    let body = body.into_inner()?;
    let mut checks = FieldChecks::default();
    let email = body
        .email
        .as_deref()
        .map(|raw| parse_email(&mut checks, raw));
    let full_name = body
        .full_name
        .as_deref()
        .map(|raw| parse_name(&mut checks, Some(raw)));
    let phone = body
        .phone
        .as_deref()
        .map(|raw| parse_phone(&mut checks, Some(raw)));
    let company = body
        .company
        .as_deref()
        .map(|raw| parse_company(&mut checks, Some(raw)));
    let notes = body
        .interest_notes
        .as_deref()
        .map(|raw| parse_notes(&mut checks, Some(raw)));
    checks.finish()?;
    // Absent: unchanged; `Some(None)`: cleared (the parse failures returned above).
    let email = email.flatten();
    let (full_name, phone, company, notes) = (
        full_name.map(Option::flatten),
        phone.map(Option::flatten),
        company.map(Option::flatten),
        notes.map(Option::flatten),
    );
    let now = state.clock.now();
    let (request_id, who) = (request_id(&req), actor(&caller));
    let outcome = state
        .write(move |conn| {
            let mut prospect = find(conn, id)?;
            if prospect.not_interested_at.is_some() {
                return Err(ApiError::Conflict {
                    code: "not_interested",
                    detail: "this prospect said \"not interested\" and is left alone for good; the record is erased by the next retention sweep".into(),
                    field: None,
                });
            }
            let mut changed: Vec<&str> = Vec::new();
            if let Some(email) = email {
                if email != prospect.email {
                    prospect.email = email;
                    changed.push("email");
                }
            }
            for (field, target, value) in [
                ("full_name", &mut prospect.full_name, &full_name),
                ("phone", &mut prospect.phone, &phone),
                ("company", &mut prospect.company, &company),
                ("interest_notes", &mut prospect.interest_notes, &notes),
            ] {
                if let Some(new) = value {
                    if target != new {
                        target.clone_from(new);
                        changed.push(field);
                    }
                }
            }
            if let Some(source) = body.source {
                if source.as_str() != prospect.source {
                    prospect.source = source.as_str().to_owned();
                    changed.push("source");
                }
            }
            refuse_suppressed(conn, &prospect.email, prospect.phone.as_deref(), now)?;
            if changed.contains(&"email") {
                if let Some(existing) = prospects::find_by_email(conn, &prospect.email)?
                    .filter(|other| other.id != prospect.id)
                {
                    return Ok(Err(existing.id));
                }
            }
            if body.record_interaction {
                prospect.last_interaction_at = now;
            }
            prospects::update(conn, &prospect)?;
            Audit::new("prospect.updated", who, now)
                .target("prospect", prospect.id)
                .details(serde_json::json!({
                    "fields": changed,
                    "interaction_recorded": body.record_interaction,
                }))
                .request(request_id)
                .write(conn)?;
            Ok(Ok(view(&prospect, now)))
        })
        .await?;
    Ok(match outcome {
        Ok(view) => HttpResponse::Ok().json(view),
        Err(existing) => duplicate(existing),
    })
}
