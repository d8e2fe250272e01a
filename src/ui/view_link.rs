use super::history;
use super::state::use_app;
use crate::view::{Page, View, challenge_query};
use leptos::ev::MouseEvent;
use leptos::prelude::*;

/// True for a plain left click: the app shows the view in place. With a
/// modifier (new tab, new window, download) the browser does what it does.
pub fn is_plain_click(ev: &MouseEvent) -> bool {
    ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key())
}

/// A link to another view of the app. It is a real link (it can be opened in
/// a new tab, copied, bookmarked); a plain click shows the view in place.
#[component]
pub fn ViewLink(
    /// The view the link leads to.
    #[prop(into)]
    to: Signal<View>,
    /// The link's CSS class.
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let app = use_app();
    let on_click = move |ev: MouseEvent| {
        if is_plain_click(&ev) {
            ev.prevent_default();
            app.nav.go(to.get_untracked());
        }
    };
    view! {
        <a href=move || to.with(history::url) class=class on:click=on_click>
            {children()}
        </a>
    }
}

/// The link to a défi from the list, keeping the list's filters and search:
/// a [`ViewLink`] made cheap enough for every card.
#[component]
pub fn ChallengeLink(
    /// The défi's id.
    id: &'static str,
    /// The link's CSS class.
    #[prop(optional)]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let app = use_app();
    let on_click = move |ev: MouseEvent| {
        if is_plain_click(&ev) {
            ev.prevent_default();
            let to = app
                .view
                .with_untracked(|v| v.with_page(Page::Challenge(id.to_owned())));
            app.nav.go(to);
        }
    };
    let href = move || {
        app.list_query
            .with(|query| format!("{}{}", history::path(), challenge_query(query, id)))
    };
    view! {
        <a href=href class=class on:click=on_click>
            {children()}
        </a>
    }
}
