// Before the app runs: on a slow network the wasm takes seconds to arrive,
// and the pre-rendered page must not be a dead end meanwhile.
import { test, expect, count } from "./fixtures.js";

/** Holds back the wasm until `release()` is called. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await page.route(/\.wasm(\.gz)?$/, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

test("a link to a défi shows its card and « Chargement… » until the app runs", async ({ page, server }) => {
  const release = await holdWasm(page);
  await page.goto(server.url + "?defi=rennes-04", { waitUntil: "domcontentloaded" });
  const card = page.locator(".card", { hasText: "Défi 4" });
  await expect(card).toBeVisible();
  await expect(card).toContainText("Comment faciliter et mutualiser l’accès aux services publics");
  await expect(page.locator(".card:visible")).toHaveCount(1);
  await expect(page.getByRole("status").filter({ hasText: "Chargement…" })).toBeVisible();
  release();
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Comment faciliter et mutualiser");
  await expect(page.getByText("Chargement…")).toBeHidden();
});

test("a tap on « Filtres » made before the app runs is kept and given to it", async ({ page, server }) => {
  const release = await holdWasm(page);
  await page.goto(server.url, { waitUntil: "domcontentloaded" });
  await page.getByRole("button", { name: /^Filtres/ }).click();
  await expect(page.getByText("Chargement…")).toBeVisible();
  release();
  await expect(page.getByRole("dialog", { name: "Filtres" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
});

test("a card's link tapped before the app runs opens the défi once it runs, without loading the page again", async ({ page, server }) => {
  const release = await holdWasm(page);
  await page.goto(server.url, { waitUntil: "domcontentloaded" });
  const pages = () => server.requests.filter((r) => !/\.\w+$/.test(r.split("?")[0])).length;
  const before = pages();
  await page.locator(".card", { hasText: "Défi 8" }).getByRole("link").click();
  await expect(page.getByText("Chargement…")).toBeVisible();
  release();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Comment créer un accueil commun");
  await expect(page).toHaveURL(/\?defi=rennes-08$/);
  expect(pages()).toBe(before);
});

test("taps before the app runs reach the control tapped, whatever the app shows first", async ({ page, server }) => {
  const release = await holdWasm(page);
  await page.goto(server.url, { waitUntil: "domcontentloaded" });
  // Typed first: once the app runs, chips (« Tout effacer ») come before the
  // cards, so the page's controls are no longer in the same places.
  await page.getByRole("searchbox").fill("eco");
  await page.getByRole("button", { name: /^Favori : Comment définir les critères/ }).click();
  release();
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  await expect(page.getByRole("searchbox")).toHaveValue("eco");
  await expect(page.getByRole("button", { name: /^Favori : Comment définir les critères/ })).toHaveAttribute("aria-pressed", "true");
});

test("a card's link tapped after typing, before the app runs, opens that défi", async ({ page, server }) => {
  const release = await holdWasm(page);
  await page.goto(server.url, { waitUntil: "domcontentloaded" });
  await page.getByRole("searchbox").fill("rennes");
  await page.locator(".card", { hasText: "Défi 11" }).getByRole("link").click();
  release();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Comment les sujets des citoyens remontent");
  await expect(page).toHaveURL(/\?defi=rennes-11$/);
});

/** The card at the top of the screen, and where it stands. */
const topCard = (page) =>
  page.evaluate(() => {
    const card = [...document.querySelectorAll(".card")].find((c) => c.getBoundingClientRect().bottom > 0);
    return { id: card.id, top: Math.round(card.getBoundingClientRect().top) };
  });

test("a reader who jumped down the list before the app runs keeps their place when it takes over", async ({ page, server }) => {
  const release = await holdWasm(page);
  await page.goto(server.url, { waitUntil: "domcontentloaded" });
  // A jump, not a scroll through the list (a link to a card, the end key,
  // the find bar): whatever the page did not lay out on the way.
  await page.evaluate(() => scrollTo(0, 4000));
  const before = await topCard(page);
  expect(before.id).not.toBe("carte-rennes-01");
  release();
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  expect(await topCard(page)).toEqual(before);
});

