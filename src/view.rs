//! The view a URL describes, and the URL of a view.
//!
//! Everything a participant would share lives in the query string of the one
//! path the app is served from, so any static host serves every view with no
//! rewrite rule: `?site=rennes&theme=services,leviers&q=ecole&defi=rennes-03`.
//! [`View::from_query`] reads it (unknown values are ignored, never an error,
//! and navigation then rewrites the address to the view shown);
//! [`View::to_query`] writes it in one canonical order.

use crate::filter::{Criteria, Facet, Selection};
use crate::search::Query;

/// Which page is shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Page {
    /// The list of défis.
    #[default]
    List,
    /// One défi, by id (which may not exist in the dataset).
    Challenge(String),
    /// The participant's favourites and notes.
    Carnet,
    /// The event, the sources and their licence.
    About,
}

/// Everything the URL holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    pub selection: Selection,
    /// The text of the search box, as typed.
    pub search: String,
    /// « Mes favoris » only.
    pub favourites_only: bool,
    /// Only the défis with a note.
    pub with_note_only: bool,
    pub page: Page,
}

const SEARCH: &str = "q";
const CHALLENGE: &str = "defi";
const PAGE: &str = "vue";
const ONLY: &str = "seulement";
const FAVOURITES: &str = "favoris";
const WITH_NOTE: &str = "notes";
const LONGEST_SEARCH: usize = 200;

impl View {
    /// Reads a query string, with or without its leading `?`.
    pub fn from_query(query: &str) -> View {
        let mut view = View::default();
        let query = query.strip_prefix('?').unwrap_or(query);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode(key);
            if let Some(facet) = Facet::ALL.into_iter().find(|f| f.param() == key) {
                // Split once decoded: a link rewritten on its way (a mail
                // client's) may carry `%2C` for the commas. Ids are ASCII
                // lower case; a link typed by hand may not be (and std's
                // Unicode case tables would cost the wasm 6 KB gzipped).
                for id in decode(raw).split(',') {
                    if let Some(option) = facet.option(&id.trim().to_ascii_lowercase()) {
                        view.selection.insert(facet, option.index);
                    }
                }
                continue;
            }
            match key.as_str() {
                SEARCH => {
                    let search = decode(raw);
                    // Blank is no search: the box shows what the address says.
                    if !search.trim().is_empty() {
                        view.search = search.chars().take(LONGEST_SEARCH).collect();
                    }
                }
                CHALLENGE => {
                    let id = decode(raw);
                    if !id.is_empty() {
                        view.page = Page::Challenge(id);
                    }
                }
                PAGE => match decode(raw).as_str() {
                    "carnet" if view.page == Page::List => view.page = Page::Carnet,
                    "apropos" if view.page == Page::List => view.page = Page::About,
                    _ => {}
                },
                ONLY => {
                    for value in decode(raw).split(',') {
                        match value.trim().to_ascii_lowercase().as_str() {
                            FAVOURITES => view.favourites_only = true,
                            WITH_NOTE => view.with_note_only = true,
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        view
    }

    /// The query string of this view, with its leading `?`, or an empty string
    /// for the plain list.
    pub fn to_query(&self) -> String {
        let mut pairs: Vec<String> = Vec::new();
        for facet in Facet::ALL {
            let ids: Vec<String> = self
                .selection
                .chosen(facet)
                .iter()
                .map(|o| encode(o.id))
                .collect();
            if !ids.is_empty() {
                pairs.push(format!("{}={}", facet.param(), ids.join(",")));
            }
        }
        let mut only = Vec::new();
        if self.favourites_only {
            only.push(FAVOURITES);
        }
        if self.with_note_only {
            only.push(WITH_NOTE);
        }
        if !only.is_empty() {
            pairs.push(format!("{ONLY}={}", only.join(",")));
        }
        if !self.search.trim().is_empty() {
            pairs.push(format!("{SEARCH}={}", encode(&self.search)));
        }
        match &self.page {
            Page::List => {}
            Page::Challenge(id) => pairs.push(format!("{CHALLENGE}={}", encode(id))),
            Page::Carnet => pairs.push(format!("{PAGE}=carnet")),
            Page::About => pairs.push(format!("{PAGE}=apropos")),
        }
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        }
    }

    /// The same filters and search, on another page.
    pub fn with_page(&self, page: Page) -> View {
        View {
            page,
            ..self.clone()
        }
    }

    /// The criteria the list applies.
    pub fn criteria(&self) -> Criteria {
        Criteria {
            selection: self.selection,
            query: Query::parse(&self.search),
            favourites_only: self.favourites_only,
            with_note_only: self.with_note_only,
        }
    }

    /// True when something narrows the list.
    pub fn is_filtered(&self) -> bool {
        !self.selection.is_empty()
            || !Query::parse(&self.search).is_empty()
            || self.favourites_only
            || self.with_note_only
    }

    /// The list with nothing chosen, on the same page.
    pub fn cleared(&self) -> View {
        View {
            page: self.page.clone(),
            ..View::default()
        }
    }
}

/// The query string of one défi opened from a list whose query string is
/// `list_query` (as [`View::to_query`] writes it): the same as
/// `view.with_page(Page::Challenge(id)).to_query()`, without rebuilding the
/// view, for the link of every card.
pub fn challenge_query(list_query: &str, id: &str) -> String {
    let separator = if list_query.is_empty() { '?' } else { '&' };
    format!("{list_query}{separator}{CHALLENGE}={}", encode(id))
}

/// Percent-encodes everything but the unreserved characters; a space is `+`.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[(byte >> 4) as usize] as char);
                out.push(HEX[(byte & 15) as usize] as char);
            }
        }
    }
    out
}

