//! Two carnets made one: [`Carnet::merge`] (two tabs, entry by entry),
//! [`Carnet::merge_import`] (an import, which keeps both texts of a note
//! written on both sides), [`Carnet::replaced_by`] (an import that replaces)
//! and [`Carnet::clamped`] (no time from another device's clock later than
//! now).

use super::{Carnet, Mark, Note};

/// The line between a note and the imported note that follows it, when a
/// défi had a note on both sides.
pub const IMPORTED_NOTE: &str = "— Note importée :";

impl Carnet {
    /// Merges another carnet into this one, entry by entry: the latest change
    /// wins. At the same time, what keeps something wins (a favourite on, the
    /// longer note), so a merge never loses a word.
    pub fn merge(&mut self, other: &Carnet) {
        for (id, theirs) in &other.favourites {
            match self.favourites.get(id) {
                Some(ours) if (ours.at, ours.on) >= (theirs.at, theirs.on) => {}
                _ => {
                    self.favourites.insert(id.clone(), *theirs);
                }
            }
        }
        for (id, theirs) in &other.notes {
            match self.notes.get(id) {
                Some(ours)
                    if (ours.at, ours.text.len(), &ours.text)
                        >= (theirs.at, theirs.text.len(), &theirs.text) => {}
                _ => {
                    self.notes.insert(id.clone(), theirs.clone());
                }
            }
        }
        self.exported_at = self.exported_at.max(other.exported_at);
    }

