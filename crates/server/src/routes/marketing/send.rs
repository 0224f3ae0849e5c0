//! `POST /api/v1/operator/marketing/messages`: a marketing message to a list.

use actix_web::{post, web, HttpRequest};
use ecom_storage::consent as store;
use ecom_storage::notices::{self, NewNotice};
use ecom_storage::users::{self, UserStatus};
use ecom_types::consent::{MarketingMessageQueued, MarketingMessageRequest};
use ecom_types::Problem;

use super::{parse_list, stopping_scopes};
use crate::audit::Audit;
use crate::auth::{caller::request_id, OperatorCaller};
use crate::consent::{email_hash, UnsubscribeToken, MARKETING_NOTICE_KIND};
use crate::error::{ApiError, FieldChecks};
use crate::state::AppState;

const SIGNATURE: &str =
    "\n-- \nEcom · Sabbani BV · Kortrijksesteenweg 376, 9000 Ghent, Belgium · BE 0810.231.595\n";

/// Queues a marketing message, through the notice outbox, to every person
/// whose latest consent to the list is a grant, whose account is active,
/// whose processing is not restricted and whose address is not on the
/// suppression list. Each message carries a personal one-click unsubscribe
/// link (also in the `List-Unsubscribe` header when sent).
#[utoipa::path(
    tag = "marketing",
    request_body(content = MarketingMessageRequest, example = json!({"list": "newsletter", "subject": "What's new in Ecom", "body": "This month: ..."})),
    responses(
        (status = 200, description = "Queued", body = MarketingMessageQueued),
        (status = 403, description = "Not an operator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Unknown list or empty subject/body", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer_token" = []))
)]
#[post("/operator/marketing/messages")]
pub async fn send(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: OperatorCaller,
    body: crate::json_body::Json<MarketingMessageRequest>,
) -> Result<web::Json<MarketingMessageQueued>, ApiError> {
    use ecom_domain::account::parse_text;
    let body = body.into_inner()?;
    let mut checks = FieldChecks::default();
    let list = checks.check(
        "list",
        parse_list(&body.list).map_err(|_| {
            ecom_domain::account::InvalidInput::new(
                "unknown_list",
                "the list is onboarding, product_updates, newsletter or events",
            )
        }),
    );
    let subject = checks.check("subject", parse_text(&body.subject, "the subject", 200));
    let text = checks.check(
        "body",
        crate::consent::parse_multiline(&body.body, "the body", 20_000),
    );
    checks.finish()?;
    let (Some(list), Some(subject), Some(text)) = (list, subject, text) else {
        return Err(ApiError::Internal(
            "validation passed with a missing field".into(),
        ));
    };
    let now = state.clock.now();
    let request_id = request_id(&req);
    let settings = state.settings.clone();
    let result = state
        .write(move |conn| {
            let mut result = MarketingMessageQueued {
                list: list.as_str().into(),
                queued: 0,
                skipped_suppressed: 0,
                skipped_restricted: 0,
                skipped_inactive: 0,
            };
            for (tenant, user) in store::consenting(conn, list)? {
                let Some(person) = users::find(conn, tenant, user)?.filter(|u| u.status == UserStatus::Active) else {
                    result.skipped_inactive += 1;
                    continue;
                };
                // The account's restriction, or one asked for by e-mail address
                // (a data-subject request; also set on the account when filed).
                if store::is_restricted(conn, tenant, user)? || ecom_storage::privacy::restrictions::is_restricted(conn, &person.email)? {
                    result.skipped_restricted += 1;
                    continue;
                }
                let address_hash = email_hash(conn, &person.email, now)?;
                if store::is_suppressed(conn, &address_hash, &stopping_scopes(list))? {
                    result.skipped_suppressed += 1;
                    continue;
                }
                let token = UnsubscribeToken { list, address_hash, tenant: tenant.0, user: user.0 }.sign(conn, now)?;
                let link = UnsubscribeToken::link(&settings, "{secret}");
                notices::enqueue(
                    conn,
                    &NewNotice {
                        tenant_id: Some(tenant),
                        recipient: person.email,
                        kind: MARKETING_NOTICE_KIND.into(),
                        essential: false,
                        subject: subject.clone(),
                        body: format!(
                            "{text}\n\nYou receive this because you subscribed to Ecom's {} list. Unsubscribe with one click:\n{link}\n{SIGNATURE}",
                            list.as_str().replace('_', " ")
                        ),
                        // The token is put into the link when sending, then wiped.
                        secret: Some(token),
                        dedupe_key: None,
                    },
                    now,
                )?;
                result.queued += 1;
            }
            Audit::new("marketing.message_queued", ("operator", Some(caller.operator.0)), now)
                .details(serde_json::json!({ "list": list.as_str(), "queued": result.queued }))
                .request(request_id)
                .write(conn)?;
            Ok(result)
        })
        .await?;
    Ok(web::Json(result))
}
