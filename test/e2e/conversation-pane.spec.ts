import { test, expect, addWidget, reloadHost, waitForCatchUp } from "./fixtures.js";

const NS_CORRECTION = "urn:xmpp:message-correct:0";

test.describe("the conversation pane: presence, typing, corrections, notices", () => {
  test("shows the peer's presence and status text, and offline once it leaves", async ({
    newBot,
    signIn,
    hostPage,
  }) => {
    const bot = await newBot();
    const probe = await newBot();
    const { alice, widget } = await signIn({ props: { peer: bot.bareJid } });
    const presence = widget.locator('[part="presence"]');
    // Presence to an account with no available resource is dropped: see the typing test below.
    await waitForCatchUp(hostPage, probe, alice.jid);
    // Directed presence (RFC 6121 §4.6): no subscription needed, and the server says when the bot leaves.
    await bot.sendPresence(alice.jid, { show: "away", status: "At lunch <b>back at 2</b>" });
    await expect(presence).toHaveText("Away · At lunch <b>back at 2</b>");
    await expect(presence).toHaveAttribute("data-availability", "away");
    await bot.sendPresence(alice.jid, { show: "chat" });
    await expect(presence).toHaveText("Available to chat");
    await bot.stop();
    await expect(presence).toHaveText("Offline");
  });

  test("shows when the peer types, and tells a peer that speaks chat states when we type and pause", async ({
    newBot,
    signIn,
    hostPage,
  }) => {
    const bot = await newBot();
    const probe = await newBot();
    const { alice, widget } = await signIn({ props: { peer: bot.bareJid } });
    const typing = widget.locator('[part="typing"]');
    // A chat state is sent with <no-store/>: one that the server handles before the widget's initial presence
    // (which may still be on its way when the status says online) is dropped, not kept. The catch-up, asked
    // after the presence, is over only once the server has handled it.
    await waitForCatchUp(hostPage, probe, alice.jid);
    await bot.sendChatState(alice.jid, "composing");
    await expect(typing).toHaveText(`${bot.account.user} is typing…`);
    await bot.send(alice.jid, "Here is my answer");
    await expect(widget.incoming).toHaveText("Here is my answer");
    await expect(typing).toHaveCount(0);

    // The bot has shown it speaks chat states: our typing reaches it, once, and so does the pause.
    const input = widget.composer;
    await input.pressSequentially("Thank");
    await bot.waitFor(() => bot.chatStates.some((item) => item.state === "composing"));
    await bot.waitFor(() => bot.chatStates.some((item) => item.state === "paused"), 15_000);
    expect(bot.chatStates.map((item) => item.state)).toEqual(["composing", "paused"]);
    await input.pressSequentially(" you");
    await input.press("Enter");
    await bot.waitFor((messages) => messages.length === 1);
    // The message itself says "active"; no standalone one follows it.
    expect(bot.chatStates.map((item) => [item.state, item.withBody])).toEqual([
      ["composing", false],
      ["paused", false],
      ["composing", false],
      ["active", true],
    ]);
  });

  test("corrects our last message (↑, edit, Enter) and shows the peer's correction, also after a reload", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    const alice = await newAccount("alice");
    const bot = await newBot();
    const props = { jid: alice.jid, password: alice.password, service: server.service, peer: bot.bareJid };
    let widget = await addWidget(hostPage, props);
    await widget.waitForStatus("online");
    const input = widget.composer;
    await input.fill("See you at teh station");
    await input.press("Enter");
    const [original] = await bot.waitFor((messages) => messages.length === 1);

    await input.press("ArrowUp");
    await expect(input).toHaveValue("See you at teh station");
    await expect(widget.locator('[part="editing"]')).toBeVisible();
    await input.fill("See you at the station");
    await input.press("Enter");
    const [, correction] = await bot.waitFor((messages) => messages.length === 2);
    expect(correction!.body).toBe("See you at the station");
    expect(correction!.stanza.getChild("replace", NS_CORRECTION)?.attrs.id).toBe(original!.id);

    const ours = widget.outgoing;
    await expect(ours).toHaveText(["See you at the station"]);
    await expect(widget.locator('[part="edited"]')).toHaveCount(1);

    // The peer corrects its own message.
    await bot.send(alice.jid, "I will be there at 5 pm", { id: "bot-1" });
    await expect(widget.incoming).toHaveText(["I will be there at 5 pm"]);
    await bot.correct(alice.jid, "bot-1", "I will be there at 6 pm", "bot-2");
    await expect(widget.incoming).toHaveText(["I will be there at 6 pm"]);
    await expect(widget.locator('[part="edited"]')).toHaveCount(2);

    await reloadHost(hostPage);
    widget = await addWidget(hostPage, props);
    await widget.waitForStatus("online");
    await expect(widget.messages).toHaveText(["See you at the station", "I will be there at 6 pm"]);
    await expect(widget.locator('[part="edited"]')).toHaveCount(2);
  });

  test("a headline is shown as a notice, as text, and asks for nothing back", async ({ hostPage, newBot, signIn }) => {
    const [bot, probe] = await Promise.all([newBot(), newBot({ prefix: "probe" })]);
    const { alice, widget } = await signIn({ props: { peer: bot.bareJid } });
    // A headline to an account with no available session is dropped (RFC 6121 §8.5.2.1.1), and "online"
    // here may come before the server has our presence (over BOSH it leaves with the next request): sent
    // once a probe contact's message has reached the widget (kept offline until the server has our presence).
    await waitForCatchUp(hostPage, probe, alice.jid);
    await bot.sendHeadline(alice.jid, "Maintenance tonight <img src=x onerror=alert(1)>");
    const notice = widget.locator('[part="headline"]');
    await expect(notice).toContainText("Maintenance tonight <img src=x onerror=alert(1)>");
    await expect(notice.locator("img")).toHaveCount(0);
    await expect(widget.messages).toHaveCount(0);
    // (The peer's address lookup may be refused by the test page's policy: that is the lookup, not the notice.)
    expect(hostPage.consoleErrors.filter((error) => !error.includes("xmppmini.txt"))).toEqual([]);
  });
});
