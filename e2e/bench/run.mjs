// The benchmark of Carnet des défis (a benchmark, not a test: nothing here
// fails on a slow machine). Run it with `.ci/bench`, which builds first.
//
// 1. Lighthouse, mobile preset (simulated slow 4G, 4× CPU), on the release
//    build and on the static HTML page of the same content, both served by
//    the same plain static server without compression; several runs each,
//    interleaved, medians.
// 2. The bytes of the first load (raw, gzip, brotli), file by file.
// 3. A second visit: what it fetches from the network.
// 4. Scale: synthetic datasets of 1,000 and 10,000 défis (generated here,
//    never shipped), from a keystroke in the search box (or a click on a
//    filter) to the updated list painted, in headless Chromium; page memory.
//
// Prints one table (app, static page, ratio) and writes out/results.json.
//
// node run.mjs [--dist ../../dist] [--runs 5] [--scale 1000,10000] [--no-scale]

import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { chromium } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { serve } from "../static-server.mjs";
import { CHROMIUM, CHROMIUM_ARGS, chromiumOptions } from "../chromium.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = resolve(here, "../..");
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const DIST = resolve(option("--dist", join(root, "dist")));
const RUNS = Number(option("--runs", "5"));
const SCALES = args.includes("--no-scale") ? [] : option("--scale", "1000,10000").split(",").map(Number);
const ONLY_SCALE = args.includes("--only-scale");
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value) => `${Math.round(value)} ms`;

// ------------------------------------------------------------ static page

/** The static page: the same HTML (the pre-rendered list), no script. */
async function makeStaticPage(dist) {
  const dir = await mkdtemp(join(tmpdir(), "carnet-static-"));
  await cp(dist, dir, { recursive: true });
  for (const file of await readdir(dir)) {
    if (/\.(js|wasm)$/.test(file)) await rm(join(dir, file));
  }
  let html = await readFile(join(dir, "index.html"), "utf8");
  html = html
    .replace(/<script\b[\s\S]*?<\/script>/g, "")
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, "")
    .replace(/<link rel="(modulepreload|preload)"[^>]*>/g, "");
  await writeFile(join(dir, "index.html"), html);
  return dir;
}

// ------------------------------------------------------------ lighthouse

const METRICS = {
  score: (r) => r.categories.performance.score,
  fcp: (r) => r.audits["first-contentful-paint"].numericValue,
  lcp: (r) => r.audits["largest-contentful-paint"].numericValue,
  si: (r) => r.audits["speed-index"].numericValue,
  tbt: (r) => r.audits["total-blocking-time"].numericValue,
  cls: (r) => r.audits["cumulative-layout-shift"].numericValue,
  // When the network and the main thread go quiet: for the app, once the
  // wasm has downloaded and started (the filters respond). This is where the
  // app's bytes cost time; the first view does not wait for them.
  tti: (r) => r.audits.interactive?.numericValue ?? Number.NaN,
};

async function runLighthouse(urls) {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", ...CHROMIUM_ARGS],
  });
  const results = Object.fromEntries(Object.keys(urls).map((k) => [k, []]));
  let lastApp = null;
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const [name, url] of Object.entries(urls)) {
        const { lhr } = await lighthouse(url, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: ["performance"],
        });
        results[name].push(Object.fromEntries(Object.entries(METRICS).map(([k, f]) => [k, f(lhr)])));
        if (name === "app") lastApp = lhr;
        process.stderr.write(`  lighthouse ${name} #${run + 1}: LCP ${ms(METRICS.lcp(lhr))}, score ${METRICS.score(lhr)}\n`);
      }
    }
  } finally {
    await chrome.kill();
  }
  const medians = Object.fromEntries(
    Object.entries(results).map(([name, runs]) => [
      name,
      Object.fromEntries(Object.keys(METRICS).map((k) => [k, median(runs.map((r) => r[k]))])),
    ]),
  );
  return { medians, runs: results, lastApp };
}

// ------------------------------------------------------------ bytes

