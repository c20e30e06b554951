import { test, expect, addWidget, widgetEvents } from "./fixtures.js";

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
});
