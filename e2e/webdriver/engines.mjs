// How the WebDriver tests start each engine, and how they hear every error
// the page reports. Each start gives a fresh profile; `stop()` ends the
// browser, its driver and anything else started for it; after it,
// `problems` lists every error the page reported.
//
// - Firefox ESR (Debian's), headless, 390 × 844, through geckodriver (from
//   crates.io, in $CARNET_TOOLS/bin). Errors come through WebDriver BiDi:
//   log.entryAdded (console messages and uncaught errors, from the first
//   script of the page), and a BiDi preload script, which runs before the
//   page's own and outside its Content Security Policy, turns policy
//   violations and unhandled rejections into console errors.
// - WebKitGTK (Debian's 2.50), through WebKitWebDriver (it has no BiDi), in
//   phone-webview.py under a private Xvfb display: 390 × 844, and WebKit
//   writes every console message of the page on stdout, its own included
//   (policy errors, uncaught errors, rejections), from the first byte.
//
// No driver is ever downloaded: the paths are given, so selenium-manager
// never runs (and were it to, SE_OFFLINE keeps it from the network).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Builder } from "selenium-webdriver";
import firefox from "selenium-webdriver/firefox.js";

process.env.SE_OFFLINE ??= "true";

export const WIDTH = 390;
export const HEIGHT = 844;

const TOOLS = process.env.CARNET_TOOLS ?? join(process.env.HOME ?? "/root", ".local/share/carnet-tools");
const FIREFOX = process.env.FIREFOX ?? "/usr/bin/firefox-esr";
const GECKODRIVER = process.env.GECKODRIVER ?? join(TOOLS, "bin/geckodriver");
const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER ?? "/usr/bin/WebKitWebDriver";
const PHONE_WEBVIEW = fileURLToPath(new URL("phone-webview.py", import.meta.url));

function need(path, what) {
  if (!existsSync(path)) throw new Error(`${what} is missing: ${path} (run .ci/setup)`);
}

/** A free TCP port on the loopback interface. */
function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

/** Waits until a child process has exited (at once if it already has). */
function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => child.once("exit", () => ok()));
}

/** Ends a child process: SIGTERM, then SIGKILL if it lingers. */
async function end(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited(child);
  clearTimeout(timer);
}

