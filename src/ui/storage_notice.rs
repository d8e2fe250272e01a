use super::download::{download, file_date};
use super::state::use_app;
use super::view_link::ViewLink;
use crate::storage::Problem;
use crate::view::Page;
use leptos::prelude::*;

/// What the participant must know about their stored carnet: storage that
/// does not work, text that could not be read (kept aside, to export), a
/// change that could not be written (kept, retried).
#[component]
pub fn StorageNotice() -> impl IntoView {
    let app = use_app();
    let carnet = Signal::derive(move || app.view.with(|v| v.with_page(Page::Carnet)));
    view! {
        <div class="notices">
            <For
                each=move || app.problems.get()
                key=|problem| format!("{problem:?}")
                children=move |problem| {
                    let notice: AnyView = match problem.clone() {
                        Problem::Unavailable => view! {
                            <p>
                                <strong>"Rien n’est enregistré sur cet appareil. "</strong>
                                "Ce navigateur ne permet pas à ce site de garder des données (navigation privée ou stockage désactivé) : vos favoris et vos notes dureront le temps de cette page. "
                                <ViewLink to=carnet>"Exportez votre carnet"</ViewLink>
                                " avant de la fermer."
                            </p>
                        }
                        .into_any(),
                        Problem::Unreadable { raw, reason, .. } => {
                            let shown = problem.clone();
                            view! {
                                <p>
                                    <strong>{reason}</strong>
                                    " Le texte enregistré est gardé de côté, intact (voir « Copies gardées » dans "
                                    <ViewLink to=carnet>"Mon carnet"</ViewLink>
                                    ") ; le carnet reprend avec ce qui a pu être lu."
                                </p>
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
                                    <button type="button" class="button-quiet" on:click=move |_| app.dismiss(&shown)>
                                        "Fermer"
                                    </button>
                                </p>
                            }
                            .into_any()
                        }
                        Problem::NotSaved { full: true } => view! {
                            <p>
                                <strong>"Votre dernière modification n’est pas enregistrée : "</strong>
                                "l’espace de stockage du navigateur est plein. Elle reste affichée et sera réessayée. Par prudence, "
                                <ViewLink to=carnet>"exportez votre carnet"</ViewLink>
                                "."
                            </p>
                        }
                        .into_any(),
                        Problem::NotSaved { full: false } => view! {
                            <p>
                                <strong>"Votre dernière modification n’est pas enregistrée. "</strong>
                                "Elle reste affichée et sera réessayée dans un instant."
                            </p>
                        }
                        .into_any(),
                    };
                    view! { <div class="notice" role="alert">{notice}</div> }
                }
            />
        </div>
    }
}
