//! Finishes the `dist/` that Trunk staged (run by `src/bin/postbuild.rs`):
//!
//! 1. the plain list is rendered into `index.html` by the app's own
//!    components ([`crate::ui::first_view`]);
//! 2. the loader (`assets/loader.js`) is inlined into the page, in place of
//!    the empty script Trunk writes with the names of the glue, the wasm and
//!    the other pages' stylesheet (`style/pages.css`, whose link leaves the
//!    page: the loader fetches it with the app); the list's stylesheet
//!    (`style/main.css`) goes inside the page; HTML comments go;
//!    the loader, wasm-bindgen's glue and the stylesheets are minified (by esbuild,
//!    which `src/bin/postbuild.rs` runs: Trunk's own minifier cannot read
//!    the glue);
//! 3. the wasm, the glue and the other pages' stylesheet are written
//!    gzipped too (`….wasm.gz`, `….js.gz`, `pages-….css.gz`, by zopfli), for
//!    the servers that do not compress (the loader chooses); the favicon
//!    goes inside the page;
//! 4. a Content Security Policy is written into the page: no inline script
//!    or style runs unless its hash is in the policy (the loader is), no
//!    eval but WebAssembly's, nothing from another origin;
//! 5. the build gets a version, a hash of all its files;
//! 6. `sw.js` is written from `assets/sw.js` with that version and the list
//!    of files to cache, so each deploy gets a cache of its own.
//!
//! Before all that, `__DESCRIPTION__` in `index.html` and in the manifest is
//! replaced by the event's `description` (from the data file), escaped for
//! HTML and for JSON.

use crate::base64;
use crate::dataset::EVENT;
use crate::json;
use sha2::{Digest, Sha256};
use std::fs;
use std::path::{Path, PathBuf};

/// The service worker, with `__VERSION__` and `__FILES__` to fill.
const SERVICE_WORKER: &str = include_str!("../assets/sw.js");

/// The loader, with `__JS__`, `__WASM__` and `__CSS__` to fill.
pub const LOADER: &str = include_str!("../assets/loader.js");

/// What Trunk writes in place of its own loader (`pattern_script` in
/// Trunk.toml): an empty script that names the glue and the wasm.
const LOADER_MARK: &str = "<script type=\"module\" data-carnet-loader";

/// Minifies text of a kind ("js" or "css"): esbuild in the build, nothing in
/// the tests.
pub type Minify<'a> = &'a dyn Fn(&str, &str) -> Result<String, String>;

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

/// The `'sha256-…'` source that allows this inline text.
fn hash_source(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!("'sha256-{}'", base64::encode_standard(&digest))
}

/// The `'sha256-…'` sources of the inline elements `tag` (script, style) of a
/// page; an element with a `src` loads a file and needs none. The text of a
/// script or a style is read as the browser does, as text only: a « <style> »
/// in a script's comment is no element.
fn inline_hashes(page: &str, tag: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = page;
    loop {
        // The next script or style element, whichever comes first.
        let next = ["script", "style"]
            .into_iter()
            .filter_map(|name| Some((element_start(rest, name)?, name)))
            .min();
        let Some((start, name)) = next else {
            break;
        };
        let after = &rest[start + name.len() + 1..];
        let Some(end_of_tag) = after.find('>') else {
            break;
        };
        let attributes = &after[..end_of_tag];
        let body_and_rest = &after[end_of_tag + 1..];
        let close = format!("</{name}>");
        let Some(end) = body_and_rest.find(&close) else {
            break;
        };
        if name == tag && !attributes.contains("src=") {
            hashes.push(hash_source(&body_and_rest[..end]));
        }
        rest = &body_and_rest[end + close.len()..];
    }
    hashes
}

/// Where the first `<name>` or `<name …>` tag of `text` starts.
fn element_start(text: &str, name: &str) -> Option<usize> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(at) = text[from..].find(&open) {
        let start = from + at;
        let next = text[start + open.len()..].chars().next();
        if matches!(next, Some('>' | ' ' | '\n' | '\t')) {
            return Some(start);
        }
        from = start + open.len();
    }
    None
}

