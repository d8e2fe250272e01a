//! The challenge dataset, embedded at build time.
//!
//! `build.rs` validates `data/defis.toml` and turns it into the statics below
//! ([`CHALLENGES`], [`SITES`], [`THEMES`], …): nothing is parsed at run time.
//! Records refer to each other by `&'static` reference, so a défi's site is
//! `challenge.site.name`.
//!
//! Ids ([`Challenge::id`]) are stable: favourites and notes are keyed on them.

#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
pub mod words;

/// The event the défis belong to.
#[derive(Debug)]
pub struct Event {
    pub name: &'static str,
    pub edition: Option<&'static str>,
    pub organiser: Option<&'static str>,
    pub dates: Option<&'static str>,
    pub title: Option<&'static str>,
    pub participants: Option<&'static str>,
    pub challenges: Option<&'static str>,
    pub sources: &'static [&'static Source],
    /// The line under the app's name in the top bar.
    pub short: &'static str,
    /// What the carnet holds (the page's and the manifest's description).
    pub description: &'static str,
    /// The credits in the footer.
    pub credits: &'static str,
    /// The paragraphs of « Ce que contient ce carnet ».
    pub contents: &'static [&'static str],
    /// The paragraphs on the licence of the texts.
    pub licence: &'static [&'static str],
    /// Who does not publish the carnet, under the sources.
    pub disclaimer: Option<&'static str>,
}

/// A published page the data quotes, with its address and licence.
#[derive(Debug)]
pub struct Source {
    pub id: &'static str,
    pub title: &'static str,
    pub publisher: &'static str,
    pub date: Option<&'static str>,
    pub url: Option<&'static str>,
    pub licence: Option<&'static str>,
    pub licence_url: Option<&'static str>,
}

/// One of the themes under which the event grouped its projects.
#[derive(Debug)]
pub struct Theme {
    /// Position in [`THEMES`].
    pub index: usize,
    pub id: &'static str,
    /// The wording of the source.
    pub label: &'static str,
    /// A short label for filters and cards.
    pub short: &'static str,
}

/// One of the sites where the event took place.
#[derive(Debug)]
pub struct Site {
    /// Position in [`SITES`].
    pub index: usize,
    pub id: &'static str,
    pub name: &'static str,
    pub venue: Option<&'static str>,
    pub history: Option<&'static str>,
    pub sources: &'static [&'static Source],
}

/// Whether a [`Region`] is a French région or a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionKind {
    Region,
    Pays,
}

/// A French région, or the country of a foreign porteur.
#[derive(Debug)]
pub struct Region {
    /// Position in [`REGIONS`].
    pub index: usize,
    pub id: &'static str,
    pub name: &'static str,
    pub kind: RegionKind,
}

/// The level of government of a porteur.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Commune,
    Intercommunalite,
    Departement,
    Region,
    Etrangere,
}

impl Level {
    /// Every level, in the order the filters show them.
    pub const ALL: [Level; 5] = [
        Level::Commune,
        Level::Intercommunalite,
        Level::Departement,
        Level::Region,
        Level::Etrangere,
    ];

    /// The id used in the data file and in the URL.
    pub fn id(self) -> &'static str {
        match self {
            Level::Commune => "commune",
            Level::Intercommunalite => "intercommunalite",
            Level::Departement => "departement",
            Level::Region => "region",
            Level::Etrangere => "etrangere",
        }
    }

    /// The label shown to the participant.
    pub fn label(self) -> &'static str {
        match self {
            Level::Commune => "Commune",
            Level::Intercommunalite => "Intercommunalité",
            Level::Departement => "Département",
            Level::Region => "Région",
            Level::Etrangere => "Collectivité étrangère",
        }
    }
}

/// The local government that brought a défi.
#[derive(Debug)]
pub struct Porteur {
    pub id: &'static str,
    pub name: &'static str,
    pub level: Level,
    /// A precision on the level, such as « communauté d’agglomération ».
    pub level_detail: Option<&'static str>,
    pub departement: Option<&'static str>,
    pub region: Option<&'static Region>,
    pub sources: &'static [&'static Source],
}

