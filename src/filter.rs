//! Filters by facet (theme, site, level of government, région), the search
//! box, and the count that each filter option would give.
//!
//! Several values of one facet widen the result (OR); facets combine (AND).
//! [`results`] returns the matching défis and, for every option of every
//! facet, how many défis it would give with the other filters as they are.

use crate::dataset::{CHALLENGES, Challenge, Level, REGIONS, SITES, THEMES};
use crate::search::{Excerpt, Query, excerpt, fold};

/// The id of the value « non précisé » of a facet (a défi whose porteur, and so
/// its level and région, no source gives).
pub const NOT_SPECIFIED: &str = "non-precise";
const NOT_SPECIFIED_LABEL: &str = "Non précisé";

/// A dimension the list can be filtered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    Theme,
    Site,
    Level,
    Region,
}

/// One value of a facet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FacetOption {
    /// Position among the facet's options (its bit in a [`Selection`]).
    pub index: usize,
    /// The id in the URL.
    pub id: &'static str,
    pub label: &'static str,
}

impl Facet {
    /// Every facet, in the order the filter panel shows them.
    pub const ALL: [Facet; 4] = [Facet::Theme, Facet::Site, Facet::Level, Facet::Region];

    /// The name of the facet in the URL's query string.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Theme => "theme",
            Facet::Site => "site",
            Facet::Level => "niveau",
            Facet::Region => "region",
        }
    }

    /// The legend of the facet's group of options.
    pub fn legend(self) -> &'static str {
        match self {
            Facet::Theme => "Thème",
            Facet::Site => "Site",
            Facet::Level => "Niveau de collectivité",
            Facet::Region => "Région ou pays",
        }
    }

    fn slot(self) -> usize {
        self as usize
    }

    /// The options of this facet, in display order. « Non précisé » comes last
    /// for the level and the région.
    pub fn options(self) -> Vec<FacetOption> {
        let mut options: Vec<FacetOption> = match self {
            Facet::Theme => THEMES
                .iter()
                .map(|t| FacetOption {
                    index: t.index,
                    id: t.id,
                    label: t.short,
                })
                .collect(),
            Facet::Site => SITES
                .iter()
                .map(|s| FacetOption {
                    index: s.index,
                    id: s.id,
                    label: s.name,
                })
                .collect(),
            Facet::Level => Level::ALL
                .iter()
                .enumerate()
                .map(|(index, level)| FacetOption {
                    index,
                    id: level.id(),
                    label: level.label(),
                })
                .collect(),
            Facet::Region => REGIONS
                .iter()
                .map(|r| FacetOption {
                    index: r.index,
                    id: r.id,
                    label: r.name,
                })
                .collect(),
        };
        if let Some(index) = self.not_specified() {
            options.push(FacetOption {
                index,
                id: NOT_SPECIFIED,
                label: NOT_SPECIFIED_LABEL,
            });
        }
        options
    }

    /// The index of « non précisé », for the facets that have it.
    fn not_specified(self) -> Option<usize> {
        match self {
            Facet::Theme | Facet::Site => None,
            Facet::Level => Some(Level::ALL.len()),
            Facet::Region => Some(REGIONS.len()),
        }
    }

    /// The option a défi has in this facet.
    pub fn value(self, challenge: &Challenge) -> usize {
        match self {
            Facet::Theme => challenge.theme.index,
            Facet::Site => challenge.site.index,
            Facet::Level => match challenge.level() {
                Some(level) => level as usize,
                None => Level::ALL.len(),
            },
            Facet::Region => match challenge.region() {
                Some(region) => region.index,
                None => REGIONS.len(),
            },
        }
    }

    /// The option with this URL id.
    pub fn option(self, id: &str) -> Option<FacetOption> {
        self.options().into_iter().find(|o| o.id == id)
    }

    /// How many options this facet has.
    pub fn option_count(self) -> usize {
        match self {
            Facet::Theme => THEMES.len(),
            Facet::Site => SITES.len(),
            Facet::Level => Level::ALL.len() + 1,
            Facet::Region => REGIONS.len() + 1,
        }
    }
}

/// The options chosen in each facet. An empty facet does not filter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Selection {
    bits: [u64; 4],
}

impl Selection {
    pub fn is_empty(&self) -> bool {
        self.bits.iter().all(|b| *b == 0)
    }

    pub fn contains(&self, facet: Facet, index: usize) -> bool {
        self.bits[facet.slot()] & (1 << index) != 0
    }

