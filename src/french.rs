//! Counts as French writes them, decided once for the whole interface: the
//! components (which also render the first view at build time) and the
//! carnet's messages all ask here.
//!
//! French puts 0 and 1 in the singular: « 0 défi », « 1 défi », « 2 défis »
//! ([`plural`]). Counts are written with their digits as they are (« 1000
//! défis »), as the app always showed them; a limit spelt out in a message
//! is grouped by thousands ([`thousands`]: « 5 000 »). The about page and
//! the data file's texts spell small counts out ([`count_in_words`]: « six
//! sites »).
//!
//! Pure: tested natively.

use crate::filter::PAGE_SIZE;

/// « six sites », « 18 défis »: a count in words up to ten, in digits above,
/// for the about page and the texts of the data file (`{sites}`). It lives in
/// `dataset/words.rs`, which `build.rs` compiles too.
pub use crate::dataset::words::count as count_in_words;

/// The word for `n`: `one` for 0 and 1, `many` from 2 up. Decided in
/// `dataset/words.rs`, which `build.rs` compiles too, so that the build's
/// counts and the interface's follow the one rule.
pub use crate::dataset::words::plural;

/// « 0 note », « 1 favori », « 3 notes »: the number and its word.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, many))
}

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

/// What a count of défis reads as for a screen reader, after the number
/// (« 3 » then « défis »), with its leading space.
pub fn defi_unit(n: usize) -> &'static str {
    plural(n, " défi", " défis")
}

/// « 5 défis sur 18 »: how many défis the list shows, out of how many.
pub fn count_text(shown: usize, total: usize) -> String {
    match shown {
        0 => format!("Aucun défi sur {total}"),
        n => format!("{} sur {total}", count(n, "défi", "défis")),
    }
}

/// « Afficher 24 défis de plus (30 restants) »: the button under the list,
/// when `rest` défis are not shown yet.
pub fn more_text(rest: usize) -> String {
    let next = rest.min(PAGE_SIZE);
    format!(
        "Afficher {} de plus ({})",
        count(next, "défi", "défis"),
        count(rest, "restant", "restants")
    )
}

/// « Voir les 14 défis »: the button that closes the filters, with what they
/// leave.
pub fn see_text(matching: usize) -> String {
    match matching {
        0 => "Aucun défi à voir".to_owned(),
        1 => "Voir le défi".to_owned(),
        n => format!("Voir les {n} défis"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_and_one_are_singular() {
        assert_eq!(count(0, "défi", "défis"), "0 défi");
        assert_eq!(count(1, "défi", "défis"), "1 défi");
        assert_eq!(count(2, "défi", "défis"), "2 défis");
        assert_eq!(count(1000, "défi", "défis"), "1000 défis");
        assert_eq!(defi_unit(0), " défi");
        assert_eq!(defi_unit(1), " défi");
        assert_eq!(defi_unit(2), " défis");
        assert_eq!(plural(0, "diffère", "diffèrent"), "diffère");
        assert_eq!(plural(7, "diffère", "diffèrent"), "diffèrent");
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1\u{202f}000");
        assert_eq!(thousands(5_000), "5\u{202f}000");
        assert_eq!(thousands(1_234_567), "1\u{202f}234\u{202f}567");
    }

    #[test]
    fn the_count_reads_well_in_french() {
        assert_eq!(count_text(5, 18), "5 défis sur 18");
        assert_eq!(count_text(1, 18), "1 défi sur 18");
        assert_eq!(count_text(0, 18), "Aucun défi sur 18");
        assert_eq!(more_text(30), "Afficher 24 défis de plus (30 restants)");
        assert_eq!(more_text(1), "Afficher 1 défi de plus (1 restant)");
    }

    #[test]
    fn the_filters_say_what_they_leave() {
        assert_eq!(see_text(0), "Aucun défi à voir");
        assert_eq!(see_text(1), "Voir le défi");
        assert_eq!(see_text(14), "Voir les 14 défis");
    }
}
