//! Trunk's post-build hook (see Trunk.toml): finishes the staged `dist/`
//! (pre-rendered first view, loader, gzipped wasm, minified glue and
//! stylesheet, version, service worker: `carnet_des_defis::dist`).
//!
//! Trunk sets `TRUNK_STAGING_DIR`; a folder given as the first argument wins.
//! It minifies with `esbuild` (on PATH: `.ci/setup` installs it).

/// Minifies JavaScript or CSS with esbuild (`--minify`, no other change).
#[cfg(not(target_arch = "wasm32"))]
fn esbuild(text: &str, kind: &str) -> Result<String, String> {
    use std::io::Write;
    use std::process::{Command, Stdio};

    let mut child = Command::new("esbuild")
        .args([
            "--minify",
            &format!("--loader={kind}"),
            "--log-level=warning",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run esbuild ({e}): run .ci/setup, which installs it"))?;
    let mut stdin = child.stdin.take().expect("piped");
    let input = text.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    writer
        .join()
        .expect("the writer thread")
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!("esbuild failed to minify the {kind}"));
    }
    String::from_utf8(output.stdout).map_err(|_| "esbuild wrote no UTF-8".into())
}

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
    match carnet_des_defis::dist::finish(&dir, &esbuild) {
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
