import { createServer, type AddressInfo } from "node:net";
import type { Browser, Page } from "@playwright/test";
import { test as base, expect, addWidget, widgetEvents, widgetOn, hostReady } from "./fixtures.js";
import { startTestDomains, type TestDomains } from "./test-domains.js";
import { startSaslTamperProxy, type SaslTamperProxy } from "./sasl-tamper-proxy.js";
import { selfSignedCertificate } from "./self-signed.js";

/** The name of the TLS go-between that offers only PLAIN (see `secureEndpoint`). */
const SECURE_HOST = "chat.secure.test";

// Addressing by the xmppmini rules: no `service` attribute in this file, except in the PLAIN control test,
// which names the very endpoint a lookup finds in the test before it.
const test = base.extend<
  { shop: Page; secureShop: Page },
  {
    domains: TestDomains;
    domainBrowser: Browser;
    secureEndpoint: { proxy: SaslTamperProxy; service: string; browser: Browser };
  }
>({
  domains: [
    async ({ server, transport }, use) => {
      const endpoint = transport === "bosh" ? { bosh: server.boshUrl } : { websocket: server.websocketUrl };
      // A port held for the worker's life, where every connection is cut at once: a WebSocket endpoint that
      // refuses. (A port found free and let go was taken later in the run by another test's server, which
      // kept the connection open: the widget waited for its step timeout instead of falling back.)
      const refusing = createServer((socket) => socket.destroy());
      await new Promise<void>((resolve) => refusing.listen(0, "127.0.0.1", resolve));
      const refusedWebsocket = `ws://127.0.0.1:${(refusing.address() as AddressInfo).port}/xmpp-websocket`;
      const domains = await startTestDomains(endpoint, { refusedWebsocket, bosh: server.boshUrl });
      await use(domains);
      await domains.close();
      await new Promise((resolve) => refusing.close(resolve));
    },
    { scope: "worker" },
  ],
  domainBrowser: [
    async ({ domains }, use) => {
      const browser = await domains.launchBrowser();
      await use(browser);
      await browser.close();
    },
    { scope: "worker" },
  ],
  // A secure endpoint that offers only PLAIN: a TLS go-between (self-signed certificate, trusted by its
  // own Chromium only) in front of the real server, rewriting its mechanisms. foreign.test's xmppmini.txt
  // names it from outside that domain; secure.test's names it as its own subdomain.
  secureEndpoint: [
    async ({ server, transport, domains }, use) => {
      const certificate = await selfSignedCertificate(SECURE_HOST);
      const proxy = await startSaslTamperProxy(server.service, "only-plain", { tls: certificate });
      const url = new URL(proxy.service);
      url.hostname = SECURE_HOST;
      const endpoint = transport === "bosh" ? { bosh: url.href } : { websocket: url.href };
      domains.publish("foreign.test", { host: "foreign.test", ...endpoint });
      domains.publish("secure.test", { host: "secure.test", ...endpoint });
      const browser = await domains.launchBrowser({ host: SECURE_HOST, spki: certificate.spki });
      await use({ proxy, service: url.href, browser });
      await browser.close();
      await proxy.close();
    },
    { scope: "worker" },
  ],
  secureShop: async ({ secureEndpoint, domains }, use) => {
    secureEndpoint.proxy.fromClient.length = 0;
    Object.assign(secureEndpoint.proxy.stats, { successes: 0, rewritten: 0 });
    const context = await secureEndpoint.browser.newContext();
    const page = await context.newPage();
    await page.goto(domains.shopUrl);
    await hostReady(page);
    await use(page);
    await context.close();
  },
  shop: async ({ domainBrowser, domains }, use) => {
    const context = await domainBrowser.newContext();
    const page = await context.newPage();
    await page.goto(domains.shopUrl);
    await hostReady(page);
    await use(page);
    await context.close();
  },
});

