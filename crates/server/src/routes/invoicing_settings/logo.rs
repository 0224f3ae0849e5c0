//! `PUT|GET|DELETE /api/v1/invoicing/settings/logo`: the logo on the PDFs.

use actix_web::{delete, get, put, web, HttpRequest, HttpResponse};
use base64::Engine;
use ecom_documents::{Logo, MAX_LOGO_BYTES};
use ecom_domain::contract::Module;
use ecom_types::sales::InvoicingSettingsView;
use ecom_types::Problem;
use futures_util::StreamExt;

use crate::access::{self, Access};
use crate::auth::AdminCaller;
use crate::error::ApiError;
use crate::sales;
use crate::state::AppState;

/// Uploads the logo printed on quotations and invoices: the raw PNG or JPEG
/// file as the body (`Content-Type: image/png` or `image/jpeg`), at most
/// 512 KiB and 4000 pixels a side. Administrator only.
#[utoipa::path(
    tag = "invoicing",
    request_body(content = Vec<u8>, content_type = "image/png", description = "The PNG or JPEG file"),
    responses(
        (status = 200, description = "Saved", body = InvoicingSettingsView),
        (status = 403, description = "Not the Administrator, or the Invoicing module is not subscribed", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 512 KiB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a readable PNG or JPEG", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[put("/invoicing/settings/logo")]
pub async fn upload(
    state: web::Data<AppState>,
    AdminCaller(caller): AdminCaller,
    mut body: web::Payload,
) -> Result<web::Json<InvoicingSettingsView>, ApiError> {
    let mut bytes = web::BytesMut::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|e| ApiError::BadRequest {
            code: "unreadable_body",
            detail: format!("the body could not be read: {e}"),
        })?;
        if bytes.len() + chunk.len() > MAX_LOGO_BYTES {
            return Err(ApiError::PayloadTooLarge {
                limit: MAX_LOGO_BYTES,
            });
        }
        bytes.extend_from_slice(&chunk);
    }
    let logo = Logo::parse(&bytes).map_err(|e| {
        ApiError::Validation(vec![ecom_types::FieldError {
            field: "logo".into(),
            code: "invalid_logo".into(),
            message: e.to_string().trim_start_matches("logo: ").to_owned(),
        }])
    })?;
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Invoicing, Access::Write, now)?;
            let mut row = sales::settings(conn, caller.tenant, now)?;
            row.logo_media_type = Some(logo.media_type.into());
            row.logo_base64 = Some(base64::engine::general_purpose::STANDARD.encode(logo.bytes()));
            row.updated_at = ecom_storage::sales::db_time(now);
            ecom_storage::sales::save_settings(conn, caller.tenant, &row)?;
            super::view(conn, caller.tenant, &row, now)
        })
        .await?;
    Ok(web::Json(view))
}

/// The uploaded logo file.
#[utoipa::path(
    tag = "invoicing",
    responses(
        (status = 200, description = "The logo", content_type = "image/png"),
        (status = 404, description = "No logo uploaded", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[get("/invoicing/settings/logo")]
pub async fn download(
    state: web::Data<AppState>,
    AdminCaller(caller): AdminCaller,
) -> Result<HttpResponse, ApiError> {
    let now = state.clock.now();
    let row = state
        .read(move |conn| {
            access::require(conn, &caller, Module::Invoicing, Access::Read, now)?;
            sales::settings(conn, caller.tenant, now)
        })
        .await?;
    let logo = sales::logo(&row).ok_or_else(|| ApiError::NotFound {
        detail: "no logo is uploaded".into(),
    })?;
    Ok(HttpResponse::Ok()
        .content_type(logo.media_type)
        .body(logo.bytes().to_vec()))
}

/// Removes the logo.
#[utoipa::path(
    tag = "invoicing",
    responses(
        (status = 200, description = "Removed", body = InvoicingSettingsView),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[delete("/invoicing/settings/logo")]
pub async fn remove(
    state: web::Data<AppState>,
    _req: HttpRequest,
    AdminCaller(caller): AdminCaller,
) -> Result<web::Json<InvoicingSettingsView>, ApiError> {
    let now = state.clock.now();
    let view = state
        .write(move |conn| {
            access::require(conn, &caller, Module::Invoicing, Access::Write, now)?;
            let mut row = sales::settings(conn, caller.tenant, now)?;
            row.logo_media_type = None;
            row.logo_base64 = None;
            row.updated_at = ecom_storage::sales::db_time(now);
            ecom_storage::sales::save_settings(conn, caller.tenant, &row)?;
            super::view(conn, caller.tenant, &row, now)
        })
        .await?;
    Ok(web::Json(view))
}
