//! French typography of displayed text: the spaces that must not break.
//!
//! French puts a space before « ; : ! ? » and inside « ». A browser may end a
//! line at an ordinary space, which leaves a lone « or : at the start or the
//! end of a line. These spaces are therefore narrow no-break spaces (U+202F).
//! The build applies [`french_spaces`] to every text of the data file, and a
//! native test (`tests/typography.rs`) checks the interface's own strings.
//!
//! Pure and tested natively; `build.rs` includes this file.

/// The narrow no-break space.
pub const NNBSP: char = '\u{202f}';

/// True for the spaces that French typography wants unbreakable here.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | NNBSP)
}

/// Makes unbreakable the spaces before `; : ! ?`, `»` and `%`, after `«`,
/// and between the groups of a number (« 98 000 »).
///
/// Only an existing space is changed: nothing is inserted, so a URL's colon
/// or a time such as « 9:30 » stay as they are.
pub fn french_spaces(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let before_mark = chars
            .get(i + 1)
            .is_some_and(|next| matches!(next, ';' | ':' | '!' | '?' | '»'));
        let after_quote = i > 0 && chars[i - 1] == '«';
        let before_percent = chars.get(i + 1) == Some(&'%');
        // A digit, then exactly three: « 54 500 », not « 2017 et 180 ».
        let in_number = i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.len() >= i + 4
            && chars[i + 1..i + 4].iter().all(char::is_ascii_digit)
            && !chars.get(i + 4).is_some_and(char::is_ascii_digit);
        if is_space(c) && (before_mark || after_quote || before_percent || in_number) {
            out.push(NNBSP);
        } else {
            out.push(c);
        }
    }
    out
}

/// Where [`french_spaces`] would change `text`: the character offsets of
/// the breakable spaces that should not be.
pub fn breakable_spaces(text: &str) -> Vec<usize> {
    text.chars()
        .zip(french_spaces(text).chars())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(i, _)| i)
        .collect()
}

/// Joins the last two words of a paragraph with a no-break space, so that
/// no line holds one word alone (what `text-wrap: pretty` does where the
/// browser has it; Firefox does not).
pub fn last_words_together(text: &str) -> String {
    let trimmed = text.trim_end();
    match trimmed.rfind(' ') {
        // Keep a short tail (« ? », a single letter) with its word, but
        // never glue a long one: two words that do not fit on a line would
        // then overflow it.
        Some(at) if trimmed[at + 1..].chars().count() <= 20 => {
            let mut out = String::with_capacity(text.len() + 1);
            out.push_str(&trimmed[..at]);
            out.push('\u{a0}');
            out.push_str(&text[at + 1..]);
            out
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_before_double_marks_and_inside_quotes_do_not_break() {
        assert_eq!(
            french_spaces("Titre : « ici » ; là ! Quoi ?"),
            "Titre\u{202f}: «\u{202f}ici\u{202f}»\u{202f}; là\u{202f}! Quoi\u{202f}?"
        );
    }

    #[test]
    fn no_break_spaces_become_narrow_and_nothing_is_inserted() {
        assert_eq!(french_spaces("Porteur\u{a0}:"), "Porteur\u{202f}:");
        assert_eq!(
            french_spaces("http://exemple.fr à 9:30"),
            "http://exemple.fr à 9:30"
        );
        assert_eq!(french_spaces("«mot»"), "«mot»");
        assert_eq!(french_spaces(""), "");
    }

    #[test]
    fn numbers_and_percentages_stay_on_one_line() {
        assert_eq!(
            french_spaces("57 % publics, 54 500 collégiens, 98 000 habitants"),
            "57\u{202f}% publics, 54\u{202f}500 collégiens, 98\u{202f}000 habitants"
        );
        assert_eq!(french_spaces("1 234 567"), "1\u{202f}234\u{202f}567");
        assert_eq!(french_spaces("en 2017 1800 agents"), "en 2017 1800 agents");
        assert_eq!(french_spaces("défi 5 2018"), "défi 5 2018");
    }

    #[test]
    fn applying_twice_changes_nothing() {
        let once = french_spaces("« a » : b ?");
        assert_eq!(french_spaces(&once), once);
        assert!(breakable_spaces(&once).is_empty());
    }

    #[test]
    fn breakable_spaces_are_found_by_character_offset() {
        assert_eq!(breakable_spaces("é : « x »"), vec![1, 5, 7]);
    }

    #[test]
    fn the_last_two_words_stay_together() {
        assert_eq!(last_words_together("un deux trois"), "un deux\u{a0}trois");
        assert_eq!(last_words_together("seul"), "seul");
        assert_eq!(last_words_together("fin. "), "fin. ");
        let long = "un anticonstitutionnellement-bien-long";
        assert_eq!(last_words_together(long), long);
    }
}
