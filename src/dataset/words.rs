//! How many of something, in French: « six sites », « 18 défis ».
//!
//! The counts the texts about the event derive from the data, so that the
//! about page and the texts of the data file (`{sites}` in `[event]`, see
//! `schema.rs`) write numbers the same way; the app reaches it as
//! `crate::french::count_in_words`, next to its other counts. This file
//! depends on nothing: `build.rs` compiles it too. It holds the app's one
//! plural rule ([`plural`]: 0 and 1 take the singular).

/// The French words for the numbers that are written out.
const WORDS: [&str; 11] = [
    "aucun", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
];

/// The word for `n`: `one` for 0 and 1 (French puts zero in the singular),
/// `many` from 2 up. The one plural rule of the app (`french::plural`).
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n < 2 { one } else { many }
}

/// `n` things, for a masculine noun: words up to ten (« aucun site »,
/// « un site », « six sites »), digits above (« 18 défis »), as French
/// typography does.
pub fn count(n: usize, one: &str, many: &str) -> String {
    let noun = plural(n, one, many);
    match WORDS.get(n) {
        Some(word) => format!("{word} {noun}"),
        None => format!("{n} {noun}"),
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn small_counts_in_words_large_ones_in_digits() {
        assert_eq!(count(0, "défi", "défis"), "aucun défi");
        assert_eq!(count(1, "site", "sites"), "un site");
        assert_eq!(count(4, "thème", "thèmes"), "quatre thèmes");
        assert_eq!(count(6, "site", "sites"), "six sites");
        assert_eq!(count(10, "site", "sites"), "dix sites");
        assert_eq!(count(13, "site", "sites"), "13 sites");
        assert_eq!(count(150, "défi", "défis"), "150 défis");
    }
}
