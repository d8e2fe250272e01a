// What a participant does not see but relies on: accessibility (axe-core, touch
// targets, dark mode), the pre-rendered first view, sharing.
import { test, expect, open, openFilters, axeViolations, count } from "./fixtures.js";

for (const colorScheme of ["light", "dark"]) {
  test.describe(`${colorScheme} mode`, () => {
    test.use({ colorScheme });

    test("axe-core finds no violation in the list, filters closed and open", async ({ page, server }) => {
      await open(page, server, "?site=rennes&q=agents");
      expect(await axeViolations(page)).toEqual([]);
      await openFilters(page);
      expect(await axeViolations(page)).toEqual([]);
    });

    test("axe-core finds no violation in one défi, an empty result and À propos", async ({ page, server }) => {
      await open(page, server, "?defi=rennes-01&q=etel");
      expect(await axeViolations(page)).toEqual([]);
      await open(page, server, "?q=aucun-resultat-possible");
      await expect(count(page)).toHaveText("Aucun défi sur 18");
      expect(await axeViolations(page)).toEqual([]);
      await open(page, server, "?vue=apropos");
      expect(await axeViolations(page)).toEqual([]);
    });
  });
}

test("the page follows the system's dark mode", async ({ page, server }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await open(page, server);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(19, 21, 25)");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
});

test("every control of the list is at least 44 px tall on a phone", async ({ page, server }) => {
  await open(page, server, "?site=rennes");
  const small = async () =>
    page.evaluate(() =>
      [...document.querySelectorAll("button, input, a, label.option")]
        .filter((e) => e.offsetParent !== null && !e.closest(".visually-hidden"))
        .map((e) => {
          // A card's link covers the whole card (its ::after).
          const box = (e.classList.contains("card-link") ? e.closest(".card") : e).getBoundingClientRect();
          return { what: e.outerHTML.slice(0, 80), height: box.height };
        })
        .filter((e) => e.height < 44),
    );
  // Checkboxes are inside 44 px labels: the label is the target.
  const list = (await small()).filter((e) => !e.what.startsWith("<input type=\"checkbox\"") && !e.what.startsWith('<input id="f-'));
  expect(list).toEqual([]);
  await openFilters(page);
  const sheet = (await small()).filter((e) => !e.what.startsWith('<input id="f-'));
  expect(sheet).toEqual([]);
});

test("the pre-rendered first view is the view the app renders", async ({ browser, server }) => {
  // The same element tree, attributes in any order, links aside (the app
  // writes them with the full path).
  const canonical = (root) => {
    const walk = (n) => {
      if (n.nodeType === 3) return n.data.replace(/\s+/g, " ");
      if (n.nodeType !== 1) return "";
      const attrs = [...n.attributes]
        .filter((a) => a.name !== "href")
        .map((a) => `${a.name}="${a.value}"`)
        .sort()
        .join(" ");
      return `<${n.localName} ${attrs}>${[...n.childNodes].map(walk).join("")}</${n.localName}>`;
    };
    return walk(root);
  };
  const withoutScript = await browser.newPage({ javaScriptEnabled: false, viewport: { width: 375, height: 667 } });
  await withoutScript.goto(server.url);
  const prerendered = await withoutScript.locator("#app").evaluate(canonical);
  expect(prerendered).toContain("18 défis sur 18");
  const page = await browser.newPage({ viewport: { width: 375, height: 667 } });
  await open(page, server);
  const rendered = await page.locator("#app").evaluate(canonical);
  expect(rendered).toBe(prerendered);
});

test("a link typed before the app starts is kept", async ({ page, server }) => {
  // Delay the wasm so that the pre-rendered page is what the reader sees.
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route(/\.wasm(\.gz)?$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(server.url);
  await page.locator("#recherche").fill("natation");
  release();
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  await expect(page.locator("#recherche")).toHaveValue("natation");
  await expect(count(page)).toHaveText("1 défi sur 18");
});

test("Partager copies the link of what is on screen", async ({ page, server, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });
  await open(page, server, "?site=cluny");
  await page.getByRole("searchbox").fill("habitant");
  await page.getByRole("button", { name: "Partager" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Lien copié" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(`${server.url}?site=cluny&q=habitant`);
  // The link opens the same view elsewhere.
  const other = await context.newPage();
  await other.goto(copied);
  await expect(other.locator(".count")).toHaveText("1 défi sur 18");
  await expect(other.getByRole("searchbox")).toHaveValue("habitant");
});

test("what Partager said goes when the view changes: it never shows another view's link", async ({ page, server, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(server.url).origin });
  await open(page, server, "?site=rennes");
  await page.getByRole("button", { name: "Partager" }).click();
  const copied = page.getByRole("status").filter({ hasText: "Lien copié" });
  await expect(copied).toBeVisible();
  await page.getByRole("searchbox").fill("ecole");
  await expect(copied).toHaveCount(0);
  // Back to the view it was for, it does not come back: it is no news.
  await page.getByRole("searchbox").fill("");
  await expect(count(page)).toHaveText("14 défis sur 18");
  await expect(copied).toHaveCount(0);
  await page.getByRole("searchbox").fill("ecole");
  // Where nothing can be copied, the link to copy by hand goes too.
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("refusé", "NotAllowedError"));
  });
  await page.getByRole("button", { name: "Partager" }).click();
  const manual = page.getByRole("textbox", { name: "Lien de cette vue" });
  await expect(manual).toHaveValue(`${server.url}?site=rennes&q=ecole`);
  await expect(page.getByRole("status").filter({ hasText: "Copiez ce lien pour l’envoyer" })).toBeVisible();
  await page.getByRole("button", { name: "Retirer le filtre Site : Rennes" }).click();
  await expect(manual).toHaveCount(0);
  await expect(page.getByRole("status").filter({ hasText: "Copiez ce lien" })).toHaveCount(0);
  // Pressed again, it gives this view's link.
  await page.getByRole("button", { name: "Partager" }).click();
  await expect(manual).toHaveValue(`${server.url}?q=ecole`);
});

test("on a narrow phone, À propos is an ⓘ whose current-page mark is a bar under the circle", async ({ page, server }) => {
  await open(page, server, "?vue=apropos");
  const link = page.getByRole("link", { name: "À propos" });
  await expect(link).toHaveAttribute("aria-current", "page");
  const mark = await link.evaluate((a) => {
    const circle = getComputedStyle(a, "::before");
    const bar = getComputedStyle(a, "::after");
    const box = a.getBoundingClientRect();
    // The circle is centred in the link; the bar is set from the bottom.
    const circleBottom = box.top + box.height / 2 + parseFloat(circle.height) / 2;
    const barTop = box.bottom - parseFloat(bar.bottom) - parseFloat(bar.height);
    return { underline: getComputedStyle(a).textDecorationLine, bar: bar.height, circleBottom, barTop };
  });
  // An underline crosses the circle in Firefox: none, and a bar below it.
  expect(mark.underline).toBe("none");
  expect(mark.bar).toBe("3px");
  expect(mark.barTop).toBeGreaterThan(mark.circleBottom);
});