/// Decodes `+` and `%XX`; a malformed escape is kept as written. Bytes that
/// are not UTF-8 are read as Latin-1, as an older site's link may write
/// « é » (`%E9`).
pub fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(hi), Some(lo)) => {
                        out.push((hi * 16 + lo) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8(out)
        .unwrap_or_else(|not_utf8| not_utf8.into_bytes().into_iter().map(char::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(view: &View) {
        let query = view.to_query();
        assert_eq!(&View::from_query(&query), view, "{query}");
    }

    #[test]
    fn the_plain_list_has_no_query_string() {
        assert_eq!(View::default().to_query(), "");
        assert_eq!(View::from_query(""), View::default());
        assert_eq!(View::from_query("?"), View::default());
    }

    #[test]
    fn filters_search_and_page_round_trip() {
        let mut view = View::from_query("?site=rennes&theme=services,leviers");
        assert_eq!(view.selection.count(), 3);
        view.search = "École d’été & co, 100%".into();
        view.page = Page::Challenge("rennes-03".into());
        round_trip(&view);
        assert_eq!(
            view.to_query(),
            "?theme=services,leviers&site=rennes&q=%C3%89cole+d%E2%80%99%C3%A9t%C3%A9+%26+co%2C+100%25&defi=rennes-03"
        );
        view.favourites_only = true;
        view.with_note_only = true;
        view.page = Page::Carnet;
        round_trip(&view);
        view.page = Page::About;
        round_trip(&view);
    }

    #[test]
    fn a_card_link_is_the_list_query_and_the_defi() {
        for list in ["", "?site=rennes&q=%C3%A9cole"] {
            let view = View::from_query(list);
            assert_eq!(
                challenge_query(&view.to_query(), "rennes-04"),
                view.with_page(Page::Challenge("rennes-04".into()))
                    .to_query()
            );
        }
    }

    #[test]
    fn the_query_is_written_in_one_canonical_order() {
        let a = View::from_query("?site=cluny,rennes&theme=leviers");
        let b = View::from_query("site=rennes&theme=leviers&site=cluny");
        assert_eq!(a, b);
        assert_eq!(a.to_query(), "?theme=leviers&site=rennes,cluny");
    }

    #[test]
    fn unknown_values_and_keys_are_ignored() {
        let view = View::from_query("?site=paris,rennes&couleur=bleu&niveau=&vue=nulle");
        assert_eq!(view.to_query(), "?site=rennes");
        assert_eq!(View::from_query("?defi="), View::default());
    }

    #[test]
    fn a_link_rewritten_on_its_way_or_typed_by_hand_keeps_its_filters() {
        assert_eq!(
            View::from_query("?site=rennes%2Ccluny&seulement=favoris%2Cnotes").to_query(),
            "?site=rennes,cluny&seulement=favoris,notes"
        );
        assert_eq!(
            View::from_query("?site=Rennes&theme=%20services").to_query(),
            "?theme=services&site=rennes"
        );
    }

    #[test]
    fn a_blank_search_is_no_search() {
        assert_eq!(View::from_query("?q=++"), View::default());
        assert_eq!(View::from_query("?q=%20eau").search, " eau");
    }

    #[test]
    fn an_unknown_defi_id_is_kept_so_the_page_can_say_so() {
        let view = View::from_query("?defi=n-existe-plus");
        assert_eq!(view.page, Page::Challenge("n-existe-plus".into()));
    }

    #[test]
    fn every_level_and_region_value_round_trips() {
        for facet in Facet::ALL {
            for option in facet.options() {
                let mut view = View::default();
                view.selection.insert(facet, option.index);
                round_trip(&view);
            }
        }
    }

    #[test]
    fn decoding_is_forgiving() {
        assert_eq!(decode("a+b%20c"), "a b c");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%C3%A9"), "é");
        assert_eq!(decode("%E9cole"), "école", "Latin-1");
        assert_eq!(decode("%FF"), "ÿ");
        assert_eq!(encode("é t"), "%C3%A9+t");
    }

    #[test]
    fn a_very_long_search_is_cut() {
        let view = View::from_query(&format!("?q={}", "a".repeat(10_000)));
        assert_eq!(view.search.len(), LONGEST_SEARCH);
    }
}
