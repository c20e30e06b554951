import { test, expect, addWidget, widgetEvents } from "./fixtures.js";

const NS_SID = "urn:xmpp:sid:0";

test.describe("1:1 chat against a real server", () => {
  test("signs in, reports connecting then online, and reflects the status", async ({ hostPage, server, newAccount }) => {
    const alice = await newAccount("alice");
    const widget = await addWidget(hostPage, { jid: alice.jid, password: alice.password, service: server.service });
    await expect(widget).toHaveAttribute("status", "online");
    const statuses = (await widgetEvents(hostPage)).filter((e) => e.type === "xmppmini-status").map((e) => e.detail.status);
    expect(statuses).toEqual(["connecting", "online"]);
    expect(hostPage.consoleErrors).toEqual([]);
  });

  test("a message typed and sent with Enter reaches the peer with an origin-id", async ({ hostPage, server, newAccount, newBot }) => {
    const alice = await newAccount("alice");
    const bot = await newBot();
    const widget = await addWidget(hostPage, {
      jid: alice.jid,
      password: alice.password,
      service: server.service,
      peer: bot.bareJid,
    });
    await expect(widget).toHaveAttribute("status", "online");
    const input = widget.locator('[part="input"]');
    await input.fill("Hello from the page");
    await input.press("Enter");

    const [received] = await bot.waitFor((messages) => messages.length >= 1);
    expect(received!.body).toBe("Hello from the page");
    expect(received!.type).toBe("chat");
    expect(received!.from.split("/")[0]).toBe(alice.jid);
    expect(received!.stanza.getChild("origin-id", NS_SID)?.attrs.id).toBe(received!.id);

    const shown = widget.locator('[part="message"][data-direction="out"]');
    await expect(shown).toHaveText("Hello from the page");
    await expect(input).toHaveValue("");
    const sent = (await widgetEvents(hostPage)).find((e) => e.type === "xmppmini-message");
    expect(sent?.detail).toMatchObject({ from: alice.jid, to: bot.bareJid, body: "Hello from the page", direction: "out", id: received!.id });
  });

  test("a message from the peer is shown and announced", async ({ hostPage, server, newAccount, newBot }) => {
    const alice = await newAccount("alice");
    const bot = await newBot();
    const widget = await addWidget(hostPage, { jid: alice.jid, password: alice.password, service: server.service });
    await expect(widget).toHaveAttribute("status", "online");
    await bot.send(alice.jid, "Hi Alice, this is the bot");

    const shown = widget.locator('[part="message"][data-direction="in"]');
    await expect(shown).toHaveText("Hi Alice, this is the bot");
    const event = (await widgetEvents(hostPage)).find((e) => e.type === "xmppmini-message");
    expect(event?.detail).toMatchObject({ from: bot.bareJid, to: alice.jid, direction: "in", body: "Hi Alice, this is the bot" });
  });

  test("a conversation goes both ways with the answering bot", async ({ hostPage, server, newAccount, newBot }) => {
    const alice = await newAccount("alice");
    const bot = await newBot({ onMessage: (message, self) => void self.send(message.from.split("/")[0]!, `echo: ${message.body}`) });
    const widget = await addWidget(hostPage, { jid: alice.jid, password: alice.password, service: server.service, peer: bot.bareJid });
    await expect(widget).toHaveAttribute("status", "online");
    const input = widget.locator('[part="input"]');
    for (const text of ["one", "two", "three"]) {
      await input.fill(text);
      await input.press("Enter");
    }
    await expect(widget.locator('[part="message"][data-direction="in"]')).toHaveText(["echo: one", "echo: two", "echo: three"]);
    await expect(widget.locator('[part="message"][data-direction="out"]')).toHaveText(["one", "two", "three"]);
  });

  test("Shift+Enter inserts a newline and the multi-line text arrives intact", async ({ hostPage, server, newAccount, newBot }) => {
    const alice = await newAccount("alice");
    const bot = await newBot();
    const widget = await addWidget(hostPage, { jid: alice.jid, password: alice.password, service: server.service, peer: bot.bareJid });
    await expect(widget).toHaveAttribute("status", "online");
    const input = widget.locator('[part="input"]');
    await input.click();
    await input.pressSequentially("first line");
    await input.press("Shift+Enter");
    await input.pressSequentially("second line");
    await expect(input).toHaveValue("first line\nsecond line");
    expect(bot.received).toHaveLength(0);
    await input.press("Enter");
    const [received] = await bot.waitFor((messages) => messages.length >= 1);
    expect(received!.body).toBe("first line\nsecond line");
  });

  test("hostile markup in a message is shown as text, never parsed as HTML", async ({ hostPage, server, newAccount, newBot }) => {
    const alice = await newAccount("alice");
    const bot = await newBot();
    const widget = await addWidget(hostPage, { jid: alice.jid, password: alice.password, service: server.service });
    await expect(widget).toHaveAttribute("status", "online");
    const hostile = `<img src=x onerror="window.pwned=1"><script>window.pwned=2</script><b>bold</b>`;
    await bot.send(alice.jid, hostile);
    const shown = widget.locator('[part="message"][data-direction="in"]');
    await expect(shown).toHaveText(hostile);
    expect(await shown.locator("img, script, b").count()).toBe(0);
    expect(await hostPage.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  });

  test("send() and openConversation() work from script", async ({ hostPage, server, newAccount, newBot }) => {
    const alice = await newAccount("alice");
    const bot = await newBot();
    const widget = await addWidget(hostPage, { jid: alice.jid, password: alice.password, service: server.service });
    await expect(widget).toHaveAttribute("status", "online");
    const detail = await widget.evaluate(async (element: HTMLElement & { send(jid: string, text: string): Promise<unknown>; openConversation(jid: string): void }, to) => {
      element.openConversation(to);
      return element.send(to, "sent by the API");
    }, bot.bareJid);
    expect(detail).toMatchObject({ to: bot.bareJid, body: "sent by the API", direction: "out" });
    await bot.waitFor((messages) => messages.some((m) => m.body === "sent by the API"));
    await expect(widget.locator('[part="message"][data-direction="out"]')).toHaveText("sent by the API");
  });
});
