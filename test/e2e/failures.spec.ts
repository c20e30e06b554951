import { mkdirSync } from "node:fs";
import { test, expect, addWidget, widgetEvents, watchConnections, waitForCatchUp } from "./fixtures.js";
import { freePort } from "../../scripts/lib/free-port.mjs";

test.describe("bad input and unreachable servers give typed errors and readable messages", () => {
  test("a wrong password ends in status error with a readable message and no retry loop", async ({
    hostPage,
    server,
    newAccount,
  }) => {
    const alice = await newAccount("alice");
    const connections = watchConnections(hostPage);
    const widget = await addWidget(hostPage, { jid: alice.jid, password: "not-the-password", service: server.service });
    await expect(widget).toHaveAttribute("status", "error");
    const banner = widget.locator('[part="error"]');
    await expect(banner).toHaveAttribute("data-code", "auth-failed");
    await expect(banner).toContainText("rejected the password");
    const errors = (await widgetEvents(hostPage)).filter((e) => e.type === "xmppmini-error");
    expect(errors).toHaveLength(1);
    expect(errors[0]!.detail.code).toBe("auth-failed");
    // Proof that nothing happens, so a fixed wait: give a retry loop the time to show itself (xmpp.js's own
    // reconnect would have tried again within a second).
    await hostPage.waitForTimeout(2500);
    expect(connections.opened()).toBe(1);
    await expect(widget).toHaveAttribute("status", "error");
  });

  test("an unreachable server gives connection-failed naming the endpoint, once, and is retried with backoff", async ({
    hostPage,
    newAccount,
    transport,
  }) => {
    const alice = await newAccount("alice");
    const closedPort = await freePort();
    const service =
      transport === "bosh" ? `http://127.0.0.1:${closedPort}/http-bind` : `ws://127.0.0.1:${closedPort}/xmpp-websocket`;
    const connections = watchConnections(hostPage);
    const widget = await addWidget(hostPage, { jid: alice.jid, password: alice.password, service });
    await expect(widget).toHaveAttribute("status", "error");
    const banner = widget.locator('[part="error"]');
    await expect(banner).toHaveAttribute("data-code", "connection-failed");
    await expect(banner).toContainText(service);
    await expect(banner).toContainText(/Trying again in \d+ s/);
    // The first retries come after about a second and then two: a third attempt within ten seconds.
    await expect.poll(() => connections.opened(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await banner.getByRole("button", { name: "Retry now" }).click();
    const errors = (await widgetEvents(hostPage)).filter((e) => e.type === "xmppmini-error");
    expect(errors).toHaveLength(1);
    const waits = (await widgetEvents(hostPage)).filter(
      (e) => e.type === "xmppmini-status" && e.detail.retryAt !== undefined,
    );
    expect(waits.length).toBeGreaterThanOrEqual(2);
  });

  test("an invalid JID is refused before any connection, with a message that says why", async ({
    hostPage,
    server,
  }) => {
    const connections = watchConnections(hostPage);
    const widget = await addWidget(hostPage, { jid: "alice smith@localhost", password: "x", service: server.service });
    await expect(widget).toHaveAttribute("status", "error");
    const banner = widget.locator('[part="error"]');
    await expect(banner).toHaveAttribute("data-code", "invalid-jid");
    await expect(banner).toContainText("alice smith@localhost");
    expect(connections.opened()).toBe(0);
  });

  test("a service that is neither WebSocket nor BOSH is refused with invalid-config", async ({
    hostPage,
    newAccount,
  }) => {
    const alice = await newAccount("alice");
    const widget = await addWidget(hostPage, {
      jid: alice.jid,
      password: alice.password,
      service: "ftp://example.org/xmpp",
    });
    await expect(widget).toHaveAttribute("status", "error");
    await expect(widget.locator('[part="error"]')).toHaveAttribute("data-code", "invalid-config");
  });

  test("an invalid peer shows an error but keeps the session online", async ({ hostPage, server, newAccount }) => {
    const alice = await newAccount("alice");
    const widget = await addWidget(hostPage, {
      jid: alice.jid,
      password: alice.password,
      service: server.service,
      peer: "bob@@localhost",
    });
    await expect(widget.errorBanner).toHaveAttribute("data-code", "invalid-jid");
    await widget.waitForStatus("online");
  });

  test("send() rejects with typed errors for an empty or oversized message and sends nothing", async ({
    signIn,
    newBot,
  }) => {
    const bot = await newBot();
    const { widget } = await signIn({ props: { peer: bot.bareJid } });
    const codes = await widget.evaluate(
      async (element: HTMLElement & { send(jid: string, text: string): Promise<unknown> }, to) => {
        const attempt = (text: string) =>
          element.send(to, text).then(
            () => "sent",
            (error: { code: string }) => error.code,
          );
        return [await attempt("   "), await attempt("x".repeat(20001)), await attempt("ok")];
      },
      bot.bareJid,
    );
    expect(codes).toEqual(["invalid-message", "invalid-message", "sent"]);
    await bot.waitFor((messages) => messages.length >= 1);
    expect(bot.received.map((m) => m.body)).toEqual(["ok"]);
  });

  test("the header shows our connection only while it is not online, worded apart from the peer's presence", async ({
    hostPage,
    server,
    signIn,
    newBot,
  }) => {
    const bot = await newBot();
    const probe = await newBot();
    const { alice, widget } = await signIn({ props: { peer: bot.bareJid } });
    const headerStates = () =>
      hostPage.evaluate(
        () => (window as unknown as { headerStates: Array<[string | null, string | null]> }).headerStates,
      );
    // Presence to an account with no available resource is dropped, and the server may not have handled the
    // widget's initial presence when its status says online. The catch-up, asked after it, is over only
    // once it has.
    await waitForCatchUp(hostPage, probe, alice.jid);
    await bot.sendPresence(alice.jid);
    const header = widget.locator('[part="header"]');
    const connection = header.locator(".status");
    const presence = header.locator('[part="presence"]');
    // Online: the peer's availability is the only "Online" in the header; our connection says nothing.
    await expect(presence).toHaveText("Online");
    await expect(connection).toHaveText("");
    await expect(header).not.toContainText(/offline|connect/i);
    // From here, every change of the element's `status` or of the header's connection text is recorded as
    // both at once (each update sets both): each state must show its own text.
    await widget.evaluate((element) => {
      const seen: Array<[string | null, string | null]> = [];
      Object.assign(window, { headerStates: seen });
      const text = element.shadowRoot!.querySelector(".status")!;
      const record = () => seen.push([element.getAttribute("status"), text.textContent]);
      new MutationObserver(record).observe(element, { attributes: true, attributeFilter: ["status"] });
      new MutationObserver(record).observe(text, { childList: true, characterData: true, subtree: true });
    });
    // The server goes away: the state shows while it is gone and while the widget tries again.
    await server.kill();
    try {
      await widget.waitForStatus("error");
      await expect(connection).toHaveText(/^(Not connected|Connecting…)$/);
      mkdirSync("test-artifacts", { recursive: true });
      await header.screenshot({ path: "test-artifacts/header-not-connected.png" });
      // Some attempts to reconnect (after about a second, then two).
      await expect
        .poll(async () => (await headerStates()).filter(([status]) => status === "connecting").length, {
          timeout: 15_000,
        })
        .toBeGreaterThanOrEqual(2);
    } finally {
      await server.start();
    }
    await widget.waitForStatus("online", { timeout: 30_000 });
    await expect(connection).toHaveText("");
    // Signed out: offline, said as ours.
    await widget.disconnect();
    await widget.waitForStatus("offline");
    await expect(connection).toHaveText("You are offline");
    await header.screenshot({ path: "test-artifacts/header-offline.png" });
    const texts: Record<string, string> = {
      online: "",
      connecting: "Connecting…",
      error: "Not connected",
      offline: "You are offline",
    };
    const states = await headerStates();
    expect(new Set(states.map(([status]) => status))).toEqual(new Set(["error", "connecting", "online", "offline"]));
    for (const [status, text] of states) expect([status, text]).toEqual([status, texts[status!]]);
  });

  test("when the server goes away the widget says so, keeps what is typed as pending, and sends it when it is back", async ({
    server,
    signIn,
    newAccount,
    newBot,
  }) => {
    const bob = await newAccount("bob");
    const { widget } = await signIn({ props: { peer: bob.jid } });
    await server.kill();
    await widget.waitForStatus("error");
    const banner = widget.errorBanner;
    await expect(banner).toHaveAttribute("data-code", /^(connection-lost|stream-error|connection-failed)$/);
    await widget.send("typed while offline");
    await expect(widget.composer).toHaveValue("");
    const sent = widget.locator("li.out");
    await expect(sent.locator('[part="message"]')).toHaveText(["typed while offline"]);
    await expect(sent.locator('[part="delivery"]')).toHaveAttribute("data-state", "pending");
    await server.start();
    await widget.waitForStatus("online", { timeout: 30_000 });
    await expect(banner).toHaveCount(0);
    await expect(sent.locator('[part="delivery"]')).toHaveAttribute("data-state", "sent");
    // Bob signs in later: the message waited for him on the server, and his receipt comes back.
    const bot = await newBot({ account: bob });
    await bot.waitFor((messages) => messages.length >= 1);
    expect(bot.received.map((m) => m.body)).toEqual(["typed while offline"]);
    await expect(sent.locator('[part="delivery"]')).toHaveAttribute("data-state", "delivered");
  });
});
