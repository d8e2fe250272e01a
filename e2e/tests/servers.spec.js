// Behind any kind of static server an organiser may have (../static-server.mjs),
// the app starts and answers a search, and fetches the wasm the cheap way
// that server allows (assets/loader.js): the .gz from a server that does not
// compress, the .wasm from one that does.
import { test, expect, count } from "./fixtures.js";

/**
 * Opens the app, searches, and returns what the page fetched for the wasm
 * ("gz" or "wasm", with the encoding the server gave it). The service
 * worker's own downloads (its cache, in the background) are not the page's.
 */
async function startsAndSearches(page, server) {
  const fetched = [];
  page.on("response", (response) => {
    const url = new URL(response.url());
    if (!/\.wasm(\.gz)?$/.test(url.pathname)) return;
    const encoding = response.headers()["content-encoding"];
    fetched.push(`${url.pathname.endsWith(".gz") ? "gz" : "wasm"}${encoding ? ` (${encoding})` : ""}`);
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
  // kind, what it sends for the wasm
  ["plain", ["gz"]],
  ["gzip", ["wasm (gzip)"]],
  // The stylesheet came compressed, the wasm does not: the loader stops at
  // the wasm's headers and takes the .gz.
  ["gzip-text", ["wasm", "gz"]],
  ["brotli", ["wasm (br)"]],
  ["apache", ["gz (gzip)"]],
  ["octet-stream", ["gz"]],
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
        expect(await startsAndSearches(page, server)).toEqual(["wasm"]);
      });
    });
  }
});

test("a host that lost the .gz: the app starts from the plain wasm", async ({ page, server }) => {
  await page.route(/\.wasm\.gz$/, (route) => route.fulfill({ status: 404, body: "" }));
  expect(await startsAndSearches(page, server)).toEqual(["gz", "wasm"]);
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
