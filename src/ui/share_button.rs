use super::state::use_app;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How sharing went.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shared {
    /// The system's share sheet took the link.
    Sheet,
    /// The reader closed the share sheet.
    Cancelled,
    /// The link is in the clipboard.
    Copied,
    /// Neither works here: the link is shown, to copy by hand.
    Failed,
}

/// Calls `object[method](arg)` and waits for its promise; `None` when the
/// browser has no such method (the Web Share API is not everywhere).
async fn call_promise(
    object: &JsValue,
    method: &str,
    arg: &JsValue,
) -> Option<Result<JsValue, JsValue>> {
    let function = js_sys::Reflect::get(object, &method.into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let promise = match function.call1(object, arg) {
        Ok(promise) => promise.dyn_into::<js_sys::Promise>().ok()?,
        Err(error) => return Some(Err(error)),
    };
    Some(JsFuture::from(promise).await)
}

/// True when the browser has the Web Share API (phones, mostly).
pub(super) fn can_share() -> bool {
    js_sys::Reflect::has(&window().navigator(), &"share".into()).unwrap_or(false)
}

/// Hands `url` to the system's share sheet. `None` when the browser has no
/// share sheet (or it failed), `Some(false)` when the reader closed it.
pub(super) async fn share_sheet(url: &str, title: &str) -> Option<bool> {
    let navigator: JsValue = window().navigator().into();
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
    let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
    match call_promise(&navigator, "share", &data).await? {
        Ok(_) => Some(true),
        Err(error) => {
            let name = js_sys::Reflect::get(&error, &"name".into())
                .ok()
                .and_then(|n| n.as_string());
            (name.as_deref() == Some("AbortError")).then_some(false)
        }
    }
}

/// Copies `text` to the clipboard; false when the browser would not.
pub(super) async fn copy_text(text: &str) -> bool {
    let navigator: JsValue = window().navigator().into();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &"clipboard".into()) else {
        return false;
    };
    matches!(
        call_promise(&clipboard, "writeText", &text.into()).await,
        Some(Ok(_))
    )
}

/// Shares `url` with the Web Share API where the browser has it, else copies
/// it to the clipboard.
async fn share(url: String, title: String) -> Shared {
    match share_sheet(&url, &title).await {
        Some(true) => Shared::Sheet,
        Some(false) => Shared::Cancelled,
        None if copy_text(&url).await => Shared::Copied,
        None => Shared::Failed,
    }
}

/// A link to copy by hand: a read-only field, selected when focused.
#[component]
pub fn LinkField(
    /// The CSS class of the field's label.
    class: &'static str,
    /// What the link is.
    label: &'static str,
    /// Keep the label for screen readers only.
    #[prop(optional)]
    hide_label: bool,
    #[prop(into)] link: Signal<String>,
) -> impl IntoView {
    let select = |ev: leptos::ev::FocusEvent| {
        if let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.select();
        }
    };
    view! {
        <label class=class>
            <span class:visually-hidden=hide_label>{label}</span>
            <input type="url" readonly prop:value=move || link.get() on:focus=select />
        </label>
    }
}

/// « Partager »: sends the link of what is on screen (filters, search, the
/// open défi) through the phone's share sheet, or copies it. What it says
/// (the link copied, or the link to copy by hand) is about the view it was
/// pressed on: it goes as soon as the view changes, never to show a link
/// that is no longer the screen's.
#[component]
pub fn ShareButton() -> impl IntoView {
    let app = use_app();
    let outcome = RwSignal::new(None::<Shared>);
    let link = RwSignal::new(String::new());
    // Gone with the view it was for: it is never shown for another view,
    // nor again when the reader comes back to it (by Back, or emptying the
    // search), when it is no news and the clipboard may hold something else.
    Effect::watch(
        move || app.view.with(|_| ()),
        move |_, _, _| outcome.set(None),
        false,
    );
    let on_click = move |_| {
        let view = app.view.get_untracked();
        // The address bar may lag behind the search box by a moment.
        let url = super::history::absolute_url(&view);
        link.set(url.clone());
        let title = document().title();
        outcome.set(None);
        spawn_local(async move {
            let shared = share(url, title).await;
            // (The reader may have changed the view meanwhile.)
            if app.view.with_untracked(|now| *now == view) {
                outcome.set(Some(shared));
            }
        });
    };
    // Nothing at first (not an empty text, which the first view, rendered
    // at build time, would write as a space).
    let message = move || match outcome.get() {
        Some(Shared::Copied) => Some("Lien copié : collez-le pour l’envoyer."),
        Some(Shared::Failed) => Some("Copiez ce lien pour l’envoyer :"),
        _ => None,
    };
    view! {
        <div class="share">
            <button type="button" class="button-quiet share-button" on:click=on_click>
                "Partager"
            </button>
            <p class="share-status" role="status">
                {message}
            </p>
            <Show when=move || outcome.get() == Some(Shared::Failed)>
                <LinkField class="share-manual" label="Lien de cette vue" hide_label=true link=link />
            </Show>
        </div>
    }
}
