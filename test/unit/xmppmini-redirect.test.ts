import { expect } from "@open-wc/testing";
import { XmppminiResolver } from "../../src/xmppmini/resolver.js";
import { redirectedElsewhere } from "../../src/xmppmini/fetch-text.js";
import { failure } from "./typed-failure.js";

/** A Response as fetch gives it after following redirects: `redirected` and the final `url` set. */
function answer(body: string, finalUrl?: string): Response {
  const response = new Response(body, { status: 200 });
  if (finalUrl !== undefined) {
    Object.defineProperty(response, "redirected", { value: true });
    Object.defineProperty(response, "url", { value: finalUrl });
  }
  return response;
}

/** URL → [body, the URL the answer finally came from]; anything else is a 404. */
function resolverFor(routes: Record<string, [string, string?]>) {
  const requests: string[] = [];
  const resolver = new XmppminiResolver({
    pageProtocol: "https:",
    fetch: async (input) => {
      requests.push(input);
      const key = Object.keys(routes).find((url) => input.startsWith(url));
      if (key === undefined) return new Response("", { status: 404 });
      const [body, finalUrl] = routes[key]!;
      return answer(body, finalUrl);
    },
  });
  return { resolver, requests };
}

const RECORD = "host=example.org\r\nwebsocket=wss://example.org/ws\r\n";

describe("redirected xmppmini answers", () => {
  it("xmppmini.txt redirected to another origin is refused, naming both", async () => {
    const { resolver } = resolverFor({
      "https://example.org/xmppmini.txt": [
        "host=evil.example\r\nwebsocket=wss://evil.example/ws\r\n",
        "https://evil.example/xmppmini.txt",
      ],
    });
    const error = await failure(resolver.resolveAccount("alice@example.org"));
    expect(error.code).to.equal("redirected");
    expect(error.message).to.include(
      "https://example.org/xmppmini.txt redirected to https://evil.example/xmppmini.txt, another site",
    );
  });

  it("a get_host answer redirected to another origin is refused", async () => {
    const { resolver } = resolverFor({
      "https://example.org/xmppmini.txt": ["host=https://dir.example.org/get_host\r\nserver_dyn=1\r\n"],
      "https://dir.example.org/get_host": [
        "host=evil.example\r\nwebsocket=wss://evil.example/ws\r\n",
        "https://evil.example/get_host",
      ],
    });
    expect((await failure(resolver.resolveAccount("alice@example.org"))).code).to.equal("redirected");
    expect((await failure(resolver.resolveAddress("bob@example.org"))).code).to.equal("redirected");
  });

  it("host-meta redirected to another origin is refused", async () => {
    const hostMeta = JSON.stringify({
      links: [{ rel: "urn:xmpp:alt-connections:websocket", href: "wss://evil.example/ws" }],
    });
    const { resolver } = resolverFor({
      "https://example.org/.well-known/host-meta.json": [hostMeta, "https://evil.example/host-meta.json"],
    });
    expect((await failure(resolver.resolveAccount("alice@example.org"))).code).to.equal("redirected");
  });

  it("a redirect within the origin is followed", async () => {
    const { resolver } = resolverFor({
      "https://example.org/xmppmini.txt": [RECORD, "https://example.org/static/xmppmini.txt"],
    });
    expect(await resolver.resolveAccount("alice@example.org")).to.include({
      websocket: "wss://example.org/ws",
      source: "xmppmini.txt",
    });
  });

  it("any other origin counts as another site, even http to https on the same host", () => {
    const redirected = (asked: string, final: string) => redirectedElsewhere(answer("", final), asked);
    expect(redirected("http://example.org/xmppmini.txt", "https://example.org/xmppmini.txt")).to.equal(
      "https://example.org/xmppmini.txt",
    );
    expect(redirected("https://example.org/xmppmini.txt", "http://example.org/xmppmini.txt")).to.equal(
      "http://example.org/xmppmini.txt",
    );
    expect(redirected("https://example.org/a", "https://example.org:8443/a")).to.equal("https://example.org:8443/a");
    expect(redirected("https://example.org/a", "https://www.example.org/a")).to.equal("https://www.example.org/a");
    expect(redirected("https://example.org/a", "https://example.org/b")).to.equal(undefined);
    expect(redirectedElsewhere(answer(""), "https://example.org/a")).to.equal(undefined);
  });
});
