use super::download::{download, file_date, format_date, today};
use super::favourite_button::FavouriteButton;
use super::import_panel::{ImportPanel, ImportPreview};
use super::notebook::now;
use super::state::use_app;
use super::transfer_panel::TransferPanel;
use super::view_link::ViewLink;
use crate::carnet::{self, Carnet};
use crate::dataset::Challenge;
use crate::french::count;
use crate::view::Page;
use leptos::prelude::*;

/// Mon carnet: the favourites and notes together, in the order of the
/// programme, and the ways to take them out (export, print) and to another
/// device (file, link, QR code).
#[component]
pub fn CarnetPage() -> impl IntoView {
    let app = use_app();
    let challenges = Memo::new(move |_| app.notebook.carnet().with(Carnet::challenges));
    let orphans = Memo::new(move |_| {
        app.notebook.carnet().with(|c| {
            c.orphans()
                .into_iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
    });
    let summary = move || {
        app.notebook.carnet().with(|c| {
            let (f, n) = (c.favourite_count(), c.note_count());
            let favourites = match f {
                0 => "Aucun favori".to_owned(),
                f => count(f, "favori", "favoris"),
            };
            let notes = match n {
                0 => "aucune note".to_owned(),
                n => count(n, "note", "notes"),
            };
            format!("{favourites}, {notes}")
        })
    };
    view! {
        <article class="carnet">
            <h1 id="page-title" class="page-title" tabindex="-1">
                "Mon carnet"
            </h1>
            <p class="carnet-summary">{summary}</p>
            {move || app.notebook.notice().get().map(|text| view! { <p class="notice" role="alert">{text}</p> })}
            <ImportPreview />
            <Show
                when=move || !app.notebook.carnet().with(Carnet::is_empty)
                fallback=|| {
                    view! {
                        <p class="empty">
                            "Votre carnet est vide. Touchez ☆ sur un défi pour le garder ici, et écrivez vos idées dans « Ma note », sur la page du défi."
                        </p>
                    }
                }
            >
                <ol class="carnet-entries">
                    <For
                        each=move || challenges.get()
                        key=|c| c.id
                        children=|c| view! { <CarnetEntry challenge=c /> }
                    />
                </ol>
            </Show>
            <Show when=move || !orphans.with(Vec::is_empty)>
                <section class="orphans" aria-labelledby="orphans-title">
                    <h2 id="orphans-title">"Défis qui ne sont plus dans la liste"</h2>
                    <p>
                        "Ces favoris et ces notes portent sur des défis que cette version du carnet ne contient plus. Ils sont gardés tant que vous ne les supprimez pas."
                    </p>
                    <ul>
                        <For
                            each=move || orphans.get()
                            key=|id| id.clone()
                            children=move |id| view! { <OrphanEntry id=id /> }
                        />
                    </ul>
                </section>
            </Show>
            <ExportPanel />
            <ImportPanel />
            <TransferPanel />
            <KeptCopies />
        </article>
    }
}

/// A défi of the carnet: its title (a link to it), porteur, star and note.
#[component]
fn CarnetEntry(challenge: &'static Challenge) -> impl IntoView {
    let app = use_app();
    let to = Signal::derive(move || {
        app.view
            .with(|v| v.with_page(Page::Challenge(challenge.id.to_owned())))
    });
    let note = move || {
        app.notebook
            .carnet()
            .with(|c| c.note(challenge.id).map(str::to_owned))
    };
    view! {
        <li class="card carnet-entry">
            <p class="card-meta">
                {challenge.number_label().map(|n| view! { <span class="card-number">{n}</span> })}
                <span class="card-site">{challenge.site.name}</span>
            </p>
            <h2 class="card-title">
                <ViewLink to=to class="card-link">
                    {challenge.title}
                </ViewLink>
            </h2>
            <p class="card-porteur">
                {challenge.porteur.map_or("Porteur non précisé", |p| p.name)}
            </p>
            <FavouriteButton challenge=challenge />
            {move || {
                note()
                    .map(|text| {
                        view! {
                            <div class="note-text">
                                <p class="note-label">"Ma note"</p>
                                <p class="note-body">{text}</p>
                            </div>
                        }
                    })
            }}
        </li>
    }
}

/// A favourite or note whose défi is gone: shown, and removed only on demand.
#[component]
fn OrphanEntry(id: String) -> impl IntoView {
    let app = use_app();
    let shown = id.clone();
    let (favourite, note) = app
        .notebook
        .carnet()
        .with_untracked(|c| (c.is_favourite(&id), c.note(&id).map(str::to_owned)));
    let remove = move |_| {
        let id = id.clone();
        app.notebook.change_carnet(move |c, now| {
            c.set_favourite(&id, false, now);
            c.set_note(&id, "", now);
        });
        super::history::keep_focus();
    };
    view! {
        <li class="orphan">
            <p>
                <strong>{shown.clone()}</strong>
                {favourite.then_some(" (favori)")}
            </p>
            {note.map(|text| view! { <p class="note-body">{text}</p> })}
            <button
                type="button"
                class="button-quiet"
                aria-label=format!("Supprimer le défi disparu {shown}")
                on:click=remove
            >
                "Supprimer"
            </button>
        </li>
    }
}

/// Out of the browser: a JSON file (to import elsewhere), a readable
/// Markdown « mon carnet », or a printout.
#[component]
fn ExportPanel() -> impl IntoView {
    let app = use_app();
    let message = RwSignal::new(None::<String>);
    let last_export = move || {
        app.notebook.carnet().with(|c| match c.exported_at {
            Some(at) => format!("Dernier export : le {}.", format_date(at as f64, true)),
            None => "Jamais exporté.".to_owned(),
        })
    };
    // Only the JSON file can be imported back: the text and the printout
    // are for reading, so they do not count as a copy of the carnet.
    let save =
        move |name: String, mime: &'static str, text: String, restorable: bool| match download(
            &name, mime, &text,
        ) {
            Ok(()) => {
                if restorable {
                    app.notebook
                        .change_carnet(|c, now| c.exported_at = Some(now));
                }
                message.set(Some(format!("« {name} » est téléchargé.")));
            }
            Err(error) => message.set(Some(error)),
        };
    let json = move |_| {
        let text = app
            .notebook
            .carnet()
            .with_untracked(|c| carnet::export_json(c, now()));
        save(
            format!("carnet-des-defis-{}.json", file_date()),
            "application/json",
            text,
            true,
        );
    };
    let markdown = move |_| {
        let text = app
            .notebook
            .carnet()
            .with_untracked(|c| carnet::export_markdown(c, &today()));
        save(
            format!("mon-carnet-{}.md", file_date()),
            "text/markdown;charset=utf-8",
            text,
            false,
        );
    };
    view! {
        <section class="panel" aria-labelledby="export-title">
            <h2 id="export-title">"Exporter"</h2>
            <p>
                {last_export}
                <Show when=move || app.notebook.carnet().with(Carnet::needs_export)>
                    <strong class="nudge">
                        " Des changements ne sont pas encore exportés : gardez-en une copie hors de ce navigateur."
                    </strong>
                </Show>
            </p>
            <p class="panel-actions">
                <button type="button" class="button-primary" on:click=json>
                    "Télécharger le carnet (fichier à importer)"
                </button>
                <button type="button" class="button-quiet" on:click=markdown>
                    "Télécharger « mon carnet » (texte)"
                </button>
                <button
                    type="button"
                    class="button-quiet"
                    on:click=|_| {
                        let _ = window().print();
                    }
                >
                    "Imprimer"
                </button>
            </p>
            <p class="panel-status" role="status">
                {move || message.get()}
            </p>
            <StorageState />
        </section>
    }
}

/// Whether the browser keeps this carnet, and the button that asks it to.
#[component]
fn StorageState() -> impl IntoView {
    let app = use_app();
    let line =
        move || crate::keep::state_line(app.notebook.keeping().get(), app.notebook.storage_works());
    view! {
        <p class="storage-state">{move || line().0}</p>
        // Hidden rather than left out: a <Show> here cost 2 KB of wasm.
        <p hidden=move || !line().1>
            <button
                type="button"
                class="button-quiet"
                on:click=move |_| app.notebook.ask_to_keep(crate::keep::Moment::Button)
            >
                "Demander au navigateur de garder ce carnet"
            </button>
        </p>
    }
}

/// The copies kept on this device: text that could not be read, carnets
/// replaced by an import. Each can be downloaded, then deleted (in two
/// steps: nothing here is deleted by one tap).
#[component]
fn KeptCopies() -> impl IntoView {
    let app = use_app();
    let copies = app.notebook.kept();
    let confirming = RwSignal::new(None::<String>);
    view! {
        <Show when=move || !copies.with(Vec::is_empty)>
            <section class="panel" aria-labelledby="kept-title">
                <h2 id="kept-title">"Copies gardées sur cet appareil"</h2>
                <p>
                    "Un carnet enregistré qui n’a pas pu être lu, ou remplacé par un import, est gardé ici tel quel."
                </p>
                <ul class="kept">
                    <For
                        each=move || copies.get()
                        key=|copy| copy.key.clone()
                        children=move |copy| {
                            let what = if copy.before_import {
                                "Carnet remplacé par un import"
                            } else {
                                "Texte illisible"
                            };
                            let label = format!("{what}, le {}", format_date(copy.at as f64, true));
                            let name = format!(
                                "{}-{}.txt",
                                if copy.before_import { "carnet-avant-import" } else { "carnet-illisible" },
                                copy.at,
                            );
                            let text = copy.text.clone();
                            let key = copy.key.clone();
                            let asking = {
                                let key = key.clone();
                                move || confirming.with(|k| k.as_deref() == Some(key.as_str()))
                            };
                            let delete = {
                                let key = key.clone();
                                let asking = asking.clone();
                                move |_| {
                                    if asking() {
                                        confirming.set(None);
                                        app.notebook.discard(&key);
                                        super::history::after_render(|| super::focus("kept-title"));
                                    } else {
                                        confirming.set(Some(key.clone()));
                                    }
                                }
                            };
                            view! {
                                <li class="kept-copy">
                                    <p>{label.clone()}</p>
                                    <p class="panel-actions">
                                        <button
                                            type="button"
                                            class="button-quiet"
                                            on:click=move |_| {
                                                let _ = download(&name, "text/plain;charset=utf-8", &text);
                                            }
                                        >
                                            "Télécharger"
                                        </button>
                                        <button
                                            type="button"
                                            class="button-quiet"
                                            aria-label=format!("Supprimer : {label}")
                                            on:click=delete
                                        >
                                            {move || if asking() { "Confirmer la suppression" } else { "Supprimer" }}
                                        </button>
                                    </p>
                                </li>
                            }
                        }
                    />
                </ul>
            </section>
        </Show>
    }
}
