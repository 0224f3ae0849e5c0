//! Ecom's single-page app: sign-up, log-in, the dashboard and the tenant's
//! administration (users, API keys), talking to the same-origin `/api/v1`.

mod api;
mod app;
mod components;
mod hooks;
mod i18n;
mod pages;
mod routes;
mod state;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
