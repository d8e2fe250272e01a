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
  // No retry: a test that passes only at its second try hides a fault (of
  // the app or of the test); find its cause instead.
  retries: 0,
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
