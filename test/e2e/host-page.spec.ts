import { test, expect, addWidget, watchConnections, hostReady } from "./fixtures.js";

const NS_DISCO_INFO = "http://jabber.org/protocol/disco#info";

test.describe("a good guest on the host page", () => {
  test("disconnects cleanly (RFC 7395 <close/>, BOSH terminate) when removed", async ({ hostPage, signIn }) => {
    const connections = watchConnections(hostPage);
    await signIn();
    expect(connections.closedCleanly()).toBe(false);
    await hostPage.evaluate(() => document.querySelector("xmppmini-chat")!.remove());
    await expect.poll(() => connections.closedCleanly()).toBe(true);
  });

  test("answers disco#info and ping queries from a peer (XEP-0030, XEP-0199)", async ({ newBot, signIn }) => {
    const bot = await newBot();
    const { widget } = await signIn();
    await widget.evaluate(
      (element: HTMLElement & { send(jid: string, text: string): Promise<unknown> }, to) => element.send(to, "hi"),
      bot.bareJid,
    );
    const [hello] = await bot.waitFor((messages) => messages.length >= 1);
    const widgetFullJid = hello!.from;
    expect(widgetFullJid).toContain("/");

    const { xml } = await import("@xmpp/client");
    const info = await bot.xmpp.iqCaller.get(xml("query", { xmlns: NS_DISCO_INFO }), widgetFullJid);
    const features = info.getChildren("feature").map((feature: { attrs: { var: string } }) => feature.attrs.var);
    expect(features).toEqual(
      expect.arrayContaining([NS_DISCO_INFO, "http://jabber.org/protocol/caps", "urn:xmpp:ping"]),
    );
    expect(info.getChild("identity")?.attrs).toMatchObject({ category: "client", type: "web" });

    const pong = await bot.xmpp.iqCaller.request(
      xml("iq", { type: "get", to: widgetFullJid }, xml("ping", { xmlns: "urn:xmpp:ping" })),
    );
    expect(pong.attrs.type).toBe("result");
  });

  test("loading the bundle twice does no harm", async ({ hostPage, signIn }) => {
    await hostPage.evaluate(async () => {
      const script = document.createElement("script");
      script.type = "module";
      script.src = "/cdn/xmppmini-chat.js?second-copy";
      const loaded = new Promise((resolve, reject) => {
        script.onload = resolve;
        script.onerror = reject;
      });
      document.head.append(script);
      await loaded;
    });
    await signIn();
    expect(hostPage.consoleErrors).toEqual([]);
  });

  test("leaves the host page's styles and globals alone, under a strict CSP", async ({
    page,
    site,
    server,
    newAccount,
  }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${site.url}/bare.html`);
    const globalsWithout = await page.evaluate(() => Object.getOwnPropertyNames(window));
    const headingStyle = () =>
      page.evaluate(() => {
        const style = getComputedStyle(document.getElementById("host-heading")!);
        return { font: style.fontFamily, color: style.color, margin: style.marginTop };
      });
    const before = await headingStyle();

    await page.goto(`${site.url}/host.html`);
    await hostReady(page);
    const alice = await newAccount("alice");
    const widget = await addWidget(page, { jid: alice.jid, password: alice.password, service: server.service });
    await widget.waitForStatus("online");

    expect(await headingStyle()).toEqual(before);
    const added = (await page.evaluate(() => Object.getOwnPropertyNames(window))).filter(
      (name) => !globalsWithout.includes(name),
    );
    // Only the test's own event recorder; lit's version markers are stripped from the bundle.
    expect(added.sort()).toEqual(["widgetEvents"]);
    expect(await page.evaluate(() => window.onmessage)).toBeNull();
    expect(violations).toEqual([]);
  });
});
