//! The one module that owns the browser's storage (localStorage, through
//! web-sys). Everything else asks it; nothing else touches storage.
//!
//! The text stored is written and read by `crate::carnet` (a small JSON
//! codec, natively tested); here it is only stored, as a string. What fails
//! is said with the types of `crate::problem` ([`StorageError`], carried by
//! a [`Problem`]), never in French: the interface words it.
//!
//! No call here can panic: every browser call that can throw is a `Result`
//! turned into a [`StorageError`]. (gloo-storage is not used: its
//! `LocalStorage::raw()` panics when storage is disabled, and its typed
//! reads and writes go through serde_json, which this app does without.)
//!
//! What it promises (see `crate::carnet` for the rules it applies):
//! - Nothing stored is ever overwritten unread: text that cannot be read (or
//!   only in part) is first copied aside, untouched, under
//!   `carnet-des-defis.illisible.<time>`, and the problem is reported. A
//!   carnet from a future version of the app is left where it is, for that
//!   version to read: the page keeps its changes in memory and says so.
//! - Every write reads what is stored first and merges it, entry by entry, so
//!   that two tabs never erase each other's changes.
//! - Storage that cannot be used (disabled, private browsing, a
//!   `SecurityError`) leaves the app working in memory; a full quota is
//!   reported and the write can be tried again, nothing is dropped.

use crate::carnet::{self, Carnet, Decoded};
pub use crate::problem::{Problem, StorageError, Unreadable};
use wasm_bindgen::JsValue;

/// The key of the carnet.
pub const KEY: &str = "carnet-des-defis";
/// Unreadable text is copied under this prefix and the time.
pub const ASIDE_PREFIX: &str = "carnet-des-defis.illisible.";
/// A copy of the carnet taken before an import replaced it.
pub const BACKUP_PREFIX: &str = "carnet-des-defis.avant-import.";
const PROBE_KEY: &str = "carnet-des-defis.essai";

/// The storage, once opened.
#[derive(Debug)]
pub struct Store {
    available: bool,
    /// Unreadable text sits under [`KEY`] and could not be copied aside (for
    /// this reason): it must not be overwritten.
    protect: Option<StorageError>,
}

/// What a write did.
pub struct Saved {
    /// The carnet, merged with what was stored: what to show.
    pub carnet: Carnet,
    /// Whether it was written (else a [`Problem::NotSaved`]).
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

/// What an exception thrown by a storage call means, by its name.
fn error(thrown: &JsValue) -> StorageError {
    let name = js_sys::Reflect::get(thrown, &"name".into())
        .ok()
        .and_then(|n| n.as_string());
    match name.as_deref() {
        Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED") => StorageError::QuotaExceeded,
        Some("SecurityError") => StorageError::Denied,
        _ => StorageError::Failed,
    }
}

/// localStorage, when the browser lets this page have it (reading
/// `window.localStorage` can throw a `SecurityError`).
fn local() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or(StorageError::Unavailable)?;
    match window.local_storage() {
        Ok(Some(storage)) => Ok(storage),
        Ok(None) => Err(StorageError::Unavailable),
        Err(thrown) => Err(error(&thrown)),
    }
}

/// Whether localStorage can be used: it exists, and a write works (or fails
/// only because it is full of data already).
pub fn usable() -> Result<(), StorageError> {
    let storage = local()?;
    match storage.set_item(PROBE_KEY, "1") {
        Ok(()) => {
            let _ = storage.remove_item(PROBE_KEY);
            Ok(())
        }
        Err(_) if storage.length().is_ok_and(|n| n > 0) => Ok(()),
        // Empty, yet full: a quota of zero, as old Safari's private browsing.
        Err(thrown) => Err(match error(&thrown) {
            StorageError::QuotaExceeded => StorageError::Unavailable,
            other => other,
        }),
    }
}

/// True when localStorage can be used (see [`usable`]).
pub fn available() -> bool {
    usable().is_ok()
}

fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// Reads the raw text under a key.
fn read_raw(key: &str) -> Result<Option<String>, StorageError> {
    local()?.get_item(key).map_err(|thrown| error(&thrown))
}

/// Writes text under a key.
fn write_raw(key: &str, text: &str) -> Result<(), StorageError> {
    local()?
        .set_item(key, text)
        .map_err(|thrown| error(&thrown))
}

