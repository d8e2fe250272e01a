//! Registers the service worker (`sw.js`, written by the build) and watches
//! for a new version of the app.
//!
//! A new version installs in the background and waits; [`UpdateState`] then
//! says so and the « nouvelle version » notice offers to reload. Reloading
//! first saves what is being typed (the note editor saves when it loses the
//! focus and when the page is hidden), then asks the waiting worker to take
//! over and reloads once it has.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// Where the app is with its versions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UpdateState {
    /// A new version is installed and waits for a reload.
    pub ready: bool,
    /// The page is controlled by the worker: it works offline.
    pub offline_ready: bool,
}

/// The browser's service worker container, where there is one (not in an
/// insecure context, such as plain http on a network address).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Registers the worker and keeps `state` up to date.
pub fn register(state: RwSignal<UpdateState>) {
    // `trunk serve` (debug builds) has no service worker: nothing is cached
    // while developing.
    if cfg!(debug_assertions) {
        return;
    }
    let Some(container) = container() else {
        return;
    };
    let had_controller = StoredValue::new(container.controller().is_some());
    state.update(|s| s.offline_ready = had_controller.get_value());

    // The worker takes over: the first one (the page is now offline-ready),
    // or a new version (reload, asked here or in another tab).
    let on_controller_change = Closure::<dyn Fn()>::new(move || {
        if had_controller.get_value() {
            if RELOADING.with(|r| r.get()) {
                let _ = window().location().reload();
            } else {
                state.update(|s| s.ready = true);
            }
        } else {
            had_controller.set_value(true);
            state.update(|s| s.offline_ready = true);
        }
    });
    container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
    on_controller_change.forget();

    leptos::task::spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register("sw.js")).await else {
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        watch(&registration, state, had_controller);
        // An open app looks for a new version now and then, and when it
        // comes back to the screen or to the network.
        let check = {
            let registration = registration.clone();
            move || {
                // Awaited, so that a host out of reach (offline, or down)
                // is no unhandled rejection: the next check tries again.
                if let Ok(update) = registration.update() {
                    leptos::task::spawn_local(async move {
                        let _ = JsFuture::from(update).await;
                    });
                }
            }
        };
        let every = check.clone();
        let _ = set_interval_with_handle(every, crate::timing::CHECK_UPDATE);
        let on_visible = check.clone();
        let _ = window_event_listener_untyped("visibilitychange", move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                on_visible();
            }
        });
        let _ = window_event_listener_untyped("online", move |_| check());
    });
}

/// Follows the installation of new versions of the worker.
fn watch(
    registration: &ServiceWorkerRegistration,
    state: RwSignal<UpdateState>,
    had_controller: StoredValue<bool>,
) {
    if registration.waiting().is_some() && had_controller.get_value() {
        state.update(|s| s.ready = true);
    }
    let found = registration.clone();
    let on_update_found = Closure::<dyn Fn()>::new(move || {
        let Some(installing) = found.installing() else {
            return;
        };
        let worker = installing.clone();
        let on_state_change = Closure::<dyn Fn()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed && had_controller.get_value() {
                state.update(|s| s.ready = true);
            }
        });
        installing.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
        on_state_change.forget();
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
}

thread_local! {
    /// The participant asked for the new version: reload when it takes over.
    static RELOADING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Loads the new version: saves what is being typed, asks the waiting
/// worker to take over, and reloads once it has.
pub fn apply_update() {
    // The note editor saves when it loses the focus.
    if let Some(active) = document().active_element()
        && let Ok(active) = active.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = active.blur();
    }
    RELOADING.with(|r| r.set(true));
    let Some(container) = container() else {
        let _ = window().location().reload();
        return;
    };
    leptos::task::spawn_local(async move {
        let registration = JsFuture::from(container.get_registration())
            .await
            .ok()
            .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok());
        match registration.and_then(|r| r.waiting()) {
            Some(waiting) => {
                let _ = waiting.post_message(&"skip-waiting".into());
            }
            // Already taken over (in another tab): just reload.
            None => {
                let _ = window().location().reload();
            }
        }
    });
}