    /// Chooses or unchooses an option.
    pub fn toggle(&mut self, facet: Facet, index: usize) {
        self.bits[facet.slot()] ^= 1 << index;
    }

    pub fn insert(&mut self, facet: Facet, index: usize) {
        self.bits[facet.slot()] |= 1 << index;
    }

    pub fn clear(&mut self, facet: Facet) {
        self.bits[facet.slot()] = 0;
    }

    /// True when some option of this facet is chosen.
    pub fn filters(&self, facet: Facet) -> bool {
        self.bits[facet.slot()] != 0
    }

    /// The chosen options of a facet, in display order.
    pub fn chosen(&self, facet: Facet) -> Vec<FacetOption> {
        facet
            .options()
            .into_iter()
            .filter(|o| self.contains(facet, o.index))
            .collect()
    }

    /// How many options are chosen, all facets together.
    pub fn count(&self) -> usize {
        self.bits.iter().map(|b| b.count_ones() as usize).sum()
    }

    /// True when the défi has one of the chosen options of this facet (or the
    /// facet has none chosen).
    fn admits(&self, facet: Facet, challenge: &Challenge) -> bool {
        let bits = self.bits[facet.slot()];
        bits == 0 || bits & (1 << facet.value(challenge)) != 0
    }
}

/// What the participant keeps about the défis: read by the filters and the
/// search, owned elsewhere.
pub trait Annotations {
    fn is_favourite(&self, id: &str) -> bool;
    /// The défi's note, folded for search.
    fn folded_note(&self, id: &str) -> Option<&str>;
}

/// No favourites, no notes.
pub struct NoAnnotations;

impl Annotations for NoAnnotations {
    fn is_favourite(&self, _: &str) -> bool {
        false
    }
    fn folded_note(&self, _: &str) -> Option<&str> {
        None
    }
}

/// Everything that narrows the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Criteria {
    pub selection: Selection,
    pub query: Query,
    /// Only the participant's favourites.
    pub favourites_only: bool,
    /// Only the défis the participant wrote a note on.
    pub with_note_only: bool,
}

/// The défis to search, with their text folded once.
pub struct Catalogue {
    challenges: &'static [Challenge],
    /// Every text field of each défi, folded, joined by new lines.
    haystacks: Vec<String>,
}

impl Catalogue {
    pub fn new(challenges: &'static [Challenge]) -> Catalogue {
        let haystacks = challenges.iter().map(haystack).collect();
        Catalogue {
            challenges,
            haystacks,
        }
    }

    /// The embedded dataset.
    pub fn embedded() -> Catalogue {
        Catalogue::new(&CHALLENGES)
    }

    pub fn challenges(&self) -> &'static [Challenge] {
        self.challenges
    }

    pub fn len(&self) -> usize {
        self.challenges.len()
    }

    pub fn is_empty(&self) -> bool {
        self.challenges.is_empty()
    }
}

/// Every text a participant can see of a défi, folded for search.
fn haystack(c: &Challenge) -> String {
    let mut texts: Vec<&str> = vec![c.title, c.site.name, c.theme.short, c.theme.label];
    let number = c.number_label();
    if let Some(number) = &number {
        texts.push(number);
    }
    if let Some(p) = c.porteur {
        texts.push(p.name);
        texts.push(p.level.label());
        texts.extend(p.level_detail);
        texts.extend(p.departement);
        texts.extend(p.region.map(|r| r.name));
    }
    texts.extend(c.as_written);
    texts.extend(c.project);
    texts.extend(c.sections().into_iter().map(|(_, text)| text));
    fold(&texts.join("\n"))
}

