//! What an import would bring, counted ([`Carnet::preview`]) and said in
//! French ([`ImportPreview::describe`]), before anything changes.

use super::Carnet;
use crate::french::{count, plural};

impl Carnet {
    /// How a carnet to import compares with this one.
    pub fn preview(&self, incoming: &Carnet) -> ImportPreview {
        let both_written = self.both_written(incoming).count();
        let mut merged = self.clone();
        merged.merge_import(incoming, 0);
        let favourites = incoming.favourite_count();
        let notes = incoming.note_count();
        let differing_favourites = incoming
            .favourite_ids()
            .filter(|id| !self.is_favourite(id))
            .count();
        let differing_notes = incoming
            .note_ids()
            .filter(|id| self.note(id) != incoming.note(id))
            .count();
        let replaced_notes = incoming
            .note_ids()
            .filter(|id| self.note(id).is_some() && merged.note(id) != self.note(id))
            .count()
            - both_written;
        ImportPreview {
            favourites,
            notes,
            differing_favourites,
            differing_notes,
            replaced_notes,
            both_written,
        }
    }
}

/// What importing a carnet would bring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportPreview {
    /// Favourites in the imported carnet.
    pub favourites: usize,
    /// Notes in the imported carnet.
    pub notes: usize,
    /// Imported favourites that are not favourites here.
    pub differing_favourites: usize,
    /// Imported notes that differ from the note here (or that are new).
    pub differing_notes: usize,
    /// Notes here that a merge would replace by the imported one (newer).
    pub replaced_notes: usize,
    /// Notes written on both sides, which a merge keeps both texts of.
    pub both_written: usize,
}

impl ImportPreview {
    /// What the import preview says: what the carnet holds, and how it
    /// compares with the participant's.
    pub fn describe(&self, from: &str, skipped: usize) -> (String, String) {
        let holds = format!(
            "{from} contient {} et {}.",
            count(self.favourites, "favori", "favoris"),
            count(self.notes, "note", "notes")
        );
        let differing: Vec<String> = [
            (self.differing_favourites, "favori", "favoris"),
            (self.differing_notes, "note", "notes"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| count(n, one, many))
        .collect();
        let mut compares = match differing.len() {
            0 => "Tout y est déjà dans votre carnet : l’importer ne changera rien.".to_owned(),
            // New here, or other than here: « differ » read oddly for an
            // empty carnet.
            _ => format!(
                "Par rapport au vôtre\u{202f}: {} à ajouter ou à mettre à jour.",
                differing.join(" et ")
            ),
        };
        match self.replaced_notes {
            0 => {}
            1 => compares.push_str(
                " En fusionnant, une de vos notes serait remplacée par une version plus récente.",
            ),
            n => compares.push_str(&format!(
                " En fusionnant, {n} de vos notes seraient remplacées par des versions plus récentes."
            )),
        }
        match self.both_written {
            0 => {}
            1 => compares.push_str(
                " Une note est écrite des deux côtés : en fusionnant, elle garde les deux textes, l’un après l’autre.",
            ),
            n => compares.push_str(&format!(
                " {n} notes sont écrites des deux côtés : en fusionnant, elles gardent les deux textes, l’un après l’autre."
            )),
        }
        match skipped {
            0 => {}
            n => compares.push_str(&format!(
                " {} {}.",
                count(n, "élément illisible", "éléments illisibles"),
                plural(n, "est ignoré", "sont ignorés")
            )),
        }
        (holds, compares)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::carnet::fixtures::sample;

    #[test]
    fn the_import_preview_counts_what_differs() {
        let mine = sample();
        let mut theirs = Carnet::default();
        theirs.set_favourite("rennes-04", true, 3_000); // already mine
        theirs.set_favourite("rennes-09", true, 3_000); // new
        theirs.set_note("rennes-04", "Leur version", 3_000); // differs: both kept
        theirs.set_note("rennes-10", "Nouvelle", 3_000); // new
        theirs.set_note(
            "ancien-defi",
            "Une note dont le défi a disparu, et plus",
            3_000,
        ); // newer, holds mine
        let preview = mine.preview(&theirs);
        assert_eq!(
            preview,
            ImportPreview {
                favourites: 2,
                notes: 3,
                differing_favourites: 1,
                differing_notes: 3,
                replaced_notes: 1,
                both_written: 1,
            }
        );
    }

    #[test]
    fn the_import_preview_reads_well_in_french() {
        let preview = ImportPreview {
            favourites: 2,
            notes: 1,
            differing_favourites: 1,
            differing_notes: 1,
            replaced_notes: 1,
            both_written: 0,
        };
        let (holds, compares) = preview.describe("Le fichier « c.json »", 2);
        assert_eq!(holds, "Le fichier « c.json » contient 2 favoris et 1 note.");
        assert_eq!(
            compares,
            "Par rapport au vôtre\u{202f}: 1 favori et 1 note à ajouter ou à mettre à jour. En fusionnant, une de vos notes serait remplacée par une version plus récente. 2 éléments illisibles sont ignorés."
        );
        let same = ImportPreview {
            favourites: 0,
            notes: 0,
            differing_favourites: 0,
            differing_notes: 0,
            replaced_notes: 0,
            both_written: 0,
        };
        let (holds, compares) = same.describe("Le lien de transfert", 0);
        assert_eq!(holds, "Le lien de transfert contient 0 favori et 0 note.");
        assert_eq!(
            compares,
            "Tout y est déjà dans votre carnet : l’importer ne changera rien."
        );
    }

    #[test]
    fn one_of_each_reads_in_the_singular() {
        let one = ImportPreview {
            favourites: 1,
            notes: 1,
            differing_favourites: 1,
            differing_notes: 0,
            replaced_notes: 0,
            both_written: 0,
        };
        let (holds, compares) = one.describe("Le lien", 1);
        assert_eq!(holds, "Le lien contient 1 favori et 1 note.");
        assert_eq!(
            compares,
            "Par rapport au vôtre\u{202f}: 1 favori à ajouter ou à mettre à jour. 1 élément illisible est ignoré."
        );
    }
}
