//! `GET /healthz` (the process runs) and `GET /readyz` (it can reach its database).

use actix_web::{get, web, HttpResponse};
use ecom_types::health::Health;

use crate::state::AppState;

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Liveness: the server is running.
#[utoipa::path(tag = "health", responses((status = 200, description = "Running", body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> web::Json<Health> {
    web::Json(Health {
        status: "ok".into(),
        database: None,
        version: VERSION.into(),
    })
}

/// Readiness: the database answers. 503 when it does not.
#[utoipa::path(
    tag = "health",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "The database is unreachable", body = Health),
    )
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let db = state.db.clone();
    let reachable = web::block(move || db.ping()).await.unwrap_or(false);
    let body = Health {
        status: if reachable { "ok" } else { "unavailable" }.into(),
        database: Some(if reachable { "ok" } else { "unreachable" }.into()),
        version: VERSION.into(),
    };
    if reachable {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}
