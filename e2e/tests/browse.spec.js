// Browsing the défis on a phone: the list, the filters, the search, one défi,
// and the URL as the view. Served under a sub-path, at 375×667.
import { test, expect, open, cardTitles, count, openFilters, closeFilters } from "./fixtures.js";

/** The value of a line of the défi's facts, by its label. */
function fact(page, label) {
  return page.locator(".fact").filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd");
}

const GOUVERNANCE_RENNES = [
  "Comment définir les critères de durabilité d’un projet complexe, en prenant pour étude de cas la reconversion de la glacière municipale ?",
  "Comment co-construire avec les différentes parties prenantes une méthode pour co-concevoir cette nouvelle politique sportive ?",
  "Comment les sujets des citoyens remontent jusqu’au coeur du conseil municipal ?",
];

test("the list shows every défi with its count, and fits a 320 px screen", async ({ page, server }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await open(page, server);
  await expect(count(page)).toHaveText("18 défis sur 18");
  await expect(page.locator(".cards > li")).toHaveCount(18);
  const first = page.locator(".card").first();
  await expect(first.locator(".card-number")).toHaveText("Défi 1");
  await expect(first.locator(".card-site")).toHaveText("Rennes");
  await expect(first.locator(".card-porteur")).toHaveText("Commune d’Étel");
  await expect(first.locator(".tag-level")).toHaveText("Commune");
  await expect(first.locator(".tag-theme")).toHaveText("Gouvernance et e-démocratie");
  const example = page.locator(".card", { hasText: "emplois aidés" });
  await expect(example.locator(".card-porteur")).toHaveText("Porteur non précisé");
  // Nothing wider than the screen, on any page, with the carnet's badge too.
  await page.getByRole("button", { name: /^Favori : Comment définir/ }).click();
  for (const query of ["", "?defi=rennes-02", "?vue=carnet", "?vue=apropos"]) {
    await open(page, server, query);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, query).toBeLessThanOrEqual(320);
  }
});

test("filter by site then theme leaves exactly the expected défis", async ({ page, server }) => {
  await open(page, server);
  await openFilters(page);
  await page.getByRole("checkbox", { name: /^Rennes/ }).check();
  await expect(page.locator(".filters-done")).toHaveText("Voir les 14 défis");
  // Every option counts what it would give with the other filters as they are.
  await expect(page.locator("label[for=f-theme-gouvernance] .option-count")).toContainText("3");
  await expect(page.getByRole("checkbox", { name: /^Strasbourg/ })).toBeDisabled();
  await page.getByRole("checkbox", { name: /^Gouvernance et e-démocratie/ }).check();
  await closeFilters(page);
  await expect(count(page)).toHaveText("3 défis sur 18");
  expect(await cardTitles(page)).toEqual(GOUVERNANCE_RENNES);
  await expect(page).toHaveURL(/\?theme=gouvernance&site=rennes$/);
  // The active filters show as chips that remove themselves.
  const chips = page.getByRole("list", { name: "Filtres actifs" });
  await expect(chips.getByRole("button")).toHaveText(["Gouvernance et e-démocratie×", "Rennes×", "Tout effacer"]);
  await chips.getByRole("button", { name: "Retirer le filtre Site : Rennes" }).click();
  await expect(count(page)).toHaveText("4 défis sur 18");
  await chips.getByRole("button", { name: "Tout effacer" }).click();
  await expect(count(page)).toHaveText("18 défis sur 18");
  await expect(page).toHaveURL(new RegExp(`${server.url}$`.replace(/[/.]/g, "\\$&")));
});

test("several values of one facet widen, facets combine", async ({ page, server }) => {
  await open(page, server, "?site=cluny,martinique");
  await expect(count(page)).toHaveText("2 défis sur 18");
  await openFilters(page);
  await page.getByRole("checkbox", { name: /^Formations à l’innovation/ }).check();
  await closeFilters(page);
  await expect(count(page)).toHaveText("1 défi sur 18");
  await expect(page.locator(".card-site")).toHaveText(["Martinique"]);
});

