//! A small fetch client: JSON in and out, `Authorization: Bearer` for
//! authenticated calls, RFC 9457 problems parsed into [`ApiError`].
//!
//! On a 401 the client exchanges the refresh token once and retries. Refresh
//! tokens are single-use, so concurrent calls share one refresh instead of
//! each spending the same token (the second would be refused and log the
//! person out).

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use ecom_types::auth::{RefreshRequest, TokenPair};
use ecom_types::{FieldError, Problem};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use yew::Callback;

use crate::i18n;
use crate::state::{persist, SessionAction, SessionState, SignOutReason};

/// Why a call failed, in terms the UI can show. Never raw JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server answered with a problem document.
    Problem(Problem),
    /// The server could not be reached.
    Network,
    /// The server answered something that is not the expected JSON.
    Unexpected { status: u16 },
    /// The session ended and could not be refreshed; the person must log in.
    SessionExpired,
}

impl ApiError {
    /// A sentence for the person: the problem's `detail` (in Dutch or French
    /// a translation by its code, where there is one), or a generic one.
    pub fn message(&self) -> String {
        let text = i18n::text();
        match self {
            Self::Problem(problem) => match i18n::problems::problem(&problem.code, i18n::lang()) {
                Some(translated) => translated.to_owned(),
                None if !problem.detail.is_empty() => problem.detail.clone(),
                None => problem.title.clone(),
            },
            Self::Network => text.error_network.to_owned(),
            Self::Unexpected { status } => {
                i18n::fill(text.error_unexpected, &[("status", &status.to_string())])
            }
            Self::SessionExpired => text.error_session_expired.to_owned(),
        }
    }

    /// The field-level errors, if the server named invalid fields.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Self::Problem(problem) => &problem.errors,
            _ => &[],
        }
    }

    /// The problem's stable code (`invalid_credentials`, `account_locked`, ...).
    pub fn code(&self) -> Option<&str> {
        match self {
            Self::Problem(problem) => Some(problem.code.as_str()),
            _ => None,
        }
    }

    /// The request id to quote to support.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Problem(problem) => problem.request_id.as_deref(),
            _ => None,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

/// The problem code of a wrong e-mail/password combination.
pub const INVALID_CREDENTIALS: &str = "invalid_credentials";

type RefreshFuture = Shared<LocalBoxFuture<'static, Result<TokenPair, ApiError>>>;

struct Inner {
    /// The client's copy of the session, kept by the same reducer as the UI's.
    session: SessionState,
    /// The refresh under way, shared by every call that got a 401 meanwhile.
    refreshing: Option<RefreshFuture>,
}

/// The API client of one App: owns the session's credentials for the calls
/// and reports every session change to the App's reducer.
#[derive(Clone)]
pub struct Api {
    inner: Rc<RefCell<Inner>>,
    on_change: Callback<SessionAction>,
}

impl PartialEq for Api {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Api {
    /// `on_change` receives every session action (the App dispatches it to
    /// its reducer, which re-renders).
    pub fn new(session: SessionState, on_change: Callback<SessionAction>) -> Self {
        Self {
            inner: Rc::new(RefCell::new(Inner {
                session,
                refreshing: None,
            })),
            on_change,
        }
    }

    /// Records a session change: in the client, in `sessionStorage`, and in
    /// the App's state.
    pub fn apply(&self, action: SessionAction) {
        let credentials = {
            let mut inner = self.inner.borrow_mut();
            inner.session = inner.session.apply(action.clone());
            inner.session.credentials.clone()
        };
        persist::save(credentials.as_ref());
        self.on_change.emit(action);
    }

    fn tokens(&self) -> (Option<String>, Option<String>) {
        let inner = self.inner.borrow();
        (
            inner.session.access_token().map(str::to_owned),
            inner.session.refresh_token().map(str::to_owned),
        )
    }

    /// An authenticated call: adds the bearer token, and on a 401 refreshes
    /// the session once and retries.
    pub async fn send<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
    ) -> Result<Response, ApiError> {
        self.send_accepting(method, path, body, JSON).await
    }

