// How the tests start Chromium: Debian's, never a downloaded one, quiet on a
// machine with no internet (as root it needs --no-sandbox).

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export function chromiumOptions(extra = {}) {
  return { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, ...extra };
}
