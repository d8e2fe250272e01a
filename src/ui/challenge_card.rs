use super::favourite_button::FavouriteButton;
use super::highlighted::Highlighted;
use super::state::use_app;
use super::view_link::ChallengeLink;
use crate::dataset::Challenge;
use crate::filter::hidden_match;
use leptos::prelude::*;

/// A défi in the list: number, site, title (the link to the défi), porteur,
/// level of government and theme.
#[component]
pub fn ChallengeCard(challenge: &'static Challenge) -> impl IntoView {
    let app = use_app();
    let porteur = match challenge.porteur {
        Some(porteur) => view! {
            <p class="card-porteur">
                <Highlighted text=porteur.name />
            </p>
        }
        .into_any(),
        None => view! { <p class="card-porteur is-unknown">"Porteur non précisé"</p> }.into_any(),
    };
    let level = challenge
        .level()
        .map_or("Niveau non précisé", |level| level.label());
    // Why the défi matched, when the card does not show it: remembered, so
    // that a keystroke that changes nothing here touches nothing.
    let excerpt = Memo::new(move |_| {
        if app.criteria.with(|c| c.query.is_empty()) {
            return None;
        }
        let note = app
            .notebook
            .carnet()
            .with(|c| c.note(challenge.id).map(str::to_owned));
        app.criteria.with(|c| {
            hidden_match(challenge, &c.query, note.as_deref()).map(|(label, passage)| {
                (
                    label,
                    passage.text.to_owned(),
                    passage.cut_before,
                    passage.cut_after,
                )
            })
        })
    });
    view! {
        <li class="card" id=format!("carte-{}", challenge.id)>
            <p class="card-meta">
                {challenge.number_label().map(|n| view! { <span class="card-number">{n}</span> })}
                <span class="card-site">{challenge.site.name}</span>
            </p>
            <h2 class="card-title">
                <ChallengeLink id=challenge.id class="card-link">
                    <Highlighted text=challenge.title />
                </ChallengeLink>
            </h2>
            {porteur}
            {move || {
                excerpt
                    .get()
                    .map(|(label, text, cut_before, cut_after)| {
                        view! {
                            <p class="card-excerpt">
                                <span class="excerpt-label">{label} " : "</span>
                                {cut_before.then_some("…")}
                                <Highlighted text=text />
                                {cut_after.then_some("…")}
                            </p>
                        }
                    })
            }}
            <ul class="tags" aria-label="Niveau et thème">
                <li class="tag tag-level">{level}</li>
                <li class="tag tag-theme">{challenge.theme.short}</li>
                {move || {
                    app.notebook.carnet()
                        .with(|c| c.note(challenge.id).is_some())
                        .then(|| view! { <li class="tag tag-note">"Ma note"</li> })
                }}
            </ul>
            <FavouriteButton challenge=challenge />
        </li>
    }
}
