import { randomBytes } from "node:crypto";
import { xml } from "@xmpp/client";
import type { Page } from "@playwright/test";
import { test, expect, addWidget, pageBackToStart, reloadHost } from "./fixtures.js";
import { enterRoom } from "./room-bot.js";
import { sampleHostileStanzas } from "../unit/hostile-stanzas.js";

// A stranger on a public page sends what they like. The widget stays responsive, shows every later message,
// and a reload (which shows the stored bodies again) does not freeze either.

/** Bodies that froze the page for seconds each before the formatter was linear (10 s for 4 KB of "["). */
const PATHOLOGICAL = [
  "[".repeat(40_000),
  `http://a.b${".".repeat(40_000)}x`,
  "[a](".repeat(10_000),
  `${"[".repeat(500)}](${"x".repeat(1999)})`.repeat(15),
  "*_~`".repeat(10_000),
];

/** The longest main-thread task since the page loaded (Long Tasks API), in ms; 0 when none was over 50 ms. */
async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const longest = { value: 0 };
    (window as unknown as { __longestTask: typeof longest }).__longestTask = longest;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest.value = Math.max(longest.value, entry.duration);
    }).observe({ type: "longtask", buffered: true });
  });
}

const longestTask = (page: Page) =>
  page.evaluate(() => (window as unknown as { __longestTask: { value: number } }).__longestTask.value);

/** Console errors but the page's refusal (CSP) of the peer domain's xmppmini.txt lookups, which are expected here. */
const unexpectedErrors = (errors: string[]) => errors.filter((error) => !error.includes("/xmppmini.txt"));

// Far above what a linear formatter needs on a slow machine; far below the seconds per message it took
// before. (The real figures come from `npm run bench`, not from this bound.)
const FROZEN_MS = 3_000;

test.describe("hostile peers", () => {
  test("a stranger's pathological bodies: the page keeps answering, later messages are shown, live and after a reload", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    test.setTimeout(120_000);
    await recordLongTasks(hostPage);
    await reloadHost(hostPage);
    const alice = await newAccount("alice");
    const stranger = await newBot({ prefix: "stranger" });
    const props = { jid: alice.jid, password: alice.password, service: server.service, peer: stranger.bareJid };
    let widget = await addWidget(hostPage, props);
    await widget.waitForStatus("online");

    for (const body of PATHOLOGICAL) await stranger.send(alice.jid, body);
    await stranger.send(alice.jid, "after the storm");
    const messages = widget.incoming;
    await expect(messages.last()).toHaveText("after the storm");
    await expect(messages).toHaveCount(PATHOLOGICAL.length + 1);
    // Bodies over the display limit show their start, and the rest behind a control, as text.
    const more = messages.first().locator('details[part="more"]');
    await expect(more.locator("summary")).toHaveText(/Show all \(35,000 more characters\)/);
    await more.locator("summary").click();
    expect(await more.evaluate((details) => details.lastChild?.textContent?.length)).toBe(35_000);
    expect(await longestTask(hostPage)).toBeLessThan(FROZEN_MS);

    await widget.disconnect();
    await reloadHost(hostPage);
    widget = await addWidget(hostPage, props);
    await widget.waitForStatus("online");
    await stranger.send(alice.jid, "after the reload");
    await expect(widget.incoming.last()).toHaveText("after the reload");
    await expect(widget.incoming).toHaveCount(PATHOLOGICAL.length + 2);
    expect(await longestTask(hostPage)).toBeLessThan(FROZEN_MS);
    expect(unexpectedErrors(hostPage.consoleErrors)).toEqual([]);
  });

  test("random and malformed stanzas from a stranger are skipped; a good message after them is shown", async ({
    hostPage,
    server,
    newBot,
    signIn,
  }) => {
    test.setTimeout(120_000);
    const stranger = await newBot({ prefix: "stranger" });
    const { alice, widget } = await signIn();

    const room = `room@${server.mucDomain}`;
    // Characters XML does not allow are the server's to refuse (it closes the sender's stream): what reaches
    // the widget is well-formed, so only those stanzas are sent.
    const NOT_XML =
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
    const stanzas = sampleHostileStanzas(
      [alice.jid, `${alice.jid}/web`, stranger.bareJid, room, `${room}/mallory`, server.domain],
      200,
    ).filter((stanza) => !NOT_XML.test(stanza.toString()));
    expect(stanzas.length).toBeGreaterThan(100);
    for (const stanza of stanzas) {
      // The server stamps the sender; the stranger can only choose what is inside.
      delete stanza.attrs.from;
      stanza.attrs.to = alice.jid;
      await stranger.xmpp.send(stanza);
    }
    await stranger.send(alice.jid, "a good message after them");
    await expect(widget.incoming.last()).toHaveText("a good message after them");
    await widget.waitForStatus("online");
    expect(unexpectedErrors(hostPage.consoleErrors)).toEqual([]);
  });

  test("a room message with a malformed mention reference: the catch-up after a reload and the older pages go on past it", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    test.setTimeout(120_000);
    const room = `hostile-${randomBytes(4).toString("hex")}@${server.mucDomain}`;
    const annBot = await newBot({ prefix: "ann", streamManagement: false });
    const ann = await enterRoom(annBot, room, "ann");
    const alice = await newAccount("alice");
    const props = { jid: alice.jid, password: alice.password, service: server.service, rooms: room, nick: "alice" };
    let widget = await addWidget(hostPage, props);
    await expect(widget.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
    await ann.say("before");
    await expect(widget.messages).toHaveText(["before"]);
    await widget.disconnect();

    // While the page is away: a message whose reference URI has a broken percent-escape, then more.
    const broken = xml(
      "message",
      { to: room, type: "groupchat" },
      xml("body", {}, "@alice broken reference"),
      xml("reference", {
        xmlns: "urn:xmpp:reference:0",
        type: "mention",
        uri: `xmpp:${room}/%E0%A4%A`,
        begin: "0",
        end: "6",
      }),
    );
    await annBot.xmpp.send(broken);
    const after = Array.from({ length: 25 }, (_, index) => `after-${String(index).padStart(2, "0")}`);
    for (const text of after) await ann.say(text);
    await ann.waitFor(
      () => ann.heard.filter((message) => message.body.startsWith("after-")).length === after.length,
      "all back from the room",
    );

    await reloadHost(hostPage);
    widget = await addWidget(hostPage, props);
    await expect(widget.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
    const texts = ["before", "@alice broken reference", ...after];
    await expect(widget.messages.last()).toHaveText(after.at(-1)!);
    expect(await widget.messages.allTextContents()).toEqual(texts);

    // A newcomer pages back through the room's archive past the same message.
    const bob = await newAccount("bob");
    await widget.disconnect();
    await reloadHost(hostPage);
    const newcomer = await addWidget(hostPage, { ...props, jid: bob.jid, password: bob.password, nick: "bob" });
    await expect(newcomer.locator('[part="room"]')).toHaveAttribute("data-status", "joined");
    await pageBackToStart(newcomer, texts, 4);
    expect(unexpectedErrors(hostPage.consoleErrors)).toEqual([]);
  });
});