function sizes(buffer) {
  return {
    raw: buffer.length,
    gzip: zlib.gzipSync(buffer, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buffer, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The files a first load fetches (from Lighthouse's network log), with their sizes. */
async function firstLoadBytes(lhr, base, dist) {
  const items = lhr.audits["network-requests"].details.items;
  const files = new Map();
  for (const item of items) {
    if (!item.url.startsWith(base)) continue;
    let path = decodeURIComponent(new URL(item.url).pathname.slice(new URL(base).pathname.length)) || "index.html";
    if (path.endsWith("/")) path += "index.html";
    if (files.has(path)) continue;
    try {
      files.set(path, sizes(await readFile(join(dist, path))));
    } catch {
      /* not a file of the build */
    }
  }
  const total = { raw: 0, gzip: 0, brotli: 0 };
  for (const s of files.values()) for (const k of Object.keys(total)) total[k] += s[k];
  return { files: Object.fromEntries(files), total };
}

// ------------------------------------------------------------ second visit

async function secondVisit(dist) {
  const server = await serve(dist, { base: "/app/" });
  const browser = await chromium.launch(chromiumOptions());
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  const firstRequests = server.requests.length;
  server.requests.length = 0;
  const fromNetwork = [];
  page.on("response", (r) => {
    if (!r.fromServiceWorker()) fromNetwork.push(r.url());
  });
  await page.reload();
  await page.waitForSelector("html[data-app=ready]");
  await page.waitForTimeout(500);
  const requests = [...server.requests];
  await browser.close();
  await server.close();
  // The browser checks sw.js for a new version: that is not the app shell.
  return { firstRequests, secondRequests: requests, shellFromNetwork: fromNetwork.filter((u) => !u.endsWith("/sw.js")) };
}

// ------------------------------------------------------------ scale

/** A data file with `count` synthetic défis added to the real ones. */
async function syntheticData(count) {
  const real = await readFile(join(root, "data/defis.toml"), "utf8");
  const sites = ["rennes", "aix-en-provence", "cluny", "la-reunion", "martinique", "strasbourg"];
  const themes = ["services", "leviers", "formations", "gouvernance"];
  const porteurs = ["etel", "cd-ille-et-vilaine", "rennes", "dinan-agglomeration", "dreux", "savenay", "cd-vienne", "le-havre", "cd-mayenne", "chemille-en-anjou", "saint-nazaire", "region-pays-de-la-loire", "oust-broceliande", "iasi"];
  const words = ["accueil", "usagers", "numérique", "mobilité", "école", "démocratie", "agents", "territoire", "santé", "culture", "énergie", "solidarité", "jeunesse", "habitat", "eau", "alimentation", "tourisme", "emploi", "sport", "mutualisation"];
  const blocks = [];
  for (let i = 0; i < count; i++) {
    const w = (k) => words[(i * 7 + k * 13) % words.length];
    blocks.push(`
[[defi]]
id = "synthetique-${String(i).padStart(5, "0")}"
site = "${sites[i % sites.length]}"
title = "Comment améliorer ${w(1)} et ${w(2)} avec les ${w(3)} (défi synthétique ${i}) ?"
porteur = "${porteurs[i % porteurs.length]}"
as_written = "Porteur synthétique ${i}"
enjeux = "Les enjeux sont ${w(4)}, ${w(5)} et ${w(6)} pour le territoire n° ${i}."
obstacles = "Les obstacles sont ${w(7)} et ${w(8)}."
leviers = "Les leviers sont ${w(9)}, ${w(10)} et la coopération entre services."
theme = "${themes[i % themes.length]}"
theme_editorial = true
sources = ["article"]
`);
  }
  const dir = await mkdtemp(join(tmpdir(), `carnet-data-${count}-`));
  const file = join(dir, "defis.toml");
  await writeFile(file, real + blocks.join(""));
  return file;
}

function buildWith(dataFile, dist) {
  const started = Date.now();
  execFileSync("trunk", ["build", "--release", "--dist", dist], {
    cwd: root,
    env: { ...process.env, CARNET_DATA_FILE: dataFile },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return Date.now() - started;
}

async function measureScale(dist, count) {
  const server = await serve(dist, { base: "/app/" });
  const browser = await chromium.launch(chromiumOptions());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // The loader announces the wasm's exports: its memory is the app's heap.
  await page.addInitScript(() => addEventListener("carnet-started", (e) => (window.__wasmMemory = e.detail.memory)));
  await page.goto(server.url);
  await page.waitForSelector("html[data-app=ready]");
  const results = await page.evaluate(async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    // Two times per action: until the list is updated and laid out (the
    // app's work: reactive updates, DOM, style, layout), and until the next
    // frame has been painted (which adds the wait for the display's frame,
    // 0 to 16.7 ms, and the paint). A random pause before each action keeps
    // the start from locking onto the frame rhythm.
    const timed = async (action) => {
      await new Promise((r) => setTimeout(r, Math.random() * 17));
      const t0 = performance.now();
      // Asked before the action, so that it runs first in the next frame
      // (before anything the app defers until after the paint).
      const painted = frame();
      action();
      await new Promise((r) => setTimeout(r, 0));
      document.querySelector(".results").getBoundingClientRect();
      const laidOut = performance.now() - t0;
      await painted;
      return [laidOut, performance.now() - t0];
    };
    const input = document.querySelector("#recherche");
    const type = (value) => () => {
      input.value = value;
      input.dispatchEvent(new Event("input", { bubbles: true }));
    };
    await frame();
    const keys = [];
    for (const word of ["accompagner", "numerique"]) {
      for (let i = 1; i <= word.length; i++) keys.push(await timed(type(word.slice(0, i))));
      for (let i = word.length - 1; i >= 0; i--) keys.push(await timed(type(word.slice(0, i))));
    }
    const filters = [];
    for (const id of ["f-site-rennes", "f-theme-services", "f-niveau-commune", "f-region-bretagne", "f-site-cluny"]) {
      const box = document.getElementById(id);
      filters.push(await timed(() => box.click()));
      filters.push(await timed(() => box.click()));
      filters.push(await timed(() => box.click()));
      filters.push(await timed(() => box.click()));
    }
    return { keys, filters };
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const heap = await cdp.send("Runtime.getHeapUsage");
  const memory = await page.evaluate(() => ({
    wasmMemory: window.__wasmMemory?.buffer.byteLength ?? null,
    cards: document.querySelectorAll(".cards > li").length,
    domNodes: document.getElementsByTagName("*").length,
  }));
  await browser.close();
  await server.close();
  const summary = (samples) => ({
    updated: median(samples.map((s) => s[0])),
    painted: median(samples.map((s) => s[1])),
    max: Math.max(...samples.map((s) => s[1])),
    samples: samples.length,
  });
  return {
    count,
    keystroke: summary(results.keys),
    filter: summary(results.filters),
    jsHeapUsed: heap.usedSize,
    ...memory,
  };
}

// ------------------------------------------------------------ main

const machine = {
  date: new Date().toISOString(),
  cpus: (await import("node:os")).cpus().length,
  chromium: execFileSync(CHROMIUM, ["--version"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim(),
  lighthouse: "12.8.2",
  runs: RUNS,
};
console.error(`Benchmark: ${DIST}, ${ONLY_SCALE ? "scale only" : `${RUNS} Lighthouse runs each`}`);
let lh = null;
let appBytes = null;
let staticBytes = null;
let visit = null;
if (!ONLY_SCALE) {
  const staticDir = await makeStaticPage(DIST);
  const appServer = await serve(DIST, { base: "/app/" });
  const staticServer = await serve(staticDir, { base: "/static/" });
  lh = await runLighthouse({ app: appServer.url, static: staticServer.url });
  await appServer.close();
  await staticServer.close();
  appBytes = await firstLoadBytes(lh.lastApp, appServer.url, DIST);
  staticBytes = { total: sizes(await readFile(join(staticDir, "index.html"))) };
  for (const file of await readdir(staticDir)) {
    if (file.endsWith(".css")) {
      const s = sizes(await readFile(join(staticDir, file)));
      for (const k of Object.keys(s)) staticBytes.total[k] += s[k];
    }
  }
  await rm(staticDir, { recursive: true, force: true });
  visit = await secondVisit(DIST);
}

const scale = [];
for (const count of SCALES) {
  console.error(`  scale: building with ${count} synthetic défis…`);
  const dist = await mkdtemp(join(tmpdir(), `carnet-dist-${count}-`));
  const buildMs = buildWith(await syntheticData(count), dist);
  const result = await measureScale(dist, count);
  result.buildMs = buildMs;
  result.wasm = (await readdir(dist)).filter((f) => f.endsWith(".wasm")).map((f) => f)[0];
  scale.push(result);
  console.error(`  scale ${count}: keystroke ${ms(result.keystroke.updated)} / ${ms(result.keystroke.painted)}, filter ${ms(result.filter.updated)} / ${ms(result.filter.painted)}`);
}

const ratio = (a, b) => (b ? (a / b).toFixed(2) : "–");
const rows = [];
if (lh) {
  const { app, static: page } = lh.medians;
  rows.push(
  ["Lighthouse performance score", app.score.toFixed(2), page.score.toFixed(2), ratio(app.score, page.score)],
  ["First contentful paint", ms(app.fcp), ms(page.fcp), ratio(app.fcp, page.fcp)],
  ["Largest contentful paint", ms(app.lcp), ms(page.lcp), ratio(app.lcp, page.lcp)],
  ["Speed index", ms(app.si), ms(page.si), ratio(app.si, page.si)],
  ["Time to interactive", ms(app.tti), ms(page.tti), ratio(app.tti, page.tti)],
  ["Total blocking time", ms(app.tbt), ms(page.tbt), "–"],
  ["Cumulative layout shift", app.cls.toFixed(3), page.cls.toFixed(3), "–"],
  ["First load, uncompressed", kb(appBytes.total.raw), kb(staticBytes.total.raw), ratio(appBytes.total.raw, staticBytes.total.raw)],
  ["First load, gzip", kb(appBytes.total.gzip), kb(staticBytes.total.gzip), ratio(appBytes.total.gzip, staticBytes.total.gzip)],
  ["First load, brotli", kb(appBytes.total.brotli), kb(staticBytes.total.brotli), ratio(appBytes.total.brotli, staticBytes.total.brotli)],
  ["Second visit: app shell from the network", `${visit.shellFromNetwork.length} files`, "–", "–"],
  );
}
for (const s of scale) {
  const n = s.count.toLocaleString("en");
  rows.push([`${n} défis: keystroke → list updated, laid out (median)`, ms(s.keystroke.updated), "–", "–"]);
  rows.push([`${n} défis: keystroke → next frame painted (median)`, ms(s.keystroke.painted), "–", "–"]);
  rows.push([`${n} défis: filter click → list updated, laid out (median)`, ms(s.filter.updated), "–", "–"]);
  rows.push([`${n} défis: filter click → next frame painted (median)`, ms(s.filter.painted), "–", "–"]);
  rows.push([`${n} défis: JS heap after GC`, kb(s.jsHeapUsed), "–", "–"]);
  rows.push([`${n} défis: wasm memory`, s.wasmMemory ? kb(s.wasmMemory) : "–", "–", "–"]);
}
const width = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => String(r[i]).length), ["", "app", "static page", "ratio"][i].length));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(width[i])).join(" | ")} |`;
console.log(line(["", "app", "static page", "ratio"]));
console.log(`|${width.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of rows) console.log(line(row));
if (appBytes) {
  console.log("\nFirst load, file by file (raw / gzip / brotli):");
  for (const [file, s] of Object.entries(appBytes.files)) console.log(`  ${file}: ${s.raw} / ${s.gzip} / ${s.brotli}`);
  console.log(`Second visit: ${visit.secondRequests.length} request(s) reached the server: ${visit.secondRequests.join(", ") || "none"}`);
}
console.log(`Machine: ${machine.cpus} cores, ${machine.chromium}, Lighthouse ${machine.lighthouse}, ${RUNS} runs, ${machine.date}`);
await mkdir(join(here, "out"), { recursive: true });
await writeFile(
  join(here, "out/results.json"),
  JSON.stringify({ machine, lighthouse: lh?.medians, runs: lh?.runs, appBytes, staticBytes, visit, scale }, null, 2),
);