/// One défi (challenge) of the event.
#[derive(Debug)]
pub struct Challenge {
    /// Position in [`CHALLENGES`].
    pub index: usize,
    /// Stable id: favourites and notes are keyed on it.
    pub id: &'static str,
    pub site: &'static Site,
    /// The number of the défi on its site, where a source gives it.
    pub number: Option<u32>,
    pub title: &'static str,
    pub porteur: Option<&'static Porteur>,
    /// The porteur line of the source, word for word.
    pub as_written: Option<&'static str>,
    /// The project label the source gives in parentheses.
    pub project: Option<&'static str>,
    pub territoire: Option<&'static str>,
    pub enjeux: Option<&'static str>,
    pub parties_prenantes: Option<&'static str>,
    pub usagers: Option<&'static str>,
    pub obstacles: Option<&'static str>,
    pub leviers: Option<&'static str>,
    pub theme: &'static Theme,
    /// True when the theme is an editorial classification (no source gives it).
    pub theme_editorial: bool,
    pub sources: &'static [&'static Source],
}

/// Two défis are the same when they have the same id.
impl PartialEq for Challenge {
    fn eq(&self, other: &Challenge) -> bool {
        self.id == other.id
    }
}

impl Eq for Challenge {}

/// One of the descriptive sections of a défi.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Territoire,
    Enjeux,
    PartiesPrenantes,
    Usagers,
    Obstacles,
    Leviers,
}

impl Section {
    /// The heading shown above the section.
    pub fn label(self) -> &'static str {
        match self {
            Section::Territoire => "Territoire",
            Section::Enjeux => "Enjeux",
            Section::PartiesPrenantes => "Parties prenantes",
            Section::Usagers => "Usagers",
            Section::Obstacles => "Obstacles",
            Section::Leviers => "Leviers",
        }
    }
}

impl Challenge {
    /// The descriptive sections the sources give, in reading order.
    pub fn sections(&self) -> Vec<(Section, &'static str)> {
        [
            (Section::Territoire, self.territoire),
            (Section::Enjeux, self.enjeux),
            (Section::PartiesPrenantes, self.parties_prenantes),
            (Section::Usagers, self.usagers),
            (Section::Obstacles, self.obstacles),
            (Section::Leviers, self.leviers),
        ]
        .into_iter()
        .filter_map(|(section, text)| text.map(|text| (section, text)))
        .collect()
    }

    /// The sections no source gives, named for the « non précisé » line.
    /// The article gives either the parties prenantes or the usagers of a
    /// défi, so the two count as one.
    pub fn missing_sections(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if self.territoire.is_none() {
            missing.push("territoire");
        }
        if self.enjeux.is_none() {
            missing.push("enjeux");
        }
        if self.parties_prenantes.is_none() && self.usagers.is_none() {
            missing.push("parties prenantes ou usagers");
        }
        if self.obstacles.is_none() {
            missing.push("obstacles");
        }
        if self.leviers.is_none() {
            missing.push("leviers");
        }
        missing
    }

    /// « Défi 4 » where the source numbers it.
    pub fn number_label(&self) -> Option<String> {
        self.number.map(|n| format!("Défi {n}"))
    }

    pub fn level(&self) -> Option<Level> {
        self.porteur.map(|p| p.level)
    }

    pub fn region(&self) -> Option<&'static Region> {
        self.porteur.and_then(|p| p.region)
    }
}

include!(concat!(env!("OUT_DIR"), "/dataset.rs"));

/// The défi with this id, if the dataset has it.
pub fn challenge(id: &str) -> Option<&'static Challenge> {
    CHALLENGES.iter().find(|c| c.id == id)
}