async function expectError(shop: Page, code: string, text: string | RegExp, { timeout }: { timeout?: number } = {}) {
  const widget = widgetOn(shop);
  await widget.waitForStatus("error", { timeout });
  const banner = widget.errorBanner;
  await expect(banner).toHaveAttribute("data-code", code);
  await expect(banner).toContainText(text);
  const errors = (await widgetEvents(shop)).filter((event) => event.type === "xmppmini-error");
  expect(errors.map((event) => event.detail.code)).toEqual([code]);
}

test.describe("xmppmini addressing in Chromium, against real HTTP answers and a real server", () => {
  test("static host: xmppmini.txt's websocket= key signs in and chats", async ({ shop, newAccount, newBot }) => {
    const alice = await newAccount("alice", "static.test");
    const bot = await newBot({ host: "static.test" });
    const widget = await addWidget(shop, { jid: alice.jid, password: alice.password, peer: bot.bareJid });
    await widget.waitForStatus("online");
    await widget.composer.fill("over the static host");
    await widget.composer.press("Enter");
    const [received] = await bot.waitFor((messages) => messages.length >= 1);
    expect(received!.from.split("/")[0]).toBe(alice.jid);
  });

  test("hosted elsewhere: the provider's host-meta gives the endpoint and the address keeps its domain", async ({
    shop,
    newAccount,
  }) => {
    const alice = await newAccount("alice", "hosted.test");
    const widget = await addWidget(shop, { jid: alice.jid, password: alice.password });
    await widget.waitForStatus("online");
  });

  test("no xmppmini.txt: falls back to XEP-0156 host-meta", async ({ shop, newAccount }) => {
    const alice = await newAccount("alice", "meta.test");
    const widget = await addWidget(shop, { jid: alice.jid, password: alice.password });
    await widget.waitForStatus("online");
  });

  test("dynamic lookup: users on two shards chat by public addresses, and the page shows only those", async ({
    shop,
    domains,
    newAccount,
    newBot,
  }) => {
    const alice = await newAccount("alice", "a.example.test");
    const bob = await newBot({
      host: "b.example.test",
      prefix: "bob",
      onMessage: (message, self) => void self.send(message.from.split("/")[0]!, `bob got: ${message.body}`),
    });
    const carol = await newBot({ host: "b.example.test", prefix: "carol" });
    const alicePublic = `${alice.user}@example.test`;
    const bobPublic = `${bob.account.user}@example.test`;
    const carolPublic = `${carol.account.user}@example.test`;
    domains.directory.set(alicePublic, "a.example.test");
    domains.directory.set(bobPublic, "b.example.test");
    domains.directory.set(carolPublic, "b.example.test");

    const widget = await addWidget(shop, { jid: alicePublic, password: alice.password, peer: bobPublic });
    await widget.waitForStatus("online");
    const input = widget.composer;
    await input.fill("hello across shards");
    await input.press("Enter");

    // Bob, on shard b, sees alice's real address on shard a.
    const [atBob] = await bob.waitFor((messages) => messages.length >= 1);
    expect(atBob!.from.split("/")[0]).toBe(alice.jid);
    expect(atBob!.body).toBe("hello across shards");
    await expect(widget.incoming).toHaveText("bob got: hello across shards");

    // Carol writes first: her real address is mapped back through the directory.
    await carol.send(alice.jid, "hi from carol");
    await expect
      .poll(async () => (await widgetEvents(shop)).filter((e) => e.type === "xmppmini-message").length)
      .toBe(3);
    const messages = (await widgetEvents(shop)).filter((e) => e.type === "xmppmini-message").map((e) => e.detail);
    expect(messages).toEqual([
      expect.objectContaining({ from: alicePublic, to: bobPublic, direction: "out" }),
      expect.objectContaining({ from: bobPublic, to: alicePublic, direction: "in" }),
      expect.objectContaining({ from: carolPublic, to: alicePublic, direction: "in", body: "hi from carol" }),
    ]);
    // Carol's conversation tab is hers by her public address (its label shows her name part).
    await expect(widget.locator(`[part="conversations"] [data-peer="${carolPublic}"]`)).toHaveAttribute(
      "title",
      carolPublic,
    );
    const shown = await widget.evaluate((element) => element.shadowRoot!.textContent ?? "");
    expect(shown).not.toMatch(/[ab]\.example\.test/);
    expect(shown).toContain(bobPublic);
  });

  test("no file and no host-meta: not-found, naming what was tried", async ({ shop }) => {
    await addWidget(shop, { jid: "alice@nothing.test", password: "x" });
    await expectError(shop, "not-found", "http://nothing.test/xmppmini.txt");
  });

  test("a malformed xmppmini.txt: malformed, saying why", async ({ shop }) => {
    await addWidget(shop, { jid: "alice@broken.test", password: "x" });
    await expectError(shop, "malformed", "server_dyn=1 is missing");
  });

  test("a get_host answering 500: http-status", async ({ shop }) => {
    await addWidget(shop, { jid: "alice@down.test", password: "x" });
    await expectError(shop, "http-status", "500");
  });

  test("a get_host that never answers: timeout", async ({ shop }) => {
    await addWidget(shop, { jid: "alice@slow.test", password: "x" });
    // The lookup gives up after 8 s (resolver.ts), after the file's own fetch: room for a slow machine.
    await expectError(shop, "timeout", "http://slow.test/get_host", { timeout: 45_000 });
  });

  test("a get_host that answers with another dynamic lookup: nested-dynamic", async ({ shop }) => {
    await addWidget(shop, { jid: "alice@nested.test", password: "x" });
    await expectError(shop, "nested-dynamic", "one level only");
  });

  test("a directory that does not know the user: not-found", async ({ shop }) => {
    await addWidget(shop, { jid: "ghost@example.test", password: "x" });
    await expectError(shop, "not-found", "does not know ghost@example.test");
  });

  test("an xmppmini.txt that redirects to another site: redirected, and that site's answer is not used", async ({
    shop,
    domains,
  }) => {
    domains.requests.length = 0;
    await addWidget(shop, { jid: "alice@moved.test", password: "x" });
    await expectError(
      shop,
      "redirected",
      "http://moved.test/xmppmini.txt redirected to http://elsewhere.test/xmppmini.txt, another site",
    );
    expect(domains.requests).toContain("elsewhere.test/xmppmini.txt");
    // Nothing was looked up on the host the other site named.
    expect(domains.requests.filter((request) => request.startsWith("static.test/"))).toEqual([]);
  });

  test("an address whose domain is no host name: invalid-jid, and nothing is fetched for it", async ({
    shop,
    domains,
  }) => {
    domains.requests.length = 0;
    // Valid by RFC 7622's letter; built into a URL, it would ask static.test for something else.
    await addWidget(shop, { jid: "alice@static.test?x", password: "x" });
    await expectError(shop, "invalid-jid", 'The domain of alice@static.test?x ("static.test?x") is not a host name');
    expect(domains.requests.filter((request) => !request.startsWith("localhost/"))).toEqual([]);
  });

  // The domain in the query, or in the path (where the URL parser percent-encodes the placeholder's braces).
  for (const [template, asked] of [
    ["/xmppmini-proxy?domain={domain}", "localhost/xmppmini-proxy"],
    ["/xmppmini/{domain}.txt", "localhost/xmppmini/static.test.txt"],
  ] as const) {
    test(`a same-origin resolver (${template}) replaces the cross-origin fetch of xmppmini.txt`, async ({
      shop,
      domains,
      newAccount,
    }) => {
      const alice = await newAccount("alice", "static.test");
      domains.requests.length = 0;
      const widget = await addWidget(shop, { jid: alice.jid, password: alice.password, resolver: template });
      await widget.waitForStatus("online");
      expect(domains.requests).toContain(asked);
      expect(domains.requests.filter((request) => request.startsWith("static.test/"))).toEqual([]);
    });
  }

  test("on a plain-http page (not a secure context) it says to serve the page over https", async ({
    shop,
    newAccount,
  }) => {
    await shop.goto("http://shop.test/host.html");
    await hostReady(shop);
    const alice = await newAccount("alice", "static.test");
    await addWidget(shop, { jid: alice.jid, password: alice.password });
    await expectError(shop, "invalid-config", "Serve the page over https");
  });

  test("falls back to BOSH by itself when the WebSocket endpoint refuses, and says so", async ({
    shop,
    newAccount,
  }) => {
    // fallback.test's file names a WebSocket endpoint nobody listens on, and a working BOSH endpoint.
    const alice = await newAccount("alice", "fallback.test");
    const widget = await addWidget(shop, { jid: alice.jid, password: alice.password });
    await widget.waitForStatus("online");
    const statuses = (await widgetEvents(shop))
      .filter((event) => event.type === "xmppmini-status")
      .map((event) => event.detail);
    expect(statuses).toEqual([
      { status: "connecting" },
      { status: "connecting", transport: "bosh", fallback: true },
      { status: "online", transport: "bosh" },
    ]);
    expect((await widgetEvents(shop)).filter((event) => event.type === "xmppmini-error")).toEqual([]);
  });
});

