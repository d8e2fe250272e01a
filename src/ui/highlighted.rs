use super::state::use_app;
use crate::search::highlight;
use leptos::either::Either;
use leptos::prelude::*;

/// A text with the words of the search marked.
#[component]
pub fn Highlighted(
    /// The text, as the source writes it.
    text: &'static str,
) -> impl IntoView {
    let app = use_app();
    move || {
        app.criteria.with(|criteria| {
            highlight(text, &criteria.query)
                .into_iter()
                .map(|segment| {
                    if segment.hit {
                        Either::Left(view! { <mark>{segment.text}</mark> })
                    } else {
                        Either::Right(segment.text)
                    }
                })
                .collect_view()
        })
    }
}
