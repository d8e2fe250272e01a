// Carnet des défis: the loader. The build (src/dist.rs) inlines it into
// index.html, with the names of wasm-bindgen's glue and of the wasm in place
// of __JS__ and __WASM__, and puts its hash in the page's Content Security
// Policy. The classes and ids it shares with the pre-rendered page and the
// app are listed in src/boot.rs, whose tests check this file against them.
//
// The app starts once the pre-rendered page has been painted (its first
// contentful paint, then one more frame), so that downloading it never
// delays the first view (no preload either); a second timer starts it in a
// tab that never paints (hidden).
//
// Until the app runs (seconds, on a slow network):
// - a link to another view (a query string) hides the pre-rendered list,
//   which shows the plain list; a link to one défi shows that défi's card
//   from it. Either way « Chargement… » says the rest is coming;
// - a tap on a link, a button or a checkbox of the pre-rendered page is kept
//   (« Chargement… ») and given to the app once it runs, instead of starting
//   the page again (and its download) or doing nothing;
// - if the app cannot start, the page says so, the plain list shows, and a
//   kept link is followed as a plain link.
//
// The wasm, the glue and the rest of the stylesheet are fetched the cheapest
// way the server allows (see cheapest).
const JS = "__JS__";
const WASM = "__WASM__";
// The rest of the stylesheet: what the pre-rendered page never shows (one
// défi, Mon carnet, À propos, and what only the app puts in the list). Not
// in the page, which it would make a round trip longer to arrive.
const PAGES_CSS = "__CSS__";
const root = document.documentElement;
const params = new URLSearchParams(location.search);
if (location.search) {
  root.classList.add("deep-link");
  const card = document.querySelector(`#app .card-link[href="?defi=${CSS.escape(params.get("defi") ?? "")}"]`);
  if (params.size === 1 && card) {
    card.closest(".card").classList.add("boot-target");
    root.classList.add("deep-defi");
  }
}
const CONTROLS = "#app a[href], #app button, #app input";
// A control is known by what does not change when the app takes over: its
// id, its label, or its kind and text (a count left out).
const keyOf = (control) =>
  control.id || control.getAttribute("aria-label") || `${control.className}|${control.textContent.replace(/[0-9]/g, "").trim()}`;
let kept = null;
const keep = (event) => {
  const control = event.target.closest(CONTROLS);
  if (!control || control.matches("[href^='#'], input:not([type=checkbox])")) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  kept = control.matches("a") ? { href: control.href } : { key: keyOf(control) };
  root.classList.add("waiting");
};
addEventListener("click", keep, true);
const ran = (wasm) => {
  removeEventListener("click", keep, true);
  root.classList.remove("deep-defi", "waiting");
  if (kept?.href && kept.href !== location.href) {
    // A link: the app's own link to that view, if it shows one, is tapped
    // (so that Back comes back to the same place in the list); otherwise
    // its view, as Back and Forward show one.
    const link = [...document.querySelectorAll(CONTROLS)].find((control) => control.href === kept.href);
    if (link) {
      link.click();
    } else {
      history.pushState(null, "", kept.href);
      dispatchEvent(new PopStateEvent("popstate"));
    }
  } else if (kept?.key) {
    [...document.querySelectorAll(CONTROLS)].find((control) => keyOf(control) === kept.key)?.click();
  }
  dispatchEvent(new CustomEvent("carnet-started", { detail: wasm }));
};
const failed = () => {
  removeEventListener("click", keep, true);
  // A link to one défi keeps showing its card; any other view shows the
  // plain list, which is readable and whose links work as plain links.
  if (!root.classList.contains("deep-defi")) root.classList.remove("deep-link");
  root.classList.remove("waiting");
  root.classList.add("boot-failed");
  if (kept?.href) location.assign(kept.href);
};

