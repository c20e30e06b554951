import { test, expect } from "./fixtures.js";
import { addWidget, hostReady } from "./widget.js";
import { chromium } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../scripts/lib/chromium.mjs";
import type { Element } from "@xmpp/xml";
import type { Locator } from "@playwright/test";

const NS_OOB = "jabber:x:oob";
const NS_FILE_METADATA = "urn:xmpp:file:metadata:0";
// WebM (Matroska EBML) and Ogg files start with these bytes.
const WEBM_MAGIC = "1a45dfa3";
const OGG_MAGIC = "4f676753";

/** What a voice message carried: its URL as body and OOB, its type and length (XEP-0446). */
function clipOf(stanza: Element, body: string) {
  const file = stanza.getChild("file", NS_FILE_METADATA);
  return {
    oobUrl: stanza.getChild("x", NS_OOB)?.getChildText("url"),
    mime: file?.getChildText("media-type") ?? "",
    length: Number(file?.getChildText("length")),
    body,
  };
}

/** Records with the browser's fake microphone (a tone) until the bar counts 0:02 (1.5 s or more), then stops and sends. */
async function record(widget: Locator) {
  const button = widget.locator('[part="record"]');
  await button.click();
  await expect(widget.locator('[part="recording"]')).toContainText("Recording 0:0");
  await expect(button).toHaveAttribute("aria-pressed", "true");
  await expect(widget.locator('[part="recording"]')).toContainText("Recording 0:02");
  await button.click();
  await expect(widget.locator('[part="recording"]')).toHaveCount(0);
}

/** A mono 16-bit PCM WAV file of `seconds` of a 440 Hz tone: a recording any browser plays. */
function toneWav(seconds: number): Buffer {
  const rate = 8000;
  const samples = Math.round(rate * seconds);
  const data = Buffer.alloc(samples * 2);
  for (let index = 0; index < samples; index += 1)
    data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * index) / rate)), index * 2);
  const header = Buffer.alloc(44);
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

