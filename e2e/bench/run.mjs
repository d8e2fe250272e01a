// The benchmark of Carnet des défis (a benchmark, not a test: nothing here
// fails on a slow machine). Run it with `.ci/bench`, which builds first.
//
// 1. Lighthouse, mobile preset (simulated slow 4G, 4× CPU), on four setups:
//    the release build from a plain static server (no compression) and from
//    one that compresses with brotli, the source article as one static HTML
//    page (article/index.html: the limit), and the static page of the same
//    content as the app (its pre-rendered page, no script: a reference);
//    several runs each, interleaved, medians; bytes on the wire per setup.
// 2. The first keystroke answered: in Chromium with slow 4G emulated (CDP:
//    1.6 Mbit/s down, 150 ms round trip) and the CPU 4× slower, the time
//    from navigation until a letter typed into the search box changes the
//    list (a letter every 100 ms from the first paint of the search box),
//    from both servers, interleaved, medians.
// 3. A second visit: what it fetches from the network.
// 4. Scale: synthetic datasets of 1,000 and 10,000 défis (generated here,
//    never shipped), from a keystroke in the search box (or a click on a
//    filter) to the updated list painted, in headless Chromium; page memory.
//
// Prints one table and writes out/results.json.
//
// node run.mjs [--dist ../../dist] [--runs 5] [--keys 5] [--scale 1000,10000] [--no-scale]
//              [--no-lighthouse] [--only-scale] [--also before=/path/to/another/dist …]
// (--also adds another build, such as the one before a change, from both
// servers, to the same interleaved runs.)

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
const KEY_RUNS = Number(option("--keys", "5"));
const NO_LIGHTHOUSE = args.includes("--no-lighthouse");
const ARTICLE = join(here, "article");
const ALSO = args.flatMap((a, i) => (args[i - 1] === "--also" ? [a.split("=")] : []));
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
  // Bytes on the wire (bodies and headers) of what the page fetched; the
  // service worker's own downloads, in the background, are not counted.
  wire: (r) => pageRequests(r).reduce((sum, item) => sum + item.transferSize, 0),
};

/** The requests of the page itself in a Lighthouse report. */
function pageRequests(lhr) {
  return lhr.audits["network-requests"].details.items.filter(
    (item) => (item.sessionTargetType ?? "page") === "page" && !/^(data|blob):/.test(item.url),
  );
}

async function runLighthouse(urls) {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ["--headless=new", ...CHROMIUM_ARGS],
  });
  const results = Object.fromEntries(Object.keys(urls).map((k) => [k, []]));
  const last = {};
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
        last[name] = lhr;
        process.stderr.write(
          `  lighthouse ${name} #${run + 1}: LCP ${ms(METRICS.lcp(lhr))}, TTI ${ms(METRICS.tti(lhr))}, ${kb(METRICS.wire(lhr))}, score ${METRICS.score(lhr)}\n`,
        );
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
  return { medians, runs: results, last };
}

// ------------------------------------------------------------ bytes

function sizes(buffer) {
  return {
    raw: buffer.length,
    gzip: zlib.gzipSync(buffer, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buffer, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The files of a Lighthouse run, with the bytes each took on the wire. */
function wireBytes(lhr) {
  return pageRequests(lhr).map((item) => ({
    file: decodeURIComponent(new URL(item.url).pathname.split("/").pop()) || "index.html",
    wire: item.transferSize,
    type: item.mimeType,
  }));
}

/** The files of the build, raw, gzip -9, brotli 11 (and the .gz as written). */
async function buildFiles(dist) {
  const out = {};
  const walk = async (dir, prefix = "") => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) await walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else out[prefix + entry.name] = sizes(await readFile(join(dir, entry.name)));
    }
  };
  await walk(dist);
  return out;
}

// ------------------------------------------------------------ first keystroke

/**
 * From navigation to the first letter typed into the search box that the
 * app answers (the count of the list changes), under slow 4G and a 4× slower
 * CPU. Page-side clocks (performance.now(), from the navigation's start).
 */