    /// [`Self::send`], asking for `accept` (e.g. a PDF) instead of JSON.
    pub async fn send_accepting<B: Serialize>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        accept: &str,
    ) -> Result<Response, ApiError> {
        let (access, _) = self.tokens();
        let Some(access) = access else {
            return Err(ApiError::SessionExpired);
        };
        // A POST carries an Idempotency-Key, the same for every try of this
        // call: an answer lost on the way is asked for once more, and the
        // server replays it instead of doing the work twice.
        let key = (method == Method::POST).then(|| uuid::Uuid::new_v4().to_string());
        let key = key.as_deref();
        let first = send_keyed(method.clone(), path, body, Some(&access), accept, key).await;
        let response = match (first, key) {
            (Err(ApiError::Network), Some(_)) => {
                send_keyed(method.clone(), path, body, Some(&access), accept, key).await?
            }
            (first, _) => first?,
        };
        if response.status() != 401 {
            return Ok(response);
        }
        // A wrong password in a request (e.g. the current password when
        // changing it) is not an expired session: report it, keep the session.
        let rejection = problem(response).await;
        if rejection.code() == Some(INVALID_CREDENTIALS) {
            return Err(rejection);
        }
        let fresh = self.refreshed_after(&access).await?;
        let retried = send_keyed(method, path, body, Some(&fresh), accept, key).await?;
        if retried.status() == 401 {
            self.apply(SessionAction::SignedOut(SignOutReason::SessionExpired));
            return Err(ApiError::SessionExpired);
        }
        Ok(retried)
    }

    /// An access token newer than `rejected`: the one another call already
    /// obtained, the result of the refresh under way, or a new refresh.
    async fn refreshed_after(&self, rejected: &str) -> Result<String, ApiError> {
        let (access, refresh) = self.tokens();
        match access {
            Some(current) if current != rejected => return Ok(current),
            None => return Err(ApiError::SessionExpired),
            Some(_) => {}
        }
        let shared = {
            let mut inner = self.inner.borrow_mut();
            match &inner.refreshing {
                Some(under_way) => under_way.clone(),
                None => {
                    let Some(refresh_token) = refresh else {
                        return Err(ApiError::SessionExpired);
                    };
                    let future = crate::api::auth::refresh(RefreshRequest { refresh_token })
                        .boxed_local()
                        .shared();
                    inner.refreshing = Some(future.clone());
                    future
                }
            }
        };
        let outcome = shared.clone().await;
        // Only the first caller to finish records the outcome.
        let first = {
            let mut inner = self.inner.borrow_mut();
            let is_ours = inner.refreshing.as_ref().is_some_and(|f| f.ptr_eq(&shared));
            if is_ours {
                inner.refreshing = None;
            }
            is_ours
        };
        match outcome {
            Ok(pair) => {
                if first {
                    self.apply(SessionAction::TokensRotated(pair.clone()));
                }
                Ok(pair.access_token)
            }
            Err(error) => {
                if first {
                    self.apply(SessionAction::SignedOut(SignOutReason::SessionExpired));
                }
                Err(match error {
                    ApiError::Network => ApiError::Network,
                    _ => ApiError::SessionExpired,
                })
            }
        }
    }

    /// `GET` an authenticated resource.
    pub async fn get<R: DeserializeOwned>(&self, path: &str) -> Result<R, ApiError> {
        json(self.send::<()>(Method::GET, path, None).await?).await
    }

    /// `POST` to an authenticated resource and read its JSON answer.
    pub async fn post<B: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<R, ApiError> {
        json(self.send(Method::POST, path, Some(body)).await?).await
    }

    /// `POST` without a body (actions like `/deactivate`).
    pub async fn post_empty<R: DeserializeOwned>(&self, path: &str) -> Result<R, ApiError> {
        json(self.send::<()>(Method::POST, path, None).await?).await
    }

    /// `GET` a file (a PDF, an XML document) as bytes.
    pub async fn get_bytes(&self, path: &str, media_type: &str) -> Result<Vec<u8>, ApiError> {
        let accept = format!("{media_type}, application/problem+json");
        let response = self
            .send_accepting::<()>(Method::GET, path, None, &accept)
            .await?;
        if !response.ok() {
            return Err(problem(response).await);
        }
        let status = response.status();
        response
            .binary()
            .await
            .map_err(|_| ApiError::Unexpected { status })
    }

    /// `PUT` raw bytes (an uploaded file) and read the JSON answer. No
    /// refresh-and-retry: the page that offers the upload has just loaded.
    pub async fn put_bytes<R: DeserializeOwned>(
        &self,
        path: &str,
        media_type: &str,
        bytes: &[u8],
    ) -> Result<R, ApiError> {
        let (access, _) = self.tokens();
        let Some(access) = access else {
            return Err(ApiError::SessionExpired);
        };
        let body = js_sys::Uint8Array::from(bytes);
        let response = RequestBuilder::new(path)
            .method(Method::PUT)
            .header("Accept", JSON)
            .header("Content-Type", media_type)
            .header("Authorization", &format!("Bearer {access}"))
            .body(body)
            .map_err(|_| ApiError::Network)?
            .send()
            .await
            .map_err(|_| ApiError::Network)?;
        json(response).await
    }

    /// `PUT` a JSON body and read the JSON answer.
    pub async fn put<B: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<R, ApiError> {
        json(self.send(Method::PUT, path, Some(body)).await?).await
    }

    /// `DELETE`, expecting `204 No Content`.
    pub async fn delete(&self, path: &str) -> Result<(), ApiError> {
        no_content(self.send::<()>(Method::DELETE, path, None).await?).await
    }
}

