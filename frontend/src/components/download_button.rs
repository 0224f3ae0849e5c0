//! A button that downloads a file from an authenticated endpoint: a plain
//! link cannot send the bearer token, so the file is fetched and handed to
//! the browser as a blob.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::platform::spawn_local;
use yew::prelude::*;

use super::ErrorAlert;
use crate::api::ApiError;
use crate::i18n;

/// Fetches the file's bytes (an `api` function bound to its arguments).
pub type Fetch = Rc<dyn Fn() -> Pin<Box<dyn Future<Output = Result<Vec<u8>, ApiError>>>>>;

#[derive(Properties)]
pub struct DownloadButtonProps {
    pub label: AttrValue,
    /// The API path, shown as the link's address for people who inspect it.
    pub href: AttrValue,
    pub file_name: AttrValue,
    pub media_type: AttrValue,
    pub fetch: Fetch,
    pub testid: AttrValue,
}

impl PartialEq for DownloadButtonProps {
    fn eq(&self, other: &Self) -> bool {
        self.label == other.label
            && self.href == other.href
            && self.file_name == other.file_name
            && self.media_type == other.media_type
            && self.testid == other.testid
            && Rc::ptr_eq(&self.fetch, &other.fetch)
    }
}

/// Hands `bytes` to the browser as a download called `file_name`.
fn save(bytes: &[u8], file_name: &str, media_type: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window()?.document()?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url).ok()
}

#[function_component]
pub fn DownloadButton(props: &DownloadButtonProps) -> Html {
    let text = i18n::text();
    let busy = use_state(|| false);
    let failure = use_state(|| None::<ApiError>);
    let onclick = {
        let busy = busy.clone();
        let failure = failure.clone();
        let fetch = props.fetch.clone();
        let file_name = props.file_name.to_string();
        let media_type = props.media_type.to_string();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            let busy = busy.clone();
            let failure = failure.clone();
            let pending = fetch();
            let file_name = file_name.clone();
            let media_type = media_type.clone();
            busy.set(true);
            spawn_local(async move {
                match pending.await {
                    Ok(bytes) => {
                        failure.set(None);
                        if save(&bytes, &file_name, &media_type).is_none() {
                            failure.set(Some(ApiError::Unexpected { status: 200 }));
                        }
                    }
                    Err(error) => failure.set(Some(error)),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <span class="download">
            <a href={props.href.clone()} class="button button-secondary button-small" role="button"
                data-testid={props.testid.clone()} aria-busy={busy.then_some("true")} {onclick}>
                { if *busy { text.downloading } else { props.label.as_str() } }
            </a>
            if let Some(error) = &*failure {
                <ErrorAlert error={error.clone()} testid={format!("{}-error", props.testid)} />
            }
        </span>
    }
}
