use super::share_button::{LinkField, can_share, copy_text, share_sheet};
use super::state::use_app;
use crate::carnet::{Carnet, transfer_fragment};
use leptos::prelude::*;
use leptos::task::spawn_local;
use qrcodegen::{QrCode, QrCodeEcc};

/// The SVG path of a QR code's dark modules, with a quiet zone of 4.
fn qr_path(code: &QrCode) -> (i32, String) {
    let size = code.size();
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    (size + 8, path)
}

/// The link that opens this carnet on another device.
fn transfer_link(carnet: &Carnet) -> String {
    let location = window().location();
    format!(
        "{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        transfer_fragment(carnet)
    )
}

/// To another device, without an account: a link that carries the carnet in
/// its fragment (which browsers never send to a server), as a QR code to
/// scan, to copy, or to share.
#[component]
pub fn TransferPanel() -> impl IntoView {
    let app = use_app();
    let shown = RwSignal::new(false);
    let status = RwSignal::new(None::<&'static str>);
    let link = Memo::new(move |_| {
        if shown.get() {
            app.notebook.carnet().with(transfer_link)
        } else {
            String::new()
        }
    });
    let qr = move || {
        let link = link.get();
        if link.is_empty() {
            return None;
        }
        Some(match QrCode::encode_text(&link, QrCodeEcc::Low) {
            Ok(code) => {
                let (size, path) = qr_path(&code);
                view! {
                    <svg
                        class="qr"
                        viewBox=format!("0 0 {size} {size}")
                        role="img"
                        aria-label="Code QR du lien de transfert"
                        shape-rendering="crispEdges"
                    >
                        <rect width="100%" height="100%" fill="#fff"></rect>
                        <path d=path fill="#000"></path>
                    </svg>
                }
                .into_any()
            }
            Err(_) => view! {
                <p class="notice">
                    "Ce carnet est trop long pour un code QR : envoyez le lien, ou passez par un fichier."
                </p>
            }
            .into_any(),
        })
    };
    let copy = move |_| {
        let text = link.get_untracked();
        spawn_local(async move {
            status.set(Some(if copy_text(&text).await {
                "Lien copié."
            } else {
                "La copie n’a pas marché : sélectionnez le lien pour le copier."
            }));
        });
    };
    let can_share = can_share();
    let share = move |_| {
        let text = link.get_untracked();
        spawn_local(async move {
            let _ = share_sheet(&text, "Mon carnet des défis").await;
        });
    };
    view! {
        <section class="panel" aria-labelledby="transfer-title">
            <h2 id="transfer-title">"Vers un autre appareil"</h2>
            <p>
                "Sans compte : un lien qui porte vos favoris et vos notes. Il reste entre vos appareils (la partie après « # » n’est jamais envoyée au serveur). À l’ouverture, l’autre appareil montre ce qu’il va importer."
            </p>
            <Show
                when=move || shown.get()
                fallback=move || {
                    view! {
                        <p>
                            <button
                                type="button"
                                class="button-quiet"
                                disabled=move || app.notebook.carnet().with(Carnet::is_empty)
                                on:click=move |_| shown.set(true)
                            >
                                "Créer le lien et le code QR"
                            </button>
                            <Show when=move || app.notebook.carnet().with(Carnet::is_empty)>
                                <span class="hint">" Votre carnet est vide : rien à transférer pour l’instant."</span>
                            </Show>
                        </p>
                    }
                }
            >
                {qr}
                <LinkField class="transfer-link" label="Lien de transfert" link=link />
                <p class="panel-actions">
                    <button type="button" class="button-quiet" on:click=copy>
                        "Copier le lien"
                    </button>
                    {can_share
                        .then(|| {
                            view! {
                                <button type="button" class="button-quiet" on:click=share>
                                    "Partager…"
                                </button>
                            }
                        })}
                </p>
                <p class="panel-status" role="status">
                    {move || status.get()}
                </p>
            </Show>
        </section>
    }
}
