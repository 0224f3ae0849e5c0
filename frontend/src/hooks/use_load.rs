//! Loading data for a page: loading, loaded or failed, with a reload.

use std::future::Future;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api::ApiError;

/// The state of a load.
#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    Loading,
    Loaded(T),
    Failed(ApiError),
}

/// Runs `fetch` once on mount and again each time the returned callback is
/// called. A reload keeps showing the old data until the new data arrives.
#[hook]
pub fn use_load<T, F, Fut>(fetch: F) -> (Rc<Load<T>>, Callback<()>)
where
    T: 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = use_state(|| Rc::new(Load::Loading));
    let generation = use_state(|| 0_u32);
    {
        let state = state.setter();
        use_effect_with(*generation, move |_| {
            let pending = fetch();
            spawn_local(async move {
                state.set(Rc::new(match pending.await {
                    Ok(value) => Load::Loaded(value),
                    Err(error) => Load::Failed(error),
                }));
            });
        });
    }
    let reload = {
        let generation = generation.clone();
        Callback::from(move |()| generation.set(generation.wrapping_add(1)))
    };
    ((*state).clone(), reload)
}