test("search ignores accents and case, every word must match, matches are marked", async ({ page, server }) => {
  await open(page, server);
  const search = page.getByRole("searchbox", { name: "Rechercher dans les défis" });
  await search.fill("etel");
  await expect(count(page)).toHaveText("1 défi sur 18");
  await expect(page.locator(".card mark")).toHaveText(["Étel"]);
  await search.fill("CHEMILLE");
  await expect(page.locator(".card-porteur")).toHaveText(["Commune de Chemillé-en-Anjou"]);
  await search.fill("ecole natation");
  await expect(count(page)).toHaveText("1 défi sur 18");
  await search.fill("natation dinan");
  await expect(count(page)).toHaveText("Aucun défi sur 18");
  await expect(page.getByText("Aucun défi ne correspond.")).toBeVisible();
  await page.getByRole("button", { name: "Effacer la recherche", exact: true }).click();
  await expect(count(page)).toHaveText("18 défis sur 18");
  await expect(search).toHaveValue("");
});

test("a match outside the card shows the passage it is in", async ({ page, server }) => {
  await open(page, server);
  await page.getByRole("searchbox").pressSequentially("plancton");
  await expect(count(page)).toHaveText("1 défi sur 18");
  await expect(page.locator(".card-excerpt")).toContainText("Parties prenantes");
  await expect(page.locator(".card-excerpt mark")).toHaveText("plancton");
  // The search reaches the URL, so a reload keeps it.
  await expect(page).toHaveURL(/\?q=plancton$/);
  await page.reload();
  await expect(page.getByRole("searchbox")).toHaveValue("plancton");
  await expect(count(page)).toHaveText("1 défi sur 18");
});

test("open a défi and come back to the same filters and scroll position", async ({ page, server }) => {
  await open(page, server, "?site=rennes");
  await expect(count(page)).toHaveText("14 défis sur 18");
  const card = page.locator(".card", { hasText: "Défi 11" });
  await card.scrollIntoViewIfNeeded();
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(300);
  await card.getByRole("link").click();
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText("Comment les sujets des citoyens remontent jusqu’au coeur du conseil municipal ?");
  await expect(heading).toBeFocused();
  await expect(page).toHaveURL(/\?site=rennes&defi=rennes-11$/);
  await expect(page).toHaveTitle(/^Défi 11\u202f: Comment les sujets/);
  // Every field the sources give, and where it comes from.
  await expect(fact(page, "Porteur")).toHaveText("Ville de Saint-Nazaire");
  await expect(fact(page, "Niveau de collectivité")).toHaveText("Commune");
  await expect(fact(page, "Territoire du porteur")).toHaveText("Loire-Atlantique (44), Pays de la Loire");
  await expect(fact(page, "Projet")).toHaveText("non précisé");
  await expect(page.locator(".section h2")).toHaveText(["Territoire", "Enjeux", "Usagers", "Obstacles", "Leviers"]);
  await expect(page.getByText("Objectif = 0 pétition.", { exact: false })).toBeVisible();
  await expect(page.getByText("classement éditorial du carnet", { exact: false })).toBeVisible();
  const source = page.locator(".sources a", { hasText: "L’innovation publique territoriale, du 9 au 11 juillet" });
  await expect(source).toHaveAttribute("href", "http://www.bretagne-creative.net/article2820.html");
  await expect(page.locator(".sources")).toContainText("Creative Commons BY-NC-SA");

  await page.getByRole("link", { name: "Retour à la liste" }).click();
  await expect(page).toHaveURL(/\?site=rennes$/);
  await expect(count(page)).toHaveText("14 défis sur 18");
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled - 5);
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - scrolled)).toBeLessThan(5);
  // The focus is back on the défi's card, where the reader is (not on the
  // title, far above).
  await expect(card.getByRole("link")).toBeFocused();
});

test("a défi with no description says what the sources do not give", async ({ page, server }) => {
  await open(page, server, "?defi=la-reunion-emplois-aides");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "La suppression programmée des emplois aidés : comment construire la boîte à outils du changement",
  );
  await expect(fact(page, "Porteur")).toHaveText("non précisé");
  await expect(page.locator(".missing")).toHaveText(
    "Non précisé dans les sources : territoire, enjeux, parties prenantes ou usagers, obstacles, leviers.",
  );
  // Opened from a link, « Retour à la liste » leads to the list.
  await page.getByRole("link", { name: "Retour à la liste" }).click();
  await expect(count(page)).toHaveText("18 défis sur 18");
});

