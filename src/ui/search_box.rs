use super::state::use_app;
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The search box over every text field of the défis. The list follows as
/// one types; Enter goes to the results (and closes the phone's keyboard).
#[component]
pub fn SearchBox() -> impl IntoView {
    let app = use_app();
    // Enter takes the reader to the results: the phone's keyboard closes,
    // and Tab goes on to the first défi found.
    let on_keydown = move |ev: KeyboardEvent| {
        // (Enter that ends a word being composed, by an input method, stays.)
        if ev.key() != "Enter" || ev.is_composing() {
            return;
        }
        if app.results.with_untracked(|r| !r.matching.is_empty()) {
            super::focus("resultats");
        } else if let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = input.blur();
        }
    };
    // WebKit empties a field that asks for no autocompletion when it
    // brings the page back from its back-forward cache, just after
    // `pageshow`: the box then said nothing of the search the list still
    // showed. It is given its text again once WebKit is done.
    // (By its id and an untyped listener: a NodeRef and a typed event
    // cost the wasm more than the rest of the fix.)
    let restored = window_event_listener_untyped("pageshow", move |ev| {
        let persisted = js_sys::Reflect::get(&ev, &"persisted".into()).ok();
        if persisted.and_then(|p| p.as_bool()) == Some(true) {
            set_timeout(
                move || {
                    let input = document().get_element_by_id("recherche");
                    if let Some(input) =
                        input.and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                    {
                        input.set_value(&app.view.with_untracked(|v| v.search.clone()));
                    }
                },
                std::time::Duration::ZERO,
            );
        }
    });
    on_cleanup(move || restored.remove());
    view! {
        <div class="search" role="search">
            <label for="recherche" class="visually-hidden">
                "Rechercher dans les défis"
            </label>
            <input
                id="recherche"
                class="search-input"
                type="search"
                name="q"
                autocomplete="off"
                spellcheck="false"
                enterkeyhint="search"
                placeholder="Rechercher : mot, commune…"
                prop:value=move || app.view.with(|v| v.search.clone())
                on:input=move |ev| app.nav.set_search(event_target_value(&ev))
                on:keydown=on_keydown
            />
        </div>
    }
}
