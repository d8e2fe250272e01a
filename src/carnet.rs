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

use crate::base64;
use crate::dataset::{self, Challenge};
use crate::filter::Annotations;
use crate::json::{self, Value};
use crate::search::fold;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// What the envelope says it is.
pub const SCHEMA: &str = "carnet-des-defis";
/// The version this build writes.
pub const VERSION: u64 = 2;
/// A note longer than this is not accepted (about ten pages of text).
pub const MAX_NOTE_CHARS: usize = 20_000;
/// A carnet with more entries than this is not accepted.
pub const MAX_ENTRIES: usize = 5_000;
/// An imported file larger than this is refused before it is read.
pub const MAX_IMPORT_BYTES: usize = 1_000_000;
/// The latest time a carnet may hold: 2^53 ms (JavaScript's exact integers).
pub const MAX_TIME: i64 = 1 << 53;
/// A défi id longer than this is not one.
const MAX_ID_CHARS: usize = 100;

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
    fn both_written<'a>(&self, incoming: &'a Carnet) -> impl Iterator<Item = &'a str> {
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

/// The line between a note and the imported note that follows it, when a
/// défi had a note on both sides.
pub const IMPORTED_NOTE: &str = "— Note importée :";

/// A number as French writes it: « 5 000 » (a narrow no-break space).
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(digit);
    }
    out
}

/// « 1 favori », « 0 note », « 3 notes »: French counts are singular below 2.
fn count(n: usize, one: &str, many: &str) -> String {
    if n < 2 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
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
            _ => {
                let total = self.differing_favourites + self.differing_notes;
                let verb = if total < 2 { "diffère" } else { "diffèrent" };
                format!("Par rapport au vôtre, {} {verb}.", differing.join(" et "))
            }
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
            1 => compares.push_str(" 1 élément illisible est ignoré."),
            n => compares.push_str(&format!(" {n} éléments illisibles sont ignorés.")),
        }
        (holds, compares)
    }
}

// ------------------------------------------------------------------ codec

/// The stored form, version 2: `{"schema", "version", "favourites": {id:
/// {"on", "at"}}, "notes": {id: {"text", "at"}}, "exported_at"?}`, written
/// as serde_json would (compact, or indented for a file), plus `titles` when
/// given.
fn write_envelope(carnet: &Carnet, pretty: bool, titles: Option<&BTreeMap<&str, &str>>) -> String {
    let mut w = json::Writer::new(pretty);
    w.begin();
    w.str("schema", SCHEMA);
    w.int("version", VERSION as i64);
    w.key("favourites");
    w.begin();
    for (id, mark) in &carnet.favourites {
        w.key(id);
        w.begin();
        w.bool("on", mark.on);
        w.int("at", mark.at);
        w.end();
    }
    w.end();
    w.key("notes");
    w.begin();
    for (id, note) in &carnet.notes {
        w.key(id);
        w.begin();
        w.str("text", &note.text);
        w.int("at", note.at);
        w.end();
    }
    w.end();
    if let Some(at) = carnet.exported_at {
        w.int("exported_at", at);
    }
    if let Some(titles) = titles {
        w.key("titles");
        w.begin();
        for (id, title) in titles {
            w.str(id, title);
        }
        w.end();
    }
    w.end();
    w.out
}

/// The stored form of a carnet: one versioned JSON envelope.
pub fn encode(carnet: &Carnet) -> String {
    write_envelope(carnet, false, None)
}

/// Why a text could not be read as a carnet at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON (truncated, or not text we wrote).
    NotJson(String),
    /// JSON, but not a carnet.
    NotACarnet,
    /// A carnet written by a later version of the app: not guessed at.
    FutureVersion(u64),
    /// Larger than the app accepts.
    TooLarge,
    /// The readable text export (« mon carnet »), which cannot be imported.
    TextExport,
}

