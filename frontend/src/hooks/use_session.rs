//! The session context the App provides: the current state and the API client.

use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::Api;
use crate::state::{SessionAction, SessionState};

/// What every page can read about the session, and the client to call with.
#[derive(Clone, PartialEq)]
pub struct SessionContext {
    pub state: Rc<SessionState>,
    pub api: Api,
}

impl SessionContext {
    /// Records a session change (sign-in, new tokens, log-out).
    pub fn apply(&self, action: SessionAction) {
        self.api.apply(action);
    }

    /// Asks `GET /api/v1/me` again after something changed the tenant (an
    /// order ends the trial); the page stays while it loads.
    pub fn reload_profile(&self) {
        let api = self.api.clone();
        spawn_local(async move {
            if let Ok(me) = crate::api::me::get(&api).await {
                api.apply(SessionAction::ProfileLoaded(Box::new(me)));
            }
        });
    }
}

/// The session; the App always provides it.
#[hook]
pub fn use_session() -> SessionContext {
    match use_context::<SessionContext>() {
        Some(context) => context,
        None => unreachable!("the App provides the session context around every page"),
    }
}
