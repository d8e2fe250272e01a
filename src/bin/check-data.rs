//! Checks a data file without building the app: `cargo run --bin check-data
//! -- FILE`. Prints every problem, naming the record and the field (as the
//! build would), or what the file holds. `.ci/build` runs it first, so a bad
//! file fails in seconds rather than after the wasm has compiled.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use carnet_des_defis::dataset::{schema, words::count};
    use std::{env, fs, process};

    let Some(path) = env::args_os().nth(1) else {
        eprintln!("usage: cargo run --bin check-data -- FILE");
        process::exit(2);
    };
    let shown = path.to_string_lossy().into_owned();
    let text = fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("error: {shown}: cannot read: {e}");
        process::exit(1);
    });
    match schema::read(&text) {
        Ok(data) => println!(
            "{shown}: valid: {}, {}, {}",
            count(data.defis.len(), "défi", "défis"),
            count(data.sites.len(), "site", "sites"),
            count(data.themes.len(), "thème", "thèmes"),
        ),
        Err(message) => {
            eprintln!("error: {shown}: {message}");
            process::exit(1);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
