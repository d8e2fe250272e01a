//! Navigation as a state machine: the view, its history entries, the filter
//! sheet, the search on its way to the address bar, the scroll position of
//! each entry, and where the focus goes after a change.
//!
//! Pure (no web_sys): events go in, as what the reader did or what the
//! browser said, and [`Command`]s come out. The browser shell (`ui::nav`)
//! carries the commands out in their order and calls back the events they
//! announce (an entry due, a timer that ended). Every rule of Back, Forward
//! and the focus is therefore tested here, natively.

use crate::carnet::TRANSFER_PREFIX;
use crate::timing;
use crate::view::{Page, View};
use std::time::Duration;

/// What the browser shell must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Add a history entry for the view. `from_list`: the entry before it
    /// is the list, so « Retour à la liste » can go Back to it.
    Push { view: View, from_list: bool },
    /// Add a history entry for a search typed on `from`, the view of the
    /// entry before it (kept in the entry: once the search is wiped out,
    /// Back returns there, after a reload, Back or Forward too).
    PushSearch { view: View, from: View },
    /// Rewrite the current entry's address (its scroll position stays).
    Replace(View),
    /// Keep this scroll position in the current entry.
    RememberScroll(f64),
    /// Go one entry back (the browser then says so:
    /// [`Navigator::follow_address_bar`]).
    Back,
    /// Call [`Navigator::entry_due`] with this ticket once the view is
    /// painted, and after [`timing::DEFERRED_ENTRY`] at the latest (a
    /// hidden tab does not paint). Writing an entry takes a few
    /// milliseconds that the reader would otherwise wait for.
    WriteEntryAfterPaint(Ticket),
    /// Start this timer, or start it again if it runs; call its event when
    /// it ends ([`Navigator::search_due`], [`Navigator::scroll_settled`]).
    Start(Timer),
    /// Stop this timer.
    Cancel(Timer),
    /// Once the page shows the new state: scroll to this position.
    ScrollTo(f64),
    /// Once the page shows the new state: move the focus there (without
    /// scrolling).
    Focus(Focus),
}

/// The timers of navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timer {
    /// The search reaches the address bar a moment after the last key.
    Search,
    /// The scroll position is kept once the reader stops scrolling.
    Scroll,
}

impl Timer {
    pub fn delay(self) -> Duration {
        match self {
            Timer::Search => timing::SEARCH_TO_ADDRESS,
            Timer::Scroll => timing::SCROLL_SETTLED,
        }
    }
}

/// Where the focus goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Focus {
    /// The heading of the page shown (« page-title »).
    PageTitle,
    /// The link of this défi's card in the list; the page's heading when
    /// the card is not shown.
    Card(String),
    /// The same, brought into view (the list was not where the reader came
    /// from: there is no place of theirs to come back to); else the top of
    /// the page and its heading.
    CardShown(String),
    /// The « Filtres » button that opens the sheet.
    FiltersButton,
    /// The heading of the filter panel.
    FiltersTitle,
    /// Where it is, unless the control that had it is gone (a chip, a card
    /// that left the list): then the page's heading.
    Kept,
}

/// What happens: what the reader did, or what the browser said. Each is
/// also a method of [`Navigator`], which documents it.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Go { to: View, scroll: f64 },
    EntryDue(Ticket),
    BackToList { came_from_list: bool, scroll: f64 },
    AddressBar(Address),
    Replace(View),
    OpenFilters { scroll: f64 },
    CloseFilters,
    Escape,
    ScreenWidened,
    ForgetFilters,
    ClearFilters { scroll: f64 },
    Search(String),
    SearchDue,
    Scrolled,
    ScrollSettled(f64),
    PageHidden(f64),
}

/// Names one deferred history entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket(u64);

/// What the browser says about the entry Back or Forward came to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Address {
    /// The query string, with or without its `?`.
    pub query: String,
    /// The fragment (`#…`), empty when there is none.
    pub fragment: String,
    /// The scroll position kept in the entry.
    pub scroll: Option<f64>,
    /// An entry added for a search: the query of the entry before it.
    pub search_from: Option<String>,
}

/// A history entry not written yet.
#[derive(Debug, Clone, PartialEq)]
struct Pending {
    ticket: Ticket,
    /// The entry gets the view as it is when written (a search typed
    /// since goes with it).
    kind: Entry,
}

