import { test, expect } from "./fixtures.js";
import { addWidget, reloadHost } from "./widget.js";

const NS_CALL_INVITES = "urn:xmpp:call-invites:0";

test.describe("calls through the host's call page (XEP-0482 Call Invites)", () => {
  test("the call button opens a new room's page in a new tab and invites the peer; the peer's accept shows", async ({
    context,
    site,
    newBot,
    signIn,
  }) => {
    const bot = await newBot();
    const { alice, widget } = await signIn({ props: { peer: bot.bareJid, callUrl: "/call.html?room={room}" } });
    const opened = context.waitForEvent("page");
    await widget.locator('[part="call"]').click();
    const callPage = await opened;
    await callPage.waitForLoadState();
    expect(callPage.url()).toMatch(new RegExp(`^${site.url}/call\\.html\\?room=xmppmini-[0-9a-f-]{36}$`, "u"));

    const [invite] = await bot.waitFor((messages) => messages.length >= 1);
    const external = invite!.stanza.getChild("invite", NS_CALL_INVITES)?.getChild("external");
    expect(external?.attrs.uri).toBe(callPage.url());
    expect(invite!.body).toContain(callPage.url());
    const card = widget.locator('[part="message"][data-direction="out"] [part="call-card"]');
    await expect(card).toHaveAttribute("data-state", "ringing");
    await expect(card.locator('[part="call-cancel"]')).toBeVisible();

    // The invitation's id: its origin-id, which is its stanza id (XEP-0482 §3.1).
    await bot.sendCallAnswer(alice.jid, "accept", invite!.id);
    await expect(card).toHaveAttribute("data-state", "accepted");
    await expect(card).toContainText("Call accepted");
    await expect(card.locator('[part="call-open"]')).toHaveAttribute("href", callPage.url());
  });

  test("an incoming invitation rings; a stranger cannot withdraw it; Join opens the page and the caller hears accept", async ({
    context,
    site,
    newBot,
    signIn,
  }) => {
    const bot = await newBot();
    const stranger = await newBot({ prefix: "stranger" });
    const { alice, widget } = await signIn({ props: { peer: bot.bareJid } });
    const page = `${site.url}/call.html?room=from-the-bot`;
    await bot.sendCallInvite(alice.jid, page, { id: "invite-1", body: null, video: true });
    const card = widget.locator('[part="message"][data-direction="in"] [part="call-card"]');
    await expect(card).toHaveAttribute("data-state", "ringing");
    await expect(card).toContainText("Incoming video call");

    await stranger.sendCallAnswer(alice.jid, "retract", "invite-1");
    await stranger.send(alice.jid, "I tried to cancel your call");
    await expect(widget.locator(`[part="conversations"] [data-peer="${stranger.bareJid}"]`)).toBeVisible();
    await expect(card).toHaveAttribute("data-state", "ringing");

    const opened = context.waitForEvent("page");
    await card.locator('[part="call-join"]').click();
    expect((await opened).url()).toBe(page);
    await bot.waitFor(() => bot.callAnswers.length >= 1);
    expect(bot.callAnswers).toEqual([
      { from: expect.stringContaining(alice.jid), kind: "accept", invite: "invite-1", uri: page },
    ]);
    await expect(card).toHaveAttribute("data-state", "accepted");
    await expect(card).toContainText("You joined the call");
  });

  test("Decline sends reject, and stays declined after a reload", async ({ hostPage, site, newBot, signIn }) => {
    const bot = await newBot();
    const { alice, widget, props } = await signIn({ props: { peer: bot.bareJid } });
    await bot.sendCallInvite(alice.jid, `${site.url}/call.html?room=r2`, { id: "invite-2" });
    const card = () => widget.locator('[part="message"][data-direction="in"] [part="call-card"]');
    await card().locator('[part="call-decline"]').click();
    await bot.waitFor(() => bot.callAnswers.length >= 1);
    expect(bot.callAnswers.map(({ kind, invite }) => ({ kind, invite }))).toEqual([
      { kind: "reject", invite: "invite-2" },
    ]);
    await expect(card()).toHaveAttribute("data-state", "rejected");

    await reloadHost(hostPage);
    const again = await addWidget(hostPage, props);
    await expect(again.locator('[part="message"][data-direction="in"] [part="call-card"]')).toHaveAttribute(
      "data-state",
      "rejected",
    );
    await expect(again.locator('[part="call-card"]')).toContainText("You declined the call");
  });

  test("an invitation withdrawn by the caller becomes a missed call", async ({ site, newBot, signIn }) => {
    const bot = await newBot();
    const { alice, widget } = await signIn({ props: { peer: bot.bareJid } });
    await bot.sendCallInvite(alice.jid, `${site.url}/call.html?room=r3`, { id: "invite-3" });
    const card = widget.locator('[part="message"][data-direction="in"] [part="call-card"]');
    await expect(card).toHaveAttribute("data-state", "ringing");
    await bot.sendCallAnswer(alice.jid, "retract", "invite-3");
    await expect(card).toHaveAttribute("data-state", "missed");
    await expect(card).toContainText("Missed call");
    await expect(card.locator('[part="call-join"]')).toHaveCount(0);
  });
});
