//! `GET /api/v1/catalogue`: what can be ordered, at what price.

use actix_web::{get, web};
use ecom_storage::catalogue;
use ecom_types::contract::Catalogue;

use crate::error::ApiError;
use crate::pricing::PriceBook;
use crate::state::AppState;

/// The Basic Package, the extra seat and the optional modules, with their
/// annual prices in EUR excluding VAT today and any announced change.
#[utoipa::path(tag = "subscription", responses((status = 200, description = "The catalogue", body = Catalogue)))]
#[get("/catalogue")]
pub async fn get(state: web::Data<AppState>) -> Result<web::Json<Catalogue>, ApiError> {
    let now = state.clock.now();
    let prices = state.read(|conn| Ok(catalogue::all(conn)?)).await?;
    Ok(web::Json(PriceBook::new(prices).catalogue(now)))
}
