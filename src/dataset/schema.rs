//! The dataset as written in `data/defis.toml`, and its validation.
//!
//! This file is compiled twice: by `build.rs` (which validates the data file
//! and turns it into static Rust data embedded in the app) and natively, for
//! the tests and `cargo run --bin check-data -- FILE`. It depends on nothing
//! but `serde` and `toml` (and `words.rs`), so a bad edit of the data file
//! fails the build with a message that names the record and the field, before
//! anything can reach a phone.
//!
//! Almost every field is optional here on purpose: presence is checked by
//! [`validate`], which can name the record (`défi "rennes-04"`), where a serde
//! "missing field" error could only give a line number.

use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// The whole data file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDataset {
    pub event: Option<RawEvent>,
    #[serde(default, rename = "source")]
    pub sources: Vec<RawSource>,
    #[serde(default, rename = "theme")]
    pub themes: Vec<RawTheme>,
    #[serde(default, rename = "site")]
    pub sites: Vec<RawSite>,
    #[serde(default, rename = "region")]
    pub regions: Vec<RawRegion>,
    #[serde(default, rename = "porteur")]
    pub porteurs: Vec<RawPorteur>,
    #[serde(default, rename = "defi")]
    pub defis: Vec<RawDefi>,
}

/// The event the défis belong to.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub name: Option<String>,
    pub edition: Option<String>,
    pub organiser: Option<String>,
    pub dates: Option<String>,
    pub title: Option<String>,
    pub participants: Option<String>,
    pub challenges: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// The line under the app's name in the top bar.
    pub short: Option<String>,
    /// What the carnet holds, for the page's description and the manifest's.
    pub description: Option<String>,
    /// The credits in the footer of every page.
    pub credits: Option<String>,
    /// The paragraphs of « Ce que contient ce carnet » on the about page.
    #[serde(default)]
    pub contents: Vec<String>,
    /// The paragraphs on the licence of the texts, under the sources.
    #[serde(default)]
    pub licence: Vec<String>,
    /// The last line of the sources: who does not publish the carnet.
    pub disclaimer: Option<String>,
}

/// A published page that the data quotes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: Option<String>,
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    pub licence: Option<String>,
    pub licence_url: Option<String>,
}

/// One of the themes of the event.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTheme {
    pub id: Option<String>,
    pub label: Option<String>,
    pub short: Option<String>,
}

/// One of the sites of the event.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub id: Option<String>,
    pub name: Option<String>,
    pub venue: Option<String>,
    pub history: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A French région, or a country for a foreign porteur.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub id: Option<String>,
    pub name: Option<String>,
    pub kind: Option<String>,
}

/// The local government that brought a défi.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPorteur {
    pub id: Option<String>,
    pub name: Option<String>,
    pub level: Option<String>,
    pub level_detail: Option<String>,
    pub departement: Option<String>,
    pub region: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// One défi.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDefi {
    pub id: Option<String>,
    pub site: Option<String>,
    pub number: Option<u32>,
    pub title: Option<String>,
    pub porteur: Option<String>,
    pub as_written: Option<String>,
    pub project: Option<String>,
    pub territoire: Option<String>,
    pub enjeux: Option<String>,
    pub parties_prenantes: Option<String>,
    pub usagers: Option<String>,
    pub obstacles: Option<String>,
    pub leviers: Option<String>,
    pub theme: Option<String>,
    pub theme_editorial: Option<bool>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// The levels of government a porteur can have, as written in the data file.
pub const LEVELS: [&str; 5] = [
    "commune",
    "intercommunalite",
    "departement",
    "region",
    "etrangere",
];

/// The kinds of area a `[[region]]` can be.
pub const REGION_KINDS: [&str; 2] = ["region", "pays"];

/// What the texts of `[event]` may count, written `{défis}` in them: the
/// build writes « 18 défis », « six sites » (`words.rs`).
pub const COUNTS: [&str; 3] = ["défis", "sites", "thèmes"];

/// A facet can hold at most this many values (the filters keep them in a `u64`
/// bit set, one bit of which is the "non précisé" value).
pub const MAX_FACET_VALUES: usize = 63;

