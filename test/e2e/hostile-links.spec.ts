import { randomBytes } from "node:crypto";
import { test, expect } from "./fixtures.js";
import { enterRoom } from "./room-bot.js";

// What a peer's message may make the widget do by a link: a `?join` asks the person first.
test.describe("xmpp: links in a peer's message", () => {
  test("a ?join link asks before joining; Cancel leaves the room alone, Join joins", async ({
    hostPage,
    server,
    newBot,
    signIn,
  }) => {
    const room = `lure-${randomBytes(4).toString("hex")}@${server.mucDomain}`;
    const mallory = await newBot({ prefix: "mallory", streamManagement: false });
    const inRoom = await enterRoom(mallory, room, "mallory");
    const { alice, widget } = await signIn({ props: { peer: mallory.bareJid, nick: "alice" } });

    await mallory.send(alice.jid, `free tea: xmpp:${room}?join`);
    const link = widget.locator('[part="message"][data-direction="in"] a');
    await expect(link).toHaveAttribute("href", `xmpp:${room}?join`);
    // The host page's own listener (as a site with a protocol handler would have) sees it handled.
    await hostPage.evaluate(() =>
      document.addEventListener("click", (event) => {
        document.body.dataset.prevented = String(event.defaultPrevented);
        event.preventDefault(); // never hand an xmpp: URI to the system from a test
      }),
    );

    await link.click();
    const prompt = widget.locator('[part="join-prompt"]');
    await expect(prompt).toContainText(`join the room ${room}`);
    await expect(hostPage.locator("body")).toHaveAttribute("data-prevented", "true");
    await expect(widget.locator('[part="room"]')).toHaveCount(0);
    await prompt.locator('[part="join-cancel"]').click();
    await expect(prompt).toHaveCount(0);
    await expect(widget.locator("header .name")).toHaveText(mallory.bareJid);

    await link.click();
    await prompt.locator('[part="join-confirm"]').click();
    await expect(widget.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
    await expect(widget.locator("header .name")).toHaveText(room);
    await inRoom.waitFor(
      () => inRoom.presences.some((presence) => presence.nick === "alice" && presence.available),
      "alice's join",
    );
    // Joined once: Cancel sent nothing to the room.
    expect(inRoom.presences.filter((presence) => presence.nick === "alice")).toEqual([
      { nick: "alice", available: true },
    ]);
  });
});
