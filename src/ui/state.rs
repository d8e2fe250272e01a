//! The state the components share: the view (what the URL holds), the
//! carnet (what is personal), and what follows from them.

use super::history;
use crate::carnet::Carnet;
use crate::filter::{Catalogue, Criteria, Results, results};
use crate::keep::{self, Keeping, Moment};
use crate::problem::{Problem, ProblemId};
use crate::storage::{self, Store};
use crate::view::{Page, View};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::OnceLock;
use std::time::Duration;

/// The embedded défis, with their text folded once for search.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(Catalogue::embedded)
}

/// Milliseconds since 1970, the clock of the carnet.
pub fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// A carnet read from a file or a transfer link, not imported yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub carnet: Carnet,
    /// Where it comes from, for the preview: « le fichier … », « le lien ».
    pub from: String,
    /// Entries of it that could not be read.
    pub skipped: usize,
}

/// Shared by every component, through the context.
#[derive(Clone, Copy)]
pub struct AppState {
    /// What is shown: filters, search, page. Always the view of the URL.
    pub view: RwSignal<View>,
    /// What narrows the list, apart from the page.
    pub criteria: Memo<Criteria>,
    /// The query string of the list as it is (for the links of the cards).
    pub list_query: Memo<String>,
    /// The défis that match, and the count of every filter option.
    pub results: Memo<Results>,
    /// The participant's favourites and notes.
    pub carnet: RwSignal<Carnet>,
    /// What the participant must be told about the storage.
    pub problems: RwSignal<Vec<Problem>>,
    /// The last write failed and waits to be tried again.
    pub unsaved: RwSignal<bool>,
    /// Whether the browser promised to keep the storage (not to purge it).
    pub keeping: RwSignal<Keeping>,
    /// A carnet to import (from a file or a transfer link), waiting for the
    /// participant to look at it and say how.
    pub incoming: RwSignal<Option<Incoming>>,
    /// A message about an import that went wrong, for the carnet page.
    pub notice: RwSignal<Option<String>>,
    /// Bumped when a copy is kept aside or discarded (the carnet page lists them).
    pub kept_changed: RwSignal<u64>,
    store: StoredValue<Store>,
    /// How many times Back or Forward moved through the history.
    history_moves: StoredValue<u64>,
    /// While the filter sheet is open (on a phone): the view it was opened
    /// on. The sheet has a history entry of its own, so that Back closes it.
    sheet: RwSignal<Option<View>>,
    /// The sheet was closed with nothing changed: its entry is being taken
    /// back out of the history (the next popstate is that, and only that).
    sheet_leaving: StoredValue<bool>,
    /// The pending write of the search to the address bar.
    search_timer: StoredValue<Option<TimeoutHandle>>,
    retry_timer: StoredValue<Option<TimeoutHandle>>,
}

impl AppState {
    pub fn new(initial: View) -> AppState {
        let opened = Store::open();
        let view = RwSignal::new(initial);
        let carnet = RwSignal::new(opened.carnet);
        let index = Memo::new(move |_| carnet.with(Carnet::index));
        let criteria = Memo::new(move |_| view.with(View::criteria));
        let list_query = Memo::new(move |_| view.with(|v| v.with_page(Page::List).to_query()));
        let results = Memo::new(move |_| {
            criteria.with(|c| index.with(|index| results(catalogue(), c, index)))
        });
        AppState {
            view,
            criteria,
            list_query,
            results,
            carnet,
            problems: RwSignal::new(opened.problems),
            unsaved: RwSignal::new(false),
            keeping: RwSignal::new(Keeping::Unknown),
            incoming: RwSignal::new(None),
            notice: RwSignal::new(None),
            kept_changed: RwSignal::new(0),
            store: StoredValue::new(opened.store),
            history_moves: StoredValue::new(0),
            sheet: RwSignal::new(None),
            sheet_leaving: StoredValue::new(false),
            search_timer: StoredValue::new(None),
            retry_timer: StoredValue::new(None),
        }
    }