impl DecodeError {
    /// What to tell the participant, in French.
    ///
    /// A phrase to follow « … n’a pas pu être lu : », without capital or
    /// final point, since it may be about a file, a link or the storage.
    pub fn message(&self) -> String {
        match self {
            DecodeError::NotJson(_) => {
                "le texte est incomplet, ou n’est pas celui d’un carnet".into()
            }
            DecodeError::NotACarnet => "ce n’est pas un carnet de Carnet des défis".into(),
            DecodeError::FutureVersion(v) => format!(
                "il vient d’une version plus récente de l’application (format {v}) ; rechargez la page pour la mettre à jour"
            ),
            DecodeError::TextExport => "c’est la version texte du carnet, faite pour être lue ; pour importer votre carnet, choisissez le fichier .json, celui de « Télécharger le carnet (fichier à importer) »".into(),
            DecodeError::TooLarge => format!(
                "il est trop grand (plus de {} éléments ou de {} Mo)",
                thousands(MAX_ENTRIES),
                MAX_IMPORT_BYTES / 1_000_000
            ),
        }
    }
}

/// A carnet read back, with what could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub carnet: Carnet,
    /// Entries that were malformed and left out.
    pub skipped: usize,
    /// The version it was migrated from, when older than [`VERSION`].
    pub migrated_from: Option<u64>,
}

/// Reads an envelope of any known version, leniently: a malformed entry is
/// left out and counted, the rest is kept.
pub fn decode(text: &str) -> Result<Decoded, DecodeError> {
    if text.len() > MAX_IMPORT_BYTES * 4 {
        return Err(DecodeError::TooLarge);
    }
    // A file saved again by a text editor may begin with a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with(MARKDOWN_TITLE) {
        return Err(DecodeError::TextExport);
    }
    let value = json::parse(text).map_err(|e| DecodeError::NotJson(format!("at byte {}", e.0)))?;
    let Value::Object(object) = value else {
        return Err(DecodeError::NotACarnet);
    };
    if object.get("schema").and_then(Value::as_str) != Some(SCHEMA) {
        return Err(DecodeError::NotACarnet);
    }
    let version = object
        .get("version")
        .and_then(Value::as_u64)
        .ok_or(DecodeError::NotACarnet)?;
    let decoded = match version {
        1 => decode_v1(&object)?,
        2 => decode_v2(&object)?,
        0 => return Err(DecodeError::NotACarnet),
        future => return Err(DecodeError::FutureVersion(future)),
    };
    Ok(Decoded {
        migrated_from: (version < VERSION).then_some(version),
        ..decoded
    })
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.chars().count() <= MAX_ID_CHARS
}

fn valid_text(text: &str) -> bool {
    text.chars().count() <= MAX_NOTE_CHARS
}

type Map = BTreeMap<String, Value>;

fn entries<'a>(object: &'a Map, key: &str) -> Result<Option<&'a Map>, DecodeError> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) if map.len() > MAX_ENTRIES => Err(DecodeError::TooLarge),
        Some(Value::Object(map)) => Ok(Some(map)),
        Some(_) => Err(DecodeError::NotACarnet),
    }
}

/// A favourite as stored: `{"on": bool, "at": integer}` (other keys ignored).
/// A time read from a carnet: milliseconds since 1970, within the integers a
/// browser counts exactly (a time outside is an entry no change could ever
/// win against).
fn time(value: &Value) -> Option<i64> {
    value.as_i64().filter(|at| (0..=MAX_TIME).contains(at))
}

fn mark(value: &Value) -> Option<Mark> {
    Some(Mark {
        on: value.get("on")?.as_bool()?,
        at: time(value.get("at")?)?,
    })
}

/// A note as stored: `{"text": string, "at": integer}` (other keys ignored).
fn note(value: &Value) -> Option<Note> {
    Some(Note {
        text: value.get("text")?.as_str()?.to_owned(),
        at: time(value.get("at")?)?,
    })
}

/// Version 2: `{"favourites": {id: {"on", "at"}}, "notes": {id: {"text", "at"}}}`.
fn decode_v2(object: &Map) -> Result<Decoded, DecodeError> {
    let mut carnet = Carnet::default();
    let mut skipped = 0;
    if let Some(map) = entries(object, "favourites")? {
        for (id, value) in map {
            match mark(value) {
                Some(mark) if valid_id(id) => {
                    carnet.favourites.insert(id.clone(), mark);
                }
                _ => skipped += 1,
            }
        }
    }
    if let Some(map) = entries(object, "notes")? {
        for (id, value) in map {
            match note(value) {
                Some(note) if valid_id(id) && valid_text(&note.text) => {
                    carnet.notes.insert(id.clone(), note);
                }
                _ => skipped += 1,
            }
        }
    }
    carnet.exported_at = object.get("exported_at").and_then(Value::as_i64);
    Ok(Decoded {
        carnet,
        skipped,
        migrated_from: None,
    })
}

