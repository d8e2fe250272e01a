// Mon carnet: favourites and notes that survive reloads, faults of the
// storage, two tabs, and a move to another device (file, transfer link).
import { readFile } from "node:fs/promises";
import { test, expect, open, count, openFilters, closeFilters } from "./fixtures.js";

const KEY = "carnet-des-defis";

/** The star of a card, by a word of its title. */
function star(page, title) {
  return page.getByRole("button", { name: new RegExp(`^Favori : .*${title}`) });
}

/** Types a note on the défi page and waits until it is saved. */
async function writeNote(page, text) {
  const note = page.getByRole("textbox", { name: "Ma note" });
  await note.fill(text);
  await expect(page.locator(".save-state")).toHaveText("Enregistrée sur cet appareil.");
}

test("a favourite and a note survive a reload, and the list finds them", async ({ page, server }) => {
  await open(page, server);
  await star(page, "glacière municipale").click();
  await expect(star(page, "glacière municipale")).toHaveAttribute("aria-pressed", "true");
  await page.locator(".card", { hasText: "Défi 8" }).getByRole("link").click();
  await writeNote(page, "Piste : un accueil unique avec le CCAS.\nÀ revoir avec l’équipe.");
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Ma note" })).toHaveValue("Piste : un accueil unique avec le CCAS.\nÀ revoir avec l’équipe.");
  await page.getByRole("link", { name: "Retour à la liste" }).click();
  await expect(star(page, "glacière municipale")).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator(".card", { hasText: "Défi 8" }).locator(".tag-note")).toHaveText("Ma note");
  // The note is searched, without accents.
  await page.getByRole("searchbox").fill("ccas equipe");
  await expect(count(page)).toHaveText("1 défi sur 18");
  await expect(page.locator(".card-excerpt")).toContainText("Ma note");
  await page.getByRole("searchbox").fill("");
  // « Mes favoris » narrows the list and goes into the URL.
  await page.getByRole("button", { name: /Mes favoris/ }).click();
  await expect(count(page)).toHaveText("1 défi sur 18");
  await expect(page).toHaveURL(/seulement=favoris/);
  await page.reload();
  await expect(count(page)).toHaveText("1 défi sur 18");
  await openFilters(page);
  // Among the favourites, none has a note: the option says so.
  await expect(page.getByRole("checkbox", { name: /^Avec une note/ })).toBeDisabled();
  await page.getByRole("checkbox", { name: /^Mes favoris/ }).uncheck();
  await page.getByRole("checkbox", { name: /^Avec une note/ }).check();
  await closeFilters(page);
  await expect(count(page)).toHaveText("1 défi sur 18");
  await expect(page.locator(".card-number")).toHaveText(["Défi 8"]);
  // The carnet shows both, in the order of the programme.
  await page.getByRole("link", { name: /Mon carnet/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mon carnet");
  await expect(page.locator(".carnet-entry .card-title")).toHaveText([/^Comment définir les critères/, /^Comment créer un accueil commun/]);
  await expect(page.locator(".carnet-entry .note-body")).toHaveText("Piste : un accueil unique avec le CCAS.\nÀ revoir avec l’équipe.");
});

test("a note is saved when the page is hidden, before the pause ends", async ({ page, server }) => {
  await open(page, server, "?defi=rennes-02");
  await page.getByRole("textbox", { name: "Ma note" }).pressSequentially("Vite");
  await page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
    document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
  });
  const stored = await page.evaluate((key) => localStorage.getItem(key), KEY);
  expect(JSON.parse(stored).notes["rennes-02"].text).toBe("Vite");
});

test("leaving a note tells a screen reader it is saved, each time, after the pause too", async ({ page, server }) => {
  await open(page, server, "?defi=rennes-04");
  const note = page.getByRole("textbox", { name: "Ma note" });
  const announced = page.locator(".note [role=status]");
  await note.fill("Première idée");
  // The pause saves it; nothing is said while the reader is still there.
  await expect(page.locator(".save-state")).toHaveText("Enregistrée sur cet appareil.");
  await expect(announced).toHaveText("");
  await note.press("Tab");
  await expect(announced).toHaveText("Note enregistrée.");
  // A second visit to the field: the same words, said again (the region
  // empties while typing, so that they are news).
  await note.focus();
  await note.press("End");
  await note.pressSequentially(", à creuser");
  await expect(announced).toHaveText("");
  await note.press("Tab");
  await expect(announced).toHaveText("Note enregistrée.");
  // Leaving without a change says nothing new: the region does not change.
  await announced.evaluate((region) => {
    window.changes = 0;
    new MutationObserver(() => window.changes++).observe(region, { childList: true, characterData: true, subtree: true });
  });
  await note.focus();
  await note.press("Tab");
  await expect(page.getByRole("link", { name: "Retour à la liste" })).toBeVisible();
  await page.evaluate(() => new Promise(requestAnimationFrame));
  expect(await page.evaluate(() => window.changes)).toBe(0);
  await expect(announced).toHaveText("Note enregistrée.");
});

