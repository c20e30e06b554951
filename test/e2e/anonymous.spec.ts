import { test, expect, addWidget, shownMessages, reloadHost } from "./fixtures.js";

test.describe('visitors signed in anonymously (login="anonymous", SASL ANONYMOUS)', () => {
  test("the server makes up the address; the chat works both ways; after a reload the history is there and a new address writes", async ({
    hostPage,
    server,
    newBot,
  }) => {
    const bot = await newBot({ onMessage: (message, self) => void self.send(message.from, `echo: ${message.body}`) });
    const attributes = { login: "anonymous", domain: server.anonymousHost, service: server.service, peer: bot.bareJid };
    let widget = await addWidget(hostPage, attributes);
    await widget.waitForStatus("online");
    const input = widget.composer;
    await input.fill("Do you ship abroad?");
    await input.press("Enter");
    const [first] = await bot.waitFor((messages) => messages.length >= 1);
    const visitor = first!.from.split("/")[0]!;
    // An address the server made up on its anonymous host, not one the page named.
    expect(visitor.endsWith(`@${server.anonymousHost}`)).toBe(true);
    await expect(widget.incoming).toHaveText("echo: Do you ship abroad?");

    await reloadHost(hostPage);
    widget = await addWidget(hostPage, attributes);
    await widget.waitForStatus("online");
    await expect
      .poll(async () => (await shownMessages(widget)).map((message) => message.text))
      .toEqual(["Do you ship abroad?", "echo: Do you ship abroad?"]);
    await input.fill("And to Norway?");
    await input.press("Enter");
    const messages = await bot.waitFor((received) => received.length >= 2);
    const again = messages[1]!.from.split("/")[0]!;
    // A stream resumption (XEP-0198) is bound to the account that signed in, and each anonymous sign-in
    // is a new account: the new page writes from a new address.
    expect(again.endsWith(`@${server.anonymousHost}`)).toBe(true);
    expect(again).not.toBe(visitor);
    await expect(widget.incoming.last()).toHaveText("echo: And to Norway?");
    // The first page acknowledged what it got before it went (XEP-0198): the server, ending that
    // anonymous session, had nothing of ours to bounce back. (Over BOSH the session ends with the page;
    // over WebSocket only after the server's hibernation time, which this test does not wait for.)
    expect(bot.bounces).toEqual([]);
  });

  test("a host that does not allow anonymous sign-in, or no domain: a readable error, no retry loop", async ({
    hostPage,
    server,
  }) => {
    const widget = await addWidget(hostPage, { login: "anonymous", service: server.service });
    const banner = widget.errorBanner;
    await expect(banner).toHaveAttribute("data-code", "invalid-config");
    await expect(banner).toContainText("needs a domain");
    await widget.waitForStatus("offline");

    await widget.evaluate((element, domain) => element.setAttribute("domain", domain), server.domain);
    await expect(banner).toHaveAttribute("data-code", "no-mechanism");
    await expect(banner).toContainText(`${server.domain} does not allow anonymous sign-in`);
    await widget.waitForStatus("error");
  });
});
