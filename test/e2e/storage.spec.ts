import { test, expect, reloadHost } from "./fixtures.js";

// Private modes and blocked third-party storage: IndexedDB cannot be opened.
test.describe("without IndexedDB", () => {
  test("the chat works from memory and says that nothing will be kept", async ({ hostPage, signIn, newBot }) => {
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
    await reloadHost(hostPage);
    const bot = await newBot({
      onMessage: (message, self) => void self.send(message.from.split("/")[0]!, `re: ${message.body}`),
    });
    const { widget } = await signIn({ props: { peer: bot.bareJid } });
    const notice = widget.locator('[part="notice"]');
    await expect(notice).toHaveAttribute("data-code", "storage-unavailable");
    await expect(notice).toContainText("gone after a reload");

    await widget.send("still works");
    await expect(widget.messages).toHaveText(["still works", "re: still works"]);
    await expect(widget.deliveries()).toHaveAttribute("data-state", "delivered");
    // The notice stays while online (it is no connection error), and is reported once.
    await expect(notice).toBeVisible();
    const storageErrors = (await widget.events()).filter(
      (event) => event.type === "xmppmini-error" && event.detail.code === "storage-unavailable",
    );
    expect(storageErrors).toHaveLength(1);
    // Nothing was thrown into the host page (the strict CSP's refusals of address lookups are expected).
    expect(hostPage.consoleErrors.filter((text) => !text.includes("Content Security Policy"))).toEqual([]);
  });
});