// RFC 4616 §6: PLAIN hands the password itself to the server. The widget uses it only over TLS (or
// loopback), and only towards the account's own domain or an endpoint the page named (sasl-policy.ts):
// an xmppmini.txt must not be able to send passwords to another party's server.
test.describe("PLAIN towards a secure endpoint that offers nothing else", () => {
  const plainAuth = /<auth\b[^>]*\bmechanism=["']PLAIN["']/;

  test("found by lookup outside the account's domain: refused with no-mechanism, and the password never crosses", async ({
    secureShop,
    secureEndpoint,
    newAccount,
  }) => {
    const { proxy } = secureEndpoint;
    const alice = await newAccount("alice", "foreign.test");
    await addWidget(secureShop, { jid: alice.jid, password: alice.password });
    await expectError(
      secureShop,
      "no-mechanism",
      `PLAIN was not used: it would hand your password itself to ${new URL(secureEndpoint.service).host}, a server outside foreign.test that was found by lookup`,
    );
    const events = await widgetEvents(secureShop);
    expect(
      events.filter((event) => event.type === "xmppmini-status").map((event) => event.detail.status),
    ).not.toContain("online");
    // The stream did go through the go-between, whose features offered PLAIN alone...
    expect(proxy.fromClient.join("")).toContain("foreign.test");
    expect(proxy.stats.rewritten).toBeGreaterThanOrEqual(1);
    // ...and no sign-in was sent, so neither the password nor anything made from it crossed.
    expect(proxy.fromClient.filter((text) => /<auth\b/.test(text))).toEqual([]);
    const plainResponse = Buffer.from(`\0${alice.user}\0${alice.password}`).toString("base64");
    expect(proxy.fromClient.filter((text) => text.includes(alice.password) || text.includes(plainResponse))).toEqual(
      [],
    );
  });

  test("control: the page names the same endpoint in service, so PLAIN is used and the widget is online", async ({
    secureShop,
    secureEndpoint,
    newAccount,
  }) => {
    const alice = await newAccount("alice", "foreign.test");
    const widget = await addWidget(secureShop, {
      jid: alice.jid,
      password: alice.password,
      service: secureEndpoint.service,
    });
    await widget.waitForStatus("online");
    expect(secureEndpoint.proxy.fromClient.filter((text) => plainAuth.test(text))).toHaveLength(1);
    expect(secureEndpoint.proxy.stats.successes).toBe(1);
  });

  test("found by lookup inside the account's domain (chat.secure.test for secure.test): PLAIN is used, online", async ({
    secureShop,
    secureEndpoint,
    newAccount,
  }) => {
    const alice = await newAccount("alice", "secure.test");
    const widget = await addWidget(secureShop, { jid: alice.jid, password: alice.password });
    await widget.waitForStatus("online");
    expect(secureEndpoint.proxy.fromClient.filter((text) => plainAuth.test(text))).toHaveLength(1);
  });
});