test.describe("privacy with strangers", () => {
  test("a stranger's picture waits for a click, and no receipt or displayed marker goes to a stranger until the person writes", async ({
    hostPage,
    server,
    site,
    newAccount,
    newBot,
  }) => {
    const alice = await newAccount("alice");
    const stranger = await newBot({ prefix: "stranger" });
    const pictureUrl = `${site.url}/tea.png?from=stranger`;
    const fetched: string[] = [];
    hostPage.on("request", (request) => {
      if (request.url().startsWith(pictureUrl)) fetched.push(request.url());
    });
    const widget = await addWidget(hostPage, { jid: alice.jid, password: alice.password, service: server.service });
    await widget.waitForStatus("online");

    await stranger.sendFile(alice.jid, { url: pictureUrl, name: "tea.png", mime: "image/png" });
    await stranger.send(alice.jid, "did you see it?", { id: "stranger-1" }, { requestReceipt: true, markable: true });
    const held = widget.locator('button[part="attachment"]');
    await expect(held).toHaveText("Show the picture “tea.png” from " + new URL(site.url).host);
    await expect(widget.messages.last()).toHaveText("did you see it?");
    expect(await widget.locator("img").count()).toBe(0);

    // The person answers: from now on the stranger is someone they wrote to.
    await widget.locator("textarea").fill("who are you?");
    await widget.locator("textarea").press("Enter");
    await stranger.waitFor((messages) => messages.some((message) => message.body === "who are you?"));
    await stranger.send(alice.jid, "a friend", { id: "stranger-2" }, { requestReceipt: true, markable: true });
    await expect(widget.messages.last()).toHaveText("a friend");
    await stranger.waitFor((_messages, receipts) => receipts.has("stranger-2"));
    await expect.poll(() => stranger.displayedIds.has("stranger-2")).toBe(true);
    // What came before the person wrote was never acknowledged.
    expect(stranger.receiptsFor.has("stranger-1")).toBe(false);
    expect(stranger.displayedIds.has("stranger-1")).toBe(false);
    // The picture is shown now, and was fetched only now.
    await expect(widget.locator(`img[src="${pictureUrl}"]`)).toHaveCount(1);
    expect(fetched.length).toBeGreaterThan(0);
  });

  test('a held picture loads on click; with load-images="always" every picture loads at once', async ({
    site,
    newBot,
    signIn,
  }) => {
    const stranger = await newBot({ prefix: "stranger" });
    const { alice, widget } = await signIn();
    await stranger.sendFile(alice.jid, { url: `${site.url}/tea.png?n=1`, name: "tea.png", mime: "image/png" });
    await widget.locator('button[part="attachment"]').click();
    await expect(widget.locator(`img[src="${site.url}/tea.png?n=1"]`)).toHaveCount(1);

    await widget.evaluate((element) => element.setAttribute("load-images", "always"));
    await stranger.sendFile(alice.jid, { url: `${site.url}/tea.png?n=2`, name: "tea.png", mime: "image/png" });
    await expect(widget.locator(`img[src="${site.url}/tea.png?n=2"]`)).toHaveCount(1);
    await expect(widget.locator('button[part="attachment"]')).toHaveCount(0);
  });
});
