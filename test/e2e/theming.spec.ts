import { test, expect } from "./fixtures.js";

// What a site changes without touching the widget's code: custom properties for the overlay's place and
// size, and slots for the header's title and the empty conversation's text.
test.describe("theming", () => {
  test("custom properties place and size the launcher and the panel; slots replace the title and the empty text", async ({
    hostPage,
    signIn,
    newBot,
  }) => {
    await hostPage.setViewportSize({ width: 1280, height: 800 });
    const bot = await newBot();
    const { alice, widget } = await signIn({ props: { mode: "overlay", peer: bot.bareJid } });
    await widget.evaluate((element) => {
      for (const [name, value] of Object.entries({
        "--xmppmini-launcher-size": "72px",
        "--xmppmini-offset-x": "40px",
        "--xmppmini-offset-y": "24px",
        "--xmppmini-panel-width": "300px",
        "--xmppmini-z-index": "7",
      }))
        element.style.setProperty(name, value);
      const title = document.createElement("span");
      title.slot = "title";
      title.textContent = "Acme Tea support";
      const empty = document.createElement("span");
      empty.slot = "empty";
      empty.textContent = "Ask us anything, we answer within the hour.";
      element.append(title, empty);
    });
    const launcher = widget.locator('[part="launcher"]');
    await expect
      .poll(async () => {
        const box = (await launcher.boundingBox())!;
        return [box.width, box.height, 1280 - (box.x + box.width), 800 - (box.y + box.height)].map(Math.round);
      })
      .toEqual([72, 72, 40, 24]);
    expect(await widget.evaluate((element) => getComputedStyle(element).zIndex)).toBe("7");

    await launcher.click();
    const panel = widget.locator('[part="base"]');
    await expect(panel).toBeVisible();
    expect(Math.round((await panel.boundingBox())!.width)).toBe(300);
    // Slotted, the page's text is shown in place of the widget's own (which stays in the DOM, unrendered).
    await expect(widget.getByText("Acme Tea support")).toBeVisible();
    await expect(widget.locator('[part="header"]').getByText(bot.bareJid)).toBeHidden();
    await expect(widget.getByText("Ask us anything, we answer within the hour.")).toBeVisible();
    await expect(widget.getByText("No messages yet. Say hello!")).toBeHidden();
    // The slotted text is the page's own: shown, and gone with the first message.
    await bot.send(alice.jid, "hello");
    await expect(widget.incoming.last()).toHaveText("hello");
    await expect(widget.getByText("Ask us anything, we answer within the hour.")).toBeHidden();
  });

  test("in a right-to-left page the layout mirrors: our messages and the send button at the left, the peer's at the right", async ({
    hostPage,
    signIn,
    newBot,
  }) => {
    await hostPage.evaluate(() => {
      document.documentElement.dir = "rtl";
      document.documentElement.lang = "ar";
    });
    const bot = await newBot();
    const { alice, widget } = await signIn({ props: { peer: bot.bareJid } });
    await bot.send(alice.jid, "مرحبا");
    await widget.expectMessage("مرحبا", { direction: "in" });
    await widget.send("hello");
    await widget.expectMessage("hello", { direction: "out" });
    const incoming = (await widget.incoming.last().boundingBox())!;
    const outgoing = (await widget.outgoing.last().boundingBox())!;
    const input = (await widget.composer.boundingBox())!;
    const send = (await widget.sendButton.boundingBox())!;
    // Mirrored: ours at the inline end (the left), the peer's at the inline start (the right).
    expect(outgoing.x).toBeLessThan(incoming.x);
    expect(outgoing.x + outgoing.width).toBeLessThan(incoming.x + incoming.width);
    expect(send.x + send.width).toBeLessThanOrEqual(input.x + 1);
  });
});
