// A size budget on the bytes on the wire of a first load, to catch a
// regression (not a benchmark: the numbers are measured by .ci/bench and
// reported in BENCHMARKS.md), from a plain server and from a brotli one.
// What counts is what the page fetched, bodies and headers as they crossed
// the network; the service worker fills its cache in the background once
// the app runs, and that is not counted.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import zlib from "node:zlib";
import { test, expect, DIST } from "./fixtures.js";

// Measured at the budget's last change (the release wasm built by the
// pinned nightly, .ci/env): wasm 532,303 bytes raw, 165,070 brotli; a first
// load of 245,516 bytes (plain server) and 181,711 (brotli).
const BUDGET = {
  wasm: { raw: 560_000, brotli: 175_000 },
  firstLoad: { plain: 260_000, brotli: 192_000 },
};

const brotli = (bytes) =>
  zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

test("the wasm stays within its size budget", async () => {
  const wasm = (await readdir(DIST)).filter((f) => f.endsWith(".wasm"));
  expect(wasm).toHaveLength(1);
  const bytes = await readFile(join(DIST, wasm[0]));
  expect(bytes.length, "wasm, raw").toBeLessThanOrEqual(BUDGET.wasm.raw);
  expect(brotli(bytes), "wasm, brotli").toBeLessThanOrEqual(BUDGET.wasm.brotli);
});

for (const kind of ["plain", "brotli"]) {
  test.describe(`a ${kind} server`, () => {
    test.use({ serverKind: kind });
    test(`a first load stays within its budget on the wire (${kind} server)`, async ({ page, server }) => {
      const finished = [];
      page.on("requestfinished", (request) => finished.push(request));
      await page.goto(server.url);
      await expect(page.locator("html")).toHaveAttribute("data-app", "ready");
      await page.waitForLoadState("load");
      const files = [];
      for (const request of finished) {
        const sizes = await request.sizes();
        files.push([new URL(request.url()).pathname.split("/").pop(), sizes.responseBodySize + sizes.responseHeadersSize]);
      }
      const bytes = files.reduce((sum, [, size]) => sum + size, 0);
      console.log(`[size ${kind}] ${bytes} bytes: ${files.map(([name, size]) => `${name} ${size}`).join(", ")}`);
      expect(files.filter(([name]) => /\.wasm/.test(name)), "one wasm").toHaveLength(1);
      expect(bytes, `first load, ${kind} server`).toBeLessThanOrEqual(BUDGET.firstLoad[kind]);
    });
  });
}