/// Version 1, the first format: `{"favourites": [id, …], "notes": {id: text}}`,
/// without times. Migrated entries date from time 0, so that any change made
/// since wins a merge.
fn decode_v1(object: &Map) -> Result<Decoded, DecodeError> {
    let mut carnet = Carnet::default();
    let mut skipped = 0;
    match object.get("favourites") {
        None | Some(Value::Null) => {}
        Some(Value::Array(ids)) if ids.len() > MAX_ENTRIES => return Err(DecodeError::TooLarge),
        Some(Value::Array(ids)) => {
            for id in ids {
                match id.as_str() {
                    Some(id) if valid_id(id) => {
                        carnet
                            .favourites
                            .insert(id.to_owned(), Mark { on: true, at: 0 });
                    }
                    _ => skipped += 1,
                }
            }
        }
        Some(_) => return Err(DecodeError::NotACarnet),
    }
    if let Some(map) = entries(object, "notes")? {
        for (id, text) in map {
            match text.as_str() {
                Some(text) if valid_id(id) && valid_text(text) => {
                    carnet.notes.insert(
                        id.clone(),
                        Note {
                            text: text.to_owned(),
                            at: 0,
                        },
                    );
                }
                _ => skipped += 1,
            }
        }
    }
    Ok(Decoded {
        carnet,
        skipped,
        migrated_from: None,
    })
}

// ------------------------------------------------------------------ export

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
const MARKDOWN_TITLE: &str = "# Mon carnet des défis";

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

// ------------------------------------------------------------------ transfer

/// The fragment that carries a carnet in a transfer link: `#transfert=…`.
pub const TRANSFER_PREFIX: &str = "#transfert=";

/// The fragment of a link that carries the carnet to another device (never
/// sent to a server: browsers keep the fragment to themselves).
pub fn transfer_fragment(carnet: &Carnet) -> String {
    let text = encode(&carnet.without_removals());
    format!("{TRANSFER_PREFIX}{}", base64::encode_url(text.as_bytes()))
}

