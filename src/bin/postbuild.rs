//! Trunk's post-build hook (see Trunk.toml): finishes the staged `dist/`
//! (pre-rendered first view, version, service worker: `carnet_des_defis::dist`).
//!
//! Trunk sets `TRUNK_STAGING_DIR`; a folder given as the first argument wins.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::{env, path::PathBuf, process};

    let dir = env::args_os()
        .nth(1)
        .or_else(|| env::var_os("TRUNK_STAGING_DIR"))
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            eprintln!("postbuild: give the staged dist folder (or run it from Trunk)");
            process::exit(2);
        });
    match carnet_des_defis::dist::finish(&dir) {
        Ok(finished) => println!(
            "postbuild: version {}, {} files for the service worker to cache",
            finished.version,
            finished.files.len()
        ),
        Err(message) => {
            eprintln!("postbuild: {message}");
            process::exit(1);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
