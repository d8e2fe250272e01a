use super::challenge_page::SourceItem;
use crate::dataset::{CHALLENGES, EVENT, SITES, SOURCES, THEMES};
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
                1 => "1 défi".to_owned(),
                n => format!("{n} défis"),
            };
            view! {
                <li>
                    <strong>{site.name}</strong>
                    {site.venue.map(|v| format!(" ({v})"))}
                    " : "
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
                    ", simultanément sur six sites. Titre : « " {EVENT.title} " ». "
                    {EVENT.participants} ", " {EVENT.challenges} "."
                </p>
                <ul class="sites">{sites}</ul>
            </section>
            <section>
                <h2>"Ce que contient ce carnet"</h2>
                <p>
                    "Les " {CHALLENGES.len()}
                    " défis que donnent nos sources : les 14 défis du site de Rennes, décrits par l’article de Bretagne Créative (sept en détail, sept par leur titre et leur porteur), et un défi d’exemple pour quatre autres sites, cité par le communiqué du CNFPT. Aucune source ne donne de défi du site de Strasbourg."
                </p>
                <p>
                    "Rien n’est inventé : quand aucune source ne donne une information, le carnet écrit « non précisé ». Les textes sont cités tels que les sources les écrivent."
                </p>
            </section>
            <section>
                <h2>"Les thèmes"</h2>
                <p>"Le CNFPT a regroupé les projets de l’université sous quatre thèmes :"</p>
                <ul>{themes}</ul>
                <p class="editorial-note">
                    <strong>"Classement éditorial. "</strong>
                    "Aucune source ne dit à quel thème appartient chaque défi : le thème affiché pour un défi est un classement proposé par ce carnet, pour filtrer la liste."
                </p>
            </section>
            <section>
                <h2>"Sources et licence"</h2>
                <ul class="sources">
                    {SOURCES.iter().map(|s| view! { <SourceItem source=s /> }).collect_view()}
                </ul>
                <p>
                    "Les textes des défis de Rennes sont repris de l’article de Bretagne Créative, publié sous licence Creative Commons BY-NC-SA : ce carnet les reproduit en citant leur source, sans usage commercial, et sous la même licence. Le niveau de collectivité et le territoire de chaque porteur sont des faits publics."
                </p>
                <p>"Ce carnet n’est pas une publication du CNFPT."</p>
            </section>
        </article>
    }
}