// The wasm, the glue and the rest of the stylesheet. The build writes each
// twice: as built and gzipped (the .gz: the wasm at about 37 %, the glue at
// 27 %, the stylesheet at 30 %). What crosses the network, by server:
// - a plain server (no compression): the .gz, decompressed here
//   (DecompressionStream, in every engine since 2023);
// - a server that compresses (gzip, brotli): the file as built, compressed
//   by it (brotli is smaller than our gzip). The page cannot know
//   beforehand: it takes its own encoding as the hint, and checks the
//   answer (a server that compresses the page only, as nginx's default,
//   costs an aborted request per file);
// - an Apache-like server that sends a .gz with « Content-Encoding: gzip »:
//   the browser has decoded it already;
// - a browser with no DecompressionStream: the file as built;
// - a second visit: the service worker's copy (sw.js caches the .gz where
//   DecompressionStream exists, the file as built elsewhere), from no
//   network.
// The wasm's Response is built here, typed application/wasm, so that the
// compiler streams it whatever type the server gives the file; the glue is
// imported from a blob: URL of what was fetched (the policy allows blob:
// scripts, which only a script of this origin can make; the service worker
// keeps the glue as built too once a host's own policy made the loader ask
// for it).
const checked = (response) => {
  if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
  return response;
};
const encoding = (response) => response.headers.get("Content-Encoding") ?? "";
const asBuilt = (file) => fetch(file).then(checked);
const gzipped = (file) =>
  fetch(`${file}.gz`).then((response) => {
    // A host that drops .gz files (or answers a missing file with its
    // index.html): the file as built.
    if (!response.ok || /^text\/html/.test(response.headers.get("Content-Type") ?? "")) return asBuilt(file);
    if (/gzip/.test(encoding(response))) return response;
    return new Response(response.body.pipeThrough(new DecompressionStream("gzip")));
  });
const serverCompresses = () => {
  const page = performance.getEntriesByType("navigation")[0];
  return page !== undefined && page.encodedBodySize > 0 && page.encodedBodySize < page.decodedBodySize;
};
/** The file's bytes (a Response), fetched the cheapest way the server allows. */
const cheapest = (file) => {
  if (typeof DecompressionStream !== "function") return asBuilt(file);
  if (navigator.serviceWorker?.controller || !serverCompresses()) return gzipped(file);
  // It compresses the page; if it does not compress this file too, stop at
  // its headers and take the .gz.
  const abort = new AbortController();
  return fetch(file, { signal: abort.signal }).then((response) => {
    if (response.ok && encoding(response)) return response;
    abort.abort();
    return gzipped(file);
  });
};
const fetchWasm = () =>
  cheapest(WASM).then((response) => new Response(response.body, { headers: { "Content-Type": "application/wasm" } }));
const importGlue = () =>
  cheapest(JS)
    .then((response) => response.blob())
    .then((blob) => {
      const url = URL.createObjectURL(new Blob([blob], { type: "text/javascript" }));
      return import(url).finally(() => URL.revokeObjectURL(url));
    })
    // A host whose own policy forbids blob: scripts: the glue as built.
    .catch(() => import(JS));
let started = false;
const start = () => {
  if (started) return;
  started = true;
  // The manifest (and the icon it names, which Chromium fetches at once)
  // after the first view: requested before it, they counted in its time.
  const manifest = document.createElement("link");
  manifest.rel = "manifest";
  manifest.href = "manifest.webmanifest";
  document.head.append(manifest);
  // All at once: the wasm does not wait for the glue. It is asked for
  // first, so that it takes the connection the page came on, whose window
  // has grown (a new one starts slow).
  const wasm = fetchWasm();
  const glue = importGlue();
  // The rest of the stylesheet, fetched like them and put in a <style>
  // (whose hash the policy allows): the app starts once it is in (or
  // failed), so that no page of it shows unstyled.
  const styled = cheapest(PAGES_CSS)
    .then((response) => response.text())
    .then((css) => {
      const style = document.createElement("style");
      style.textContent = css;
      document.head.append(style);
    })
    .catch(() => {});
  Promise.all([glue, styled])
    .then(([app]) => app.default({ module_or_path: wasm }))
    .then(ran, failed);
  wasm.catch(() => {});
};
const afterPaint = () => requestAnimationFrame(() => setTimeout(start, 0));
try {
  new PerformanceObserver((entries, observer) => {
    if (entries.getEntriesByName("first-contentful-paint").length) {
      observer.disconnect();
      afterPaint();
    }
  }).observe({ type: "paint", buffered: true });
} catch {
  afterPaint();
}
setTimeout(start, 1500);