/// Reads the carnet of a transfer link's fragment (with or without `#`).
pub fn read_transfer(fragment: &str) -> Option<Result<Decoded, DecodeError>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let payload = fragment.strip_prefix(&TRANSFER_PREFIX[1..])?;
    if payload.len() > MAX_IMPORT_BYTES * 4 / 3 + 4 {
        return Some(Err(DecodeError::TooLarge));
    }
    let Some(bytes) = base64::decode_url(payload) else {
        return Some(Err(DecodeError::NotJson("base64".into())));
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Some(Err(DecodeError::NotJson("utf-8".into())));
    };
    Some(decode(&text))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn sample() -> Carnet {
        let mut carnet = Carnet::default();
        carnet.set_favourite("rennes-04", true, 1_000);
        carnet.set_favourite("rennes-07", true, 1_100);
        carnet.set_favourite("rennes-07", false, 1_200);
        carnet.set_note(
            "rennes-04",
            "Idée : un guichet « Dans ma poche »\nà tester",
            1_300,
        );
        carnet.set_note("ancien-defi", "Une note dont le défi a disparu", 1_400);
        carnet
    }

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
    fn the_envelope_round_trips() {
        let mut carnet = sample();
        carnet.exported_at = Some(1_500);
        let text = encode(&carnet);
        assert!(
            text.starts_with(r#"{"schema":"carnet-des-defis","version":2,"#),
            "{text}"
        );
        let decoded = decode(&text).unwrap();
        assert_eq!(decoded.carnet, carnet);
        assert_eq!(decoded.skipped, 0);
        assert_eq!(decoded.migrated_from, None);
    }

    #[test]
    fn version_1_is_migrated_to_version_2() {
        let v1 = r#"{"schema":"carnet-des-defis","version":1,
            "favourites":["rennes-01","rennes-03"],
            "notes":{"rennes-01":"Voir la glacière"}}"#;
        let decoded = decode(v1).unwrap();
        assert_eq!(decoded.migrated_from, Some(1));
        assert!(decoded.carnet.is_favourite("rennes-01"));
        assert!(decoded.carnet.is_favourite("rennes-03"));
        assert_eq!(decoded.carnet.note("rennes-01"), Some("Voir la glacière"));
        // Written back, it is version 2, and any later change wins a merge.
        let v2 = encode(&decoded.carnet);
        assert!(v2.contains(r#""version":2"#));
        let mut later = Carnet::default();
        later.set_favourite("rennes-03", false, 10);
        let mut merged = decoded.carnet.clone();
        merged.merge(&later);
        assert!(!merged.is_favourite("rennes-03"));
    }

    #[test]
    fn unreadable_text_says_why() {
        assert!(matches!(
            decode("{\"schema\":\"carnet-des"),
            Err(DecodeError::NotJson(_))
        ));
        assert_eq!(decode("[1,2]"), Err(DecodeError::NotACarnet));
        assert_eq!(decode(r#"{"version":2}"#), Err(DecodeError::NotACarnet));
        assert_eq!(
            decode(r#"{"schema":"carnet-des-defis","version":3,"favourites":{}}"#),
            Err(DecodeError::FutureVersion(3))
        );
        assert_eq!(
            decode(r#"{"schema":"carnet-des-defis","version":2,"favourites":[]}"#),
            Err(DecodeError::NotACarnet)
        );
        for error in [
            DecodeError::NotJson(String::new()),
            DecodeError::NotACarnet,
            DecodeError::FutureVersion(3),
            DecodeError::TooLarge,
        ] {
            assert!(!error.message().is_empty());
        }
    }

    #[test]
    fn malformed_entries_are_left_out_and_counted_the_rest_is_kept() {
        let text = r#"{"schema":"carnet-des-defis","version":2,
            "favourites":{"rennes-01":{"on":true,"at":5},"rennes-02":{"on":"oui"},"":{"on":true,"at":1}},
            "notes":{"rennes-01":{"text":"ok","at":6},"rennes-03":{"text":42,"at":1}}}"#;
        let decoded = decode(text).unwrap();
        assert_eq!(decoded.skipped, 3);
        assert!(decoded.carnet.is_favourite("rennes-01"));
        assert_eq!(decoded.carnet.note("rennes-01"), Some("ok"));
    }

    #[test]
    fn a_carnet_too_large_is_refused() {
        let favourites: Vec<String> = (0..=MAX_ENTRIES)
            .map(|i| format!(r#""d{i}":{{"on":true,"at":1}}"#))
            .collect();
        let text = format!(
            r#"{{"schema":"carnet-des-defis","version":2,"favourites":{{{}}}}}"#,
            favourites.join(",")
        );
        assert_eq!(decode(&text), Err(DecodeError::TooLarge));
        let long = format!(
            r#"{{"schema":"carnet-des-defis","version":2,"notes":{{"rennes-01":{{"text":"{}","at":1}}}}}}"#,
            "a".repeat(MAX_NOTE_CHARS + 1)
        );
        assert_eq!(decode(&long).unwrap().skipped, 1);
        let nested = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(matches!(decode(&nested), Err(DecodeError::NotJson(_))));
    }

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
            "Par rapport au vôtre, 1 favori et 1 note diffèrent. En fusionnant, une de vos notes serait remplacée par une version plus récente. 2 éléments illisibles sont ignorés."
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

    #[test]
    fn a_file_saved_again_with_a_byte_order_mark_is_read() {
        let text = format!("\u{feff}{}", encode(&sample()));
        assert_eq!(decode(&text).unwrap().carnet, sample());
        let md = format!("\u{feff}{}", export_markdown(&sample(), "x"));
        assert_eq!(decode(&md).unwrap_err(), DecodeError::TextExport);
    }

    #[test]
    fn a_transfer_link_carries_the_carnet() {
        let carnet = sample();
        let fragment = transfer_fragment(&carnet);
        assert!(fragment.starts_with("#transfert="));
        assert!(
            fragment[1..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_=".contains(&b))
        );
        let decoded = read_transfer(&fragment).unwrap().unwrap();
        assert_eq!(decoded.carnet, carnet.without_removals());
        assert_eq!(read_transfer("#autre-chose"), None);
        assert!(read_transfer("#transfert=@@@").unwrap().is_err());
        assert!(
            read_transfer("#transfert=e30").unwrap().is_err(),
            "{{}} is not a carnet"
        );
    }

    fn arbitrary_carnet() -> impl Strategy<Value = Carnet> {
        let id = "[a-z0-9-]{1,20}";
        let favourites = prop::collection::btree_map(id, (any::<bool>(), 0i64..1 << 45), 0..20);
        let notes = prop::collection::btree_map(id, (".{0,80}", 0i64..1 << 45), 0..20);
        (favourites, notes, prop::option::of(0i64..1 << 45)).prop_map(|(f, n, exported_at)| {
            Carnet {
                favourites: f
                    .into_iter()
                    .map(|(id, (on, at))| (id, Mark { on, at }))
                    .collect(),
                notes: n
                    .into_iter()
                    .map(|(id, (text, at))| (id, Note { text, at }))
                    .collect(),
                exported_at,
            }
        })
    }

    proptest! {
        #[test]
        fn any_carnet_round_trips(carnet in arbitrary_carnet()) {
            let decoded = decode(&encode(&carnet)).unwrap();
            prop_assert_eq!(decoded.carnet, carnet.clone());
            let transferred = read_transfer(&transfer_fragment(&carnet)).unwrap().unwrap();
            prop_assert_eq!(transferred.carnet, carnet.without_removals());
        }

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

        #[test]
        fn decode_never_panics_on_any_text(text in ".{0,400}") {
            let _ = decode(&text);
            let _ = read_transfer(&format!("#transfert={text}"));
        }

        #[test]
        fn decode_never_panics_on_json_shaped_input(
            version in 0u64..5,
            favourites in prop::collection::btree_map(".{0,8}", prop_oneof![
                Just(serde_json::Value::Null), any::<bool>().prop_map(serde_json::Value::from), ".{0,8}".prop_map(serde_json::Value::from),
                (any::<bool>(), any::<i64>()).prop_map(|(on, at)| serde_json::json!({"on": on, "at": at})),
            ], 0..8),
        ) {
            let text = serde_json::json!({"schema": SCHEMA, "version": version, "favourites": favourites, "notes": favourites}).to_string();
            let _ = decode(&text);
        }

        #[test]
        fn the_envelope_is_written_as_serde_json_writes_it(
            favourites in prop::collection::btree_map(".{1,8}", (any::<bool>(), 0..=MAX_TIME), 0..6),
            notes in prop::collection::btree_map(".{1,8}", ("\\PC{0,20}|[\\x00-\\x1f\"\\\\]{0,4}", 0..=MAX_TIME), 0..6),
            exported_at in proptest::option::of(any::<i64>()),
        ) {
            let carnet = Carnet {
                favourites: favourites.into_iter().map(|(k, (on, at))| (k, Mark { on, at })).collect(),
                notes: notes.into_iter().map(|(k, (text, at))| (k, Note { text, at })).collect(),
                exported_at,
            };
            let mut expected = serde_json::json!({
                "schema": SCHEMA,
                "version": VERSION,
                "favourites": carnet.favourites.iter().map(|(k, m)| (k.clone(), serde_json::json!({"on": m.on, "at": m.at}))).collect::<serde_json::Map<_, _>>(),
                "notes": carnet.notes.iter().map(|(k, n)| (k.clone(), serde_json::json!({"text": n.text, "at": n.at}))).collect::<serde_json::Map<_, _>>(),
            });
            if let Some(at) = exported_at {
                expected["exported_at"] = at.into();
            }
            let text = encode(&carnet);
            prop_assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), expected);
            prop_assert_eq!(&decode(&text).unwrap().carnet, &carnet);
        }

        #[test]
        fn the_parser_agrees_with_serde_json(text in "[\\[\\]{}\":,0-9eE.+\\-a-z\\\\ ]{0,24}") {
            prop_assert_eq!(crate::json::parse(&text).is_ok(), serde_json::from_str::<serde_json::Value>(&text).is_ok(), "{}", text);
        }
    }
}