/// Removes a key; what fails is left as it is (the key stays).
///
/// gloo-storage serves here, once web-sys has said the storage is there:
/// its calls reach the storage through `raw()`, which panics where there
/// is none, and its typed reads and writes go through serde_json (18 KB of
/// wasm that src/json.rs saves), so they are not used elsewhere.
fn remove(key: &str) {
    if local().is_ok() {
        <gloo_storage::LocalStorage as gloo_storage::Storage>::delete(key);
    }
}

/// Copies text aside under a new key, and says which.
fn keep_aside(prefix: &str, raw: &str) -> Result<String, StorageError> {
    let key = format!("{prefix}{}", now());
    write_raw(&key, raw).map(|()| key)
}

/// Moves the unreadable text under [`KEY`] aside: copied under a new key,
/// then (once the copy is there) taken off the main key, so it is neither
/// overwritten nor copied twice. An error when the copy failed: the text
/// then stays where it is.
fn move_aside(raw: &str) -> Result<String, StorageError> {
    let key = keep_aside(ASIDE_PREFIX, raw)?;
    remove(KEY);
    Ok(key)
}

/// What the main key holds asks of this page, beyond what it could read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hold {
    /// Nothing: it may be written over (merged) as usual.
    Free,
    /// Unreadable text is there and could not be copied aside (for this
    /// reason): it must not be overwritten.
    Protect(StorageError),
    /// A newer version of the app wrote it: it stays whole where that
    /// version reads it, and this page keeps its changes in memory (a
    /// reload, once the new version is served, finds it).
    Newer,
}

/// What a stored text gives: the carnet it holds, the problem to report
/// when it could not all be read, and what it asks of this page.
///
/// Text that is not all readable is moved aside (copied under a new key, then
/// taken off the main key) and what could be read is written back, in the
/// current format; a carnet in an older format is copied aside once and
/// written back in the current format; one from a newer version is left
/// as it is. So the main key holds a readable carnet, of this version or of
/// a newer one, and nothing is read twice.
fn read_stored(raw: &str) -> (Carnet, Option<Problem>, Hold) {
    let (carnet, why) = match carnet::decode(raw) {
        Ok(Decoded {
            carnet,
            skipped: 0,
            migrated_from,
        }) => {
            if migrated_from.is_some() && keep_aside(ASIDE_PREFIX, raw).is_ok() {
                let _ = write_raw(KEY, &carnet::encode(&carnet));
            }
            return (carnet, None, Hold::Free);
        }
        Ok(Decoded {
            carnet, skipped, ..
        }) => (carnet, Unreadable::Entries(skipped)),
        Err(newer @ carnet::DecodeError::FutureVersion(_)) => {
            let problem = Problem::Unreadable {
                raw: raw.to_owned(),
                aside: None,
                why: Unreadable::Carnet(newer),
            };
            return (Carnet::default(), Some(problem), Hold::Newer);
        }
        Err(error) => (Carnet::default(), Unreadable::Carnet(error)),
    };
    let aside = move_aside(raw);
    if aside.is_ok() && !carnet.is_empty() {
        // Written again right away: a reload finds what could be read.
        let _ = write_raw(KEY, &carnet::encode(&carnet));
    }
    let hold = aside
        .as_ref()
        .err()
        .map_or(Hold::Free, |e| Hold::Protect(*e));
    let problem = Problem::Unreadable {
        raw: raw.to_owned(),
        aside: aside.ok(),
        why,
    };
    (carnet, Some(problem), hold)
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
    let Ok(storage) = local() else {
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
            protect: None,
        }
    }

    /// Opens the storage and reads the carnet.
    pub fn open() -> Opened {
        let raw = match usable().and_then(|()| read_raw(KEY)) {
            Ok(raw) => raw,
            Err(error) => {
                return Opened {
                    store: Store::in_memory(),
                    carnet: Carnet::default(),
                    problems: vec![Problem::Unavailable(error)],
                };
            }
        };
        let Some(raw) = raw else {
            return Opened {
                store: Store {
                    available: true,
                    protect: None,
                },
                carnet: Carnet::default(),
                problems: Vec::new(),
            };
        };
        let (carnet, problem, hold) = read_stored(&raw);
        let mut store = Store {
            available: true,
            protect: None,
        };
        store.hold(hold);
        Opened {
            store,
            carnet,
            problems: problem.into_iter().collect(),
        }
    }

    /// Does what the stored text asks: keep off it (for now, or, for a
    /// newer version's carnet, for the rest of this page: the changes stay
    /// in memory).
    fn hold(&mut self, hold: Hold) {
        match hold {
            Hold::Free => {}
            Hold::Protect(error) => self.protect = self.protect.or(Some(error)),
            Hold::Newer => self.available = false,
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
                let (carnet, problem, hold) = read_stored(&raw);
                self.hold(hold);
                // A newer version's carnet is not merged: this page cannot
                // read it (the problem says so).
                ((hold != Hold::Newer).then_some(carnet), problem)
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
            let (stored, found, hold) = read_stored(&raw);
            saved.carnet.merge(&stored);
            self.hold(hold);
            saved.found = found;
            if hold == Hold::Newer {
                // A newer version wrote it meanwhile: not written over.
                return saved;
            }
        }
        saved.written = match self.protect {
            // Unreadable text that could not be copied aside stays where it
            // is (most likely, the quota is full).
            Some(error) => Err(error),
            None => write_raw(KEY, &carnet::encode(&saved.carnet)),
        }
        .map_err(Problem::NotSaved);
        saved
    }

    /// Keeps a copy of the carnet before an import replaces it (the five
    /// latest are kept). `None` when it could not be kept.
    pub fn back_up(&self, carnet: &Carnet) -> Option<String> {
        if !self.available {
            return None;
        }
        let key = keep_aside(BACKUP_PREFIX, &carnet::encode(carnet)).ok()?;
        for old in kept()
            .into_iter()
            .filter(|k| k.before_import)
            .skip(MAX_BACKUPS)
        {
            remove(&old.key);
        }
        Some(key)
    }

    /// Forgets a copy kept aside, once the participant has it.
    /// (Also with a newer version's carnet, when the page keeps its own
    /// changes in memory: the copies are in the storage all the same.)
    pub fn discard(&mut self, key: &str) {
        if key.starts_with(ASIDE_PREFIX) || key.starts_with(BACKUP_PREFIX) {
            remove(key);
        }
    }
}

