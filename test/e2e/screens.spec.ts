import { mkdirSync, readFileSync } from "node:fs";
import type { Browser, Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { test, expect, addWidget, hostReady } from "./fixtures.js";

// Screenshots of both modes in light and dark, on a desktop and a 375-px phone, written for a person to
// look at (test-artifacts/screenshots/); the assertions check what the pictures are meant to show, and
// axe-core finds no accessibility violation in any of them.
const DIR = "test-artifacts/screenshots";
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 667 };

type Scheme = "light" | "dark";

test.describe("screenshots", () => {
  test.setTimeout(180_000);

  test("overlay and embedded, light and dark, desktop and phone", async ({
    browser,
    site,
    server,
    newAccount,
    newBot,
  }) => {
    mkdirSync(DIR, { recursive: true });
    const alice = await newAccount("alice");
    const bob = await newBot({ prefix: "bob" });
    const carol = await newBot({ prefix: "carol" });
    await bob.send(alice.jid, "Hello! *Welcome* to the _support_ chat. How can we help?");
    await bob.send(
      alice.jid,
      "> my order has not arrived\nSorry to hear that: send the `order number` and see https://example.org/help",
    );
    const props = { jid: alice.jid, password: alice.password, service: server.service, peer: bob.bareJid };
    // Older than the second before a sign-in, they are history (read) for every fresh browser below. (A wait
    // on the clock itself: what it waits for is time passing.)
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const open = async (viewport: typeof DESKTOP, colorScheme: Scheme, mode: "overlay" | "embedded") => {
      const page = await newPage(browser, site.url, viewport, colorScheme);
      if (mode === "embedded")
        await page.evaluate(() =>
          Object.assign(document.getElementById("slot")!.style, { height: "520px", width: "auto", maxWidth: "420px" }),
        );
      const widget = await addWidget(page, { ...props, mode });
      await widget.waitForStatus("online");
      // Bob's two, and Alice's answers from the browsers before.
      await expect.poll(() => widget.messages.count()).toBeGreaterThanOrEqual(2);
      await bob.sendPresence(alice.jid, { show: "chat", status: "Support team: we answer within minutes" });
      await expect(widget.locator('[part="presence"]')).toContainText("Available to chat");
      return { page, widget };
    };

    for (const colorScheme of ["light", "dark"] as const) {
      for (const [device, viewport] of [
        ["desktop", DESKTOP],
        ["phone", PHONE],
      ] as const) {
        const { page, widget } = await open(viewport, colorScheme, "overlay");
        // Closed: the launcher, with Carol's new message counted on it.
        await carol.send(alice.jid, `A question from Carol (${colorScheme}, ${device})`);
        await expect(widget.locator('[part="launcher-badge"]')).toHaveText("1");
        await expect(widget.locator("#panel")).toBeHidden();
        await page.screenshot({ path: `${DIR}/overlay-closed-${colorScheme}-${device}.png` });
        await expectAccessible(page);

        await widget.locator('[part="launcher"]').click();
        await expect(widget.locator("#panel")).toBeVisible();
        await widget.composer.fill("**Thanks**, here it is:\n- order 1234\n- see [the docs](https://example.org/docs)");
        await widget.composer.press("Enter");
        await expect(widget.locator('li.out [part="delivery"]').last()).toHaveAttribute("data-state", "delivered");
        await expect(widget.locator('li.out [part="message"] strong').last()).toHaveText("**Thanks**");
        // Correct it (↑ in the empty composer), and Bob starts typing an answer.
        await widget.composer.press("ArrowUp");
        await widget.composer.fill("**Thanks**, here it is:\n- order 1235\n- see [the docs](https://example.org/docs)");
        await widget.composer.press("Enter");
        await expect(widget.locator('li.out [part="message"]').last()).toContainText("order 1235");
        await expect(widget.locator('[part="edited"]').last()).toBeVisible();
        await bob.sendChatState(alice.jid, "composing");
        await expect(widget.locator('[part="typing"]')).toBeVisible();
        const box = await widget.locator("#panel").boundingBox();
        // On a phone the open panel takes the whole screen.
        if (device === "phone") expect(box).toMatchObject({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
        else expect(box!.width).toBeLessThanOrEqual(380);
        expect(await backgroundOf(widget.locator("#panel"))).toBe(
          colorScheme === "dark" ? "rgb(17, 24, 39)" : "rgb(255, 255, 255)",
        );
        await page.screenshot({ path: `${DIR}/overlay-open-${colorScheme}-${device}.png` });
        await expectAccessible(page);
        await page.context().close();

        const embedded = await open(viewport, colorScheme, "embedded");
        const frame = await embedded.widget.locator("#panel").boundingBox();
        expect(frame!.height).toBeGreaterThan(500);
        // It fits its box, which on a phone is narrower than the viewport.
        expect(frame!.x + frame!.width).toBeLessThanOrEqual(viewport.width);
        await expect(embedded.widget.locator('[part="launcher"]')).toHaveCount(0);
        await embedded.page.screenshot({ path: `${DIR}/embedded-${colorScheme}-${device}.png` });
        await expectAccessible(embedded.page);
        await embedded.page.context().close();
      }
    }

    // A right-to-left page: the layout mirrors (ours on the left, the peer's on the right), nothing breaks.
    const rtl = await newPage(browser, site.url, DESKTOP, "light");
    await rtl.evaluate(() => {
      document.documentElement.dir = "rtl";
      Object.assign(document.getElementById("slot")!.style, { height: "520px", width: "auto", maxWidth: "420px" });
    });
    const widget = await addWidget(rtl, { ...props, mode: "embedded" });
    await widget.waitForStatus("online");
    const frame = (await widget.locator("#panel").boundingBox())!;
    const ours = (await widget.outgoing.last().boundingBox())!;
    const theirs = (await widget.incoming.first().boundingBox())!;
    expect(ours.x - frame.x).toBeLessThan(frame.width / 4);
    expect(theirs.x + theirs.width).toBeGreaterThan(frame.x + (frame.width * 3) / 4);
    expect(frame.x + frame.width).toBeLessThanOrEqual(DESKTOP.width);
    await rtl.screenshot({ path: `${DIR}/embedded-rtl-light-desktop.png` });
    await expectAccessible(rtl);
    await rtl.context().close();
  });
});

test.describe("screenshots of a support desk", () => {
  test.setTimeout(120_000);

  test("the welcome and the closed desk's notice, light and dark, desktop and phone", async ({
    browser,
    site,
    server,
    newAccount,
    newBot,
  }) => {
    mkdirSync(DIR, { recursive: true });
    const visitor = await newAccount("visitor");
    const desk = await newBot({ prefix: "desk" });
    // Closed until tomorrow (UTC) 09:00, whatever the time of the run.
    const tomorrow = new Date(Date.now() + 86_400_000).getUTCDay();
    const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][tomorrow];
    const props = {
      jid: visitor.jid,
      password: visitor.password,
      service: server.service,
      peer: desk.bareJid,
      mode: "embedded",
      welcome: "Welcome to Acme Tea! Ask us anything about our teas or your order.",
      awayMessage: "Nobody from the shop is here right now. Leave your question: we answer within a day.",
      officeHours: `${day} 09:00-17:00 UTC`,
    };
    for (const colorScheme of ["light", "dark"] as const) {
      for (const [device, viewport] of [
        ["desktop", DESKTOP],
        ["phone", PHONE],
      ] as const) {
        const page = await newPage(browser, site.url, viewport, colorScheme);
        await page.evaluate(() =>
          Object.assign(document.getElementById("slot")!.style, { height: "520px", width: "auto", maxWidth: "420px" }),
        );
        const widget = await addWidget(page, props);
        await widget.waitForStatus("online");
        await expect(widget.locator('[part="welcome"]')).toBeVisible();
        await expect(widget.locator('[part="availability"]')).toHaveAttribute("data-state", "closed");
        await expect(widget.locator('[part="save"]')).toBeVisible();
        await page.screenshot({ path: `${DIR}/support-desk-${colorScheme}-${device}.png` });
        await expectAccessible(page);
        await page.context().close();
      }
    }
    await desk.stop();
  });
});

test.describe("screenshots of names, a voice message and a call", () => {
  test.setTimeout(120_000);

  test("a named peer with its picture, a voice message and a ringing call, light and dark, desktop and phone", async ({
    browser,
    site,
    server,
    newAccount,
    newBot,
  }) => {
    mkdirSync(DIR, { recursive: true });
    const visitor = await newAccount("visitor");
    const desk = await newBot({ prefix: "desk", streamManagement: false });
    await desk.setVcard({ name: "Acme Tea support" });
    await desk.publishAvatar(readFileSync("test/e2e/pages/tea.png"));
    const stored = await fetch(`${site.url}/api/upload?name=voice-message.ogg&type=audio/ogg`, {
      method: "POST",
      body: Buffer.alloc(2048),
    });
    const clip = new URL(((await stored.json()) as { path: string }).path, site.url).href;
    await desk.send(visitor.jid, "Hello! Here is how to brew our Darjeeling.");
    await desk.sendFile(visitor.jid, { url: clip, name: "voice-message.ogg", mime: "audio/ogg", length: 14_000 });
    // It rings for a minute: longer than the four pictures take.
    await desk.sendCallInvite(visitor.jid, `${site.url}/call.html?room=screens`);
    const props = { jid: visitor.jid, password: visitor.password, service: server.service, peer: desk.bareJid };
    for (const colorScheme of ["light", "dark"] as const) {
      for (const [device, viewport] of [
        ["desktop", DESKTOP],
        ["phone", PHONE],
      ] as const) {
        const page = await newPage(browser, site.url, viewport, colorScheme);
        await page.evaluate(() =>
          Object.assign(document.getElementById("slot")!.style, { height: "560px", width: "auto", maxWidth: "420px" }),
        );
        const widget = await addWidget(page, { ...props, mode: "embedded", callUrl: "/call.html?room={room}" });
        await widget.waitForStatus("online");
        await expect(widget.locator('[part="header"] .name')).toContainText("Acme Tea support");
        await expect(widget.locator('[part="header"] img[part="avatar"]')).toBeVisible();
        await expect(widget.locator('[part="audio"]')).toBeVisible();
        await expect(widget.locator('[part="call-card"][data-state="ringing"]')).toBeVisible();
        await expect(widget.locator('[part="call"]')).toBeVisible();
        await page.screenshot({ path: `${DIR}/names-media-${colorScheme}-${device}.png` });
        await expectAccessible(page);
        await page.context().close();
      }
    }
  });
});

async function newPage(
  browser: Browser,
  siteUrl: string,
  viewport: typeof DESKTOP,
  colorScheme: Scheme,
): Promise<Page> {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  await page.goto(`${siteUrl}/host.html`);
  await hostReady(page);
  return page;
}

function backgroundOf(locator: ReturnType<Page["locator"]>): Promise<string> {
  return locator.evaluate((element) => getComputedStyle(element).backgroundColor);
}

/** axe-core over the widget (its shadow root included), WCAG 2.1 A and AA: no violation at all. */
async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page })
    .include("xmppmini-chat")
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const found = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.nodes.map((node) => `${node.target.join(" ")} (${node.failureSummary ?? ""})`).join(", ")}`,
  );
  expect(found).toEqual([]);
}