#[derive(Debug, Clone, PartialEq)]
enum Entry {
    /// A new entry; the one being left keeps the reader's position.
    Push { from_list: bool, leaving_at: f64 },
    /// In the filter sheet, every change goes into the sheet's own entry:
    /// Back then closes the sheet rather than undoing one checkbox.
    Replace,
    /// A search's own entry, after the entry of `from`.
    Search { from: View },
}

/// What the current entry is to a search typed in it. A search has an
/// entry of its own, which its next pauses rewrite: Back undoes it as a
/// whole.
#[derive(Debug, Clone, PartialEq)]
enum SearchEntry {
    /// An entry of another kind: a search adds one of its own.
    Other,
    /// Added for the search being typed, after the entry of this view.
    From(View),
    /// An entry with a search that was not added for one (a link, a filter
    /// chosen while searching): a search refines it, in place.
    Unknown,
}

impl SearchEntry {
    /// What the entry of `address`, which shows `view`, is to a search.
    fn came_to(view: &View, address: &Address) -> SearchEntry {
        match &address.search_from {
            Some(query) => SearchEntry::From(View::from_query(query)),
            None if view.search.trim().is_empty() => SearchEntry::Other,
            None => SearchEntry::Unknown,
        }
    }
}

/// The state of navigation.
#[derive(Debug, Clone, PartialEq)]
pub struct Navigator {
    view: View,
    /// While the filter sheet is open (on a phone): the view it was opened
    /// on. The sheet has a history entry of its own, so that Back closes it.
    sheet: Option<View>,
    /// The sheet was closed with nothing changed: its entry is being taken
    /// back out of the history (the next popstate is that, and only that).
    sheet_leaving: bool,
    pending: Option<Pending>,
    tickets: u64,
    /// The address bar does not show the search yet.
    search_pending: bool,
    /// What the current entry is to a search typed in it.
    search_entry: SearchEntry,
    /// A search wiped out to where it started: its entry is being taken
    /// back out of the history; the next popstate is that, if it comes to
    /// this view.
    search_leaving: Option<View>,
    /// The search of the current entry, as the typing began.
    typed_from: String,
}

impl Navigator {
    /// Starts on `view`, read from the address bar (and what the reader
    /// typed before the app ran); a reload comes back to the position kept
    /// in its entry. An address that does not say the view as the app
    /// writes it (a value this edition does not know, another order, a
    /// search typed before the app ran) is rewritten, so that a link copied
    /// from it is the view shown; not while it holds a transfer link, which
    /// the app reads from the fragment first.
    pub fn start(view: View, address: &Address) -> (Navigator, Vec<Command>) {
        let mut out = Vec::new();
        let shown = address.query.strip_prefix('?').unwrap_or(&address.query);
        let written = view.to_query();
        let transfer = address.fragment.starts_with(TRANSFER_PREFIX);
        if !transfer && written.strip_prefix('?').unwrap_or(&written) != shown {
            out.push(Command::Replace(view.clone()));
        }
        out.extend(address.scroll.map(Command::ScrollTo));
        let navigator = Navigator {
            search_entry: SearchEntry::came_to(&view, address),
            view,
            sheet: None,
            sheet_leaving: false,
            pending: None,
            tickets: 0,
            search_pending: false,
            search_leaving: None,
            typed_from: String::new(),
        };
        (navigator, out)
    }

    /// The view shown: always the view of the address bar, or of the entry
    /// about to be written.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// The filter panel is open as a sheet (on a phone).
    pub fn sheet_open(&self) -> bool {
        self.sheet.is_some()
    }

    /// Takes an event in, and gives what the browser must do.
    pub fn handle(&mut self, event: Event) -> Vec<Command> {
        match event {
            Event::Go { to, scroll } => self.go(to, scroll),
            Event::EntryDue(ticket) => self.entry_due(ticket),
            Event::BackToList {
                came_from_list,
                scroll,
            } => self.back_to_list(came_from_list, scroll),
            Event::AddressBar(address) => self.follow_address_bar(&address),
            Event::Replace(view) => self.replace(view),
            Event::OpenFilters { scroll } => self.open_filters(scroll),
            Event::CloseFilters => self.close_filters(),
            Event::Escape => self.escape(),
            Event::ScreenWidened => self.screen_widened(),
            Event::ForgetFilters => {
                self.forget_filters();
                Vec::new()
            }
            Event::ClearFilters { scroll } => self.clear_filters(scroll),
            Event::Search(text) => self.set_search(text),
            Event::SearchDue => self.search_due(),
            Event::Scrolled => self.scrolled(),
            Event::ScrollSettled(y) => self.scroll_settled(y),
            Event::PageHidden(y) => self.page_hidden(y),
        }
    }

