//! The work modules: calendar, projects with tasks and time, tickets and
//! calls. One function per endpoint.

use ecom_types::page::Page;
use ecom_types::work::*;
use gloo_net::http::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

use super::client::{self, Api, ApiError};

async fn put<B: Serialize, R: DeserializeOwned>(
    api: &Api,
    path: &str,
    body: &B,
) -> Result<R, ApiError> {
    client::json(api.send(Method::PUT, path, Some(body)).await?).await
}

/// Percent-encodes a query value.
pub fn encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

// ---- calendar

/// `GET /api/v1/calendar/events?from=&to=` (the whole range, following cursors).
pub async fn events(api: &Api, from: &str, to: &str) -> Result<Vec<EventView>, ApiError> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut path = format!(
            "/api/v1/calendar/events?limit=200&from={}&to={}",
            encode(from),
            encode(to)
        );
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={}", encode(c)));
        }
        let page: Page<EventView> = api.get(&path).await?;
        items.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(items),
        }
    }
}

pub async fn create_event(api: &Api, body: &EventRequest) -> Result<EventView, ApiError> {
    api.post("/api/v1/calendar/events", body).await
}

pub async fn update_event(api: &Api, id: Uuid, body: &EventRequest) -> Result<EventView, ApiError> {
    put(api, &format!("/api/v1/calendar/events/{id}"), body).await
}

pub async fn delete_event(api: &Api, id: Uuid) -> Result<(), ApiError> {
    api.delete(&format!("/api/v1/calendar/events/{id}")).await
}

/// `POST /api/v1/calendar/feed-token`: a new private feed address.
pub async fn feed_token(api: &Api) -> Result<FeedTokenView, ApiError> {
    api.post_empty("/api/v1/calendar/feed-token").await
}

// ---- projects, tasks, time

pub async fn projects(api: &Api) -> Result<Page<ProjectView>, ApiError> {
    api.get("/api/v1/projects?limit=200").await
}

pub async fn project(api: &Api, id: Uuid) -> Result<ProjectView, ApiError> {
    api.get(&format!("/api/v1/projects/{id}")).await
}

pub async fn create_project(api: &Api, body: &ProjectRequest) -> Result<ProjectView, ApiError> {
    api.post("/api/v1/projects", body).await
}

pub async fn update_project(
    api: &Api,
    id: Uuid,
    body: &ProjectRequest,
) -> Result<ProjectView, ApiError> {
    put(api, &format!("/api/v1/projects/{id}"), body).await
}

pub async fn delete_project(api: &Api, id: Uuid) -> Result<(), ApiError> {
    api.delete(&format!("/api/v1/projects/{id}")).await
}

pub async fn tasks(api: &Api, project: Uuid) -> Result<Page<TaskView>, ApiError> {
    api.get(&format!("/api/v1/projects/{project}/tasks?limit=200"))
        .await
}

pub async fn create_task(
    api: &Api,
    project: Uuid,
    body: &TaskRequest,
) -> Result<TaskView, ApiError> {
    api.post(&format!("/api/v1/projects/{project}/tasks"), body)
        .await
}

pub async fn update_task(api: &Api, id: Uuid, body: &TaskRequest) -> Result<TaskView, ApiError> {
    put(api, &format!("/api/v1/tasks/{id}"), body).await
}

pub async fn delete_task(api: &Api, id: Uuid) -> Result<(), ApiError> {
    api.delete(&format!("/api/v1/tasks/{id}")).await
}

pub async fn time_entries(api: &Api, project: Uuid) -> Result<Page<TimeEntryView>, ApiError> {
    api.get(&format!(
        "/api/v1/time-entries?limit=200&sort=-date&project={project}"
    ))
    .await
}

pub async fn create_time_entry(
    api: &Api,
    body: &TimeEntryRequest,
) -> Result<TimeEntryView, ApiError> {
    api.post("/api/v1/time-entries", body).await
}

pub async fn delete_time_entry(api: &Api, id: Uuid) -> Result<(), ApiError> {
    api.delete(&format!("/api/v1/time-entries/{id}")).await
}

pub async fn billable(api: &Api, project: Uuid) -> Result<BillableTime, ApiError> {
    api.get(&format!("/api/v1/projects/{project}/billable"))
        .await
}

// ---- tickets

/// `GET /api/v1/tickets` with the list's filters as a ready query string.
pub async fn tickets(api: &Api, query: &str) -> Result<Page<TicketView>, ApiError> {
    api.get(&format!("/api/v1/tickets?limit=200{query}")).await
}

pub async fn ticket(api: &Api, id: Uuid) -> Result<TicketView, ApiError> {
    api.get(&format!("/api/v1/tickets/{id}")).await
}

pub async fn create_ticket(api: &Api, body: &TicketRequest) -> Result<TicketView, ApiError> {
    api.post("/api/v1/tickets", body).await
}

pub async fn update_ticket(
    api: &Api,
    id: Uuid,
    body: &TicketRequest,
) -> Result<TicketView, ApiError> {
    put(api, &format!("/api/v1/tickets/{id}"), body).await
}

pub async fn delete_ticket(api: &Api, id: Uuid) -> Result<(), ApiError> {
    api.delete(&format!("/api/v1/tickets/{id}")).await
}

pub async fn ticket_messages(api: &Api, id: Uuid) -> Result<TicketMessageList, ApiError> {
    api.get(&format!("/api/v1/tickets/{id}/messages")).await
}

pub async fn reply(
    api: &Api,
    id: Uuid,
    body: &TicketMessageRequest,
) -> Result<TicketMessageView, ApiError> {
    api.post(&format!("/api/v1/tickets/{id}/messages"), body)
        .await
}

// ---- calls

pub async fn calls(api: &Api) -> Result<Page<CallView>, ApiError> {
    api.get("/api/v1/calls?limit=200").await
}

pub async fn log_call(api: &Api, body: &CallRequest) -> Result<CallView, ApiError> {
    api.post("/api/v1/calls", body).await
}

pub async fn update_call(api: &Api, id: Uuid, body: &CallRequest) -> Result<CallView, ApiError> {
    put(api, &format!("/api/v1/calls/{id}"), body).await
}

pub async fn delete_call(api: &Api, id: Uuid) -> Result<(), ApiError> {
    api.delete(&format!("/api/v1/calls/{id}")).await
}

pub async fn do_not_call(api: &Api) -> Result<DoNotCallList, ApiError> {
    api.get("/api/v1/calls/do-not-call").await
}

pub async fn add_do_not_call(
    api: &Api,
    body: &DoNotCallRequest,
) -> Result<DoNotCallView, ApiError> {
    api.post("/api/v1/calls/do-not-call", body).await
}

pub async fn remove_do_not_call(api: &Api, id: Uuid) -> Result<(), ApiError> {
    api.delete(&format!("/api/v1/calls/do-not-call/{id}")).await
}
