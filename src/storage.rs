//! The one module that owns the browser's storage (localStorage, through
//! gloo-storage). Everything else asks it; nothing else touches storage.
//!
//! The text stored is written and read by `crate::carnet` (a small JSON
//! codec, natively tested); here it is only stored, as a string.
//!
//! What it promises (see `crate::carnet` for the rules it applies):
//! - Nothing stored is ever overwritten unread: text that cannot be read (or
//!   only in part, or from a future version) is first copied aside, untouched,
//!   under `carnet-des-defis.illisible.<time>`, and the problem is reported.
//! - Every write reads what is stored first and merges it, entry by entry, so
//!   that two tabs never erase each other's changes.
//! - Storage that cannot be used (disabled, private browsing, a
//!   `SecurityError`) leaves the app working in memory; a full quota is
//!   reported and the write can be tried again, nothing is dropped.

use crate::carnet::{self, Carnet, Decoded};
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::window;

/// The key of the carnet.
pub const KEY: &str = "carnet-des-defis";
/// Unreadable text is copied under this prefix and the time.
pub const ASIDE_PREFIX: &str = "carnet-des-defis.illisible.";
/// A copy of the carnet taken before an import replaced it.
pub const BACKUP_PREFIX: &str = "carnet-des-defis.avant-import.";
const PROBE_KEY: &str = "carnet-des-defis.essai";

/// Something the participant must be told about their stored carnet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Storage cannot be used here: the carnet lives in memory only.
    Unavailable,
    /// What was stored could not be read, in whole or in part.
    Unreadable {
        /// The text as it was stored, to export.
        raw: String,
        /// Where it was copied aside, if that worked.
        aside: Option<String>,
        /// What went wrong, in French.
        reason: String,
    },
    /// The last change could not be written; it is kept and retried.
    NotSaved {
        /// The storage quota is full.
        full: bool,
    },
}

/// The storage, once opened.
#[derive(Debug)]
pub struct Store {
    available: bool,
    /// Unreadable text sits under [`KEY`] and could not be copied aside: it
    /// must not be overwritten.
    protect: bool,
}

/// What a write did.
pub struct Saved {
    /// The carnet, merged with what was stored: what to show.
    pub carnet: Carnet,
    /// Whether it was written.
    pub written: Result<(), Problem>,
    /// A problem found in what was stored (copied aside before the write).
    pub found: Option<Problem>,
}

/// What opening the storage found.
pub struct Opened {
    pub store: Store,
    pub carnet: Carnet,
    pub problems: Vec<Problem>,
}

/// localStorage, when the browser lets this page have it (reading it can
/// throw a `SecurityError`; gloo's `LocalStorage::raw()` would then panic, so
/// every use goes through here first).
fn local() -> Option<web_sys::Storage> {
    match window().local_storage() {
        Ok(Some(_)) => Some(LocalStorage::raw()),
        _ => None,
    }
}

/// True when localStorage can be used: it exists, and a write works (or
/// fails only because it is full of data already).
pub fn available() -> bool {
    let Some(storage) = local() else {
        return false;
    };
    match storage.set_item(PROBE_KEY, "1") {
        Ok(()) => {
            let _ = storage.remove_item(PROBE_KEY);
            true
        }
        Err(_) => storage.length().is_ok_and(|n| n > 0),
    }
}

fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// Reads the raw text under a key.
fn read_raw(key: &str) -> Result<Option<String>, ()> {
    local().ok_or(())?.get_item(key).map_err(|_| ())
}

/// Writes text under a key, saying whether a failure is a full quota.
fn write_raw(key: &str, text: &str) -> Result<(), Problem> {
    let storage = local().ok_or(Problem::NotSaved { full: false })?;
    storage
        .set_item(key, text)
        .map_err(|error| Problem::NotSaved {
            full: is_quota_error(&error),
        })
}

