// The core flows of a participant, in one engine, through WebDriver: the
// release build (../../dist) served under a sub-path by the plain static
// server of the Playwright tests, in a window of a phone's width. Each test
// has its own server (it may stop it) and a fresh browser profile, and
// fails if the page reported any error: a console error, an uncaught error
// or rejection, a breach of the Content Security Policy.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { By, Key } from "selenium-webdriver";
import { serve } from "../static-server.mjs";
import { ENGINES, WIDTH, stopDisplay } from "./engines.mjs";
import {
  WAIT,
  cardTitles,
  click,
  count,
  eventually,
  go,
  inPage,
  labelled,
  open,
  reload,
  screenshot,
  shown,
  text,
  texts,
} from "./app.mjs";

// The release build; WEBDRIVER_DIST=… to try another build.
const DIST = process.env.WEBDRIVER_DIST ?? fileURLToPath(new URL("../../dist", import.meta.url));
const SUB_PATH = "/un/sous-dossier/";

/**
 * In the page: the paragraphs (`css`) whose last line holds a single word,
 * found from the boxes of their words.
 */
function loneLastWords(css) {
  const lone = [];
  for (const block of document.querySelectorAll(css)) {
    const words = [];
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/[^\s\u00a0\u202f]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const box = range.getBoundingClientRect();
        if (box.width > 0) words.push({ word: match[0], top: Math.round(box.top) });
      }
    }
    // A line is the words whose tops are within a few pixels (a link's box
    // may sit a pixel off the text around it).
    const bottom = Math.max(...words.map((w) => w.top));
    const onLast = words.filter((w) => w.top > bottom - 6);
    const lines = words.length > onLast.length;
    if (lines && onLast.length === 1) {
      lone.push(`« ${onLast[0].word} » alone, in « ${block.textContent.trim().slice(0, 60)}… »`);
    }
  }
  return lone;
}

// The facts of the dataset, as the Chromium tests know them.
const GOUVERNANCE_RENNES = [
  "Comment définir les critères de durabilité d’un projet complexe, en prenant pour étude de cas la reconversion de la glacière municipale ?",
  "Comment co-construire avec les différentes parties prenantes une méthode pour co-concevoir cette nouvelle politique sportive ?",
  "Comment les sujets des citoyens remontent jusqu’au coeur du conseil municipal ?",
];
const ECOLE = [
  "Comment améliorer et simplifier les inscriptions des enfants aux écoles municipales de natation pour les citoyens et les agents ?",
  "Comment convaincre les habitants de renoncer à leur voiture et préférer d’autres modes de transport pour emmener leurs enfants à l’école ?",
];
const NOTE = ["Piste : un accueil unique avec le CCAS.", "À revoir avec l’équipe."];

/** What a reported error is, when it is a known defect (issue 12). */
function explained(problem) {
  if (/Unrecognized Content-Security-Policy directive 'manifest-src'/.test(problem)) {
    return `${problem}  <- known defect (issue 12): WebKit does not know the policy's manifest-src directive`;
  }
  return problem;
}

/** The same message reported n times (once a load, say) is listed once, « (n times) ». */
function grouped(problems) {
  const counts = new Map();
  for (const p of problems) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts].map(([p, n]) => (n > 1 ? `${p} (${n} times)` : p));
}

/** The card of a défi, by its id. */
const card = (id) => `#carte-${id}`;

/**
 * Types a note on the défi's page and waits until it is saved. A driver may
 * answer before the page has taken every key (WebKitGTK under load does):
 * the field must first hold them all, or « Enregistrée » could be the
 * pause after the first one, and what a reload then finds a part of the
 * note.
 */
async function writeNote(driver, ...keys) {
  const note = await shown(driver, "#note");
  const typed = (await note.getAttribute("value")) + keys.map((k) => (k === Key.ENTER ? "\n" : k)).join("");
  await note.sendKeys(...keys);
  await eventually(driver, "the field holds every key", () => inPage(driver, () => document.getElementById("note").value), typed);
  await eventually(driver, "the note is saved", () => text(driver, ".save-state"), "Enregistrée sur cet appareil.");
  return note;
}

/** The button whose text is `label`. */
async function button(driver, label) {
  const found = await driver.wait(async () => {
    for (const b of await driver.findElements(By.css("button"))) {
      if ((await b.getText()).trim() === label && (await b.isDisplayed())) return b;
    }
    return null;
  }, WAIT, `the button « ${label} » is shown`);
  return found;
}

