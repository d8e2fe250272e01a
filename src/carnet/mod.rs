//! Mon carnet: the participant's favourites and notes, and how they are
//! written, read back, merged and moved to another device.
//!
//! Pure: no browser here, so every rule is tested natively. The browser side
//! is `crate::storage` (localStorage) and the components.
//!
//! # Never losing anything
//! - Every favourite and note carries the time it was last changed, and a
//!   removal is kept as such (a favourite switched off, a note emptied): two
//!   carnets [`merge`](Carnet::merge) entry by entry, the latest change wins,
//!   so two tabs, or an import, never erase each other's changes to other
//!   défis.
//! - [`decode`] reads what it can and says what it could not: the caller
//!   keeps the unreadable text aside, untouched.
//! - The stored form is one versioned [envelope](encode); [`decode`] migrates
//!   older versions ([`VERSION`] is 2; version 1 had no times) and refuses a
//!   future one rather than guess.
//! - Notes and favourites are keyed by the dataset's stable ids; one whose
//!   défi is gone is kept ([`Carnet::orphans`]).
//!
//! # One file per concern
//! Here, the [`Carnet`] type and what reads it; `merge` (two carnets made
//! one), `preview` (what an import would bring, in French), `codec` (the
//! versioned envelope, its migration and its limits), `export` (the files
//! to download) and `transfer` (the link to another device). Everything is
//! reachable from here: `crate::carnet::decode`, not `carnet::codec::decode`.

mod codec;
mod export;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod fixtures;
mod merge;
mod preview;
mod transfer;

pub use codec::{
    DecodeError, Decoded, MAX_ENTRIES, MAX_IMPORT_BYTES, MAX_NOTE_CHARS, MAX_TIME, SCHEMA, VERSION,
    decode, encode,
};
pub use export::{export_json, export_markdown};
pub use merge::IMPORTED_NOTE;
pub use preview::ImportPreview;
pub use transfer::{TRANSFER_PREFIX, read_transfer, transfer_fragment};

use crate::dataset::{self, Challenge};
use crate::filter::Annotations;
use crate::search::fold;
use std::collections::{BTreeMap, BTreeSet};

/// A favourite: on or off, and when it last changed (ms since 1970).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub on: bool,
    pub at: i64,
}

/// A note: its text (empty once deleted), and when it last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub text: String,
    pub at: i64,
}

/// The favourites and notes of one participant.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carnet {
    pub favourites: BTreeMap<String, Mark>,
    pub notes: BTreeMap<String, Note>,
    /// When the carnet was last exported (ms), to nudge the reader to do it.
    pub exported_at: Option<i64>,
}

impl Carnet {
    pub fn is_favourite(&self, id: &str) -> bool {
        self.favourites.get(id).is_some_and(|m| m.on)
    }

    /// The note on a défi, if it has one (not empty).
    pub fn note(&self, id: &str) -> Option<&str> {
        self.notes
            .get(id)
            .map(|n| n.text.as_str())
            .filter(|t| !t.trim().is_empty())
    }

    pub fn set_favourite(&mut self, id: &str, on: bool, now: i64) {
        let at = self
            .favourites
            .get(id)
            .map_or(now, |m| now.max(m.at.saturating_add(1)));
        self.favourites.insert(id.to_owned(), Mark { on, at });
    }

    /// Writes a note; an empty text deletes it (and remembers the deletion).
    pub fn set_note(&mut self, id: &str, text: &str, now: i64) {
        if self.notes.get(id).map(|n| n.text.as_str()) == Some(text) {
            return;
        }
        let at = self
            .notes
            .get(id)
            .map_or(now, |n| now.max(n.at.saturating_add(1)));
        self.notes.insert(
            id.to_owned(),
            Note {
                text: text.to_owned(),
                at,
            },
        );
    }

    /// The ids of the favourites, in id order.
    pub fn favourite_ids(&self) -> impl Iterator<Item = &str> {
        self.favourites
            .iter()
            .filter(|(_, m)| m.on)
            .map(|(id, _)| id.as_str())
    }

    /// The ids of the défis with a note, in id order.
    pub fn note_ids(&self) -> impl Iterator<Item = &str> {
        self.notes
            .iter()
            .filter(|(_, n)| !n.text.trim().is_empty())
            .map(|(id, _)| id.as_str())
    }

    pub fn favourite_count(&self) -> usize {
        self.favourite_ids().count()
    }

    pub fn note_count(&self) -> usize {
        self.note_ids().count()
    }

    /// True when there is no favourite and no note (removals aside).
    pub fn is_empty(&self) -> bool {
        self.favourite_count() == 0 && self.note_count() == 0
    }

    /// The latest change, to compare with the last export.
    pub fn changed_at(&self) -> Option<i64> {
        let marks = self.favourites.values().map(|m| m.at);
        let notes = self.notes.values().map(|n| n.at);
        marks.chain(notes).max()
    }

