// The organiser's path: the app built from another data file (a synthetic
// 2019 edition, 150 défis on 13 sites: e2e/edition.mjs, which .ci/test runs
// first) shows that edition, not the 2018 one.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { test, expect, open, count, openFilters, closeFilters } from "./fixtures.js";
import { DEFIS, EDITION_DIST, SITES } from "../edition.mjs";

const N = "\u202f";

test.use({ dist: EDITION_DIST });

test.beforeAll(() => {
  if (!existsSync(join(EDITION_DIST, "index.html"))) {
    throw new Error(`${EDITION_DIST} is missing: build it with \`node e2e/edition.mjs\` (.ci/test does, before the end-to-end tests)`);
  }
});

test("the list, the top bar and the footer are those of the other edition", async ({ page, server }) => {
  await open(page, server);
  await expect(count(page)).toHaveText(`${DEFIS} défis sur ${DEFIS}`);
  await expect(page.locator(".brand-event")).toHaveText("Édition synthétique · juillet 2019");
  await expect(page.locator(".footer")).toHaveText("Textes synthétiques écrits pour les tests du carnet. Carnet non officiel.");
  await expect(page.locator("body")).not.toContainText("2018");
  await expect(page.locator("body")).not.toContainText("Bretagne Créative");
  await openFilters(page);
  const sites = page.locator("#filtres input[name=site]");
  await expect(sites).toHaveCount(SITES.length);
  await expect(page.locator("#filtres .option-label", { hasText: "Besançon" })).toHaveCount(1);
  // One défi of the 150 has a theme given by its source: the others are editorial.
  await expect(page.locator("#filtres .legend-note")).toHaveText("(classement éditorial)");
  await page.getByRole("checkbox", { name: /^Besançon/ }).check();
  await expect(page.locator(".filters-done")).toHaveText("Voir les 12 défis");
  await closeFilters(page);
  await expect(count(page)).toHaveText(`12 défis sur ${DEFIS}`);
});

test("the À propos view tells that edition, with counts taken from its data", async ({ page, server }) => {
  await open(page, server, "?vue=apropos");
  const about = page.locator(".about");
  await expect(about).toContainText("4e édition (synthétique) de l’Université synthétique de l’innovation publique territoriale");
  await expect(about).toContainText("simultanément sur 13 sites");
  await expect(about).toContainText(`Les ${DEFIS} défis d’une édition synthétique, sur 13 sites et sous cinq thèmes${N}: des données de test`);
  await expect(about).toContainText("Le Centre synthétique a regroupé les projets de l’université sous cinq thèmes");
  await expect(about).toContainText("Pour certains défis, aucune source ne dit à quel thème ils appartiennent");
  await expect(about).toContainText("Textes synthétiques, libres de droits");
  // No disclaimer in this data file: the 2018 one is not shown.
  await expect(about).not.toContainText("CNFPT");
});

test("a défi of that edition opens", async ({ page, server }) => {
  await open(page, server);
  await page.getByRole("link", { name: /défi synthétique 2\)/ }).click();
  await expect(page).toHaveURL(/\?defi=besancon-1$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Comment repenser la santé et la culture à Besançon${N}? (défi synthétique 2)`);
  const facts = page.locator(".facts");
  await expect(facts).toContainText("Collectivité synthétique 2");
  await expect(facts).toContainText("classement éditorial du carnet");
  await expect(page).toHaveTitle(/^Défi 1\s:\sComment repenser la santé/);
});

test("the pre-rendered page, the description and the manifest are that edition's", async ({ page, server, browser }) => {
  const withoutScript = await browser.newPage({ javaScriptEnabled: false });
  await withoutScript.goto(server.url);
  await expect(withoutScript.locator(".count")).toHaveText(`${DEFIS} défis sur ${DEFIS}`);
  await expect(withoutScript.locator(".brand-event")).toHaveText("Édition synthétique · juillet 2019");
  await expect(withoutScript.locator(".more")).toHaveText("Afficher 24 défis de plus (126 restants)");
  await expect(withoutScript.locator("meta[name=description]")).toHaveAttribute(
    "content",
    /^Les défis d’une édition synthétique de 2019, écrite pour les tests, à parcourir sur un téléphone\s:\sfiltrer/,
  );
  await withoutScript.close();
  const manifest = await (await page.request.get(server.url + "manifest.webmanifest")).json();
  expect(manifest.description).toMatch(/^Les défis d’une édition synthétique de 2019, écrite pour les tests\s:\sfiltrer/);
});

test("the app swaps itself in for that edition's pre-rendered list without a change", async ({ server, browser }) => {
  // As quality.spec.js does for 2018: the same markup, before and after the app runs.
  const canonical = (root) => {
    const walk = (n) => {
      if (n.nodeType === 3) return n.data.replace(/\s+/g, " ");
      if (n.nodeType !== 1) return "";
      const attrs = [...n.attributes].filter((a) => a.name !== "href").map((a) => `${a.name}="${a.value}"`).sort().join(" ");
      return `<${n.localName} ${attrs}>${[...n.childNodes].map(walk).join("")}</${n.localName}>`;
    };
    return walk(root);
  };
  const withoutScript = await browser.newPage({ javaScriptEnabled: false, viewport: { width: 375, height: 667 } });
  await withoutScript.goto(server.url);
  const prerendered = await withoutScript.locator("#app").evaluate(canonical);
  expect(prerendered).toContain(`${DEFIS} défis sur ${DEFIS}`);
  const page = await browser.newPage({ viewport: { width: 375, height: 667 } });
  await open(page, server);
  expect(await page.locator("#app").evaluate(canonical)).toBe(prerendered);
});

test("Back from a défi past the first cards, or « Retour à la liste » after « Défi suivant », finds its card there", async ({ page, server }) => {
  await open(page, server);
  const cards = page.locator(".card");
  await expect(cards).toHaveCount(24);
  await page.locator(".more").click();
  await expect(cards).toHaveCount(48);
  // The 30th défi, then Back: the list opens with it (not with the first
  // 24 only), at the same place, its link focused.
  const thirtieth = cards.nth(29);
  const id = await thirtieth.getAttribute("id");
  await thirtieth.getByRole("link").click();
  await expect(page).toHaveURL(/\?defi=/);
  await page.goBack();
  await expect(page.locator(`#${id}`).getByRole("link")).toBeFocused();
  await expect(page.locator(`#${id}`)).toBeInViewport();
  // The 24th, « Défi suivant » to the 25th, « Retour à la liste ».
  const twentyFifth = await cards.nth(24).getAttribute("id");
  await cards.nth(23).getByRole("link").click();
  await page.getByRole("link", { name: "Défi suivant →" }).click();
  await expect(page).toHaveURL(new RegExp(`\\?defi=${twentyFifth.replace("carte-", "")}$`));
  await page.getByRole("link", { name: "Retour à la liste" }).click();
  await expect(page.locator(`#${twentyFifth}`).getByRole("link")).toBeFocused();
  await expect(page.locator(`#${twentyFifth}`)).toBeInViewport();
});