test("« Retour à la liste » after « Défi suivant » shows the list where the défi read last sits", async ({ page, server }) => {
  await open(page, server);
  await page.locator("#carte-rennes-09").getByRole("link").click();
  await page.getByRole("link", { name: "Défi suivant →" }).click();
  await expect(page).toHaveURL(/\?defi=rennes-10$/);
  await page.getByRole("link", { name: "Retour à la liste" }).click();
  await expect(count(page)).toHaveText("18 défis sur 18");
  // Not the top of the list: the card of the défi left, on screen, its
  // link focused.
  const card = page.locator("#carte-rennes-10");
  await expect(card.getByRole("link")).toBeFocused();
  await expect(card).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(500);
});

test("reloading a filtered URL gives the same cards, Back and Forward walk the views", async ({ page, server }) => {
  await open(page, server, "?theme=services&niveau=commune");
  const before = await cardTitles(page);
  expect(before.length).toBe(3);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  expect(await cardTitles(page)).toEqual(before);

  await openFilters(page);
  await page.getByRole("checkbox", { name: /^Intercommunalité/ }).check();
  await closeFilters(page);
  await expect(count(page)).toHaveText("5 défis sur 18");
  await page.goBack();
  await expect(count(page)).toHaveText("3 défis sur 18");
  await expect(page).toHaveURL(/\?theme=services&niveau=commune$/);
  await page.goForward();
  await expect(count(page)).toHaveText("5 défis sur 18");
});

test("a link with values this edition does not know shows, and says in the address bar, what it shows", async ({ page, server }) => {
  await open(page, server, "?site=nulle-part&niveau=commune&theme=services&utm_source=lettre");
  await expect(count(page)).toHaveText("3 défis sur 18");
  // The address is the view: a link copied from it opens these 3 défis.
  await expect(page).toHaveURL(/\?theme=services&niveau=commune$/);
  await page.reload();
  await expect(count(page)).toHaveText("3 défis sur 18");
  // Commas a mail client encoded, a capital typed by hand, a blank search.
  await open(page, server, "?site=Rennes%2Crennes&q=++");
  await expect(count(page)).toHaveText("14 défis sur 18");
  await expect(page).toHaveURL(/\?site=rennes$/);
  await expect(page.getByRole("searchbox")).toHaveValue("");
});

test("a link to a défi the carnet does not hold says so", async ({ page, server }) => {
  await open(page, server, "?defi=n-existe-pas");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ce défi n’existe pas (ou plus)");
});