fn is_quota_error(error: &wasm_bindgen::JsValue) -> bool {
    js_sys::Reflect::get(error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .is_some_and(|name| name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED")
}

/// Copies text aside under a new key; `None` when even that fails.
fn keep_aside(prefix: &str, raw: &str) -> Option<String> {
    let key = format!("{prefix}{}", now());
    write_raw(&key, raw).ok().map(|()| key)
}

/// Moves the unreadable text under [`KEY`] aside: copied under a new key,
/// then (once the copy is there) taken off the main key, so it is neither
/// overwritten nor copied twice. `None` when the copy failed: the text then
/// stays where it is.
fn move_aside(raw: &str) -> Option<String> {
    let key = keep_aside(ASIDE_PREFIX, raw)?;
    if let Some(storage) = local() {
        let _ = storage.remove_item(KEY);
    }
    Some(key)
}

/// What a stored text gives: the carnet it holds, the problem to report
/// when it could not all be read, and whether the main key must be left
/// alone (the text could not be copied aside).
///
/// Text that is not all readable is moved aside (copied under a new key, then
/// taken off the main key) and what could be read is written back, in the
/// current format; a carnet in an older format is copied aside once and
/// written back in the current format. So the main key always holds a
/// readable carnet of this version, and nothing is read twice.
fn read_stored(raw: &str) -> (Carnet, Option<Problem>, bool) {
    let (carnet, problem) = match carnet::decode(raw) {
        Ok(Decoded {
            carnet,
            skipped: 0,
            migrated_from,
        }) => {
            if migrated_from.is_some() && keep_aside(ASIDE_PREFIX, raw).is_some() {
                let _ = write_raw(KEY, &carnet::encode(&carnet));
            }
            return (carnet, None, false);
        }
        Ok(Decoded {
            carnet, skipped, ..
        }) => {
            let reason = if skipped == 1 {
                "Un élément du carnet enregistré n’a pas pu être lu.".to_owned()
            } else {
                format!("{skipped} éléments du carnet enregistré n’ont pas pu être lus.")
            };
            (carnet, reason)
        }
        Err(error) => (
            Carnet::default(),
            format!(
                "Le carnet enregistré n’a pas pu être lu : {}.",
                error.message()
            ),
        ),
    };
    let aside = move_aside(raw);
    if aside.is_some() && !carnet.is_empty() {
        // Written again right away: a reload finds what could be read.
        let _ = write_raw(KEY, &carnet::encode(&carnet));
    }
    let protect = aside.is_none();
    let problem = Problem::Unreadable {
        raw: raw.to_owned(),
        aside,
        reason: problem,
    };
    (carnet, Some(problem), protect)
}

/// A copy kept on the device: unreadable text moved aside, or a carnet
/// saved before an import replaced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub key: String,
    /// Kept before an import replaced the carnet (else: unreadable text).
    pub before_import: bool,
    /// When it was kept (ms since 1970).
    pub at: i64,
    pub text: String,
}

/// Every copy kept aside, the newest first.
pub fn kept() -> Vec<Kept> {
    let Some(storage) = local() else {
        return Vec::new();
    };
    let count = storage.length().unwrap_or(0);
    let mut kept: Vec<Kept> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter_map(|key| {
            let (before_import, at) = if let Some(at) = key.strip_prefix(BACKUP_PREFIX) {
                (true, at)
            } else {
                (false, key.strip_prefix(ASIDE_PREFIX)?)
            };
            let at = at.parse().ok()?;
            let text = storage.get_item(&key).ok().flatten()?;
            Some(Kept {
                key,
                before_import,
                at,
                text,
            })
        })
        .collect();
    kept.sort_unstable_by_key(|k| std::cmp::Reverse(k.at));
    kept
}

/// At most this many carnets saved before an import are kept.
const MAX_BACKUPS: usize = 5;

impl Store {
    /// A store that keeps nothing (storage unavailable).
    pub fn in_memory() -> Store {
        Store {
            available: false,
            protect: false,
        }
    }

    /// Opens the storage and reads the carnet.
    pub fn open() -> Opened {
        if !available() {
            return Opened {
                store: Store::in_memory(),
                carnet: Carnet::default(),
                problems: vec![Problem::Unavailable],
            };
        }
        let raw = match read_raw(KEY) {
            Ok(raw) => raw,
            Err(()) => {
                return Opened {
                    store: Store::in_memory(),
                    carnet: Carnet::default(),
                    problems: vec![Problem::Unavailable],
                };
            }
        };
        let Some(raw) = raw else {
            return Opened {
                store: Store {
                    available: true,
                    protect: false,
                },
                carnet: Carnet::default(),
                problems: Vec::new(),
            };
        };
        let (carnet, problem, protect) = read_stored(&raw);
        Opened {
            store: Store {
                available: true,
                protect,
            },
            carnet,
            problems: problem.into_iter().collect(),
        }
    }

    /// True when the carnet is kept in the browser (not in memory only).
    pub fn is_persistent(&self) -> bool {
        self.available
    }

    /// Reads what another tab stored, to merge it (after a `storage` event).
    pub fn reread(&mut self) -> (Option<Carnet>, Option<Problem>) {
        if !self.available {
            return (None, None);
        }
        match read_raw(KEY) {
            Ok(Some(raw)) => {
                let (carnet, problem, protect) = read_stored(&raw);
                self.protect |= protect;
                (Some(carnet), problem)
            }
            _ => (None, None),
        }
    }

    /// Writes the carnet, merged with what is stored (another tab may have
    /// written since).
    pub fn save(&mut self, carnet: &Carnet) -> Saved {
        let mut saved = Saved {
            carnet: carnet.clone(),
            written: Ok(()),
            found: None,
        };
        if !self.available {
            return saved;
        }
        if let Ok(Some(raw)) = read_raw(KEY) {
            let (stored, found, protect) = read_stored(&raw);
            saved.carnet.merge(&stored);
            self.protect |= protect;
            saved.found = found;
        }
        saved.written = if self.protect {
            // Unreadable text that could not be copied aside stays where it
            // is: the quota is full.
            Err(Problem::NotSaved { full: true })
        } else {
            write_raw(KEY, &carnet::encode(&saved.carnet))
        };
        saved
    }

    /// Keeps a copy of the carnet before an import replaces it (the five
    /// latest are kept). `None` when it could not be kept.
    pub fn back_up(&self, carnet: &Carnet) -> Option<String> {
        if !self.available {
            return None;
        }
        let key = keep_aside(BACKUP_PREFIX, &carnet::encode(carnet))?;
        for old in kept()
            .into_iter()
            .filter(|k| k.before_import)
            .skip(MAX_BACKUPS)
        {
            LocalStorage::delete(&old.key);
        }
        Some(key)
    }

    /// Forgets a copy kept aside, once the participant has it.
    pub fn discard(&mut self, key: &str) {
        let ours = key.starts_with(ASIDE_PREFIX) || key.starts_with(BACKUP_PREFIX);
        if self.available && ours && local().is_some() {
            LocalStorage::delete(key);
        }
    }
}

/// The browser's `StorageManager`, where it has one (not on a page served
/// over plain HTTP from another host than localhost, nor in old browsers).
fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = window().navigator();
    let found = js_sys::Reflect::get(&navigator, &"storage".into()).ok()?;
    (!found.is_undefined() && !found.is_null()).then(|| navigator.storage())
}

/// The answer of a promise of a boolean; `None` if it failed.
async fn boolean(promise: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> Option<bool> {
    let value = wasm_bindgen_futures::JsFuture::from(promise.ok()?).await;
    value.ok()?.as_bool()
}

/// Whether the browser has promised to keep the storage; `None` when it
/// cannot tell.
pub async fn persisted() -> Option<bool> {
    boolean(storage_manager()?.persisted()).await
}

/// Asks the browser to keep the storage (not to purge it after a week
/// without a visit, as Safari does) and tells whether it agreed; `None`
/// when it cannot be asked.
pub async fn ask_to_persist() -> Option<bool> {
    boolean(storage_manager()?.persist()).await
}
