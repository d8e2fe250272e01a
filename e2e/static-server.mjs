// A plain static file server, like any host the app may be put on: it serves
// the files of one folder under a base path (such as /a/b/), answers a folder
// with its index.html, and nothing else: no rewrite rule, no compression, no
// special header. The tests and the benchmark start and stop it at will (to
// go offline) and read the list of requests it answered.
//
// As a command: node static-server.mjs <folder> [--base /a/b/] [--port 8080]

import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Serves `root` under `base` on 127.0.0.1.
 * @returns {Promise<{url: string, port: number, requests: string[], close: () => Promise<void>}>}
 */
export async function serve(root, { base = "/", port = 0 } = {}) {
  root = resolve(root);
  if (!base.endsWith("/")) base += "/";
  const requests = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    requests.push(url.pathname + url.search);
    const send = (status, body, type = "text/plain; charset=utf-8") => {
      res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-cache" });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (!url.pathname.startsWith(base)) return send(404, "Not found");
    let path = decodeURIComponent(url.pathname.slice(base.length));
    path = normalize(join(root, path));
    if (!path.startsWith(root)) return send(403, "Forbidden");
    try {
      let info = await stat(path);
      if (info.isDirectory()) {
        path = join(path, "index.html");
        info = await stat(path);
      }
      const body = await readFile(path);
      send(200, body, TYPES[extname(path)] ?? "application/octet-stream");
    } catch {
      send(404, "Not found");
    }
  });
  await new Promise((ok) => server.listen(port, "127.0.0.1", ok));
  const actual = server.address().port;
  return {
    url: `http://127.0.0.1:${actual}${base}`,
    port: actual,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const root = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--")) ?? "dist";
  const server = await serve(root, {
    base: option("--base", "/"),
    port: Number(option("--port", "8080")),
  });
  console.log(`Carnet des défis: ${server.url} (Ctrl+C to stop)`);
}
