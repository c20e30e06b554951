import { test, expect, addWidget, widgetEvents } from "./fixtures.js";

// Private modes and blocked third-party storage: IndexedDB cannot be opened.
test.describe("without IndexedDB", () => {
  test("the chat works from memory and says that nothing will be kept", async ({ hostPage, server, newAccount, newBot }) => {
    await hostPage.addInitScript(() => {
      Object.defineProperty(window, "indexedDB", {
        configurable: true,
        get() {
          return {
            open() {
              throw new DOMException("The user denied permission to access the database.", "SecurityError");
            },
          };
        },
      });
    });
    await hostPage.reload();
    await hostPage.waitForFunction(() => customElements.get("xmppmini-chat") !== undefined);
    const alice = await newAccount("alice");
    const bot = await newBot({ onMessage: (message, self) => void self.send(message.from.split("/")[0]!, `re: ${message.body}`) });
    const widget = await addWidget(hostPage, { jid: alice.jid, password: alice.password, service: server.service, peer: bot.bareJid });
    await expect(widget).toHaveAttribute("status", "online");
    const notice = widget.locator('[part="notice"]');
    await expect(notice).toHaveAttribute("data-code", "storage-unavailable");
    await expect(notice).toContainText("gone after a reload");

    const input = widget.locator('[part="input"]');
    await input.fill("still works");
    await input.press("Enter");
    await expect(widget.locator('[part="message"]')).toHaveText(["still works", "re: still works"]);
    await expect(widget.locator("li.out [part='delivery']")).toHaveAttribute("data-state", "delivered");
    // The notice stays while online (it is no connection error), and is reported once.
    await expect(notice).toBeVisible();
    const storageErrors = (await widgetEvents(hostPage)).filter((event) => event.type === "xmppmini-error" && event.detail.code === "storage-unavailable");
    expect(storageErrors).toHaveLength(1);
    // Nothing was thrown into the host page (the strict CSP's refusals of address lookups are expected).
    expect(hostPage.consoleErrors.filter((text) => !text.includes("Content Security Policy"))).toEqual([]);
  });
});