/// The Content Security Policy of a page: its own files, its inline
/// scripts and styles by hash (and the stylesheets the loader puts in a
/// `<style>`, `later_styles`), WebAssembly, and nothing else.
///
/// Two sources beyond the page's own files, each for a byte count measured:
/// `blob:` scripts, for the glue the loader decompresses and imports (only a
/// script already running in this origin can make a blob: URL), and `data:`
/// images, for the favicon inside the page ([`inline_favicon`]).
///
/// Only directives that every engine knows: WebKit has no `manifest-src`
/// and logs an error for it, so the manifest (like the requests and the
/// service worker) falls under `default-src 'self'`.
pub fn content_security_policy(page: &str, later_styles: &[&str]) -> String {
    let with = |hashes: Vec<String>| hashes.iter().map(|h| format!(" {h}")).collect::<String>();
    let mut styles = inline_hashes(page, "style");
    styles.extend(later_styles.iter().map(|css| hash_source(css)));
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' blob:{}; style-src 'self'{}; \
         img-src 'self' data:; base-uri 'none'; form-action 'none'; object-src 'none'",
        with(inline_hashes(page, "script")),
        with(styles),
    )
}

/// The value of `name="…"` in a tag's attributes.
fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let start = attributes.find(&format!(" {name}=\""))? + name.len() + 3;
    let end = attributes[start..].find('"')?;
    Some(&attributes[start..start + end])
}

/// The glue and the wasm that Trunk's empty script names, relative to the
/// page (`./name.js`, `./name_bg.wasm`).
pub fn app_files(page: &str) -> Result<(String, String), String> {
    let start = page
        .find(LOADER_MARK)
        .ok_or("index.html has no loader script from Trunk (pattern_script in Trunk.toml)")?;
    let tag = &page[start..start + page[start..].find('>').ok_or("unclosed loader script")?];
    match (attribute(tag, "data-js"), attribute(tag, "data-wasm")) {
        (Some(js), Some(wasm)) => Ok((js.to_owned(), wasm.to_owned())),
        _ => Err(format!(
            "the loader script names no data-js and data-wasm: {tag}"
        )),
    }
}

/// The stylesheet of the other pages (`style/pages.css`, hashed by Trunk as
/// `pages-….css`): taken out of the page, and fetched by the loader with the
/// app. The first view needs none of it, and the page without it stays
/// under three round trips of a new connection (TCP's slow start) on a
/// server that does not compress.
const LATER_STYLESHEET: &str = "pages";

fn is_later_stylesheet(name: &str) -> bool {
    name.starts_with(LATER_STYLESHEET) && name.ends_with(".css") && !name.contains('/')
}

/// The page without its HTML comments (they are for who reads index.html,
/// and cost a phone bytes). Run on Trunk's output, before any inline
/// script or style is put in.
pub fn without_comments(page: &str) -> String {
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            // An unclosed comment runs to the end.
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// Puts the loader into the page, in place of Trunk's empty script.
pub fn inline_loader(page: &str, later_css: &str, minify: Minify) -> Result<String, String> {
    let (js, wasm) = app_files(page)?;
    let start = page.find(LOADER_MARK).expect("found by app_files");
    let end = start
        + page[start..]
            .find("</script>")
            .ok_or("unclosed loader script")?
        + "</script>".len();
    let loader = LOADER
        .replace("__JS__", &js)
        .replace("__WASM__", &wasm)
        .replace("__CSS__", &format!("./{later_css}"));
    if loader.contains("</script") || loader.contains("__") {
        return Err("assets/loader.js cannot be inlined as it is".into());
    }
    let loader = minify(&loader, "js")?;
    let loader = loader.trim_end();
    if loader.contains("</script") {
        return Err("the minified loader cannot be inlined".into());
    }
    Ok(format!(
        r#"{}<script type="module">{loader}</script>{}"#,
        &page[..start],
        &page[end..]
    ))
}

/// gzip at its best (zopfli), for the browser's DecompressionStream.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() / 2);
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        bytes,
        &mut out,
    )
    .expect("writing to memory");
    out
}

/// Writes the policy into the page, first thing in its head.
fn protect(page: &str, later_css: &str) -> Result<String, String> {
    const CHARSET: &str = r#"<meta charset="utf-8" />"#;
    if !page.contains(CHARSET) {
        return Err(format!(
            "index.html has no {CHARSET} to put the policy after"
        ));
    }
    let meta = format!(
        r#"{CHARSET}<meta http-equiv="Content-Security-Policy" content="{}" />"#,
        content_security_policy(page, &[later_css])
    );
    Ok(page.replacen(CHARSET, &meta, 1))
}

