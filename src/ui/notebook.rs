//! The participant's carnet as the app holds it: favourites and notes,
//! what must be said about the storage, an import waiting to be looked at,
//! and the copies kept aside. Views read it through read-only signals and
//! change it only through these methods; every write goes to storage at
//! once.

use super::history;
use super::read_only::ReadOnly;
use crate::carnet::Carnet;
use crate::keep::{self, Keeping, Moment};
use crate::problem::{Problem, ProblemId};
use crate::storage::{self, Kept, Store};
use leptos::prelude::*;
use leptos::task::spawn_local;

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

/// The carnet, its storage and what is said about them.
#[derive(Clone, Copy)]
pub struct Notebook {
    /// The participant's favourites and notes.
    carnet: RwSignal<Carnet>,
    /// What the participant must be told about the storage.
    problems: RwSignal<Vec<Problem>>,
    /// The last write failed and waits to be tried again.
    unsaved: RwSignal<bool>,
    /// Whether the browser promised to keep the storage (not to purge it).
    keeping: RwSignal<Keeping>,
    /// A carnet to import (from a file or a transfer link), waiting for the
    /// participant to look at it and say how.
    incoming: RwSignal<Option<Incoming>>,
    /// A message about an import that went wrong, for the carnet page.
    notice: RwSignal<Option<String>>,
    /// The copies kept on this device (unreadable text, carnets replaced by
    /// an import), the newest first.
    kept: RwSignal<Vec<Kept>>,
    store: StoredValue<Store>,
    retry_timer: StoredValue<Option<TimeoutHandle>>,
}

impl Notebook {
    /// Reads the stored carnet (what cannot be read is kept aside, a newer
    /// version's carnet left where it is, and either said), and whether the
    /// browser promised to keep it.
    pub fn open() -> Notebook {
        let opened = Store::open();
        let notebook = Notebook::of(
            opened.carnet,
            opened.problems,
            opened.store,
            storage::kept(),
        );
        notebook.hear_keeping(false);
        notebook
    }

    /// An empty carnet that keeps nothing, with no browser (the first view,
    /// rendered at build time: nothing is read before the app runs).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn empty() -> Notebook {
        Notebook::of(
            Carnet::default(),
            Vec::new(),
            Store::in_memory(),
            Vec::new(),
        )
    }

    fn of(carnet: Carnet, problems: Vec<Problem>, store: Store, kept: Vec<Kept>) -> Notebook {
        Notebook {
            carnet: RwSignal::new(carnet),
            problems: RwSignal::new(problems),
            unsaved: RwSignal::new(false),
            keeping: RwSignal::new(Keeping::Unknown),
            incoming: RwSignal::new(None),
            notice: RwSignal::new(None),
            kept: RwSignal::new(kept),
            store: StoredValue::new(store),
            retry_timer: StoredValue::new(None),
        }
    }

    // ------------------------------------------- what the views read

    /// The favourites and notes.
    pub fn carnet(&self) -> ReadOnly<Carnet> {
        ReadOnly::of(self.carnet)
    }

    /// What the participant must be told about the storage.
    pub fn problems(&self) -> ReadOnly<Vec<Problem>> {
        ReadOnly::of(self.problems)
    }

    /// The last write failed and waits to be tried again.
    pub fn unsaved(&self) -> ReadOnly<bool> {
        ReadOnly::of(self.unsaved)
    }

    /// Whether the browser promised to keep the storage.
    pub fn keeping(&self) -> ReadOnly<Keeping> {
        ReadOnly::of(self.keeping)
    }

    /// A carnet waiting to be imported.
    pub fn incoming(&self) -> ReadOnly<Option<Incoming>> {
        ReadOnly::of(self.incoming)
    }

    /// A message about an import that went wrong.
    pub fn notice(&self) -> ReadOnly<Option<String>> {
        ReadOnly::of(self.notice)
    }

    /// The copies kept on this device, the newest first.
    pub fn kept(&self) -> ReadOnly<Vec<Kept>> {
        ReadOnly::of(self.kept)
    }

    // ------------------------------------------- what they may change

    /// A carnet to look at before importing it (the preview shows it).
    pub fn bring(&self, incoming: Incoming) {
        self.incoming.set(Some(incoming));
    }

    /// The preview is done with (imported, or let go).
    pub fn let_go(&self) {
        crate::storage::forget_pending_transfer();
        self.incoming.set(None);
    }

    /// Says on the carnet page what went wrong with an import.
    pub fn tell(&self, notice: String) {
        self.notice.set(Some(notice));
    }

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
        super::state::cancel(self.retry_timer);
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
                let notebook = *self;
                let handle = set_timeout_with_handle(
                    move || {
                        notebook.save();
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
        let copied_aside = matches!(problem, Problem::Unreadable { aside: Some(_), .. });
        self.problems.update(|problems| {
            if id == ProblemId::not_saved() {
                problems.retain(|p| p.id() != id);
            }
            if !problems.iter().any(|p| p.id() == id) {
                problems.push(problem);
            }
        });
        // Only unreadable text is copied aside: a write that failed (a full
        // quota, retried while the reader types) does not reread the storage.
        if copied_aside {
            self.kept.set(storage::kept());
        }
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
        self.kept.set(storage::kept());
    }

    /// Keeps a copy of the carnet aside, before an import replaces it.
    pub fn back_up(&self) -> Option<String> {
        let carnet = self.carnet.get_untracked();
        let key = self.store.with_value(|s| s.back_up(&carnet));
        self.kept.set(storage::kept());
        key
    }

    /// True when the carnet is kept in the browser, not in memory only.
    pub fn storage_works(&self) -> bool {
        self.store.with_value(Store::is_persistent)
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