    /// Shows another view, as a new history entry. The view changes at
    /// once; the entry is written after the paint. `scroll`: where the
    /// reader is, for Back to bring them there again.
    pub fn go(&mut self, to: View, scroll: f64) -> Vec<Command> {
        self.go_to(to, scroll, None)
    }

    /// [`Navigator::go`]; on another page, `card`'s in view and focused
    /// rather than the top of the page and its heading.
    fn go_to(&mut self, to: View, scroll: f64, card: Option<String>) -> Vec<Command> {
        let mut out = self.write_pending();
        let page_changes = self.view.page != to.page;
        let kind = if self.sheet.is_some() {
            Entry::Replace
        } else {
            Entry::Push {
                from_list: page_changes && self.view.page == Page::List,
                leaving_at: scroll,
            }
        };
        self.view = to;
        self.search_entry = SearchEntry::Other;
        self.tickets += 1;
        let ticket = Ticket(self.tickets);
        self.pending = Some(Pending { ticket, kind });
        out.push(Command::WriteEntryAfterPaint(ticket));
        if let (true, Some(id)) = (page_changes, card) {
            out.push(Command::Focus(Focus::CardShown(id)));
        } else if page_changes {
            out.push(Command::ScrollTo(0.0));
            out.push(Command::Focus(Focus::PageTitle));
        } else {
            out.push(Command::Focus(Focus::Kept));
        }
        out
    }

    /// The view was painted, or the wait is over: the entry is written,
    /// unless it was already, or Back or Forward came first (it would then
    /// land in the wrong place).
    pub fn entry_due(&mut self, ticket: Ticket) -> Vec<Command> {
        if self.pending.as_ref().is_some_and(|p| p.ticket == ticket) {
            self.write_entry()
        } else {
            Vec::new()
        }
    }

    /// « Retour à la liste »: Back when the reader came from the list (the
    /// scroll position comes back too), a new entry otherwise.
    /// `came_from_list`: what the current entry of the browser records.
    pub fn back_to_list(&mut self, came_from_list: bool, scroll: f64) -> Vec<Command> {
        let came_from_list = match &self.pending {
            Some(Pending {
                kind: Entry::Push { from_list, .. },
                ..
            }) => *from_list,
            _ => came_from_list,
        };
        if came_from_list {
            let mut out = self.write_pending();
            out.push(Command::Back);
            return out;
        }
        // A défi opened from a link, or reached by « Défi suivant »: the
        // list, a new entry, shown where the défi left sits in it.
        let left = match &self.view.page {
            Page::Challenge(id) => Some(id.clone()),
            _ => None,
        };
        let list = self.view.with_page(Page::List);
        self.go_to(list, scroll, left)
    }

    /// Back or Forward: shows the view of the entry they came to.
    pub fn follow_address_bar(&mut self, address: &Address) -> Vec<Command> {
        // The sheet's own entry, taken out after the sheet closed
        // unchanged: the view is already the one of the address bar.
        if std::mem::take(&mut self.sheet_leaving) {
            return Vec::new();
        }
        // The same for a search's entry, taken out once the search was
        // wiped out (a search typed since waits for its pause, as usual).
        if let Some(expected) = self.search_leaving.take()
            && View::from_query(&address.query) == expected
        {
            return Vec::new();
        }
        let mut out = Vec::new();
        if std::mem::take(&mut self.search_pending) {
            out.push(Command::Cancel(Timer::Search));
        }
        // An entry not written yet would now land in the wrong place.
        self.pending = None;
        // Back with the sheet open (a phone's Back button) closes it, as it
        // closes any screen that covers the page, and keeps the filters
        // chosen in it, in the entry Back came to (a replace, which a
        // browser never holds against the page, unlike a push after Back).
        // A transfer link (a new fragment) is followed as usual.
        if self.sheet.take().is_some() && address.fragment.is_empty() {
            out.push(Command::Replace(self.view.clone()));
            out.push(Command::Focus(Focus::FiltersButton));
            return out;
        }
        let to = View::from_query(&address.query);
        self.search_entry = SearchEntry::came_to(&to, address);
        let page_changes = self.view.page != to.page;
        // Back from a défi to the list: the focus goes to that défi's card,
        // where the scroll position brings the reader back.
        let card = match (&self.view.page, &to.page) {
            (Page::Challenge(id), Page::List) => Some(id.clone()),
            _ => None,
        };
        self.view = to;
        out.push(Command::ScrollTo(address.scroll.unwrap_or(0.0)));
        // On the same page, the focus stays, unless the control that had
        // it is gone (a card the search had shown).
        out.push(Command::Focus(match (page_changes, card) {
            (true, Some(id)) => Focus::Card(id),
            (true, None) => Focus::PageTitle,
            (false, _) => Focus::Kept,
        }));
        out
    }

