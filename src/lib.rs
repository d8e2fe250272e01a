//! Carnet des défis: the défis of the CNFPT's 2018 summer university of
//! territorial public innovation, to browse on a phone.
//!
//! The crate is split in two:
//! - a pure domain, compiled everywhere and tested natively with `cargo test`:
//!   [`dataset`] (the embedded data), [`search`] (accent folding, matching,
//!   highlighting), [`filter`] (facets and counts), [`view`] (the view a URL
//!   describes), [`carnet`] (favourites and notes: merge, codec, import,
//!   export, transfer), [`french`] (counts as French writes them, decided
//!   once), [`problem`] (what can go wrong with the stored carnet, typed,
//!   and its French);
//! - the browser app (`ui`), compiled only for `wasm32`, made of thin Leptos
//!   components over that domain.

// Rendering the components natively (the first view, at build time) nests
// their view types deeper than the compiler's default limit.
#![cfg_attr(not(target_arch = "wasm32"), recursion_limit = "256")]

pub mod base64;
pub mod boot;
pub mod carnet;
pub mod dataset;
pub mod filter;
pub mod french;
pub mod json;
pub mod keep;
pub mod navigation;
pub mod problem;
pub mod search;
pub mod timing;
pub mod typography;
pub mod view;

#[cfg(not(target_arch = "wasm32"))]
pub mod dist;

pub mod storage;
pub mod ui;