test("the À propos view names the event, the sources and their licence", async ({ page, server }) => {
  await open(page, server);
  await page.getByRole("link", { name: "À propos" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("À propos");
  await expect(page).toHaveURL(/\?vue=apropos$/);
  const about = page.locator(".about");
  await expect(about).toContainText("Université européenne de l’innovation publique territoriale");
  await expect(about).toContainText("Creative Commons BY-NC-SA");
  await expect(about).toContainText("Classement éditorial.");
  await expect(about.locator("a[href='http://www.bretagne-creative.net/article2820.html']")).toHaveCount(1);
});

test("the filter sheet works with the keyboard alone", async ({ page, server }) => {
  await open(page, server);
  await page.getByRole("button", { name: /^Filtres/ }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Filtres" })).toBeFocused();
  await page.keyboard.press("Tab"); // Fermer
  await page.keyboard.press("Tab"); // the first theme
  await expect(page.getByRole("checkbox", { name: /^Services publics innovants/ })).toBeFocused();
  await page.keyboard.press("Space");
  await expect(page.locator(".filters-done")).toHaveText("Voir les 6 défis");
  await page.keyboard.press("Escape");
  await expect(page.locator("#filtres")).toBeHidden();
  await expect(page.getByRole("button", { name: /^Filtres/ })).toBeFocused();
  await expect(count(page)).toHaveText("6 défis sur 18");
});

test("Escape closes the filter sheet wherever the focus is, even before it reached the sheet", async ({ page, server }) => {
  await open(page, server);
  await page.getByRole("button", { name: /^Filtres/ }).click();
  const sheet = page.getByRole("dialog", { name: "Filtres" });
  await expect(sheet).toBeVisible();
  // The focus on nothing, as in the frame before it reaches the sheet.
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();
  await expect(page.getByRole("button", { name: /^Filtres/ })).toBeFocused();
  await expect(count(page)).toHaveText("18 défis sur 18");
});

test("the filter sheet is a dialog: Tab stays in it, Back closes it and keeps the filters", async ({ page, server }) => {
  await open(page, server);
  await page.getByRole("button", { name: /^Filtres/ }).click();
  const sheet = page.getByRole("dialog", { name: "Filtres" });
  await expect(sheet).toBeVisible();
  // What the sheet covers (the top bar, the list) never takes the focus.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const outside = await page.evaluate(() => {
      const e = document.activeElement;
      return e && e !== document.body && !e.closest("#filtres") ? e.outerHTML.slice(0, 80) : null;
    });
    expect(outside, `Tab ${i + 1} left the sheet`).toBeNull();
  }
  await sheet.getByRole("checkbox", { name: /^Services publics innovants/ }).check();
  await page.locator(".filters-done").click();
  await expect(count(page)).toHaveText("6 défis sur 18");
  await expect(page).toHaveURL(/\?theme=services$/);
  // Opened and closed with nothing changed: no history entry is left behind.
  await page.getByRole("button", { name: /^Filtres/ }).click();
  await page.keyboard.press("Escape");
  await expect(sheet).toBeHidden();
  await expect.poll(() => page.evaluate(() => history.state !== null && "scroll" in history.state)).toBe(true);
  await page.goBack();
  await expect(count(page)).toHaveText("18 défis sur 18");
  await page.goForward();
  await expect(count(page)).toHaveText("6 défis sur 18");
  // A phone's Back button with the sheet open closes the sheet, and keeps
  // what was chosen in it.
  await page.getByRole("button", { name: /^Filtres/ }).click();
  await expect(sheet).toBeVisible();
  await sheet.getByRole("checkbox", { name: /^Leviers de l’innovation/ }).check();
  await expect(count(page)).toHaveText("11 défis sur 18");
  await page.goBack();
  await expect(sheet).toBeHidden();
  await expect(count(page)).toHaveText("11 défis sur 18");
  await expect(page).toHaveURL(/\?theme=services(%2C|,)leviers$/);
  await expect(page.getByRole("button", { name: /^Filtres/ })).toBeFocused();
  // The next Back goes where it always went: the sheet's changes were one step.
  await page.goBack();
  await expect(count(page)).toHaveText("18 défis sur 18");
  // A sheet left open when the screen widens becomes the side panel, and the
  // list is usable again.
  await page.getByRole("button", { name: /^Filtres/ }).click();
  await expect(sheet).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => history.state !== null && "scroll" in history.state)).toBe(true);
  await expect(page.locator(".results")).not.toHaveAttribute("inert", /.*/);
  await page.locator(".card-link").first().click();
  await expect(page).toHaveURL(/\?defi=/);
});

test("a reload comes back to the same place, in the list and on a défi", async ({ page, server }) => {
  for (const query of ["", "?defi=rennes-01"]) {
    await open(page, server, query);
    await page.evaluate(() => window.scrollTo(0, 1200));
    // The position is written once the reader stops scrolling.
    await expect.poll(() => page.evaluate(() => history.state?.scroll)).toBe(1200);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(1200);
  }
});

test("Back right after a click keeps the address bar and the view in step", async ({ page, server }) => {
  await open(page, server);
  await page.getByRole("link", { name: "À propos" }).click();
  await expect(page).toHaveURL(/\?vue=apropos$/);
  // Back within the same frame as the click, before its entry is written.
  await page.evaluate(() => {
    document.querySelector('a[href$="?vue=carnet"]').click();
    history.back();
  });
  await page.waitForTimeout(500);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Les défis");
  expect(new URL(page.url()).search).toBe("");
});

