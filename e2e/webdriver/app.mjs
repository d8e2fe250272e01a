// What the WebDriver tests do with the app and read from it: explicit waits
// on what the participant sees, never a pause.
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { By } from "selenium-webdriver";

export const WAIT = 15_000;

/**
 * Waits until `read()` gives `expected` (deep equality), then returns it;
 * on time out, fails with the last value read.
 */
export async function eventually(driver, what, read, expected, timeout = WAIT) {
  let last;
  let error;
  try {
    await driver.wait(
      async () => {
        try {
          last = await read();
          error = undefined;
        } catch (e) {
          // The page may be between two documents.
          error = e;
          return false;
        }
        try {
          assert.deepEqual(last, expected);
          return true;
        } catch {
          return false;
        }
      },
      timeout,
      what,
    );
  } catch {
    if (error) throw new Error(`${what}: ${error.message}`);
    assert.deepEqual(last, expected, what);
  }
  return last;
}

/** Runs `fn` in the page (WebDriver's scripts are not bound by its policy). */
export function inPage(driver, fn, ...args) {
  return driver.executeScript(`return (${fn}).apply(null, arguments)`, ...args);
}

/** Waits until the app runs: the html element says data-app="ready". */
export async function ready(driver) {
  await eventually(driver, "the app runs (html[data-app=ready])", () => inPage(driver, () => document.documentElement.dataset.app), "ready");
}

/** Opens a view of the app (a query string) and waits for the app to run. */
export async function open(driver, server, query = "") {
  await driver.get(server.url + query);
  await ready(driver);
}

/**
 * Reloads as the participant does (location.reload(): WebDriver's own
 * Refresh bypasses the service worker in Firefox), and waits for the new
 * document's app to run.
 */
export async function reload(driver) {
  await inPage(driver, () => {
    window.__beforeReload = true;
    setTimeout(() => location.reload(), 0);
  });
  await eventually(
    driver,
    "the reloaded page runs the app",
    () => inPage(driver, () => window.__beforeReload === undefined && document.documentElement.dataset.app === "ready"),
    true,
  );
}

/** Goes to a URL from the page itself, as a link would (through the service worker). */
export async function go(driver, url) {
  await inPage(driver, (u) => {
    window.__beforeReload = true;
    setTimeout(() => location.assign(u), 0);
  }, url);
  await eventually(
    driver,
    `the app runs at ${url}`,
    () => inPage(driver, (u) => window.__beforeReload === undefined && location.href === u && document.documentElement.dataset.app === "ready", url),
    true,
  );
}

/** The visible text of the first element that matches `css`, or null. */
export function text(driver, css) {
  return inPage(driver, (s) => document.querySelector(s)?.innerText.trim() ?? null, css);
}

/** The visible texts of every element that matches `css`. */
export function texts(driver, css) {
  return inPage(driver, (s) => [...document.querySelectorAll(s)].map((e) => e.innerText.trim()), css);
}

/** The titles of the cards in the list, in order. */
export function cardTitles(driver) {
  return texts(driver, ".cards .card-title");
}

/** The count line: « 5 défis sur 18 ». */
export function count(driver) {
  return text(driver, ".count");
}

/** The element that matches `css`, once it is shown. */
export async function shown(driver, css) {
  const element = await driver.wait(async () => {
    const found = await driver.findElements(By.css(css));
    for (const e of found) if (await e.isDisplayed()) return e;
    return null;
  }, WAIT, `${css} is shown`);
  return element;
}

/** Clicks the element that matches `css`, once it is shown. */
export async function click(driver, css) {
  const element = await shown(driver, css);
  await element.click();
  return element;
}

/** The button whose accessible name (aria-label) starts with `label`. */
export function labelled(label) {
  return `[aria-label^="${label.replace(/"/g, '\\"')}"]`;
}

/** Saves a screenshot under $WEBDRIVER_SHOTS, if set, as <name>.png. */
export async function screenshot(driver, name) {
  const folder = process.env.WEBDRIVER_SHOTS;
  if (!folder) return;
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, `${name}.png`), Buffer.from(await driver.takeScreenshot(), "base64"));
}
