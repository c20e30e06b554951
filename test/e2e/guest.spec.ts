import { test, expect, addWidget, shownMessages, reloadHost, hostReady } from "./fixtures.js";

test.describe('visitors without an account (login="guest")', () => {
  test("a guest account is created once (XEP-0077), kept in this browser, and keeps its history across reloads", async ({
    hostPage,
    server,
    newBot,
  }) => {
    const bot = await newBot({ onMessage: (message, self) => void self.send(message.from, `echo: ${message.body}`) });
    const attributes = { login: "guest", domain: server.domain, service: server.service, peer: bot.bareJid };
    let widget = await addWidget(hostPage, attributes);
    await widget.waitForStatus("online");
    const input = widget.composer;
    await input.fill("I have a question");
    await input.press("Enter");
    const [first] = await bot.waitFor((messages) => messages.length >= 1);
    const guest = first!.from.split("/")[0]!;
    expect(guest).toMatch(new RegExp(`^guest-[0-9a-f]{12}@${server.domain}$`, "u"));
    await expect(widget.incoming).toHaveText("echo: I have a question");

    await reloadHost(hostPage);
    widget = await addWidget(hostPage, attributes);
    await widget.waitForStatus("online");
    // The same visitor: the history is there, and the next message comes from the same address.
    await expect
      .poll(async () => (await shownMessages(widget)).map((message) => message.text))
      .toEqual(["I have a question", "echo: I have a question"]);
    await input.fill("me again");
    await input.press("Enter");
    const messages = await bot.waitFor((received) => received.length >= 2);
    expect(messages[1]!.from.split("/")[0]).toBe(guest);
  });

  test("a kept guest whose account the server no longer has gets a new one, without an error to show", async ({
    hostPage,
    server,
    newBot,
  }) => {
    const bot = await newBot({});
    const attributes = { login: "guest", domain: server.domain, service: server.service, peer: bot.bareJid };
    let widget = await addWidget(hostPage, attributes);
    await widget.waitForStatus("online");
    const input = widget.composer;
    await input.fill("first visit");
    await input.press("Enter");
    const [first] = await bot.waitFor((messages) => messages.length >= 1);
    const lost = first!.from.split("/")[0]!;

    // The operator deletes the account; the page comes back later with the guest it kept.
    const site = hostPage.url();
    await hostPage.goto("about:blank");
    await server.unregister(lost.split("@")[0]!, server.domain);
    await hostPage.goto(site);
    await hostReady(hostPage);
    const errors: string[] = [];
    await hostPage.exposeFunction("noteWidgetError", (code: string) => errors.push(code));
    await hostPage.evaluate(() =>
      document.addEventListener("xmppmini-error", (event) =>
        (window as unknown as { noteWidgetError(code: string): void }).noteWidgetError(
          (event as CustomEvent<{ code: string }>).detail.code,
        ),
      ),
    );
    widget = await addWidget(hostPage, attributes);
    await widget.waitForStatus("online");
    await input.fill("second visit");
    await input.press("Enter");
    const messages = await bot.waitFor((received) => received.some((message) => message.body === "second visit"));
    const renewed = messages.find((message) => message.body === "second visit")!.from.split("/")[0]!;
    expect(renewed).toMatch(new RegExp(`^guest-[0-9a-f]{12}@${server.domain}$`, "u"));
    expect(renewed).not.toBe(lost);
    await expect(widget.errorBanner).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test("a domain that lets nobody sign up, or no domain at all: a readable error, no retry loop", async ({
    hostPage,
    server,
  }) => {
    const widget = await addWidget(hostPage, { login: "guest", service: server.service });
    const banner = widget.errorBanner;
    await expect(banner).toHaveAttribute("data-code", "invalid-config");
    await expect(banner).toContainText("needs a domain");
    await widget.evaluate((element) => {
      element.setAttribute("login", "visitor");
      element.setAttribute("domain", "localhost");
    });
    await expect(banner).toContainText('login="visitor"');
    // Nothing to sign in with: no attempt at all.
    await widget.waitForStatus("offline");

    // The anonymous host has no accounts to create.
    await widget.evaluate((element, domain) => {
      element.setAttribute("login", "guest");
      element.setAttribute("domain", domain);
    }, server.anonymousHost);
    await expect(banner).toHaveAttribute("data-code", "registration-failed");
    await expect(banner).toContainText(server.anonymousHost);
    await widget.waitForStatus("error");
  });
});
