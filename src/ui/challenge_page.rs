use super::favourite_button::FavouriteButton;
use super::highlighted::Highlighted;
use super::history;
use super::note_editor::NoteEditor;
use super::share_button::ShareButton;
use super::state::{catalogue, use_app};
use super::view_link::{ViewLink, is_plain_click};
use crate::dataset::{self, Challenge, Source};
use crate::french::plural;
use crate::view::Page;
use leptos::ev::MouseEvent;
use leptos::prelude::*;

/// One défi: every field the sources give, its sources, and the way back to
/// the list with the same filters and scroll position.
#[component]
pub fn ChallengePage(
    /// The id of the défi, from the URL.
    id: String,
) -> impl IntoView {
    match dataset::challenge(&id) {
        Some(challenge) => view! { <ChallengeDetails challenge=challenge /> }.into_any(),
        None => view! { <UnknownChallenge /> }.into_any(),
    }
}

/// « Retour à la liste »: Back when the reader came from the list (so the
/// scroll position comes back), the list with the same filters otherwise.
#[component]
fn BackToList() -> impl IntoView {
    let app = use_app();
    let list = Signal::derive(move || app.view.with(|v| v.with_page(Page::List)));
    let on_click = move |ev: MouseEvent| {
        if is_plain_click(&ev) {
            ev.prevent_default();
            app.nav.back_to_list();
        }
    };
    view! {
        <p class="back">
            <a href=move || list.with(history::url) class="back-link" on:click=on_click>
                <span aria-hidden="true">"← "</span>
                "Retour à la liste"
            </a>
        </p>
    }
}

#[component]
fn UnknownChallenge() -> impl IntoView {
    view! {
        <article class="challenge">
            <BackToList />
            <h1 id="page-title" class="page-title" tabindex="-1">
                "Ce défi n’existe pas (ou plus)"
            </h1>
            <p>
                "Le lien mène à un défi que cette version du carnet ne contient pas. Les autres défis sont dans la liste."
            </p>
        </article>
    }
}

/// A line of the facts about the défi, « non précisé » when no source gives it.
#[component]
fn Fact(label: &'static str, children: Children) -> impl IntoView {
    view! {
        <div class="fact">
            <dt>{label}</dt>
            <dd>{children()}</dd>
        </div>
    }
}

fn not_specified() -> AnyView {
    view! { <span class="is-unknown">"non précisé"</span> }.into_any()
}

