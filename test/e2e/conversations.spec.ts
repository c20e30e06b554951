import type { Page } from "@playwright/test";
import { test, expect, addWidget, reloadHost, hostReady } from "./fixtures.js";

const badge = (widget: ReturnType<Page["locator"]>, peer: string) =>
  widget.locator(`[role="tab"][data-peer="${peer}"] [part="unread"]`);

// Per conversation: how far it was read and what was left unsent, the same in every tab and after a reload.
test.describe("conversation state", () => {
  test.setTimeout(120_000);

  test("unread counts are shared by the tabs and survive a reload; reading in one tab clears them in all", async ({
    hostPage,
    context,
    site,
    server,
    newAccount,
    newBot,
  }) => {
    const alice = await newAccount("alice");
    const bob = await newBot({ prefix: "bob" });
    const carol = await newBot({ prefix: "carol" });
    const props = { jid: alice.jid, password: alice.password, service: server.service, peer: bob.bareJid };
    const first = await addWidget(hostPage, props);
    await first.waitForStatus("online");
    const other: Page = await context.newPage();
    await other.goto(`${site.url}/host.html`);
    await hostReady(other);
    const second = await addWidget(other, props);
    await second.waitForStatus("online");

    // Both tabs show Bob; Carol writes twice: unread in both.
    await carol.send(alice.jid, "carol one");
    await carol.send(alice.jid, "carol two");
    for (const widget of [first, second]) await expect(badge(widget, carol.bareJid)).toHaveText("2");
    await bob.send(alice.jid, "bob in view");
    for (const widget of [first, second]) await expect(widget.messages.last()).toHaveText("bob in view");
    await expect(first.locator(`[role="tab"][data-peer="${bob.bareJid}"] [part="unread"]`)).toHaveCount(0);

    // Still unread after a reload of the first tab.
    await reloadHost(hostPage);
    const reloaded = await addWidget(hostPage, props);
    await reloaded.waitForStatus("online");
    await expect(badge(reloaded, carol.bareJid)).toHaveText("2");

    // Read in the second tab: gone in both, and stays gone after another reload.
    await second.locator(`[role="tab"][data-peer="${carol.bareJid}"]`).click();
    await expect(second.messages).toHaveText(["carol one", "carol two"]);
    for (const widget of [reloaded, second]) await expect(badge(widget, carol.bareJid)).toHaveCount(0);
    await carol.send(alice.jid, "carol three");
    // The second tab shows Carol now: read there at once. The first shows Bob, but reading anywhere counts.
    await expect(second.messages.last()).toHaveText("carol three");
    await expect(reloaded.locator(`[role="tab"][data-peer="${carol.bareJid}"]`)).toBeVisible();
    await expect(badge(reloaded, carol.bareJid)).toHaveCount(0);
    await reloadHost(hostPage);
    const again = await addWidget(hostPage, props);
    await expect(again.messages.last()).toHaveText("bob in view");
    await expect(again.locator(`[role="tab"][data-peer="${carol.bareJid}"]`)).toBeVisible();
    await expect(badge(again, carol.bareJid)).toHaveCount(0);
  });

  test("a draft stays with its conversation and survives a reload", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    const alice = await newAccount("alice");
    const bob = await newBot({ prefix: "bob" });
    const carol = await newBot({ prefix: "carol" });
    const props = { jid: alice.jid, password: alice.password, service: server.service, peer: bob.bareJid };
    let widget = await addWidget(hostPage, props);
    await widget.waitForStatus("online");
    await carol.send(alice.jid, "hello from carol");
    await expect(widget.locator(`[role="tab"][data-peer="${carol.bareJid}"]`)).toBeVisible();

    const input = widget.composer;
    await input.pressSequentially("half a thought");
    await widget.locator(`[role="tab"][data-peer="${carol.bareJid}"]`).click();
    await expect(input).toHaveValue("");
    await input.pressSequentially("for carol");
    await widget.locator(`[role="tab"][data-peer="${bob.bareJid}"]`).click();
    await expect(input).toHaveValue("half a thought");

    await reloadHost(hostPage);
    widget = await addWidget(hostPage, props);
    await widget.waitForStatus("online");
    await expect(widget.composer).toHaveValue("half a thought");
    await widget.locator(`[role="tab"][data-peer="${carol.bareJid}"]`).click();
    await expect(widget.composer).toHaveValue("for carol");
    // Sent: the draft is gone.
    await widget.composer.press("Enter");
    await carol.waitFor((messages) => messages.length >= 1);
    await expect(widget.composer).toHaveValue("");
    await reloadHost(hostPage);
    widget = await addWidget(hostPage, props);
    await widget.locator(`[role="tab"][data-peer="${carol.bareJid}"]`).click();
    await expect(widget.composer).toHaveValue("");
  });

  test('with notify="title", the page title counts unread messages and is restored once they are read', async ({
    hostPage,
    newBot,
    signIn,
  }) => {
    const bob = await newBot({ prefix: "bob" });
    const carol = await newBot({ prefix: "carol" });
    const { alice, widget } = await signIn({ props: { peer: bob.bareJid, notify: "title" } });
    await expect(hostPage).toHaveTitle("Host page");
    await carol.send(alice.jid, "one");
    await carol.send(alice.jid, "two");
    await expect(hostPage).toHaveTitle("(2) Host page");
    // Bob's conversation is the one shown: his message is read at once and not counted.
    await bob.send(alice.jid, "in view");
    await expect(widget.messages.last()).toHaveText("in view");
    await expect(hostPage).toHaveTitle("(2) Host page");
    await widget.locator(`[role="tab"][data-peer="${carol.bareJid}"]`).click();
    await expect(hostPage).toHaveTitle("Host page");
  });

  test('with notify="sound system", a message out of view plays a tone and, while the page is hidden, shows a system notification', async ({
    browser,
    site,
    server,
    newAccount,
    newBot,
  }) => {
    const alice = await newAccount("alice");
    const bob = await newBot({ prefix: "bob" });
    const carol = await newBot({ prefix: "carol" });
    // Permission granted up front (headless Chromium has no prompt to answer); the page's Notification and
    // AudioContext are watched, not replaced: the real ones run.
    const context = await browser.newContext({ permissions: ["notifications"] });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const shown: Array<{ title: string; body?: string; tag?: string }> = [];
      const tones: number[] = [];
      const Real = window.Notification;
      class Watched extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push({
            title,
            ...(options?.body !== undefined && { body: options.body }),
            ...(options?.tag !== undefined && { tag: options.tag }),
          });
        }
      }
      Object.defineProperty(window, "Notification", { value: Watched, configurable: true, writable: true });
      const start = OscillatorNode.prototype.start;
      OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
        tones.push(this.frequency.value);
        return start.call(this, when);
      };
      Object.assign(window, { watched: { shown, tones } });
    });
    await page.goto(`${site.url}/host.html`);
    await hostReady(page);
    const widget = await addWidget(page, {
      jid: alice.jid,
      password: alice.password,
      service: server.service,
      peer: bob.bareJid,
      notify: "sound system",
    });
    await widget.waitForStatus("online");
    const watched = () =>
      page.evaluate(() => (window as unknown as { watched: { shown: unknown[]; tones: number[] } }).watched);

    // In view: neither.
    await bob.send(alice.jid, "seen at once");
    await expect(widget.messages.last()).toHaveText("seen at once");
    // Another conversation, page visible: a tone, no system notification.
    await carol.send(alice.jid, "hello from carol");
    await expect.poll(async () => (await watched()).tones.length).toBe(1);
    expect((await watched()).shown).toEqual([]);
    // The page hidden (as when the person switched tabs): a tone and a system notification.
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { get: () => "hidden", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    await bob.send(alice.jid, "are you there? <b>hello</b>");
    await expect
      .poll(async () => (await watched()).shown)
      .toEqual([
        {
          title: `New message from ${bob.bareJid}`,
          body: "are you there? <b>hello</b>",
          tag: `xmppmini-chat:${bob.bareJid}`,
        },
      ]);
    expect((await watched()).tones).toEqual([880, 880]);
    await context.close();
  });
});