test("Back after a filter change comes back where the list was", async ({ page, server }) => {
  await open(page, server);
  await page.locator(".card", { hasText: "Défi 9" }).scrollIntoViewIfNeeded();
  const y = await page.evaluate(() => window.scrollY);
  expect(y).toBeGreaterThan(300);
  // Tapped where they are (Playwright's own click would first scroll the
  // sticky « Filtres » button to its place at the top of the page).
  await page.evaluate(() => document.getElementById("filtres-bouton").click());
  await expect(page.locator("#filtres")).toBeVisible();
  expect(await page.evaluate(() => window.scrollY)).toBe(y);
  await page.evaluate(() => document.getElementById("f-site-rennes").click());
  await page.evaluate(() => document.querySelector(".filters-done").click());
  await expect(count(page)).toHaveText("14 défis sur 18");
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.goBack();
  await expect(count(page)).toHaveText("18 défis sur 18");
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(y - 5);
});

test("Back undoes a search as a whole, and the box shows what the list shows", async ({ page, server }) => {
  await open(page, server);
  await open(page, server, "?theme=services");
  const search = page.getByRole("searchbox", { name: "Rechercher dans les défis" });
  const entries = () => page.evaluate(() => history.length);
  const before = await entries();
  await search.pressSequentially("ecole", { delay: 40 });
  await expect(count(page)).not.toHaveText("6 défis sur 18");
  await expect(page).toHaveURL(/\?theme=services&q=ecole$/);
  expect(await entries()).toBe(before + 1);
  // More words after a pause rewrite the search's entry, not a new one.
  await search.pressSequentially(" prim", { delay: 40 });
  await expect(page).toHaveURL(/q=ecole(%20|\+)prim$/);
  expect(await entries()).toBe(before + 1);
  await page.goBack();
  await expect(count(page)).toHaveText("6 défis sur 18");
  await expect(search).toHaveValue("");
  await expect(page).toHaveURL(/\?theme=services$/);
  await page.goForward();
  await expect(search).toHaveValue("ecole prim");
  await page.goBack();
  await expect(search).toHaveValue("");
  // Back soon after the first keys, before the address shows them.
  await search.pressSequentially("vel");
  await expect.poll(() => page.evaluate(() => history.state?.searchFrom)).toBe("?theme=services");
  await page.goBack();
  await expect(page).toHaveURL(/\?theme=services$/);
  await expect(search).toHaveValue("");
  await expect(count(page)).toHaveText("6 défis sur 18");
  // A search wiped out leaves no entry behind, even come back to from a
  // défi: Back then goes where it went before the search.
  await search.pressSequentially("ecole", { delay: 40 });
  await expect(page).toHaveURL(/\?theme=services&q=ecole$/);
  await page.locator(".card-link").first().click();
  await expect(page).toHaveURL(/defi=/);
  await page.goBack();
  await expect(search).toHaveValue("ecole");
  await search.fill("");
  await expect(count(page)).toHaveText("6 défis sur 18");
  await expect(page).toHaveURL(/\?theme=services$/);
  await page.goBack();
  await expect(page).toHaveURL(/\/$/);
  await expect(count(page)).toHaveText("18 défis sur 18");
});

test("the list's place before a search is where Back comes to", async ({ page, server }) => {
  await open(page, server);
  await page.evaluate(() => window.scrollTo(0, 1500));
  await expect.poll(() => page.evaluate(() => history.state?.scroll)).toBe(1500);
  // Typed where the reader is: the results shrink and the page goes up.
  await page.evaluate(() => document.getElementById("recherche").focus({ preventScroll: true }));
  await page.keyboard.type("habitant", { delay: 30 });
  await expect(page).toHaveURL(/\?q=habitant$/);
  await page.goBack();
  await expect(count(page)).toHaveText("18 défis sur 18");
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(1500);
});

test("removing a chip leaves the focus on the list's heading, not on nothing", async ({ page, server }) => {
  await open(page, server, "?site=rennes");
  await page.getByRole("button", { name: "Retirer le filtre Site : Rennes" }).click();
  await expect(count(page)).toHaveText("18 défis sur 18");
  await expect(page.getByRole("heading", { level: 1, name: "Les défis" })).toBeFocused();
});