#[component]
fn ChallengeDetails(challenge: &'static Challenge) -> impl IntoView {
    let porteur = challenge.porteur;
    let level = porteur.map(|p| match p.level_detail {
        Some(detail) => format!("{} ({detail})", p.level.label()),
        None => p.level.label().to_owned(),
    });
    let place = porteur.and_then(|p| {
        let parts: Vec<&str> = p
            .departement
            .into_iter()
            .chain(p.region.map(|r| r.name))
            .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    });
    let site = match challenge.site.venue {
        Some(venue) => format!("{} ({venue})", challenge.site.name),
        None => challenge.site.name.to_owned(),
    };
    let sections = challenge.sections();
    let missing = challenge.missing_sections();
    let mut sources: Vec<&'static Source> = challenge.sources.to_vec();
    for source in porteur.map(|p| p.sources).unwrap_or_default() {
        if !sources.iter().any(|s| s.id == source.id) {
            sources.push(source);
        }
    }
    view! {
        <article class="challenge">
            <BackToList />
            <p class="card-meta">
                {challenge.number_label().map(|n| view! { <span class="card-number">{n}</span> })}
                <span class="card-site">{challenge.site.name}</span>
            </p>
            <h1 id="page-title" class="page-title challenge-title" tabindex="-1">
                <Highlighted text=challenge.title />
            </h1>
            <div class="actions">
                <FavouriteButton challenge=challenge with_text=true />
                <ShareButton />
            </div>
            <dl class="facts">
                <Fact label="Porteur">
                    {match porteur {
                        Some(p) => view! { <Highlighted text=p.name /> }.into_any(),
                        None => not_specified(),
                    }}
                </Fact>
                <Fact label="Niveau de collectivité">
                    {match level {
                        Some(level) => level.into_any(),
                        None => not_specified(),
                    }}
                </Fact>
                <Fact label="Territoire du porteur">
                    {match place {
                        Some(place) => place.into_any(),
                        None => not_specified(),
                    }}
                </Fact>
                <Fact label="Projet">
                    {match challenge.project {
                        Some(project) => view! { <Highlighted text=project /> }.into_any(),
                        None => not_specified(),
                    }}
                </Fact>
                <Fact label="Site">{site}</Fact>
                <Fact label="Thème">
                    {challenge.theme.label}
                    {challenge
                        .theme_editorial
                        .then(|| {
                            view! {
                                <span class="editorial">
                                    " — classement éditorial du carnet, aucune source ne le donne"
                                </span>
                            }
                        })}
                </Fact>
            </dl>
            <NoteEditor challenge=challenge />
            {sections
                .into_iter()
                .map(|(section, text)| {
                    view! {
                        <section class="section">
                            <h2>{section.label()}</h2>
                            <p>
                                <Highlighted text=text />
                            </p>
                        </section>
                    }
                })
                .collect_view()}
            {(!missing.is_empty())
                .then(|| {
                    view! {
                        <p class="missing">
                            "Non précisé dans les sources : " {missing.join(", ")} "."
                        </p>
                    }
                })}
            <section class="sources">
                <h2>{plural(sources.len(), "Source", "Sources")}</h2>
                <ul>{sources.into_iter().map(|s| view! { <SourceItem source=s /> }).collect_view()}</ul>
                {challenge
                    .as_written
                    .map(|text| {
                        view! {
                            <p class="as-written">
                                "Porteur tel qu’écrit dans l’article : « " {text} " »"
                            </p>
                        }
                    })}
            </section>
            <Neighbours challenge=challenge />
        </article>
    }
}

/// A source: its title (a link to its address), publisher, date and licence.
#[component]
pub fn SourceItem(source: &'static Source) -> impl IntoView {
    let title = match source.url {
        Some(url) => view! {
            <a href=url rel="noopener noreferrer" target="_blank">
                {source.title}
            </a>
        }
        .into_any(),
        None => source.title.into_any(),
    };
    let licence = source.licence.map(|licence| match source.licence_url {
        // The full stop in the link's own text: after the link, WebKit
        // broke the line before it (even with a word joiner before it, or
        // in a nowrap span).
        Some(url) => view! {
            " Licence : "
            <a href=url rel="noopener noreferrer license" target="_blank">
                {format!("{licence}.")}
            </a>
        }
        .into_any(),
        None => view! { " Licence : " {licence} "." }.into_any(),
    });
    view! {
        <li class="source">
            {title} ", " {source.publisher} {source.date.map(|d| format!(", {d}"))} "." {licence}
        </li>
    }
}

/// The previous and next défis of the list as filtered.
#[component]
fn Neighbours(challenge: &'static Challenge) -> impl IntoView {
    let app = use_app();
    let neighbour = move |step: isize| {
        app.results.with(|r| {
            let at = r.matching.iter().position(|&i| i == challenge.index)?;
            let next = at.checked_add_signed(step)?;
            r.matching.get(next).map(|&i| &catalogue().challenges()[i])
        })
    };
    let link = move |step: isize, label: &'static str, class: &'static str| {
        neighbour(step).map(|other| {
            let to = Signal::derive(move || {
                app.view
                    .with(|v| v.with_page(Page::Challenge(other.id.to_owned())))
            });
            view! {
                <ViewLink to=to class=class>
                    <span class="neighbour-label">{label}</span>
                    <span class="neighbour-title">{other.title}</span>
                </ViewLink>
            }
        })
    };
    view! {
        <nav class="neighbours" aria-label="Défis voisins dans la liste">
            {link(-1, "← Défi précédent", "neighbour neighbour-prev")}
            {link(1, "Défi suivant →", "neighbour neighbour-next")}
        </nav>
    }
}
