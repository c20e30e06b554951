import { mkdirSync } from "node:fs";
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

  test("the page's styles on the element's box move neither the launcher nor the open panel, on a phone and a desktop", async ({
    hostPage,
    signIn,
    newBot,
  }) => {
    mkdirSync("test-artifacts", { recursive: true });
    const bot = await newBot();
    // What an embedded widget's page might leave on the element when it switches to the overlay: a
    // viewport-high block with margins, padding, a border and a relative offset. (A constructed sheet:
    // the host page's policy refuses inline styles.)
    await hostPage.evaluate(() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(`xmppmini-chat {
        display: block; position: relative; top: -40vh; height: 100vh; width: 60vw;
        margin: 30vh 20px 0; padding: 24px; border: 6px solid; overflow: hidden; background: #fde68a;
      }`);
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    });
    const { widget } = await signIn({ props: { mode: "overlay", peer: bot.bareJid } });
    const launcher = widget.locator('[part="launcher"]');
    const panel = widget.locator('[part="base"]');
    // Each edge's distance from the viewport's: left, top, right, bottom.
    const gaps = async (part: typeof panel, width: number, height: number) => {
      const box = (await part.boundingBox())!;
      return [box.x, box.y, width - (box.x + box.width), height - (box.y + box.height)].map(Math.round);
    };
    for (const [width, height] of [
      [375, 667],
      [1280, 800],
    ] as const) {
      await hostPage.setViewportSize({ width, height });
      // Closed: the launcher in its corner, 16 px from the right and the bottom, 56 px wide.
      await expect(panel).toBeHidden();
      await expect.poll(() => gaps(launcher, width, height)).toEqual([width - 72, height - 72, 16, 16]);
      await hostPage.screenshot({ path: `test-artifacts/overlay-host-styles-closed-${width}.png` });
      await launcher.click();
      await expect(panel).toBeVisible();
      if (width < 480) {
        // A phone: the panel covers the screen.
        await expect.poll(() => gaps(panel, width, height)).toEqual([0, 0, 0, 0]);
      } else {
        // Above the launcher (56 px and a 12-px gap), 380 px wide, 560 px high.
        await expect.poll(() => gaps(panel, width, height)).toEqual([width - 396, height - 644, 16, 84]);
        await expect.poll(() => gaps(launcher, width, height)).toEqual([width - 72, height - 72, 16, 16]);
      }
      // What is drawn there is the widget's: nothing of the page covers it, and it answers clicks.
      await expect(widget.composer).toBeEditable();
      await widget.composer.click();
      await hostPage.screenshot({ path: `test-artifacts/overlay-host-styles-open-${width}.png` });
      await widget.evaluate((element: HTMLElement & { toggle(force?: boolean): void }) => element.toggle(false));
    }
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