/// A problem in the data file, naming the record and the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    /// The record, such as `défi "rennes-04"` or `site #3` when it has no id.
    pub record: String,
    /// The field of that record.
    pub field: &'static str,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, field `{}`: {}",
            self.record, self.field, self.message
        )
    }
}

/// Collects the errors of one record.
struct Checker<'e> {
    record: String,
    errors: &'e mut Vec<ValidationError>,
}

impl Checker<'_> {
    fn error(&mut self, field: &'static str, message: impl Into<String>) {
        self.errors.push(ValidationError {
            record: self.record.clone(),
            field,
            message: message.into(),
        });
    }

    /// A field that must be there, with text in it.
    fn required(&mut self, field: &'static str, value: &Option<String>) {
        match value {
            None => self.error(field, "is missing"),
            Some(_) => self.optional(field, value),
        }
    }

    /// A field that may be absent, but is not empty when present, and follows
    /// the typography of the sources.
    fn optional(&mut self, field: &'static str, value: &Option<String>) {
        let Some(text) = value else { return };
        if text.trim().is_empty() {
            self.error(
                field,
                "is empty (leave the field out when no source gives it)",
            );
        } else if text.trim() != text {
            self.error(field, "starts or ends with spaces");
        } else if text.contains('\'') && !field.ends_with("url") {
            self.error(
                field,
                "uses a straight apostrophe ' where the sources use ’",
            );
        }
    }

    /// A text of `[event]`: every `{…}` in it is one of [`COUNTS`].
    fn counts(&mut self, field: &'static str, value: &str) {
        let mut rest = value;
        while let Some(start) = rest.find(['{', '}']) {
            let after = &rest[start + 1..];
            let name = after.find('}').map(|end| &after[..end]);
            match name {
                Some(name) if rest[start..].starts_with('{') && COUNTS.contains(&name) => {
                    rest = &after[name.len() + 1..];
                }
                _ => {
                    self.error(
                        field,
                        "has a stray brace: only {défis}, {sites} and {thèmes} are counted, in braces",
                    );
                    return;
                }
            }
        }
    }

    /// Paragraphs: at least one when required, each a text of `[event]`.
    fn paragraphs(&mut self, field: &'static str, values: &[String], required: bool) {
        if required && values.is_empty() {
            self.error(field, "is missing (a list of paragraphs, [\"…\"])");
        }
        for value in values {
            let value = Some(value.clone());
            self.optional(field, &value);
        }
    }

    /// A reference to a record of another table.
    fn reference(
        &mut self,
        field: &'static str,
        value: &Option<String>,
        known: &HashSet<&str>,
        what: &str,
    ) {
        if let Some(id) = value
            && !known.contains(id.as_str())
        {
            self.error(field, format!("unknown {what} \"{id}\""));
        }
    }

    fn sources(&mut self, values: &[String], known: &HashSet<&str>, required: bool) {
        if required && values.is_empty() {
            self.error("sources", "is empty: every record says where it comes from");
        }
        for id in values {
            if !known.contains(id.as_str()) {
                self.error("sources", format!("unknown source \"{id}\""));
            }
        }
    }
}

/// Checks an id: present, made of `a-z`, `0-9` and `-`, and unique in its table.
fn check_id(checker: &mut Checker<'_>, id: &Option<String>, seen: &mut HashSet<String>) {
    let Some(id) = id else {
        checker.error("id", "is missing");
        return;
    };
    let well_formed = !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !well_formed {
        checker.error(
            "id",
            format!("\"{id}\" is not a stable id (use a-z, 0-9 and -)"),
        );
    }
    if !seen.insert(id.clone()) {
        checker.error("id", format!("\"{id}\" is used twice"));
    }
}

fn record_name(kind: &str, index: usize, id: &Option<String>) -> String {
    match id {
        Some(id) => format!("{kind} \"{id}\""),
        None => format!("{kind} #{}", index + 1),
    }
}

fn ids<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a Option<String>) -> HashSet<&'a str> {
    items
        .iter()
        .filter_map(|item| id(item).as_deref())
        .collect()
}

