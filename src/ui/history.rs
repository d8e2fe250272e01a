//! The browser's address bar and history, kept in step with the [`View`].
//!
//! Every view has a URL on the one path the app is served from (the view is
//! in the query string), so a reload, a bookmark or a link sent to a colleague
//! opens the same view, and Back and Forward walk through the views. The
//! scroll position of the list is kept in the history entry, so coming back
//! from a défi lands where the reader left.

use crate::navigation::Address;
use crate::view::View;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The query string of the address bar, with its `?`.
pub fn current_query() -> String {
    window().location().search().unwrap_or_default()
}

thread_local! {
    /// The app's own path: every view is this path and a query string. The
    /// first view, rendered at build time, has no address yet: its links
    /// are relative to the page (`?defi=…`).
    static PATH: String = if cfg!(target_arch = "wasm32") {
        window().location().pathname().unwrap_or_default()
    } else {
        String::new()
    };
}

/// The path the app is served from, such as `/a/b/`.
pub fn path() -> String {
    PATH.with(Clone::clone)
}

/// The URL of a view: the app's own path and the view's query string.
pub fn url(view: &View) -> String {
    let query = view.to_query();
    // The plain list, from the first view rendered at build time.
    if cfg!(not(target_arch = "wasm32")) && query.is_empty() {
        return "./".to_owned();
    }
    format!("{}{query}", path())
}

/// The URL of a view, absolute, to share.
pub fn absolute_url(view: &View) -> String {
    let origin = window().location().origin().unwrap_or_default();
    format!("{origin}{}", url(view))
}

fn history() -> web_sys::History {
    window().history().expect("history")
}

/// What the app keeps in a history entry.
#[derive(Default, Clone)]
struct EntryState {
    /// The scroll position of the page when it was left.
    scroll: Option<f64>,
    /// This entry was opened from the list, which is the entry before it.
    from_list: bool,
    /// This entry was added for a search: the query of the entry before it.
    search_from: Option<String>,
}

impl EntryState {
    fn read() -> EntryState {
        let state = history().state().unwrap_or(JsValue::NULL);
        if !state.is_object() {
            return EntryState::default();
        }
        let get = |key: &str| js_sys::Reflect::get(&state, &key.into()).ok();
        EntryState {
            scroll: get("scroll").and_then(|v| v.as_f64()),
            from_list: get("fromList").and_then(|v| v.as_bool()).unwrap_or(false),
            search_from: get("searchFrom").and_then(|v| v.as_string()),
        }
    }

    fn to_js(&self) -> JsValue {
        let object = js_sys::Object::new();
        if let Some(scroll) = self.scroll {
            let _ = js_sys::Reflect::set(&object, &"scroll".into(), &scroll.into());
        }
        if self.from_list {
            let _ = js_sys::Reflect::set(&object, &"fromList".into(), &true.into());
        }
        if let Some(query) = &self.search_from {
            let _ = js_sys::Reflect::set(&object, &"searchFrom".into(), &query.into());
        }
        object.into()
    }
}

/// Adds a history entry for `view`. `from_list` records that the reader came
/// from the list, so that « Retour à la liste » can go Back to it.
pub fn push(view: &View, from_list: bool) {
    let state = EntryState {
        from_list,
        ..EntryState::default()
    };
    let _ = history().push_state_with_url(&state.to_js(), "", Some(&url(view)));
}

/// Adds a history entry for a search typed on `from`, the view of the entry
/// before it, which the entry keeps.
pub fn push_search(view: &View, from: &View) {
    let state = EntryState {
        search_from: Some(from.to_query()),
        ..EntryState::default()
    };
    let _ = history().push_state_with_url(&state.to_js(), "", Some(&url(view)));
}

/// Replaces the current history entry's URL (the search box, as one types).
pub fn replace(view: &View) {
    let state = EntryState::read();
    let _ = history().replace_state_with_url(&state.to_js(), "", Some(&url(view)));
}

/// How far the page is scrolled.
pub fn scroll_y() -> f64 {
    window().scroll_y().unwrap_or(0.0)
}

/// Keeps a scroll position in the current history entry.
pub fn remember_scroll_at(y: f64) {
    let mut state = EntryState::read();
    state.scroll = Some(y);
    let _ = history().replace_state(&state.to_js(), "");
}

/// True when the current entry was opened from the list just before it.
pub fn came_from_list() -> bool {
    EntryState::read().from_list
}

/// The fragment of the address (`#…`), if any.
pub fn fragment() -> String {
    window().location().hash().unwrap_or_default()
}

/// What the address bar and its entry say.
pub fn address() -> Address {
    let state = EntryState::read();
    Address {
        query: current_query(),
        fragment: fragment(),
        scroll: state.scroll,
        search_from: state.search_from,
    }
}

/// Goes one entry back.
pub fn back() {
    let _ = history().back();
}

/// Lets the app, not the browser, restore the scroll position.
pub fn take_over_scrolling() {
    let _ = history().set_scroll_restoration(web_sys::ScrollRestoration::Manual);
}

/// Scrolls the page to `y` at once.
pub fn scroll_to(y: f64) {
    window().scroll_to_with_x_and_y(0.0, y);
}

/// Moves the keyboard and screen-reader focus to the heading of the page
/// shown, without scrolling to it.
pub fn focus_page_title() {
    super::focus("page-title");
}

/// The card of a défi in the list, and its link; `None` when it is not shown.
fn card_and_link(id: &str) -> Option<(web_sys::Element, web_sys::HtmlElement)> {
    let card = document().get_element_by_id(&format!("carte-{id}"))?;
    let link = card.query_selector(".card-link").ok().flatten()?;
    Some((card, link.dyn_into().ok()?))
}

/// Moves the focus to the link of a défi's card in the list, without
/// scrolling; false when the card is not shown.
pub fn focus_card(id: &str) -> bool {
    card_and_link(id).is_some_and(|(_, link)| super::focus_in_place(&link))
}

/// Brings the card of this défi into view (in the middle of the screen) and
/// focuses its link; false when the list does not show it.
pub fn show_card(id: &str) -> bool {
    let Some((card, link)) = card_and_link(id) else {
        return false;
    };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    card.scroll_into_view_with_scroll_into_view_options(&options);
    super::focus_in_place(&link)
}

/// Runs `f` once the DOM shows the latest state: reactive updates are
/// applied in a microtask, before the next frame.
pub fn after_render(f: impl FnOnce() + 'static) {
    request_animation_frame(f);
}

/// After an action that may remove the focused control (a chip, a card that
/// leaves the list, a button that becomes disabled): once the page shows the
/// result, a focus left on nothing goes to the page's heading.
pub fn keep_focus() {
    after_render(focus_if_lost);
}

/// A focus left on nothing goes to the page's heading.
pub fn focus_if_lost() {
    let lost = document()
        .active_element()
        .is_none_or(|e| e.tag_name() == "BODY");
    if lost {
        focus_page_title();
    }
}