test("corrupt data planted before load: the app works, the raw text is kept and offered", async ({ page, server }) => {
  const corrupt = '{"schema":"carnet-des-defis","version":2,"favourites":{"rennes-01":{"on":tr';
  await open(page, server);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, corrupt]);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  await expect(count(page)).toHaveText("18 défis sur 18");
  const alert = page.getByRole("alert").filter({ hasText: "gardé de côté, intact" });
  await expect(alert).toContainText("Le carnet enregistré n’a pas pu être lu : le texte est incomplet");
  // The raw text is kept aside, untouched, even after a new favourite.
  await star(page, "Dinan").click();
  const aside = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("carnet-des-defis.illisible."))
      .map((k) => localStorage.getItem(k)),
  );
  expect(aside).toEqual([corrupt]);
  const download = page.waitForEvent("download");
  await alert.getByRole("button", { name: "Télécharger le texte illisible" }).click();
  const file = await download;
  expect(await readFile(await file.path(), "utf8")).toBe(corrupt);
});

test("a carnet from a newer version is left whole for it, and the page says its changes last the page", async ({ page, server }) => {
  const newer = '{"schema":"carnet-des-defis","version":7,"favourites":{"rennes-01":{"on":true,"at":1}},"notes":{}}';
  await open(page, server);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, newer]);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  const alert = page.getByRole("alert").filter({ hasText: "plus récente" });
  await expect(alert).toContainText("(format 7) ; rechargez la page pour la mettre à jour. Il reste enregistré tel quel");
  await expect(alert).toContainText("vos changements dureront le temps de cette page");
  // A star here is this page's only: the newer carnet is not written over,
  // nor moved: a reload (by then, maybe, the new version) finds it whole.
  await star(page, "Dinan").click();
  await expect(star(page, "Dinan")).toHaveAttribute("aria-pressed", "true");
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBe(newer);
  await page.reload();
  await expect(page.getByRole("alert").filter({ hasText: "plus récente" })).toBeVisible();
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBe(newer);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("illisible")))).toEqual([]);
});

test("storage that throws leaves the app usable, in memory, and says so", async ({ page, server }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("Accès refusé", "SecurityError");
      },
    });
  });
  await open(page, server);
  await expect(page.getByRole("alert")).toContainText("Rien n’est enregistré sur cet appareil.");
  await star(page, "Dinan").click();
  await expect(star(page, "Dinan")).toHaveAttribute("aria-pressed", "true");
  // The note does not claim to be saved on the device.
  await page.locator(".card", { hasText: "Défi 4" }).getByRole("link").click();
  await page.getByRole("textbox", { name: "Ma note" }).fill("En mémoire");
  await expect(page.locator(".save-state")).toHaveText("Gardée le temps de cette page : elle n’est pas enregistrée.");
  await page.getByRole("link", { name: "Retour à la liste" }).click();
  await page.getByRole("searchbox").fill("dinan");
  await expect(count(page)).toHaveText("1 défi sur 18");
});

test("a full quota keeps the note in the editor, says so, and saves it once there is room", async ({ page, server }) => {
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.__full && key === "carnet-des-defis") {
        throw new DOMException("Plus de place", "QuotaExceededError");
      }
      return setItem.call(this, key, value);
    };
  });
  await open(page, server, "?defi=rennes-06");
  await page.evaluate(() => (window.__full = true));
  const note = page.getByRole("textbox", { name: "Ma note" });
  await note.fill("Idée gardée malgré le quota");
  await note.blur();
  await expect(page.locator(".save-state")).toContainText("Non enregistrée");
  await expect(page.getByRole("alert")).toContainText("l’espace de stockage du navigateur est plein");
  await expect(note).toHaveValue("Idée gardée malgré le quota");
  await page.evaluate(() => (window.__full = false));
  // Retried a moment later.
  await expect(page.locator(".save-state")).toHaveText("Enregistrée sur cet appareil.", { timeout: 10_000 });
  await expect(page.getByRole("alert")).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Ma note" })).toHaveValue("Idée gardée malgré le quota");
});