/// The texts of `[event]` that may count (`{défis}`), with their field.
pub fn event_texts(event: &RawEvent) -> Vec<(&'static str, &str)> {
    let mut texts = Vec::new();
    for (field, value) in [
        ("short", &event.short),
        ("description", &event.description),
        ("credits", &event.credits),
        ("disclaimer", &event.disclaimer),
    ] {
        if let Some(text) = value {
            texts.push((field, text.as_str()));
        }
    }
    for (field, values) in [("contents", &event.contents), ("licence", &event.licence)] {
        texts.extend(values.iter().map(|text| (field, text.as_str())));
    }
    texts
}

/// A text of `[event]` with its counts written: `Les {défis}` becomes
/// « Les 18 défis ».
pub fn fill_counts(text: &str, data: &RawDataset) -> String {
    use super::words::count;
    text.replace("{défis}", &count(data.defis.len(), "défi", "défis"))
        .replace("{sites}", &count(data.sites.len(), "site", "sites"))
        .replace("{thèmes}", &count(data.themes.len(), "thème", "thèmes"))
}

/// Reads the text of a data file: the dataset, or a message that lists every
/// problem (what `build.rs` and `check-data` print).
pub fn read(text: &str) -> Result<RawDataset, String> {
    let data: RawDataset = toml::from_str(text).map_err(|e| e.to_string())?;
    if let Err(errors) = validate(&data) {
        let list: Vec<String> = errors.iter().map(|e| format!("  - {e}")).collect();
        return Err(format!("{} problem(s):\n{}", errors.len(), list.join("\n")));
    }
    Ok(data)
}

