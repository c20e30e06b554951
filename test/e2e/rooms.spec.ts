import { randomBytes } from "node:crypto";
import { test, expect, addWidget, pageBackToStart, widgetEvents, reloadHost, hostReady } from "./fixtures.js";
import { enterRoom } from "./room-bot.js";
import { startFaultyProxy } from "./faulty-proxy.js";

// Group chat (XEP-0045) with the widget and two bots in one room of the server's MUC service.
test.describe("rooms (XEP-0045)", () => {
  const roomOn = (mucDomain: string) => `team-${randomBytes(4).toString("hex")}@${mucDomain}`;

  test("three in a room: history, nicknames, occupants, a mention that notifies, @-suggestions with references, and a reload", async ({
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
    const ben = await enterRoom(benBot, room, "ben");
    await ann.say("said before alice came");
    await ben.waitFor(
      () => ben.heard.some((message) => message.body === "said before alice came"),
      "ann's first message",
    );

    const alice = await newAccount("alice");
    const props = { jid: alice.jid, password: alice.password, service: server.service, rooms: room, nick: "alice" };
    let widget = await addWidget(hostPage, props);
    await widget.waitForStatus("online");
    const bar = widget.locator('[part="room"]');
    await expect(bar).toHaveAttribute("data-status", "joined");
    await expect(widget.locator('[part="occupants-button"]')).toHaveText("3 in the room");
    // Moderators first (ann made the room), then by name.
    await widget.locator('[part="occupants-button"]').click();
    await expect(widget.locator('[part="occupants"] .occupant-nick')).toHaveText(["ann", "alice", "ben"]);
    // The room's history came with the join, under its sender's nickname.
    const messages = widget.messages;
    await expect(messages).toHaveText(["said before alice came"]);
    await expect(widget.locator('[part="nick"]')).toHaveText(["ann"]);

    await ben.say("hi @alice, welcome", { mention: ["alice"] });
    // Two connections: the room orders what they say as it gets it.
    await ann.waitFor(() => ann.heard.some((message) => message.body === "hi @alice, welcome"), "ben's message");
    await ann.say("<b>not markup</b> and no mention");
    await expect(messages).toHaveText([
      "said before alice came",
      "hi @alice, welcome",
      "<b>not markup</b> and no mention",
    ]);
    await expect(widget.locator('[part="message"][data-mention="true"]')).toHaveText("hi @alice, welcome");
    // Old history is no news; the two new messages are, and the one naming us says so.
    const shown = (await widgetEvents(hostPage))
      .filter((event) => event.type === "xmppmini-message")
      .map((event) => event.detail);
    expect(shown.map((detail) => [detail.nick, detail.mentionsMe ?? false, detail.room])).toEqual([
      ["ben", true, true],
      ["ann", false, true],
    ]);

    // Typing @ suggests the others (not us); the keyboard picks one; the message carries the reference.
    const input = widget.composer;
    await input.pressSequentially("@");
    await expect(widget.locator('[part="mentions"] [role="option"]')).toHaveText(["ann", "ben"]);
    await input.press("ArrowDown");
    await expect(widget.locator('[part="mentions"] [aria-selected="true"]')).toHaveText("ben");
    await input.press("Enter");
    await expect(widget.locator('[part="mentions"]')).toHaveCount(0);
    await expect(input).toHaveValue("@ben ");
    await input.pressSequentially("thanks, see you");
    await input.press("Enter");
    await ben.waitFor(() => ben.heard.some((message) => message.nick === "alice"), "alice's message");
    const fromAlice = ben.heard.find((message) => message.nick === "alice")!;
    expect(fromAlice).toMatchObject({
      body: "@ben thanks, see you",
      type: "groupchat",
      mentions: [{ nick: "ben", begin: 0, end: 4 }],
    });
    await ann.waitFor(() => ann.heard.some((message) => message.nick === "alice"), "alice's message");
    // The room passed it on to everyone: it came back to us (§7.4).
    await expect(widget.outgoing).toHaveText("@ben thanks, see you");
    await expect(widget.locator('[part="delivery"]')).toHaveText("Delivered");

    // Muted, the room keeps quiet except for mentions; the choice is kept across the site's pages.
    await widget.locator('[part="mute"]').click();
    await expect(widget.locator('[part="mute"]')).toHaveAttribute("aria-pressed", "true");

    // After a reload: everything once, in order, and the room joined again.
    await reloadHost(hostPage);
    widget = await addWidget(hostPage, props);
    await expect(widget.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
    await expect(widget.locator('[part="mute"]')).toHaveAttribute("aria-pressed", "true");
    await ann.say("after the reload");
    const all = [
      "said before alice came",
      "hi @alice, welcome",
      "<b>not markup</b> and no mention",
      "@ben thanks, see you",
      "after the reload",
    ];
    await expect(widget.messages).toHaveText(all);
    // The live message shows once the room's catch-up is over (live ones wait for it); what could still
    // double it would come late: a fixed wait, as it proves that nothing does.
    await hostPage.waitForTimeout(500);
    await expect(widget.messages).toHaveText(all);
    expect(hostPage.consoleErrors).toEqual([]);
  });

  test("leaving a room: the room hears it, writing there stops, a reload does not take us back in, and Join again does", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    const room = roomOn(server.mucDomain);
    const ann = await enterRoom(await newBot({ prefix: "ann", streamManagement: false }), room, "ann");
    const alice = await newAccount("alice");
    const props = { jid: alice.jid, password: alice.password, service: server.service, rooms: room, nick: "alice" };
    let widget = await addWidget(hostPage, props);
    const bar = () => widget.locator('[part="room"]');
    await expect(bar()).toHaveAttribute("data-status", "joined");
    await ann.say("hello alice");
    await expect(widget.messages).toHaveText(["hello alice"]);
    await widget.locator('[part="leave"]').click();
    await expect(bar()).toHaveAttribute("data-status", "left");
    await expect(bar()).toContainText("You are not in this room.");
    await expect(widget.sendButton).toBeDisabled();
    await ann.waitFor(() => !ann.occupants.has("alice"), "alice gone");

    await reloadHost(hostPage);
    widget = await addWidget(hostPage, props);
    await widget.waitForStatus("online");
    await expect(bar()).toHaveAttribute("data-status", "left");
    await expect(widget.messages).toHaveText(["hello alice"]);
    // Proof that nothing happens (no join after the reload), so a fixed wait.
    await hostPage.waitForTimeout(500);
    expect(ann.occupants.has("alice")).toBe(false);

    await widget.locator('[part="join-again"]').click();
    await expect(bar()).toHaveAttribute("data-status", "joined");
    await ann.waitFor(() => ann.occupants.has("alice"), "alice back");
    await expect(widget.sendButton).toBeEnabled();
  });

  test("away for longer than a join's history: what was said meanwhile comes from the room's archive, all of it, once, in order", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    const room = roomOn(server.mucDomain);
    const ann = await enterRoom(await newBot({ prefix: "ann", streamManagement: false }), room, "ann");
    const alice = await newAccount("alice");
    const widget = await addWidget(hostPage, {
      jid: alice.jid,
      password: alice.password,
      service: server.service,
      rooms: room,
      nick: "alice",
    });
    await expect(widget.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
    await ann.say("before the break");
    await expect(widget.messages).toHaveText(["before the break"]);
    await widget.evaluate((element: Element & { disconnect(): Promise<void> }) => element.disconnect());

    // More than the 20 messages a room sends with a join.
    const texts = Array.from({ length: 30 }, (_, index) => `meanwhile-${String(index).padStart(2, "0")}`);
    for (const text of texts) await ann.say(text);
    await ann.waitFor(
      () => ann.heard.filter((message) => message.body.startsWith("meanwhile")).length === texts.length,
      "all 30 back from the room",
    );

    await widget.evaluate((element: Element & { connect(): Promise<void> }) => element.connect());
    await expect(widget.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
    await ann.say("after the break");
    await expect(widget.messages.last()).toHaveText("after the break");
    expect(await widget.messages.allTextContents()).toEqual(["before the break", ...texts, "after the break"]);
  });

  test("older messages come from the room's archive (XEP-0313 on the room), in order, once, down to the start", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    const room = roomOn(server.mucDomain);
    const ann = await enterRoom(await newBot({ prefix: "ann", streamManagement: false }), room, "ann");
    const texts = Array.from({ length: 45 }, (_, index) => `room-${String(index).padStart(2, "0")}`);
    for (const text of texts) await ann.say(text);
    await ann.waitFor(() => ann.heard.length === texts.length, "all 45 back from the room");

    const alice = await newAccount("alice");
    const widget = await addWidget(hostPage, {
      jid: alice.jid,
      password: alice.password,
      service: server.service,
      rooms: room,
      nick: "alice",
    });
    await expect(widget.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
    const shown = widget.messages;
    // The join brings the room's recent history (both servers keep 20 for it)...
    await expect(shown.last()).toHaveText("room-44");
    const joined = await shown.allTextContents();
    expect(joined.length).toBeLessThan(texts.length);
    expect(joined).toEqual(texts.slice(texts.length - joined.length));
    // ...and the older ones come from the room's archive, page by page, above them.
    await pageBackToStart(widget, texts, 4);
    await expect(widget.locator('[part="nick"]').first()).toHaveText("ann");
  });

  test("a nickname that is taken: joined with the next one, and told so", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    const room = roomOn(server.mucDomain);
    const other = await enterRoom(await newBot({ streamManagement: false }), room, "alice");
    const alice = await newAccount("alice");
    const widget = await addWidget(hostPage, {
      jid: alice.jid,
      password: alice.password,
      service: server.service,
      rooms: room,
      nick: "alice",
    });
    await expect(widget.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
    await expect(widget.locator('[part="room"]')).toContainText('"alice" was taken here: you are "alice2".');
    await widget.composer.fill("hello from the second alice");
    await widget.composer.press("Enter");
    await other.waitFor(
      () => other.heard.some((message) => message.nick === "alice2" && message.body === "hello from the second alice"),
      "alice2",
    );
  });

  test("refusals say why and what to do: a password, members only, a ban, the room closed; joining again works where it can", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    const alice = await newAccount("alice");
    const owner = await newBot({ prefix: "owner", streamManagement: false });
    const locked = roomOn(server.mucDomain);
    const banned = roomOn(server.mucDomain);
    const closing = roomOn(server.mucDomain);
    const members = roomOn(server.mucDomain);
    await (await enterRoom(owner, members, "owner")).membersOnly();
    const lockedRoom = await enterRoom(owner, locked, "owner");
    await lockedRoom.requirePassword("s3cret");
    const bannedRoom = await enterRoom(owner, banned, "owner");
    await bannedRoom.ban(alice.jid);
    const closingRoom = await enterRoom(owner, closing, "owner");

    const widget = await addWidget(hostPage, {
      jid: alice.jid,
      password: alice.password,
      service: server.service,
      rooms: `${locked} ${banned} ${closing}, ${members}`,
      nick: "alice",
    });
    await widget.waitForStatus("online");
    const tab = (room: string) => widget.locator(`[part="conversations"] [data-peer="${room}"]`);
    const bar = widget.locator('[part="room"]');

    await tab(locked).click();
    await expect(bar).toHaveAttribute("data-status", "error");
    await expect(bar).toContainText(`${locked} needs a password: join it again with the room's password.`);
    await expect(widget.sendButton).toBeDisabled();
    await widget.evaluate(
      (element: Element & { joinRoom(jid: string, options: { password: string }): Promise<void> }, room) =>
        element.joinRoom(room, { password: "s3cret" }),
      locked,
    );
    await expect(bar).toHaveAttribute("data-status", "joined");
    await expect(widget.sendButton).toBeEnabled();

    await tab(members).click();
    await expect(bar).toHaveAttribute("data-status", "error");
    await expect(bar).toContainText(
      `${members} is for members only: ask its owner to make you a member, then join again.`,
    );

    await tab(banned).click();
    await expect(bar).toHaveAttribute("data-status", "error");
    await expect(bar).toContainText(`You are banned from ${banned}: only its owner or an admin can let you back in.`);

    await tab(closing).click();
    await expect(bar).toHaveAttribute("data-status", "joined");
    await closingRoom.destroy();
    await expect(bar).toHaveAttribute("data-status", "error");
    await expect(bar).toContainText(`${closing} was closed by its owner.`);

    const codes = (await widgetEvents(hostPage))
      .filter((event) => event.type === "xmppmini-error")
      .map((event) => event.detail.code);
    expect(codes).toContain("room-error");
    expect(hostPage.consoleErrors).toEqual([]);
  });

  test("a private message from an occupant opens its own conversation, and the answer goes back to that occupant", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    const room = roomOn(server.mucDomain);
    const ben = await enterRoom(await newBot({ prefix: "ben", streamManagement: false }), room, "ben");
    const alice = await newAccount("alice");
    const widget = await addWidget(hostPage, {
      jid: alice.jid,
      password: alice.password,
      service: server.service,
      rooms: room,
      nick: "alice",
    });
    await expect(widget.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
    await ben.whisper("alice", "just between us");
    const privateTab = widget.locator(`[part="conversations"] [data-peer="${room}/ben"]`);
    await expect(privateTab).toHaveText(/ben/);
    await privateTab.click();
    await expect(widget.locator('[part="room"]')).toHaveCount(0);
    await expect(widget.messages).toHaveText(["just between us"]);
    await widget.composer.fill("agreed");
    await widget.composer.press("Enter");
    await ben.waitFor(
      () =>
        ben.heard.some((message) => message.type === "chat" && message.nick === "alice" && message.body === "agreed"),
      "alice's private answer",
    );
    // The room itself heard nothing of it.
    expect(ben.heard.filter((message) => message.type === "groupchat").map((message) => message.body)).toEqual([]);
  });

  test("two tabs in a room: both show it, the second tab's message goes out once, and the room stays joined when the leader tab closes", async ({
    hostPage,
    context,
    site,
    server,
    newAccount,
    newBot,
  }) => {
    test.setTimeout(120_000);
    const room = roomOn(server.mucDomain);
    const ann = await enterRoom(await newBot({ prefix: "ann", streamManagement: false }), room, "ann");
    const alice = await newAccount("alice");
    const props = { jid: alice.jid, password: alice.password, service: server.service, rooms: room, nick: "alice" };
    const first = await addWidget(hostPage, props);
    await expect(first.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
    const other = await context.newPage();
    await other.goto(`${site.url}/host.html`);
    await hostReady(other);
    // The second tab names no room: it mirrors the first, and takes its rooms over with the connection.
    const second = await addWidget(other, { ...props, rooms: "" });
    await expect(second.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
    await expect(second.locator('[part="occupants-button"]')).toHaveText("2 in the room");

    await ann.say("to both tabs");
    for (const widget of [first, second]) await expect(widget.messages).toHaveText(["to both tabs"]);
    await second.composer.fill("from the second tab");
    await second.composer.press("Enter");
    await ann.waitFor(() => ann.heard.some((message) => message.nick === "alice"), "alice's message");
    for (const widget of [first, second]) {
      await expect(widget.locator("li.out [part='message']")).toHaveText(["from the second tab"]);
      await expect(widget.locator("li.out [part='delivery']")).toHaveText("Delivered");
    }

    await hostPage.close();
    await second.waitForStatus("online", { timeout: 30_000 });
    await ann.say("after the handover");
    await expect(second.messages).toHaveText(["to both tabs", "from the second tab", "after the handover"]);
    await expect(second.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
    expect(ann.heard.filter((message) => message.nick === "alice").map((message) => message.body)).toEqual([
      "from the second tab",
    ]);
  });

  test("a cut connection: over WebSocket the stream resumes and the widget is still in the room (no new join); over BOSH the room goes on", async ({
    hostPage,
    server,
    transport,
    newAccount,
    newBot,
  }) => {
    const proxy = await startFaultyProxy(server.httpPort);
    try {
      const room = roomOn(server.mucDomain);
      const ann = await enterRoom(await newBot({ prefix: "ann", streamManagement: false }), room, "ann");
      const alice = await newAccount("alice");
      const path = new URL(server.service).pathname;
      const service = `${transport === "bosh" ? proxy.url : proxy.url.replace("http", "ws")}${path}`;
      const widget = await addWidget(hostPage, {
        jid: alice.jid,
        password: alice.password,
        service,
        rooms: room,
        nick: "alice",
      });
      await expect(widget.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
      await ann.waitFor(() => ann.occupants.has("alice"), "alice in the room");
      await ann.say("before the cut");
      await expect(widget.messages).toHaveText(["before the cut"]);
      const joinsBefore = ann.presences.filter((presence) => presence.nick === "alice").length;

      proxy.cut();
      // A WebSocket goes down with the cut and comes back; BOSH's requests are simply sent again (the
      // session may live on), so there may be nothing to see but the messages going on.
      if (transport === "websocket") {
        await expect
          .poll(
            async () =>
              (await widgetEvents(hostPage)).filter(
                (event) => event.type === "xmppmini-status" && event.detail.status === "online",
              ).length,
            { timeout: 60_000 },
          )
          .toBe(2);
      }
      await widget.waitForStatus("online", { timeout: 60_000 });
      const resumed = (await widgetEvents(hostPage)).some(
        (event) => event.type === "xmppmini-status" && event.detail.resumed === true,
      );
      await expect(widget.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
      await ann.say("after the cut");
      await expect(widget.messages).toHaveText(["before the cut", "after the cut"]);
      await widget.composer.fill("still here");
      await widget.composer.press("Enter");
      await ann.waitFor(
        () => ann.heard.some((message) => message.nick === "alice" && message.body === "still here"),
        "alice after the cut",
        30_000,
      );
      if (transport === "websocket") {
        // XEP-0198: the session survived, so did the room membership: no leave, no second join.
        expect(resumed).toBe(true);
        expect(ann.presences.filter((presence) => presence.nick === "alice").length).toBe(joinsBefore);
      }
    } finally {
      await proxy.close();
    }
  });

  test("after a server restart the widget joins again by itself; nothing is shown twice", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    const room = roomOn(server.mucDomain);
    const ann = await enterRoom(await newBot({ prefix: "ann", streamManagement: false }), room, "ann");
    const alice = await newAccount("alice");
    const widget = await addWidget(hostPage, {
      jid: alice.jid,
      password: alice.password,
      service: server.service,
      rooms: room,
      nick: "alice",
    });
    await expect(widget.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
    await ann.say("before the restart");
    await expect(widget.messages).toHaveText(["before the restart"]);

    await server.restart();
    // The bots were cut off with everyone; a new one comes back into the (persistent) room.
    const again = await enterRoom(await newBot({ prefix: "ann", streamManagement: false }), room, "ann");
    await widget.waitForStatus("online", { timeout: 30_000 });
    await expect(widget.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
    await again.waitFor(() => again.occupants.has("alice"), "alice back in the room", 30_000);
    await again.say("after the restart");
    await expect(widget.messages).toHaveText(["before the restart", "after the restart"]);
    await widget.composer.fill("I am back");
    await widget.composer.press("Enter");
    await again.waitFor(
      () => again.heard.some((message) => message.nick === "alice" && message.body === "I am back"),
      "alice's message after the restart",
    );
  });
});
