use super::download::{download, file_date};
use super::state::use_app;
use super::view_link::ViewLink;
use crate::problem::{Notice, Problem};
use crate::view::Page;
use leptos::prelude::*;

/// What the participant must know about their stored carnet: storage that
/// does not work, text that could not be read (kept aside, to export), a
/// change that could not be written (kept, retried). The words are
/// [`Problem::notice`]'s; each notice is keyed by its small [`Problem::id`]
/// (never by the problem, which may hold megabytes of unreadable text).
#[component]
pub fn StorageNotice() -> impl IntoView {
    let app = use_app();
    let carnet = Signal::derive(move || app.view.with(|v| v.with_page(Page::Carnet)));
    view! {
        <div class="notices">
            <For
                each=move || app.notebook.problems().get()
                key=|problem| problem.id().into_key()
                children=move |problem| {
                    let id = problem.id();
                    let Notice { headline, text, link } = problem.notice();
                    let link = link
                        .map(|(link, after)| view! { <ViewLink to=carnet>{link}</ViewLink> {after} });
                    let actions = match problem {
                        Problem::Unreadable { raw, .. } => {
                            Some(view! {
                                <p class="notice-actions">
                                    <button
                                        type="button"
                                        class="button-quiet"
                                        on:click=move |_| {
                                            let _ = download(
                                                &format!("carnet-illisible-{}.txt", file_date()),
                                                "text/plain;charset=utf-8",
                                                &raw,
                                            );
                                        }
                                    >
                                        "Télécharger le texte illisible"
                                    </button>
                                    <button type="button" class="button-quiet" on:click=move |_| app.notebook.dismiss(&id)>
                                        "Fermer"
                                    </button>
                                </p>
                            })
                        }
                        _ => None,
                    };
                    view! {
                        <div class="notice" role="alert">
                            <p>
                                <strong>{headline}</strong>
                                {text}
                                {link}
                            </p>
                            {actions}
                        </div>
                    }
                }
            />
        </div>
    }
}
