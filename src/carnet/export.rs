//! What the participant downloads: the envelope indented, with titles
//! ([`export_json`], to import again), and a text to read
//! ([`export_markdown`]).

use super::Carnet;
use super::codec::write_envelope;
use crate::dataset;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The export file: the envelope, indented, with each défi's title beside
/// its id so that a person can read it. The titles are ignored on import.
pub fn export_json(carnet: &Carnet, now: i64) -> String {
    let mut kept = carnet.without_removals();
    let mut titles = BTreeMap::new();
    for id in kept.favourite_ids().chain(kept.note_ids()) {
        if let Some(c) = dataset::challenge(id) {
            titles.insert(c.id, c.title);
        }
    }
    kept.exported_at = Some(now);
    write_envelope(&kept, true, Some(&titles))
}

/// The first line of the text export, by which an import recognises it.
pub(super) const MARKDOWN_TITLE: &str = "# Mon carnet des défis";

/// « Mon carnet » as Markdown: each défi's title, porteur, site and the note,
/// in the order of the programme; then the notes whose défi is gone.
pub fn export_markdown(carnet: &Carnet, date: &str) -> String {
    let mut out = format!("{MARKDOWN_TITLE}\n\nExporté le {date}.\n");
    let challenges = carnet.challenges();
    if challenges.is_empty() && carnet.orphans().is_empty() {
        out.push_str("\nAucun favori, aucune note.\n");
    }
    let mut site = "";
    for c in challenges {
        if c.site.name != site {
            site = c.site.name;
            let _ = write!(out, "\n## {site}\n");
        }
        let star = if carnet.is_favourite(c.id) {
            " ★"
        } else {
            ""
        };
        let number = c
            .number_label()
            .map(|n| format!("{n} : "))
            .unwrap_or_default();
        let _ = write!(out, "\n### {number}{}{star}\n\n", c.title);
        match c.porteur {
            Some(p) => {
                let _ = writeln!(out, "Porteur : {}", p.name);
            }
            None => out.push_str("Porteur : non précisé\n"),
        }
        if let Some(note) = carnet.note(c.id) {
            out.push('\n');
            for line in note.lines() {
                let _ = writeln!(out, "> {line}");
            }
        }
    }
    let orphans = carnet.orphans();
    if !orphans.is_empty() {
        out.push_str("\n## Défis qui ne sont plus dans la liste\n");
        for id in orphans {
            let star = if carnet.is_favourite(id) { " ★" } else { "" };
            let _ = write!(out, "\n### {id}{star}\n");
            if let Some(note) = carnet.note(id) {
                out.push('\n');
                for line in note.lines() {
                    let _ = writeln!(out, "> {line}");
                }
            }
        }
    }
    out
}
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use crate::carnet::fixtures::sample;
    use crate::carnet::*;

    #[test]
    fn the_export_is_readable_and_imports_back() {
        let carnet = sample();
        let json = export_json(&carnet, 9_000);
        assert!(json.contains("\n  \"version\": 2,"), "{json}");
        assert!(json.contains("\"rennes-04\": \"Comment faciliter et mutualiser"));
        let back = decode(&json).unwrap();
        assert_eq!(back.skipped, 0);
        assert_eq!(back.carnet.exported_at, Some(9_000));
        assert_eq!(
            back.carnet.favourite_ids().collect::<Vec<_>>(),
            ["rennes-04"]
        );
        assert_eq!(back.carnet.note_count(), 2);
        assert!(
            !back.carnet.favourites.contains_key("rennes-07"),
            "removals stay home"
        );
    }

    #[test]
    fn the_markdown_carnet_has_titles_porteurs_and_notes() {
        let md = export_markdown(&sample(), "25/11/2026");
        assert!(md.starts_with("# Mon carnet des défis\n\nExporté le 25/11/2026.\n"));
        assert!(md.contains("\n## Rennes\n"));
        assert!(md.contains(
            "\n### Défi 4 : Comment faciliter et mutualiser l’accès aux services publics de l’agglomération de Dinan ? ★\n\nPorteur : Dinan Agglomération\n\n> Idée : un guichet « Dans ma poche »\n> à tester\n"
        ), "{md}");
        assert!(md.contains("\n## Défis qui ne sont plus dans la liste\n\n### ancien-defi\n"));
        assert!(export_markdown(&Carnet::default(), "x").contains("Aucun favori, aucune note."));
    }

    #[test]
    fn the_text_export_given_to_import_says_which_file_to_choose() {
        let md = export_markdown(&sample(), "25/11/2026");
        assert_eq!(decode(&md).unwrap_err(), DecodeError::TextExport);
        assert!(DecodeError::TextExport.message().contains("fichier .json"));
        // Any other text is still « not a carnet ».
        assert!(matches!(
            decode("# Autre chose"),
            Err(DecodeError::NotJson(_))
        ));
    }
}