/** Defines the flows for one engine (a key of ENGINES). */
export function flows(engine) {
  const start = ENGINES[engine];

  describe(engine, () => {
    after(stopDisplay);

    /** A test with its own server and browser; the page must report no error. */
    function flow(title, body) {
      test(title, { timeout: 180_000 }, async (t) => {
        const server = await serve(DIST, { base: SUB_PATH });
        let browser;
        let failed = null;
        try {
          browser = await start();
          await body({ driver: browser.driver, server, t });
        } catch (e) {
          failed = e;
        } finally {
          try {
            if (browser) await browser.stop();
          } finally {
            await server.close();
          }
        }
        const problems = grouped(browser?.problems ?? []).map(explained);
        if (failed) {
          for (const p of problems) t.diagnostic(`the page also reported: ${p}`);
          throw failed;
        }
        assert.deepEqual(problems, [], `the flow went through, but the page reported errors in ${browser.name}`);
      });
    }

    flow("the app starts: the list of 18 défis, at a phone's width", async ({ driver, server }) => {
      await open(driver, server);
      assert.equal(await inPage(driver, () => document.title), "Carnet des défis");
      assert.equal(await count(driver), "18 défis sur 18");
      assert.equal((await cardTitles(driver)).length, 18);
      assert.deepEqual(
        await texts(driver, `${card("rennes-01")} :is(.card-number, .card-site, .card-porteur, .tag-level, .tag-theme)`),
        ["Défi 1", "Rennes", "Commune d’Étel", "Commune", "Gouvernance et e-démocratie"],
      );
      // The window is a phone's, and nothing is wider than it.
      const [width, scrollWidth] = await inPage(driver, () => [innerWidth, document.documentElement.scrollWidth]);
      assert.equal(width, WIDTH, "the window's width");
      assert.ok(scrollWidth <= width, `the page is ${scrollWidth} px wide in a ${width} px window`);
      await screenshot(driver, `${engine}-list`);
    });

    flow("search finds the same défis with and without accents, and marks the words", async ({ driver, server }) => {
      await open(driver, server);
      const search = await shown(driver, "#recherche");
      await search.sendKeys("ecole");
      await eventually(driver, "« ecole » finds the défis about schools", cardTitles.bind(null, driver), ECOLE);
      assert.equal(await count(driver), "2 défis sur 18");
      await search.clear();
      await search.sendKeys("école");
      await eventually(driver, "« école » finds the same défis", cardTitles.bind(null, driver), ECOLE);
      assert.equal(await count(driver), "2 défis sur 18");
      await search.clear();
      await search.sendKeys("ETEL");
      await eventually(driver, "« ETEL » finds Étel's défi", () => count(driver), "1 défi sur 18");
      assert.deepEqual(await texts(driver, ".card mark"), ["Étel"]);
      // The search reaches the URL (once the typing pauses).
      await eventually(driver, "the search is in the URL", () => driver.getCurrentUrl(), `${server.url}?q=ETEL`);
      // Back undoes the search as a whole; Forward brings it back.
      const box = () => inPage(driver, () => document.getElementById("recherche")?.value);
      await driver.navigate().back();
      await eventually(driver, "Back: the list before the search", () => count(driver), "18 défis sur 18");
      assert.equal(await box(), "");
      await driver.navigate().forward();
      await eventually(driver, "Forward: the search again", box, "ETEL");
      // Another page, then Back: the page may come back from the engine's
      // back-forward cache, and the box must still say the search shown.
      await driver.get(`${server.url}ailleurs.html`);
      await driver.navigate().back();
      await eventually(driver, "the box after Back from another page", box, "ETEL");
      assert.equal(await count(driver), "1 défi sur 18");
    });

    flow("a filter narrows the list, and its URL opened afresh shows the same list", async ({ driver, server }) => {
      await open(driver, server);
      await click(driver, "#filtres-bouton");
      await shown(driver, "#filtres");
      await click(driver, "label[for=f-site-rennes]");
      await eventually(driver, "the sheet's button counts Rennes' défis", () => text(driver, ".filters-done"), "Voir les 14 défis");
      await click(driver, "label[for=f-theme-gouvernance]");
      await eventually(driver, "the sheet's button counts what is left", () => text(driver, ".filters-done"), "Voir les 3 défis");
      await click(driver, ".filters-done");
      await eventually(driver, "the count line", () => count(driver), "3 défis sur 18");
      assert.deepEqual(await cardTitles(driver), GOUVERNANCE_RENNES);
      const url = await eventually(
        driver,
        "the filters are in the URL",
        () => driver.getCurrentUrl(),
        `${server.url}?theme=gouvernance&site=rennes`,
      );
      // A new load of that URL, as a shared link would be opened.
      await driver.get("about:blank");
      await open(driver, { url }, "");
      assert.equal(await count(driver), "3 défis sur 18");
      assert.deepEqual(await cardTitles(driver), GOUVERNANCE_RENNES);
      // The active filters show as chips.
      await shown(driver, labelled("Retirer le filtre Site : Rennes"));
      await shown(driver, labelled("Retirer le filtre Thème : Gouvernance"));
    });

    flow("a favourite and a note survive a reload", async ({ driver, server }) => {
      await open(driver, server);
      const star = `${card("rennes-01")} .favourite`;
      await click(driver, star);
      await eventually(driver, "the star is on", () => inPage(driver, (s) => document.querySelector(s).getAttribute("aria-pressed"), star), "true");
      const title = await text(driver, `${card("rennes-08")} .card-title`);
      await click(driver, `${card("rennes-08")} .card-link`);
      await eventually(driver, "the défi's page", () => text(driver, "h1"), title);
      await writeNote(driver, NOTE[0], Key.ENTER, NOTE[1]);
      await reload(driver);
      await eventually(driver, "the note after a reload", () => inPage(driver, () => document.getElementById("note")?.value), NOTE.join("\n"));
      await click(driver, ".back-link");
      await eventually(driver, "the list", () => count(driver), "18 défis sur 18");
      assert.equal(await inPage(driver, (s) => document.querySelector(s).getAttribute("aria-pressed"), star), "true");
      assert.equal(await text(driver, `${card("rennes-08")} .tag-note`), "Ma note");
      // A second reload, on the list this time.
      await reload(driver);
      assert.equal(await inPage(driver, (s) => document.querySelector(s).getAttribute("aria-pressed"), star), "true");
      assert.equal(await text(driver, `${card("rennes-08")} .tag-note`), "Ma note");
    });

    flow("Mon carnet lists the favourite and the note, and shows the transfer QR code", async ({ driver, server }) => {
      await open(driver, server, "?defi=cluny-espace-public");
      await click(driver, ".favourite.with-text");
      await eventually(driver, "the défi is a favourite", () => text(driver, ".favourite-text"), "Dans mes favoris");
      await writeNote(driver, "Voir avec l’abbaye");
      await click(driver, ".topnav-link:not(.about-link)");
      await eventually(driver, "the carnet's page", () => text(driver, "h1"), "Mon carnet");
      assert.deepEqual(await texts(driver, ".carnet-entry .note-body"), ["Voir avec l’abbaye"]);
      await (await button(driver, "Créer le lien et le code QR")).click();
      const qr = await shown(driver, 'svg.qr[role=img][aria-label="Code QR du lien de transfert"]');
      const { width, height } = await qr.getRect();
      assert.ok(width >= 150 && Math.abs(width - height) < 1, `the QR code is ${width} × ${height} px`);
      // A QR code of version v has 17 + 4v modules a side, plus 4 of quiet zone each side.
      const [viewBox, modules] = await inPage(driver, () => {
        const svg = document.querySelector("svg.qr");
        return [svg.getAttribute("viewBox"), (svg.querySelector("path").getAttribute("d").match(/M/g) ?? []).length];
      });
      const side = Number(/^0 0 (\d+) \1$/.exec(viewBox)?.[1]) - 8;
      assert.ok(side >= 21 && (side - 17) % 4 === 0, `the QR code's viewBox: ${viewBox}`);
      assert.ok(modules > (side * side) / 4, `${modules} dark modules of ${side * side}`);
      const link = await inPage(driver, () => document.querySelector(".transfer-link input").value);
      assert.match(link, new RegExp(`^${server.url.replace(/[.?]/g, "\\$&")}#transfert=[A-Za-z0-9_-]+$`));
      await screenshot(driver, `${engine}-carnet`);
    });

    flow("after one visit, a reload with the server stopped still runs the app", async ({ driver, server }) => {
      await open(driver, server);
      await eventually(
        driver,
        "the service worker controls the page",
        () => inPage(driver, () => navigator.serviceWorker.controller !== null),
        true,
        30_000,
      );
      // No server any more: the page can come only from the service worker
      // (the server answers « no-cache », so the HTTP cache must ask it).
      // The browser itself is still online: no « Hors ligne » badge here.
      await server.close();
      await reload(driver);
      assert.equal(await count(driver), "18 défis sur 18");
      await (await shown(driver, "#recherche")).sendKeys("piscine");
      await eventually(driver, "the search works offline", () => count(driver), "1 défi sur 18");
      await click(driver, ".card .card-link");
      await eventually(driver, "the défi opens offline", async () => /écoles municipales de natation/.test(await text(driver, "h1")), true);
      await writeNote(driver, "Écrit hors ligne");
      await reload(driver);
      await eventually(driver, "the note after an offline reload", () => inPage(driver, () => document.getElementById("note")?.value), "Écrit hors ligne");
      // Another view of the app opens too.
      await go(driver, `${server.url}?site=cluny&q=habitant`);
      await eventually(driver, "another view, offline", () => count(driver), "1 défi sur 18");
    });

    flow("every page opens without an error: list, défi, Mon carnet, À propos", async ({ driver, server }) => {
      await open(driver, server);
      await click(driver, `${card("rennes-11")} .card-link`);
      await eventually(driver, "the défi's page", () => text(driver, "h1"), "Comment les sujets des citoyens remontent jusqu’au coeur du conseil municipal ?");
      await click(driver, ".topnav-link:not(.about-link)");
      await eventually(driver, "the carnet's page", () => text(driver, "h1"), "Mon carnet");
      await click(driver, ".about-link");
      await eventually(driver, "the À propos page", () => text(driver, "h1"), "À propos");
      await screenshot(driver, `${engine}-apropos`);
      // No paragraph ends on a line of one word (Firefox has no
      // text-wrap: pretty, which Chromium and WebKit apply).
      assert.deepEqual(await inPage(driver, loneLastWords, ".about p, .about li"), []);
      await click(driver, ".brand");
      await eventually(driver, "back to the list", () => count(driver), "18 défis sur 18");
    });
  });
}
