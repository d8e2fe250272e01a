//! The browser app: thin Leptos components over the domain.
//!
//! [`start`] mounts [`App`](app::App) and swaps it in for the page that the
//! build pre-rendered into `index.html`, in one task, so the reader sees no
//! flash and keeps their scroll position and what they already typed.
//!
//! One component a file, named for what the participant sees:
//! [`TopBar`](top_bar::TopBar), [`ChallengeList`](challenge_list::ChallengeList)
//! (with its [`SearchBox`](search_box::SearchBox),
//! [`FilterPanel`](filter_panel::FilterPanel),
//! [`ActiveFilters`](active_filters::ActiveFilters) and
//! [`ChallengeCard`](challenge_card::ChallengeCard)s),
//! [`ChallengePage`](challenge_page::ChallengePage) (with its
//! [`FavouriteButton`](favourite_button::FavouriteButton) and
//! [`NoteEditor`](note_editor::NoteEditor)),
//! [`CarnetPage`](carnet_page::CarnetPage) (export, import, transfer),
//! [`StorageNotice`](storage_notice::StorageNotice) and
//! [`AboutPage`](about_page::AboutPage). [`history`] keeps the URL and the
//! view in step; `crate::storage` owns localStorage.

mod about_page;
mod active_filters;
mod app;
mod carnet_page;
mod challenge_card;
mod challenge_list;
mod challenge_page;
mod count_badge;
mod download;
mod favourite_button;
mod filter_panel;
#[cfg(not(target_arch = "wasm32"))]
pub mod first_view;
mod highlighted;
mod history;
mod import_panel;
mod navigation;
mod note_editor;
mod notebook;
mod read_only;
mod search_box;
mod service_worker;
mod share_button;
mod state;
mod storage_notice;
mod top_bar;
mod transfer_panel;
mod update_notice;
mod view_link;

use crate::boot;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Mounts the app in place of the pre-rendered page.
pub fn start() {
    let document = document();
    let prerendered = document.get_element_by_id(boot::APP_ID);
    // What the reader typed in the pre-rendered search box before the app
    // started is kept, and so is the focus.
    let typed = document
        .get_element_by_id(boot::SEARCH_ID)
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| {
            let focused = document
                .active_element()
                .is_some_and(|active| active.is_same_node(Some(&input)));
            (input.value(), focused)
        });

    let root: web_sys::HtmlElement = document
        .create_element("div")
        .expect("a div")
        .unchecked_into();
    root.set_id(boot::APP_ID);
    let (typed_text, typed_focus) = typed.unwrap_or_default();
    leptos::mount::mount_to(root.clone(), move || {
        app::App(app::AppProps { typed: typed_text })
    })
    .forget();
    match prerendered {
        Some(old) => {
            let _ = old.replace_with_with_node_1(&root);
        }
        None => {
            let _ = document.body().expect("a body").append_child(&root);
        }
    }
    if typed_focus
        && let Some(input) = document.get_element_by_id(boot::SEARCH_ID)
        && let Ok(input) = input.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = input.focus();
    }
    // Tells the tests (and the stylesheet) that the app is running.
    if let Some(html) = document.document_element() {
        let _ = html.class_list().remove_1(boot::DEEP_LINK);
        let _ = html.set_attribute("data-app", "ready");
    }
}

/// The element with this id, if it can take the focus.
fn focusable(id: &str) -> Option<web_sys::HtmlElement> {
    document().get_element_by_id(id)?.dyn_into().ok()
}

/// Moves the keyboard focus to an element without scrolling the page (the
/// reader keeps their place).
fn focus_in_place(element: &web_sys::HtmlElement) -> bool {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    element.focus_with_options(&options).is_ok()
}

/// Moves the keyboard focus to the element with this id, without scrolling
/// the page (the reader keeps their place in the list).
fn focus(id: &str) {
    if let Some(element) = focusable(id) {
        focus_in_place(&element);
    }
}

/// Moves the keyboard focus to the element with this id and scrolls it into
/// view: for what appears away from where the reader is.
fn reveal(id: &str) {
    if let Some(element) = focusable(id) {
        let _ = element.focus();
    }
}
