//! Search that ignores case and accents, both ways.
//!
//! Text and query are both [`fold`]ed: lowercased, accents and ligatures taken
//! off, typographic quotes and spaces made plain. « etel » finds « Étel »,
//! « ÉCOLE » finds « école », « creativite » finds « créativité ». A query of
//! several words matches a text that contains every one of them, in any order
//! and in any field ([`Query::matches`]). [`highlight`] cuts a text into the
//! parts that match and the parts that don't, in the text's own spelling.

/// The lowercase of a Latin letter (Latin-1 and Latin Extended-A: French,
/// and the Romanian of Iași), without Unicode tables; `None` for any other
/// character.
fn latin_lowercase(c: char) -> Option<char> {
    let code = c as u32;
    let lower = match code {
        0xC0..=0xDE if code != 0xD7 => code + 0x20,
        0x178 => 0xFF,
        0x100..=0x137 | 0x14A..=0x177 if code.is_multiple_of(2) => code + 1,
        0x139..=0x148 | 0x179..=0x17E if !code.is_multiple_of(2) => code + 1,
        0x218 | 0x21A => code + 1,
        0xD7 | 0xDF..=0xFF | 0x100..=0x17F | 0x219 | 0x21B => code,
        _ => return None,
    };
    char::from_u32(lower)
}

/// The lowercase of any other character. In the browser, JavaScript's
/// `toLowerCase` (the same Unicode mapping), which keeps Rust's case tables
/// (~11 KB) out of the wasm; it is rarely called, the text being French.
#[cfg(target_arch = "wasm32")]
fn lowercase(c: char) -> String {
    let mut buf = [0; 4];
    String::from(js_sys::JsString::from(&*c.encode_utf8(&mut buf)).to_lower_case())
}

#[cfg(not(target_arch = "wasm32"))]
fn lowercase(c: char) -> String {
    c.to_lowercase().collect()
}

/// The folded form of one character, pushed onto `out`.
fn push_folded(c: char, out: &mut String) {
    // Fast path: plain ASCII.
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    match latin_lowercase(c) {
        Some(lower) => push_lower_folded(lower, out),
        None => lowercase(c)
            .chars()
            .for_each(|lower| push_lower_folded(lower, out)),
    }
}

/// The folded form of a lowercase character, pushed onto `out`.
fn push_lower_folded(lower: char, out: &mut String) {
    {
        let folded: &str = match lower {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
            'æ' => "ae",
            'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
            'ď' | 'đ' => "d",
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
            'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
            'ñ' | 'ń' | 'ņ' | 'ň' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
            'œ' => "oe",
            'ŕ' | 'ř' => "r",
            'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
            'ß' => "ss",
            'ţ' | 'ť' | 'ț' => "t",
            'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
            'ý' | 'ÿ' => "y",
            'ź' | 'ż' | 'ž' => "z",
            'ł' => "l",
            '’' | '‘' | 'ʼ' | '′' => "'",
            '«' | '»' | '“' | '”' | '„' => "\"",
            '‐' | '‑' | '–' | '—' => "-",
            '\u{a0}' | '\u{202f}' | '\u{2009}' => " ",
            '…' => "...",
            // Combining accents (text written in decomposed form).
            '\u{300}'..='\u{36f}' => "",
            other => {
                out.push(other);
                return;
            }
        };
        out.push_str(folded);
    }
}

/// Lowercases `text` and takes its accents off, for comparison only.
///
/// ```
/// use carnet_des_defis::search::fold;
/// assert_eq!(fold("Commune d’Étel"), "commune d'etel");
/// assert_eq!(fold("ŒUVRE"), "oeuvre");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// The folded text, and for each of its bytes the byte offset in `text` of the
/// character it comes from.
fn fold_with_origins(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut origins = Vec::with_capacity(text.len());
    for (offset, c) in text.char_indices() {
        push_folded(c, &mut out);
        origins.resize(out.len(), offset);
    }
    (out, origins)
}

/// A search query: the folded words the participant typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    words: Vec<String>,
}

/// Words beyond this many are ignored, so that a pasted page stays fast.
pub const MAX_WORDS: usize = 12;

impl Query {
    /// Splits what was typed into folded words.
    pub fn parse(input: &str) -> Query {
        let folded = fold(input);
        let mut words: Vec<String> = Vec::new();
        for word in folded.split_whitespace() {
            if !words.iter().any(|w| w == word) {
                words.push(word.to_owned());
            }
            if words.len() == MAX_WORDS {
                break;
            }
        }
        Query { words }
    }

