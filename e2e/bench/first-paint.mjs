// Where a page's simulated first paint goes (a diagnosis, not a test).
//
// Lighthouse's mobile preset does not slow the page down: it loads it at
// full speed, then simulates slow 4G and a 4× slower CPU on the graph of
// what the first paint needed (Lantern). This prints that graph, node by
// node, for each build given, served as the benchmark serves it (a plain
// static server, no compression), so that a change is judged by what it
// removes from the graph, not by a median of noisy paints:
// - the page's download: one round trip more past 14.6 KB on the wire (the
//   first TCP window), then flat up to 43.8 KB (the second);
// - the first task that parses the page, its CPU time counted 4×;
// - the first task that lays out (and often paints) the page, counted 2×;
//   a first paint in a task of its own is counted 4×;
// - any script or stylesheet that blocked the paint.
//
// node first-paint.mjs [--runs 3] <dir> [<dir> …]
// (a dir holds an index.html: the release build, or bench/article)

import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { LanternFirstContentfulPaint } from "lighthouse/core/computed/metrics/lantern-first-contentful-paint.js";
import { resolve } from "node:path";
import { serve } from "../static-server.mjs";
import { CHROMIUM, CHROMIUM_ARGS } from "../chromium.mjs";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const DIRS = args.filter((arg, i) => arg !== "--runs" && args[i - 1] !== "--runs").map((dir) => resolve(dir));
if (!DIRS.length) {
  console.error("node first-paint.mjs [--runs 3] <dir> [<dir> …]");
  process.exit(2);
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const ms = (value) => `${Math.round(value)} ms`;

/** One node of the graph: what it is, its observed and its simulated time. */
function describe(node, timing) {
  const simulated = timing.endTime - timing.startTime;
  if (node.type === "network") {
    return `download ${node.request.url.replace(/^https?:\/\/[^/]+/, "")} (${(node.request.transferSize / 1024).toFixed(1)} KB): ends at ${ms(timing.endTime)}`;
  }
  const observed = (node.endTime - node.startTime) / 1000;
  const work = {};
  for (const event of node.childEvents) if (event.dur) work[event.name] = (work[event.name] ?? 0) + event.dur / 1000;
  const main = Object.entries(work)
    .filter(([name, time]) => time >= 0.2 && /^(ParseHTML|Layout|UpdateLayoutTree|Paint|PrePaint|Commit|EvaluateScript|v8\.compile\w*|ParseAuthorStyleSheet|FunctionCall)$/.test(name))
    .sort((a, b) => b[1] - a[1])
    .map(([name, time]) => `${name} ${time.toFixed(1)}`)
    .join(", ");
  return `task ${observed.toFixed(1)} ms observed → ${ms(simulated)} simulated (${main})`;
}

const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: ["--headless=new", ...CHROMIUM_ARGS] });
const paints = Object.fromEntries(DIRS.map((dir) => [dir, []]));
try {
  for (let run = 0; run < RUNS; run++) {
    for (const dir of DIRS) {
      const server = await serve(dir, { base: "/app/" });
      const { lhr, artifacts } = await lighthouse(server.url, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        onlyCategories: ["performance"],
      });
      await server.close();
      const settings = lhr.configSettings;
      const data = {
        trace: artifacts.Trace,
        devtoolsLog: artifacts.DevtoolsLog,
        gatherContext: artifacts.GatherContext,
        settings,
        URL: artifacts.URL,
        SourceMaps: artifacts.SourceMaps,
        simulator: null,
      };
      const fcp = await LanternFirstContentfulPaint.request(data, { computedCache: new Map(), settings });
      paints[dir].push(fcp.timing);
      const lcp = lhr.audits["largest-contentful-paint"].numericValue;
      console.log(`${dir} #${run + 1}: first paint ${ms(fcp.timing)}, largest ${ms(lcp)}`);
      // The first paint is the mean of two graphs: the optimistic one, and
      // the pessimistic one, which adds what a script asked for early.
      const { optimisticEstimate: optimistic, pessimisticEstimate: pessimistic } = fcp;
      const nodes = [...optimistic.nodeTimings.entries()].sort((a, b) => a[1].startTime - b[1].startTime);
      for (const [node, timing] of nodes) console.log(`  ${describe(node, timing)}`);
      if (pessimistic.timeInMs !== optimistic.timeInMs) {
        console.log(`  pessimistic graph: ${ms(pessimistic.timeInMs)} against ${ms(optimistic.timeInMs)}, with`);
        for (const [node, timing] of pessimistic.nodeTimings) if (!optimistic.nodeTimings.has(node)) console.log(`    ${describe(node, timing)}`);
      }
    }
  }
} finally {
  await chrome.kill();
}
for (const dir of DIRS) console.log(`median first paint ${ms(median(paints[dir]))} (${paints[dir].map(ms).join(", ")}): ${dir}`);
process.exit(0);