/// Where the search matched a défi, when some word of the query is not in
/// what its card shows (title, porteur, site, level, theme): the name of the
/// field and a passage of it, or a passage of the participant's note.
pub fn hidden_match<'n>(
    challenge: &'static Challenge,
    query: &Query,
    note: Option<&'n str>,
) -> Option<(&'static str, Excerpt<'n>)> {
    if query.is_empty() {
        return None;
    }
    let visible = fold(
        &[
            challenge.title,
            challenge.porteur.map_or("", |p| p.name),
            challenge.site.name,
            challenge.level().map_or("", Level::label),
            challenge.theme.short,
            &challenge.number_label().unwrap_or_default(),
        ]
        .join("\n"),
    );
    let hidden = query.filtered(|word| !visible.contains(word));
    if hidden.is_empty() {
        return None;
    }
    let porteur = challenge.porteur;
    let fields = [("Projet", challenge.project)]
        .into_iter()
        .chain(
            challenge
                .sections()
                .into_iter()
                .map(|(s, text)| (s.label(), Some(text))),
        )
        .chain([
            ("Porteur dans l’article", challenge.as_written),
            ("Territoire du porteur", porteur.and_then(|p| p.departement)),
            ("Région ou pays", challenge.region().map(|r| r.name)),
            ("Niveau", porteur.and_then(|p| p.level_detail)),
            ("Thème", Some(challenge.theme.label)),
        ]);
    fields
        .filter_map(|(label, text)| Some((label, excerpt(text?, &hidden, 40)?)))
        .chain(note.and_then(|note| Some(("Ma note", excerpt(note, &hidden, 40)?))))
        .next()
}

/// The result of the filters and the search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    /// The matching défis, as indices in the catalogue, in catalogue order.
    pub matching: Vec<usize>,
    /// For each facet (in [`Facet::ALL`] order) and option index: how many
    /// défis that option would give with the other filters as they are.
    counts: [Vec<usize>; 4],
    /// How many défis « Mes favoris » would give with the other filters.
    pub favourites: usize,
    /// How many défis « Avec une note » would give with the other filters.
    pub with_note: usize,
}

impl Results {
    /// How many défis choosing (or unchoosing) nothing else but this option
    /// would give, with the other facets as they are.
    pub fn count(&self, facet: Facet, index: usize) -> usize {
        self.counts[facet.slot()][index]
    }
}

/// How many cards the list shows at first, and adds with « Afficher plus ».
pub const PAGE_SIZE: usize = 24;

/// How many cards the list shows as it opens: the first [`PAGE_SIZE`], or
/// as many pages of them as it takes to show the card at `position` (the
/// card the reader comes back to: Back from its défi, « Retour à la liste »),
/// which must be there to be focused, and for the page to be tall enough
/// for the place the reader had.
pub fn shown_at_first(position: Option<usize>) -> usize {
    position.map_or(PAGE_SIZE, |at| (at / PAGE_SIZE + 1) * PAGE_SIZE)
}

