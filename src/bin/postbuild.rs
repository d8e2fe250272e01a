//! Trunk's post-build hook (see Trunk.toml): finishes the staged `dist/`.
//!
//! - Pre-renders the plain list into `index.html`, so a phone shows the défis
//!   before the wasm has loaded (see `carnet_des_defis::prerender`).
//!
//! Trunk sets `TRUNK_STAGING_DIR`; a path given as the first argument wins.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use carnet_des_defis::{filter::Catalogue, prerender};
    use std::{env, fs, path::PathBuf, process};

    let dir = env::args_os()
        .nth(1)
        .or_else(|| env::var_os("TRUNK_STAGING_DIR"))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            eprintln!("postbuild: give the staged dist folder (or run it from Trunk)");
            process::exit(2);
        });
    let index = dir.join("index.html");
    let result = fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))
        .and_then(|page| prerender::fill(&page, &prerender::default_view(&Catalogue::embedded())))
        .and_then(|page| {
            fs::write(&index, page).map_err(|e| format!("cannot write {}: {e}", index.display()))
        });
    if let Err(message) = result {
        eprintln!("postbuild: {message}");
        process::exit(1);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
