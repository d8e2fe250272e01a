//! The first view, rendered at build time by the app's own components
//! (natively, with Leptos's `ssr`), and written into `index.html` by the
//! post-build step: a phone shows the list of défis before the wasm has
//! downloaded, and the app, once it runs, renders the same markup in its
//! place (one renderer, so the two cannot drift).

use super::app::Screen;
use super::service_worker::UpdateState;
use super::state::AppState;
use crate::view::View;
use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use std::sync::Arc;

/// The inside of `<div id="app">` for the plain list, with an empty carnet.
pub fn render() -> String {
    render_view(View::default())
}

/// The inside of `<div id="app">` for a view, with an empty carnet (the
/// first view is the plain list; the tests render others).
pub fn render_view(view: View) -> String {
    let no_browser = Arc::new(SsrSharedContext::new());
    let owner = Owner::new_root(Some(no_browser));
    owner.with(|| {
        provide_context(AppState::first_view(view));
        let updates = RwSignal::new(UpdateState::default());
        let html = view! { <Screen updates=updates /> }.to_html();
        without_hydration_marks(&html)
    })
}

/// Leptos marks where text and optional parts begin, for hydration. The
/// app replaces this page rather than hydrating it (the reader's carnet and
/// address would make it differ), so the marks go: `<!>` and
/// `<!--<() />-->`, which text (escaped) can never contain.
fn without_hydration_marks(html: &str) -> String {
    html.replace("<!>", "").replace("<!--<() />-->", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_list_shows_every_défi_with_its_count() {
        let html = render();
        assert_eq!(html.matches(r#"class="card">"#).count(), 18);
        assert!(html.contains(r#"<p role="status" class="count">18 défis sur 18</p>"#));
        assert!(html.contains(
            "<a href=\"?defi=rennes-04\" class=\"card-link\">Comment faciliter et mutualiser l’accès aux services publics de l’agglomération de Dinan\u{202f}?</a>"
        ));
        // The brand leads to the plain list, wherever the app is served.
        assert!(html.contains(r#"<a href="./" class="brand">"#));
    }

    #[test]
    fn an_option_that_would_give_no_défi_is_disabled() {
        // Strasbourg has no défi in the sources.
        let html = render();
        assert!(html.contains(r#"<label for="f-site-strasbourg" class="option is-disabled"><input id="f-site-strasbourg" type="checkbox" name="site" value="strasbourg" disabled>"#));
    }

    #[test]
    fn the_carnet_is_empty_before_the_app_reads_it() {
        // « 0 défi »: French puts 0 in the singular.
        let html = render();
        assert!(html.contains(r#"<span class="option-label">Mes favoris</span><span class="option-count">0<span class="visually-hidden"> défi</span></span>"#));
        assert!(!html.contains(">0<span class=\"visually-hidden\"> défis<"));
        assert!(!html.contains(r#"aria-pressed="true""#));
        assert!(!html.contains("Hors ligne"), "online until the app knows");
    }

    #[test]
    fn the_texts_about_the_event_come_from_the_data_file() {
        let html = render();
        assert!(html.contains(
            r#"<span class="brand-event">Innovation publique territoriale · juillet 2018</span>"#
        ));
        assert!(html.contains(
            "<footer class=\"footer\"><p>Textes des défis\u{202f}: Bretagne Créative (CC BY-NC-SA) et CNFPT. Carnet non officiel.</p></footer>"
        ));
        // Every défi of 2018 has an editorial theme: the filter says so.
        assert!(html.contains(r#"Thème <span class="legend-note">(classement éditorial)</span>"#));
    }

    #[test]
    fn no_mark_of_hydration_is_left() {
        let html = render();
        assert!(
            !html.contains("<!"),
            "{}",
            &html[html.find("<!").unwrap()..][..40]
        );
        assert_eq!(without_hydration_marks("a<!>b<!--<() />-->c"), "abc");
    }
}
