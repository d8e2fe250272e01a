use super::state::use_app;
use crate::carnet::MAX_NOTE_CHARS;
use crate::dataset::Challenge;
use leptos::ev;
use leptos::prelude::*;

/// Where the note is, for the line under the editor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Saving {
    /// As it was stored.
    Unchanged,
    /// Typed, to be saved in a moment.
    Typing,
    /// Saved.
    Saved,
}

/// « Ma note »: the participant's note on a défi, saved as they type (after a
/// short pause), when the field loses focus, and when the page is hidden or
/// left. If it cannot be written, the text stays here and it is retried.
#[component]
pub fn NoteEditor(challenge: &'static Challenge) -> impl IntoView {
    let app = use_app();
    let id = challenge.id;
    // The text as stored, blank lines too (`Carnet::note` counts a blank
    // note as none): what the reader typed is what the field shows.
    let stored = move |c: &crate::carnet::Carnet| {
        c.notes.get(id).map(|n| n.text.clone()).unwrap_or_default()
    };
    let text = RwSignal::new(app.notebook.carnet().with_untracked(stored));
    let saving = RwSignal::new(Saving::Unchanged);
    let timer = StoredValue::new(None::<TimeoutHandle>);

    // What screen readers hear: not every pause in the typing, only when
    // the reader leaves the note (if anything was saved since they last
    // heard it: the pause may have saved it already), and any failure.
    let announce = RwSignal::new(String::new());
    let unannounced = StoredValue::new(false);
    let failed = StoredValue::new(false);
    let save = move |leaving: bool| {
        if let Some(handle) = timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        if saving.try_get_untracked() == Some(Saving::Typing) {
            let written = app.notebook.write_note(id, &text.get_untracked());
            saving.set(Saving::Saved);
            if !written {
                announce.set("Note non enregistrée : nouvel essai dans un instant.".into());
            }
            failed.set_value(!written);
            unannounced.set_value(written);
        }
        if leaving && unannounced.try_get_value() == Some(true) {
            unannounced.set_value(false);
            announce.set(if app.notebook.storage_works() {
                "Note enregistrée.".into()
            } else {
                "Note gardée le temps de cette page.".into()
            });
        }
    };
    // A write that failed, then succeeded when the notebook tried again:
    // the failure was heard, so is the end of it.
    Effect::new(move |was_unsaved: Option<bool>| {
        let unsaved = app.notebook.unsaved().get();
        if was_unsaved == Some(true) && !unsaved && failed.get_value() {
            failed.set_value(false);
            announce.set("Note enregistrée.".into());
        }
        unsaved
    });
    let commit = move || save(true);
    let on_input = move |ev: ev::Event| {
        text.set(event_target_value(&ev));
        saving.set(Saving::Typing);
        // Emptied, so that the next « Note enregistrée. » is news again.
        if !announce.with_untracked(String::is_empty) {
            announce.set(String::new());
        }
        if let Some(handle) = timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
        timer.set_value(
            set_timeout_with_handle(move || save(false), crate::timing::NOTE_PAUSE).ok(),
        );
    };

    // Hidden (another app, the phone locked) or left: save now.
    let hidden = window_event_listener_untyped("visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            commit();
        }
    });
    let left = window_event_listener(ev::pagehide, move |_| commit());
    on_cleanup(move || {
        commit();
        hidden.remove();
        left.remove();
    });

    // A change made in another tab shows here, unless one is typing: in
    // the field too, so that typing on goes on from that text, not from
    // the older one (whose newer time would win, and the other tab's words
    // be lost; a browser may give the focus back to the field as the tab
    // comes back). Set only when it differs, which leaves the caret alone.
    Effect::new(move |_| {
        let stored = app.notebook.carnet().with(stored);
        if saving.get_untracked() != Saving::Typing && text.with_untracked(|t| *t != stored) {
            text.set(stored);
        }
    });

    let kept = app.notebook.storage_works();
    let status = move || match (saving.get(), app.notebook.unsaved().get()) {
        (Saving::Typing, _) => "Modification en cours…",
        (Saving::Saved, true) => {
            "Non enregistrée : nouvel essai dans un instant. Votre texte reste ici."
        }
        (Saving::Saved, false) if kept => "Enregistrée sur cet appareil.",
        (Saving::Saved, false) => "Gardée le temps de cette page : elle n’est pas enregistrée.",
        (Saving::Unchanged, _) => "",
    };
    view! {
        <section class="note" aria-labelledby="note-title">
            <h2 id="note-title">"Ma note"</h2>
            <p class="note-help" id="note-help">
                "Visible de vous seul, gardée sur cet appareil, enregistrée au fil de la frappe."
            </p>
            <textarea
                id="note"
                class="note-input"
                rows="6"
                maxlength=MAX_NOTE_CHARS.to_string()
                aria-labelledby="note-title"
                aria-describedby="note-help"
                prop:value=move || text.get()
                on:input=on_input
                on:blur=move |_| commit()
            ></textarea>
            <p
                class="save-state"
                class:is-warning=move || {
                    saving.get() == Saving::Saved && (app.notebook.unsaved().get() || !kept)
                }
            >
                {status}
            </p>
            <p class="visually-hidden" role="status">
                {move || announce.get()}
            </p>
        </section>
    }
}
