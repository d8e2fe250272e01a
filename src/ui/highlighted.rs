use super::state::use_app;
use crate::search::highlight;
use leptos::either::Either;
use leptos::prelude::*;

/// A text with the words of the search marked.
#[component]
pub fn Highlighted(
    /// The text, as the source (or the participant) writes it.
    #[prop(into)]
    text: String,
) -> impl IntoView {
    let app = use_app();
    move || {
        app.criteria.with(|criteria| {
            highlight(&text, &criteria.query)
                .into_iter()
                .map(|segment| {
                    let part = segment.text.to_owned();
                    if segment.hit {
                        Either::Left(view! { <mark>{part}</mark> })
                    } else {
                        Either::Right(part)
                    }
                })
                .collect_view()
        })
    }
}
