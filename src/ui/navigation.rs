//! The browser shell of navigation: it gives [`Navigator`] what the reader
//! did and what the browser said, and carries out its commands. Every rule
//! (which entry, when, where the focus goes) is decided in
//! [`crate::navigation`], and tested there.

use super::read_only::ReadOnly;
use super::{focus, history};
use crate::navigation::{Command, Event, Focus, Navigator, Timer};
use crate::timing;
use crate::view::View;
use leptos::ev;
use leptos::prelude::*;
use std::time::Duration;

/// The view shown, the filter sheet, and the way to change them. Views read
/// them through read-only signals and change them only through its methods.
#[derive(Clone, Copy)]
pub struct Navigation {
    core: StoredValue<Navigator>,
    view: RwSignal<View>,
    sheet: RwSignal<bool>,
    search_timer: StoredValue<Option<TimeoutHandle>>,
    scroll_timer: StoredValue<Option<TimeoutHandle>>,
    /// The défi whose card the list is about to focus, for the list to
    /// show it as it opens (it shows its first cards only).
    card_wanted: StoredValue<Option<String>>,
}

impl Navigation {
    /// Starts on `initial`, and follows Back, Forward, the scroll and the
    /// page being left from now on.
    pub fn start(initial: View) -> Navigation {
        history::take_over_scrolling();
        let (core, commands) = Navigator::start(initial.clone(), &history::address());
        let nav = Navigation::of(core, initial);
        nav.run(commands);
        // Back and Forward show the view of their address.
        let _ = window_event_listener(ev::popstate, move |_| nav.follow_address_bar());
        let _ = window_event_listener(ev::scroll, move |_| {
            nav.on(Event::Scrolled);
        });
        let _ = window_event_listener(ev::pagehide, move |_| {
            nav.on(Event::PageHidden(history::scroll_y()));
        });
        nav
    }

    /// Navigation on one view, with no browser (the first view, rendered at
    /// build time).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn still(view: View) -> Navigation {
        let address = crate::navigation::Address {
            query: view.to_query(),
            ..Default::default()
        };
        Navigation::of(Navigator::start(view.clone(), &address).0, view)
    }

    fn of(core: Navigator, view: View) -> Navigation {
        Navigation {
            core: StoredValue::new(core),
            view: RwSignal::new(view),
            sheet: RwSignal::new(false),
            search_timer: StoredValue::new(None),
            scroll_timer: StoredValue::new(None),
            card_wanted: StoredValue::new(None),
        }
    }

    /// What is shown: filters, search, page. Always the view of the URL.
    pub fn view(&self) -> ReadOnly<View> {
        ReadOnly::of(self.view)
    }

    /// The défi whose card the list is about to focus (Back from it,
    /// « Retour à la liste »), if any.
    pub fn card_wanted(&self) -> Option<String> {
        self.card_wanted.get_value()
    }

    /// The filter panel is open as a sheet (on a phone).
    pub fn sheet_open(&self) -> bool {
        self.sheet.get()
    }

    /// Shows another view, as a new history entry.
    pub fn go(&self, to: View) {
        let scroll = history::scroll_y();
        self.on(Event::Go { to, scroll });
    }

    /// « Retour à la liste ».
    pub fn back_to_list(&self) {
        self.on(Event::BackToList {
            came_from_list: history::came_from_list(),
            scroll: history::scroll_y(),
        });
    }

    /// Shows the view of the address bar (after Back or Forward).
    pub fn follow_address_bar(&self) {
        self.on(Event::AddressBar(history::address()));
    }

    /// Shows a view in place of the current entry.
    pub fn replace(&self, view: View) {
        self.on(Event::Replace(view));
    }

    pub fn open_filters(&self) {
        let scroll = history::scroll_y();
        self.on(Event::OpenFilters { scroll });
    }

    pub fn close_filters(&self) {
        self.on(Event::CloseFilters);
    }

    /// Escape was pressed; true when it closed something.
    pub fn escape(&self) -> bool {
        self.on(Event::Escape)
    }

    pub fn screen_widened(&self) {
        self.on(Event::ScreenWidened);
    }

    pub fn forget_filters(&self) {
        self.on(Event::ForgetFilters);
    }

    pub fn clear_filters(&self) {
        let scroll = history::scroll_y();
        self.on(Event::ClearFilters { scroll });
    }

    /// The search box changed.
    pub fn set_search(&self, text: String) {
        self.on(Event::Search(text));
    }

    /// Gives the core an event, shows the state it leads to, and carries out
    /// its commands; false when there were none (the event changed nothing).
    fn on(&self, event: Event) -> bool {
        let Some((commands, view, open)) = self.core.try_update_value(|n| {
            let commands = n.handle(event);
            (commands, n.view().clone(), n.sheet_open())
        }) else {
            return false;
        };
        if self.view.with_untracked(|v| *v != view) {
            self.view.set(view);
        }
        if open != self.sheet.get_untracked() {
            self.sheet.set(open);
        }
        let acted = !commands.is_empty();
        self.run(commands);
        acted
    }

    fn run(&self, commands: Vec<Command>) {
        for command in commands {
            self.carry_out(command);
        }
    }

    fn carry_out(&self, command: Command) {
        let nav = *self;
        match command {
            Command::Push { view, from_list } => history::push(&view, from_list),
            Command::PushSearch { view, from } => history::push_search(&view, &from),
            Command::Replace(view) => history::replace(&view),
            Command::RememberScroll(y) => history::remember_scroll_at(y),
            Command::Back => history::back(),
            Command::WriteEntryAfterPaint(ticket) => {
                let due = move || {
                    nav.on(Event::EntryDue(ticket));
                };
                history::after_render(move || set_timeout(due, Duration::ZERO));
                set_timeout(due, timing::DEFERRED_ENTRY);
            }
            Command::Start(timer) => {
                let slot = self.timer(timer);
                super::state::cancel(slot);
                let ended = move || {
                    slot.set_value(None);
                    nav.on(match timer {
                        Timer::Search => Event::SearchDue,
                        Timer::Scroll => Event::ScrollSettled(history::scroll_y()),
                    });
                };
                slot.set_value(set_timeout_with_handle(ended, timer.delay()).ok());
            }
            Command::Cancel(timer) => super::state::cancel(self.timer(timer)),
            Command::ScrollTo(y) => history::after_render(move || history::scroll_to(y)),
            Command::Focus(to) => {
                let wanted = match &to {
                    Focus::Card(id) | Focus::CardShown(id) => Some(id.clone()),
                    _ => None,
                };
                self.card_wanted.set_value(wanted);
                self.focus_after_render(to);
            }
        }
    }

    fn focus_after_render(&self, to: Focus) {
        let card_wanted = self.card_wanted;
        history::after_render(move || {
            card_wanted.set_value(None);
            match to {
                Focus::PageTitle => history::focus_page_title(),
                Focus::Card(id) => {
                    if !history::focus_card(&id) {
                        history::focus_page_title();
                    }
                }
                Focus::CardShown(id) => {
                    // (A défi the list does not show: one that left the
                    // results meanwhile.)
                    if !history::show_card(&id) {
                        history::scroll_to(0.0);
                        history::focus_page_title();
                    }
                }
                Focus::FiltersButton => focus("filtres-bouton"),
                Focus::FiltersTitle => focus("filtres-titre"),
                Focus::Kept => history::focus_if_lost(),
            }
        });
    }

    fn timer(&self, timer: Timer) -> StoredValue<Option<TimeoutHandle>> {
        match timer {
            Timer::Search => self.search_timer,
            Timer::Scroll => self.scroll_timer,
        }
    }
}
