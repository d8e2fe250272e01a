// Behind any kind of static server an organiser may have (../static-server.mjs),
// the app starts and answers a search, and fetches the wasm and the glue the
// cheap way that server allows (assets/loader.js): the .gz from a server that
// does not compress, the file as built from one that does.
import { test, expect, count } from "./fixtures.js";

/**
 * Opens the app, searches, and returns what the page fetched for the wasm
 * and for the glue: for each, "gz" or the file as built ("wasm", "js"),
 * with the encoding the server gave it. The service worker's own downloads
 * (its cache, in the background) are not the page's.
 */
async function startsAndSearches(page, server) {
  const fetched = { wasm: [], js: [] };
  page.on("response", (response) => {
    const url = new URL(response.url());
    const file = /\.(wasm|js)(\.gz)?$/.exec(url.pathname);
    if (!file || url.protocol === "blob:") return;
    const encoding = response.headers()["content-encoding"];
    fetched[file[1]].push(`${file[2] ? "gz" : file[1]}${encoding ? ` (${encoding})` : ""}`);
  });
  await page.goto(server.url);
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  await expect(count(page)).toHaveText("18 défis sur 18");
  await page.getByRole("searchbox").fill("piscine");
  await expect(count(page)).toHaveText("1 défi sur 18");
  await expect(page.locator(".card")).toContainText("écoles municipales de natation");
  return fetched;
}

const SERVERS = [
  // kind, what it sends for the wasm, and for the glue
  ["plain", { wasm: ["gz"], js: ["gz"] }],
  ["gzip", { wasm: ["wasm (gzip)"], js: ["js (gzip)"] }],
  // The stylesheet and the glue came compressed, the wasm does not: the
  // loader stops at the wasm's headers and takes the .gz.
  ["gzip-text", { wasm: ["wasm", "gz"], js: ["js (gzip)"] }],
  ["brotli", { wasm: ["wasm (br)"], js: ["js (br)"] }],
  ["apache", { wasm: ["gz (gzip)"], js: ["gz (gzip)"] }],
  ["octet-stream", { wasm: ["gz"], js: ["gz"] }],
];

for (const [kind, expected] of SERVERS) {
  test.describe(`a ${kind} server`, () => {
    test.use({ serverKind: kind });
    test(`the app starts and answers a search (${kind} server)`, async ({ page, server }) => {
      expect(await startsAndSearches(page, server)).toEqual(expected);
    });
  });
}

test.describe("a browser with no DecompressionStream", () => {
  for (const kind of ["plain", "octet-stream"]) {
    test.describe(`on a ${kind} server`, () => {
      test.use({ serverKind: kind });
      test(`the app starts from the plain wasm and answers a search (${kind} server)`, async ({ page, server }) => {
        await page.addInitScript(() => delete window.DecompressionStream);
        expect(await startsAndSearches(page, server)).toEqual({ wasm: ["wasm"], js: ["js"] });
      });
    });
  }
});

test("a host that lost the .gz files: the app starts from the files as built", async ({ page, server }) => {
  await page.route(/\.gz$/, (route) => route.fulfill({ status: 404, body: "" }));
  expect(await startsAndSearches(page, server)).toEqual({ wasm: ["gz", "wasm"], js: ["gz", "js"] });
});

test("a host that answers a missing .gz with its index.html: the app starts from the files as built", async ({ page, server }) => {
  await page.route(/\.gz$/, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: "<!doctype html><title>Carnet</title>" }),
  );
  expect(await startsAndSearches(page, server)).toEqual({ wasm: ["gz", "wasm"], js: ["gz", "js"] });
  // The rest of the stylesheet arrived too: a défi's title is styled by it.
  await page.locator(".card-link").first().click();
  expect(await page.getByRole("heading", { level: 1 }).evaluate((h) => getComputedStyle(h).fontSize)).toBe("22px");
});

test.describe("a host whose own policy forbids blob: scripts", () => {
  test("the app starts from the glue as built", async ({ page, server }) => {
    // The host's header policy, on top of the page's own.
    await page.route(/\/$/, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers(), "content-security-policy": "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'" };
      await route.fulfill({ response, headers });
    });
    test.info().annotations.push({ type: "csp-violation-expected" });
    expect(await startsAndSearches(page, server)).toEqual({ wasm: ["gz"], js: ["gz", "js"] });
  });
});

test.describe("a brotli server, then no network", () => {
  test.use({ serverKind: "brotli" });
  test("after one visit from a compressing server the app works offline (from the cached .gz)", async ({ page, server, context }) => {
    await startsAndSearches(page, server);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
    await server.close();
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
    await page.getByRole("searchbox").fill("piscine");
    await expect(count(page)).toHaveText("1 défi sur 18");
  });
});
