import { test, expect, addWidget, hostReady } from "./fixtures.js";
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { UPLOAD_LIMIT_BYTES } from "../../scripts/lib/prosody.mjs";

const NS_OOB = "jabber:x:oob";

/** Slows the page's uploads (the browser's own network emulation), so progress and cancelling can be seen. */
async function throttleUploads(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
  return () =>
    cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
}

test.describe("sharing files through the server's upload service (XEP-0363), without upload-url", () => {
  test("a picked file uploads with progress; the peer gets its link with OOB data; the file is there", async ({
    hostPage,
    newBot,
    signIn,
  }) => {
    const bot = await newBot();
    const { widget } = await signIn({ props: { peer: bot.bareJid } });
    // Offered once the server said it takes uploads.
    await expect(widget.locator('[part="attach"]')).toBeVisible();

    const content = randomBytes(600 * 1024);
    const unthrottle = await throttleUploads(hostPage, 150 * 1024);
    await widget
      .locator('input[type="file"]')
      .setInputFiles({ name: "notes.bin", mimeType: "application/octet-stream", buffer: content });
    const progress = widget.locator('[part="upload-progress"]');
    await expect(progress).toBeVisible();
    await expect
      .poll(() => progress.evaluate((element: HTMLProgressElement) => element.value), { timeout: 20_000 })
      .toBeGreaterThan(0.1);
    await unthrottle();

    const [received] = await bot.waitFor((messages) => messages.length >= 1, 30_000);
    expect(received!.body).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//u);
    expect(received!.stanza.getChild("x", NS_OOB)?.getChildText("url")).toBe(received!.body);
    await expect(progress).toHaveCount(0);
    const download = await fetch(received!.body);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(content)).toBe(true);
    const card = widget.locator('[part="message"][data-direction="out"] [part="attachment"]');
    await expect(card).toContainText("notes.bin");
    await expect(card).toContainText("614.4 kB");
  });

  test("a tab without the connection uploads too: the tab holding it asks the server for the slot", async ({
    hostPage,
    context,
    site,
    server,
    newAccount,
    newBot,
  }) => {
    const alice = await newAccount("alice");
    const bot = await newBot();
    const props = { jid: alice.jid, password: alice.password, service: server.service, peer: bot.bareJid };
    const leader = await addWidget(hostPage, props);
    await expect(leader.locator('[part="attach"]')).toBeVisible();
    const other = await context.newPage();
    const sockets: string[] = [];
    other.on("websocket", (socket) => sockets.push(socket.url()));
    other.on("request", (request) => request.url().includes("/http-bind") && sockets.push(request.url()));
    await other.goto(`${site.url}/host.html`);
    await hostReady(other);
    const follower = await addWidget(other, props);
    await follower.waitForStatus("online");
    // It learned from the leader that the server takes uploads.
    await expect(follower.locator('[part="attach"]')).toBeVisible();
    await follower
      .locator('input[type="file"]')
      .setInputFiles({ name: "from-the-second-tab.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
    const [received] = await bot.waitFor((messages) => messages.length >= 1, 30_000);
    expect(decodeURIComponent(received!.body.split("/").pop()!)).toBe("from-the-second-tab.txt");
    expect(sockets).toEqual([]);
    await other.close();
  });

  test("cancel stops an upload; a file over the server's limit is refused with the limit; drop and paste upload too", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    const alice = await newAccount("alice");
    const bot = await newBot();
    const widget = await addWidget(hostPage, {
      jid: alice.jid,
      password: alice.password,
      service: server.service,
      peer: bot.bareJid,
    });
    await expect(widget.locator('[part="attach"]')).toBeVisible();

    const unthrottle = await throttleUploads(hostPage, 50 * 1024);
    await widget
      .locator('input[type="file"]')
      .setInputFiles({ name: "big.bin", mimeType: "application/octet-stream", buffer: randomBytes(500 * 1024) });
    await expect(widget.locator('[part="upload-progress"]')).toBeVisible();
    await widget.locator('[part="upload-cancel"]').click();
    await expect(widget.locator('[part="upload-progress"]')).toHaveCount(0);
    await unthrottle();

    await widget.locator('input[type="file"]').setInputFiles({
      name: "huge.bin",
      mimeType: "application/octet-stream",
      buffer: Buffer.alloc(UPLOAD_LIMIT_BYTES + 1),
    });
    const banner = widget.errorBanner;
    await expect(banner).toHaveAttribute("data-code", "upload-failed");
    await expect(banner).toContainText("huge.bin");
    await expect(banner).toContainText("up to 1.0 MB");

    // A file dropped on the chat, then one pasted into the composer.
    await widget.composer.evaluate((input) => {
      const transfer = (name: string) => {
        const data = new DataTransfer();
        data.items.add(new File([new Uint8Array(2048).fill(7)], name, { type: "text/plain" }));
        return data;
      };
      input.dispatchEvent(
        new DragEvent("drop", {
          dataTransfer: transfer("dropped.txt"),
          bubbles: true,
          composed: true,
          cancelable: true,
        }),
      );
      input.dispatchEvent(
        new ClipboardEvent("paste", {
          clipboardData: transfer("pasted.txt"),
          bubbles: true,
          composed: true,
          cancelable: true,
        }),
      );
    });
    const received = await bot.waitFor((messages) => messages.length >= 2, 30_000);
    // The cancelled upload sent nothing: only the dropped and the pasted file arrived.
    const names = received.map((message) => decodeURIComponent(message.body.split("/").pop()!)).sort();
    expect(names).toEqual(["dropped.txt", "pasted.txt"]);
    await expect(widget.locator('[part="message"][data-direction="out"] [part="attachment"]')).toHaveCount(2);
  });
});
