use super::state::use_app;
use crate::filter::Facet;
use crate::french::{defi_unit, see_text};
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

/// The filters: theme, site, level of government, région. A side panel on a
/// wide screen; on a phone, a sheet opened by the « Filtres » button.
/// Every option shows how many défis it would give with the other filters as
/// they are; an option that would give none is disabled.
#[component]
pub fn FilterPanel() -> impl IntoView {
    let app = use_app();
    let close = move || app.nav.close_filters();
    // Escape closes the sheet wherever the focus is: it reaches the sheet
    // a frame after the sheet opens.
    let escape = window_event_listener(leptos::ev::keydown, move |ev: KeyboardEvent| {
        if ev.key() == "Escape" && !ev.default_prevented() && app.nav.escape() {
            ev.prevent_default();
        }
    });
    let shown = move || see_text(app.results.with(|r| r.matching.len()));
    // On a wide screen the filters are a side panel, never a sheet: a sheet
    // left open when the phone turns or the window widens is closed.
    let widened = window_event_listener(leptos::ev::resize, move |_| {
        if is_wide() {
            app.nav.screen_widened();
        }
    });
    on_cleanup(move || {
        widened.remove();
        escape.remove();
        app.nav.forget_filters();
    });
    let sheet = move || app.nav.sheet_open();
    view! {
        // A side panel beside the list (a landmark), or a sheet over it (a
        // modal dialog).
        <div
            id="filtres"
            class="filters"
            class:open=sheet
            role=move || if sheet() { "dialog" } else { "complementary" }
            aria-modal=move || sheet().then_some("true")
            aria-labelledby="filtres-titre"
        >
            <div class="filters-head">
                <h2 id="filtres-titre" class="filters-title" tabindex="-1">
                    "Filtres"
                </h2>
                <button type="button" class="filters-close button-quiet" on:click=move |_| close()>
                    "Fermer"
                </button>
            </div>
            <div class="facets">
                <PersonalGroup />
                {Facet::ALL.map(|facet| view! { <FacetGroup facet=facet /> }).into_iter().collect_view()}
            </div>
            <div class="filters-foot">
                <button
                    type="button"
                    class="button-quiet"
                    disabled=move || app.view.with(|v| v.selection.is_empty())
                    on:click=move |_| app.nav.clear_filters()
                >
                    "Effacer les filtres"
                </button>
                <button type="button" class="button-primary filters-done" on:click=move |_| close()>
                    {shown}
                </button>
            </div>
        </div>
    }
}

/// The screen is wide enough for the side panel (the stylesheet's 60rem).
fn is_wide() -> bool {
    window()
        .match_media("(min-width: 60rem)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches())
}

/// « Mon carnet »: only the favourites, only the défis with a note.
#[component]
fn PersonalGroup() -> impl IntoView {
    let app = use_app();
    let option = move |id: &'static str, label: &'static str, favourites: bool| {
        let checked = Memo::new(move |_| {
            app.view.with(|v| {
                if favourites {
                    v.favourites_only
                } else {
                    v.with_note_only
                }
            })
        });
        let count = Memo::new(move |_| {
            app.results.with(|r| {
                if favourites {
                    r.favourites
                } else {
                    r.with_note
                }
            })
        });
        let toggle = Callback::new(move |()| {
            let mut view = app.view.get_untracked();
            if favourites {
                view.favourites_only = !view.favourites_only;
            } else {
                view.with_note_only = !view.with_note_only;
            }
            app.nav.go(view);
        });
        view! {
            <OptionCheckbox
                id=id.to_owned()
                label=label
                checked=checked
                count=count
                toggle=toggle
            />
        }
    };
    view! {
        <fieldset class="facet">
            <legend class="facet-legend">"Mon carnet"</legend>
            <ul class="options">
                {option("f-favoris", "Mes favoris", true)}
                {option("f-notes", "Avec une note", false)}
            </ul>
        </fieldset>
    }
}

/// The options of one facet, as checkboxes.
#[component]
fn FacetGroup(facet: Facet) -> impl IntoView {
    let app = use_app();
    // The themes are labelled an editorial classification when the data
    // file says some are (`theme_editorial`).
    let editorial = facet == Facet::Theme && crate::dataset::EDITORIAL_THEMES > 0;
    let legend_note = editorial.then(|| {
        // The space and the brackets are text, so that the group's name
        // reads « Thème (classement éditorial) » to a screen reader too.
        view! { " " <span class="legend-note">"(classement éditorial)"</span> }
    });
    let options = facet
        .options()
        .into_iter()
        .map(|option| {
            let checked =
                Memo::new(move |_| app.view.with(|v| v.selection.contains(facet, option.index)));
            let count = Memo::new(move |_| app.results.with(|r| r.count(facet, option.index)));
            let toggle = Callback::new(move |()| {
                let mut view = app.view.get_untracked();
                view.selection.toggle(facet, option.index);
                app.nav.go(view);
            });
            view! {
                <OptionCheckbox
                    id=format!("f-{}-{}", facet.param(), option.id)
                    name=facet.param()
                    value=option.id
                    label=option.label
                    checked=checked
                    count=count
                    toggle=toggle
                />
            }
        })
        .collect_view();
    view! {
        <fieldset class="facet">
            <legend class="facet-legend">{facet.legend()} {legend_note}</legend>
            <ul class="options">{options}</ul>
        </fieldset>
    }
}

/// One option of the filters: its label, and how many défis it would give
/// with the other filters as they are; disabled when that is none (unless it
/// is chosen, so that it can be unchosen).
#[component]
fn OptionCheckbox(
    /// The id of the checkbox.
    id: String,
    /// The name and value of the checkbox, for a facet's option.
    #[prop(optional)]
    name: Option<&'static str>,
    #[prop(optional)] value: Option<&'static str>,
    label: &'static str,
    checked: Memo<bool>,
    count: Memo<usize>,
    /// Chooses or unchooses the option.
    toggle: Callback<()>,
) -> impl IntoView {
    let disabled = move || count.get() == 0 && !checked.get();
    let label_for = id.clone();
    view! {
        <li>
            <label class="option" class:is-disabled=disabled for=label_for>
                <input
                    id=id
                    type="checkbox"
                    name=name
                    value=value
                    prop:checked=move || checked.get()
                    disabled=disabled
                    on:change=move |_| toggle.run(())
                />
                <span class="option-label">{label}</span>
                <span class="option-count">
                    {move || count.get()}
                    <span class="visually-hidden">
                        {move || defi_unit(count.get())}
                    </span>
                </span>
            </label>
        </li>
    }
}