async function firstKeystroke(browser, url) {
  const context = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.addInitScript(() => {
    window.__keys = [];
    addEventListener("keydown", () => window.__keys.push(performance.now()), true);
    const watch = () => {
      const first = document.querySelector(".count")?.textContent;
      new MutationObserver((_, observer) => {
        const now = document.querySelector(".count")?.textContent;
        if (now !== undefined && now !== first && window.__keys.length) {
          window.__answered = performance.now();
          observer.disconnect();
        }
      }).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
    };
    document.addEventListener("DOMContentLoaded", watch);
  });
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForSelector("#recherche");
  await page.focus("#recherche");
  const searchBoxAt = await page.evaluate(() => performance.now());
  const letters = "piscine";
  let typed = 0;
  while (!(await page.evaluate(() => window.__answered ?? null)) && typed < 300) {
    await page.keyboard.type(letters[typed % letters.length]);
    typed += 1;
    await page.waitForTimeout(100);
  }
  const result = await page.evaluate(() => {
    const answered = window.__answered;
    const key = [...window.__keys].reverse().find((t) => t <= answered);
    return { answered, key, keys: window.__keys.length, appReady: document.documentElement.dataset.app === "ready" };
  });
  await context.close();
  return { ...result, searchBoxAt };
}

// ------------------------------------------------------------ second visit

