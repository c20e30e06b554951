import { expect } from "@open-wc/testing";
import { lazyResolver } from "../../src/xmppmini/lazy-resolver.js";
import { MemoryResolutionCache } from "../../src/xmppmini/resolution-cache.js";
import type { ResolverOptions } from "../../src/xmppmini/resolver.js";
import { failure } from "./typed-failure.js";

describe("lazyResolver", () => {
  it("builds the resolver once, at the first lookup, and answers as it does", async () => {
    const fetched: string[] = [];
    let built = 0;
    const resolver = lazyResolver(async (): Promise<ResolverOptions> => {
      built += 1;
      return {
        cache: new MemoryResolutionCache(),
        pageProtocol: "https:",
        fetch: async (url: string) => {
          fetched.push(url);
          return url === "https://example.org/xmppmini.txt"
            ? new Response("host=example.org\nwebsocket=wss://chat.example.org/ws\n")
            : new Response("", { status: 404 });
        },
      };
    });
    expect(built).to.equal(0);
    const account = await resolver.resolveAccount("alice@example.org");
    expect(account).to.include({ realJid: "alice@example.org", websocket: "wss://chat.example.org/ws" });
    const peer = await resolver.resolveAddress("bob@example.org");
    expect(peer.realJid).to.equal("bob@example.org");
    expect(built).to.equal(1);
    expect(fetched[0]).to.equal("https://example.org/xmppmini.txt");
  });

  it("a resolver that cannot be made is a typed network-or-cors error, and the next lookup tries again", async () => {
    let attempts = 0;
    const resolver = lazyResolver(async () => {
      attempts += 1;
      if (attempts === 1) throw new TypeError("Failed to fetch dynamically imported module");
      return {
        cache: new MemoryResolutionCache(),
        pageProtocol: "https:",
        fetch: async () => new Response("", { status: 404 }),
      };
    });
    const error = await failure(resolver.resolveAddress("bob@example.org"));
    expect(error.code).to.equal("network-or-cors");
    expect(error.message).to.contain("could not be loaded");
    const again = await resolver.resolveAddress("bob@example.org");
    expect(again.realJid).to.equal("bob@example.org");
    expect(attempts).to.equal(2);
  });
});
