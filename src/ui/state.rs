//! The state the components share: the view (what the URL holds), the
//! carnet (what is personal), and what follows from them.

use super::navigation::Navigation;
use super::notebook::Notebook;
use super::read_only::ReadOnly;
use crate::carnet::Carnet;
use crate::filter::{Catalogue, Criteria, Results, results};
use crate::view::{Page, View};
use leptos::prelude::*;
use std::sync::OnceLock;

/// The embedded défis, with their text folded once for search.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(Catalogue::embedded)
}

/// Shared by every component, through the context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// What is shown, and the way to change it.
    pub nav: Navigation,
    /// What is shown: filters, search, page. Always the view of the URL.
    pub view: ReadOnly<View>,
    /// What narrows the list, apart from the page.
    pub criteria: Memo<Criteria>,
    /// The query string of the list as it is (for the links of the cards).
    pub list_query: Memo<String>,
    /// The défis that match, and the count of every filter option.
    pub results: Memo<Results>,
    /// The participant's carnet, and the way to change it.
    pub notebook: Notebook,
}

impl AppState {
    /// The app's state in the browser: on the view of the address bar, with
    /// the stored carnet.
    pub fn new(initial: View) -> AppState {
        AppState::of(Navigation::start(initial), Notebook::open())
    }

    /// The state of a view rendered at build time: an empty carnet, no
    /// browser (the first view is the plain list).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn first_view(view: View) -> AppState {
        AppState::of(Navigation::still(view), Notebook::empty())
    }

    fn of(nav: Navigation, notebook: Notebook) -> AppState {
        let view = nav.view();
        let carnet = notebook.carnet();
        let index = Memo::new(move |_| carnet.with(Carnet::index));
        let criteria = Memo::new(move |_| view.with(View::criteria));
        let list_query = Memo::new(move |_| view.with(|v| v.with_page(Page::List).to_query()));
        let results = Memo::new(move |_| {
            criteria.with(|c| index.with(|index| results(catalogue(), c, index)))
        });
        AppState {
            nav,
            view,
            criteria,
            list_query,
            results,
            notebook,
        }
    }
}

/// Cancels a pending timer.
pub fn cancel(timer: StoredValue<Option<TimeoutHandle>>) {
    if let Some(handle) = timer.try_update_value(Option::take).flatten() {
        handle.clear();
    }
}

/// The shared state, from any component.
pub fn use_app() -> AppState {
    expect_context()
}
