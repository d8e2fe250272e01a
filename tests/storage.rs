//! The storage module against the real localStorage of headless Chromium
//! (`cargo test --target wasm32-unknown-unknown`, see .ci/test): reading back,
//! unreadable data kept aside, future data left whole, two tabs, a full
//! quota, storage that throws, is missing or refuses a write: each
//! `StorageError` the browser can be made to give; the transfer link kept
//! for the tab while its preview is on screen.
#![cfg(target_arch = "wasm32")]

use carnet_des_defis::carnet::{self, Carnet, DecodeError};
use carnet_des_defis::storage::{
    self, ASIDE_PREFIX, KEY, Problem, StorageError, Store, Unreadable,
};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// The keys kept aside, with their text.
fn kept_aside() -> Vec<(String, String)> {
    let storage = local();
    (0..storage.length().unwrap())
        .filter_map(|i| storage.key(i).unwrap())
        .filter(|k| k.starts_with(ASIDE_PREFIX))
        .map(|k| {
            let v = storage.get_item(&k).unwrap().unwrap();
            (k, v)
        })
        .collect()
}

/// Makes `localStorage.setItem` throw a `DOMException` of this name for the
/// keys that start with `prefix`, until [`accept_writes`].
fn refuse_writes(name: &str, prefix: &str) {
    js_sys::Function::new_no_args(&format!(
        "const s = Storage.prototype; s.__setItem = s.__setItem || s.setItem; \
         s.setItem = function (k, v) {{ if (k.startsWith({prefix:?})) throw new DOMException('Refusé', {name:?}); \
         return s.__setItem.call(this, k, v); }};"
    ))
    .call0(&JsValue::NULL)
    .unwrap();
}

fn accept_writes() {
    js_sys::Function::new_no_args(
        "const s = Storage.prototype; if (s.__setItem) { s.setItem = s.__setItem; delete s.__setItem; }",
    )
    .call0(&JsValue::NULL)
    .unwrap();
}

/// Replaces `window.localStorage` by a getter running `body`, calls `test`,
/// and puts it back.
fn with_local_storage_getter(body: &str, test: impl FnOnce()) {
    let window: JsValue = web_sys::window().unwrap().into();
    let target: &js_sys::Object = window.unchecked_ref();
    let original =
        js_sys::Reflect::get_own_property_descriptor(target, &"localStorage".into()).unwrap();
    let descriptor = js_sys::Object::new();
    let getter = js_sys::Function::new_no_args(body);
    js_sys::Reflect::set(&descriptor, &"get".into(), &getter).unwrap();
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
    js_sys::Reflect::define_property(target, &"localStorage".into(), &descriptor).unwrap();
    test();
    if original.is_undefined() {
        js_sys::Reflect::delete_property(target, &"localStorage".into()).unwrap();
    } else {
        js_sys::Reflect::define_property(target, &"localStorage".into(), original.unchecked_ref())
            .unwrap();
    }
}

fn carnet_with(id: &str, note: &str) -> Carnet {
    let mut carnet = Carnet::default();
    carnet.set_favourite(id, true, 1_000);
    carnet.set_note(id, note, 1_001);
    carnet
}

#[wasm_bindgen_test]
fn a_saved_carnet_is_read_back() {
    local().clear().unwrap();
    let opened = Store::open();
    assert!(opened.problems.is_empty());
    assert!(opened.carnet.is_empty());
    let mut store = opened.store;
    let carnet = carnet_with("rennes-04", "Une idée");
    let saved = store.save(&carnet);
    assert_eq!(saved.written, Ok(()));
    let stored = local().get_item(KEY).unwrap().unwrap();
    assert_eq!(stored, carnet::encode(&carnet));
    let reopened = Store::open();
    assert_eq!(reopened.carnet, carnet);
}

#[wasm_bindgen_test]
fn unreadable_text_is_kept_aside_untouched() {
    local().clear().unwrap();
    let corrupt = r#"{"schema":"carnet-des-defis","version":2,"favourites":{"rennes-01":{"on":tr"#;
    local().set_item(KEY, corrupt).unwrap();
    let opened = Store::open();
    assert!(opened.carnet.is_empty());
    match &opened.problems[..] {
        [
            Problem::Unreadable {
                raw,
                aside: Some(key),
                ..
            },
        ] => {
            assert_eq!(raw, corrupt);
            assert_eq!(local().get_item(key).unwrap().as_deref(), Some(corrupt));
        }
        other => panic!("{other:?}"),
    }
    // A write now replaces it under the main key, the copy stays.
    let mut store = opened.store;
    assert_eq!(store.save(&carnet_with("rennes-01", "x")).written, Ok(()));
    let aside = kept_aside();
    assert_eq!(aside.len(), 1);
    assert_eq!(aside[0].1, corrupt);
}

