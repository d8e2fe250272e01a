// A plain static file server, like any host the app may be put on: it serves
// the files of one folder under a base path (such as /a/b/), answers a folder
// with its index.html, and nothing else: no rewrite rule, no compression, no
// special header. The tests and the benchmark start and stop it at will (to
// go offline) and read the list of requests it answered.
//
// It can also play the other kinds of servers an organiser may have
// (`kind`):
// - "plain" (the default): as above, like python's http.server or a bucket;
// - "gzip", "brotli": compresses every text file and the wasm on the fly
//   (gzip level 6, brotli quality 11: kept in memory, as a server's cache
//   would), when the browser accepts it; a .gz is sent as it is;
// - "gzip-text": gzip for text only, not the wasm (nginx with a gzip_types
//   list that leaves out application/wasm);
// - "apache": sends a `*.gz` file with `Content-Encoding: gzip` and the type
//   of the file inside (Apache's AddEncoding), no other compression;
// - "octet-stream": plain, but gives the wasm (and the .gz) the type
//   application/octet-stream, as a server that does not know wasm does.
//
// As a command: node static-server.mjs <folder> [--base /a/b/] [--port 8080] [--kind brotli]

import { createServer } from "node:http";
import { readFile, readdir, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

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
  ".gz": "application/gzip",
};

export const KINDS = ["plain", "gzip", "gzip-text", "brotli", "apache", "octet-stream"];

/** What a compressing server compresses: text and wasm, not images or archives. */
const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|webmanifest|svg|txt)$/;
const TEXT = /\.(html|js|mjs|css|json|webmanifest|svg|txt)$/;

const compressed = new Map();
const BROTLI = { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } };
const cacheKey = (path, info, encoding) => `${encoding} ${path} ${info.mtimeMs} ${info.size}`;
/** `body` compressed with `encoding`, cached by path and modification time. */
function compress(path, info, body, encoding) {
  const key = cacheKey(path, info, encoding);
  if (!compressed.has(key)) {
    compressed.set(key, encoding === "br" ? zlib.brotliCompressSync(body, BROTLI) : zlib.gzipSync(body, { level: 6 }));
  }
  return compressed.get(key);
}

/**
 * Compresses beforehand what a server of this kind compresses, as a server
 * with a warm cache (or pre-compressed files) has it ready. Without this,
 * the first request for the wasm waited for brotli 11 over 590 KB (seconds
 * on a loaded machine) and a test timed out on the server, not on the app.
 */
async function warm(root, pattern, encoding) {
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !pattern.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    compress(path, await stat(path), await readFile(path), encoding);
  }
}

/**
 * Serves `root` under `base` on 127.0.0.1, as a server of `kind` (see above).
 * `requests` lists the paths it answered; `sent`, for each, the encoding and
 * the bytes of the body it sent.
 * @returns {Promise<{url: string, port: number, requests: string[], sent: {path: string, encoding: string, bytes: number}[], close: () => Promise<void>}>}
 */
export async function serve(root, { base = "/", port = 0, kind = "plain" } = {}) {
  if (!KINDS.includes(kind)) throw new Error(`unknown kind of server: ${kind}`);
  root = resolve(root);
  if (!base.endsWith("/")) base += "/";
  const requests = [];
  const sent = [];
  const encoding = { gzip: "gzip", "gzip-text": "gzip", brotli: "br" }[kind];
  const compressible = kind === "gzip-text" ? TEXT : COMPRESSIBLE;
  if (encoding) await warm(root, compressible, encoding);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    requests.push(url.pathname + url.search);
    const send = (status, body, type = "text/plain; charset=utf-8", headers = {}) => {
      res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-cache", ...headers });
      res.end(req.method === "HEAD" ? undefined : body);
      sent.push({ path: url.pathname, encoding: headers["Content-Encoding"] ?? "", bytes: body.length });
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
      let type = TYPES[extname(path)] ?? "application/octet-stream";
      if (kind === "octet-stream" && /\.wasm(\.gz)?$/.test(path)) type = "application/octet-stream";
      if (kind === "apache" && path.endsWith(".gz")) {
        const inner = TYPES[extname(path.slice(0, -3))] ?? "application/octet-stream";
        return send(200, body, inner, { "Content-Encoding": "gzip" });
      }
      const accepted = String(req.headers["accept-encoding"] ?? "");
      if (encoding && compressible.test(path) && new RegExp(`\\b${encoding}\\b`).test(accepted)) {
        return send(200, compress(path, info, body, encoding), type, {
          "Content-Encoding": encoding,
          Vary: "Accept-Encoding",
        });
      }
      send(200, body, type, encoding ? { Vary: "Accept-Encoding" } : {});
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
    sent,
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
    kind: option("--kind", "plain"),
  });
  console.log(`Carnet des défis: ${server.url} (Ctrl+C to stop)`);
}