/// Checks everything the app relies on: unique stable ids, every reference
/// known, no empty required field, the typography of the sources.
///
/// Returns every problem at once, so that one run of the build lists them all.
pub fn validate(data: &RawDataset) -> Result<(), Vec<ValidationError>> {
    let mut errors = Vec::new();

    let source_ids = ids(&data.sources, |s| &s.id);
    let theme_ids = ids(&data.themes, |t| &t.id);
    let site_ids = ids(&data.sites, |s| &s.id);
    let region_ids = ids(&data.regions, |r| &r.id);
    let porteur_ids = ids(&data.porteurs, |p| &p.id);

    match &data.event {
        None => errors.push(ValidationError {
            record: "[event]".into(),
            field: "event",
            message: "is missing".into(),
        }),
        Some(event) => {
            let mut c = Checker {
                record: "[event]".into(),
                errors: &mut errors,
            };
            c.required("name", &event.name);
            c.optional("edition", &event.edition);
            c.optional("organiser", &event.organiser);
            c.optional("dates", &event.dates);
            c.optional("title", &event.title);
            c.optional("participants", &event.participants);
            c.optional("challenges", &event.challenges);
            c.sources(&event.sources, &source_ids, true);
            c.required("short", &event.short);
            c.required("description", &event.description);
            c.required("credits", &event.credits);
            c.paragraphs("contents", &event.contents, true);
            c.paragraphs("licence", &event.licence, true);
            c.optional("disclaimer", &event.disclaimer);
            for (field, text) in event_texts(event) {
                c.counts(field, text);
            }
        }
    }

    let mut seen = HashSet::new();
    for (i, source) in data.sources.iter().enumerate() {
        let mut c = Checker {
            record: record_name("source", i, &source.id),
            errors: &mut errors,
        };
        check_id(&mut c, &source.id, &mut seen);
        c.required("title", &source.title);
        c.required("publisher", &source.publisher);
        c.optional("date", &source.date);
        c.optional("url", &source.url);
        c.optional("licence", &source.licence);
        c.optional("licence_url", &source.licence_url);
        for (field, url) in [("url", &source.url), ("licence_url", &source.licence_url)] {
            if let Some(url) = url
                && !(url.starts_with("http://") || url.starts_with("https://"))
            {
                c.error(field, format!("\"{url}\" is not an http(s) address"));
            }
        }
    }

    let mut seen = HashSet::new();
    for (i, theme) in data.themes.iter().enumerate() {
        let mut c = Checker {
            record: record_name("theme", i, &theme.id),
            errors: &mut errors,
        };
        check_id(&mut c, &theme.id, &mut seen);
        c.required("label", &theme.label);
        c.required("short", &theme.short);
    }

    let mut seen = HashSet::new();
    for (i, site) in data.sites.iter().enumerate() {
        let mut c = Checker {
            record: record_name("site", i, &site.id),
            errors: &mut errors,
        };
        check_id(&mut c, &site.id, &mut seen);
        c.required("name", &site.name);
        c.optional("venue", &site.venue);
        c.optional("history", &site.history);
        c.sources(&site.sources, &source_ids, true);
    }

    let mut seen = HashSet::new();
    for (i, region) in data.regions.iter().enumerate() {
        let mut c = Checker {
            record: record_name("region", i, &region.id),
            errors: &mut errors,
        };
        check_id(&mut c, &region.id, &mut seen);
        c.required("name", &region.name);
        c.required("kind", &region.kind);
        if let Some(kind) = &region.kind
            && !REGION_KINDS.contains(&kind.as_str())
        {
            c.error("kind", format!("\"{kind}\" is not one of {REGION_KINDS:?}"));
        }
    }

    let mut seen = HashSet::new();
    for (i, porteur) in data.porteurs.iter().enumerate() {
        let mut c = Checker {
            record: record_name("porteur", i, &porteur.id),
            errors: &mut errors,
        };
        check_id(&mut c, &porteur.id, &mut seen);
        c.required("name", &porteur.name);
        c.required("level", &porteur.level);
        if let Some(level) = &porteur.level
            && !LEVELS.contains(&level.as_str())
        {
            c.error("level", format!("\"{level}\" is not one of {LEVELS:?}"));
        }
        c.optional("level_detail", &porteur.level_detail);
        c.optional("departement", &porteur.departement);
        c.reference("region", &porteur.region, &region_ids, "region");
        c.sources(&porteur.sources, &source_ids, true);
    }

    let mut seen = HashSet::new();
    let mut numbers: HashMap<(String, u32), String> = HashMap::new();
    for (i, defi) in data.defis.iter().enumerate() {
        let mut c = Checker {
            record: record_name("défi", i, &defi.id),
            errors: &mut errors,
        };
        check_id(&mut c, &defi.id, &mut seen);
        c.required("title", &defi.title);
        c.required("site", &defi.site);
        c.reference("site", &defi.site, &site_ids, "site");
        c.reference("porteur", &defi.porteur, &porteur_ids, "porteur");
        c.required("theme", &defi.theme);
        c.reference("theme", &defi.theme, &theme_ids, "theme");
        if defi.theme_editorial.is_none() {
            c.error(
                "theme_editorial",
                "is missing: say whether the theme is an editorial classification (true) or given by a source (false)",
            );
        }
        for (field, value) in [
            ("as_written", &defi.as_written),
            ("project", &defi.project),
            ("territoire", &defi.territoire),
            ("enjeux", &defi.enjeux),
            ("parties_prenantes", &defi.parties_prenantes),
            ("usagers", &defi.usagers),
            ("obstacles", &defi.obstacles),
            ("leviers", &defi.leviers),
        ] {
            c.optional(field, value);
        }
        if defi.as_written.is_some() && defi.porteur.is_none() {
            c.error("as_written", "is given but `porteur` is not");
        }
        if defi.number == Some(0) {
            c.error("number", "starts at 1");
        }
        if let (Some(number), Some(site), Some(id)) = (defi.number, &defi.site, &defi.id)
            && let Some(other) = numbers.insert((site.clone(), number), id.clone())
        {
            c.error(
                "number",
                format!("{number} is also the number of défi \"{other}\" on site \"{site}\""),
            );
        }
        c.sources(&defi.sources, &source_ids, true);
    }

    let facet_sizes = [
        ("theme", data.themes.len()),
        ("site", data.sites.len()),
        ("region", data.regions.len()),
    ];
    for (table, len) in facet_sizes {
        if len > MAX_FACET_VALUES {
            errors.push(ValidationError {
                record: format!("[[{table}]]"),
                field: "id",
                message: format!("{len} records, the filters take at most {MAX_FACET_VALUES}"),
            });
        }
    }
    for (table, len) in [
        ("source", data.sources.len()),
        ("theme", data.themes.len()),
        ("site", data.sites.len()),
        ("défi", data.defis.len()),
    ] {
        if len == 0 {
            errors.push(ValidationError {
                record: format!("[[{table}]]"),
                field: "id",
                message: "the data file has none".into(),
            });
        }
    }

    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DATA_FILE: &str = include_str!("../../data/defis.toml");

    fn parse(text: &str) -> RawDataset {
        toml::from_str(text).expect("valid TOML")
    }

    /// The real data file with one edit, and the errors validation gives.
    fn errors_after(edit: impl FnOnce(&mut RawDataset)) -> Vec<String> {
        let mut data = parse(DATA_FILE);
        edit(&mut data);
        match validate(&data) {
            Ok(()) => Vec::new(),
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn the_data_file_is_valid() {
        assert_eq!(validate(&parse(DATA_FILE)), Ok(()));
    }

    #[test]
    fn a_duplicate_id_names_both_the_record_and_the_field() {
        let errors = errors_after(|d| d.defis[1].id = Some("rennes-01".into()));
        assert_eq!(
            errors,
            [r#"défi "rennes-01", field `id`: "rennes-01" is used twice"#]
        );
    }

    #[test]
    fn an_unknown_reference_is_named() {
        let errors = errors_after(|d| d.defis[3].site = Some("renes".into()));
        assert_eq!(
            errors,
            [r#"défi "rennes-04", field `site`: unknown site "renes""#]
        );
        let errors = errors_after(|d| d.defis[0].sources = vec!["articel".into()]);
        assert_eq!(
            errors,
            [r#"défi "rennes-01", field `sources`: unknown source "articel""#]
        );
        let errors = errors_after(|d| d.porteurs[0].region = Some("bretange".into()));
        assert_eq!(
            errors,
            [r#"porteur "etel", field `region`: unknown region "bretange""#]
        );
    }

    #[test]
    fn an_empty_or_missing_required_field_is_named() {
        let errors = errors_after(|d| d.defis[4].title = Some("  ".into()));
        assert_eq!(
            errors,
            [
                r#"défi "rennes-05", field `title`: is empty (leave the field out when no source gives it)"#
            ]
        );
        let errors = errors_after(|d| d.defis[4].theme = None);
        assert_eq!(errors, [r#"défi "rennes-05", field `theme`: is missing"#]);
        let errors = errors_after(|d| d.defis[2].id = None);
        assert_eq!(errors, ["défi #3, field `id`: is missing"]);
        let errors = errors_after(|d| d.defis[2].sources.clear());
        assert_eq!(
            errors,
            [
                r#"défi "rennes-03", field `sources`: is empty: every record says where it comes from"#
            ]
        );
    }

    #[test]
    fn ids_must_be_stable_slugs() {
        let errors = errors_after(|d| d.sites[0].id = Some("Rennes 35".into()));
        assert!(
            errors
                .iter()
                .any(|e| e.contains(r#"site "Rennes 35", field `id`"#)),
            "{errors:?}"
        );
    }

    #[test]
    fn typography_follows_the_sources() {
        let errors = errors_after(|d| d.defis[0].title = Some("L'innovation".into()));
        assert_eq!(
            errors,
            [
                r#"défi "rennes-01", field `title`: uses a straight apostrophe ' where the sources use ’"#
            ]
        );
    }

    #[test]
    fn an_unknown_level_or_a_reused_number_is_named() {
        let errors = errors_after(|d| d.porteurs[0].level = Some("ville".into()));
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with(r#"porteur "etel", field `level`: "ville" is not one of"#));
        let errors = errors_after(|d| d.defis[1].number = Some(1));
        assert_eq!(
            errors,
            [
                r#"défi "rennes-02", field `number`: 1 is also the number of défi "rennes-01" on site "rennes""#
            ]
        );
    }

    #[test]
    fn the_texts_of_the_event_are_required_and_named() {
        let errors = errors_after(|d| {
            let event = d.event.as_mut().unwrap();
            event.short = None;
            event.contents.clear();
            event.disclaimer = None;
        });
        assert_eq!(
            errors,
            [
                "[event], field `short`: is missing",
                r#"[event], field `contents`: is missing (a list of paragraphs, ["…"])"#,
            ]
        );
        let errors = errors_after(|d| d.event.as_mut().unwrap().licence = vec![" ".into()]);
        assert_eq!(
            errors,
            ["[event], field `licence`: is empty (leave the field out when no source gives it)"]
        );
    }

    #[test]
    fn the_texts_of_the_event_count_from_the_data() {
        let data = parse(DATA_FILE);
        assert_eq!(
            fill_counts("Les {défis} de {sites}, sous {thèmes}.", &data),
            "Les 18 défis de six sites, sous quatre thèmes."
        );
        for stray in ["Les {defis}", "Les défis}", "Les {défis", "{{sites}}"] {
            let errors = errors_after(|d| d.event.as_mut().unwrap().credits = Some(stray.into()));
            assert_eq!(
                errors,
                [
                    "[event], field `credits`: has a stray brace: only {défis}, {sites} and {thèmes} are counted, in braces"
                ],
                "{stray}"
            );
        }
    }

    /// The fields of each `Raw…` struct of this file, by struct name.
    fn struct_fields(source: &str) -> Vec<(&str, Vec<&str>)> {
        source
            .split("pub struct ")
            .skip(1)
            .filter(|block| block.starts_with("Raw"))
            .map(|block| {
                let name = &block[..block.find(' ').expect("a struct name")];
                let body = &block[..block.find("\n}").expect("a struct body")];
                let fields = body
                    .lines()
                    .filter_map(|line| line.trim().strip_prefix("pub "))
                    .filter_map(|field| field.split(':').next())
                    .collect();
                (name, fields)
            })
            .collect()
    }

    #[test]
    fn the_readme_documents_every_table_and_field_of_the_data_file() {
        let readme = include_str!("../../README.md");
        let start = readme
            .find("### The data file")
            .expect("README.md has a section ### The data file");
        let section = &readme[start..];
        let section = &section[..section[1..].find("\n### ").map_or(section.len(), |i| i + 1)];
        let schema = include_str!("schema.rs");
        let schema = &schema[..schema.find("#[cfg(test)]").expect("the tests")];
        let structs = struct_fields(schema);
        let dataset = structs
            .iter()
            .find(|(name, _)| *name == "RawDataset")
            .expect("RawDataset");
        // The table of each struct, as the README names it: `[event]`, `[[source]]`…
        let body = &schema[schema.find("pub struct RawDataset").unwrap()..];
        let body = &body[..body.find("\n}").unwrap()];
        let mut tables = Vec::new();
        let mut rename = None;
        for line in body.lines().skip(1).map(str::trim) {
            if let Some(at) = line.find("rename = \"") {
                let name = &line[at + 10..];
                rename = Some(&name[..name.find('"').unwrap()]);
            } else if let Some(field) = line.strip_prefix("pub ") {
                let (name, kind) = field.split_once(": ").unwrap();
                let inner = kind.trim_end_matches(',');
                let inner = inner
                    .trim_start_matches("Option<")
                    .trim_start_matches("Vec<")
                    .trim_end_matches('>');
                let heading = match rename.take() {
                    Some(table) => format!("**`[[{table}]]`**"),
                    None => format!("**`[{name}]`**"),
                };
                tables.push((inner, heading));
            }
        }
        assert_eq!(tables.len(), dataset.1.len());
        assert_eq!(tables.len(), structs.len() - 1, "a table per Raw struct");
        for (struct_name, heading) in &tables {
            let at = section
                .find(heading.as_str())
                .unwrap_or_else(|| panic!("README.md does not describe {heading}"));
            let part = &section[at + heading.len()..];
            let part = &part[..part.find("\n**`[").unwrap_or(part.len())];
            let (_, fields) = structs
                .iter()
                .find(|(name, _)| name == struct_name)
                .unwrap_or_else(|| panic!("no struct {struct_name}"));
            for field in fields {
                assert!(
                    part.contains(&format!("`{field}`")),
                    "README.md does not describe the field `{field}` of {heading}"
                );
            }
        }
    }

    #[test]
    fn a_misspelt_field_name_is_refused_by_the_parser() {
        let text = DATA_FILE.replacen("title = \"Comment définir", "titel = \"Comment définir", 1);
        let error = toml::from_str::<RawDataset>(&text).unwrap_err().to_string();
        assert!(error.contains("titel"), "{error}");
    }
}
