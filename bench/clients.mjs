// The two clients under measurement: where their page is, and how the bench sees (from inside the page)
// that each is online, usable, showing a message, and what it shows. The functions run in the browser.

import { seedStoredConversation } from "../scripts/lib/seed-history.mjs";

/** @typedef {{ name: string, page: string, online: () => boolean, usable: () => boolean, launcher: () => boolean, newest: () => string | null, shown: () => string[] | Promise<string[]>, composer: () => HTMLTextAreaElement | null, rowShown?: (text: string) => Element | null, seedHistory?: (options: { account: string, peer: string, count: number }) => Promise<void>, scrollToFirst?: (first: string) => Promise<{ ms: number, dropped: number, seen: number }>, rowCount?: () => number, roomJoined?: () => boolean }} Client */

/** @type {Client[]} */
export const CLIENTS = [
  {
    name: "xmppmini-chat",
    page: "/xmppmini.html",
    online: () => document.querySelector("xmppmini-chat")?.getAttribute("status") === "online",
    usable: () => {
      const root = document.querySelector("xmppmini-chat")?.shadowRoot;
      return Boolean(root?.querySelector('[part="send"]:not([disabled])') && root.querySelector('[part="input"]'));
    },
    // The loader's stand-in launcher (drawn before the widget is loaded), or the widget's own.
    launcher: () =>
      Boolean(
        document.querySelector("xmppmini-chat")?.shadowRoot?.querySelector('[part="launcher"]') ||
        document.querySelector("xmppmini-chat > span")?.shadowRoot?.querySelector("button"),
      ),
    newest: () => {
      const rows = document.querySelector("xmppmini-chat")?.shadowRoot?.querySelectorAll('[part="message"]');
      return rows && rows.length > 0 ? rows[rows.length - 1].textContent : null;
    },
    // The send latency: our newest row, once it shows `text`.
    rowShown: (text) => {
      const rows = document.querySelector("xmppmini-chat")?.shadowRoot?.querySelectorAll('[part="message"]');
      const row = rows?.[rows.length - 1];
      return row?.textContent === text ? row : null;
    },
    // Scenario 7: the rows on screen (of the conversation or room shown), and a room the page is in.
    rowCount: () =>
      document.querySelector("xmppmini-chat")?.shadowRoot?.querySelectorAll('[part="message"]').length ?? 0,
    roomJoined: () =>
      Boolean(
        document.querySelector("xmppmini-chat")?.shadowRoot?.querySelector('[part="room"][data-status="joined"]'),
      ),
    // The widget renders a window of a long conversation: what it showed is what it announced.
    shown: () => window.benchShown ?? [],
    composer: () => document.querySelector("xmppmini-chat")?.shadowRoot?.querySelector('[part="input"]'),
    // Scenario 5: written the way the widget keeps messages (see scripts/lib/seed-history.mjs).
    seedHistory: seedStoredConversation,
    // Scrolls the list to its top, a step per frame, until `first` is rendered and the list says it is the
    // start; resolves with the time taken, the frames dropped meanwhile and how many messages were seen.
    scrollToFirst: async (first) => {
      const list = document.querySelector("xmppmini-chat").shadowRoot.querySelector(".messages");
      const seen = new Set();
      const look = () => {
        const texts = [...list.querySelectorAll('[part="message"]')].map((item) =>
          item.textContent.slice(0, "message 00000".length),
        );
        for (const text of texts) seen.add(text);
        return texts;
      };
      const started = performance.now();
      let last = started;
      let dropped = 0;
      for (let frames = 0; frames < 20_000; frames += 1) {
        const texts = look();
        if (texts[0] === first && list.querySelector(".older-end")) break;
        list.scrollTop = 0;
        const now = await new Promise((resolve) => requestAnimationFrame(resolve));
        dropped += Math.max(0, Math.round((now - last) / (1000 / 60)) - 1);
        last = now;
      }
      return { ms: performance.now() - started, dropped, seen: seen.size };
    },
  },
  {
    name: "converse",
    page: "/converse.html",
    online: () => performance.getEntriesByName("online").length > 0,
    usable: () => Boolean(document.querySelector("converse-chat textarea.chat-textarea")),
    launcher: () =>
      Boolean(document.querySelector("converse-root .toggle-controlbox, converse-root #controlbox, converse-chat")),
    newest: () => {
      const rows = document.querySelectorAll("converse-chat .chat-msg__text");
      return rows.length > 0 ? rows[rows.length - 1].textContent.trim() : null;
    },
    // Converse renders the newest part of a chat: what it holds is counted from its own model.
    shown: () => window.benchBodies(),
    composer: () => document.querySelector("converse-chat textarea.chat-textarea"),
  },
];