    /// True when nothing was typed: every text matches.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    pub fn words(&self) -> &[String] {
        &self.words
    }

    /// The words of the query that `keep` accepts.
    pub fn filtered(&self, keep: impl Fn(&str) -> bool) -> Query {
        Query {
            words: self.words.iter().filter(|w| keep(w)).cloned().collect(),
        }
    }

    /// True when every word of the query is in one of the folded texts.
    pub fn matches(&self, folded_texts: &[&str]) -> bool {
        self.words
            .iter()
            .all(|word| folded_texts.iter().any(|text| text.contains(word.as_str())))
    }
}

/// A part of a text, and whether it matches the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub hit: bool,
}

/// Cuts `text` into the parts that match a word of the query and the parts
/// that don't, keeping the text's own spelling (accents, capitals).
///
/// ```
/// use carnet_des_defis::search::{highlight, Query};
/// let parts = highlight("Commune d’Étel", &Query::parse("etel"));
/// let hits: Vec<&str> = parts.iter().filter(|p| p.hit).map(|p| p.text).collect();
/// assert_eq!(hits, ["Étel"]);
/// ```
pub fn highlight<'a>(text: &'a str, query: &Query) -> Vec<Segment<'a>> {
    if query.is_empty() || text.is_empty() {
        return vec![Segment { text, hit: false }];
    }
    let (folded, origins) = fold_with_origins(text);
    // Byte ranges of `text` that match.
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    for word in query.words() {
        for (start, matched) in folded.match_indices(word.as_str()) {
            let last = start + matched.len() - 1;
            let from = origins[start];
            let last_origin = origins[last];
            let to = last_origin + text[last_origin..].chars().next().map_or(0, char::len_utf8);
            // Kept sorted as they come (a sort would add ~3 KB of wasm).
            let at = ranges.partition_point(|&r| r <= (from, to));
            ranges.insert(at, (from, to));
        }
    }
    if ranges.is_empty() {
        return vec![Segment { text, hit: false }];
    }
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (from, to) in ranges {
        match merged.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => merged.push((from, to)),
        }
    }
    let mut segments = Vec::with_capacity(merged.len() * 2 + 1);
    let mut at = 0;
    for (from, to) in merged {
        if from > at {
            segments.push(Segment {
                text: &text[at..from],
                hit: false,
            });
        }
        segments.push(Segment {
            text: &text[from..to],
            hit: true,
        });
        at = to;
    }
    if at < text.len() {
        segments.push(Segment {
            text: &text[at..],
            hit: false,
        });
    }
    segments
}

/// A short passage of a text around its first match, to show why a défi
/// matched when the match is not in what its card shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Excerpt<'a> {
    pub text: &'a str,
    /// Text was cut before the passage (show « … »).
    pub cut_before: bool,
    /// Text was cut after the passage.
    pub cut_after: bool,
}