test("blank lines typed in a note stay in the field once the pause has saved them", async ({ page, server }) => {
  await open(page, server, "?defi=rennes-05");
  const note = page.getByRole("textbox", { name: "Ma note" });
  await note.press("Enter");
  await note.press("Enter");
  await expect(page.locator(".save-state")).toHaveText("Enregistrée sur cet appareil.");
  await expect(note).toHaveValue("\n\n");
  await note.pressSequentially("Idée");
  await expect(note).toHaveValue("\n\nIdée");
});

test("a note changed in another tab shows in a field that kept the focus, and typing goes on from it", async ({ context, server }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await open(a, server, "?defi=rennes-07");
  await writeNote(a, "Depuis A");
  await expect(a.getByRole("textbox", { name: "Ma note" })).toBeFocused();
  await open(b, server, "?defi=rennes-07");
  const inB = b.getByRole("textbox", { name: "Ma note" });
  await expect(inB).toHaveValue("Depuis A");
  await inB.press("End");
  await inB.pressSequentially(" et B");
  await expect(b.locator(".save-state")).toHaveText("Enregistrée sur cet appareil.");
  // Back in A, whose field never lost the focus.
  const inA = a.getByRole("textbox", { name: "Ma note" });
  await expect(inA).toBeFocused();
  await expect(inA).toHaveValue("Depuis A et B");
  await inA.press("End");
  await inA.pressSequentially(" puis A");
  await expect(a.locator(".save-state")).toHaveText("Enregistrée sur cet appareil.");
  const stored = await a.evaluate((key) => JSON.parse(localStorage.getItem(key)).notes["rennes-07"].text, KEY);
  expect(stored).toBe("Depuis A et B puis A");
});

test("two tabs see each other's changes and neither erases the other's", async ({ context, server }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await open(a, server);
  await open(b, server, "?defi=rennes-03");
  await star(a, "glacière municipale").click();
  // Tab B sees it without a reload.
  await b.getByRole("link", { name: "Retour à la liste" }).click();
  await expect(star(b, "glacière municipale")).toHaveAttribute("aria-pressed", "true");
  await b.locator(".card", { hasText: "Défi 3" }).getByRole("link").click();
  await writeNote(b, "Écrit dans l’onglet B");
  await star(a, "Dinan").click();
  await expect(a.locator(".card", { hasText: "Défi 3" }).locator(".tag-note")).toBeVisible();
  const stored = JSON.parse(await a.evaluate((key) => localStorage.getItem(key), KEY));
  expect(Object.entries(stored.favourites).filter(([, m]) => m.on).map(([id]) => id).sort()).toEqual(["rennes-01", "rennes-04"]);
  expect(stored.notes["rennes-03"].text).toBe("Écrit dans l’onglet B");
});

test("export to a file, import it in a fresh browser profile: everything comes back", async ({ page, server, browser }) => {
  await open(page, server, "?defi=rennes-11");
  await page.getByRole("button", { name: "Ajouter aux favoris" }).click();
  await writeNote(page, "À présenter au conseil");
  await page.getByRole("link", { name: /Mon carnet/ }).click();
  await expect(page.locator(".panel", { hasText: "Exporter" })).toContainText("Jamais exporté.");
  const markdown = page.waitForEvent("download");
  await page.getByRole("button", { name: /mon carnet » \(texte\)/ }).click();
  const md = await readFile(await (await markdown).path(), "utf8");
  expect(md).toContain("### Défi 11 : Comment les sujets des citoyens remontent jusqu’au coeur du conseil municipal ? ★");
  expect(md).toContain("> À présenter au conseil");
  // The text is for reading: it cannot be imported back, so it is no copy.
  await expect(page.locator(".panel", { hasText: "Exporter" })).toContainText("Jamais exporté.");
  await expect(page.locator(".nudge")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: /Télécharger le carnet/ }).click();
  const file = await download;
  const json = await readFile(await file.path(), "utf8");
  expect(JSON.parse(json)).toMatchObject({ schema: "carnet-des-defis", version: 2, titles: { "rennes-11": /^Comment les sujets/ } });
  await expect(page.locator(".panel", { hasText: "Exporter" })).toContainText("Dernier export : le");

  const fresh = await browser.newContext({ viewport: { width: 375, height: 667 } });
  const other = await fresh.newPage();
  await open(other, server, "?vue=carnet");
  await other.locator("input[type=file]").setInputFiles({ name: "carnet.json", mimeType: "application/json", buffer: Buffer.from(json) });
  const preview = other.locator(".import-preview");
  await expect(preview).toContainText("Le fichier « carnet.json » contient 1 favori et 1 note.");
  await expect(preview).toContainText("1 favori et 1 note à ajouter ou à mettre à jour");
  await preview.getByRole("button", { name: "Importer" }).click();
  await expect(other.getByText("Carnet fusionné avec le vôtre.")).toBeVisible();
  await expect(other.locator(".carnet-entry .note-body")).toHaveText("À présenter au conseil");
  await other.reload();
  await expect(other.locator(".carnet-entry .note-body")).toHaveText("À présenter au conseil");
  await fresh.close();
});

