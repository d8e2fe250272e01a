use super::count_badge::CountBadge;
use super::state::use_app;
use super::view_link::ViewLink;
use crate::dataset::EVENT;
use crate::view::{Page, View};
use leptos::prelude::*;

/// The bar at the top of every page: the name of the app and the event's
/// short line (`short` in the data file), which lead back to the whole list,
/// and the other pages.
#[component]
pub fn TopBar() -> impl IntoView {
    let app = use_app();
    let about = Signal::derive(move || app.view.with(|v| v.with_page(Page::About)));
    let is_about = move || app.view.with(|v| v.page == Page::About);
    let carnet = Signal::derive(move || app.view.with(|v| v.with_page(Page::Carnet)));
    let is_carnet = move || app.view.with(|v| v.page == Page::Carnet);
    let kept = move || {
        app.notebook.carnet().with(|c| {
            // Défis with a favourite, a note or both, each counted once.
            c.favourite_count() + c.note_ids().filter(|id| !c.is_favourite(id)).count()
        })
    };
    view! {
        <header class="topbar">
            <div class="topbar-inner">
                <ViewLink to=View::default() class="brand">
                    <span class="brand-name">"Carnet des défis"</span>
                    <span class="brand-event">{EVENT.short}</span>
                </ViewLink>
                <nav class="topnav" aria-label="Pages">
                    <ViewLink
                        to=carnet
                        class="topnav-link"
                        attr:aria-current=move || is_carnet().then_some("page")
                    >
                        "Mon carnet"
                        <CountBadge count=Signal::derive(kept) one=" défi" many=" défis" />
                    </ViewLink>
                    <ViewLink
                        to=about
                        class="topnav-link about-link"
                        attr:aria-current=move || is_about().then_some("page")
                    >
                        <span class="about-text">"À propos"</span>
                    </ViewLink>
                </nav>
            </div>
        </header>
    }
}
