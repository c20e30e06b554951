import { test, expect, addWidget, pageBackToStart, widgetEvents } from "./fixtures.js";

test.describe("history in IndexedDB", () => {
  test("survives a reload: shown once, in order, with what arrived while the page was away", async ({ hostPage, server, newAccount, newBot }) => {
    const alice = await newAccount("alice");
    const bot = await newBot({ onMessage: (message, self) => void self.send(message.from.split("/")[0]!, `re: ${message.body}`) });
    const props = { jid: alice.jid, password: alice.password, service: server.service, peer: bot.bareJid };
    let widget = await addWidget(hostPage, props);
    await expect(widget).toHaveAttribute("status", "online");
    const input = widget.locator('[part="input"]');
    for (const text of ["first", "second"]) {
      await input.fill(text);
      await input.press("Enter");
      await expect(widget.locator('[part="message"][data-direction="in"]').last()).toHaveText(`re: ${text}`);
    }
    const before = await widget.locator('[part="message"]').allTextContents();
    expect(before).toEqual(["first", "re: first", "second", "re: second"]);

    // The page signs out and goes away; the bot writes meanwhile (the server keeps it offline); the page
    // comes back. (A message sent into a session that is still closing is lost without stream management
    // or archive catch-up: issue 5's work, not this test's.)
    await widget.evaluate((element: HTMLElement & { disconnect(): Promise<void> }) => element.disconnect());
    await hostPage.reload();
    await hostPage.waitForFunction(() => customElements.get("xmppmini-chat") !== undefined);
    await bot.send(alice.jid, "while you were away");

    widget = await addWidget(hostPage, props);
    await expect(widget).toHaveAttribute("status", "online");
    const messages = widget.locator('[part="message"]');
    await expect(messages).toHaveText([...before, "while you were away"]);
    // History is shown, not announced again; only the new message fires an event.
    const announced = (await widgetEvents(hostPage)).filter((event) => event.type === "xmppmini-message").map((event) => event.detail.body);
    expect(announced).toEqual(["while you were away"]);
  });

  test("more than a reload shows: reloads keep every message once, in order, the newest last", async ({ hostPage, server, newAccount, newBot }) => {
    test.setTimeout(120_000);
    const alice = await newAccount("alice");
    const bot = await newBot();
    const props = { jid: alice.jid, password: alice.password, service: server.service, peer: bot.bareJid };
    let widget = await addWidget(hostPage, props);
    await expect(widget).toHaveAttribute("status", "online");
    // More than the 500 a page shows of a conversation at first: after a reload the catch-up reads the
    // archive from before the burst, and the oldest of it must not come back as new (it once did, and went
    // in after the newest: the next reload then showed an old message last).
    const texts = Array.from({ length: 600 }, (_, index) => `m-${String(index).padStart(3, "0")}`);
    // The sign-in's catch-up is done first (the archive is empty then): the next page's reads it all again.
    await hostPage.waitForTimeout(1500);
    for (const text of texts) void bot.send(alice.jid, text);
    await expect(widget.locator('[part="message"]').last()).toHaveText("m-599", { timeout: 60_000 });
    for (let reload = 0; reload < 2; reload += 1) {
      await hostPage.waitForTimeout(1500);
      // Reloaded without signing out: the next page resumes the stream and catches up from the archive.
      await hostPage.reload();
      await hostPage.waitForFunction(() => customElements.get("xmppmini-chat") !== undefined);
      widget = await addWidget(hostPage, props);
      await expect(widget).toHaveAttribute("status", "online");
      await expect(widget.locator('[part="message"]').last()).toHaveText("m-599", { timeout: 30_000 });
      // What a catch-up takes comes in while the page shows: give it the time, then look again.
      await hostPage.waitForTimeout(1500);
      const tail = await widget.locator('[part="message"]').allTextContents();
      expect(tail.slice(-30)).toEqual(texts.slice(-30));
      const announced = (await widgetEvents(hostPage)).filter((event) => event.type === "xmppmini-message").map((event) => event.detail.body);
      expect(announced).toEqual([]);
    }
  });

  test("older messages come page by page from the server's archive, in order, once, down to the start", async ({ hostPage, browser, site, server, newAccount, newBot }) => {
    test.setTimeout(120_000);
    const alice = await newAccount("alice");
    const bot = await newBot();
    const props = { jid: alice.jid, password: alice.password, service: server.service, peer: bot.bareJid };
    // Alice receives 120 messages in one browser...
    const first = await addWidget(hostPage, props);
    await expect(first).toHaveAttribute("status", "online");
    const texts = Array.from({ length: 120 }, (_, index) => `old-${String(index).padStart(3, "0")}`);
    for (const text of texts) await bot.send(alice.jid, text, { id: text });
    await expect(first.locator('[part="message"]')).toHaveCount(120);
    await first.evaluate((element: HTMLElement & { disconnect(): Promise<void> }) => element.disconnect());
    // A sign-in reads messages from the second before it as missed (archive stamps may have whole seconds),
    // not as history: let the burst be older than that, so the first page is all history.
    await hostPage.waitForTimeout(2000);

    // ...and signs in on another that has never seen her: the newest page first, then older ones on request.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}/host.html`);
    await page.waitForFunction(() => customElements.get("xmppmini-chat") !== undefined);
    const widget = await addWidget(page, props);
    await expect(widget).toHaveAttribute("status", "online");
    const shown = widget.locator('[part="message"]');
    await expect(shown).toHaveCount(50);
    expect(await shown.allTextContents()).toEqual(texts.slice(70));
    // Scrolling to the top or the button asks for the page before: each time the list is a longer tail.
    await pageBackToStart(widget, texts, 5);
    // History pages are not announced as new messages. (ejabberd over BOSH may also deliver the last
    // messages of the first browser's session again, as offline messages: those are announced, and still
    // shown once, in place.)
    const announced = (await widgetEvents(page)).filter((event) => event.type === "xmppmini-message");
    expect(announced.length).toBeLessThan(50);
    await context.close();
  });
});