    /// Shows another view, as a new history entry.
    ///
    /// The view changes at once; the history entry is written once the new
    /// view has been painted (writing it takes a few milliseconds that the
    /// reader would otherwise wait for), unless Back or Forward came first.
    pub fn go(&self, to: View) {
        self.flush_search();
        let from = self.view.get_untracked();
        let page_changes = from.page != to.page;
        let from_list = from.page == Page::List;
        // Where the reader was, for Back to bring them there again.
        let scroll = window().scroll_y().unwrap_or(0.0);
        let entry = to.clone();
        self.view.set(to);
        let moves = self.history_moves;
        let seen = moves.get_value();
        let done = std::rc::Rc::new(std::cell::Cell::new(false));
        // In the filter sheet, every change goes into the sheet's own entry:
        // Back then closes the sheet rather than undoing one checkbox.
        let in_sheet = self.sheet.with_untracked(Option::is_some);
        let push = move || {
            if done.replace(true) || moves.get_value() != seen {
                return;
            }
            if in_sheet {
                history::replace(&entry);
            } else {
                history::remember_scroll_at(scroll);
                history::push(&entry, page_changes && from_list);
            }
        };
        // After the paint; or soon, in a tab that does not paint (hidden).
        let after_paint = push.clone();
        history::after_render(move || set_timeout(after_paint, Duration::ZERO));
        set_timeout(push, crate::timing::DEFERRED_ENTRY);
        if page_changes {
            history::after_render(|| {
                history::scroll_to(0.0);
                history::focus_page_title();
            });
        } else {
            history::keep_focus();
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
        // The sheet's own entry, taken out after the sheet closed unchanged:
        // the address bar already shows the view.
        if self
            .sheet_leaving
            .try_update_value(std::mem::take)
            .unwrap_or(false)
        {
            return;
        }
        cancel(self.search_timer);
        // A history entry not written yet would now land in the wrong place.
        self.history_moves.update_value(|n| *n += 1);
        // Back with the filter sheet open (a phone's Back button) closes the
        // sheet, as it closes any screen that covers the page, and keeps the
        // filters chosen in it (in the entry Back came to: a replace, which
        // a browser never holds against the page, unlike a push after Back).
        // A transfer link (a new fragment) is followed as usual.
        if self.take_sheet().is_some() && history::fragment().is_empty() {
            history::replace(&self.view.get_untracked());
            history::after_render(|| super::focus("filtres-bouton"));
            return;
        }
        let to = View::from_query(&history::current_query());
        let from = self.view.with_untracked(|v| v.page.clone());
        let page_changes = from != to.page;
        // Back from a défi to the list: the focus goes to that défi's card,
        // where the scroll position brings the reader back.
        let card = match (from, &to.page) {
            (Page::Challenge(id), Page::List) => Some(id),
            _ => None,
        };
        self.view.set(to);
        let scroll = history::remembered_scroll().unwrap_or(0.0);
        history::after_render(move || {
            history::scroll_to(scroll);
            if page_changes && !card.is_some_and(|id| history::focus_card(&id)) {
                history::focus_page_title();
            }
        });
    }

    /// Opens the filter sheet (on a phone), in a history entry of its own.
    pub fn open_filters(&self) {
        self.flush_search();
        let view = self.view.get_untracked();
        history::remember_scroll();
        history::push(&view, false);
        self.sheet.set(Some(view));
    }

    /// The filter panel is open as a sheet (on a phone).
    pub fn filters_open(&self) -> bool {
        self.sheet.with(Option::is_some)
    }

    /// Closes the sheet, and gives the view it was opened on.
    fn take_sheet(&self) -> Option<View> {
        let opened_on = self.sheet.get_untracked();
        if opened_on.is_some() {
            self.sheet.set(None);
        }
        opened_on
    }

    /// Closes the filter sheet (its buttons, Escape, a wider screen). The
    /// sheet's entry stays when the filters changed (one Back undoes them
    /// all); when nothing changed it is taken out, so Back is not wasted.
    pub fn close_filters(&self) {
        let Some(opened_on) = self.take_sheet() else {
            return;
        };
        if self.view.with_untracked(|v| *v == opened_on) {
            self.sheet_leaving.set_value(true);
            history::back();
        }
    }

    /// The list is gone (another page): the sheet goes with it.
    pub fn forget_filters(&self) {
        self.take_sheet();
    }

    /// The search box changed: the list follows at once, the address bar a
    /// moment later (browsers limit how often it can change).
    pub fn set_search(&self, text: String) {
        self.view.update(|v| v.search = text);
        cancel(self.search_timer);
        let (view, timer) = (self.view, self.search_timer);
        let handle = set_timeout_with_handle(
            move || {
                timer.set_value(None);
                history::replace(&view.get_untracked());
            },
            crate::timing::SEARCH_TO_ADDRESS,
        )
        .ok();
        self.search_timer.set_value(handle);
    }

    /// Writes a pending search to the address bar now.
    fn flush_search(&self) {
        if self.search_timer.with_value(Option::is_some) {
            cancel(self.search_timer);
            history::replace(&self.view.get_untracked());
        }
    }

    // ------------------------------------------------------------ carnet

    /// Changes the carnet and writes it at once.
    pub fn change_carnet(&self, change: impl FnOnce(&mut Carnet, i64)) -> bool {
        let had_notes = self.carnet.with_untracked(|c| !c.notes.is_empty());
        self.carnet.update(|c| change(c, now()));
        if !had_notes && self.carnet.with_untracked(|c| !c.notes.is_empty()) {
            self.ask_to_keep(Moment::FirstNote);
        }
        self.save()
    }

    pub fn toggle_favourite(&self, id: &'static str) {
        self.change_carnet(|c, now| {
            let on = !c.is_favourite(id);
            c.set_favourite(id, on, now);
        });
        // With « Mes favoris » on, the card may leave the list.
        history::keep_focus();
    }

    /// Writes a note; returns whether it was written to storage.
    pub fn write_note(&self, id: &str, text: &str) -> bool {
        let unchanged = self
            .carnet
            .with_untracked(|c| c.notes.get(id).map(|n| n.text.as_str()) == Some(text))
            || (text.is_empty() && self.carnet.with_untracked(|c| !c.notes.contains_key(id)));
        if unchanged && !self.unsaved.get_untracked() {
            return true;
        }
        self.change_carnet(|c, now| c.set_note(id, text, now))
    }

    /// Writes the carnet (merged with what another tab stored). A failure is
    /// reported and tried again a moment later; nothing is dropped.
    pub fn save(&self) -> bool {
        let carnet = self.carnet.get_untracked();
        let saved = self
            .store
            .try_update_value(|s| s.save(&carnet))
            .expect("the store lives as long as the app");
        if saved.carnet != carnet {
            self.carnet.set(saved.carnet);
        }
        if let Some(found) = saved.found {
            self.report(found);
        }
        cancel(self.retry_timer);
        match saved.written {
            Ok(()) => {
                self.unsaved.set(false);
                self.problems
                    .update(|p| p.retain(|p| p.id() != ProblemId::not_saved()));
                true
            }
            Err(problem) => {
                self.unsaved.set(true);
                self.report(problem);
                let app = *self;
                let handle = set_timeout_with_handle(
                    move || {
                        app.save();
                    },
                    crate::timing::RETRY_WRITE,
                )
                .ok();
                self.retry_timer.set_value(handle);
                false
            }
        }
    }

    /// Another tab wrote the carnet: take its changes in.
    pub fn merge_from_other_tab(&self) {
        let (stored, found) = self
            .store
            .try_update_value(Store::reread)
            .unwrap_or((None, None));
        if let Some(stored) = stored {
            self.carnet.update(|c| c.merge(&stored));
        }
        if let Some(found) = found {
            self.report(found);
        }
    }

    /// Shows a problem once (by its id; a change not saved replaces the
    /// one before).
    fn report(&self, problem: Problem) {
        let id = problem.id();
        self.problems.update(|problems| {
            if id == ProblemId::not_saved() {
                problems.retain(|p| p.id() != id);
            }
            if !problems.iter().any(|p| p.id() == id) {
                problems.push(problem);
            }
        });
    }

    /// The participant has read a problem and closed it (a copy kept aside
    /// stays).
    pub fn dismiss(&self, id: &ProblemId) {
        self.problems.update(|p| p.retain(|p| p.id() != *id));
    }

    /// Forgets a copy kept aside (the participant has downloaded it).
    pub fn discard(&self, key: &str) {
        self.store.update_value(|s| s.discard(key));
        self.problems.update(|problems| {
            problems.retain(|p| p.id() != ProblemId::aside(key));
        });
        self.kept_changed.update(|n| *n += 1);
    }

    /// Keeps a copy of the carnet aside, before an import replaces it.
    pub fn back_up(&self) -> Option<String> {
        let carnet = self.carnet.get_untracked();
        let key = self.store.with_value(|s| s.back_up(&carnet));
        self.kept_changed.update(|n| *n += 1);
        key
    }

    /// True when the carnet is kept in the browser, not in memory only.
    pub fn storage_works(&self) -> bool {
        self.store.with_value(Store::is_persistent)
    }

    /// Reads whether the browser has promised to keep the storage (it may
    /// have, at an earlier visit).
    pub fn read_keeping(&self) {
        self.hear_keeping(false);
    }

    /// Asks the browser to keep the storage, if `keep` says this is the
    /// moment (see there why not at a favourite).
    pub fn ask_to_keep(&self, moment: Moment) {
        if keep::ask_now(self.keeping.get_untracked(), moment, self.storage_works()) {
            self.hear_keeping(true);
        }
    }

    /// Asks the browser (`persist()` if `ask`, else `persisted()`) and
    /// records its answer. One future for both: each costs wasm.
    fn hear_keeping(&self, ask: bool) {
        let keeping = self.keeping;
        spawn_local(async move {
            let answer = storage::keeping(ask).await;
            keeping.update(|k| *k = keep::after_answer(*k, ask, answer));
        });
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
