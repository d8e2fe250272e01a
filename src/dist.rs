//! Finishes the `dist/` that Trunk staged (run by `src/bin/postbuild.rs`):
//!
//! 1. the plain list is pre-rendered into `index.html` ([`crate::prerender`]);
//! 2. a Content Security Policy is written into the page: no inline script
//!    or style runs unless its hash is in the policy (Trunk's loader is), no
//!    eval but WebAssembly's, nothing from another origin;
//! 3. the build gets a version, a hash of all its files;
//! 4. `sw.js` is written from `assets/sw.js` with that version and the list
//!    of files to cache, so each deploy gets a cache of its own.

use crate::base64;
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

/// The `'sha256-…'` sources of the inline elements `tag` (script, style) of a
/// page; an element with a `src` loads a file and needs none.
fn inline_hashes(page: &str, tag: &str) -> Vec<String> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut hashes = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find(&open) {
        let after = &rest[start + open.len()..];
        let Some(end_of_tag) = after.find('>') else {
            break;
        };
        let attributes = &after[..end_of_tag];
        let body_and_rest = &after[end_of_tag + 1..];
        let Some(end) = body_and_rest.find(&close) else {
            break;
        };
        let is_tag = attributes.is_empty() || attributes.starts_with([' ', '\n', '\t']);
        if is_tag && !attributes.contains("src=") {
            let digest = Sha256::digest(&body_and_rest.as_bytes()[..end]);
            hashes.push(format!("'sha256-{}'", base64::encode_standard(&digest)));
        }
        rest = &body_and_rest[end + close.len()..];
    }
    hashes
}

/// The Content Security Policy of a page: its own files, its inline
/// scripts and styles by hash, WebAssembly, and nothing else.
///
/// Only directives that every engine knows: WebKit has no `manifest-src`
/// and logs an error for it, so the manifest (like the images, the
/// requests and the service worker) falls under `default-src 'self'`.
pub fn content_security_policy(page: &str) -> String {
    let with = |hashes: Vec<String>| hashes.iter().map(|h| format!(" {h}")).collect::<String>();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{}; style-src 'self'{}; \
         base-uri 'none'; form-action 'none'; object-src 'none'",
        with(inline_hashes(page, "script")),
        with(inline_hashes(page, "style")),
    )
}

/// Writes the policy into the page, first thing in its head.
fn protect(page: &str) -> Result<String, String> {
    const CHARSET: &str = r#"<meta charset="utf-8" />"#;
    if !page.contains(CHARSET) {
        return Err(format!(
            "index.html has no {CHARSET} to put the policy after"
        ));
    }
    let meta = format!(
        r#"{CHARSET}<meta http-equiv="Content-Security-Policy" content="{}" />"#,
        content_security_policy(page)
    );
    Ok(page.replacen(CHARSET, &meta, 1))
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
    let page = protect(&page)?;
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
    fn inline_scripts_and_styles_are_allowed_by_hash_only() {
        let page = concat!(
            r#"<script type="module">import init from './app.js';</script>"#,
            r#"<script src="./other.js"></script><scripts>no</scripts>"#,
            "<style>p{color:red}</style>",
        );
        let policy = content_security_policy(page);
        // echo -n "import init from './app.js';" | openssl sha256 -binary | base64
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
            "{policy}"
        );
        assert_eq!(policy.matches("'sha256-").count(), 2, "{policy}");
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"));
        assert!(policy.starts_with("default-src 'self';"));
        let hash = inline_hashes("<script>alert(1)</script>", "script");
        assert_eq!(
            hash,
            ["'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"]
        );
    }

    /// The directives a policy in a `<meta>` element may use: those of CSP
    /// Level 2 and 3 that Chromium, Firefox and WebKit all know (WebKit logs
    /// an error for any other, such as `manifest-src`; `frame-ancestors`,
    /// `report-uri` and `sandbox` are ignored, with an error, in a `<meta>`).
    const KNOWN_EVERYWHERE: &[&str] = &[
        "default-src",
        "script-src",
        "style-src",
        "img-src",
        "connect-src",
        "font-src",
        "media-src",
        "object-src",
        "frame-src",
        "child-src",
        "worker-src",
        "base-uri",
        "form-action",
        "upgrade-insecure-requests",
    ];

    #[test]
    fn the_policy_uses_only_directives_every_engine_knows() {
        let policy = content_security_policy("<script>init()</script>");
        let directives: Vec<&str> = policy
            .split(';')
            .filter_map(|d| d.split_whitespace().next())
            .collect();
        for directive in &directives {
            assert!(
                KNOWN_EVERYWHERE.contains(directive),
                "{directive} is not known to every engine: {policy}"
            );
        }
        assert!(!policy.contains("manifest-src"), "{policy}");
        // The manifest (and anything else of the app's own) falls back to
        // `default-src`, which allows the app's origin.
        assert!(policy.starts_with("default-src 'self';"), "{policy}");
        assert!(directives.contains(&"object-src") && directives.contains(&"base-uri"));
    }

    #[test]
    fn finishing_a_staged_build() {
        let dir = std::env::temp_dir().join(format!("carnet-dist-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("icons")).unwrap();
        fs::write(
            dir.join("index.html"),
            r#"<html><head><meta charset="utf-8" /></head><body><div id="app"></div></body></html>"#,
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
        assert!(page.contains(
            r#"<meta charset="utf-8" /><meta http-equiv="Content-Security-Policy" content="default-src 'self';"#
        ));
        assert!(page.contains(&format!(
            r#"<meta name="carnet-version" content="{}" />"#,
            finished.version
        )));
        assert!(page.contains("18 défis sur 18"));
        assert!(page.contains(r#"<meta charset="utf-8" /><meta http-equiv="Content-Security-Policy" content="default-src 'self';"#));
        let sw = fs::read_to_string(dir.join("sw.js")).unwrap();
        assert!(sw.contains(&finished.version));
        // Finishing twice is refused: the page is already filled.
        assert!(finish(&dir).is_err());
        fs::remove_dir_all(&dir).unwrap();
    }
}