    /// Shows a view in place of the current entry (a transfer link opens
    /// Mon carnet, and its fragment leaves the address bar).
    pub fn replace(&mut self, view: View) -> Vec<Command> {
        let mut out = self.write_pending();
        self.view = view.clone();
        self.search_entry = SearchEntry::Other;
        out.push(Command::Replace(view));
        out
    }

    /// Opens the filter sheet, in a history entry of its own.
    pub fn open_filters(&mut self, scroll: f64) -> Vec<Command> {
        if self.sheet.is_some() {
            return Vec::new();
        }
        let mut out = self.write_pending();
        out.push(Command::RememberScroll(scroll));
        out.push(Command::Push {
            view: self.view.clone(),
            from_list: false,
        });
        self.search_entry = SearchEntry::Other;
        self.sheet = Some(self.view.clone());
        out.push(Command::Focus(Focus::FiltersTitle));
        out
    }

    /// Closes the sheet (« Fermer », « Voir les … défis », Escape): the
    /// focus goes back to the « Filtres » button.
    pub fn close_filters(&mut self) -> Vec<Command> {
        if self.sheet.is_none() {
            return Vec::new();
        }
        let mut out = self.leave_sheet();
        out.push(Command::Focus(Focus::FiltersButton));
        out
    }

    /// Escape, wherever the focus is: it closes the sheet if it is open
    /// (the focus may not have reached the sheet yet).
    pub fn escape(&mut self) -> Vec<Command> {
        if self.sheet.is_some() {
            self.close_filters()
        } else {
            Vec::new()
        }
    }

    /// The screen became wide: the filters are a side panel there, never a
    /// sheet. The focus stays in the panel.
    pub fn screen_widened(&mut self) -> Vec<Command> {
        self.leave_sheet()
    }

    /// The list is gone (another page): the sheet goes with it.
    pub fn forget_filters(&mut self) {
        self.sheet = None;
    }

    /// « Effacer les filtres » in the panel: the button is then disabled,
    /// so the focus goes to the panel's heading.
    pub fn clear_filters(&mut self, scroll: f64) -> Vec<Command> {
        let mut to = self.view.clone();
        to.selection = Default::default();
        let mut out = self.go(to, scroll);
        out.retain(|c| !matches!(c, Command::Focus(_)));
        out.push(Command::Focus(Focus::FiltersTitle));
        out
    }

    /// The search box changed: the list follows at once, the address bar
    /// a moment later (browsers limit how often it can change).
    pub fn set_search(&mut self, text: String) -> Vec<Command> {
        if !self.search_pending {
            self.typed_from = std::mem::replace(&mut self.view.search, text);
        } else {
            self.view.search = text;
        }
        self.search_pending = true;
        let mut out = vec![Command::Start(Timer::Search)];
        // A new search: its own entry, written after the paint as a
        // click's is, so that Back, however soon, comes to the view before
        // it. The address follows the typing after its pauses.
        if self.pending.is_none() && self.sheet.is_none() && self.search_entry == SearchEntry::Other
        {
            let mut from = self.view.clone();
            from.search.clone_from(&self.typed_from);
            self.tickets += 1;
            let ticket = Ticket(self.tickets);
            self.pending = Some(Pending {
                ticket,
                kind: Entry::Search { from },
            });
            out.push(Command::WriteEntryAfterPaint(ticket));
        }
        out
    }

    /// The typing paused: the search reaches the address bar, in an entry
    /// of its own, which the next pauses rewrite.
    pub fn search_due(&mut self) -> Vec<Command> {
        if !std::mem::take(&mut self.search_pending) {
            Vec::new()
        } else if self.pending.is_some() {
            // The entry not written yet takes the search with it: its own,
            // or a click's, which the search then refines in place.
            if !matches!(&self.pending, Some(p) if matches!(p.kind, Entry::Search { .. })) {
                self.search_entry = SearchEntry::Unknown;
            }
            self.write_entry()
        } else {
            self.write_search(true)
        }
    }

