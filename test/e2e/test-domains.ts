import { chromium, type Browser } from "@playwright/test";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../scripts/lib/chromium.mjs";
import { answerGetHost, formatRecord } from "../../scripts/lib/xmppmini-records.mjs";

/**
 * A small internet on loopback for the xmppmini tests: one HTTP server answers for every `*.test` name
 * (Chromium maps them to it with --host-resolver-rules), playing the operators' web sites: xmppmini.txt
 * files, get_host directories, XEP-0156 host-meta, and the shop page that embeds the widget.
 */
export interface TestDomains {
  /** Public address → shard host, read by the directory at directory.example.test. */
  directory: Map<string, string>;
  /** Every request served, as `host/path`. */
  requests: string[];
  /** The shop page, on localhost (a secure context); also served as http://shop.test/ (not one). */
  shopUrl: string;
  port: number;
  /** Serves `record` as `domain`'s xmppmini.txt (for endpoints that exist only once a test has started them). */
  publish(domain: string, record: Record<string, string | number>): void;
  /**
   * A Chromium that knows the `*.test` names. With `secure`, it also maps `secure.host` to loopback (any
   * port) and trusts the certificate whose public key hashes to `secure.spki`.
   */
  launchBrowser(secure?: { host: string; spki: string }): Promise<Browser>;
  close(): Promise<void>;
}

type Answer = { status: number; body: string; type?: string; location?: string } | "hang";

// wss://chat.secure.test and https://chat.secure.test: the TLS go-between of the PLAIN tests (xmppmini.spec.ts).
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; " +
  "connect-src 'self' http://*.test ws://127.0.0.1:* http://127.0.0.1:* wss://chat.secure.test:* https://chat.secure.test:*; " +
  "img-src 'self' data:; object-src 'none'; base-uri 'none'";

/**
 * `endpoint` is what the records announce: `{ websocket }` or `{ bosh }`, so the xmppmini tests run over
 * both transports like the rest of the suite.
 */