async function secondVisit(dist, kind) {
  const server = await serve(dist, { base: "/app/", kind });
  const browser = await chromium.launch(chromiumOptions());
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
  const firstRequests = server.requests.length;
  server.requests.length = 0;
  const fromNetwork = [];
  page.on("response", (r) => {
    // A blob: URL (the glue the loader imports) is made in the page, not fetched.
    if (!r.fromServiceWorker() && !r.url().startsWith("blob:")) fromNetwork.push(r.url());
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

const startedAt = Date.now();
const machine = {
  date: new Date().toISOString(),
  cpus: (await import("node:os")).cpus().length,
  chromium: execFileSync(CHROMIUM, ["--version"], { stdio: ["ignore", "pipe", "ignore"] }).toString().trim(),
  lighthouse: JSON.parse(await readFile(join(here, "node_modules/lighthouse/package.json"), "utf8")).version,
  runs: RUNS,
};
console.error(`Benchmark: ${DIST}, ${ONLY_SCALE ? "scale only" : `${NO_LIGHTHOUSE ? "no" : RUNS} Lighthouse runs each, ${KEY_RUNS} keystroke runs each`}`);
const APPS = ["app", ...ALSO.map(([label]) => label)];
const SETUPS = [...APPS.flatMap((app) => [`${app}-plain`, `${app}-brotli`]), "article", "static"];
let lh = null;
let keys = null;
let visits = null;
let files = null;
if (!ONLY_SCALE) {
  const staticDir = await makeStaticPage(DIST);
  const servers = {
    "app-plain": await serve(DIST, { base: "/app/" }),
    "app-brotli": await serve(DIST, { base: "/app/", kind: "brotli" }),
    article: await serve(ARTICLE, { base: "/article/" }),
    static: await serve(staticDir, { base: "/static/" }),
  };
  for (const [label, dir] of ALSO) {
    servers[`${label}-plain`] = await serve(resolve(dir), { base: "/app/" });
    servers[`${label}-brotli`] = await serve(resolve(dir), { base: "/app/", kind: "brotli" });
  }
  if (!NO_LIGHTHOUSE) {
    lh = await runLighthouse(Object.fromEntries(SETUPS.map((name) => [name, servers[name].url])));
  }
  const browser = await chromium.launch(chromiumOptions());
  keys = Object.fromEntries(SETUPS.filter((name) => /-(plain|brotli)$/.test(name)).map((name) => [name, []]));
  for (let run = 0; run < KEY_RUNS; run++) {
    for (const name of Object.keys(keys)) {
      const result = await firstKeystroke(browser, servers[name].url);
      keys[name].push(result);
      process.stderr.write(`  first keystroke ${name} #${run + 1}: answered at ${ms(result.answered)} (key at ${ms(result.key)}, ${result.keys} keys)\n`);
    }
  }
  await browser.close();
  for (const server of Object.values(servers)) await server.close();
  await rm(staticDir, { recursive: true, force: true });
  visits = { plain: await secondVisit(DIST, "plain"), brotli: await secondVisit(DIST, "brotli") };
  files = await buildFiles(DIST);
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

const ratio = (a, b) => (b ? `${(a / b).toFixed(2)}×` : "–");
const HEAD = ["", ...SETUPS.map((name) => ({ article: "article page", static: "same-content static page" })[name] ?? name.replace(/-(plain|brotli)$/, ", $1 server"))];
const dash = (n) => Array(n).fill("–");
const rows = [];
if (lh) {
  const m = lh.medians;
  const row = (label, f, withRatio = false) =>
    rows.push([
      label,
      ...SETUPS.map((name) => {
        const cell = f(m[name]);
        return withRatio && /-(plain|brotli)$/.test(name) ? `${cell} (${ratio(m[name][withRatio], m.article[withRatio])})` : cell;
      }),
    ]);
  row("Lighthouse performance score", (x) => x.score.toFixed(2));
  row("First contentful paint", (x) => ms(x.fcp), "fcp");
  row("Largest contentful paint", (x) => ms(x.lcp), "lcp");
  row("Speed index", (x) => ms(x.si));
  row("Time to interactive", (x) => ms(x.tti), "tti");
  row("Total blocking time", (x) => ms(x.tbt));
  row("Cumulative layout shift", (x) => x.cls.toFixed(3));
  row("First load on the wire", (x) => kb(x.wire), "wire");
}
if (keys) {
  const k = (name, field) => (keys[name] ? ms(median(keys[name].map((r) => r[field]))) : "–");
  rows.push(["First keystroke answered (list changed), slow 4G, CPU 4×", ...SETUPS.map((name) => k(name, "answered"))]);
  rows.push(["  … the search box there (first paint of it)", ...SETUPS.map((name) => k(name, "searchBoxAt"))]);
}
if (visits) {
  rows.push([
    "Second visit: app shell from the network",
    `${visits.plain.shellFromNetwork.length} files`,
    `${visits.brotli.shellFromNetwork.length} files`,
    ...dash(SETUPS.length - 2),
  ]);
}
for (const s of scale) {
  const n = s.count.toLocaleString("en");
  const rest = dash(Math.max(SETUPS.length, 4) - 1);
  rows.push([`${n} défis: keystroke → list updated, laid out (median)`, ms(s.keystroke.updated), ...rest]);
  rows.push([`${n} défis: keystroke → next frame painted (median)`, ms(s.keystroke.painted), ...rest]);
  rows.push([`${n} défis: filter click → list updated, laid out (median)`, ms(s.filter.updated), ...rest]);
  rows.push([`${n} défis: filter click → next frame painted (median)`, ms(s.filter.painted), ...rest]);
  rows.push([`${n} défis: JS heap after GC`, kb(s.jsHeapUsed), ...rest]);
  rows.push([`${n} défis: wasm memory`, s.wasmMemory ? kb(s.wasmMemory) : "–", ...rest]);
}
const width = HEAD.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(width[i])).join(" | ")} |`;
console.log(line(HEAD));
console.log(`|${width.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of rows) console.log(line(row));
if (lh) {
  for (const name of SETUPS.filter((n) => /-(plain|brotli)$/.test(n))) {
    console.log(`\nFirst load on the wire, ${name} (last run): ${wireBytes(lh.last[name]).map((f) => `${f.file} ${f.wire}`).join(", ")}`);
  }
}
if (files) {
  console.log("\nThe build, file by file (raw / gzip -9 / brotli 11):");
  for (const [file, s] of Object.entries(files)) console.log(`  ${file}: ${s.raw} / ${s.gzip} / ${s.brotli}`);
}
if (visits) {
  for (const [kind, visit] of Object.entries(visits)) {
    console.log(`Second visit (${kind}): ${visit.secondRequests.length} request(s) reached the server: ${visit.secondRequests.join(", ") || "none"}`);
  }
}
const seconds = Math.round((Date.now() - startedAt) / 1000);
console.log(`Machine: ${machine.cpus} cores, ${machine.chromium}, Lighthouse ${machine.lighthouse}, ${RUNS} runs, ${machine.date}; the benchmark took ${seconds} s`);
await mkdir(join(here, "out"), { recursive: true });
await writeFile(
  join(here, "out/results.json"),
  JSON.stringify(
    {
      machine,
      seconds,
      lighthouse: lh?.medians,
      runs: lh?.runs,
      wire: lh && Object.fromEntries(SETUPS.map((name) => [name, wireBytes(lh.last[name])])),
      keys,
      files,
      visits,
      scale,
    },
    null,
    2,
  ),
);