test("Back from a défi opened before the app runs comes back to the same place in the list", async ({ page, server }) => {
  const release = await holdWasm(page);
  await page.goto(server.url, { waitUntil: "domcontentloaded" });
  const card = page.locator(".card", { hasText: "Défi 12" });
  await card.scrollIntoViewIfNeeded();
  const place = await topCard(page);
  await card.getByRole("link").click();
  await expect(page.getByText("Chargement…")).toBeVisible();
  release();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Comment veiller au bon");
  // Its history entry is written after the défi's first paint (Back before
  // it leaves the app, as after any tap): the address bar says when.
  await expect(page).toHaveURL(/\?defi=rennes-12$/);
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Les défis");
  await expect(page.locator(".card", { hasText: "Défi 12" }).getByRole("link")).toBeFocused();
  await expect.poll(() => topCard(page)).toEqual(place);
});

test("when the app cannot start, the page says so and what it shows stays readable", async ({ page, server }) => {
  await page.route(/\.wasm(\.gz)?$/, (route) => route.fulfill({ status: 404, body: "" }));
  // A link to a list: the plain list.
  await page.goto(server.url + "?site=rennes", { waitUntil: "domcontentloaded" });
  const failed = page.getByRole("status").filter({ hasText: "Le carnet n’a pas pu démarrer" });
  await expect(failed).toBeVisible();
  await expect(failed).toContainText("les filtres, la recherche et les favoris attendent");
  await expect(page.getByRole("link", { name: "Recharger la page" })).toBeVisible();
  await expect(count(page)).toHaveText("18 défis sur 18");
  await expect(page.locator(".card").first()).toBeVisible();
  // A link to one défi: its card.
  await page.goto(server.url + "?defi=rennes-04", { waitUntil: "domcontentloaded" });
  await expect(failed).toBeVisible();
  await expect(page.locator(".card:visible")).toHaveCount(1);
  await expect(page.locator(".card:visible")).toContainText("Comment faciliter et mutualiser");
});

test("one défi opened from a link is styled from its first frame, however late the other pages' stylesheet", async ({ page, server }) => {
  // The list's stylesheet is in the page; the other pages' comes with the
  // app, which waits for it.
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await page.route(/\/pages-[^/]*\.css(\.gz)?$/, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(server.url + "?defi=rennes-04", { waitUntil: "domcontentloaded" });
  await page.waitForTimeout(500);
  // Everything but the stylesheet has arrived: the app has not shown the défi.
  await expect(page.locator("html")).not.toHaveAttribute("data-app", "ready");
  await expect(page.getByRole("status").filter({ hasText: "Chargement…" })).toBeVisible();
  release();
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  const title = page.getByRole("heading", { level: 1 });
  await expect(title).toContainText("Comment faciliter et mutualiser");
  // 1.375rem, from pages.css.
  expect(await title.evaluate((h) => getComputedStyle(h).fontSize)).toBe("22px");
});

test("the favicon is inside the page: nothing but the page is asked for before the first paint", async ({ page, server }) => {
  await page.goto(server.url, { waitUntil: "domcontentloaded" });
  const icon = page.locator('link[rel="icon"]');
  await expect(icon).toHaveAttribute("href", /^data:image\/png;base64,/);
  // It is the 32 px icon, and the policy lets it show.
  const size = await icon.evaluate(async (link) => {
    const image = new Image();
    image.src = link.href;
    await image.decode();
    return [image.naturalWidth, image.naturalHeight];
  });
  expect(size).toEqual([32, 32]);
  // Long after the load, when a browser asks for a favicon file.
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  expect(server.requests.filter((r) => /favicon/.test(r))).toEqual([]);
});