    /// The défis on which this carnet and an imported one both have a note,
    /// and neither text holds the other: written on both sides.
    pub(super) fn both_written<'a>(&self, incoming: &'a Carnet) -> impl Iterator<Item = &'a str> {
        incoming.note_ids().filter(|id| {
            let (Some(ours), Some(theirs)) = (self.note(id), incoming.note(id)) else {
                return false;
            };
            let (ours, theirs) = (ours.trim(), theirs.trim());
            !ours.contains(theirs) && !theirs.contains(ours)
        })
    }

    /// Merges a carnet brought by an import (a file, a transfer link): as
    /// [`Carnet::merge`], except that a note written on both sides keeps both
    /// texts, the imported one after this one's, so that « fusionner » never
    /// loses a word, whatever the two devices' clocks say. Importing the
    /// same carnet again changes nothing more. Returns how many notes kept
    /// both texts.
    pub fn merge_import(&mut self, incoming: &Carnet, now: i64) -> usize {
        let mut incoming = incoming.clone();
        let both: Vec<String> = self.both_written(&incoming).map(str::to_owned).collect();
        for id in &both {
            let ours = &self.notes[id];
            let theirs = &incoming.notes[id];
            let text = format!(
                "{}\n\n{IMPORTED_NOTE}\n{}",
                ours.text.trim_end(),
                theirs.text.trim()
            );
            let at = now.max(ours.at.max(theirs.at).saturating_add(1));
            incoming.notes.insert(id.clone(), Note { text, at });
        }
        self.merge(&incoming);
        both.len()
    }

    /// This carnet replaced by another (an import in « replace » mode), as a
    /// carnet that wins any merge with this one: every entry here is removed,
    /// every entry there is written anew, at `now`.
    pub fn replaced_by(&self, incoming: &Carnet, now: i64) -> Carnet {
        let latest = self
            .changed_at()
            .into_iter()
            .chain(incoming.changed_at())
            .max()
            .unwrap_or(0);
        let at = now.max(latest.saturating_add(1));
        // Cloned and rewritten in place rather than collected: collecting
        // into a BTreeMap sorts, and each sort is ~4 KB of wasm.
        let mut replaced = self.clone();
        for mark in replaced.favourites.values_mut() {
            *mark = Mark { on: false, at };
        }
        for note in replaced.notes.values_mut() {
            *note = Note {
                text: String::new(),
                at,
            };
        }
        for id in incoming.favourite_ids() {
            replaced.favourites.insert(
                id.to_owned(),
                Mark {
                    on: true,
                    at: at + 1,
                },
            );
        }
        for id in incoming.note_ids() {
            let text = incoming.notes[id].text.clone();
            replaced
                .notes
                .insert(id.to_owned(), Note { text, at: at + 1 });
        }
        replaced
    }

    /// A carnet from elsewhere (a file, a link) with no time later than
    /// `now`: another device's clock may be ahead, and a change dated in the
    /// future would win every merge until then.
    pub fn clamped(mut self, now: i64) -> Carnet {
        for mark in self.favourites.values_mut() {
            mark.at = mark.at.min(now);
        }
        for note in self.notes.values_mut() {
            note.at = note.at.min(now);
        }
        self
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use crate::carnet::fixtures::{arbitrary_carnet, sample};
    use crate::carnet::*;
    use proptest::prelude::*;

    #[test]
    fn merge_keeps_the_latest_change_of_each_entry() {
        // Two tabs: one changes rennes-04, the other rennes-08.
        let base = sample();
        let mut tab_a = base.clone();
        tab_a.set_note("rennes-04", "Réécrite dans l’onglet A", 2_000);
        let mut tab_b = base.clone();
        tab_b.set_favourite("rennes-08", true, 2_100);
        tab_b.set_favourite("rennes-04", false, 2_200);
        let mut a_then_b = tab_a.clone();
        a_then_b.merge(&tab_b);
        let mut b_then_a = tab_b.clone();
        b_then_a.merge(&tab_a);
        assert_eq!(a_then_b, b_then_a, "merge is commutative");
        assert_eq!(a_then_b.note("rennes-04"), Some("Réécrite dans l’onglet A"));
        assert!(a_then_b.is_favourite("rennes-08"));
        assert!(
            !a_then_b.is_favourite("rennes-04"),
            "the later removal wins"
        );
    }

    #[test]
    fn at_the_same_time_what_keeps_something_wins() {
        let mut a = Carnet::default();
        a.set_favourite("rennes-01", true, 7);
        a.set_note("rennes-01", "long texte", 7);
        let mut b = Carnet::default();
        b.set_favourite("rennes-01", false, 7);
        b.set_note("rennes-01", "", 7);
        let mut merged = b.clone();
        merged.merge(&a);
        assert!(merged.is_favourite("rennes-01"));
        assert_eq!(merged.note("rennes-01"), Some("long texte"));
    }

    #[test]
    fn replacing_wins_over_the_old_carnet_even_when_merged_with_it() {
        let mine = sample();
        let mut theirs = Carnet::default();
        theirs.set_favourite("rennes-09", true, 10);
        theirs.set_note("rennes-10", "Importée", 10);
        let replaced = mine.replaced_by(&theirs, 5_000);
        // What the tab writes is merged with what is stored (the old carnet).
        let mut written = replaced.clone();
        written.merge(&mine);
        assert_eq!(written.favourite_ids().collect::<Vec<_>>(), ["rennes-09"]);
        assert_eq!(written.note_ids().collect::<Vec<_>>(), ["rennes-10"]);
        assert_eq!(written.note("rennes-10"), Some("Importée"));
    }

    #[test]
    fn times_out_of_range_are_refused_and_imports_come_no_later_than_now() {
        let text = format!(
            r#"{{"schema":"carnet-des-defis","version":2,"favourites":{{"rennes-01":{{"on":true,"at":{}}},"rennes-02":{{"on":true,"at":-5}}}}}}"#,
            i64::MAX
        );
        let decoded = decode(&text).unwrap();
        assert_eq!(decoded.skipped, 2);
        let mut from_the_future = Carnet::default();
        from_the_future.set_favourite("rennes-03", true, MAX_TIME);
        let mut mine = from_the_future.clamped(1_000);
        assert_eq!(mine.favourites["rennes-03"].at, 1_000);
        // A change made now wins again.
        mine.set_favourite("rennes-03", false, 2_000);
        assert!(!mine.is_favourite("rennes-03"));
    }

    #[test]
    fn an_import_merged_keeps_both_texts_of_a_note_written_on_both_sides() {
        let mut here = Carnet::default();
        here.set_note("rennes-05", "B5, écrite ici", 2_000);
        here.set_note("rennes-06", "Une idée, et sa suite", 2_000);
        let mut there = Carnet::default();
        // Older, yet not lost.
        there.set_note("rennes-05", "A5, écrite là-bas", 1_000);
        // Held in the note here: the newer wins, as in any merge.
        there.set_note("rennes-06", "Une idée", 1_000);
        there.set_note("rennes-07", "Nouvelle", 1_000);
        let preview = here.preview(&there);
        assert_eq!(preview.both_written, 1);
        assert_eq!(preview.replaced_notes, 0);
        assert!(preview.describe("Le lien", 0).1.contains(
            "Une note est écrite des deux côtés : en fusionnant, elle garde les deux textes, l’un après l’autre."
        ));
        let mut merged = here.clone();
        assert_eq!(merged.merge_import(&there, 3_000), 1);
        assert_eq!(
            merged.note("rennes-05"),
            Some("B5, écrite ici\n\n— Note importée :\nA5, écrite là-bas")
        );
        assert_eq!(merged.notes["rennes-05"].at, 3_000);
        assert_eq!(merged.note("rennes-06"), Some("Une idée, et sa suite"));
        assert_eq!(merged.note("rennes-07"), Some("Nouvelle"));
        // The same carnet imported again changes nothing more.
        let mut again = merged.clone();
        assert_eq!(again.merge_import(&there, 4_000), 0);
        assert_eq!(again, merged);
        assert_eq!(merged.preview(&there).both_written, 0);
    }

    proptest! {
        #[test]
        fn an_import_merged_loses_no_text_of_either_side(
            here in arbitrary_carnet(),
            there in arbitrary_carnet(),
        ) {
            let mut merged = here.clone();
            merged.merge_import(&there, 1 << 46);
            for id in there.note_ids() {
                let text = merged.note(id).unwrap_or_default();
                let theirs = there.note(id).unwrap().trim();
                let lost_to_newer = here.notes.get(id).is_some_and(|n| n.at > there.notes[id].at && here.note(id).is_none_or(|ours| ours.contains(theirs) || theirs.contains(ours.trim())));
                prop_assert!(text.contains(theirs) || lost_to_newer, "{id}: {text:?} lost {theirs:?}");
            }
            for id in here.note_ids() {
                let ours = here.note(id).unwrap().trim();
                let text = merged.note(id).unwrap_or_default();
                prop_assert!(text.contains(ours) || there.notes[id].at >= here.notes[id].at, "{id}: {text:?} lost {ours:?}");
            }
        }

        #[test]
        fn merge_is_commutative_idempotent_and_loses_no_newer_entry(
            a in arbitrary_carnet(),
            b in arbitrary_carnet(),
        ) {
            let mut ab = a.clone();
            ab.merge(&b);
            let mut ba = b.clone();
            ba.merge(&a);
            prop_assert_eq!(&ab, &ba);
            let mut again = ab.clone();
            again.merge(&b);
            prop_assert_eq!(&again, &ab);
            for (id, mark) in a.favourites.iter().chain(&b.favourites) {
                prop_assert!(ab.favourites[id].at >= mark.at);
            }
            for (id, note) in a.notes.iter().chain(&b.notes) {
                prop_assert!(ab.notes[id].at >= note.at);
            }
        }
    }
}
