use super::service_worker::{UpdateState, apply_update};
use leptos::prelude::*;

/// « Nouvelle version »: shown when a new version of the app is installed
/// and waits. Reloading keeps what is being typed.
#[component]
pub fn UpdateNotice(state: RwSignal<UpdateState>) -> impl IntoView {
    view! {
        <Show when=move || state.get().ready>
            <div class="update" role="status">
                <p>"Une nouvelle version du carnet est prête."</p>
                <button type="button" class="button-primary" on:click=|_| apply_update()>
                    "Recharger"
                </button>
            </div>
        </Show>
    }
}

/// A quiet « hors ligne » mark when the network is gone: the app keeps
/// working, so it only says so, once, without getting in the way.
#[component]
pub fn OfflineBadge() -> impl IntoView {
    let online = RwSignal::new(online());
    let _ = window_event_listener_untyped("online", move |_| online.set(true));
    let _ = window_event_listener_untyped("offline", move |_| online.set(false));
    view! {
        <p class="offline" role="status">
            <Show when=move || !online.get()>
                <span class="offline-badge">"Hors ligne"</span>
                <span class="offline-text">" : le carnet reste disponible."</span>
            </Show>
        </p>
    }
}

/// Whether the browser has a network; in the first view, rendered at build
/// time, it has (an effect would cost the wasm more: 0.7 KB).
fn online() -> bool {
    cfg!(not(target_arch = "wasm32")) || window().navigator().on_line()
}