test("« Mes favoris » with no favourite yet says how to add one", async ({ page, server }) => {
  await open(page, server);
  await page.getByRole("button", { name: /Mes favoris/ }).click();
  await expect(page.getByText("Aucun défi ne correspond.")).toBeVisible();
  await expect(page.getByText("Vous n’avez pas encore de favori : touchez ☆ sur un défi")).toBeVisible();
});

test("a pasted address or a long word in a note wraps in Mon carnet, on a phone", async ({ page, server }) => {
  await open(page, server, "?defi=rennes-01");
  const url = "https://www.bretagne-creative.net/article2820.html?utm_source=atelier_rennes_2018&utm_medium=carnet";
  await writeNote(page, `Voir ${url} pour la suite, et ${"x".repeat(400)}`);
  await page.getByRole("link", { name: /Mon carnet/ }).click();
  await expect(page.locator(".carnet-entry .note-body")).toContainText(url);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  await expect(page.locator(".carnet-entry").getByRole("button", { name: /^Favori :/ })).toBeInViewport();
});

test("a malformed, oversized or hostile file gets a clear message and changes nothing", async ({ page, server }) => {
  await open(page, server, "?vue=carnet");
  const input = page.locator("input[type=file]");
  await input.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("pas du json") });
  await expect(page.getByRole("alert")).toHaveText(
    "« notes.txt » n’a pas pu être importé : le texte est incomplet, ou n’est pas celui d’un carnet. Rien n’a changé.",
  );
  await input.setInputFiles({ name: "gros.json", mimeType: "application/json", buffer: Buffer.alloc(1_200_000, 32) });
  await expect(page.getByRole("alert")).toContainText("trop grand");
  await input.setInputFiles({ name: "autre.json", mimeType: "application/json", buffer: Buffer.from('{"schema":"autre","version":2}') });
  await expect(page.getByRole("alert")).toContainText("n’est pas un carnet de Carnet des défis");
  // The text export is for reading: the message says which file to choose.
  await input.setInputFiles({ name: "mon-carnet.md", mimeType: "text/markdown", buffer: Buffer.from("# Mon carnet des défis\n\nExporté le 1 juillet 2018.\n") });
  await expect(page.getByRole("alert")).toContainText("c’est la version texte du carnet, faite pour être lue ; pour importer votre carnet, choisissez le fichier .json");
  await expect(page.locator(".import-preview")).toHaveCount(0);
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBeNull();
});