export async function startTestDomains(
  endpoint: { websocket?: string; bosh?: string },
  fallback: { refusedWebsocket: string; bosh: string },
): Promise<TestDomains> {
  const directory = new Map<string, string>();
  const requests: string[] = [];
  const hanging = new Set<ServerResponse>();
  const text = (body: string, status = 200): Answer => ({ status, body });
  const links = [
    ...(endpoint.websocket ? [{ rel: "urn:xmpp:alt-connections:websocket", href: endpoint.websocket }] : []),
    ...(endpoint.bosh ? [{ rel: "urn:xmpp:alt-connections:xbosh", href: endpoint.bosh }] : []),
  ];
  const hostMetaJson = JSON.stringify({ links });
  const hostMetaXml = `<?xml version='1.0' encoding='utf-8'?>
<XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>
${links.map(({ rel, href }) => `  <Link rel="${rel}" href="${href}"/>`).join("\n")}
</XRD>`;

  // host → path → answer. Anything not listed is a 404.
  const sites: Record<string, Record<string, (request: IncomingMessage, url: URL) => Answer | Promise<Answer>>> = {
    // Static host with the browser extension key.
    "static.test": { "/xmppmini.txt": () => text(formatRecord({ host: "static.test", ...endpoint })) },
    // WebSocket refused, BOSH answering: the widget must fall back by itself.
    "fallback.test": {
      "/xmppmini.txt": () =>
        text(formatRecord({ host: "fallback.test", websocket: fallback.refusedWebsocket, bosh: fallback.bosh })),
    },
    // Hosted elsewhere (MX-like): the provider publishes XEP-0156 host-meta.
    "hosted.test": { "/xmppmini.txt": () => text("\ufeffHOST = provider.test\n") },
    "provider.test": { "/.well-known/host-meta.json": () => text(hostMetaJson) },
    // No xmppmini.txt: XEP-0156 host-meta (XML form) on the domain itself.
    "meta.test": { "/.well-known/host-meta": () => text(hostMetaXml) },
    // Dynamic lookup, two shards.
    "example.test": {
      "/xmppmini.txt": () =>
        text(formatRecord({ host: "http://directory.example.test/xmppmini.php?action=get_host", server_dyn: 1 })),
    },
    "directory.example.test": {
      "/xmppmini.php": (request, url) => answerGetHost(request, url, directory, () => endpoint),
    },
    // The failures, one per error code.
    "broken.test": { "/xmppmini.txt": () => text("host=http://directory.broken.test/get_host\r\n") },
    "down.test": {
      "/xmppmini.txt": () => text(formatRecord({ host: "http://down.test/get_host", server_dyn: 1 })),
      "/get_host": () => text("internal error", 500),
    },
    "slow.test": {
      "/xmppmini.txt": () => text(formatRecord({ host: "http://slow.test/get_host", server_dyn: 1 })),
      "/get_host": () => "hang",
    },
    // A file that redirects to another site, whose answer would be believable on its own.
    "moved.test": {
      "/xmppmini.txt": () => ({ status: 302, body: "", location: "http://elsewhere.test/xmppmini.txt" }),
    },
    "elsewhere.test": { "/xmppmini.txt": () => text(formatRecord({ host: "static.test", ...endpoint })) },
    "nested.test": {
      "/xmppmini.txt": () => text(formatRecord({ host: "http://nested.test/get_host", server_dyn: 1 })),
      "/get_host": () => text(formatRecord({ host: "http://nested.test/again", server_dyn: 1 })),
    },
  };

  async function shopPage(path: string): Promise<Answer> {
    const file = path === "/" ? "/host.html" : path;
    const root = path.startsWith("/cdn/") ? "." : "test/e2e/pages";
    try {
      const body = await readFile(join(root, file), "utf8");
      const type = file.endsWith(".js")
        ? "text/javascript"
        : file.endsWith(".css")
          ? "text/css"
          : file.endsWith(".svg")
            ? "image/svg+xml"
            : "text/html";
      return { status: 200, body, type };
    } catch {
      return text("not found", 404);
    }
  }

  const server = createServer(async (request, response) => {
    const host = (request.headers.host ?? "").replace(/:\d+$/, "");
    const url = new URL(request.url ?? "/", `http://${host}`);
    requests.push(`${host}${url.pathname}`);
    const handler = sites[host]?.[url.pathname];
    // The shop's same-origin resolver proxy: it fetches a domain's xmppmini.txt on the page's behalf.
    // Two forms: the domain in the query (/xmppmini-proxy?domain=…) or in the path (/xmppmini/….txt).
    const proxiedDomain =
      url.pathname === "/xmppmini-proxy"
        ? url.searchParams.get("domain")
        : /^\/xmppmini\/([^/]+)\.txt$/.exec(url.pathname)?.[1];
    const proxied = proxiedDomain ? sites[decodeURIComponent(proxiedDomain)]?.["/xmppmini.txt"] : undefined;
    // The shop is served as http://localhost:PORT, a secure context like any https site (WebCrypto works).
    const isShop = host === "shop.test" || host === "localhost";
    const answer = isShop
      ? proxied
        ? await proxied(request, url)
        : await shopPage(url.pathname)
      : handler
        ? await handler(request, url)
        : text("not found", 404);
    if (answer === "hang") {
      hanging.add(response);
      return;
    }
    response.writeHead(answer.status, {
      "content-type": answer.type ?? "text/plain; charset=utf-8",
      "access-control-allow-origin": "*",
      "cache-control": "no-store",
      ...(answer.location !== undefined && { location: answer.location }),
      ...(answer.type === "text/html" && { "content-security-policy": STRICT_CSP }),
    });
    response.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };

  return {
    directory,
    requests,
    port,
    shopUrl: `http://localhost:${port}/host.html`,
    publish(domain, record) {
      sites[domain] = { "/xmppmini.txt": () => text(formatRecord(record)) };
    },
    launchBrowser: (secure) =>
      chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: [
          ...CHROMIUM_ARGS,
          `--host-resolver-rules=${secure ? `MAP ${secure.host} 127.0.0.1, ` : ""}MAP *.test:80 127.0.0.1:${port}, MAP *.test:443 127.0.0.1:9`,
          ...(secure ? [`--ignore-certificate-errors-spki-list=${secure.spki}`] : []),
        ],
      }),
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
