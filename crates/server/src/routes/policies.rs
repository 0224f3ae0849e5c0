//! The operator's versioned policy documents, public: `GET /api/v1/policies`
//! (the versions in force, to accept at sign-up, and those announced),
//! `GET /api/v1/policies/{kind}` (the one in force with its text, and the
//! history) and `GET /api/v1/policies/{kind}/{version}`.

use actix_web::{get, web};
use chrono::{DateTime, Utc};
use ecom_domain::policy::PolicyKind;
use ecom_storage::{policies, DbConnection};
use ecom_types::policy::{CurrentPolicies, PolicyDocument, PolicyHistory, PolicyVersion};
use ecom_types::Problem;

use crate::consent::{seed_text, SEED_VERSION};
use crate::error::ApiError;
use crate::state::AppState;

pub fn version_view(p: policies::PolicyVersion) -> PolicyVersion {
    PolicyVersion {
        kind: p.kind.as_str().into(),
        version: p.version,
        title: p.title,
        effective_from: p.effective_from,
    }
}

pub fn parse_kind(raw: &str) -> Result<PolicyKind, ApiError> {
    PolicyKind::parse(raw).ok_or_else(|| ApiError::NotFoundCode {
        code: "unknown_policy",
        detail: "the policies are terms, privacy, data_processing and cookies".into(),
    })
}

/// A version with its text: the stored one, or the built-in text of the first version.
fn document(
    conn: &mut DbConnection,
    found: policies::PolicyVersion,
    now: DateTime<Utc>,
) -> Result<PolicyDocument, ApiError> {
    let kind = found.kind;
    let in_force =
        policies::current_of(conn, kind, now)?.is_some_and(|c| c.version == found.version);
    let status = if in_force {
        "in_force"
    } else if found.effective_from > now {
        "upcoming"
    } else {
        "superseded"
    };
    let (summary, body) = match policies::text(conn, kind, &found.version)? {
        Some(text) => text,
        None if found.version == SEED_VERSION => {
            ("First version.".to_owned(), seed_text(kind).to_owned())
        }
        None => (String::new(), String::new()),
    };
    Ok(PolicyDocument {
        kind: kind.as_str().into(),
        version: found.version,
        title: found.title,
        effective_from: found.effective_from,
        status: status.into(),
        summary,
        body,
    })
}

/// The current version of the terms, privacy statement, data processing
/// agreement and cookie policy, and the versions announced for later.
#[utoipa::path(tag = "policies", responses((status = 200, description = "Versions in force and announced", body = CurrentPolicies)))]
#[get("/policies")]
pub async fn current(state: web::Data<AppState>) -> Result<web::Json<CurrentPolicies>, ApiError> {
    let now = state.clock.now();
    let (current, upcoming) = state
        .read(move |conn| {
            Ok((
                policies::current(conn, now)?,
                policies::upcoming(conn, now)?,
            ))
        })
        .await?;
    Ok(web::Json(CurrentPolicies {
        policies: current.into_iter().map(version_view).collect(),
        upcoming: upcoming.into_iter().map(version_view).collect(),
    }))
}

/// One policy: the version in force with its full text, and every version
/// (announced ones included) with its effective date.
#[utoipa::path(
    tag = "policies",
    params(("kind" = String, Path, description = "terms, privacy, data_processing or cookies")),
    responses(
        (status = 200, description = "The version in force and the history", body = PolicyHistory),
        (status = 404, description = "No such policy", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/policies/{kind}")]
pub async fn history(
    state: web::Data<AppState>,
    kind: web::Path<String>,
) -> Result<web::Json<PolicyHistory>, ApiError> {
    let kind = parse_kind(&kind.into_inner())?;
    let now = state.clock.now();
    let answer = state
        .read(move |conn| {
            let in_force = policies::current_of(conn, kind, now)?
                .ok_or_else(|| ApiError::not_found("policy version in force"))?;
            let in_force = document(conn, in_force, now)?;
            let versions = policies::history(conn, kind)?
                .into_iter()
                .map(version_view)
                .collect();
            Ok(PolicyHistory {
                kind: kind.as_str().into(),
                current: in_force,
                versions,
            })
        })
        .await?;
    Ok(web::Json(answer))
}

/// One version of a policy with its text (also superseded and announced ones).
#[utoipa::path(
    tag = "policies",
    params(
        ("kind" = String, Path, description = "terms, privacy, data_processing or cookies"),
        ("version" = String, Path, description = "The version label, e.g. 2026-01"),
    ),
    responses(
        (status = 200, description = "The version", body = PolicyDocument),
        (status = 404, description = "No such policy or version", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/policies/{kind}/{version}")]
pub async fn version(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<web::Json<PolicyDocument>, ApiError> {
    let (kind, label) = path.into_inner();
    let kind = parse_kind(&kind)?;
    let now = state.clock.now();
    let answer = state
        .read(move |conn| {
            let found = policies::find_version(conn, kind, &label)?
                .ok_or_else(|| ApiError::not_found("version of that policy"))?;
            document(conn, found, now)
        })
        .await?;
    Ok(web::Json(answer))
}