/// A transfer link's fragment whose preview is on screen, kept for this tab
/// only (sessionStorage) until the participant imports it or lets it go:
/// a reload, or a phone that dropped the tab, shows the preview again,
/// though the fragment left the address bar.
const PENDING_TRANSFER_KEY: &str = "carnet-des-defis.transfert-en-attente";

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Keeps the fragment of the transfer link being previewed (nothing when
/// the tab has no storage: the preview then lasts the page).
pub fn keep_pending_transfer(fragment: &str) {
    if let Some(session) = session() {
        let _ = session.set_item(PENDING_TRANSFER_KEY, fragment);
    }
}

/// The fragment of a transfer link previewed before a reload, if any.
pub fn pending_transfer() -> Option<String> {
    session()?.get_item(PENDING_TRANSFER_KEY).ok().flatten()
}

/// The preview is done with: imported, or let go.
pub fn forget_pending_transfer() {
    if let Some(session) = session() {
        let _ = session.remove_item(PENDING_TRANSFER_KEY);
    }
}

/// The browser's `StorageManager`, where it has one (not on a page served
/// over plain HTTP from another host than localhost, nor in old browsers).
fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    let found = js_sys::Reflect::get(&navigator, &"storage".into()).ok()?;
    (!found.is_undefined() && !found.is_null()).then(|| navigator.storage())
}

/// The answer of a promise of a boolean; `None` if it failed.
async fn boolean(promise: Result<js_sys::Promise, JsValue>) -> Option<bool> {
    let value = wasm_bindgen_futures::JsFuture::from(promise.ok()?).await;
    value.ok()?.as_bool()
}

/// With `ask`, asks the browser to keep the storage (not to purge it after
/// a week without a visit, as Safari does) and tells whether it agreed;
/// without, tells whether it has promised to. `None` when it cannot tell.
pub async fn keeping(ask: bool) -> Option<bool> {
    let manager = storage_manager()?;
    boolean(if ask {
        manager.persist()
    } else {
        manager.persisted()
    })
    .await
}