/// The passage of `text` around the first match of the query, about
/// `radius` characters each side, cut at spaces. `None` when nothing matches.
///
/// ```
/// use carnet_des_defis::search::{excerpt, Query};
/// let text = "Les enjeux sont de simplifier les accès au service public de tous.";
/// let passage = excerpt(text, &Query::parse("acces"), 12).unwrap();
/// assert_eq!(passage.text, "simplifier les accès au service public");
/// ```
pub fn excerpt<'a>(text: &'a str, query: &Query, radius: usize) -> Option<Excerpt<'a>> {
    let mut at = 0;
    let mut hit = None;
    for segment in highlight(text, query) {
        if segment.hit {
            hit = Some((at, at + segment.text.len()));
            break;
        }
        at += segment.text.len();
    }
    let (from, to) = hit?;
    // Walk `radius` characters out from the match, then on to a space.
    let mut start = text[..from]
        .char_indices()
        .rev()
        .nth(radius)
        .map_or(0, |(i, _)| i);
    if start > 0 {
        start = text[..start].rfind(' ').map_or(0, |i| i + 1);
    }
    let mut end = text[to..]
        .char_indices()
        .nth(radius)
        .map_or(text.len(), |(i, _)| to + i);
    if end < text.len() {
        end = text[end..].find(' ').map_or(text.len(), |i| end + i);
    }
    Some(Excerpt {
        text: text[start..end].trim(),
        cut_before: start > 0,
        cut_after: end < text.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str, query: &str) -> Vec<String> {
        highlight(text, &Query::parse(query))
            .into_iter()
            .filter(|s| s.hit)
            .map(|s| s.text.to_owned())
            .collect()
    }

    #[test]
    fn folding_ignores_case_and_accents_both_ways() {
        assert!(Query::parse("etel").matches(&[&fold("Commune d’Étel")]));
        assert!(Query::parse("ÉTEL").matches(&[&fold("commune d’etel")]));
        assert!(Query::parse("ÉCOLE").matches(&[&fold("l’école municipale")]));
        assert!(Query::parse("creativite").matches(&[&fold("la créativité")]));
        assert!(Query::parse("créativité").matches(&[&fold("CREATIVITE")]));
        assert!(Query::parse("coeur").matches(&[&fold("au cœur du service")]));
        assert!(Query::parse("iasi").matches(&[&fold("Ville de Iași")]));
        assert!(Query::parse("chemille").matches(&[&fold("Chemillé-en-Anjou")]));
    }

    #[test]
    fn latin_lowercase_agrees_with_unicode() {
        for code in (0xC0..=0x17F).chain(0x218..=0x21B) {
            let c = char::from_u32(code).unwrap();
            if c == 'İ' {
                continue; // Unicode gives « i » and a combining dot; folding gives « i » both ways.
            }
            let unicode: String = c.to_lowercase().collect();
            assert_eq!(
                latin_lowercase(c).map(String::from),
                Some(unicode),
                "{c} U+{code:04X}"
            );
        }
        assert_eq!(fold("İAȘI"), "iasi");
        assert_eq!(latin_lowercase('Ω'), None);
        assert_eq!(fold("ΩMÉGA"), "ωmega");
    }

    #[test]
    fn decomposed_accents_fold_like_composed_ones() {
        assert_eq!(fold("E\u{301}tel"), "etel");
        assert_eq!(fold("e\u{301}cole"), fold("école"));
    }

    #[test]
    fn typographic_apostrophes_match_straight_ones() {
        assert!(Query::parse("l'ecole").matches(&[&fold("à l’école")]));
        assert!(Query::parse("d’etel").matches(&[&fold("d'Etel")]));
    }

    #[test]
    fn every_word_must_match_somewhere() {
        let title = fold("Comment améliorer les inscriptions aux écoles de natation ?");
        let porteur = fold("Ville de Rennes");
        let texts = [title.as_str(), porteur.as_str()];
        assert!(Query::parse("natation rennes").matches(&texts));
        assert!(Query::parse("  RENNES   natation ").matches(&texts));
        assert!(!Query::parse("natation dinan").matches(&texts));
        assert!(Query::parse("").matches(&texts));
        assert!(Query::parse("   ").is_empty());
    }

    #[test]
    fn a_repeated_word_counts_once_and_long_queries_are_capped() {
        assert_eq!(Query::parse("école ecole ÉCOLE").words(), ["ecole"]);
        let long = (0..50)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(Query::parse(&long).words().len(), MAX_WORDS);
    }

    #[test]
    fn highlight_keeps_the_spelling_of_the_text() {
        assert_eq!(hits("Commune d’Étel", "etel"), ["Étel"]);
        assert_eq!(hits("L’ÉCOLE de l’école", "Ecole"), ["ÉCOLE", "école"]);
        assert_eq!(hits("au cœur du", "coeur"), ["cœur"]);
        assert_eq!(hits("au cœur du", "oe"), ["œ"]);
        assert_eq!(hits("rien ici", "dinan"), Vec::<String>::new());
    }

    #[test]
    fn highlight_merges_overlapping_words_and_rebuilds_the_text() {
        let text = "Comment définir les critères de durabilité ?";
        let parts = highlight(text, &Query::parse("dura durabilite crit"));
        let rebuilt: String = parts.iter().map(|p| p.text).collect();
        assert_eq!(rebuilt, text);
        let hits: Vec<&str> = parts.iter().filter(|p| p.hit).map(|p| p.text).collect();
        assert_eq!(hits, ["crit", "durabilité"]);
    }

    #[test]
    fn an_excerpt_is_cut_at_spaces_around_the_first_match() {
        let text = "Les enjeux sont liés au Plan numérique éducatif départemental 2016 travaillé de manière participative.";
        let passage = excerpt(text, &Query::parse("educatif"), 10).unwrap();
        assert_eq!(passage.text, "Plan numérique éducatif départemental");
        assert!(passage.cut_before && passage.cut_after);
        let whole = excerpt("Court texte", &Query::parse("court"), 40).unwrap();
        assert_eq!(whole.text, "Court texte");
        assert!(!whole.cut_before && !whole.cut_after);
        assert_eq!(excerpt(text, &Query::parse("absent"), 10), None);
    }

    #[test]
    fn highlight_without_a_query_is_the_whole_text() {
        assert_eq!(
            highlight("Étel", &Query::default()),
            [Segment {
                text: "Étel",
                hit: false
            }]
        );
    }
}
