// What every test shares: the release build served under a sub-path by a
// plain static server, and a page that fails the test on any script error,
// any console error, or any request to another origin.
import { test as base, expect } from "@playwright/test";
import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { serve } from "../static-server.mjs";

export const DIST = fileURLToPath(new URL("../../dist", import.meta.url));
export const SUB_PATH = "/un/sous-dossier/";

const AXE = readFileSync(fileURLToPath(new URL("../node_modules/axe-core/axe.min.js", import.meta.url)), "utf8");

/** A URL of the app's origin: its files, a blob: it made, or a data: URL. */
export const isOwn = (url, origin) => url.startsWith("data:") || new URL(url).origin === origin;

export const test = base.extend({
  // The kind of server (see ../static-server.mjs); `test.use` changes it.
  serverKind: ["plain", { option: true }],
  // The build it serves; `test.use` changes it (edition.spec.js).
  dist: [DIST, { option: true }],
  // One server per test, so a test can stop it (offline) without harming others.
  server: async ({ serverKind, dist }, use) => {
    const server = await serve(dist, { base: SUB_PATH, kind: serverKind });
    await use(server);
    await server.close();
  },
  page: async ({ page, server }, use, testInfo) => {
    const problems = [];
    // Any breach of the Content Security Policy fails the test.
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" && !/Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
      if (/Content.Security.Policy|CSP violation/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
    });
    const origin = new URL(server.url).origin;
    page.on("request", (r) => {
      const url = r.url();
      if (!isOwn(url, origin)) {
        problems.push(`request to another origin: ${url}`);
      }
    });
    await use(page);
    // A test that provokes a violation on purpose says so.
    const expected = testInfo.annotations.some((a) => a.type === "csp-violation-expected");
    expect(
      problems.filter((p) => !(expected && /CSP|Content.Security|script-src/i.test(p))),
      "errors and foreign requests",
    ).toEqual([]);
  },
});

export { expect };

/** Opens a view of the app (a query string) and waits for the app to run. */
export async function open(page, server, query = "") {
  await page.goto(server.url + query);
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
}

/** The titles of the cards in the list, in order. */
export async function cardTitles(page) {
  return page.locator(".cards .card-title").allInnerTexts();
}

/** The count line: « 5 défis sur 18 ». */
export function count(page) {
  return page.locator(".count");
}

/** Opens the filter sheet on a phone (the panel is always shown on a wide screen). */
export async function openFilters(page) {
  const toggle = page.getByRole("button", { name: /^Filtres/ });
  if (await toggle.isVisible()) await toggle.click();
  await expect(page.locator("#filtres")).toBeVisible();
}

/** Closes the filter sheet on a phone. */
export async function closeFilters(page) {
  const done = page.locator(".filters-done");
  if (await done.isVisible()) await done.click();
}

/** Runs axe-core on the page and returns its violations (WCAG 2.1 A and AA). */
export async function axeViolations(page) {
  // Evaluated through the DevTools protocol: the app's CSP does not apply.
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }),
  );
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5),
  }));
}
