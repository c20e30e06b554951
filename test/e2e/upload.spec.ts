import type { Page } from "@playwright/test";
import { test, expect, addWidget } from "./fixtures.js";

const NS_OOB = "jabber:x:oob";
const PICTURE = "test/e2e/pages/tea.png";

/**
 * Resolves once the widget's upload frame has fired its load event, and so once the widget watches the page
 * it holds (HostFrame listens from that event on; a file chosen before it would be sent and navigate before
 * anyone watched: a person is not that fast, a test is). Call before the click that opens the frame: the
 * listener goes on the frame as it is inserted, after the widget's own.
 */
async function uploadFrameLoaded(hostPage: Page): Promise<() => Promise<void>> {
  await hostPage.evaluate(() => {
    const root = document.querySelector("xmppmini-chat")!.shadowRoot!;
    (window as { uploadFrameLoaded?: Promise<void> }).uploadFrameLoaded = new Promise<void>((resolve) => {
      const observer = new MutationObserver(() => {
        const frame = root.querySelector('iframe[part="upload"]');
        if (!frame) return;
        observer.disconnect();
        frame.addEventListener("load", () => resolve(), { once: true });
      });
      observer.observe(root, { childList: true, subtree: true });
    });
  });
  return () => hostPage.evaluate(() => (window as { uploadFrameLoaded?: Promise<void> }).uploadFrameLoaded);
}