    /// The page scrolled: its position is kept once it settles (a reload
    /// finds it there: Chromium does not keep what is written while the
    /// page is being left).
    pub fn scrolled(&self) -> Vec<Command> {
        vec![Command::Start(Timer::Scroll)]
    }

    /// The reader stopped scrolling at `y`. The position belongs to the
    /// view shown, so an entry not written yet is written first (or the
    /// position would land in the entry being left).
    pub fn scroll_settled(&mut self, y: f64) -> Vec<Command> {
        // A search typed since the last pause (its results may have moved
        // the page) goes into its own entry first, so that the one before
        // it keeps where the reader was before searching.
        let mut out = self.write_pending();
        out.push(Command::RememberScroll(y));
        out
    }

    /// The page is being left (a reload, another site): everything the
    /// address bar and the entry should hold is written now.
    pub fn page_hidden(&mut self, y: f64) -> Vec<Command> {
        let mut out = Vec::new();
        if std::mem::take(&mut self.search_pending) {
            out.push(Command::Cancel(Timer::Search));
            // No entry added while the page goes: the search is written
            // into the one shown (or about to be).
            if self.pending.is_none() {
                out.push(Command::Replace(self.view.clone()));
            }
        }
        // Nor a search's entry: the page goes, the search stays in its own.
        if let Some(p) = self.pending.as_mut()
            && matches!(p.kind, Entry::Search { .. })
        {
            p.kind = Entry::Replace;
        }
        out.extend(self.write_entry());
        out.push(Command::RememberScroll(y));
        out
    }

    // ------------------------------------------------------------ inside

    /// Closes the sheet: its entry stays when the filters changed (one Back
    /// undoes them all); when nothing changed it is taken out, so Back is
    /// not wasted.
    fn leave_sheet(&mut self) -> Vec<Command> {
        let Some(opened_on) = self.sheet.take() else {
            return Vec::new();
        };
        let mut out = self.write_pending();
        if self.view == opened_on {
            self.sheet_leaving = true;
            out.push(Command::Back);
        }
        out
    }

    /// Writes now what waits: the search, then the entry of the last view.
    fn write_pending(&mut self) -> Vec<Command> {
        let mut out = Vec::new();
        if std::mem::take(&mut self.search_pending) {
            out.push(Command::Cancel(Timer::Search));
            // The search belongs to the entry about to be written, or to
            // one of its own.
            if self.pending.is_none() {
                out.extend(self.write_search(false));
            }
        }
        out.extend(self.write_entry());
        out
    }

    /// The search typed since the last pause, with no entry waiting: the
    /// first pause adds an entry, the next ones rewrite it, and a search
    /// wiped out to where it started takes its entry back out (`may_go_back`:
    /// unless an entry follows at once, which Back would then undo).
    fn write_search(&mut self, may_go_back: bool) -> Vec<Command> {
        let query = self.view.to_query();
        match &self.search_entry {
            SearchEntry::From(from) if may_go_back && from.to_query() == query => {
                self.search_leaving = Some(from.clone());
                self.search_entry = SearchEntry::Other;
                vec![Command::Back]
            }
            SearchEntry::From(_) | SearchEntry::Unknown => {
                vec![Command::Replace(self.view.clone())]
            }
            SearchEntry::Other => {
                let mut from = self.view.clone();
                from.search.clone_from(&self.typed_from);
                if from.to_query() == query {
                    // Typed and wiped out within the pause: nothing new.
                    return Vec::new();
                }
                self.search_entry = SearchEntry::From(from.clone());
                vec![Command::PushSearch {
                    view: self.view.clone(),
                    from,
                }]
            }
        }
    }

    /// Writes the entry not written yet, if any.
    fn write_entry(&mut self) -> Vec<Command> {
        let Some(Pending { kind, .. }) = self.pending.take() else {
            return Vec::new();
        };
        let view = self.view.clone();
        match kind {
            Entry::Push {
                from_list,
                leaving_at,
            } => vec![
                Command::RememberScroll(leaving_at),
                Command::Push { view, from_list },
            ],
            Entry::Replace => vec![Command::Replace(view)],
            // Typed and wiped out before the paint: nothing new.
            Entry::Search { from } if from.to_query() == view.to_query() => Vec::new(),
            Entry::Search { from } => {
                self.search_entry = SearchEntry::From(from.clone());
                vec![Command::PushSearch { view, from }]
            }
        }
    }
}

#[cfg(test)]
mod tests;
