use super::state::use_app;
use super::view_link::ViewLink;
use crate::view::{Page, View};
use leptos::prelude::*;

/// The bar at the top of every page: the name of the app, which leads back
/// to the whole list, and the other pages.
#[component]
pub fn TopBar() -> impl IntoView {
    let app = use_app();
    let about = Signal::derive(move || app.view.with(|v| v.with_page(Page::About)));
    let is_about = move || app.view.with(|v| v.page == Page::About);
    view! {
        <header class="topbar">
            <div class="topbar-inner">
                <ViewLink to=View::default() class="brand">
                    <span class="brand-name">"Carnet des défis"</span>
                    <span class="brand-event">"Innovation publique territoriale · juillet 2018"</span>
                </ViewLink>
                <nav class="topnav" aria-label="Pages">
                    <ViewLink
                        to=about
                        class="topnav-link"
                        attr:aria-current=move || is_about().then_some("page")
                    >
                        "À propos"
                    </ViewLink>
                </nav>
            </div>
        </header>
    }
}
