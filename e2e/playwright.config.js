// End-to-end tests: the release build (../dist), served by a plain static
// server under a sub-path, in Debian's Chromium at a phone's viewport.
import { defineConfig } from "@playwright/test";
import { chromiumOptions } from "./chromium.mjs";

export default defineConfig({
  testDir: "tests",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  // One retry, so that a test broken for real still fails but a rare stall
  // of a loaded machine does not block a submission; the list reporter
  // marks such a test « flaky », for the next person to look at.
  retries: 1,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    browserName: "chromium",
    launchOptions: chromiumOptions(),
    viewport: { width: 375, height: 667 },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
    locale: "fr-FR",
    screenshot: "only-on-failure",
  },
});
