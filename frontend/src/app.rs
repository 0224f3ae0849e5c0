//! The root component: owns the session reducer and the API client, provides
//! them as a context, loads the profile (a user's or an operator's) whenever a
//! session starts, and routes. It also owns the UI's language: choosing
//! another re-renders every page at once (the page tree is keyed by it).

use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, Api, ApiError};
use crate::components::{Layout, ToastHost};
use crate::hooks::{LangContext, SessionContext};
use crate::i18n::{locale, Lang};
use crate::routes::{switch, Route};
use crate::state::{persist, SessionAction, SessionKind, SessionState};

#[function_component]
pub fn App() -> Html {
    let lang = use_state(|| {
        let lang = locale::initial();
        locale::apply(lang);
        lang
    });
    let choose_lang = {
        let lang = lang.clone();
        Callback::from(move |chosen: Lang| {
            locale::choose(chosen);
            lang.set(chosen);
        })
    };
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

    // Whenever a session starts (log-in, reload), ask who this is: a tenant's
    // user or an operator, each at its own endpoint.
    {
        let api = (*api).clone();
        use_effect_with(
            (session.needs_profile(), session.kind()),
            move |(needs, kind)| {
                let kind = *kind;
                if *needs {
                    spawn_local(async move {
                        let outcome = match kind {
                            Some(SessionKind::Operator) => api::operator::me(&api)
                                .await
                                .map(|operator| SessionAction::OperatorLoaded(Box::new(operator))),
                            _ => api::me::get(&api)
                                .await
                                .map(|me| SessionAction::ProfileLoaded(Box::new(me))),
                        };
                        match outcome {
                            Ok(loaded) => api.apply(loaded),
                            // The client has already logged the person out.
                            Err(ApiError::SessionExpired) => {}
                            Err(error) => api.apply(SessionAction::ProfileFailed(error.message())),
                        }
                    });
                }
            },
        );
    }

    let context = SessionContext {
        state: std::rc::Rc::new((*session).clone()),
        api: (*api).clone(),
    };
    let lang_context = LangContext {
        lang: *lang,
        choose: choose_lang,
    };
    html! {
        <ContextProvider<SessionContext> {context}>
            <ContextProvider<LangContext> context={lang_context}>
                <BrowserRouter>
                    <ToastHost>
                        // A new key per language: every page is rebuilt in it.
                        <Layout key={lang.code()}>
                            <Switch<Route> render={switch} />
                        </Layout>
                    </ToastHost>
                </BrowserRouter>
            </ContextProvider<LangContext>>
        </ContextProvider<SessionContext>>
    }
}
