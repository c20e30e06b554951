import { test, expect, addWidget, shownMessages, waitForCatchUp, widgetEvents } from "./fixtures.js";
import { startFaultyProxy } from "./faulty-proxy.js";
import type { Page } from "@playwright/test";

// Nothing lost, nothing doubled: server restarts, cut connections and reloads, against the real server.
test.describe("delivery survives restarts, cuts and reloads", () => {
  test.setTimeout(240_000);

  const numbered = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, index) => `${prefix}-${String(index).padStart(3, "0")}`);

  // ejabberd 23.01 drops what it holds for a BOSH client when it shuts down; the archive catch-up brings it
  // back, and live messages wait until the catch-up is done, so the order holds there too.
  test("the server restarts in the middle of a 500-message inbound burst: all 500 shown once, in order", async ({
    hostPage,
    server,
    newBot,
    signIn,
  }) => {
    const bot = await newBot();
    const { alice, widget } = await signIn({ props: { peer: bot.bareJid } });

    const texts = numbered("in", 500);
    // The sender asks for receipts (XEP-0184) and gives every message a stable id, so it can send again
    // what was never confirmed: the widget must show such a copy once.
    for (const text of texts)
      void bot.send(alice.jid, text, { id: text }, { requestReceipt: true }).catch(() => undefined);
    const shown = widget.incoming;
    await expect.poll(() => shown.count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(50);
    await server.restart();
    const shownAtRestart = await shown.count();

    await widget.waitForStatus("online", { timeout: 60_000 });
    const unconfirmed = texts.filter((text) => !bot.receiptsFor.has(text));
    const shownIn = async () =>
      (await shownMessages(widget)).filter((message) => message.direction === "in").map((message) => message.text);
    // What the server kept (delivered before it went down, stored offline, archived) is shown once the
    // catch-up after the sign-in is over, and in the peer's order.
    await waitForCatchUp(hostPage, await newBot(), alice.jid);
    const kept = await shownIn();
    expect(kept).toEqual(texts.filter((text) => kept.includes(text)));

    // The peer sends again what it has no receipt for; each copy of a message shown is dropped.
    const again = await newBot({ account: bot.account });
    for (const text of unconfirmed) void again.send(alice.jid, text, { id: text }, { requestReceipt: true });
    await expect.poll(async () => (await shownIn()).length, { timeout: 120_000 }).toBeGreaterThanOrEqual(500);
    // Late copies (offline storage, the archive, the resent ones) keep arriving for a moment: still once.
    // A fixed wait, as it proves that nothing more comes: the resent copies end in nothing observable (the
    // widget owes no receipt to a peer it never wrote to).
    await hostPage.waitForTimeout(2000);
    // Every message once: what the server kept, then what only the peer's second sending brought, in its
    // order. Where the server lost nothing, that is the peer's order. (ejabberd 23.01 once lost 23 messages in
    // its shutdown, in the middle of what it kept: they reached neither the widget, the archive nor offline
    // storage, and came back only with the second sending, after what the server kept.)
    expect(await shownIn()).toEqual([...kept, ...texts.filter((text) => !kept.includes(text))]);
    const lost = texts.filter((text) => !kept.includes(text) && kept.some((keptText) => keptText > text));
    test.info().annotations.push({
      type: "restart",
      description: `${shownAtRestart} shown when the server went down; ${unconfirmed.length} sent again by the peer; ${lost.length} lost by the server in between what it kept`,
    });
  });

  // Receipts (XEP-0184) for our messages can be lost with the connection: when a resumed stream breaks,
  // receipts queued for the old session are gone (they have no body: neither archived nor kept offline).
  // Prosody 0.12.3 breaks it over WebSocket when the cut left half a frame in its buffer: after a
  // resumption it still decodes the new connection's bytes with the old connection's frame buffer
  // (mod_c2s's data handler keeps the old session's filter chain), so the first frame comes out corrupted
  // and the stream ends as not-well-formed. The server acknowledged every message, so each must reach at
  // least `sent`; how many reached `delivered` is reported.
  test("the connection is cut during a 200-message outbound burst: the peer gets all 200, each shown once, none left pending", async ({
    hostPage,
    server,
    transport,
    newAccount,
    newBot,
  }) => {
    const proxy = await startFaultyProxy(server.httpPort);
    try {
      const alice = await newAccount("alice");
      const bot = await newBot();
      const path = new URL(server.service).pathname;
      const service = `${transport === "bosh" ? proxy.url : proxy.url.replace("http", "ws")}${path}`;
      const widget = await addWidget(hostPage, {
        jid: alice.jid,
        password: alice.password,
        service,
        peer: bot.bareJid,
      });
      await widget.waitForStatus("online");

      const texts = numbered("out", 200);
      await widget.evaluate(
        async (element: HTMLElement & { send(jid: string, text: string): Promise<unknown> }, { to, texts }) => {
          await Promise.all(texts.map((text) => element.send(to, text)));
        },
        { to: bot.bareJid, texts },
      );
      await bot.waitFor((messages) => messages.length >= 20, 30_000);
      proxy.cut();

      // A peer drops a copy by its id (XEP-0359 origin-id), so resent messages count once.
      const uniqueBodies = () => [...new Map(bot.received.map((message) => [message.id, message.body])).values()];
      await expect.poll(() => uniqueBodies().length, { timeout: 90_000 }).toBe(200);
      expect(uniqueBodies().sort()).toEqual(texts);
      // The list renders a window of the conversation: its rows are read by scrolling through it.
      const sent = async () =>
        (await shownMessages(widget)).filter((message) => message.direction === "out" && texts.includes(message.text));
      await expect.poll(async () => (await sent()).map((message) => message.text)).toEqual(texts);
      const confirmed = async () =>
        (await sent()).filter((message) => ["sent", "delivered", "read"].includes(message.state ?? "")).length;
      await expect.poll(confirmed, { timeout: 60_000 }).toBe(200);
      // Receipts come once the widget is back on the stream (resumed or new); give the late ones a while.
      await widget.waitForStatus("online", { timeout: 60_000 });
      const receipted = async () => (await sent()).filter((message) => message.state === "delivered").length;
      await expect
        .poll(receipted, { timeout: 10_000 })
        .toBe(200)
        .catch(() => undefined);
      const delivered = await receipted();
      const resumed = (await widgetEvents(hostPage)).some(
        (event) => event.type === "xmppmini-status" && event.detail.resumed === true,
      );
      const report = `${bot.received.length} copies received for 200 messages; ${delivered} of 200 receipted; stream ${resumed ? "resumed" : "not resumed"}`;
      test.info().annotations.push({ type: "cut", description: report });
      if (process.env.XMPPMINI_BURST_REPORT) console.log(report);
    } finally {
      await proxy.close();
    }
  });

  test("reloaded with the server stopped: history comes from IndexedDB, new messages wait as pending, and go out once it is back", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    const alice = await newAccount("alice");
    const bob = await newAccount("bob");
    const bot = await newBot({ account: bob });
    const open = (page: Page) =>
      addWidget(page, { jid: alice.jid, password: alice.password, service: server.service, peer: bob.jid });

    let widget = await open(hostPage);
    await widget.waitForStatus("online");
    await bot.send(alice.jid, "hello from bob");
    await expect(widget.messages).toHaveText(["hello from bob"]);
    await widget.locator("textarea").fill("hello from alice");
    await widget.locator("textarea").press("Enter");
    await expect(widget.locator('li.out [part="delivery"]')).toHaveAttribute("data-state", "delivered");
    await bot.stop();

    await server.kill();
    await hostPage.reload();
    widget = await open(hostPage);
    const bodies = widget.messages;
    await expect(bodies).toHaveText(["hello from bob", "hello from alice"]);
    await expect(widget.locator('li.out [part="delivery"]')).toHaveAttribute("data-state", "delivered");
    await widget.waitForStatus("error");

    for (const text of ["written offline 1", "written offline 2"]) {
      await widget.locator("textarea").fill(text);
      await widget.locator("textarea").press("Enter");
      // The composer clears once the message is taken: IndexedDB writes it right behind, and until then it is
      // noted in localStorage (written at once), so a reload from here on cannot lose it.
      await expect(widget.locator("textarea")).toHaveValue("");
    }
    await expect(widget.locator('li.out [part="delivery"][data-state="pending"]')).toHaveCount(2);

    // Reloaded again while they are pending: they are still there, still pending.
    await hostPage.reload();
    widget = await open(hostPage);
    await expect(bodies).toHaveText(["hello from bob", "hello from alice", "written offline 1", "written offline 2"]);
    await expect(widget.locator('li.out [part="delivery"][data-state="pending"]')).toHaveCount(2);

    await server.start();
    await widget.waitForStatus("online", { timeout: 60_000 });
    // Bob signs in once the server has both (Sent: acknowledged, so in its offline store). ejabberd 23.01
    // loses a message to a contact whose session comes online that very moment until the contact's next
    // sign-in: the sender's side finds no available resource, the contact's session takes its offline
    // messages, and only then is the message stored (ejabberd_sm:route_message, then mod_offline's
    // offline_message_hook; ejabberd_c2s sets the presence, then pops the store). That was this test's
    // loss under load: Bob got "written offline 2" and not 1. We found no ejabberd option that closes it.
    await expect(widget.locator('li.out [part="delivery"][data-state="sent"]')).toHaveCount(2, { timeout: 30_000 });
    const back = await newBot({ account: bob });
    await back.waitFor((messages) => messages.length >= 2, 30_000);
    await expect(widget.locator('li.out [part="delivery"][data-state="delivered"]')).toHaveCount(3, {
      timeout: 30_000,
    });
    // The widget sends each once, in order.
    const written = back.received.filter((message) => message.body.startsWith("written offline"));
    expect(written.map((message) => message.body)).toEqual(["written offline 1", "written offline 2"]);
    // ejabberd may also hand Bob's new session the message the stopped bot had received, again, from its
    // offline store (the bot's last acknowledgement did not cover it): the server's stamped copy, not ours.
    for (const other of back.received.filter((message) => !written.includes(message))) {
      expect(other.body).toBe("hello from alice");
      expect(other.stanza.getChild("delay", "urn:xmpp:delay")).toBeTruthy();
    }
    await expect(bodies).toHaveCount(4);
  });

  test("read markers (XEP-0333): the peer hears its message was displayed, and its own marker shows ours as read", async ({
    newBot,
    signIn,
  }) => {
    const bot = await newBot();
    const { alice, widget } = await signIn({ props: { peer: bot.bareJid } });

    await bot.send(alice.jid, "not markable", { id: "plain-1" });
    await bot.send(alice.jid, "please read", { id: "markable-1" }, { markable: true });
    await expect(widget.messages).toHaveText(["not markable", "please read"]);
    await bot.waitFor(() => bot.displayedIds.has("markable-1"));
    expect([...bot.displayedIds]).toEqual(["markable-1"]);

    await widget.locator("textarea").fill("did you read it?");
    await widget.locator("textarea").press("Enter");
    const delivery = widget.locator('li.out [part="delivery"]');
    await expect(delivery).toHaveAttribute("data-state", "delivered");
    await bot.waitFor((messages) => messages.length >= 1);
    await bot.markDisplayed(alice.jid, bot.received[0]!.id);
    await expect(delivery).toHaveAttribute("data-state", "read");
    await expect(delivery).toHaveText("Read");
  });
});
