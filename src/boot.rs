//! What the loader (`assets/loader.js`), the first view rendered at build
//! time ([`crate::ui::first_view`]) and the app agree on, defined once: the loader
//! finds the pre-rendered page by these ids and classes, marks `<html>` with
//! these classes until the app runs (the stylesheet draws them), and tells
//! the page with this event that the app runs. The tests below check the
//! loader, the pre-rendered page and the stylesheet against them.

/// The element the page is pre-rendered into, and the app mounted in.
pub const APP_ID: &str = "app";
/// A défi's card in the list.
pub const CARD_CLASS: &str = "card";
/// The link of a card, to `?defi=…`.
pub const CARD_LINK_CLASS: &str = "card-link";
/// The query parameter of one défi.
pub const CHALLENGE_PARAM: &str = "defi";
/// The search box, whose text the app keeps when it takes over.
pub const SEARCH_ID: &str = "recherche";

/// `<html>` class: the address asks for another view than the plain list.
pub const DEEP_LINK: &str = "deep-link";
/// `<html>` class: the address asks for one défi, shown from its card.
pub const DEEP_CHALLENGE: &str = "deep-defi";
/// The class of that card.
pub const BOOT_TARGET: &str = "boot-target";
/// `<html>` class: a tap is kept for the app.
pub const WAITING: &str = "waiting";
/// `<html>` class: the app could not start.
pub const BOOT_FAILED: &str = "boot-failed";
/// Every class the loader puts on or takes off the page.
pub const LOADER_CLASSES: [&str; 5] =
    [DEEP_LINK, DEEP_CHALLENGE, BOOT_TARGET, WAITING, BOOT_FAILED];

/// The event the loader sends once the app runs (its detail: the wasm's exports).
pub const STARTED_EVENT: &str = "carnet-started";

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::dist::LOADER;
    use std::collections::BTreeSet;

    /// The string literals passed to `classList.add(…)` and `.remove(…)`.
    fn classes_in(loader: &str) -> BTreeSet<String> {
        let mut found = BTreeSet::new();
        for call in [".classList.add(", ".classList.remove("] {
            for piece in loader.split(call).skip(1) {
                let args = &piece[..piece.find(')').expect("a closed call")];
                for arg in args.split(',') {
                    let arg = arg.trim();
                    assert!(
                        arg.starts_with('"') && arg.ends_with('"'),
                        "not a literal: {arg}"
                    );
                    found.insert(arg.trim_matches('"').to_owned());
                }
            }
        }
        found
    }

    #[test]
    fn the_loader_uses_the_shared_classes_and_no_other() {
        let expected: BTreeSet<String> = LOADER_CLASSES.iter().map(|c| c.to_string()).collect();
        assert_eq!(classes_in(LOADER), expected);
    }

    #[test]
    fn the_loader_finds_the_pre_rendered_page_by_the_shared_names() {
        for needle in [
            format!(r#"#{APP_ID} .{CARD_LINK_CLASS}[href="?{CHALLENGE_PARAM}="#),
            format!(r#".closest(".{CARD_CLASS}")"#),
            format!(r#"#{APP_ID} a[href], #{APP_ID} button, #{APP_ID} input"#),
            format!(r#"new CustomEvent("{STARTED_EVENT}""#),
        ] {
            assert!(LOADER.contains(&needle), "the loader has no {needle}");
        }
        let page =
            crate::dist::fill(r#"<div id="app"></div>"#, &crate::ui::first_view::render()).unwrap();
        for needle in [
            format!(r#"<div id="{APP_ID}">"#),
            format!(r#"<li id="carte-rennes-04" class="{CARD_CLASS}">"#),
            format!(r#"<a href="?{CHALLENGE_PARAM}=rennes-04" class="{CARD_LINK_CLASS}">"#),
            format!(r#"id="{SEARCH_ID}""#),
        ] {
            assert!(
                page.contains(&needle),
                "the pre-rendered page has no {needle}"
            );
        }
    }

    #[test]
    fn the_stylesheet_draws_every_class_of_the_loader() {
        let css = include_str!("../style/main.css");
        for class in LOADER_CLASSES {
            assert!(
                css.contains(&format!(".{class}")),
                "style/main.css has no .{class}"
            );
        }
    }
}