test("a transfer link opened in a fresh profile restores everything after the preview", async ({ page, server, browser }) => {
  await open(page, server, "?defi=cluny-espace-public");
  await page.getByRole("button", { name: "Ajouter aux favoris" }).click();
  await writeNote(page, "Voir avec l’abbaye");
  await page.getByRole("link", { name: /Mon carnet/ }).click();
  await page.getByRole("button", { name: "Créer le lien et le code QR" }).click();
  await expect(page.getByRole("img", { name: "Code QR du lien de transfert" })).toBeVisible();
  const link = await page.getByRole("textbox", { name: "Lien de transfert" }).inputValue();
  expect(link).toMatch(/#transfert=[A-Za-z0-9_-]+$/);

  const fresh = await browser.newContext({ viewport: { width: 375, height: 667 } });
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.locator("html")).toHaveAttribute("data-app", "ready");
  const preview = other.locator(".import-preview");
  await expect(preview).toContainText("Le lien de transfert contient 1 favori et 1 note.");
  // Nothing changes before the participant says so; the fragment is gone.
  expect(await other.evaluate((key) => localStorage.getItem(key), KEY)).toBeNull();
  expect(new URL(other.url()).hash).toBe("");
  // A reload before « Importer » (or a phone that dropped the tab) shows the
  // preview again: the tab kept the link.
  await other.reload();
  await expect(other.locator("html")).toHaveAttribute("data-app", "ready");
  await expect(preview).toContainText("Le lien de transfert contient 1 favori et 1 note.");
  expect(new URL(other.url()).hash).toBe("");
  await preview.getByRole("button", { name: "Importer" }).click();
  await expect(other.locator(".carnet-entry .note-body")).toHaveText("Voir avec l’abbaye");
  await expect(other.locator(".carnet-entry").getByRole("button", { name: /^Favori :/ })).toHaveAttribute("aria-pressed", "true");
  // Once imported, it is done with.
  await other.reload();
  await expect(other.locator(".carnet-entry .note-body")).toHaveText("Voir avec l’abbaye");
  await expect(other.locator(".import-preview")).toHaveCount(0);
  await fresh.close();
});

test("notes whose défi is gone are kept and shown", async ({ page, server }) => {
  await open(page, server);
  await page.evaluate(
    ([key, value]) => localStorage.setItem(key, value),
    [KEY, JSON.stringify({ schema: "carnet-des-defis", version: 2, favourites: {}, notes: { "defi-retire": { text: "Note gardée", at: 5 } } })],
  );
  await page.goto(server.url + "?vue=carnet");
  const orphans = page.locator(".orphans");
  await expect(orphans).toContainText("defi-retire");
  await expect(orphans).toContainText("Note gardée");
});

test("a note is data, never markup", async ({ page, server }) => {
  let dialogs = 0;
  page.on("dialog", async (d) => {
    dialogs++;
    await d.dismiss();
  });
  const payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
  await open(page, server, "?defi=rennes-09");
  await writeNote(page, payload);
  await page.getByRole("link", { name: /Mon carnet/ }).click();
  await expect(page.locator(".carnet-entry .note-body")).toHaveText(payload);
  await expect(page.locator(".carnet-entry img, .carnet-entry script")).toHaveCount(0);
  expect(dialogs).toBe(0);
});

/** Stubs the browser's storage promise: `kept` is what persisted() says. */
function stubPersistence(page, kept) {
  return page.addInitScript((kept) => {
    window.__persistAsked = 0;
    navigator.storage.persisted = async () => kept;
    navigator.storage.persist = async () => {
      window.__persistAsked += 1;
      return true;
    };
  }, kept);
}

test("a star never asks the browser to keep the carnet; the first note does, once", async ({ page, server }) => {
  // Firefox asks the participant with a prompt: not worth interrupting a
  // star for, worth it for words typed (src/keep.rs).
  await stubPersistence(page, false);
  await open(page, server);
  await star(page, "Dinan").click();
  await star(page, "glacière municipale").click();
  await expect(star(page, "glacière municipale")).toHaveAttribute("aria-pressed", "true");
  await page.locator(".card", { hasText: "Défi 8" }).getByRole("link").click();
  expect(await page.evaluate(() => window.__persistAsked)).toBe(0);
  await writeNote(page, "Une première note");
  await expect.poll(() => page.evaluate(() => window.__persistAsked)).toBe(1);
  await writeNote(page, "Une première note, reprise");
  await page.getByRole("link", { name: /Mon carnet/ }).click();
  await expect(page.locator(".storage-state")).toHaveText("Le navigateur s’est engagé à garder ce carnet.");
  expect(await page.evaluate(() => window.__persistAsked)).toBe(1);
});

test("a promise to keep the carnet is remembered at a reload", async ({ page, server }) => {
  await stubPersistence(page, true);
  await open(page, server, "?vue=carnet");
  await expect(page.locator(".storage-state")).toHaveText("Le navigateur s’est engagé à garder ce carnet.");
  await expect(page.getByRole("button", { name: "Demander au navigateur de garder ce carnet" })).toHaveCount(0);
  expect(await page.evaluate(() => window.__persistAsked)).toBe(0);
});

