//! `GET /api/v1/operator/prospects`.

use actix_web::{get, web};
use ecom_storage::privacy::prospects::{self, ProspectQuery, ProspectSort, StatusFilter};
use ecom_types::page::Page;
use ecom_types::prospects::ProspectView;
use ecom_types::Problem;

use super::view;
use crate::auth::OperatorCaller;
use crate::crm;
use crate::error::ApiError;
use crate::pagination::{self, Sort};
use crate::state::AppState;

/// `GET /api/v1/operator/prospects` query.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProspectListQuery {
    /// Page size: default 50, at most 200.
    pub limit: Option<u32>,
    /// `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// `created_at`, `last_interaction_at` or `email`; `-` in front for descending. Default `-created_at`.
    #[param(pattern = r"^(-?(created_at|last_interaction_at|email))?$")]
    pub sort: Option<String>,
    /// Search in the name, e-mail address and company.
    pub q: Option<String>,
    /// `active` or `not_interested`; both when absent.
    pub status: Option<String>,
}

const SORTS: [&str; 3] = ["created_at", "last_interaction_at", "email"];

/// The prospects: searched, filtered by status, one page at a time, each
/// with the date the retention sweep erases it.
#[utoipa::path(
    tag = "prospects",
    operation_id = "list_prospects",
    params(ProspectListQuery),
    responses(
        (status = 200, description = "One page of prospects", body = Page<ProspectView>),
        (status = 400, description = "Unknown sort field, status filter or a bad cursor", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an operator", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[get("/operator/prospects")]
pub async fn list(
    state: web::Data<AppState>,
    _caller: OperatorCaller,
    query: crate::query_params::Query<ProspectListQuery>,
) -> Result<web::Json<Page<ProspectView>>, ApiError> {
    let query = query.into_inner()?;
    let status = match query.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some("active") => Some(StatusFilter::Active),
        Some("not_interested") => Some(StatusFilter::NotInterested),
        Some(other) => {
            return Err(ApiError::BadRequest {
                code: "invalid_filter",
                detail: format!("status must be `active` or `not_interested`, not {other:?}"),
            })
        }
    };
    let sort = pagination::sort(
        query.sort.as_deref(),
        &SORTS,
        Sort {
            field: "created_at",
            descending: true,
        },
    )?;
    let key = match sort.field {
        "last_interaction_at" => ProspectSort::LastInteractionAt,
        "email" => ProspectSort::Email,
        _ => ProspectSort::CreatedAt,
    };
    let limit = pagination::limit(query.limit);
    let after = crm::after(query.cursor.as_deref(), &sort, |raw| key.parse_value(raw))?;
    let now = state.clock.now();
    let page = state
        .read(move |conn| {
            let list = prospects::list(
                conn,
                &ProspectQuery {
                    q: query.q.clone().filter(|q| !q.trim().is_empty()),
                    status,
                    sort: key,
                    descending: sort.descending,
                    after,
                    limit,
                },
            )?;
            let next_cursor = crm::next_cursor(
                &sort,
                list.len(),
                limit,
                list.last().map(|p| (key.value_of(p), p.id)),
            );
            Ok(Page {
                items: list.iter().map(|p| view(p, now)).collect(),
                next_cursor,
            })
        })
        .await?;
    Ok(web::Json(page))
}
