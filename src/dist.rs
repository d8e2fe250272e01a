//! Finishes the `dist/` that Trunk staged (run by `src/bin/postbuild.rs`):
//!
//! 1. the plain list is pre-rendered into `index.html` ([`crate::prerender`]);
//! 2. the build gets a version, a hash of all its files;
//! 3. `sw.js` is written from `assets/sw.js` with that version and the list
//!    of files to cache, so each deploy gets a cache of its own.

use crate::filter::Catalogue;
use crate::prerender;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};

/// The service worker, with `__VERSION__` and `__FILES__` to fill.
const SERVICE_WORKER: &str = include_str!("../assets/sw.js");

/// What finishing the build did.
#[derive(Debug)]
pub struct Finished {
    /// The version of the build (16 hex digits).
    pub version: String,
    /// The files the service worker caches, relative to the app's folder.
    pub files: Vec<String>,
}

/// Every file under `dir`, as relative paths with `/`, sorted.
fn list_files(dir: &Path) -> Result<Vec<String>, String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
        let entries =
            fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else {
                let relative = path.strip_prefix(root).expect("under root");
                let parts: Vec<String> = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files)?;
    files.sort();
    Ok(files)
}

/// The version of a build: a hash of the names and contents of its files.
pub fn version(files: &[(String, Vec<u8>)]) -> String {
    let mut hasher = Sha256::new();
    for (name, bytes) in files {
        hasher.update((name.len() as u64).to_le_bytes());
        hasher.update(name.as_bytes());
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The service worker of a build.
pub fn service_worker(version: &str, files: &[String]) -> String {
    let list: Vec<String> = files.iter().map(|f| format!("{f:?}")).collect();
    SERVICE_WORKER
        .replace("__VERSION__", version)
        .replace("__FILES__", &format!("[{}]", list.join(", ")))
}

/// Tells the page its version (the tests and the update notice read it).
fn stamp(index_html: &str, version: &str) -> Result<String, String> {
    let meta = format!(r#"<meta name="carnet-version" content="{version}" />"#);
    if !index_html.contains("</head>") {
        return Err("index.html has no </head>".into());
    }
    Ok(index_html.replacen("</head>", &format!("{meta}</head>"), 1))
}

/// Finishes the staged build in `dir`.
pub fn finish(dir: &Path) -> Result<Finished, String> {
    let index = dir.join("index.html");
    let read =
        |path: &PathBuf| fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()));
    let page =
        String::from_utf8(read(&index)?).map_err(|_| "index.html is not UTF-8".to_owned())?;
    let page = prerender::fill(&page, &prerender::default_view(&Catalogue::embedded()))?;
    fs::write(&index, &page).map_err(|e| format!("cannot write {}: {e}", index.display()))?;

    let names: Vec<String> = list_files(dir)?
        .into_iter()
        .filter(|name| name != "sw.js")
        .collect();
    let mut contents = Vec::with_capacity(names.len());
    for name in &names {
        contents.push((name.clone(), read(&dir.join(name))?));
    }
    let version = version(&contents);
    fs::write(&index, stamp(&page, &version)?)
        .map_err(|e| format!("cannot write {}: {e}", index.display()))?;
    fs::write(dir.join("sw.js"), service_worker(&version, &names))
        .map_err(|e| format!("cannot write sw.js: {e}"))?;
    Ok(Finished {
        version,
        files: names,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_version_changes_with_any_byte_of_any_file() {
        let a = vec![("index.html".to_owned(), b"<p>1</p>".to_vec())];
        let b = vec![("index.html".to_owned(), b"<p>2</p>".to_vec())];
        let c = vec![("index2.html".to_owned(), b"<p>1</p>".to_vec())];
        assert_eq!(version(&a).len(), 16);
        assert_ne!(version(&a), version(&b));
        assert_ne!(version(&a), version(&c));
        assert_eq!(version(&a), version(&a.clone()));
    }

    #[test]
    fn the_service_worker_knows_its_version_and_files() {
        let js = service_worker(
            "0123456789abcdef",
            &["index.html".into(), "icons/icon-192.png".into()],
        );
        assert!(js.contains(r#"const VERSION = "0123456789abcdef";"#));
        assert!(js.contains(r#"const FILES = ["index.html", "icons/icon-192.png"];"#));
        assert!(!js.contains("__"));
    }

    #[test]
    fn finishing_a_staged_build() {
        let dir = std::env::temp_dir().join(format!("carnet-dist-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("icons")).unwrap();
        fs::write(
            dir.join("index.html"),
            r#"<html><head></head><body><div id="app"></div></body></html>"#,
        )
        .unwrap();
        fs::write(dir.join("app-1234.wasm"), b"\0asm").unwrap();
        fs::write(dir.join("icons/icon-192.png"), b"png").unwrap();
        let finished = finish(&dir).unwrap();
        assert_eq!(
            finished.files,
            ["app-1234.wasm", "icons/icon-192.png", "index.html"]
        );
        let page = fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(page.contains(&format!(
            r#"<meta name="carnet-version" content="{}" />"#,
            finished.version
        )));
        assert!(page.contains("18 défis sur 18"));
        let sw = fs::read_to_string(dir.join("sw.js")).unwrap();
        assert!(sw.contains(&finished.version));
        // Finishing twice is refused: the page is already filled.
        assert!(finish(&dir).is_err());
        fs::remove_dir_all(&dir).unwrap();
    }
}
