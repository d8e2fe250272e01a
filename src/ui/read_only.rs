//! The doors of the shared state: what a view may read of a signal it must
//! not write.

use leptos::prelude::*;

/// A signal the views read and only its owner writes ([`super::navigation`],
/// [`super::notebook`]). Reading it is reading the signal itself: no other
/// signal type, so no other copy of the reactive code in the wasm (a
/// `ReadSignal` and `WriteSignal` pair per type cost 4.8 KB, measured).
pub struct ReadOnly<T: 'static>(RwSignal<T>);

impl<T: 'static> Clone for ReadOnly<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for ReadOnly<T> {}

impl<T: Send + Sync + 'static> ReadOnly<T> {
    /// For the owner of the signal.
    pub(super) fn of(signal: RwSignal<T>) -> ReadOnly<T> {
        ReadOnly(signal)
    }

    /// Reads the value, and subscribes to its changes.
    pub fn with<U>(&self, f: impl FnOnce(&T) -> U) -> U {
        self.0.with(f)
    }

    /// Reads the value without subscribing.
    pub fn with_untracked<U>(&self, f: impl FnOnce(&T) -> U) -> U {
        self.0.with_untracked(f)
    }

    pub fn get(&self) -> T
    where
        T: Clone,
    {
        self.0.get()
    }

    pub fn get_untracked(&self) -> T
    where
        T: Clone,
    {
        self.0.get_untracked()
    }
}
