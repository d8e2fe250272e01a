// Carnet des défis: the service worker. After one visit, every view of the
// app opens and works with no network at all.
//
// src/bin/postbuild.rs writes it into dist/ after each build, with the
// version of the build (a hash of its files) and the list of its files: each
// deploy gets a cache of its own, filled when the new worker installs, and
// the old caches are removed when it takes over. A new worker waits until the
// app asks it to take over (the « nouvelle version » notice), so nobody is
// switched to a new version in the middle of a note.
const VERSION = "__VERSION__";
const FILES = __FILES__;
const PREFIX = "carnet-des-defis-";
const CACHE = PREFIX + VERSION;
// The page itself is revalidated; the other files have hashed, immutable names.
const PAGE = "index.html";
// The wasm, the glue and the rest of the stylesheet are in the build twice,
// as built and gzipped: cache the one the loader (assets/loader.js) takes
// when this worker controls the page, the .gz wherever DecompressionStream
// exists. Should the loader ask for the other one (a host whose own policy
// forbids the blob: the glue is imported from), the fetch handler keeps it.
const GZIP = typeof DecompressionStream === "function";
const TWICE = (file) => FILES.includes(`${file}.gz`);
const PRECACHE = FILES.filter((file) => (GZIP ? !TWICE(file) : !file.endsWith(".gz")));

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache.addAll(PRECACHE.map((file) => new Request(file, { cache: file === PAGE ? "no-cache" : "default" }))),
    ),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  // Any view of the app (any query string) is the one page.
  const key = request.mode === "navigate" ? PAGE : request;
  const file = url.pathname.slice(scope.pathname.length);
  event.respondWith(
    caches.open(CACHE).then((cache) =>
      cache.match(key, { ignoreSearch: true }).then(
        (cached) =>
          cached ||
          fetch(request).then((response) => {
            // A file of this build not cached at install: kept from now on.
            if (response.ok && FILES.includes(file)) cache.put(request, response.clone());
            return response;
          }),
      ),
    ),
  );
});
