use super::notebook::{Incoming, now};
use super::state::use_app;
use crate::carnet::{self, MAX_IMPORT_BYTES};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Reads a file chosen by the participant as a carnet to import, after
/// checking its size; the preview then says what it holds.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let app = use_app();
    let message = RwSignal::new(None::<String>);
    let on_change = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        message.set(None);
        let name = file.name();
        if file.size() > MAX_IMPORT_BYTES as f64 {
            message.set(Some(format!(
                "« {name} » est trop grand pour être un carnet (plus de {} Mo). Rien n’a changé.",
                MAX_IMPORT_BYTES / 1_000_000
            )));
            return;
        }
        spawn_local(async move {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string());
            let Some(text) = text else {
                message.set(Some(format!(
                    "« {name} » n’a pas pu être lu. Rien n’a changé."
                )));
                return;
            };
            match carnet::decode(&text) {
                Ok(decoded) => {
                    app.notebook.bring(Incoming {
                        carnet: decoded.carnet.clamped(now()),
                        from: format!("Le fichier « {name} »"),
                        skipped: decoded.skipped,
                    });
                    // The preview is at the top of the page, far above the
                    // file button on a phone: it is brought into view.
                    super::history::after_render(|| super::reveal("import-preview-title"));
                }
                Err(error) => message.set(Some(format!(
                    "« {name} » n’a pas pu être importé : {}. Rien n’a changé.",
                    error.message()
                ))),
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="import-title">
            <h2 id="import-title">"Importer"</h2>
            <p>
                "Un fichier exporté par Carnet des défis, sur cet appareil ou un autre. Vous verrez ce qu’il contient avant que rien ne change."
            </p>
            <p>
                <label class="file-button button-quiet">
                    "Choisir un fichier de carnet…"
                    <input
                        type="file"
                        class="visually-hidden"
                        accept=".json,application/json"
                        on:change=on_change
                    />
                </label>
            </p>
            <p class="panel-status" role="alert">
                {move || message.get()}
            </p>
        </section>
    }
}

/// What a file or a transfer link would bring, and the choice: merge (the
/// default) or replace. Nothing changes before « Importer ».
#[component]
pub fn ImportPreview() -> impl IntoView {
    let app = use_app();
    let replace = RwSignal::new(false);
    let done = RwSignal::new(None::<String>);
    let apply = move |_| {
        let Some(incoming) = app.notebook.incoming().get_untracked() else {
            return;
        };
        let replacing = replace.get_untracked();
        let message = if replacing {
            // The carnet replaced is kept: on this device, or else as a file.
            let kept = if app.notebook.back_up().is_some() {
                "Une copie de l’ancien est gardée sur cet appareil."
            } else {
                let old = app
                    .notebook
                    .carnet()
                    .with_untracked(|c| carnet::export_json(c, now()));
                let name = format!("carnet-avant-import-{}.json", super::download::file_date());
                match super::download::download(&name, "application/json", &old) {
                    Ok(()) => "L’ancien est téléchargé, car cet appareil ne peut pas le garder.",
                    Err(_) => "L’ancien n’a pas pu être gardé.",
                }
            };
            app.notebook
                .change_carnet(|c, now| *c = c.replaced_by(&incoming.carnet, now));
            format!("Carnet remplacé. {kept}")
        } else {
            let mut both = 0;
            app.notebook
                .change_carnet(|c, now| both = c.merge_import(&incoming.carnet, now));
            match both {
                0 => "Carnet fusionné avec le vôtre.".to_owned(),
                1 => "Carnet fusionné avec le vôtre. La note écrite des deux côtés garde les deux textes.".to_owned(),
                n => format!("Carnet fusionné avec le vôtre. Les {n} notes écrites des deux côtés gardent les deux textes."),
            }
        };
        app.notebook.let_go();
        replace.set(false);
        done.set(Some(message));
        super::history::after_render(|| super::focus("import-done"));
    };
    view! {
        {move || {
            done.get()
                .map(|text| {
                    view! {
                        <p id="import-done" class="notice notice-ok" tabindex="-1" role="status">
                            {text}
                        </p>
                    }
                })
        }}
        {move || {
            app.notebook.incoming()
                .get()
                .map(|incoming| {
                    let preview = app.notebook.carnet().with(|c| c.preview(&incoming.carnet));
                    let (holds, differs) = preview.describe(&incoming.from, incoming.skipped);
                    view! {
                        <section class="panel import-preview" aria-labelledby="import-preview-title">
                            <h2 id="import-preview-title" tabindex="-1">
                                "Importer un carnet ?"
                            </h2>
                            <p>{holds}</p>
                            <p>{differs}</p>
                            <fieldset class="facet">
                                <legend class="facet-legend">"Comment l’importer"</legend>
                                <label class="option">
                                    <input
                                        type="radio"
                                        name="import-mode"
                                        prop:checked=move || !replace.get()
                                        on:change=move |_| replace.set(false)
                                    />
                                    <span class="option-label">
                                        "Fusionner avec mon carnet (recommandé : rien n’est perdu)"
                                    </span>
                                </label>
                                <label class="option">
                                    <input
                                        type="radio"
                                        name="import-mode"
                                        prop:checked=move || replace.get()
                                        on:change=move |_| replace.set(true)
                                    />
                                    <span class="option-label">
                                        "Remplacer mon carnet (une copie de l’actuel est gardée)"
                                    </span>
                                </label>
                            </fieldset>
                            <p class="panel-actions">
                                <button type="button" class="button-primary" on:click=apply>
                                    "Importer"
                                </button>
                                <button
                                    type="button"
                                    class="button-quiet"
                                    on:click=move |_| {
                                        app.notebook.let_go();
                                        replace.set(false);
                                        // The preview, and the focus on it, are gone.
                                        super::history::keep_focus();
                                    }
                                >
                                    "Annuler"
                                </button>
                            </p>
                        </section>
                    }
                })
        }}
    }
}
