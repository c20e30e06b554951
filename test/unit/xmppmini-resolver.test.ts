import { expect } from "@open-wc/testing";
import { XmppminiResolver, type ResolverOptions } from "../../src/xmppmini/resolver.js";
import { MemoryResolutionCache } from "../../src/xmppmini/resolution-cache.js";
import { XmppminiError } from "../../src/errors.js";
import { failure } from "./typed-failure.js";

type Route = string | number | "network-error" | "hang" | ((request: Request, body: string) => string | number);

/** A fake network: URL → body (200), status, a network failure or a request that never answers. */
function fakeFetch(routes: Record<string, Route>) {
  const requests: Request[] = [];
  const fetch = async (input: string, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push(request);
    const key = Object.keys(routes).find(
      (url) => url === input || (url.endsWith("*") && input.startsWith(url.slice(0, -1))),
    );
    let route = key === undefined ? 404 : routes[key]!;
    if (typeof route === "function") route = route(request, await request.clone().text());
    if (route === "network-error") throw new TypeError("Failed to fetch");
    if (route === "hang") {
      return new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)));
    }
    return typeof route === "number" ? new Response("error", { status: route }) : new Response(route, { status: 200 });
  };
  return { fetch, requests, urls: () => requests.map((request) => request.url) };
}

function resolver(routes: Record<string, Route>, options: ResolverOptions = {}) {
  const network = fakeFetch(routes);
  return { network, resolver: new XmppminiResolver({ fetch: network.fetch, pageProtocol: "https:", ...options }) };
}

const HOST_META_JSON = (ws: string) =>
  JSON.stringify({ links: [{ rel: "urn:xmpp:alt-connections:websocket", href: ws }] });

