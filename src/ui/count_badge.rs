use crate::french::plural;
use leptos::prelude::*;

/// A count beside the name of a control (« Filtres 2 »), shown from 1 up,
/// with its unit for screen readers (« 2 actifs »).
#[component]
pub fn CountBadge(
    #[prop(into)] count: Signal<usize>,
    /// The unit for 1 (« actif »), with its leading space.
    one: &'static str,
    /// The unit from 2 up (« actifs »): see [`plural`].
    many: &'static str,
) -> impl IntoView {
    move || {
        let n = count.get();
        (n > 0).then(|| {
            view! {
                <span class="badge">
                    {n}
                    <span class="visually-hidden">{plural(n, one, many)}</span>
                </span>
            }
        })
    }
}
