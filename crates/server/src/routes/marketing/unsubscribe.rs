//! `GET`/`POST /api/v1/unsubscribe?token=...`: the one-click unsubscribe link
//! of every marketing message (RFC 8058). `GET` (a person following the
//! link, or a mail client prefetching it) only shows a confirmation; `POST`
//! (the confirm button, or the mail client's one-click request with
//! `List-Unsubscribe=One-Click`) unsubscribes.

use actix_web::http::header;
use actix_web::{get, post, web, HttpRequest, HttpResponse};
use ecom_domain::consent::ConsentSource;
use ecom_domain::policy::PolicyKind;
use ecom_domain::{TenantId, UserId};
use ecom_storage::{consent as store, policies, users};
use ecom_types::consent::UnsubscribeView;
use ecom_types::Problem;
use serde::Deserialize;

use crate::audit::Audit;
use crate::consent::UnsubscribeToken;
use crate::error::ApiError;
use crate::state::AppState;

/// The link's query.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct TokenQuery {
    /// The signed token from the e-mail.
    pub token: String,
}

fn invalid() -> ApiError {
    ApiError::NotFoundCode {
        code: "invalid_unsubscribe_link",
        detail: "this unsubscribe link is not valid; copy the whole link from the e-mail".into(),
    }
}

fn wants_html(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| {
            accept.contains("text/html") && !accept.starts_with("application/json")
        })
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn answer(req: &HttpRequest, view: UnsubscribeView, token: &str) -> HttpResponse {
    if !wants_html(req) {
        return HttpResponse::Ok().json(view);
    }
    let form = if view.unsubscribed {
        String::new()
    } else {
        format!(
            "<form method=\"post\" action=\"/api/v1/unsubscribe?token={}\"><input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\"><button type=\"submit\" data-testid=\"unsubscribe-confirm\">Unsubscribe</button></form>",
            escape(token)
        )
    };
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Ecom: unsubscribe</title></head><body><main><h1>Unsubscribe</h1><p data-testid=\"unsubscribe-message\">{}</p>{form}<p><a href=\"/privacy\">Privacy centre</a></p></main></body></html>",
        escape(&view.message)
    ))
}

/// Shows what the link would unsubscribe from; changes nothing.
#[utoipa::path(
    tag = "marketing",
    params(TokenQuery),
    responses(
        (status = 200, description = "Confirmation (JSON, or an HTML page for browsers)", body = UnsubscribeView),
        (status = 404, description = "The link is not valid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/unsubscribe")]
pub async fn confirm(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: crate::query_params::Query<TokenQuery>,
) -> Result<HttpResponse, ApiError> {
    let token = query.into_inner()?.token;
    let now = state.clock.now();
    let checked = token.clone();
    let parsed = state
        .read(move |conn| UnsubscribeToken::verify(conn, &checked, now))
        .await?
        .ok_or_else(invalid)?;
    let name = parsed.list.as_str().replace('_', " ");
    let view = UnsubscribeView {
        list: parsed.list.as_str().into(),
        unsubscribed: false,
        message: format!("Stop receiving Ecom's {name} e-mails? Confirm to unsubscribe."),
    };
    Ok(answer(&req, view, &token))
}

/// Unsubscribes at once, without logging in: the consent to the list is
/// withdrawn and the address's keyed hash goes on the suppression list, so
/// it is never sent this list again. Repeating it changes nothing.
#[utoipa::path(
    tag = "marketing",
    params(TokenQuery),
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "`List-Unsubscribe=One-Click` (RFC 8058); may be empty"),
    responses(
        (status = 200, description = "Unsubscribed (JSON, or an HTML page for browsers)", body = UnsubscribeView),
        (status = 404, description = "The link is not valid", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/unsubscribe")]
pub async fn unsubscribe(
    state: web::Data<AppState>,
    req: HttpRequest,
    query: crate::query_params::Query<TokenQuery>,
) -> Result<HttpResponse, ApiError> {
    let token = query.into_inner()?.token;
    let now = state.clock.now();
    let checked = token.clone();
    let list = state
        .write(move |conn| {
            let parsed = UnsubscribeToken::verify(conn, &checked, now)?.ok_or_else(invalid)?;
            store::suppress(conn, &parsed.address_hash, parsed.list.as_str(), now)?;
            let (tenant, user) = (TenantId(parsed.tenant), UserId(parsed.user));
            // The account may have been erased since; the hash is enough then.
            if users::find(conn, tenant, user)?.is_some() {
                let still_granted = store::current_consents(conn, tenant, user)?
                    .iter()
                    .any(|c| c.list == parsed.list && c.granted);
                if still_granted {
                    let version = policies::current_of(conn, PolicyKind::Privacy, now)?
                        .map(|p| p.version)
                        .unwrap_or_default();
                    store::record_consent(
                        conn,
                        tenant,
                        user,
                        parsed.list,
                        false,
                        ConsentSource::UnsubscribeLink,
                        &version,
                        now,
                    )?;
                }
                Audit::new("marketing.unsubscribed", ("unsubscribe_link", None), now)
                    .tenant(tenant)
                    .target("user", user.0)
                    .details(serde_json::json!({ "list": parsed.list.as_str() }))
                    .write(conn)?;
            }
            Ok(parsed.list)
        })
        .await?;
    let name = list.as_str().replace('_', " ");
    let view = UnsubscribeView {
        list: list.as_str().into(),
        unsubscribed: true,
        message: format!(
            "You are unsubscribed from Ecom's {name} e-mails. You will not receive them again."
        ),
    };
    Ok(answer(&req, view, &token))
}
