//! The root component: owns the session reducer and the API client, provides
//! them as a context, loads the profile whenever a session starts, and routes.

use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, Api, ApiError};
use crate::components::Layout;
use crate::hooks::SessionContext;
use crate::routes::{switch, Route};
use crate::state::{persist, SessionAction, SessionState};

#[function_component]
pub fn App() -> Html {
    let stored = use_memo((), |()| persist::load());
    let session = use_reducer({
        let stored = stored.clone();
        move || SessionState::restored((*stored).clone())
    });
    let api = {
        let dispatcher = session.dispatcher();
        use_memo((), move |()| {
            Api::new(
                SessionState::restored((*stored).clone()),
                Callback::from(move |action| dispatcher.dispatch(action)),
            )
        })
    };

    // Whenever a session starts (log-in, reload), ask who this is.
    {
        let api = (*api).clone();
        use_effect_with(session.needs_profile(), move |needs| {
            if *needs {
                spawn_local(async move {
                    match api::me::get(&api).await {
                        Ok(me) => api.apply(SessionAction::ProfileLoaded(Box::new(me))),
                        // The client has already logged the person out.
                        Err(ApiError::SessionExpired) => {}
                        Err(error) => api.apply(SessionAction::ProfileFailed(error.message())),
                    }
                });
            }
        });
    }

    let context = SessionContext {
        state: std::rc::Rc::new((*session).clone()),
        api: (*api).clone(),
    };
    html! {
        <ContextProvider<SessionContext> {context}>
            <BrowserRouter>
                <Layout>
                    <Switch<Route> render={switch} />
                </Layout>
            </BrowserRouter>
        </ContextProvider<SessionContext>>
    }
}