    /// True when something changed since the last export.
    pub fn needs_export(&self) -> bool {
        !self.is_empty() && self.changed_at() > self.exported_at
    }

    /// The ids of favourites and notes whose défi is not in the dataset.
    pub fn orphans(&self) -> Vec<&str> {
        // Both lists are in id order: merged without a sort (~3 KB of wasm).
        let mut ids: Vec<&str> = self.favourite_ids().collect();
        for id in self.note_ids() {
            if let Err(at) = ids.binary_search(&id) {
                ids.insert(at, id);
            }
        }
        ids.retain(|id| dataset::challenge(id).is_none());
        ids
    }

    /// The défis of the dataset with a favourite or a note, in the order of
    /// the dataset (site, then number): the order of the programme.
    pub fn challenges(&self) -> Vec<&'static Challenge> {
        dataset::CHALLENGES
            .iter()
            .filter(|c| self.is_favourite(c.id) || self.note(c.id).is_some())
            .collect()
    }

    /// What the search and the filters need: the favourites, and the notes
    /// folded for search.
    pub fn index(&self) -> CarnetIndex {
        let mut index = CarnetIndex::default();
        for id in self.favourite_ids() {
            index.favourites.insert(id.to_owned());
        }
        for id in self.note_ids() {
            index
                .notes
                .insert(id.to_owned(), fold(&self.notes[id].text));
        }
        index
    }

    /// Only what is on: no removal, for a transfer link (shorter) or a file.
    pub fn without_removals(&self) -> Carnet {
        let mut kept = Carnet {
            exported_at: None,
            ..self.clone()
        };
        kept.favourites.retain(|_, m| m.on);
        kept.notes.retain(|_, n| !n.text.trim().is_empty());
        kept
    }
}

/// The favourites and the folded notes, for the search and the filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CarnetIndex {
    favourites: BTreeSet<String>,
    notes: BTreeMap<String, String>,
}

impl Annotations for CarnetIndex {
    fn is_favourite(&self, id: &str) -> bool {
        self.favourites.contains(id)
    }

    fn folded_note(&self, id: &str) -> Option<&str> {
        self.notes.get(id).map(String::as_str)
    }
}
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use fixtures::sample;

    #[test]
    fn favourites_and_notes_are_kept_with_their_removals() {
        let carnet = sample();
        assert!(carnet.is_favourite("rennes-04"));
        assert!(!carnet.is_favourite("rennes-07"));
        assert_eq!(
            carnet.favourites["rennes-07"],
            Mark {
                on: false,
                at: 1_200
            }
        );
        assert_eq!(carnet.favourite_count(), 1);
        assert_eq!(carnet.note_count(), 2);
        let mut emptied = carnet.clone();
        emptied.set_note("rennes-04", "", 2_000);
        assert_eq!(emptied.note("rennes-04"), None);
        assert_eq!(
            emptied.notes["rennes-04"].at, 2_000,
            "the deletion is dated"
        );
    }

    #[test]
    fn a_change_is_always_later_than_the_one_before_even_with_a_clock_behind() {
        let mut carnet = Carnet::default();
        carnet.set_favourite("rennes-01", true, 5_000);
        carnet.set_favourite("rennes-01", false, 4_000);
        assert_eq!(
            carnet.favourites["rennes-01"],
            Mark {
                on: false,
                at: 5_001
            }
        );
    }

    #[test]
    fn the_index_folds_notes_for_search() {
        let index = sample().index();
        assert!(index.is_favourite("rennes-04"));
        assert!(!index.is_favourite("rennes-07"));
        assert_eq!(
            index.folded_note("rennes-04"),
            // Folded: the no-break spaces are plain ones (\x20).
            Some("idee\x20: un guichet \"\x20dans ma poche\x20\"\na tester")
        );
    }

    #[test]
    fn notes_whose_defi_is_gone_are_kept_as_orphans() {
        let carnet = sample();
        assert_eq!(carnet.orphans(), ["ancien-defi"]);
        let decoded = decode(&encode(&carnet)).unwrap();
        assert_eq!(
            decoded.carnet.note("ancien-defi"),
            Some("Une note dont le défi a disparu")
        );
    }

    #[test]
    fn the_carnet_reads_in_the_order_of_the_programme() {
        let mut carnet = Carnet::default();
        carnet.set_note("cluny-espace-public", "Cluny", 1);
        carnet.set_favourite("rennes-11", true, 2);
        carnet.set_favourite("rennes-02", true, 3);
        let ids: Vec<&str> = carnet.challenges().iter().map(|c| c.id).collect();
        assert_eq!(ids, ["rennes-02", "rennes-11", "cluny-espace-public"]);
    }
}
