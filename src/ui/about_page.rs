use super::challenge_page::SourceItem;
use crate::dataset::{CHALLENGES, EDITORIAL_THEMES, EVENT, SITES, SOURCES, THEMES};
use crate::french::{self, count_in_words};
use crate::typography::last_words_together as tail;
use leptos::prelude::*;

/// Paragraphs of the data file.
fn paragraphs(texts: &'static [&'static str]) -> impl IntoView {
    texts
        .iter()
        .map(|text| view! { <p>{tail(text)}</p> })
        .collect_view()
}

/// The event, what the carnet holds, the sources and their licence: the
/// facts of the data file's `[event]`, its texts (`contents`, `licence`,
/// `disclaimer`), and counts taken from the data.
#[component]
pub fn AboutPage() -> impl IntoView {
    let sites = SITES
        .iter()
        .map(|site| {
            let defis = CHALLENGES
                .iter()
                .filter(|c| c.site.index == site.index)
                .count();
            let defis = match defis {
                0 => "aucun défi dans nos sources".to_owned(),
                n => french::count(n, "défi", "défis"),
            };
            view! {
                <li>
                    <strong>{site.name}</strong>
                    {site.venue.map(|v| format!(" ({v})"))}
                    " : "
                    {defis}
                    ". "
                    {site.history.map(tail)}
                </li>
            }
        })
        .collect_view();
    let themes = THEMES
        .iter()
        .map(|t| view! { <li>{tail(t.label)}</li> })
        .collect_view();
    let theme_count = count_in_words(THEMES.len(), "thème", "thèmes");
    let themes_intro = match EVENT.organiser {
        Some(organiser) => {
            format!("Le {organiser} a regroupé les projets de l’université sous {theme_count} :")
        }
        None => format!("Les projets de l’université sont regroupés sous {theme_count} :"),
    };
    let editorial_note = match EDITORIAL_THEMES {
        0 => None,
        n if n == CHALLENGES.len() => Some(
            "Aucune source ne dit à quel thème appartient chaque défi : le thème affiché pour un défi est un classement proposé par ce carnet, pour filtrer la liste.",
        ),
        _ => Some(
            "Pour certains défis, aucune source ne dit à quel thème ils appartiennent : le thème affiché est alors un classement proposé par ce carnet, pour filtrer la liste, et la page du défi le dit.",
        ),
    };
    view! {
        <article class="about">
            <h1 id="page-title" class="page-title" tabindex="-1">
                "À propos"
            </h1>
            <section>
                <h2>"L’événement"</h2>
                <p>
                    {EVENT.edition} " de l’" {EVENT.name} ", organisée par le "
                    {EVENT.organiser} ", " {EVENT.dates}
                    ", simultanément sur " {count_in_words(SITES.len(), "site", "sites")} ". Titre : « " {EVENT.title}
                    " ». Elle a réuni " {EVENT.participants} ", pour " {EVENT.challenges} "."
                </p>
                <ul class="sites">{sites}</ul>
            </section>
            <section>
                <h2>"Ce que contient ce carnet"</h2>
                {paragraphs(EVENT.contents)}
            </section>
            <section>
                <h2>"Les thèmes"</h2>
                <p>{tail(&themes_intro)}</p>
                <ul>{themes}</ul>
                {editorial_note
                    .map(|note| {
                        view! {
                            <p class="editorial-note">
                                <strong>"Classement éditorial. "</strong>
                                {tail(note)}
                            </p>
                        }
                    })}
            </section>
            <section>
                <h2>"Sources et licence"</h2>
                <ul class="sources">
                    {SOURCES.iter().map(|s| view! { <SourceItem source=s /> }).collect_view()}
                </ul>
                {paragraphs(EVENT.licence)}
                {EVENT.disclaimer.map(|text| view! { <p>{tail(text)}</p> })}
            </section>
            <section>
                <h2>"Vos données"</h2>
                <p>
                    {tail("Vos favoris et vos notes restent sur cet appareil, dans le stockage du navigateur : rien n’est envoyé à un serveur, et l’application ne charge rien d’un autre site. Un lien de transfert porte votre carnet dans sa partie après « # », que les navigateurs n’envoient jamais au serveur. Exportez votre carnet pour le garder ailleurs.")}
                </p>
            </section>
            <section>
                <h2>"Accessibilité"</h2>
                <p>
                    {tail("Ce carnet vise le niveau AA des règles d’accessibilité que suit le secteur public (RGAA 4.1, fondé sur les WCAG 2.1). Il n’a pas fait l’objet d’un audit RGAA complet. Ce qui est vérifié à chaque changement, par des tests automatiques :")}
                </p>
                <ul>
                    <li>{tail("dans Chromium, aucune erreur signalée par axe-core (règles WCAG 2.1 A et AA) sur chaque vue et chaque état : la liste, filtres ouverts et fermés, un défi, le carnet, l’aperçu d’un import, chaque message d’erreur, en thème clair et sombre ;")}</li>
                    <li>{tail("tout le parcours au clavier seul (filtrer, chercher, ouvrir un défi, le mettre en favori, écrire une note, exporter, importer), avec un focus visible ; le focus va au titre de la nouvelle vue ;")}</li>
                    <li>{tail("les parcours principaux (chercher avec et sans accents, filtrer, garder favoris et notes, Mon carnet et son code QR, hors ligne) dans Chromium, Firefox et WebKit, le moteur de Safari ;")}</li>
                    <li>{tail("le nombre de résultats et l’enregistrement des notes annoncés aux lecteurs d’écran ;")}</li>
                    <li>{tail("un texte agrandi à 200 % sur un écran de 320 pixels : rien ne déborde ni ne se perd ;")}</li>
                    <li>{tail("des cibles tactiles d’au moins 44 pixels ; les contrastes de couleur (AA) ; la préférence « réduire les animations ».")}</li>
                </ul>
                <p>
                    {tail("Non vérifié : l’usage réel avec des lecteurs d’écran (NVDA, VoiceOver, TalkBack) par les personnes qui s’en servent.")}
                </p>
            </section>
        </article>
    }
}
