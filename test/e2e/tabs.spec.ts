import { test, expect, addWidget, hostReady, watchConnections } from "./fixtures.js";
import type { Page } from "@playwright/test";

// One connection per account per browser: tabs elect a leader (Web Locks) and mirror it (BroadcastChannel).
test.describe("several tabs of one account", () => {
  test.setTimeout(120_000);

  test("two tabs share one connection, both show everything, and closing the leader hands over with nothing lost", async ({
    hostPage,
    context,
    site,
    transport,
    signIn,
    newBot,
  }) => {
    const bot = await newBot();
    const firstConnections = watchConnections(hostPage);
    const { alice, widget: first, props } = await signIn({ props: { peer: bot.bareJid } });

    const other: Page = await context.newPage();
    const secondConnections = watchConnections(other);
    await other.goto(`${site.url}/host.html`);
    await hostReady(other);
    const second = await addWidget(other, props);
    await second.waitForStatus("online");

    await bot.send(alice.jid, "to both tabs");
    for (const widget of [first, second]) await expect(widget.messages).toHaveText(["to both tabs"]);

    // Written in the second tab, sent by the first tab's connection, receipted, shown as delivered in both.
    await second.send("from the second tab");
    await bot.waitFor((messages) => messages.length >= 1);
    for (const widget of [first, second]) {
      await expect(widget.outgoing).toHaveText(["from the second tab"]);
      await expect(widget.deliveries()).toHaveAttribute("data-state", "delivered");
    }
    expect(firstConnections.opened()).toBe(1);
    expect(secondConnections.opened()).toBe(0);

    // The leader tab closes; the bot writes at once, while nobody holds the connection.
    await hostPage.close();
    await bot.send(alice.jid, "during the handover");
    await second.waitForStatus("online", { timeout: 30_000 });
    await expect.poll(() => secondConnections.opened(), { timeout: 30_000 }).toBe(1);
    await bot.send(alice.jid, "after the handover");
    await expect(second.messages).toHaveText([
      "to both tabs",
      "from the second tab",
      "during the handover",
      "after the handover",
    ]);
    expect(bot.received.map((message) => message.body)).toEqual(["from the second tab"]);
    // The closed tab did not sign out: over WebSocket the second resumed its stream (XEP-0198), the same
    // session. (A closed page's BOSH session lingers until the server's inactivity timeout: a new one then.)
    const statuses = (await second.events())
      .filter((event) => event.type === "xmppmini-status")
      .map((event) => event.detail);
    expect(statuses.at(-1)).toMatchObject({ status: "online", ...(transport === "websocket" && { resumed: true }) });
  });
});