describe("XmppminiResolver", () => {
  it("uses a static file's websocket= key and keeps the address", async () => {
    const { resolver: r } = resolver({
      "https://example.org/xmppmini.txt": "host=example.org\r\nwebsocket=wss://example.org/ws\r\n",
    });
    expect(await r.resolveAccount("alice@example.org")).to.deep.equal({
      publicJid: "alice@example.org",
      realJid: "alice@example.org",
      websocket: "wss://example.org/ws",
      source: "xmppmini.txt",
    });
  });

  it("hosting elsewhere (MX-like): discovers endpoints on the named host, keeps the address's domain", async () => {
    const { resolver: r, network } = resolver({
      "https://clqsoft.com/xmppmini.txt": "host=newbt.net\r\n",
      "https://newbt.net/.well-known/host-meta.json": HOST_META_JSON("wss://newbt.net/xmpp"),
    });
    const resolution = await r.resolveAccount("clq@clqsoft.com");
    expect(resolution).to.include({
      realJid: "clq@clqsoft.com",
      websocket: "wss://newbt.net/xmpp",
      source: "xmppmini.txt",
    });
    expect(network.urls()).not.to.include("https://clqsoft.com/.well-known/host-meta.json");
  });

  it("asks a get_host directory by GET with user_name; the real address is node@host", async () => {
    const { resolver: r, network } = resolver({
      "https://clqsoft.com/xmppmini.txt": "host=http://newbt.net/xmppmini.php?action=get_host\r\nserver_dyn=1\r\n",
      "http://newbt.net/xmppmini.php*": "host=a.clqsoft.com\r\nwebsocket=wss://a.clqsoft.com/ws\r\n",
    });
    const resolution = await r.resolveAccount("clq_a@clqsoft.com");
    expect(resolution).to.deep.equal({
      publicJid: "clq_a@clqsoft.com",
      realJid: "clq_a@a.clqsoft.com",
      websocket: "wss://a.clqsoft.com/ws",
      source: "get_host",
    });
    const url = new URL(network.urls()[1]!);
    expect(url.searchParams.get("action")).to.equal("get_host");
    expect(url.searchParams.get("user_name")).to.equal("clq_a@clqsoft.com");
  });

  it("asks a get_host directory by POST when told to", async () => {
    let posted: string | null = null;
    const { resolver: r } = resolver(
      {
        "https://clqsoft.com/xmppmini.txt": "host=https://dir.clqsoft.com/get_host\r\nserver_dyn=1\r\n",
        "https://dir.clqsoft.com/get_host": (request, body) => {
          posted = body;
          return request.method === "POST" ? "host=b.clqsoft.com\r\nwebsocket=wss://b.clqsoft.com/ws" : 405;
        },
      },
      { dynamicMethod: "POST" },
    );
    expect((await r.resolveAccount("clq_b@clqsoft.com")).realJid).to.equal("clq_b@b.clqsoft.com");
    expect(new URLSearchParams(posted ?? "").get("user_name")).to.equal("clq_b@clqsoft.com");
  });

  it("refuses a second level of dynamic lookup with nested-dynamic", async () => {
    const { resolver: r } = resolver({
      "https://clqsoft.com/xmppmini.txt": "host=https://dir.clqsoft.com/a\r\nserver_dyn=1\r\n",
      "https://dir.clqsoft.com/a*": "host=https://dir.clqsoft.com/b\r\nserver_dyn=1\r\n",
    });
    expect((await failure(r.resolveAccount("x@clqsoft.com"))).code).to.equal("nested-dynamic");
  });

  it("falls back to XEP-0156 host-meta XML when there is no xmppmini.txt", async () => {
    const xrd = `<?xml version='1.0'?><XRD xmlns='http://docs.oasis-open.org/ns/xri/xrd-1.0'>
      <Link rel="urn:xmpp:alt-connections:xbosh" href="https://example.net/bosh"/>
      <Link rel="urn:xmpp:alt-connections:websocket" href="wss://example.net/ws"/></XRD>`;
    const { resolver: r } = resolver({ "https://example.net/.well-known/host-meta": xrd });
    expect(await r.resolveAccount("bob@example.net")).to.deep.equal({
      publicJid: "bob@example.net",
      realJid: "bob@example.net",
      websocket: "wss://example.net/ws",
      bosh: "https://example.net/bosh",
      source: "host-meta",
    });
  });

  it("says not-found, listing what it tried, when there is neither file nor host-meta", async () => {
    const error = await failure(resolver({}).resolver.resolveAccount("bob@nowhere.example"));
    expect(error.code).to.equal("not-found");
    expect(error.message).to.contain("https://nowhere.example/xmppmini.txt");
    expect(error.message).to.contain("https://nowhere.example/.well-known/host-meta.json");
  });

  it("says network-or-cors when the file could not be fetched at all", async () => {
    const error = await failure(
      resolver({ "https://blocked.example/*": "network-error" }).resolver.resolveAccount("a@blocked.example"),
    );
    expect(error.code).to.equal("network-or-cors");
    expect(error.message).to.contain("resolver attribute");
  });

  it("says http-status when the file or the directory answers with a server error", async () => {
    expect(
      (await failure(resolver({ "https://a.example/xmppmini.txt": 500 }).resolver.resolveAccount("x@a.example"))).code,
    ).to.equal("http-status");
    const directory = resolver({
      "https://a.example/xmppmini.txt": "host=https://a.example/get_host\r\nserver_dyn=1",
      "https://a.example/get_host*": 503,
    });
    const error = await failure(directory.resolver.resolveAccount("x@a.example"));
    expect(error.code).to.equal("http-status");
    expect(error.message).to.contain("503");
  });

  it("says not-found when the directory does not know the user", async () => {
    const { resolver: r } = resolver({
      "https://a.example/xmppmini.txt": "host=https://a.example/get_host\r\nserver_dyn=1",
    });
    expect((await failure(r.resolveAccount("ghost@a.example"))).code).to.equal("not-found");
  });

  it("says malformed for a file it cannot believe", async () => {
    const { resolver: r } = resolver({ "https://a.example/xmppmini.txt": "host=http://x.example/dir\r\n" });
    expect((await failure(r.resolveAccount("x@a.example"))).code).to.equal("malformed");
  });

  it("gives up with timeout on a directory that hangs", async () => {
    const { resolver: r } = resolver(
      {
        "https://a.example/xmppmini.txt": "host=https://a.example/get_host\r\nserver_dyn=1",
        "https://a.example/get_host*": "hang",
      },
      { timeoutMs: 50 },
    );
    const error = await failure(r.resolveAccount("x@a.example"));
    expect(error.code).to.equal("timeout");
    expect(error.message).to.contain("https://a.example/get_host");
  });

  it("tries plain http only from an http page", async () => {
    const onHttps = resolver({});
    await failure(onHttps.resolver.resolveAccount("x@a.example"));
    expect(onHttps.network.urls().some((url) => url.startsWith("http:"))).to.equal(false);

    const onHttp = resolver(
      { "http://a.example/xmppmini.txt": "host=a.example\r\nwebsocket=ws://a.example/ws" },
      { pageProtocol: "http:" },
    );
    expect((await onHttp.resolver.resolveAccount("x@a.example")).websocket).to.equal("ws://a.example/ws");
    expect(onHttp.network.urls()[0]).to.equal("https://a.example/xmppmini.txt");
  });

  it("fetches through a same-origin proxy template when given one", async () => {
    const { resolver: r, network } = resolver(
      { "https://shop.example/xmppmini-proxy?domain=a.example": "host=a.example\r\nwebsocket=wss://a.example/ws" },
      { proxyTemplate: "https://shop.example/xmppmini-proxy?domain={domain}" },
    );
    expect((await r.resolveAccount("x@a.example")).websocket).to.equal("wss://a.example/ws");
    expect(network.urls()).to.deep.equal(["https://shop.example/xmppmini-proxy?domain=a.example"]);
    expect(() => new XmppminiResolver({ proxyTemplate: "/proxy" })).to.throw(XmppminiError);
  });

  it("caches answers for their ttl and misses briefly", async () => {
    let now = 0;
    const cache = new MemoryResolutionCache(() => now);
    const { resolver: r, network } = resolver(
      { "https://a.example/xmppmini.txt": "host=a.example\r\nwebsocket=wss://a.example/ws\r\nttl=10" },
      { cache, negativeTtlMs: 1000 },
    );
    await r.resolveAccount("x@a.example");
    await r.resolveAccount("y@a.example");
    expect(network.requests).to.have.length(1);
    now = 11_000;
    await r.resolveAccount("x@a.example");
    expect(network.requests).to.have.length(2);

    await r.resolveAddress("z@missing.example");
    const afterMiss = network.requests.length;
    await r.resolveAddress("z@missing.example");
    expect(network.requests.length).to.equal(afterMiss);
    now += 1001;
    await r.resolveAddress("z@missing.example");
    expect(network.requests.length).to.be.greaterThan(afterMiss);
  });

  it("keeps a peer's address as is when its domain has no xmppmini.txt, and maps it through a directory when it has", async () => {
    const { resolver: r } = resolver({
      "https://clqsoft.com/xmppmini.txt": "host=https://dir.clqsoft.com/get_host\r\nserver_dyn=1",
      "https://dir.clqsoft.com/get_host*": "host=b.clqsoft.com",
      "https://federated.example/*": "network-error",
    });
    expect(await r.resolveAddress("friend@federated.example")).to.deep.equal({
      publicJid: "friend@federated.example",
      realJid: "friend@federated.example",
      source: "as-is",
    });
    expect((await r.resolveAddress("clq_b@clqsoft.com")).realJid).to.equal("clq_b@b.clqsoft.com");
  });
});

describe("XmppminiResolver.forget", () => {
  it("makes the next lookup ask the network again", async () => {
    const { resolver: r, network } = resolver({
      "https://a.example/xmppmini.txt": "host=https://a.example/get_host\r\nserver_dyn=1",
      "https://a.example/get_host*": "host=shard.example\r\nwebsocket=wss://shard.example/ws",
    });
    await r.resolveAccount("x@a.example");
    await r.resolveAccount("x@a.example");
    expect(network.requests).to.have.length(2);
    await r.forget("x@a.example");
    await r.resolveAccount("x@a.example");
    expect(network.requests).to.have.length(4);
  });
});

describe("XmppminiResolver on an http page", () => {
  it("takes an http 404 as 'no file' even when https could not be reached", async () => {
    const { resolver: r } = resolver({ "https://plain.example/*": "network-error" }, { pageProtocol: "http:" });
    const error = await failure(r.resolveAccount("x@plain.example"));
    expect(error.code).to.equal("not-found");
  });
});
