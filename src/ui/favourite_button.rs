use super::state::use_app;
use crate::dataset::Challenge;
use leptos::prelude::*;

/// The star that keeps a défi in « Mes favoris »: a toggle button labelled
/// with the défi's title, pressed when it is a favourite. The star itself is
/// drawn by the stylesheet from `aria-pressed`, so a card costs one binding.
#[component]
pub fn FavouriteButton(
    challenge: &'static Challenge,
    /// Show « Ajouter aux favoris » beside the star (the défi's page).
    #[prop(optional)]
    with_text: bool,
) -> impl IntoView {
    let app = use_app();
    let on = move || app.notebook.carnet().with(|c| c.is_favourite(challenge.id));
    let label = (!with_text).then(|| format!("Favori : {}", challenge.title));
    view! {
        <button
            type="button"
            class="favourite"
            class:with-text=with_text
            aria-pressed=move || on().to_string()
            aria-label=label
            on:click=move |_| app.notebook.toggle_favourite(challenge.id)
        >
            <span class="star" aria-hidden="true"></span>
            {with_text
                .then(|| {
                    view! {
                        <span class="favourite-text">
                            {move || if on() { "Dans mes favoris" } else { "Ajouter aux favoris" }}
                        </span>
                    }
                })}
        </button>
    }
}
