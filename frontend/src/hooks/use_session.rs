//! The session context the App provides: the current state and the API client.

use std::rc::Rc;

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
}

/// The session; the App always provides it.
#[hook]
pub fn use_session() -> SessionContext {
    match use_context::<SessionContext>() {
        Some(context) => context,
        None => unreachable!("the App provides the session context around every page"),
    }
}
