use super::state::use_app;
use crate::search::highlight;
use leptos::either::Either;
use leptos::prelude::*;

/// A text with the words of the search marked. The parts are remembered, so
/// a keystroke that changes nothing here touches nothing in the page.
#[component]
pub fn Highlighted(
    /// The text, as the source (or the participant) writes it.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    let app = use_app();
    let parts = Memo::new(move |_| {
        app.criteria.with(|criteria| {
            highlight(&text, &criteria.query)
                .into_iter()
                .map(|segment| (segment.text.to_owned(), segment.hit))
                .collect::<Vec<_>>()
        })
    });
    move || {
        parts
            .get()
            .into_iter()
            .map(|(part, hit)| {
                if hit {
                    Either::Left(view! { <mark>{part}</mark> })
                } else {
                    Either::Right(part)
                }
            })
            .collect_view()
    }
}
