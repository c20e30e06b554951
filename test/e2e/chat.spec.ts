import { test, expect, addWidget } from "./fixtures.js";

const NS_SID = "urn:xmpp:sid:0";

test.describe("1:1 chat against a real server", () => {
  test("signs in, reports connecting then online, and reflects the status", async ({ hostPage, signIn }) => {
    const { widget } = await signIn();
    const statuses = (await widget.events()).filter((e) => e.type === "xmppmini-status").map((e) => e.detail.status);
    expect(statuses).toEqual(["connecting", "online"]);
    expect(hostPage.consoleErrors).toEqual([]);
  });

  test("a message typed and sent with Enter reaches the peer with an origin-id", async ({ signIn, newBot }) => {
    const bot = await newBot();
    const { alice, widget } = await signIn({ props: { peer: bot.bareJid } });
    await widget.send("Hello from the page");

    const [received] = await bot.waitFor((messages) => messages.length >= 1);
    expect(received!.body).toBe("Hello from the page");
    expect(received!.type).toBe("chat");
    expect(received!.from.split("/")[0]).toBe(alice.jid);
    expect(received!.stanza.getChild("origin-id", NS_SID)?.attrs.id).toBe(received!.id);

    await expect(widget.outgoing).toHaveText("Hello from the page");
    await expect(widget.composer).toHaveValue("");
    const sent = (await widget.events()).find((e) => e.type === "xmppmini-message");
    expect(sent?.detail).toMatchObject({
      from: alice.jid,
      to: bot.bareJid,
      body: "Hello from the page",
      direction: "out",
      id: received!.id,
    });
  });

  test("the conversation the page names is usable while the sign-in is still under way: a message typed then goes out once online", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    const alice = await newAccount("alice");
    const bot = await newBot();
    // The first BOSH request (the session's creation) is held until the test lets it through: the widget
    // stays connecting meanwhile, however fast the server. (A held request is BOSH's; the widget's side of
    // this does not depend on the transport.)
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await hostPage.route(`${server.boshUrl}**`, async (route) => {
      await released;
      await route.continue();
    });
    const widget = await addWidget(hostPage, {
      jid: alice.jid,
      password: alice.password,
      service: server.boshUrl,
      peer: bot.bareJid,
    });
    await expect(widget).toHaveAttribute("status", "connecting");
    // This browser has no history of it: said once the store was read, before any answer from the server.
    await expect(widget.locator(".empty")).toHaveText("No messages yet. Say hello!");
    await expect(widget.sendButton).toBeEnabled();
    await widget.composer.fill("typed while signing in");
    await widget.composer.press("Enter");
    await expect(widget.outgoing).toHaveText("typed while signing in");
    await expect(widget.composer).toHaveValue("");
    await expect(widget.deliveries("pending")).toHaveCount(1);
    await expect(widget).toHaveAttribute("status", "connecting");

    release();
    await widget.waitForStatus("online");
    const [received] = await bot.waitFor((messages) => messages.length >= 1);
    expect(received!.body).toBe("typed while signing in");
    await expect(widget.deliveries("pending")).toHaveCount(0);
  });

  test("a message from the peer is shown and announced", async ({ signIn, newBot }) => {
    const bot = await newBot();
    const { alice, widget } = await signIn();
    await bot.send(alice.jid, "Hi Alice, this is the bot");

    await expect(widget.incoming).toHaveText("Hi Alice, this is the bot");
    const event = (await widget.events()).find((e) => e.type === "xmppmini-message");
    expect(event?.detail).toMatchObject({
      from: bot.bareJid,
      to: alice.jid,
      direction: "in",
      body: "Hi Alice, this is the bot",
    });
  });

  test("a conversation goes both ways with the answering bot", async ({ signIn, newBot }) => {
    const bot = await newBot({
      onMessage: (message, self) => void self.send(message.from.split("/")[0]!, `echo: ${message.body}`),
    });
    const { widget } = await signIn({ props: { peer: bot.bareJid } });
    for (const text of ["one", "two", "three"]) await widget.send(text);
    await expect(widget.incoming).toHaveText(["echo: one", "echo: two", "echo: three"]);
    await expect(widget.outgoing).toHaveText(["one", "two", "three"]);
  });

  test("Shift+Enter inserts a newline and the multi-line text arrives intact", async ({ signIn, newBot }) => {
    const bot = await newBot();
    const { widget } = await signIn({ props: { peer: bot.bareJid } });
    const input = widget.composer;
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

  test("hostile markup in a message is shown as text, never parsed as HTML", async ({ hostPage, signIn, newBot }) => {
    const bot = await newBot();
    const { alice, widget } = await signIn();
    const hostile = `<img src=x onerror="window.pwned=1"><script>window.pwned=2</script><b>bold</b>`;
    await bot.send(alice.jid, hostile);
    await expect(widget.incoming).toHaveText(hostile);
    expect(await widget.incoming.locator("img, script, b").count()).toBe(0);
    expect(await hostPage.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  });

  test("send() and openConversation() work from script", async ({ signIn, newBot }) => {
    const bot = await newBot();
    const { widget } = await signIn();
    const detail = await widget.evaluate(
      async (
        element: HTMLElement & {
          send(jid: string, text: string): Promise<unknown>;
          openConversation(jid: string): void;
        },
        to,
      ) => {
        element.openConversation(to);
        return element.send(to, "sent by the API");
      },
      bot.bareJid,
    );
    expect(detail).toMatchObject({ to: bot.bareJid, body: "sent by the API", direction: "out" });
    await bot.waitFor((messages) => messages.some((m) => m.body === "sent by the API"));
    await expect(widget.outgoing).toHaveText("sent by the API");
  });
});
