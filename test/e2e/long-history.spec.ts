import { seedStoredConversation } from "../../scripts/lib/seed-history.mjs";
import { test, expect, addWidget, reloadHost } from "./fixtures.js";

// A conversation of 10,000 messages, kept in this browser: it opens at the newest, and scrolling up pages
// everything in above, once each, in order, with the place kept. (How fast is measured by `npm run bench`.)
const COUNT = 10_000;
/** The widget renders a window of at most 240 messages (src/ui/controllers/message-window.ts). */
const WINDOW_LIMIT = 240;

test.describe("a long history", () => {
  test.setTimeout(300_000);

  test("10,000 stored messages: opens at the newest, scrolls to the first, each shown once", async ({
    hostPage,
    server,
    newAccount,
    newBot,
  }) => {
    const alice = await newAccount("alice");
    const bot = await newBot();
    const props = { jid: alice.jid, password: alice.password, service: server.service, peer: bot.bareJid };
    let widget = await addWidget(hostPage, props);
    await widget.waitForStatus("online");
    await widget.evaluate((element: Element & { disconnect(): Promise<void> }) => element.disconnect());

    await hostPage.evaluate(seedStoredConversation, { account: alice.jid, peer: bot.bareJid, count: COUNT });

    await reloadHost(hostPage);
    widget = await addWidget(hostPage, props);
    const messages = widget.messages;
    const newest = `message ${String(COUNT).padStart(5, "0")}`;
    await expect(messages.last()).toHaveText(newest);
    const list = widget.locator(".messages");
    // Opened at the newest: scrolled to the bottom.
    await expect
      .poll(() => list.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight))
      .toBeLessThan(2);

    // Scroll to the top until the start of the conversation, then back down to the newest, as a person
    // would: each step brings more messages in at the edge, the place kept, and no more than a window of
    // them is in the page at once. (Driven from inside the page: 250 steps of round trips would be slow.)
    const report = await widget.evaluate(
      async (element, { first, last }) => {
        const list = element.shadowRoot!.querySelector<HTMLElement>(".messages")!;
        const rendered = () => [...list.querySelectorAll('[part="message"]')].map((item) => item.textContent!);
        const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
        const problems: string[] = [];
        const seen = new Set<string>();
        let largest = 0;
        const look = () => {
          const texts = rendered();
          largest = Math.max(largest, texts.length);
          texts.forEach((text, index) => {
            if (index > 0 && !(text > texts[index - 1]!))
              problems.push(`out of order: ${texts[index - 1]} before ${text}`);
            seen.add(text.slice(0, "message 00000".length));
          });
          return texts;
        };
        const inView = (text: string) => {
          const row = [...list.querySelectorAll('[part="message"]')].find((item) => item.textContent === text);
          if (!row) return false;
          const box = row.getBoundingClientRect();
          const listBox = list.getBoundingClientRect();
          return box.bottom > listBox.top && box.top < listBox.bottom;
        };
        // Waits (up to 10 s) for the rendered messages to change at one end.
        const moved = async (before: string[], end: "first" | "last") => {
          for (let waited = 0; waited < 600; waited += 1) {
            await frame();
            const now = rendered();
            if ((end === "first" ? now[0] : now.at(-1)) !== (end === "first" ? before[0] : before.at(-1))) return true;
            if (end === "first" && list.querySelector(".older-end")) return true;
          }
          return false;
        };
        let steps = 0;
        for (let texts = look(); !(texts[0] === first && list.querySelector(".older-end")); texts = look()) {
          if (++steps > 1000)
            return { problems: [...problems, "never reached the first message"], seen: seen.size, largest, steps };
          list.scrollTop = 0;
          if (!(await moved(texts, "first")) && !list.querySelector(".older-end"))
            problems.push(`stuck above ${texts[0]}`);
          // What was at the top is still in view after the older messages went in above it.
          if (!inView(texts[0]!)) problems.push(`lost the place at ${texts[0]}`);
        }
        for (let texts = look(); texts.at(-1) !== last; texts = look()) {
          if (++steps > 2000)
            return { problems: [...problems, "never came back to the newest"], seen: seen.size, largest, steps };
          list.scrollTop = list.scrollHeight;
          if (!(await moved(texts, "last"))) problems.push(`stuck below ${texts.at(-1)}`);
          if (!inView(texts.at(-1)!)) problems.push(`lost the place at ${texts.at(-1)}`);
        }
        return { problems, seen: seen.size, largest, steps };
      },
      { first: "message 00001", last: newest },
    );
    expect(report.problems).toEqual([]);
    expect(report.seen).toBe(COUNT);
    expect(report.largest).toBeLessThanOrEqual(WINDOW_LIMIT);
    await expect(widget.locator(".older-end")).toHaveCount(0);
    await expect(messages.last()).toHaveText(newest);
    expect(hostPage.consoleErrors.filter((error) => !error.includes("xmppmini.txt"))).toEqual([]);
  });
});
