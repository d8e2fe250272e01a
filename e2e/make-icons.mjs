// Renders the app's icons (assets/icons/*.png) from their SVG sources
// (assets/icon.svg, assets/icon-maskable.svg) in Debian's Chromium.
// Run after editing a source: node e2e/make-icons.mjs
import { chromium } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { chromiumOptions } from "./chromium.mjs";

const assets = fileURLToPath(new URL("../assets/", import.meta.url));
const icons = [
  ["icon.svg", "icon-192.png", 192],
  ["icon.svg", "icon-512.png", 512],
  ["icon-maskable.svg", "icon-maskable-512.png", 512],
  ["icon-maskable.svg", "apple-touch-icon.png", 180],
  ["icon.svg", "favicon-32.png", 32],
];
const browser = await chromium.launch(chromiumOptions());
for (const [source, out, size] of icons) {
  const svg = await readFile(assets + source, "utf8");
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
  );
  await page.screenshot({ path: `${assets}icons/${out}`, omitBackground: true });
  await page.close();
  console.log(`assets/icons/${out} (${size}×${size})`);
}
await browser.close();
