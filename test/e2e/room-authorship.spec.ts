import { randomBytes } from "node:crypto";
import { xml } from "@xmpp/client";
import { test, expect, addWidget } from "./fixtures.js";
import { enterRoom } from "./room-bot.js";

// Who may change what (issue 19): a correction (XEP-0308) only from its message's author, in a room as in
// a one-to-one chat; a bounce (RFC 6120 §8.3) only from where the message went.
test.describe("authorship", () => {
  const roomOn = (mucDomain: string) => `who-${randomBytes(4).toString("hex")}@${mucDomain}`;
  const correction = (room: string, id: string, replaces: string, body: string) =>
    xml(
      "message",
      { to: room, type: "groupchat", id },
      xml("body", {}, body),
      xml("replace", { xmlns: "urn:xmpp:message-correct:0", id: replaces }),
    );

  test("in a room, an occupant corrects its own messages only; another's correction shows as its own message", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    const room = roomOn(server.mucDomain);
    const [annBot, benBot] = [
      await newBot({ prefix: "ann", streamManagement: false }),
      await newBot({ prefix: "ben", streamManagement: false }),
    ];
    const ann = await enterRoom(annBot, room, "ann");
    await enterRoom(benBot, room, "ben");
    const alice = await newAccount("alice");
    const widget = await addWidget(hostPage, {
      jid: alice.jid,
      password: alice.password,
      service: server.service,
      rooms: room,
      nick: "alice",
    });
    await expect(widget.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
    await expect(widget.locator('[part="occupants-button"]')).toHaveText("3 in the room");

    await annBot.xmpp.send(
      xml("message", { to: room, type: "groupchat", id: "ann-1" }, xml("body", {}, "ann's words")),
    );
    const messages = widget.messages;
    await expect(messages).toHaveText(["ann's words"]);
    // Ben names ann's message: the room passes it on from ben, and the widget keeps ann's words under her name.
    await benBot.xmpp.send(correction(room, "ben-1", "ann-1", "words ann never said"));
    await expect(messages).toHaveText(["ann's words", "words ann never said"]);
    await expect(widget.locator('[part="nick"]')).toHaveText(["ann", "ben"]);
    await expect(widget.locator('[part="edited"]')).toHaveCount(0);
    // Ann's own correction goes through.
    await annBot.xmpp.send(correction(room, "ann-2", "ann-1", "ann's words, fixed"));
    await expect(messages).toHaveText(["ann's words, fixed", "words ann never said"]);
    await expect(widget.locator('[part="nick"]')).toHaveText(["ann", "ben"]);
    await expect(widget.locator('[part="edited"]')).toHaveCount(1);

    // Someone corrects the widget's own message from another nickname: refused, shown as ben's.
    await widget.composer.fill("alice's words");
    await widget.composer.press("Enter");
    const own = widget.outgoing;
    await expect(own).toHaveText("alice's words");
    await expect(widget.locator('[part="delivery"]')).toHaveText("Delivered");
    const ownId = await own.getAttribute("data-id");
    expect(ownId).toBeTruthy();
    await ann.waitFor(() => ann.heard.some((message) => message.body === "alice's words"), "alice's message");
    await benBot.xmpp.send(correction(room, "ben-2", ownId!, "words alice never said"));
    await expect(messages).toHaveText([
      "ann's words, fixed",
      "words ann never said",
      "alice's words",
      "words alice never said",
    ]);
    await expect(own).toHaveText("alice's words");
    await expect(widget.incoming.last()).toHaveText("words alice never said");
    expect(hostPage.consoleErrors).toEqual([]);
  });

  test("a bounce from a stranger for one of our message ids changes nothing; the peer's own fails it, its text capped", async ({
    newBot,
    signIn,
  }) => {
    const bob = await newBot({ prefix: "bob", receipts: false });
    const mallory = await newBot({ prefix: "mallory" });
    const { widget } = await signIn({ props: { peer: bob.bareJid } });
    const input = widget.composer;
    await input.fill("to bob");
    await input.press("Enter");
    await expect.poll(() => bob.received.length).toBe(1);
    // What bob got tells the widget's id and full address (a bounce to a bare address is dropped, RFC 6121 §8.5.2.1.1).
    const { id, from: widgetAddress } = bob.received[0]!;
    const own = widget.outgoing;
    await expect(own).toHaveAttribute("data-id", id);
    await expect(widget.locator('[part="delivery"]')).toHaveText("Sent");
    const bounce = (text: string) =>
      xml(
        "message",
        { to: widgetAddress, type: "error", id },
        xml(
          "error",
          { type: "cancel" },
          xml("service-unavailable", { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" }),
          xml("text", { xmlns: "urn:ietf:params:xml:ns:xmpp-stanzas" }, text),
        ),
      );
    await mallory.xmpp.send(bounce("it never arrived"));
    // Mallory's next message comes after the bounce: once it shows, the bounce was read (and ignored).
    await mallory.send(widgetAddress, "hello from mallory");
    await expect(widget.locator('[part="conversations"] [role="tab"]')).toHaveCount(2);
    await expect(widget.locator('[part="delivery"]')).toHaveText("Sent");
    await expect(widget.errorBanner).toHaveCount(0);

    await bob.xmpp.send(bounce(`gone ${"x".repeat(1000)}`));
    const delivery = widget.locator('[part="delivery"][data-state="failed"]');
    await expect(delivery).toHaveCount(1);
    const shown = (await delivery.textContent()) ?? "";
    expect(shown).toContain("service-unavailable: gone xxx");
    expect(shown.length).toBeLessThan(400);
  });
});