/// The source with this id.
pub fn source(id: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn displayed_texts_follow_french_typography() {
        // The build makes the spaces before « : ? ! ; » and inside « »
        // unbreakable, whatever the data file wrote.
        for c in &CHALLENGES {
            let texts = [
                Some(c.title),
                c.as_written,
                c.project,
                c.territoire,
                c.enjeux,
                c.parties_prenantes,
                c.usagers,
                c.obstacles,
                c.leviers,
            ];
            for text in texts.into_iter().flatten() {
                assert!(
                    crate::typography::breakable_spaces(text).is_empty(),
                    "{}: {text:?}",
                    c.id
                );
            }
        }
        assert!(
            SOURCES
                .iter()
                .all(|s| crate::typography::breakable_spaces(s.title).is_empty())
        );
    }

    #[test]
    fn the_texts_of_the_event_are_filled_and_follow_french_typography() {
        let mut texts = vec![EVENT.short, EVENT.description, EVENT.credits];
        texts.extend(EVENT.contents);
        texts.extend(EVENT.licence);
        texts.extend(EVENT.disclaimer);
        for text in texts {
            assert!(
                crate::typography::breakable_spaces(text).is_empty(),
                "{text:?}"
            );
            assert!(!text.contains('{'), "a count left unfilled: {text:?}");
        }
        assert!(EVENT.contents[0].starts_with("Les 18 défis que donnent nos sources\u{202f}:"));
    }

    #[test]
    fn the_dataset_has_the_fourteen_rennes_defis_and_one_example_per_other_site() {
        assert_eq!(CHALLENGES.len(), 18);
        let rennes: Vec<_> = CHALLENGES
            .iter()
            .filter(|c| c.site.id == "rennes")
            .collect();
        assert_eq!(rennes.len(), 14);
        let numbers: Vec<u32> = rennes.iter().filter_map(|c| c.number).collect();
        assert_eq!(numbers, (1..=14).collect::<Vec<_>>());
        for site in ["la-reunion", "aix-en-provence", "cluny", "martinique"] {
            assert_eq!(
                CHALLENGES.iter().filter(|c| c.site.id == site).count(),
                1,
                "{site}"
            );
        }
        assert_eq!(
            CHALLENGES
                .iter()
                .filter(|c| c.site.id == "strasbourg")
                .count(),
            0
        );
        assert_eq!(SITES.len(), 6);
        assert_eq!(THEMES.len(), 4);
    }

    #[test]
    fn seven_rennes_defis_are_described_in_detail() {
        let detailed: Vec<u32> = CHALLENGES
            .iter()
            .filter(|c| !c.sections().is_empty())
            .filter_map(|c| c.number)
            .collect();
        assert_eq!(detailed, vec![1, 2, 3, 4, 6, 11, 13]);
        // The article gives neither parties prenantes nor usagers for 2 and 4.
        assert_eq!(
            challenge("rennes-02").unwrap().missing_sections(),
            ["parties prenantes ou usagers"]
        );
    }

    #[test]
    fn ids_are_unique_and_every_defi_cites_a_source_with_an_address() {
        let ids: HashSet<_> = CHALLENGES.iter().map(|c| c.id).collect();
        assert_eq!(ids.len(), CHALLENGES.len());
        for c in &CHALLENGES {
            assert!(!c.sources.is_empty(), "{}", c.id);
            assert!(c.sources.iter().all(|s| s.url.is_some()), "{}", c.id);
            assert!(c.theme_editorial, "{}: no source gives a theme", c.id);
        }
    }

    #[test]
    fn the_article_is_credited_with_its_licence() {
        let article = source("article").unwrap();
        assert_eq!(article.licence, Some("Creative Commons BY-NC-SA"));
        assert_eq!(
            article.url,
            Some("http://www.bretagne-creative.net/article2820.html")
        );
    }

    #[test]
    fn porteurs_carry_the_level_and_place_the_sources_give() {
        let dinan = challenge("rennes-04").unwrap();
        let porteur = dinan.porteur.unwrap();
        assert_eq!(porteur.name, "Dinan Agglomération");
        assert_eq!(porteur.level, Level::Intercommunalite);
        assert_eq!(porteur.departement, Some("Côtes-d’Armor (22)"));
        assert_eq!(dinan.region().unwrap().name, "Bretagne");
        assert_eq!(dinan.project, Some("Dans ma poche"));

        let reunion = challenge("la-reunion-emplois-aides").unwrap();
        assert!(
            reunion.porteur.is_none(),
            "the press release names no porteur"
        );
        assert!(reunion.number.is_none());
    }

    #[test]
    fn etel_keeps_its_municipal_project_line() {
        let etel = challenge("rennes-01").unwrap();
        assert!(
            etel.leviers
                .unwrap()
                .starts_with("Le projet municipal « préservation")
        );
    }
}