#[wasm_bindgen_test]
fn a_future_version_stays_where_it_is_and_is_never_written_over() {
    local().clear().unwrap();
    let future = r#"{"schema":"carnet-des-defis","version":9,"everything":"new"}"#;
    local().set_item(KEY, future).unwrap();
    let mut opened = Store::open();
    assert!(opened.carnet.is_empty());
    assert!(matches!(
        &opened.problems[..],
        [Problem::Unreadable {
            why: Unreadable::Carnet(DecodeError::FutureVersion(9)),
            aside: None,
            ..
        }]
    ));
    let notice = opened.problems[0].notice();
    assert!(notice.headline.contains("plus récente"));
    assert!(notice.text.contains("le temps de cette page"));
    // This page's changes stay in memory: the newer carnet is left whole,
    // for the version that reads it, and nothing is copied aside.
    assert!(!opened.store.is_persistent());
    let saved = opened.store.save(&carnet_with("rennes-01", "x"));
    assert_eq!(saved.written, Ok(()));
    assert_eq!(local().get_item(KEY).unwrap().as_deref(), Some(future));
    assert!(kept_aside().is_empty());
    // A reload finds it, and says so again.
    assert!(matches!(
        &Store::open().problems[..],
        [Problem::Unreadable { aside: None, .. }]
    ));
}

#[wasm_bindgen_test]
fn a_newer_version_writing_while_this_page_is_open_is_never_written_over() {
    let future = r#"{"schema":"carnet-des-defis","version":9,"everything":"new"}"#;
    let newer = |problem: &Option<Problem>| {
        matches!(
            problem,
            Some(Problem::Unreadable {
                aside: None,
                why: Unreadable::Carnet(DecodeError::FutureVersion(9)),
                ..
            })
        )
    };
    // Heard through the other tab's `storage` event.
    local().clear().unwrap();
    let mut store = Store::open().store;
    assert_eq!(store.save(&carnet_with("rennes-01", "x")).written, Ok(()));
    local().set_item(KEY, future).unwrap();
    let (carnet, problem) = store.reread();
    assert!(carnet.is_none());
    assert!(newer(&problem));
    assert!(!store.is_persistent());
    assert_eq!(store.save(&carnet_with("rennes-02", "y")).written, Ok(()));
    assert_eq!(local().get_item(KEY).unwrap().as_deref(), Some(future));
    // Found by a write, before any event.
    local().clear().unwrap();
    let mut store = Store::open().store;
    local().set_item(KEY, future).unwrap();
    let saved = store.save(&carnet_with("rennes-03", "z"));
    assert!(newer(&saved.found));
    assert_eq!(local().get_item(KEY).unwrap().as_deref(), Some(future));
    assert!(kept_aside().is_empty());
}

#[wasm_bindgen_test]
fn a_transfer_link_being_previewed_is_kept_for_the_tab_only_until_done_with() {
    storage::forget_pending_transfer();
    assert_eq!(storage::pending_transfer(), None);
    storage::keep_pending_transfer("#transfert=abc");
    assert_eq!(
        storage::pending_transfer().as_deref(),
        Some("#transfert=abc")
    );
    // In the tab's own storage, never beside the carnet.
    assert!((0..local().length().unwrap()).all(|i| {
        !local()
            .key(i)
            .unwrap()
            .unwrap_or_default()
            .contains("transfert")
    }));
    storage::forget_pending_transfer();
    assert_eq!(storage::pending_transfer(), None);
}

#[wasm_bindgen_test]
fn a_partly_readable_carnet_keeps_what_it_can() {
    local().clear().unwrap();
    let partly = r#"{"schema":"carnet-des-defis","version":2,"favourites":{"rennes-01":{"on":true,"at":5},"rennes-02":"oui"}}"#;
    local().set_item(KEY, partly).unwrap();
    let opened = Store::open();
    assert!(opened.carnet.is_favourite("rennes-01"));
    assert!(matches!(
        &opened.problems[..],
        [Problem::Unreadable {
            aside: Some(_),
            why: Unreadable::Entries(1),
            ..
        }]
    ));
    assert_eq!(kept_aside()[0].1, partly);
}

