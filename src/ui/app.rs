use super::about_page::AboutPage;
use super::carnet_page::CarnetPage;
use super::challenge_list::ChallengeList;
use super::challenge_page::ChallengePage;
use super::history;
use super::notebook::Incoming;
use super::service_worker::{self, UpdateState};
use super::state::{AppState, use_app};
use super::storage_notice::StorageNotice;
use super::top_bar::TopBar;
use super::update_notice::{OfflineBadge, UpdateNotice};
use crate::dataset;
use crate::view::{Page, View};
use leptos::ev;
use leptos::prelude::*;

/// The title of the browser tab (and of a shared link) for a page.
fn document_title(page: &Page) -> String {
    const APP: &str = "Carnet des défis";
    match page {
        Page::List => APP.to_owned(),
        Page::About => format!("À propos · {APP}"),
        Page::Carnet => format!("Mon carnet · {APP}"),
        Page::Challenge(id) => match dataset::challenge(id) {
            Some(c) => match c.number_label() {
                Some(number) => format!("{number} : {} · {APP}", c.title),
                None => format!("{} · {APP}", c.title),
            },
            None => format!("Défi introuvable · {APP}"),
        },
    }
}

/// A transfer link (`#transfert=…`) opens the carnet with the preview of what
/// it brings; nothing changes before the participant says so. The fragment
/// is taken off the address bar, so it is not shared further by mistake;
/// the tab keeps it until the preview is done with (a reload on Mon carnet
/// shows it again, see [`reopen_pending_transfer`]).
fn open_transfer_link(app: super::state::AppState) {
    let hash = window().location().hash().unwrap_or_default();
    let Some(read) = crate::carnet::read_transfer(&hash) else {
        return;
    };
    app.nav.replace(View::default().with_page(Page::Carnet));
    preview_transfer(app, &hash, read);
}

/// Mon carnet opened again (a reload, a tab the phone had dropped) while the
/// preview of a transfer link was on screen: it shows again.
fn reopen_pending_transfer(app: super::state::AppState) {
    let on_carnet = app.view.with_untracked(|v| v.page == Page::Carnet);
    let Some(fragment) = crate::storage::pending_transfer().filter(|_| on_carnet) else {
        return;
    };
    match crate::carnet::read_transfer(&fragment) {
        Some(read) => preview_transfer(app, &fragment, read),
        None => crate::storage::forget_pending_transfer(),
    }
}

/// Shows what a transfer link brings (and keeps it for the tab), or why it
/// could not be read.
fn preview_transfer(
    app: super::state::AppState,
    fragment: &str,
    read: Result<crate::carnet::Decoded, crate::carnet::DecodeError>,
) {
    match read {
        Ok(decoded) => {
            crate::storage::keep_pending_transfer(fragment);
            app.notebook.bring(Incoming {
                carnet: decoded.carnet.clamped(super::notebook::now()),
                from: "Le lien de transfert".to_owned(),
                skipped: decoded.skipped,
            });
            history::after_render(|| super::reveal("import-preview-title"));
        }
        Err(error) => {
            crate::storage::forget_pending_transfer();
            app.notebook.tell(format!(
                "Le lien de transfert n’a pas pu être lu : {}. Rien n’a changé.",
                error.message()
            ));
        }
    }
}

/// The whole app: the top bar and the page the URL names.
#[component]
pub fn App(
    /// What the reader typed in the pre-rendered search box, if anything.
    typed: String,
) -> impl IntoView {
    let mut initial = View::from_query(&history::current_query());
    if !typed.is_empty() && initial.page == Page::List && initial.search.is_empty() {
        initial.search = typed;
    }
    let app = AppState::new(initial);
    provide_context(app);

    // A change in another tab comes in here.
    let _ = window_event_listener(ev::storage, move |event| {
        if event.key().is_none_or(|key| key == crate::storage::KEY) {
            app.notebook.merge_from_other_tab();
        }
    });
    open_transfer_link(app);
    if app.notebook.incoming().with_untracked(Option::is_none) {
        reopen_pending_transfer(app);
    }
    // A transfer link opened in a tab that already shows the app.
    let _ = window_event_listener_untyped("hashchange", move |_| open_transfer_link(app));
    let updates = RwSignal::new(UpdateState::default());
    service_worker::register(updates);
    view! { <Screen updates=updates /> }
}

/// What the app shows, from the shared state alone: the same components
/// render it in the browser and, at build time, into `index.html`
/// (`super::first_view`).
#[component]
pub fn Screen(
    /// Where the app is with its versions (the « nouvelle version » notice).
    updates: RwSignal<UpdateState>,
) -> impl IntoView {
    let app = use_app();
    let page = Memo::new(move |_| app.view.with(|v| v.page.clone()));
    Effect::new(move |_| document().set_title(&document_title(&page.get())));
    let skip_to_content = |ev: ev::MouseEvent| {
        ev.prevent_default();
        history::focus_page_title();
    };
    // The filter sheet covers the whole screen of a phone: what it hides
    // cannot take the focus (the list beneath it is inert too).
    let behind_sheet = move || app.nav.sheet_open() && page.with(|p| *p == Page::List);
    view! {
        <a class="skip-link" href="#contenu" on:click=skip_to_content inert=behind_sheet>
            "Aller au contenu"
        </a>
        <TopBar attr:inert=behind_sheet />
        <OfflineBadge />
        <UpdateNotice state=updates attr:inert=behind_sheet />
        <StorageNotice attr:inert=behind_sheet />
        <main id="contenu" class="main">
            {move || match page.get() {
                Page::List => view! { <ChallengeList /> }.into_any(),
                Page::Challenge(id) => view! { <ChallengePage id=id /> }.into_any(),
                Page::Carnet => view! { <CarnetPage /> }.into_any(),
                Page::About => view! { <AboutPage /> }.into_any(),
            }}
        </main>
        <footer class="footer" inert=behind_sheet>
            <p>{dataset::EVENT.credits}</p>
        </footer>
    }
}
