use super::challenge_page::SourceItem;
use crate::dataset::{CHALLENGES, EVENT, SITES, SOURCES, THEMES};
use crate::french;
use leptos::prelude::*;

/// The event, what the carnet holds, the sources and their licence.
#[component]
pub fn AboutPage() -> impl IntoView {
    let sites = SITES
        .iter()
        .map(|site| {
            let count = CHALLENGES
                .iter()
                .filter(|c| c.site.index == site.index)
                .count();
            let count = match count {
                0 => "aucun défi dans nos sources".to_owned(),
                n => french::count(n, "défi", "défis"),
            };
            view! {
                <li>
                    <strong>{site.name}</strong>
                    {site.venue.map(|v| format!(" ({v})"))}
                    " : "
                    {count}
                    ". "
                    {site.history}
                </li>
            }
        })
        .collect_view();
    let themes = THEMES
        .iter()
        .map(|t| view! { <li>{t.label}</li> })
        .collect_view();
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
                    ", simultanément sur six sites. Titre : « " {EVENT.title}
                    " ». Elle a réuni " {EVENT.participants} ", pour " {EVENT.challenges} "."
                </p>
                <ul class="sites">{sites}</ul>
            </section>
            <section>
                <h2>"Ce que contient ce carnet"</h2>
                <p>
                    "Les " {CHALLENGES.len()}
                    " défis que donnent nos sources : les 14 défis du site de Rennes, décrits par l’article de Bretagne Créative (sept en détail, sept par leur titre et leur porteur), et un défi d’exemple pour quatre autres sites, cité par le communiqué du CNFPT. Aucune source ne donne de défi du site de Strasbourg."
                </p>
                <p>
                    "Rien n’est inventé : quand aucune source ne donne une information, le carnet écrit « non précisé ». Les textes sont cités tels que les sources les écrivent."
                </p>
            </section>
            <section>
                <h2>"Les thèmes"</h2>
                <p>"Le CNFPT a regroupé les projets de l’université sous quatre thèmes :"</p>
                <ul>{themes}</ul>
                <p class="editorial-note">
                    <strong>"Classement éditorial. "</strong>
                    "Aucune source ne dit à quel thème appartient chaque défi : le thème affiché pour un défi est un classement proposé par ce carnet, pour filtrer la liste."
                </p>
            </section>
            <section>
                <h2>"Sources et licence"</h2>
                <ul class="sources">
                    {SOURCES.iter().map(|s| view! { <SourceItem source=s /> }).collect_view()}
                </ul>
                <p>
                    "Les textes des défis de Rennes sont repris de l’article de Bretagne Créative, publié sous licence Creative Commons BY-NC-SA : ce carnet les reproduit en citant leur source, sans usage commercial, et sous la même licence. Le niveau de collectivité et le territoire de chaque porteur sont des faits publics."
                </p>
                <p>"Ce carnet n’est pas une publication du CNFPT."</p>
            </section>
            <section>
                <h2>"Vos données"</h2>
                <p>
                    "Vos favoris et vos notes restent sur cet appareil, dans le stockage du navigateur : rien n’est envoyé à un serveur, et l’application ne charge rien d’un autre site. Un lien de transfert porte votre carnet dans sa partie après « # », que les navigateurs n’envoient jamais au serveur. Exportez votre carnet pour le garder ailleurs."
                </p>
            </section>
            <section>
                <h2>"Accessibilité"</h2>
                <p>
                    "Ce carnet vise le niveau AA des règles d’accessibilité que suit le secteur public (RGAA 4.1, fondé sur les WCAG 2.1). Il n’a pas fait l’objet d’un audit RGAA complet. Ce qui est vérifié à chaque changement, par des tests automatiques dans Chromium :"
                </p>
                <ul>
                    <li>"aucune erreur signalée par axe-core (règles WCAG 2.1 A et AA) sur chaque vue et chaque état : la liste, filtres ouverts et fermés, un défi, le carnet, l’aperçu d’un import, chaque message d’erreur, en thème clair et sombre ;"</li>
                    <li>"tout le parcours au clavier seul (filtrer, chercher, ouvrir un défi, le mettre en favori, écrire une note, exporter, importer), avec un focus visible ; le focus va au titre de la nouvelle vue ;"</li>
                    <li>"le nombre de résultats et l’enregistrement des notes annoncés aux lecteurs d’écran ;"</li>
                    <li>"un texte agrandi à 200 % sur un écran de 320 pixels : rien ne déborde ni ne se perd ;"</li>
                    <li>"des cibles tactiles d’au moins 44 pixels ; les contrastes de couleur (AA) ; la préférence « réduire les animations »."</li>
                </ul>
                <p>
                    "Non vérifié : l’usage réel avec des lecteurs d’écran (NVDA, VoiceOver, TalkBack) par les personnes qui s’en servent."
                </p>
            </section>
        </article>
    }
}
