//! The first view of the app as plain HTML, written into `index.html` by the
//! build (`src/bin/postbuild.rs`), so that a phone shows the list of défis
//! before the wasm has downloaded.
//!
//! The markup is the one the Leptos components render for the plain list
//! (no filter, no search): when the app starts it swaps itself in for this
//! page in one task, and the reader sees no change. The end-to-end tests
//! check that the two stay the same (`e2e/tests/prerender.spec.js`).

use crate::dataset::{Challenge, EDITORIAL_THEMES, EVENT};
use crate::filter::{Catalogue, Criteria, Facet, NoAnnotations, PAGE_SIZE, results};
use crate::french::{count_text, defi_unit, more_text, see_text};
use std::fmt::Write as _;

/// Escapes text for an HTML text node or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The inside of `<div id="app">` for the plain list.
pub fn default_view(catalogue: &Catalogue) -> String {
    let results = results(catalogue, &Criteria::default(), &NoAnnotations);
    let mut html = String::new();
    html.push_str(r##"<a class="skip-link" href="#contenu">Aller au contenu</a>"##);
    html.push_str(concat!(
        r#"<header class="topbar"><div class="topbar-inner">"#,
        r#"<a href="./" class="brand"><span class="brand-name">Carnet des défis</span>"#,
    ));
    let _ = write!(
        html,
        r#"<span class="brand-event">{}</span></a>"#,
        escape(EVENT.short)
    );
    html.push_str(concat!(
        r#"<nav class="topnav" aria-label="Pages"><a href="?vue=carnet" class="topnav-link">Mon carnet</a>"#,
        r#"<a href="?vue=apropos" class="topnav-link about-link"><span class="about-text">À propos</span></a></nav>"#,
        r#"</div></header>"#,
        r#"<p class="offline" role="status"></p>"#,
        r#"<div class="notices"></div>"#,
    ));
    html.push_str(r#"<main id="contenu" class="main"><div class="list-layout">"#);

    // The filter panel.
    html.push_str(concat!(
        r#"<div id="filtres" class="filters" role="complementary" aria-labelledby="filtres-titre">"#,
        r#"<div class="filters-head"><h2 id="filtres-titre" class="filters-title" tabindex="-1">Filtres</h2>"#,
        r#"<button type="button" class="filters-close button-quiet">Fermer</button></div>"#,
        r#"<div class="facets">"#,
        r#"<fieldset class="facet"><legend class="facet-legend">Mon carnet</legend><ul class="options">"#,
    ));
    // No favourite and no note before the carnet is read.
    for (id, label) in [("f-favoris", "Mes favoris"), ("f-notes", "Avec une note")] {
        let _ = write!(
            html,
            r#"<li><label class="option is-disabled" for="{id}"><input id="{id}" type="checkbox" disabled><span class="option-label">{label}</span><span class="option-count">0<span class="visually-hidden">{}</span></span></label></li>"#,
            defi_unit(0),
        );
    }
    html.push_str("</ul></fieldset>");
    for facet in Facet::ALL {
        let note = if facet == Facet::Theme && EDITORIAL_THEMES > 0 {
            r#"<span class="legend-note">classement éditorial</span>"#
        } else {
            ""
        };
        let _ = write!(
            html,
            r#"<fieldset class="facet"><legend class="facet-legend">{}{note}</legend><ul class="options">"#,
            escape(facet.legend())
        );
        for option in facet.options() {
            let count = results.count(facet, option.index);
            let id = format!("f-{}-{}", facet.param(), option.id);
            let (class, disabled) = if count == 0 {
                ("option is-disabled", " disabled")
            } else {
                ("option", "")
            };
            let _ = write!(
                html,
                r#"<li><label class="{class}" for="{id}"><input id="{id}" type="checkbox" name="{}" value="{}"{disabled}><span class="option-label">{}</span><span class="option-count">{count}<span class="visually-hidden">{}</span></span></label></li>"#,
                facet.param(),
                escape(option.id),
                escape(option.label),
                defi_unit(count),
            );
        }
        html.push_str("</ul></fieldset>");
    }
    let done = see_text(results.matching.len());
    let _ = write!(
        html,
        r#"</div><div class="filters-foot"><button type="button" class="button-quiet" disabled>Effacer les filtres</button><button type="button" class="button-primary filters-done">{done}</button></div></div>"#
    );

    // The list.
    let _ = write!(
        html,
        concat!(
            r#"<section class="results" aria-labelledby="page-title"><div class="results-head">"#,
            r#"<h1 id="page-title" class="page-title" tabindex="-1">Les défis</h1>"#,
            r#"<div class="controls"><div class="search" role="search">"#,
            r#"<label for="recherche" class="visually-hidden">Rechercher dans les défis</label>"#,
            r#"<input id="recherche" class="search-input" type="search" name="q" autocomplete="off" spellcheck="false" enterkeyhint="search" placeholder="Rechercher : mot, commune…"></div>"#,
            r#"<div class="toolbar"><button id="filtres-bouton" type="button" class="filters-toggle" aria-controls="filtres" aria-expanded="false">Filtres</button>"#,
            r#"<button type="button" class="filters-toggle favourites-toggle" aria-pressed="false"><span aria-hidden="true">★</span>Mes favoris<span class="badge badge-quiet">0</span></button>"#,
            r#"<p class="count" role="status">{count}</p>"#,
            r#"<div class="share"><button type="button" class="button-quiet share-button">Partager</button><p class="share-status" role="status"></p></div>"#,
            r#"</div></div></div>"#,
        ),
        count = count_text(results.matching.len(), catalogue.len()),
    );
    html.push_str(r#"<ol id="resultats" class="cards" tabindex="-1" aria-label="Résultats">"#);
    for &index in results.matching.iter().take(PAGE_SIZE) {
        card(&mut html, &catalogue.challenges()[index]);
    }
    html.push_str("</ol>");
    let rest = results.matching.len().saturating_sub(PAGE_SIZE);
    if rest > 0 {
        let _ = write!(
            html,
            r#"<button type="button" class="button-quiet more">{}</button>"#,
            more_text(rest)
        );
    }
    html.push_str("</section></div></main>");
    let _ = write!(
        html,
        r#"<footer class="footer"><p>{}</p></footer>"#,
        escape(EVENT.credits)
    );
    html
}

/// A card of the list, as `ChallengeCard` renders it.
fn card(html: &mut String, challenge: &Challenge) {
    let _ = write!(
        html,
        r#"<li class="card" id="carte-{}"><p class="card-meta">"#,
        challenge.id
    );
    if let Some(number) = challenge.number_label() {
        let _ = write!(html, r#"<span class="card-number">{number}</span>"#);
    }
    let _ = write!(
        html,
        r#"<span class="card-site">{}</span></p><h2 class="card-title"><a href="?defi={}" class="card-link">{}</a></h2>"#,
        escape(challenge.site.name),
        crate::view::encode(challenge.id),
        escape(challenge.title),
    );
    match challenge.porteur {
        Some(porteur) => {
            let _ = write!(
                html,
                r#"<p class="card-porteur">{}</p>"#,
                escape(porteur.name)
            );
        }
        None => html.push_str(r#"<p class="card-porteur is-unknown">Porteur non précisé</p>"#),
    }
    let level = challenge
        .level()
        .map_or("Niveau non précisé", |level| level.label());
    let _ = write!(
        html,
        concat!(
            r#"<ul class="tags" aria-label="Niveau et thème"><li class="tag tag-level">{}</li><li class="tag tag-theme">{}</li></ul>"#,
            r#"<button type="button" class="favourite" aria-pressed="false" aria-label="Favori : {}"><span class="star" aria-hidden="true"></span></button></li>"#,
        ),
        escape(level),
        escape(challenge.theme.short),
        escape(challenge.title),
    );
}

/// Puts the pre-rendered view into the page that Trunk built.
pub fn fill(index_html: &str, view: &str) -> Result<String, String> {
    let id = crate::boot::APP_ID;
    let empty = format!(r#"<div id="{id}"></div>"#);
    if !index_html.contains(&empty) {
        return Err(format!("index.html has no empty {empty} to fill"));
    }
    Ok(index_html.replacen(&empty, &format!(r#"<div id="{id}">{view}</div>"#), 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_view_lists_every_defi_with_its_count() {
        let html = default_view(&Catalogue::embedded());
        assert_eq!(html.matches(r#"<li class="card" id="carte-"#).count(), 18);
        assert!(html.contains(r#"<p class="count" role="status">18 défis sur 18</p>"#));
        assert!(html.contains(r#"<a href="?defi=rennes-04" class="card-link">Comment faciliter et mutualiser l’accès aux services publics de l’agglomération de Dinan ?</a>"#));
        // Strasbourg has no défi in the sources: its option is disabled.
        assert!(html.contains(r#"<label class="option is-disabled" for="f-site-strasbourg"><input id="f-site-strasbourg" type="checkbox" name="site" value="strasbourg" disabled>"#));
        // « 0 défi »: French puts 0 in the singular, as the app does.
        assert!(html.contains(r#"<span class="option-label">Mes favoris</span><span class="option-count">0<span class="visually-hidden"> défi</span></span>"#));
        assert!(!html.contains(">0<span class=\"visually-hidden\"> défis<"));
    }

    #[test]
    fn the_texts_about_the_event_come_from_the_data_file() {
        let html = default_view(&Catalogue::embedded());
        assert!(html.contains(
            r#"<span class="brand-event">Innovation publique territoriale · juillet 2018</span>"#
        ));
        assert!(html.contains(
            "<footer class=\"footer\"><p>Textes des défis\u{202f}: Bretagne Créative (CC BY-NC-SA) et CNFPT. Carnet non officiel.</p></footer>"
        ));
        // Every défi of 2018 has an editorial theme: the filter says so.
        assert!(html.contains(r#"Thème<span class="legend-note">classement éditorial</span>"#));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn fill_needs_the_empty_app_element() {
        let page = r#"<body><div id="app"></div></body>"#;
        assert_eq!(
            fill(page, "x").unwrap(),
            r#"<body><div id="app">x</div></body>"#
        );
        assert!(fill("<body></body>", "x").is_err());
    }
}
