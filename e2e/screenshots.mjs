// Takes the screenshots to look at: each view of the release build at a
// phone (375×667) and a desktop (1280×800) size, light and dark.
//
// node screenshots.mjs <dist> <out-folder> [query ...]

import { chromium } from "@playwright/test";
import { mkdir } from "node:fs/promises";
import { serve } from "./static-server.mjs";
import { chromiumOptions } from "./chromium.mjs";

const [dist = "../dist", out = "screenshots", ...queries] = process.argv.slice(2);
await mkdir(out, { recursive: true });
const server = await serve(dist, { base: "/a/b/" });
const browser = await chromium.launch(chromiumOptions());
const views = queries.length ? queries : ["", "?site=rennes&theme=services&q=acces", "?defi=rennes-04", "?vue=apropos"];
for (const [name, viewport] of [
  ["phone", { width: 375, height: 667 }],
  ["desktop", { width: 1280, height: 800 }],
]) {
  for (const scheme of ["light", "dark"]) {
    const page = await browser.newPage({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
    for (const [i, query] of views.entries()) {
      await page.goto(server.url + query);
      await page.waitForSelector("html.app-ready, #app[data-app]", { timeout: 10000 }).catch(() => {});
      await page.waitForTimeout(300);
      const file = `${out}/${i}-${name}-${scheme}.png`;
      await page.screenshot({ path: file, fullPage: false });
      console.log(file, query || "(list)");
    }
    await page.close();
  }
}
await browser.close();
await server.close();
