use super::active_filters::ActiveFilters;
use super::challenge_card::ChallengeCard;
use super::count_badge::CountBadge;
use super::filter_panel::FilterPanel;
use super::search_box::SearchBox;
use super::share_button::ShareButton;
use super::state::{catalogue, use_app};
use crate::french::{count_text, more_text};
use leptos::prelude::*;

use crate::filter::{PAGE_SIZE, shown_at_first};

/// The list of défis, with the search box, the filters and the count.
#[component]
pub fn ChallengeList() -> impl IntoView {
    let app = use_app();
    let total = catalogue().len();
    let matching = Memo::new(move |_| app.results.with(|r| r.matching.len()));
    // Enough cards for the one the reader comes back to, if any.
    let wanted = app.nav.card_wanted().and_then(|id| {
        app.results.with_untracked(|r| {
            r.matching
                .iter()
                .position(|&i| catalogue().challenges()[i].id == id)
        })
    });
    let limit = RwSignal::new(shown_at_first(wanted));
    // A new search or filter starts again from the first cards.
    Effect::watch(
        move || app.criteria.track(),
        move |_, _, _| limit.set(PAGE_SIZE),
        false,
    );
    let open_filters = move |_| app.nav.open_filters();
    let filter_count = move || app.view.with(|v| v.selection.count());
    let cards = move || {
        let shown = limit.get();
        app.results.with(|r| {
            r.matching
                .iter()
                .take(shown)
                .map(|&i| &catalogue().challenges()[i])
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="list-layout">
            <FilterPanel />
            <section
                class="results"
                aria-labelledby="page-title"
                inert=move || app.nav.sheet_open()
            >
                <div class="results-head">
                    <h1 id="page-title" class="page-title" tabindex="-1">
                        "Les défis"
                    </h1>
                    <div class="controls">
                    <SearchBox />
                    <div class="toolbar">
                        <button
                            id="filtres-bouton"
                            type="button"
                            class="filters-toggle"
                            aria-controls="filtres"
                            aria-expanded=move || app.nav.sheet_open().to_string()
                            on:click=open_filters
                        >
                            "Filtres"
                            <CountBadge count=Signal::derive(filter_count) one=" actif" many=" actifs" />
                        </button>
                        <button
                            type="button"
                            class="filters-toggle favourites-toggle"
                            aria-pressed=move || app.view.with(|v| v.favourites_only).to_string()
                            on:click=move |_| {
                                let mut view = app.view.get_untracked();
                                view.favourites_only = !view.favourites_only;
                                app.nav.go(view);
                            }
                        >
                            <span aria-hidden="true">"★"</span>
                            "Mes favoris"
                            <span class="badge badge-quiet">
                                {move || app.notebook.carnet().with(|c| c.favourite_count())}
                            </span>
                        </button>
                        <p class="count" role="status">
                            {move || count_text(matching.get(), total)}
                        </p>
                        <ShareButton />
                    </div>
                    </div>
                    <ActiveFilters />
                </div>
                <Show when=move || matching.get() == 0>
                    <NoResult />
                </Show>
                <ol id="resultats" class="cards" tabindex="-1" aria-label="Résultats">
                    <For
                        each=cards
                        key=|challenge| challenge.id
                        children=|challenge| view! { <ChallengeCard challenge=challenge /> }
                    />
                </ol>
                <Show when=move || { matching.get() > limit.get() }>
                    <button
                        type="button"
                        class="button-quiet more"
                        on:click=move |_| limit.update(|l| *l += PAGE_SIZE)
                    >
                        {move || {
                            let rest = matching.get().saturating_sub(limit.get());
                            more_text(rest)
                        }}
                    </button>
                </Show>
            </section>
        </div>
    }
}

/// What the list says when nothing matches, with the way back.
#[component]
fn NoResult() -> impl IntoView {
    let app = use_app();
    let has_search = move || app.view.with(|v| !v.search.trim().is_empty());
    let has_filters = move || {
        app.view
            .with(|v| !v.selection.is_empty() || v.favourites_only || v.with_note_only)
    };
    // « Mes favoris » with no favourite yet: say how to add one.
    let no_favourite = move || {
        app.view.with(|v| v.favourites_only)
            && app.notebook.carnet().with(|c| c.favourite_count() == 0)
    };
    view! {
        <div class="empty">
            <p class="empty-title">"Aucun défi ne correspond."</p>
            <p>
                {move || {
                    if no_favourite() {
                        "Vous n’avez pas encore de favori : touchez ☆ sur un défi pour le garder dans « Mes favoris »."
                    } else {
                        "Essayez d’autres mots, ou retirez un filtre."
                    }
                }}
            </p>
            <p class="empty-actions">
                <Show when=has_search>
                    <button
                        type="button"
                        class="button-quiet"
                        on:click=move |_| {
                            let mut view = app.view.get_untracked();
                            view.search.clear();
                            app.nav.go(view);
                        }
                    >
                        "Effacer la recherche"
                    </button>
                </Show>
                <Show when=has_filters>
                    <button
                        type="button"
                        class="button-primary"
                        on:click=move |_| app.nav.go(app.view.get_untracked().cleared())
                    >
                        "Voir tous les défis"
                    </button>
                </Show>
            </p>
        </div>
    }
}
