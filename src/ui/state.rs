//! The state the components share: the view (what the URL holds) and what
//! follows from it.

use super::history;
use crate::filter::{Catalogue, Criteria, NoAnnotations, Results, results};
use crate::view::{Page, View};
use leptos::prelude::*;
use std::sync::OnceLock;
use std::time::Duration;

/// The embedded défis, with their text folded once for search.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(Catalogue::embedded)
}

/// Shared by every component, through the context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// What is shown: filters, search, page. Always the view of the URL.
    pub view: RwSignal<View>,
    /// What narrows the list, apart from the page.
    pub criteria: Memo<Criteria>,
    /// The défis that match, and the count of every filter option.
    pub results: Memo<Results>,
    /// The filter panel is open (on a phone, where it is a sheet).
    pub filters_open: RwSignal<bool>,
    /// The pending write of the search to the address bar.
    search_timer: StoredValue<Option<TimeoutHandle>>,
}

impl AppState {
    pub fn new(initial: View) -> AppState {
        let view = RwSignal::new(initial);
        let criteria = Memo::new(move |_| view.with(View::criteria));
        let results =
            Memo::new(move |_| criteria.with(|c| results(catalogue(), c, &NoAnnotations)));
        AppState {
            view,
            criteria,
            results,
            filters_open: RwSignal::new(false),
            search_timer: StoredValue::new(None),
        }
    }

    /// Shows another view, as a new history entry.
    pub fn go(&self, to: View) {
        self.flush_search();
        let from = self.view.get_untracked();
        let page_changes = from.page != to.page;
        let from_list = from.page == Page::List;
        if page_changes && from_list {
            history::remember_scroll();
        }
        history::push(&to, page_changes && from_list);
        self.view.set(to);
        if page_changes {
            history::after_render(|| {
                history::scroll_to(0.0);
                history::focus_page_title();
            });
        }
    }

    /// Goes back to the list with the same filters: Back when the reader came
    /// from it (the scroll position comes back too), a new entry otherwise.
    pub fn back_to_list(&self) {
        if history::came_from_list() {
            history::back();
        } else {
            let list = self.view.get_untracked().with_page(Page::List);
            self.go(list);
        }
    }

    /// Shows the view of the address bar (after Back or Forward).
    pub fn follow_address_bar(&self) {
        self.cancel_search_timer();
        let to = View::from_query(&history::current_query());
        let page_changes = self.view.with_untracked(|v| v.page != to.page);
        self.view.set(to);
        let scroll = history::remembered_scroll().unwrap_or(0.0);
        history::after_render(move || {
            history::scroll_to(scroll);
            if page_changes {
                history::focus_page_title();
            }
        });
    }

    /// The search box changed: the list follows at once, the address bar a
    /// moment later (browsers limit how often it can change).
    pub fn set_search(&self, text: String) {
        self.view.update(|v| v.search = text);
        self.cancel_search_timer();
        let (view, timer) = (self.view, self.search_timer);
        let handle = set_timeout_with_handle(
            move || {
                timer.set_value(None);
                history::replace(&view.get_untracked());
            },
            Duration::from_millis(400),
        )
        .ok();
        self.search_timer.set_value(handle);
    }

    fn cancel_search_timer(&self) {
        if let Some(handle) = self.search_timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    }

    /// Writes a pending search to the address bar now.
    fn flush_search(&self) {
        if self.search_timer.with_value(Option::is_some) {
            self.cancel_search_timer();
            history::replace(&self.view.get_untracked());
        }
    }
}

/// The shared state, from any component.
pub fn use_app() -> AppState {
    expect_context()
}
