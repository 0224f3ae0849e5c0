//! `POST /api/v1/users`: the Administrator invites a User.

use actix_web::{post, web, HttpRequest, HttpResponse};
use ecom_domain::account::{parse_phone, parse_text};
use ecom_domain::{EmailAddress, PersonName, Role, UserId};
use ecom_storage::users::{self, NewUser, UserStatus};
use ecom_types::user::{InvitationCreated, InviteUserRequest};
use ecom_types::Problem;
use uuid::Uuid;

use super::{new_invitation, queue_invitation};
use crate::audit::Audit;
use crate::auth::{caller::request_id, AdminCaller};
use crate::error::{ApiError, FieldChecks};
use crate::state::AppState;
use crate::views;

/// Creates an invited User, e-mails them a link to choose a password, and
/// returns the one-time invitation token (valid 7 days) so the Administrator
/// can also hand it over directly. Administrator only.
#[utoipa::path(
    tag = "users",
    request_body = InviteUserRequest,
    responses(
        (status = 201, description = "Invited", body = InvitationCreated),
        (status = 403, description = "Not the Administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The e-mail address already has an account", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or every ordered seat in use (`seat_limit_reached`)", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []), ("api_key" = []))
)]
#[post("/users")]
pub async fn invite(
    state: web::Data<AppState>,
    req: HttpRequest,
    AdminCaller(caller): AdminCaller,
    body: crate::json_body::Json<InviteUserRequest>,
) -> Result<HttpResponse, ApiError> {
    let body = body.into_inner()?;
    let now = state.clock.now();
    let mut checks = FieldChecks::default();
    let email = checks.check("email", EmailAddress::parse(&body.email));
    let first_name = checks.check(
        "first_name",
        PersonName::parse(&body.first_name, "the first name"),
    );
    let last_name = checks.check(
        "last_name",
        PersonName::parse(&body.last_name, "the last name"),
    );
    let function = match body
        .function
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
    {
        Some(f) => checks
            .check("function", parse_text(f, "the function", 100))
            .map(Some),
        None => Some(None),
    };
    let phone = match body
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        Some(p) => checks.check("phone", parse_phone(p)).map(Some),
        None => Some(None),
    };
    checks.finish()?;
    let (Some(email), Some(first_name), Some(last_name), Some(function), Some(phone)) =
        (email, first_name, last_name, function, phone)
    else {
        return Err(ApiError::Internal(
            "validation passed with a missing field".into(),
        ));
    };
    let (token, token_hash, expires) = new_invitation(&state.settings, now);
    let request_id = request_id(&req);
    let st = state.clone();
    let mail_token = token.clone();
    let user = state
        .write(move |conn| {
            if users::email_in_use(conn, email.as_str())? {
                return Err(ApiError::Conflict {
                    code: "email_taken",
                    detail: "this e-mail address already has an Ecom account; use another address"
                        .into(),
                    field: Some("email"),
                });
            }
            crate::subscription::check_free_seat(conn, caller.tenant)?;
            let id = UserId(Uuid::now_v7());
            users::insert(
                conn,
                caller.tenant,
                &NewUser {
                    id,
                    email: email.as_str().into(),
                    password_hash: None,
                    first_name: first_name.into_inner(),
                    last_name: last_name.into_inner(),
                    function,
                    phone,
                    role: Role::User,
                    status: UserStatus::Invited,
                    invitation_token_hash: Some(token_hash),
                    invitation_expires_at: Some(expires),
                    created_at: now,
                },
            )?;
            queue_invitation(
                conn,
                &st.settings,
                &caller,
                email.as_str(),
                &mail_token,
                expires,
                now,
            )?;
            let (kind, actor) = caller.caller.actor();
            Audit::new("user.invited", (kind, Some(actor)), now)
                .tenant(caller.tenant)
                .target("user", id.0)
                .request(request_id)
                .write(conn)?;
            users::find(conn, caller.tenant, id)?
                .ok_or_else(|| ApiError::Internal("user vanished".into()))
        })
        .await?;
    Ok(HttpResponse::Created().json(InvitationCreated {
        user: views::user(&user),
        invitation_token: token,
        invitation_expires_at: expires,
    }))
}
