// A generous size budget, to catch a regression (not a benchmark: the
// numbers are measured by .ci/bench and reported in BENCHMARKS.md).
// Today: wasm 570 KB raw / 174 KB brotli; first load 658 KB / 191 KB.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import zlib from "node:zlib";
import { test, expect, DIST } from "./fixtures.js";

const BUDGET = {
  wasm: { raw: 620_000, brotli: 190_000 },
  // HTML, CSS, JS, wasm, manifest and the icons a first load fetches.
  firstLoad: { raw: 720_000, brotli: 210_000 },
};

const brotli = (bytes) =>
  zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

test("the build stays within its size budget", async () => {
  const files = await readdir(DIST);
  const firstLoad = files.filter((f) => /\.(html|css|js|wasm|webmanifest)$/.test(f) && f !== "sw.js");
  firstLoad.push("icons/favicon-32.png", "icons/icon-192.png");
  let raw = 0;
  let compressed = 0;
  for (const file of firstLoad) {
    const bytes = await readFile(join(DIST, file));
    raw += bytes.length;
    compressed += brotli(bytes);
    if (file.endsWith(".wasm")) {
      expect(bytes.length, "wasm, raw").toBeLessThanOrEqual(BUDGET.wasm.raw);
      expect(brotli(bytes), "wasm, brotli").toBeLessThanOrEqual(BUDGET.wasm.brotli);
    }
  }
  expect(raw, "first load, raw").toBeLessThanOrEqual(BUDGET.firstLoad.raw);
  expect(compressed, "first load, brotli").toBeLessThanOrEqual(BUDGET.firstLoad.brotli);
});
