use super::state::use_app;
use crate::filter::Facet;
use crate::view::View;
use leptos::prelude::*;

/// The filters in force, as chips that remove themselves when tapped, and
/// « Tout effacer ».
#[component]
pub fn ActiveFilters() -> impl IntoView {
    let app = use_app();
    let chips = move || {
        let view = app.view.get();
        let mut chips = Vec::new();
        for facet in Facet::ALL {
            for option in view.selection.chosen(facet) {
                let mut without = view.clone();
                without.selection.toggle(facet, option.index);
                let label = format!("Retirer le filtre {} : {}", facet.legend(), option.label);
                chips.push((option.label.to_owned(), label, without));
            }
        }
        if view.favourites_only {
            let without = View {
                favourites_only: false,
                ..view.clone()
            };
            chips.push((
                "Mes favoris".into(),
                "Retirer le filtre Mes favoris".into(),
                without,
            ));
        }
        if view.with_note_only {
            let without = View {
                with_note_only: false,
                ..view.clone()
            };
            chips.push((
                "Avec une note".into(),
                "Retirer le filtre Avec une note".into(),
                without,
            ));
        }
        if !view.search.trim().is_empty() {
            let without = View {
                search: String::new(),
                ..view.clone()
            };
            let text = format!("« {} »", view.search.trim());
            let label = format!("Effacer la recherche {text}");
            chips.push((text, label, without));
        }
        chips
    };
    move || {
        let chips = chips();
        (!chips.is_empty()).then(|| {
            let items = chips
                .into_iter()
                .map(|(text, label, without)| {
                    view! {
                        <li>
                            <button
                                type="button"
                                class="chip"
                                aria-label=label
                                on:click=move |_| app.nav.go(without.clone())
                            >
                                {text}
                                <span class="chip-x" aria-hidden="true">
                                    "×"
                                </span>
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <ul class="chips" aria-label="Filtres actifs">
                    {items}
                    <li>
                        <button
                            type="button"
                            class="chip chip-clear"
                            on:click=move |_| app.nav.go(app.view.get_untracked().cleared())
                        >
                            "Tout effacer"
                        </button>
                    </li>
                </ul>
            }
        })
    }
}