/// Escapes text for an HTML text node or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Puts the first view into the page that Trunk built.
pub fn fill(index_html: &str, view: &str) -> Result<String, String> {
    let id = crate::boot::APP_ID;
    let empty = format!(r#"<div id="{id}"></div>"#);
    if !index_html.contains(&empty) {
        return Err(format!("index.html has no empty {empty} to fill"));
    }
    Ok(index_html.replacen(&empty, &format!(r#"<div id="{id}">{view}</div>"#), 1))
}

/// What `index.html` and the manifest say in place of the event's description.
pub const DESCRIPTION_MARK: &str = "__DESCRIPTION__";

/// The text with the event's description in place of [`DESCRIPTION_MARK`],
/// escaped for an HTML attribute.
pub fn describe_page(page: &str, description: &str) -> String {
    page.replace(DESCRIPTION_MARK, &escape(description))
}

/// The manifest with the event's description in place of
/// [`DESCRIPTION_MARK`], escaped for a JSON string.
pub fn describe_manifest(manifest: &str, description: &str) -> String {
    let mut quoted = String::new();
    json::write_str(&mut quoted, description);
    let escaped = &quoted[1..quoted.len() - 1];
    manifest.replace(DESCRIPTION_MARK, escaped)
}

/// Tells the page its version (the tests and the update notice read it).
fn stamp(index_html: &str, version: &str) -> Result<String, String> {
    let meta = format!(r#"<meta name="carnet-version" content="{version}" />"#);
    if !index_html.contains("</head>") {
        return Err("index.html has no </head>".into());
    }
    Ok(index_html.replacen("</head>", &format!("{meta}</head>"), 1))
}

/// Minifies a file of the build in place; returns its new content.
fn minify_file(path: &Path, kind: &str, minify: Minify) -> Result<String, String> {
    let text =
        fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let minified = minify(&text, kind)?;
    fs::write(path, &minified).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(minified)
}

/// Where the `<link>` to this file is in the page.
fn link_to(page: &str, name: &str) -> Result<(usize, usize), String> {
    let href = format!(r#"href="./{name}""#);
    let at = page
        .find(&href)
        .ok_or_else(|| format!("index.html has no link to {name}"))?;
    let start = page[..at]
        .rfind("<link")
        .ok_or("a stylesheet outside a link")?;
    let end = at + page[at..].find('>').ok_or("an unclosed link")? + 1;
    Ok((start, end))
}

/// The page with its link to the stylesheet `name` replaced by the
/// stylesheet itself, in a `<style>` (whose hash the policy allows).
///
/// The first view waits for the stylesheet: from the page itself it costs
/// no request of its own (measured: LCP 1,080 → 975 ms on the plain
/// server, see BENCHMARKS.md). A second visit takes the page from the
/// service worker's cache, so nothing is fetched twice.
fn inline_stylesheet(page: &str, name: &str, css: &str) -> Result<String, String> {
    let (start, end) = link_to(page, name)?;
    if css.contains("</style") {
        return Err(format!("{name} cannot be inlined as it is"));
    }
    Ok(format!(
        "{}<style>{css}</style>{}",
        &page[..start],
        &page[end..]
    ))
}

/// The favicon the page names (`<link rel="icon" href="icons/….png">`),
/// written into the page as a `data:` URL.
///
/// Chromium asks for the favicon as the page finishes loading, often
/// before its first paint; from a server a round trip away that request then
/// counted in the largest paint (measured: LCP 905 → 804 ms on the plain
/// server, see BENCHMARKS.md), and on a crowded network it takes the
/// connection the wasm needs. Inside the page it costs its bytes in base64
/// (under 1 KB) and `img-src data:` in the policy.
pub fn inline_favicon(
    page: &str,
    read: impl Fn(&str) -> Result<Vec<u8>, String>,
) -> Result<(String, Option<String>), String> {
    let mut from = 0;
    while let Some(at) = page[from..].find("<link") {
        let start = from + at;
        let end = start + page[start..].find('>').ok_or("an unclosed link")?;
        let tag = &page[start..end];
        from = end;
        if attribute(tag, "rel") != Some("icon") {
            continue;
        }
        let href = attribute(tag, "href").ok_or("the icon link has no href")?;
        if href.starts_with("data:") {
            return Ok((page.to_owned(), None));
        }
        let kind = match href.rsplit('.').next() {
            Some("png") => "image/png",
            Some("svg") => "image/svg+xml",
            _ => return Err(format!("the favicon {href} is neither .png nor .svg")),
        };
        if href.starts_with('/') || href.contains("..") || href.contains(':') {
            return Err(format!(
                "the favicon {href} must be a file of the build, named relative to the page"
            ));
        }
        let data = format!(
            "data:{kind};base64,{}",
            base64::encode_standard(&read(href)?)
        );
        let tag = tag.replacen(
            &format!(r#"href="{href}""#),
            &format!(r#"href="{data}""#),
            1,
        );
        return Ok((
            format!("{}{tag}{}", &page[..start], &page[end..]),
            Some(href.to_owned()),
        ));
    }
    Ok((page.to_owned(), None))
}

/// Finishes the staged build in `dir`.
pub fn finish(dir: &Path, minify: Minify) -> Result<Finished, String> {
    let index = dir.join("index.html");
    let read =
        |path: &PathBuf| fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()));
    let page =
        String::from_utf8(read(&index)?).map_err(|_| "index.html is not UTF-8".to_owned())?;
    let page = describe_page(&without_comments(&page), EVENT.description);
    let manifest = dir.join("manifest.webmanifest");
    if manifest.exists() {
        let text = String::from_utf8(read(&manifest)?)
            .map_err(|_| "manifest.webmanifest is not UTF-8".to_owned())?;
        fs::write(&manifest, describe_manifest(&text, EVENT.description))
            .map_err(|e| format!("cannot write {}: {e}", manifest.display()))?;
    }
    let page = fill(&page, &crate::ui::first_view::render())?;
    let (js, wasm) = app_files(&page)?;
    // The page names them relative to itself (`./name`).
    let (js, wasm) = (js.trim_start_matches("./"), wasm.trim_start_matches("./"));
    let later_css = list_files(dir)?
        .into_iter()
        .find(|name| is_later_stylesheet(name))
        .ok_or("index.html has no style/pages.css (the stylesheet of the other pages)")?;
    let mut page = inline_loader(&page, &later_css, minify)?;
    minify_file(&dir.join(js), "js", minify)?;
    let (start, end) = link_to(&page, &later_css)?;
    page.replace_range(start..end, "");
    let later = minify_file(&dir.join(&later_css), "css", minify)?;
    for name in list_files(dir)? {
        if name.ends_with(".css") && !name.contains('/') && !is_later_stylesheet(&name) {
            let path = dir.join(&name);
            let css = minify_file(&path, "css", minify)?;
            page = inline_stylesheet(&page, &name, css.trim_end())?;
            fs::remove_file(&path).map_err(|e| format!("cannot remove {name}: {e}"))?;
        }
    }
    let (page, favicon) = inline_favicon(&page, |href| read(&dir.join(href)))?;
    if let Some(file) = favicon {
        fs::remove_file(dir.join(&file)).map_err(|e| format!("cannot remove {file}: {e}"))?;
    }
    let page = protect(&page, &later)?;
    for file in [wasm, js, &later_css] {
        let file = dir.join(file);
        let gzipped = PathBuf::from(format!("{}.gz", file.display()));
        fs::write(&gzipped, gzip(&read(&file)?))
            .map_err(|e| format!("cannot write {}: {e}", gzipped.display()))?;
    }
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
    fn comments_leave_the_page() {
        assert_eq!(without_comments("a<!-- b -->c<!--d-->e"), "ace");
        assert_eq!(without_comments("a<!-- open"), "a");
    }

    /// Every class the page can show before the app runs: the first view,
    /// the page around it (index.html) and the loader's own.
    fn classes_of_the_page() -> std::collections::BTreeSet<String> {
        let mut classes: std::collections::BTreeSet<String> = crate::boot::LOADER_CLASSES
            .iter()
            .map(|c| c.to_string())
            .collect();
        let page = format!(
            "{}{}",
            crate::ui::first_view::render(),
            include_str!("../index.html")
        );
        for piece in page.split(r#"class=""#).skip(1) {
            let value = &piece[..piece.find('"').expect("a closed class")];
            classes.extend(value.split_whitespace().map(str::to_owned));
        }
        classes
    }

    /// pages.css comes with the app: whatever it styles, the page must never
    /// show before the app runs (it would show unstyled, or move when the
    /// stylesheet arrives).
    #[test]
    fn the_rest_of_the_stylesheet_styles_nothing_of_the_page() {
        let list = classes_of_the_page();
        assert!(
            list.contains("card") && list.contains("boot-status") && list.contains("deep-link"),
            "{list:?}"
        );
        assert!(
            !list.contains("chip") && !list.contains("empty"),
            "{list:?}"
        );
        let mut css = include_str!("../style/pages.css").to_owned();
        while let Some(start) = css.find("/*") {
            let end = start + css[start..].find("*/").expect("a closed comment") + 2;
            css.replace_range(start..end, "");
        }
        let mut rules = 0;
        for piece in css.split('{') {
            let selectors = piece.rsplit(['}', ';']).next().unwrap_or("").trim();
            if selectors.is_empty() || selectors.starts_with('@') {
                continue;
            }
            rules += 1;
            assert!(
                !selectors.contains(":is(") && !selectors.contains(":where("),
                "style/pages.css: `{selectors}`: write each selector out, so that this test reads it"
            );
            for selector in selectors.split(',') {
                // A class under :not() is one the element does not have.
                let selector = without_negations(selector);
                let classes: Vec<&str> = selector
                    .split('.')
                    .skip(1)
                    .map(|c| {
                        c.split(|ch: char| !(ch.is_alphanumeric() || ch == '-' || ch == '_'))
                            .next()
                            .unwrap_or("")
                    })
                    .collect();
                assert!(
                    classes.iter().any(|c| !list.contains(*c)),
                    "style/pages.css: `{}` may style the page before the app runs (it belongs in main.css)",
                    selector.trim()
                );
            }
        }
        assert!(rules > 40, "{rules} rules read");
        assert_eq!(without_negations(".a:not(.b, .c) .d:not(:hover)"), ".a .d");
    }

    /// A selector without its `:not(…)` parts.
    fn without_negations(selector: &str) -> String {
        let mut out = selector.to_owned();
        while let Some(start) = out.find(":not(") {
            let mut depth = 0;
            let end = out[start..]
                .char_indices()
                .find_map(|(i, c)| {
                    match c {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    (depth == 0 && c == ')').then_some(start + i + 1)
                })
                .expect("every `:not(` closed");
            out.replace_range(start..end, "");
        }
        out
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn fill_needs_the_empty_app_element() {
        let page = r#"<body><div id="app"></div></body>"#;
        assert_eq!(
            fill(page, "x").unwrap(),
            r#"<body><div id="app">x</div></body>"#
        );
        assert!(fill("<body></body>", "x").is_err());
    }

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
    fn the_favicon_comes_inside_the_page() {
        let page =
            r#"<head><link rel="icon" type="image/png" sizes="32x32" href="icons/f.png" /></head>"#;
        let read = |href: &str| {
            assert_eq!(href, "icons/f.png");
            Ok(vec![0x89, b'P', b'N', b'G'])
        };
        let (inlined, file) = inline_favicon(page, read).unwrap();
        assert_eq!(
            inlined,
            r#"<head><link rel="icon" type="image/png" sizes="32x32" href="data:image/png;base64,iVBORw==" /></head>"#
        );
        assert_eq!(file.as_deref(), Some("icons/f.png"));
        // Once only, and a page with no favicon is left as it is.
        assert_eq!(
            inline_favicon(&inlined, |_| unreachable!()).unwrap(),
            (inlined.clone(), None)
        );
        let other = r#"<link rel="apple-touch-icon" href="a.png" />"#;
        assert_eq!(
            inline_favicon(other, |_| unreachable!()).unwrap(),
            (other.to_owned(), None)
        );
        // Whatever the order of its attributes; an SVG too.
        let svg = r#"<link href="i.svg" rel="icon" />"#;
        let (inlined_svg, _) = inline_favicon(svg, |_| Ok(b"<svg/>".to_vec())).unwrap();
        assert_eq!(
            inlined_svg,
            r#"<link href="data:image/svg+xml;base64,PHN2Zy8+" rel="icon" />"#
        );
        // A file it cannot read, or that is not the build's, is an error.
        let missing = inline_favicon(page, |_| Err("cannot read icons/f.png".into()));
        assert_eq!(missing.unwrap_err(), "cannot read icons/f.png");
        for href in ["/icons/f.png", "../f.png", "https://x.fr/f.png", "f.ico"] {
            let page = format!(r#"<link rel="icon" href="{href}" />"#);
            assert!(inline_favicon(&page, |_| unreachable!()).is_err(), "{href}");
        }
        // The policy lets images, and only images, come from data: URLs.
        let policy = content_security_policy(&inlined, &[]);
        let data: Vec<&str> = policy.split(';').filter(|d| d.contains("data:")).collect();
        assert_eq!(data, [" img-src 'self' data:"], "{policy}");
    }

    #[test]
    fn inline_scripts_and_styles_are_allowed_by_hash_only() {
        let page = concat!(
            r#"<script type="module">import init from './app.js';</script>"#,
            r#"<script src="./other.js"></script><scripts>no</scripts>"#,
            "<style>p{color:red}</style>",
        );
        let policy = content_security_policy(page, &[]);
        // echo -n "import init from './app.js';" | openssl sha256 -binary | base64
        assert!(
            policy.contains("script-src 'self' 'wasm-unsafe-eval' blob: 'sha256-"),
            "{policy}"
        );
        assert_eq!(policy.matches("'sha256-").count(), 2, "{policy}");
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"));
        assert!(policy.starts_with("default-src 'self';"));
        // A tag in a script's text is text.
        let tricky = "<script>// a <style>x</style> here\n</script><style>p{}</style>";
        assert_eq!(inline_hashes(tricky, "style"), [hash_source("p{}")]);
        assert_eq!(inline_hashes(tricky, "script").len(), 1);
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
        let policy = content_security_policy("<script>init()</script>", &[]);
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
    fn the_description_is_escaped_for_html_and_for_json() {
        let text = r#"Les défis « 2019 » de l’"Université" & <co> \ fin"#;
        assert_eq!(
            describe_page(r#"<meta content="__DESCRIPTION__, à lire">"#, text),
            r#"<meta content="Les défis « 2019 » de l’&quot;Université&quot; &amp; &lt;co&gt; \ fin, à lire">"#
        );
        let manifest = describe_manifest(r#"{"description": "__DESCRIPTION__ : ok"}"#, text);
        assert_eq!(
            manifest,
            r#"{"description": "Les défis « 2019 » de l’\"Université\" & <co> \\ fin : ok"}"#
        );
    }

    #[test]
    fn finishing_a_staged_build() {
        let dir = std::env::temp_dir().join(format!("carnet-dist-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("icons")).unwrap();
        fs::write(
            dir.join("index.html"),
            concat!(
                r#"<html><head><meta charset="utf-8" /><meta name="description" content="__DESCRIPTION__, à lire" />"#,
                r#"<link rel="icon" type="image/png" sizes="32x32" href="icons/favicon-32.png" />"#,
                r#"<script type="module" data-carnet-loader"#,
                r#" data-js="./app-1234.js" data-wasm="./app-1234_bg.wasm"></script></head>"#,
                r#"<link rel="stylesheet" href="./main-1.css" integrity="sha384-old"/>"#,
                r#"<!-- a comment --><link rel="stylesheet" href="./pages-2.css" integrity="sha384-old"/>"#,
                r#"<body><div id="app"></div></body></html>"#,
            ),
        )
        .unwrap();
        fs::write(dir.join("app-1234_bg.wasm"), b"\0asm").unwrap();
        fs::write(
            dir.join("manifest.webmanifest"),
            r#"{"description": "__DESCRIPTION__ : filtrer"}"#,
        )
        .unwrap();
        fs::write(dir.join("icons/icon-192.png"), b"png").unwrap();
        fs::write(dir.join("icons/favicon-32.png"), b"ico").unwrap();
        fs::write(dir.join("app-1234.js"), "export default 1;\n").unwrap();
        fs::write(dir.join("main-1.css"), "p {\n  color: red;\n}\n").unwrap();
        fs::write(dir.join("pages-2.css"), "dl {\n  margin: 0;\n}\n").unwrap();
        // A stand-in for esbuild: drops every newline.
        let minify = |text: &str, _: &str| Ok(text.replace('\n', ""));
        let finished = finish(&dir, &minify).unwrap();
        assert_eq!(
            finished.files,
            [
                "app-1234.js",
                "app-1234.js.gz",
                "app-1234_bg.wasm",
                "app-1234_bg.wasm.gz",
                "icons/icon-192.png",
                "index.html",
                "manifest.webmanifest",
                "pages-2.css",
                "pages-2.css.gz"
            ]
        );
        // The other pages' stylesheet stays a file, minified, named in the
        // loader and linked no more; comments are gone.
        assert_eq!(
            fs::read_to_string(dir.join("pages-2.css")).unwrap(),
            "dl {  margin: 0;}"
        );
        // The event's description is in the page and in the manifest.
        let manifest = fs::read_to_string(dir.join("manifest.webmanifest")).unwrap();
        assert_eq!(
            manifest,
            format!(r#"{{"description": "{} : filtrer"}}"#, EVENT.description)
        );
        // The loader, the glue and the stylesheet are minified; the
        // stylesheet is in the page, allowed by its hash.
        assert_eq!(
            fs::read_to_string(dir.join("app-1234.js")).unwrap(),
            "export default 1;"
        );
        assert!(!dir.join("main-1.css").exists());
        // The wasm and the glue (minified) are gzipped too.
        for file in ["app-1234_bg.wasm.gz", "app-1234.js.gz"] {
            let gzipped = fs::read(dir.join(file)).unwrap();
            assert_eq!(gzipped[..2], [0x1f, 0x8b], "{file}");
        }
        assert_eq!(
            fs::read(dir.join("app-1234.js.gz")).unwrap(),
            gzip(b"export default 1;")
        );
        let page = fs::read_to_string(dir.join("index.html")).unwrap();
        // The loader is in the page, with the names of the files, and its
        // hash is in the policy.
        assert!(page.contains(r#"const WASM = "./app-1234_bg.wasm";"#));
        assert!(page.contains(r#"const PAGES_CSS = "./pages-2.css";"#));
        assert!(!page.contains(r#"href="./pages-2.css""#));
        assert!(!page.contains("<!--"));
        assert!(!page.contains("data-carnet-loader"));
        let hashes = inline_hashes(&page, "script");
        assert_eq!(hashes.len(), 1);
        assert!(page.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' blob: {}",
            hashes[0]
        )));
        let page = fs::read_to_string(dir.join("index.html")).unwrap();
        assert!(page.contains("<style>p {  color: red;}</style>"));
        assert!(!page.contains("main-1.css"));
        let styles = inline_hashes(&page, "style");
        // The other pages' stylesheet, which the loader puts in a <style>,
        // is allowed by its hash too, and gzipped.
        assert!(page.contains(&format!(
            "style-src 'self' {} {};",
            styles[0],
            hash_source("dl {  margin: 0;}")
        )));
        assert_eq!(
            fs::read(dir.join("pages-2.css.gz")).unwrap(),
            gzip(b"dl {  margin: 0;}")
        );
        assert!(page.contains(
            r#"<meta charset="utf-8" /><meta http-equiv="Content-Security-Policy" content="default-src 'self';"#
        ));
        assert!(page.contains(&format!(
            r#"<meta name="carnet-version" content="{}" />"#,
            finished.version
        )));
        assert!(page.contains("18 défis sur 18"));
        assert!(page.contains(&format!(
            r#"<meta name="description" content="{}, à lire" />"#,
            EVENT.description
        )));
        assert!(!page.contains(DESCRIPTION_MARK));
        // The favicon is inside the page (base64 of « ico »).
        assert!(
            page.contains(r#"href="data:image/png;base64,aWNv""#),
            "{page}"
        );
        assert!(page.contains(r#"<meta charset="utf-8" /><meta http-equiv="Content-Security-Policy" content="default-src 'self';"#));
        let sw = fs::read_to_string(dir.join("sw.js")).unwrap();
        assert!(sw.contains(&finished.version));
        // Finishing twice is refused: the page is already filled.
        assert!(finish(&dir, &minify).is_err());
        fs::remove_dir_all(&dir).unwrap();
    }
}
