// A tiny static file server for the end-to-end tests and the benchmark: serves fixed folders on a free
// loopback port, with the response headers a test asks for (e.g. a strict Content-Security-Policy).
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".map": "application/json",
  ".css": "text/css; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".mp3": "audio/mpeg",
  ".ogg": "audio/ogg",
};

/**
 * `mounts` maps URL prefixes to folders, e.g. `{ "/cdn/": "cdn", "/": "test/e2e/pages" }`.
 * `headers(pathname)` may add response headers per request. `routes` maps paths (exact, or a prefix when
 * the key ends with "/") to handlers `(request, response) => void` standing for the host site's backend
 * (e.g. its credentials endpoint, its upload endpoint).
 */
export function startStaticServer({ mounts, headers = () => ({}), routes = {} }) {
  const entries = Object.entries(mounts).sort(([a], [b]) => b.length - a.length);
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://localhost");
    const route = Object.hasOwn(routes, pathname)
      ? pathname
      : Object.keys(routes).find((key) => key.endsWith("/") && pathname.startsWith(key));
    if (route) return void routes[route](request, response);
    const mount = entries.find(([prefix]) => pathname.startsWith(prefix));
    if (!mount) return void response.writeHead(404).end("not found");
    const [prefix, folder] = mount;
    const relative = normalize(decodeURIComponent(pathname.slice(prefix.length)) || "index.html");
    if (relative.startsWith("..") || relative.includes(`${sep}..`)) return void response.writeHead(400).end("bad path");
    try {
      const body = await readFile(join(folder, relative));
      response.writeHead(200, {
        "content-type": TYPES[extname(relative)] ?? "application/octet-stream",
        "cache-control": "no-store",
        ...headers(pathname),
      });
      response.end(body);
    } catch {
      response.writeHead(404).end("not found");
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