test("Mon carnet says why to ask the browser to keep it, and asks at a tap", async ({ page, server }) => {
  await stubPersistence(page, false);
  await open(page, server, "?vue=carnet");
  await expect(page.locator(".storage-state")).toContainText("demandez-lui de le garder");
  await page.getByRole("button", { name: "Demander au navigateur de garder ce carnet" }).click();
  await expect(page.locator(".storage-state")).toHaveText("Le navigateur s’est engagé à garder ce carnet.");
  expect(await page.evaluate(() => window.__persistAsked)).toBe(1);
});

test("merging an import keeps both texts of a note written on both devices", async ({ page, server }) => {
  await open(page, server, "?defi=rennes-05");
  await writeNote(page, "Note écrite sur ce téléphone");
  await page.getByRole("link", { name: /Mon carnet/ }).click();
  // An older note on the same défi, from another device.
  const incoming = JSON.stringify({
    schema: "carnet-des-defis",
    version: 2,
    favourites: {},
    notes: { "rennes-05": { text: "Note écrite sur l’ordinateur", at: 1 } },
  });
  await page.locator("input[type=file]").setInputFiles({ name: "ordi.json", mimeType: "application/json", buffer: Buffer.from(incoming) });
  const preview = page.locator(".import-preview");
  await expect(preview).toContainText("Une note est écrite des deux côtés : en fusionnant, elle garde les deux textes, l’un après l’autre.");
  await preview.getByRole("button", { name: "Importer" }).click();
  await expect(page.getByText("La note écrite des deux côtés garde les deux textes.")).toBeVisible();
  await expect(page.locator(".carnet-entry .note-body")).toHaveText(
    "Note écrite sur ce téléphone\n\n— Note importée :\nNote écrite sur l’ordinateur",
  );
});

test("« Annuler » on an import's preview changes nothing and leaves the focus on the page", async ({ page, server }) => {
  await open(page, server, "?vue=carnet");
  const incoming = JSON.stringify({
    schema: "carnet-des-defis",
    version: 2,
    favourites: { "rennes-05": { on: true, at: 1 } },
    notes: {},
  });
  await page.locator("input[type=file]").setInputFiles({ name: "ordi.json", mimeType: "application/json", buffer: Buffer.from(incoming) });
  const preview = page.locator(".import-preview");
  await expect(preview.getByRole("heading", { name: "Importer un carnet ?" })).toBeFocused();
  await preview.getByRole("button", { name: "Annuler" }).click();
  await expect(preview).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  expect(await page.evaluate((key) => localStorage.getItem(key), KEY)).toBeNull();
});

test("importing in « replace » mode replaces, and keeps a copy of the old carnet", async ({ page, server }) => {
  await open(page, server, "?defi=rennes-02");
  await page.getByRole("button", { name: "Ajouter aux favoris" }).click();
  await writeNote(page, "Mon ancienne note");
  await page.getByRole("link", { name: /Mon carnet/ }).click();
  const incoming = JSON.stringify({
    schema: "carnet-des-defis",
    version: 2,
    favourites: { "rennes-07": { on: true, at: 1 } },
    notes: {},
  });
  // Chosen from the file button, far down the page on a phone: the preview,
  // at the top, is brought into view (it used to appear out of sight).
  await page.getByText("Choisir un fichier de carnet…").scrollIntoViewIfNeeded();
  await page.locator("input[type=file]").setInputFiles({ name: "autre.json", mimeType: "application/json", buffer: Buffer.from(incoming) });
  const previewTitle = page.getByRole("heading", { name: "Importer un carnet ?" });
  await expect(previewTitle).toBeFocused();
  await expect(previewTitle).toBeInViewport();
  const preview = page.locator(".import-preview");
  await preview.getByRole("radio", { name: /Remplacer mon carnet/ }).check();
  await preview.getByRole("button", { name: "Importer" }).click();
  await expect(page.getByText("Carnet remplacé.", { exact: false })).toBeVisible();
  await expect(page.locator(".carnet-entry .card-title")).toHaveText([/^Comment associe-t-on les agents/]);
  const backups = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("carnet-des-defis.avant-import."))
      .map((k) => localStorage.getItem(k)),
  );
  expect(backups.length).toBe(1);
  expect(backups[0]).toContain("Mon ancienne note");
});

