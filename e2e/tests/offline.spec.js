// Offline after the first visit, installable, updated safely, on any static
// host (at the root or under a sub-path).
import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test, expect, DIST, SUB_PATH, open, count, openFilters, closeFilters, isOwn } from "./fixtures.js";
import { chromium } from "@playwright/test";
import { serve } from "../static-server.mjs";
import { chromiumOptions } from "../chromium.mjs";

/** Waits until the service worker controls the page: it now works offline. */
async function offlineReady(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
}

/** The bytes in the app's cache. */
async function cachedBytes(page) {
  return page.evaluate(async () => {
    let bytes = 0;
    let files = 0;
    for (const key of await caches.keys()) {
      const cache = await caches.open(key);
      for (const request of await cache.keys()) {
        bytes += (await (await cache.match(request)).arrayBuffer()).byteLength;
        files += 1;
      }
    }
    return { bytes, files };
  });
}

for (const base of ["/", "/a/b/"]) {
  test(`after one visit the app works with the server stopped (served at ${base})`, async ({ browser }) => {
    const server = await serve(DIST, { base });
    const context = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    // What a promise left unhandled says (a phone's console, unseen), and
    // when the app has its registration (it listens for the network then).
    await context.addInitScript(() => {
      window.rejections = [];
      addEventListener("unhandledrejection", (event) => window.rejections.push(String(event.reason)));
      const register = ServiceWorkerContainer.prototype.register;
      ServiceWorkerContainer.prototype.register = function (...args) {
        window.registered = register.apply(this, args);
        return window.registered;
      };
    });
    const page = await context.newPage();
    const origin = new URL(server.url).origin;
    const foreign = [];
    page.on("request", (r) => {
      if (!isOwn(r.url(), origin)) foreign.push(r.url());
    });
    const started = Date.now();
    await open(page, server);
    await offlineReady(page);
    const ready = Date.now() - started;
    const cached = await cachedBytes(page);
    console.log(`[offline ${base}] offline-ready after ${ready} ms; ${cached.files} files, ${cached.bytes} bytes cached`);
    expect(cached.files).toBeGreaterThanOrEqual(9);

    await server.close();
    await context.setOffline(true);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
    await expect(page.getByText("Hors ligne")).toBeVisible();
    // The network seems back, the host is not: the app's look for a new
    // version fails quietly (a check of our own, queued after the app's,
    // says when it has failed).
    await page.evaluate(async () => {
      await window.registered;
      await new Promise((ok) => setTimeout(ok, 0));
      dispatchEvent(new Event("online"));
      const registration = await navigator.serviceWorker.getRegistration();
      await registration.update().catch(() => {});
      // (Unhandled rejections are told in a task of their own, later.)
      await new Promise((ok) => setTimeout(ok, 200));
    });
    expect(await page.evaluate(() => window.rejections)).toEqual([]);
    // Filter, search, open a défi, write a note, reload: all offline.
    await openFilters(page);
    await page.getByRole("checkbox", { name: /^Rennes/ }).check();
    await closeFilters(page);
    await expect(count(page)).toHaveText("14 défis sur 18");
    await page.getByRole("searchbox").fill("piscine");
    await expect(count(page)).toHaveText("1 défi sur 18");
    await page.locator(".card").getByRole("link").click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("écoles municipales de natation");
    const note = page.getByRole("textbox", { name: "Ma note" });
    await note.fill("Écrit hors ligne");
    await expect(page.locator(".save-state")).toHaveText("Enregistrée sur cet appareil.");
    await page.reload();
    await expect(page.getByRole("textbox", { name: "Ma note" })).toHaveValue("Écrit hors ligne");
    // Any other view of the app opens too.
    await page.goto(server.url + "?site=cluny&q=habitant");
    await expect(count(page)).toHaveText("1 défi sur 18");
    expect(foreign).toEqual([]);
    await context.close();
  });
}

test("a new deploy while the app is open: notice, reload, the note kept, old caches gone", async ({ browser }) => {
  const root = await mkdtemp(join(tmpdir(), "carnet-deploy-"));
  await cp(DIST, root, { recursive: true });
  const server = await serve(root, { base: SUB_PATH });
  const context = await browser.newContext({ viewport: { width: 375, height: 667 } });
  const page = await context.newPage();
  await open(page, server, "?defi=rennes-13");
  await offlineReady(page);
  const first = await page.locator("meta[name=carnet-version]").getAttribute("content");
  expect(await page.evaluate(() => caches.keys())).toEqual([`carnet-des-defis-${first}`]);

  // The participant is typing when the new version is deployed.
  await page.getByRole("textbox", { name: "Ma note" }).fill("Tapé pendant la mise à jour");
  const second = "deuxieme-version";
  const sw = await readFile(join(root, "sw.js"), "utf8");
  await writeFile(join(root, "sw.js"), sw.replace(`const VERSION = "${first}"`, `const VERSION = "${second}"`));
  const index = await readFile(join(root, "index.html"), "utf8");
  await writeFile(join(root, "index.html"), index.replace(`content="${first}"`, `content="${second}"`));
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));

  const notice = page.getByRole("status").filter({ hasText: "Une nouvelle version du carnet est prête." });
  await expect(notice).toBeVisible({ timeout: 15_000 });
  await notice.getByRole("button", { name: "Recharger" }).click();
  await page.waitForFunction(
    (v) => document.querySelector("meta[name=carnet-version]")?.content === v,
    second,
    { timeout: 15_000 },
  );
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  await expect(page.getByRole("textbox", { name: "Ma note" })).toHaveValue("Tapé pendant la mise à jour");
  await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([`carnet-des-defis-${second}`]);
  await context.close();
  await server.close();
});

test("the manifest is valid and Chromium finds the app installable", async ({ server }) => {
  // A real profile: Chromium never offers to install from an incognito one.
  const profile = await mkdtemp(join(tmpdir(), "carnet-profile-"));
  const context = await chromium.launchPersistentContext(profile, chromiumOptions({ viewport: { width: 375, height: 667 } }));
  const page = await context.newPage();
  await open(page, server);
  await offlineReady(page);
  const cdp = await page.context().newCDPSession(page);
  const manifest = await cdp.send("Page.getAppManifest");
  expect(manifest.errors).toEqual([]);
  const data = JSON.parse(manifest.data);
  expect(data).toMatchObject({
    name: "Carnet des défis",
    short_name: "Défis",
    lang: "fr",
    start_url: "./",
    scope: "./",
    display: "standalone",
  });
  expect(data.description).toMatch(/université d’été 2018/);
  const purposes = data.icons.map((i) => `${i.sizes} ${i.purpose}`);
  expect(purposes).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  expect(installabilityErrors).toEqual([]);
  for (const icon of [...data.icons.map((i) => i.src), "icons/apple-touch-icon.png"]) {
    const response = await page.request.get(new URL(icon, server.url).href);
    expect(response.status(), icon).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/png");
  }
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute("href", "icons/apple-touch-icon.png");
  await context.close();
});