/// Applies the criteria to the catalogue.
///
/// One pass over the défis: a défi that passes every filter is counted in
/// every facet; one that fails a single facet is counted in that facet only
/// (choosing its option there would bring it in).
pub fn results(catalogue: &Catalogue, criteria: &Criteria, notes: &dyn Annotations) -> Results {
    let mut counts = Facet::ALL.map(|f| vec![0; f.option_count()]);
    let mut matching = Vec::new();
    let (mut favourites, mut with_note) = (0, 0);
    for (index, (challenge, haystack)) in catalogue
        .challenges
        .iter()
        .zip(&catalogue.haystacks)
        .enumerate()
    {
        let note = notes.folded_note(challenge.id);
        if !criteria.query.is_empty() {
            let found = match note {
                Some(note) => criteria.query.matches(&[haystack, note]),
                None => criteria.query.matches(&[haystack]),
            };
            if !found {
                continue;
            }
        }
        let mut failing = None;
        let mut failures = 0;
        for facet in Facet::ALL {
            if !criteria.selection.admits(facet, challenge) {
                failures += 1;
                failing = Some(facet);
            }
        }
        let favourite = notes.is_favourite(challenge.id);
        let noted = note.is_some();
        if failures == 0 {
            favourites += usize::from(favourite && (noted || !criteria.with_note_only));
            with_note += usize::from(noted && (favourite || !criteria.favourites_only));
        }
        if (criteria.favourites_only && !favourite) || (criteria.with_note_only && !noted) {
            continue;
        }
        match (failures, failing) {
            (0, _) => {
                matching.push(index);
                for facet in Facet::ALL {
                    counts[facet.slot()][facet.value(challenge)] += 1;
                }
            }
            (1, Some(facet)) => counts[facet.slot()][facet.value(challenge)] += 1,
            _ => {}
        }
    }
    Results {
        matching,
        counts,
        favourites,
        with_note,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn ids(catalogue: &Catalogue, results: &Results) -> Vec<&'static str> {
        results
            .matching
            .iter()
            .map(|&i| catalogue.challenges()[i].id)
            .collect()
    }

    fn choose(selection: &mut Selection, facet: Facet, id: &str) {
        let option = facet.option(id).unwrap_or_else(|| panic!("no {id}"));
        selection.insert(facet, option.index);
    }

    fn run(selection: Selection, query: &str) -> (Catalogue, Results) {
        let catalogue = Catalogue::embedded();
        let criteria = Criteria {
            selection,
            query: Query::parse(query),
            ..Criteria::default()
        };
        let results = results(&catalogue, &criteria, &NoAnnotations);
        (catalogue, results)
    }

    #[test]
    fn no_filter_gives_every_defi() {
        let (catalogue, results) = run(Selection::default(), "");
        assert_eq!(results.matching.len(), 18);
        assert_eq!(results.count(Facet::Site, 0), 14, "Rennes");
        let strasbourg = Facet::Site.option("strasbourg").unwrap();
        assert_eq!(results.count(Facet::Site, strasbourg.index), 0);
        let total: usize = Facet::Theme
            .options()
            .iter()
            .map(|o| results.count(Facet::Theme, o.index))
            .sum();
        assert_eq!(total, catalogue.len());
    }

    #[test]
    fn site_then_theme_leaves_exactly_the_expected_defis() {
        let mut selection = Selection::default();
        choose(&mut selection, Facet::Site, "rennes");
        let (_, results) = run(selection, "");
        assert_eq!(results.matching.len(), 14);
        choose(&mut selection, Facet::Theme, "gouvernance");
        let (catalogue, results) = run(selection, "");
        assert_eq!(
            ids(&catalogue, &results),
            ["rennes-01", "rennes-10", "rennes-11"]
        );
    }

    #[test]
    fn values_of_one_facet_widen_and_facets_combine() {
        let mut selection = Selection::default();
        choose(&mut selection, Facet::Site, "cluny");
        choose(&mut selection, Facet::Site, "martinique");
        let (catalogue, results) = run(selection, "");
        assert_eq!(
            ids(&catalogue, &results),
            ["cluny-espace-public", "martinique-adaptation"]
        );
        choose(&mut selection, Facet::Theme, "formations");
        let (catalogue, results) = run(selection, "");
        assert_eq!(ids(&catalogue, &results), ["martinique-adaptation"]);
    }

    #[test]
    fn each_option_counts_what_it_would_give_with_the_other_filters() {
        let mut selection = Selection::default();
        choose(&mut selection, Facet::Level, "departement");
        let (_, results) = run(selection, "");
        // Three départements: Ille-et-Vilaine, Vienne, Mayenne.
        assert_eq!(results.matching.len(), 3);
        // Choosing another level as well would add its défis (OR).
        let commune = Facet::Level.option("commune").unwrap();
        assert_eq!(results.count(Facet::Level, commune.index), 7);
        // Other facets count within the three départements.
        let bretagne = Facet::Region.option("bretagne").unwrap();
        assert_eq!(results.count(Facet::Region, bretagne.index), 1);
        let normandie = Facet::Region.option("normandie").unwrap();
        assert_eq!(results.count(Facet::Region, normandie.index), 0);
        let rennes = Facet::Site.option("rennes").unwrap();
        assert_eq!(results.count(Facet::Site, rennes.index), 3);
    }

    #[test]
    fn defis_without_a_porteur_have_an_unspecified_level_and_region() {
        let mut selection = Selection::default();
        choose(&mut selection, Facet::Level, NOT_SPECIFIED);
        let (catalogue, results) = run(selection, "");
        assert_eq!(
            ids(&catalogue, &results),
            [
                "la-reunion-emplois-aides",
                "aix-plan-climat",
                "cluny-espace-public",
                "martinique-adaptation"
            ]
        );
        let mut selection = Selection::default();
        choose(&mut selection, Facet::Region, "roumanie");
        let (catalogue, results) = run(selection, "");
        assert_eq!(ids(&catalogue, &results), ["rennes-14"]);
    }

    #[test]
    fn search_without_accents_finds_accented_text() {
        let (catalogue, results) = run(Selection::default(), "etel");
        assert_eq!(ids(&catalogue, &results), ["rennes-01"]);
        let (catalogue, results) = run(Selection::default(), "CHEMILLE");
        assert_eq!(ids(&catalogue, &results), ["rennes-10"]);
        let (catalogue, results) = run(Selection::default(), "ecole natation");
        assert_eq!(ids(&catalogue, &results), ["rennes-03"]);
        let (_, results) = run(Selection::default(), "natation dinan");
        assert!(results.matching.is_empty());
    }

    #[test]
    fn search_reads_every_field_not_just_the_title() {
        // « plancton » is in the parties prenantes of défi 1 only.
        let (catalogue, results) = run(Selection::default(), "plancton");
        assert_eq!(ids(&catalogue, &results), ["rennes-01"]);
        // The level, the département and the project label are searched too.
        let (catalogue, results) = run(Selection::default(), "dans ma poche");
        assert_eq!(ids(&catalogue, &results), ["rennes-04"]);
        let (_, results) = run(Selection::default(), "morbihan");
        assert_eq!(results.matching.len(), 2);
    }

    #[test]
    fn search_and_facets_combine_in_the_counts() {
        let (_, results) = run(Selection::default(), "agents");
        assert!(results.matching.len() > 1);
        for facet in Facet::ALL {
            let total: usize = facet
                .options()
                .iter()
                .map(|o| results.count(facet, o.index))
                .sum();
            assert_eq!(total, results.matching.len(), "{facet:?}");
        }
    }

    struct Notes(HashMap<&'static str, String>, Vec<&'static str>);

    impl Annotations for Notes {
        fn is_favourite(&self, id: &str) -> bool {
            self.1.contains(&id)
        }
        fn folded_note(&self, id: &str) -> Option<&str> {
            self.0.get(id).map(String::as_str)
        }
    }

    #[test]
    fn favourites_and_notes_narrow_and_notes_are_searched() {
        let notes = Notes(
            HashMap::from([("rennes-08", fold("Idée : guichet unique à Été"))]),
            vec!["rennes-02", "rennes-08"],
        );
        let catalogue = Catalogue::embedded();
        let mut criteria = Criteria {
            query: Query::parse("guichet ete"),
            ..Criteria::default()
        };
        assert_eq!(
            ids(&catalogue, &results(&catalogue, &criteria, &notes)),
            ["rennes-08"]
        );
        criteria.query = Query::default();
        criteria.favourites_only = true;
        assert_eq!(
            ids(&catalogue, &results(&catalogue, &criteria, &notes)),
            ["rennes-02", "rennes-08"]
        );
        criteria.with_note_only = true;
        assert_eq!(
            ids(&catalogue, &results(&catalogue, &criteria, &notes)),
            ["rennes-08"]
        );
    }

    #[test]
    fn a_match_outside_the_card_is_shown_with_its_field() {
        let c = crate::dataset::challenge("rennes-01").unwrap();
        let (label, passage) = hidden_match(c, &Query::parse("plancton"), None).unwrap();
        assert_eq!(label, "Parties prenantes");
        assert!(
            passage.text.contains("l’observatoire du plancton"),
            "{passage:?}"
        );
        // Words the card already shows need no passage.
        assert_eq!(hidden_match(c, &Query::parse("glaciere etel"), None), None);
        assert_eq!(hidden_match(c, &Query::default(), None), None);
        // The participant's note is read last.
        let note = "Penser au plancton et à l’équipe";
        let (label, passage) = hidden_match(c, &Query::parse("equipe"), Some(note)).unwrap();
        assert_eq!((label, passage.text), ("Ma note", note));
    }

    #[test]
    fn selection_toggles_and_counts() {
        let mut selection = Selection::default();
        assert!(selection.is_empty());
        selection.toggle(Facet::Theme, 2);
        selection.toggle(Facet::Site, 0);
        assert_eq!(selection.count(), 2);
        assert!(selection.filters(Facet::Theme));
        assert_eq!(selection.chosen(Facet::Theme)[0].id, "formations");
        selection.toggle(Facet::Theme, 2);
        assert!(!selection.filters(Facet::Theme));
        selection.clear(Facet::Site);
        assert!(selection.is_empty());
    }

    #[test]
    fn the_list_opens_with_the_card_the_reader_comes_back_to() {
        assert_eq!(shown_at_first(None), PAGE_SIZE);
        assert_eq!(shown_at_first(Some(0)), PAGE_SIZE);
        assert_eq!(shown_at_first(Some(PAGE_SIZE - 1)), PAGE_SIZE);
        assert_eq!(shown_at_first(Some(PAGE_SIZE)), 2 * PAGE_SIZE);
        assert_eq!(shown_at_first(Some(149)), 7 * PAGE_SIZE);
    }
}