test("the carnet prints as a list of défis and notes, without the controls", async ({ page, server }) => {
  await open(page, server, "?defi=rennes-04");
  await writeNote(page, "Pour l’impression");
  await page.getByRole("link", { name: /Mon carnet/ }).click();
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".carnet-entry .note-body")).toBeVisible();
  await expect(page.locator(".panel").first()).toBeHidden();
  await expect(page.locator(".topbar")).toBeHidden();
  await expect(page.locator(".carnet-entry .favourite")).toBeHidden();
});

test("where the browser has the Web Share API, the transfer link goes through it", async ({ page, server }) => {
  await page.addInitScript(() => {
    window.__shared = [];
    navigator.share = async (data) => {
      window.__shared.push(data);
    };
  });
  await open(page, server);
  await star(page, "Dinan").click();
  await page.getByRole("link", { name: /Mon carnet/ }).click();
  await page.getByRole("button", { name: "Créer le lien et le code QR" }).click();
  await page.getByRole("button", { name: "Partager…" }).click();
  const shared = await page.evaluate(() => window.__shared);
  expect(shared.length).toBe(1);
  expect(shared[0].url).toMatch(/#transfert=/);
  // The share button of a view uses it too.
  await page.getByRole("link", { name: "Carnet des défis" }).click();
  await page.getByRole("button", { name: "Partager" }).first().click();
  await expect.poll(() => page.evaluate(() => window.__shared.length)).toBe(2);
});

test("a partly readable carnet keeps what it can, after a reload too, and the copy is offered", async ({ page, server }) => {
  const partly = JSON.stringify({
    schema: "carnet-des-defis",
    version: 2,
    favourites: { "rennes-04": { on: true, at: 5 }, "rennes-05": { on: "oui" } },
    notes: { "rennes-04": { text: "Gardée", at: 6 } },
  });
  await open(page, server);
  await page.evaluate(([key, value]) => localStorage.setItem(key, value), [KEY, partly]);
  await page.reload();
  await expect(page.getByRole("alert")).toContainText("Un élément du carnet enregistré n’a pas pu être lu.");
  await expect(star(page, "Dinan")).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
  await expect(star(page, "Dinan")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("alert")).toHaveCount(0);
  // The whole text stays on the device, to download, and is deleted in two steps.
  await page.getByRole("link", { name: /Mon carnet/ }).click();
  const kept = page.locator(".kept-copy");
  await expect(kept).toHaveCount(1);
  await expect(kept).toContainText("Texte illisible, le");
  const download = page.waitForEvent("download");
  await kept.getByRole("button", { name: "Télécharger" }).click();
  expect(await readFile(await (await download).path(), "utf8")).toBe(partly);
  await kept.getByRole("button", { name: /^Supprimer/ }).click();
  await expect(kept.getByRole("button", { name: /^Supprimer/ })).toHaveText("Confirmer la suppression");
  await kept.getByRole("button", { name: /^Supprimer/ }).click();
  await expect(page.locator(".kept-copy")).toHaveCount(0);
});

test("a time from the future in an imported carnet does not freeze the entry", async ({ page, server, browser }) => {
  const future = JSON.stringify({
    schema: "carnet-des-defis",
    version: 2,
    favourites: { "rennes-04": { on: true, at: 2 ** 53 } },
    notes: { "rennes-04": { text: "note du lien", at: 2 ** 53 } },
  });
  await open(page, server, "?vue=carnet");
  await page.locator("input[type=file]").setInputFiles({ name: "f.json", mimeType: "application/json", buffer: Buffer.from(future) });
  await page.locator(".import-preview").getByRole("button", { name: "Importer" }).click();
  await page.goto(server.url + "?defi=rennes-04");
  await page.getByRole("button", { name: "Dans mes favoris" }).click();
  await writeNote(page, "ma version");
  await page.reload();
  await expect(page.getByRole("button", { name: "Ajouter aux favoris" })).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByRole("textbox", { name: "Ma note" })).toHaveValue("ma version");
});

test("a transfer link opened in a tab that already shows the app shows its preview", async ({ page, server }) => {
  let carnet = { schema: "carnet-des-defis", version: 2, favourites: { "rennes-09": { on: true, at: 1 } }, notes: {} };
  const fragment = "#transfert=" + Buffer.from(JSON.stringify(carnet)).toString("base64url");
  await open(page, server);
  await page.evaluate((f) => (location.hash = f), fragment);
  await expect(page.locator(".import-preview")).toContainText("Le lien de transfert contient 1 favori et 0 note.");
  expect(new URL(page.url()).hash).toBe("");
});