#[wasm_bindgen_test]
fn an_older_format_is_migrated_once_and_kept_aside_once() {
    local().clear().unwrap();
    let v1 = r#"{"schema":"carnet-des-defis","version":1,"favourites":["rennes-01"],"notes":{}}"#;
    local().set_item(KEY, v1).unwrap();
    let mut store = Store::open().store;
    for _ in 0..3 {
        let saved = store.save(&carnet_with("rennes-02", "x"));
        assert_eq!(saved.written, Ok(()));
        assert!(saved.carnet.is_favourite("rennes-01"));
    }
    assert_eq!(kept_aside(), [(kept_aside()[0].0.clone(), v1.to_owned())]);
    assert!(
        local()
            .get_item(KEY)
            .unwrap()
            .unwrap()
            .contains(r#""version":2"#)
    );
}

#[wasm_bindgen_test]
fn a_write_merges_what_another_tab_stored() {
    local().clear().unwrap();
    let mut tab_a = Store::open().store;
    let mut tab_b = Store::open().store;
    let a = carnet_with("rennes-01", "Note de l’onglet A");
    assert_eq!(tab_a.save(&a).written, Ok(()));
    // Tab B has not seen A's change; its write must not erase it.
    let b = carnet_with("rennes-02", "Note de l’onglet B");
    let saved = tab_b.save(&b);
    assert_eq!(saved.written, Ok(()));
    assert_eq!(saved.carnet.note("rennes-01"), Some("Note de l’onglet A"));
    assert_eq!(saved.carnet.note("rennes-02"), Some("Note de l’onglet B"));
    let (reread, problem) = tab_a.reread();
    assert_eq!(problem, None);
    assert_eq!(reread.unwrap(), saved.carnet);
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_and_the_write_retried_later() {
    local().clear().unwrap();
    let mut store = Store::open().store;
    // Fill the quota, to the last kilobyte.
    let mut fillers = Vec::new();
    let mut size = 1024 * 1024;
    while size >= 1024 {
        let key = format!("remplissage-{}", fillers.len());
        if local().set_item(&key, &"x".repeat(size)).is_ok() {
            fillers.push(key);
        } else {
            size /= 2;
        }
    }
    assert!(!fillers.is_empty());
    let carnet = carnet_with("rennes-03", &"une longue note ".repeat(20_000 / 16));
    let saved = store.save(&carnet);
    assert_eq!(
        saved.written,
        Err(Problem::NotSaved(StorageError::QuotaExceeded))
    );
    assert_eq!(saved.carnet, carnet, "nothing is dropped");
    for key in fillers {
        local().remove_item(&key).unwrap();
    }
    assert_eq!(store.save(&carnet).written, Ok(()));
    assert_eq!(Store::open().carnet, carnet);
}

#[wasm_bindgen_test]
fn storage_that_throws_leaves_the_app_working_in_memory() {
    with_local_storage_getter(
        "throw new DOMException('Accès refusé', 'SecurityError');",
        || {
            assert!(!storage::available());
            assert_eq!(storage::usable(), Err(StorageError::Denied));
            let opened = Store::open();
            assert_eq!(
                opened.problems,
                [Problem::Unavailable(StorageError::Denied)]
            );
            let mut store = opened.store;
            assert!(!store.is_persistent());
            let carnet = carnet_with("rennes-05", "En mémoire");
            let saved = store.save(&carnet);
            assert_eq!(saved.written, Ok(()));
            assert_eq!(saved.carnet, carnet);
        },
    );
    assert!(storage::available());
}

#[wasm_bindgen_test]
fn storage_that_is_missing_leaves_the_app_working_in_memory() {
    with_local_storage_getter("return null;", || {
        assert_eq!(storage::usable(), Err(StorageError::Unavailable));
        let opened = Store::open();
        assert_eq!(
            opened.problems,
            [Problem::Unavailable(StorageError::Unavailable)]
        );
        assert!(!opened.store.is_persistent());
        assert!(storage::kept().is_empty());
    });
    assert!(storage::available());
}

#[wasm_bindgen_test]
fn storage_with_no_room_at_all_is_unavailable() {
    // Old Safari's private browsing: empty, and every write over quota.
    local().clear().unwrap();
    refuse_writes("QuotaExceededError", "");
    assert_eq!(storage::usable(), Err(StorageError::Unavailable));
    assert_eq!(
        Store::open().problems,
        [Problem::Unavailable(StorageError::Unavailable)]
    );
    accept_writes();
    assert_eq!(storage::usable(), Ok(()));
}

#[wasm_bindgen_test]
fn a_write_refused_for_another_reason_is_reported_and_retried() {
    local().clear().unwrap();
    let mut store = Store::open().store;
    let carnet = carnet_with("rennes-06", "Refusée puis écrite");
    for (name, error) in [
        ("SecurityError", StorageError::Denied),
        ("InvalidStateError", StorageError::Failed),
    ] {
        refuse_writes(name, KEY);
        let saved = store.save(&carnet);
        accept_writes();
        assert_eq!(saved.written, Err(Problem::NotSaved(error)));
        assert_eq!(saved.carnet, carnet, "nothing is dropped");
    }
    assert_eq!(store.save(&carnet).written, Ok(()));
    assert_eq!(Store::open().carnet, carnet);
}

#[wasm_bindgen_test]
fn unreadable_text_that_cannot_be_copied_aside_is_not_overwritten() {
    local().clear().unwrap();
    let corrupt = r#"{"schema":"carnet-des-defis","version":2,"notes":{"#;
    local().set_item(KEY, corrupt).unwrap();
    refuse_writes("QuotaExceededError", ASIDE_PREFIX);
    let opened = Store::open();
    assert!(matches!(
        &opened.problems[..],
        [Problem::Unreadable {
            aside: None,
            why: Unreadable::Carnet(DecodeError::NotJson(_)),
            ..
        }]
    ));
    let mut store = opened.store;
    let saved = store.save(&carnet_with("rennes-07", "Pas par-dessus"));
    accept_writes();
    assert_eq!(
        saved.written,
        Err(Problem::NotSaved(StorageError::QuotaExceeded))
    );
    assert_eq!(local().get_item(KEY).unwrap().as_deref(), Some(corrupt));
    assert!(kept_aside().is_empty());
}