/** Waits for a driver to answer on its port. */
async function waitForDriver(url, child, timeout = 20_000) {
  const until = Date.now() + timeout;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the driver exited with status ${child.exitCode}`);
    try {
      const res = await fetch(new URL("status", url));
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > until) throw new Error(`no driver at ${url} after ${timeout} ms`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

// What the page ran before anything else (BiDi preload script, Firefox):
// policy violations and unhandled rejections become console errors, which
// log.entryAdded then reports like any other.
const FIREFOX_PRELOAD = `() => {
  document.addEventListener("securitypolicyviolation", (e) => {
    console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI);
  });
  window.addEventListener("unhandledrejection", (e) => {
    console.error("unhandled rejection: " + (e.reason && e.reason.stack || e.reason));
  });
}`;

// Firefox's own window is at least 500 px wide: a profile's userChrome.css
// lets it be a phone's.
const USER_CHROME = `:root, #navigator-toolbox, #nav-bar, #TabsToolbar, toolbar, #browser, #tabbrowser-tabbox {
  min-width: 0 !important;
}
`;

async function startFirefox() {
  need(FIREFOX, "Firefox ESR");
  need(GECKODRIVER, "geckodriver");
  // The profile's template: geckodriver copies it into a profile of its own.
  const profile = await mkdtemp(join(tmpdir(), "carnet-firefox-"));
  await mkdir(join(profile, "chrome"));
  await writeFile(join(profile, "chrome/userChrome.css"), USER_CHROME);
  const options = new firefox.Options()
    .setBinary(FIREFOX)
    .setProfile(profile)
    .addArguments("-headless", `--width=${WIDTH}`, `--height=${HEIGHT}`)
    .setPreference("toolkit.legacyUserProfileCustomizations.stylesheets", true)
    .setPreference("intl.accept_languages", "fr-FR, fr")
    // Quiet on a machine with no internet: nothing the tests did not ask for.
    .setPreference("network.captive-portal-service.enabled", false)
    .setPreference("network.connectivity-service.enabled", false)
    .setPreference("browser.safebrowsing.malware.enabled", false)
    .setPreference("browser.safebrowsing.phishing.enabled", false)
    .setPreference("extensions.update.enabled", false)
    .setPreference("app.update.enabled", false)
    .enableBidi();
  const service = new firefox.ServiceBuilder(GECKODRIVER).setStdio("ignore");
  let driver;
  try {
    driver = await new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(service).build();
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
  const problems = [];
  try {
    const bidi = await driver.getBidi();
    await bidi.subscribe("log.entryAdded");
    (await bidi.socket).on("message", (data) => {
      const { method, params } = JSON.parse(data.toString());
      if (method !== "log.entryAdded") return;
      const text = `${params.type} ${params.level}: ${params.text}`;
      if (params.level === "error" || /Content.Security.Policy|CSP violation/i.test(params.text)) problems.push(text);
    });
    await bidi.send({ method: "script.addPreloadScript", params: { functionDeclaration: FIREFOX_PRELOAD } });
  } catch (e) {
    await driver.quit();
    throw e;
  }
  return {
    name: "Firefox ESR",
    driver,
    problems,
    stop: async () => {
      try {
        // Every event sent before this answer has been read: they share a socket.
        await (await driver.getBidi()).send({ method: "session.status", params: {} });
      } finally {
        await driver.quit();
      }
    },
  };
}

// One X server for every WebKit session of this process, on a free display.
let xvfb = null;
async function display() {
  if (!xvfb) {
    const child = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], {
      stdio: ["ignore", "ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    xvfb = {
      child,
      number: new Promise((ok, fail) => {
        child.stdio[3].once("data", (d) => ok(d.toString().trim()));
        child.once("exit", (code) => fail(new Error(`Xvfb exited (${code}): ${stderr.trim()}`)));
      }),
    };
    // The X server never outlives the tests.
    process.once("exit", () => child.kill("SIGKILL"));
  }
  return `:${await xvfb.number}`;
}

/** Stops the X server started for WebKit, if any. */
export async function stopDisplay() {
  if (xvfb) {
    const { child } = xvfb;
    xvfb = null;
    await end(child);
  }
}

/** A console message in WebKit's stdout that fails a test, or null. */
function webkitProblem(line) {
  // « [url:line:column: ]CONSOLE [SOURCE ]LEVEL message »
  const m = /^(?:(.*): )?CONSOLE (?:([A-Z]+) )?(LOG|DEBUG|INFO|WARN|WARNING|ERROR) (.*)$/.exec(line);
  if (!m) return null;
  const [, where, source, level, text] = m;
  if (level !== "ERROR" && !/Content.Security.Policy/i.test(text)) return null;
  return `console ${source ? `${source} ` : ""}${level}: ${text}${where ? ` (${where})` : ""}`;
}

async function startWebKit() {
  need(WEBKIT_DRIVER, "WebKitWebDriver");
  need("/usr/bin/python3", "Python 3");
  const env = { ...process.env, DISPLAY: await display() };
  const profile = await mkdtemp(join(tmpdir(), "carnet-webkit-"));
  const port = await freePort();
  const child = spawn(WEBKIT_DRIVER, [`--port=${port}`], { env, stdio: ["ignore", "pipe", "pipe"] });
  const problems = [];
  let output = "";
  const read = (chunk) => {
    output += chunk;
    const lines = output.split("\n");
    output = lines.pop();
    for (const line of lines) {
      const problem = webkitProblem(line);
      if (problem) problems.push(problem);
    }
  };
  child.stdout.setEncoding("utf8").on("data", read);
  child.stderr.setEncoding("utf8").on("data", read);
  const url = `http://127.0.0.1:${port}/`;
  let driver;
  try {
    await waitForDriver(url, child);
    driver = await new Builder()
      .usingServer(url)
      .withCapabilities({
        browserName: "PhoneWebView",
        "webkitgtk:browserOptions": { binary: PHONE_WEBVIEW, args: [profile] },
      })
      .build();
  } catch (e) {
    await end(child);
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
  const ended = Promise.all([exited(child), new Promise((ok) => child.stdout.once("close", ok))]);
  return {
    name: "WebKitGTK",
    driver,
    problems,
    // Messages come on a pipe, a little after the fact: all are read once
    // the browser is gone, which `stop()` waits for.
    stop: async () => {
      try {
        await driver.quit();
      } finally {
        await end(child);
        await ended;
        read("\n");
        await rm(profile, { recursive: true, force: true });
      }
    },
  };
}

export const ENGINES = { firefox: startFirefox, webkit: startWebKit };