test.describe("sharing files through the host's upload page (upload-url)", () => {
  test("same origin: the page navigates to xmpp:…;body=<url>; the peer gets the URL with OOB data; pictures and files are shown", async ({
    hostPage,
    site,
    newBot,
    signIn,
  }) => {
    const bot = await newBot();
    const { alice, widget } = await signIn({ props: { peer: bot.bareJid, uploadUrl: "/frames/upload.html" } });

    const frameLoaded = await uploadFrameLoaded(hostPage);
    await widget.locator('[part="attach"]').click();
    await frameLoaded();
    const frame = widget.locator('iframe[part="upload"]');
    await expect(frame).toBeVisible();
    const page = hostPage.frameLocator('xmppmini-chat iframe[part="upload"]');
    await expect(page.locator("#for")).toHaveText(`To ${bot.bareJid}, from ${alice.jid}`);
    await page.locator("#file").setInputFiles(PICTURE);

    const [received] = await bot.waitFor((messages) => messages.length >= 1);
    expect(received!.body).toMatch(new RegExp(`^${site.url}/uploads/[0-9a-f]+/tea\\.png$`, "u"));
    expect(received!.stanza.getChild("x", NS_OOB)?.getChildText("url")).toBe(received!.body);
    await expect(frame).toHaveCount(0);
    // Our own message: the picture, loaded, in its box; the URL alone is not repeated as text.
    const ownPicture = widget.locator('[part="message"][data-direction="out"] [part="attachment"] img');
    await expect(ownPicture).toHaveAttribute("src", received!.body);
    await expect.poll(() => ownPicture.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(64);
    await expect(widget.outgoing).not.toContainText("/uploads/");

    // The peer shares a file that is no picture: a card with its name and size, linking to it.
    await bot.sendFile(alice.jid, {
      url: `${site.url}/uploads/none/invoice.pdf`,
      name: "invoice <2026>.pdf",
      size: 12_345,
      mime: "application/pdf",
    });
    const card = widget.locator('[part="message"][data-direction="in"] [part="attachment"]');
    await expect(card).toContainText("invoice <2026>.pdf");
    await expect(card).toContainText("12.3 kB");
    await expect(card).toHaveAttribute("href", `${site.url}/uploads/none/invoice.pdf`);
    await expect(card.locator("img")).toHaveCount(0);

    // A link that is no http(s) URL is never an attachment: the body stays text.
    await bot.sendFile(alice.jid, { url: "javascript:alert(1)", name: "x.png", body: "look at this" });
    await expect(widget.incoming.last()).toHaveText("look at this");
    await expect(widget.incoming.last().locator('[part="attachment"]')).toHaveCount(0);
  });

  test("an upload page may send only to the peer it was opened for", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    const alice = await newAccount("alice");
    const [bob, mallory] = await Promise.all([newBot({ prefix: "bob" }), newBot({ prefix: "mallory" })]);
    const widget = await addWidget(hostPage, {
      jid: alice.jid,
      password: alice.password,
      service: server.service,
      peer: bob.bareJid,
      uploadUrl: `/frames/upload.html?to=${encodeURIComponent(mallory.bareJid)}`,
    });
    await widget.waitForStatus("online");
    const frameLoaded = await uploadFrameLoaded(hostPage);
    await widget.locator('[part="attach"]').click();
    await frameLoaded();
    await hostPage.frameLocator('xmppmini-chat iframe[part="upload"]').locator("#file").setInputFiles(PICTURE);
    const banner = widget.errorBanner;
    await expect(banner).toHaveAttribute("data-code", "upload-failed");
    await expect(banner).toContainText(
      `asked to send the file to ${mallory.bareJid}, but it was opened for ${bob.bareJid}; nothing was sent`,
    );
    // Had the file gone out, it would reach mallory before this message on the same stream.
    await widget.evaluate(
      (element: HTMLElement & { openConversation(jid: string): void }, jid) => element.openConversation(jid),
      mallory.bareJid,
    );
    // Typed once the conversation is shown: typed before, the switch would swap in mallory's (empty) draft.
    await expect(widget.conversationTab(mallory.bareJid)).toHaveAttribute("aria-selected", "true");
    await widget.composer.fill("only this");
    await widget.composer.press("Enter");
    const [first] = await mallory.waitFor((messages) => messages.length >= 1);
    expect(first!.body).toBe("only this");
    expect(bob.received).toEqual([]);
  });

  test("an upload-url that is no http(s) page is refused, with an error shown", async ({
    hostPage,
    newBot,
    signIn,
  }) => {
    const bot = await newBot();
    const { widget } = await signIn({
      props: { peer: bot.bareJid, uploadUrl: "javascript:parent.document.title='framed'" },
    });
    await widget.locator('[part="attach"]').click();
    const banner = widget.errorBanner;
    await expect(banner).toHaveAttribute("data-code", "invalid-config");
    await expect(banner).toContainText("upload-url");
    await expect(widget.locator("iframe")).toHaveCount(0);
    expect(await hostPage.title()).not.toBe("framed");
  });

  test("cross origin: the page posts xmppmini:uploaded; the picture arrives inline at a person on another page", async ({
    hostPage,
    browser,
    site,
    server,
    newAccount,
  }) => {
    const alice = await newAccount("alice");
    const bob = await newAccount("bob");
    const widget = await addWidget(hostPage, {
      jid: alice.jid,
      password: alice.password,
      service: server.service,
      peer: bob.jid,
      uploadUrl: `${site.otherOrigin}/frames/upload.html?report=post`,
    });
    await widget.waitForStatus("online");
    const bobContext = await browser.newContext();
    const bobPage = await bobContext.newPage();
    await bobPage.goto(`${site.url}/host.html`);
    const bobWidget = await addWidget(bobPage, {
      jid: bob.jid,
      password: bob.password,
      service: server.service,
      peer: alice.jid,
    });
    await bobWidget.waitForStatus("online");

    await widget.locator('[part="attach"]').click();
    const uploadPage = hostPage.frameLocator('xmppmini-chat iframe[part="upload"]');
    // Its script is ready: it listens to the file input.
    await expect(uploadPage.locator("#for")).toHaveText(`To ${bob.jid}, from ${alice.jid}`);
    await uploadPage.locator("#file").setInputFiles(PICTURE);

    const picture = bobWidget.locator('[part="message"][data-direction="in"] [part="attachment"] img');
    await expect(picture).toHaveAttribute("alt", "tea.png");
    expect(await picture.getAttribute("src")).toMatch(new RegExp(`^${site.otherOrigin}/uploads/`, "u"));
    await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(64);
    // The sender's own copy says the same.
    await expect(widget.locator('[part="message"][data-direction="out"] [part="attachment"] img')).toHaveAttribute(
      "alt",
      "tea.png",
    );
    await bobContext.close();
  });
});