test.describe("voice messages", () => {
  test("recorded with the microphone, sent through the server's upload service with OOB and its length; Escape cancels", async ({
    newBot,
    signIn,
  }) => {
    const bot = await newBot();
    const { widget } = await signIn({ props: { peer: bot.bareJid } });
    const button = widget.locator('[part="record"]');
    await expect(button).toBeVisible();

    // Escape while recording throws the recording away.
    await button.click();
    await expect(widget.locator('[part="recording"]')).toBeVisible();
    await widget.page().keyboard.press("Escape");
    await expect(widget.locator('[part="recording"]')).toHaveCount(0);
    await expect(button).toHaveAttribute("aria-pressed", "false");

    await record(widget);
    const [received] = await bot.waitFor((messages) => messages.length >= 1, 30_000);
    const clip = clipOf(received!.stanza, received!.body);
    expect(clip.oobUrl).toBe(clip.body);
    expect(clip.mime).toMatch(/^audio\/(webm|ogg)$/u);
    expect(clip.length).toBeGreaterThanOrEqual(1000);
    expect(clip.length).toBeLessThan(30_000);
    const download = Buffer.from(await (await fetch(clip.body)).arrayBuffer());
    expect([WEBM_MAGIC, OGG_MAGIC]).toContain(download.subarray(0, 4).toString("hex"));
    expect(download.length).toBeGreaterThan(1000);

    // Our own row plays it inline.
    const own = widget.locator('[part="message"][data-direction="out"] [part="audio"]');
    await expect(own).toHaveAttribute("src", clip.body);

    // The cancelled recording sent nothing: the next message is the second the bot gets.
    await widget.send("after the clip");
    const all = await bot.waitFor((messages) => messages.some((message) => message.body === "after the clip"));
    expect(all.map((message) => message.body)).toEqual([clip.body, "after the clip"]);
  });

  test("a received voice message plays inline, with its length; nothing is fetched before it is played", async ({
    hostPage,
    site,
    newBot,
    signIn,
  }) => {
    const bot = await newBot();
    const { alice, widget } = await signIn({ props: { peer: bot.bareJid } });
    const wav = toneWav(1.2);
    const stored = await fetch(`${site.url}/api/upload?name=hello.wav&type=audio/wav`, { method: "POST", body: wav });
    const url = new URL(((await stored.json()) as { path: string }).path, site.url).href;
    const fetched: string[] = [];
    hostPage.on("request", (request) => request.url() === url && fetched.push(request.url()));

    await bot.sendFile(alice.jid, { url, name: "hello.wav", size: wav.length, mime: "audio/wav", length: 1200 });
    const audio = widget.locator('[part="message"][data-direction="in"] [part="audio"]');
    await expect(audio).toHaveAttribute("src", url);
    await expect(widget.locator('[part="message"][data-direction="in"] [part="attachment"]')).toContainText("0:01");
    await expect(audio).toHaveAttribute("aria-label", "Voice message, 0:01");
    expect(fetched).toEqual([]);

    const duration = await audio.evaluate(
      (element: HTMLAudioElement) =>
        new Promise<number>((resolve, reject) => {
          element.addEventListener("canplay", () => resolve(element.duration), { once: true });
          element.addEventListener("error", () => reject(new Error(`audio error ${element.error?.code}`)), {
            once: true,
          });
          element.muted = true;
          element.play().catch(reject);
        }),
    );
    expect(duration).toBeGreaterThan(1);
    expect(duration).toBeLessThan(1.5);
  });

  test("a refused microphone says so, and nothing is sent", async ({ site, server, newAccount, newBot }) => {
    // A browser of its own, without the fake permission prompt: the person blocked the microphone for this site.
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, "--use-fake-device-for-media-stream"],
    });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const { targetInfo } = await (await context.newCDPSession(page)).send("Target.getTargetInfo");
      await (
        await browser.newBrowserCDPSession()
      ).send("Browser.setPermission", {
        permission: { name: "microphone" },
        setting: "denied",
        origin: site.url,
        browserContextId: targetInfo.browserContextId,
      });
      await page.goto(`${site.url}/host.html`);
      await hostReady(page);
      const alice = await newAccount("alice");
      const bot = await newBot();
      const widget = await addWidget(page, {
        jid: alice.jid,
        password: alice.password,
        service: server.service,
        peer: bot.bareJid,
      });
      await widget.waitForStatus("online");
      await widget.locator('[part="record"]').click();
      await expect(widget.errorBanner).toContainText("microphone was not allowed");
      await expect(widget.locator('[part="recording"]')).toHaveCount(0);
      await expect(widget.locator('[part="record"]')).toHaveAttribute("aria-pressed", "false");
      await widget.send("still here");
      const all = await bot.waitFor((messages) => messages.length >= 1);
      expect(all.map((message) => message.body)).toEqual(["still here"]);
    } finally {
      await browser.close();
    }
  });

  test("with upload-url, the clip is handed to the host's upload page, which stores it; the peer gets it with its length", async ({
    newBot,
    signIn,
  }) => {
    const bot = await newBot();
    const { widget } = await signIn({ props: { peer: bot.bareJid, uploadUrl: "/frames/upload.html?report=post" } });
    await record(widget);
    const [received] = await bot.waitFor((messages) => messages.length >= 1, 30_000);
    const clip = clipOf(received!.stanza, received!.body);
    expect(clip.body).toMatch(/\/uploads\/[0-9a-f]+\/voice-message-[\d-]+\.(webm|ogg)$/u);
    expect(clip.oobUrl).toBe(clip.body);
    expect(clip.mime).toMatch(/^audio\/(webm|ogg)$/u);
    expect(clip.length).toBeGreaterThanOrEqual(1000);
    const download = Buffer.from(await (await fetch(clip.body)).arrayBuffer());
    expect([WEBM_MAGIC, OGG_MAGIC]).toContain(download.subarray(0, 4).toString("hex"));
    // The page is closed once it said where the clip is.
    await expect(widget.locator('[part="upload"]')).toHaveCount(0);
  });
});