/// What JSON calls accept: the answer, or a problem.
const JSON: &str = "application/json, application/problem+json";

/// One HTTP request to the same origin, expecting JSON.
pub async fn send<B: Serialize>(
    method: Method,
    path: &str,
    body: Option<&B>,
    bearer: Option<&str>,
) -> Result<Response, ApiError> {
    send_accepting(method, path, body, bearer, JSON).await
}

/// One HTTP request to the same origin, asking for `accept`.
async fn send_accepting<B: Serialize>(
    method: Method,
    path: &str,
    body: Option<&B>,
    bearer: Option<&str>,
    accept: &str,
) -> Result<Response, ApiError> {
    send_keyed(method, path, body, bearer, accept, None).await
}

/// [`send_accepting`] with an optional `Idempotency-Key`.
async fn send_keyed<B: Serialize>(
    method: Method,
    path: &str,
    body: Option<&B>,
    bearer: Option<&str>,
    accept: &str,
    idempotency_key: Option<&str>,
) -> Result<Response, ApiError> {
    let mut builder = RequestBuilder::new(path)
        .method(method)
        .header("Accept", accept);
    if let Some(token) = bearer {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    if let Some(key) = idempotency_key {
        builder = builder.header("Idempotency-Key", key);
    }
    let request = match body {
        Some(body) => builder.json(body),
        None => builder.build(),
    }
    .map_err(|_| ApiError::Network)?;
    request.send().await.map_err(|_| ApiError::Network)
}

/// A public (unauthenticated) `POST` with a JSON answer.
pub async fn post_public<B: Serialize, R: DeserializeOwned>(
    path: &str,
    body: &B,
) -> Result<R, ApiError> {
    json(send(Method::POST, path, Some(body), None).await?).await
}

/// A public (unauthenticated) `GET`.
pub async fn get_public<R: DeserializeOwned>(path: &str) -> Result<R, ApiError> {
    json(send::<()>(Method::GET, path, None, None).await?).await
}

/// The body of a 2xx answer as `R`, or the problem it reports.
pub async fn json<R: DeserializeOwned>(response: Response) -> Result<R, ApiError> {
    if !response.ok() {
        return Err(problem(response).await);
    }
    let status = response.status();
    response
        .json::<R>()
        .await
        .map_err(|_| ApiError::Unexpected { status })
}

/// Success without a body, or the problem reported.
pub async fn no_content(response: Response) -> Result<(), ApiError> {
    if response.ok() {
        Ok(())
    } else {
        Err(problem(response).await)
    }
}

async fn problem(response: Response) -> ApiError {
    let status = response.status();
    match response.json::<Problem>().await {
        Ok(problem) => ApiError::Problem(problem),
        Err(_) => ApiError::Unexpected { status },
    }
}

impl Api {
    /// `POST` a CSV file (an import), refreshing the session once on a 401
    /// like [`Self::send`]. Answers the raw response: an import reads both
    /// its report and its refusal (a problem carrying the row report).
    pub async fn post_csv(&self, path: &str, csv: &str) -> Result<Response, ApiError> {
        let (access, _) = self.tokens();
        let Some(access) = access else {
            return Err(ApiError::SessionExpired);
        };
        let response = send_csv(path, csv, &access).await?;
        if response.status() != 401 {
            return Ok(response);
        }
        let fresh = self.refreshed_after(&access).await?;
        let retried = send_csv(path, csv, &fresh).await?;
        if retried.status() == 401 {
            self.apply(SessionAction::SignedOut(SignOutReason::SessionExpired));
            return Err(ApiError::SessionExpired);
        }
        Ok(retried)
    }
}

/// One `POST` of a `text/csv` body to the same origin.
async fn send_csv(path: &str, csv: &str, bearer: &str) -> Result<Response, ApiError> {
    RequestBuilder::new(path)
        .method(Method::POST)
        .header("Accept", JSON)
        .header("Content-Type", "text/csv")
        .header("Authorization", &format!("Bearer {bearer}"))
        .body(csv.to_owned())
        .map_err(|_| ApiError::Network)?
        .send()
        .await
        .map_err(|_| ApiError::Network)
}
