// The two clients under measurement: where their page is, and how the bench sees (from inside the page)
// that each is online, usable, showing a message, and what it shows. The functions run in the browser.

/** @typedef {{ name: string, page: string, online: () => boolean, usable: () => boolean, launcher: () => boolean, newest: () => string | null, shown: () => string[] | Promise<string[]>, composer: () => HTMLTextAreaElement | null }} Client */

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
    // The widget renders a window of a long conversation: what it showed is what it announced.
    shown: () => window.benchShown ?? [],
    composer: () => document.querySelector("xmppmini-chat")?.shadowRoot?.querySelector('[part="input"]'),
  },
  {
    name: "converse",
    page: "/converse.html",
    online: () => performance.getEntriesByName("online").length > 0,
    usable: () => Boolean(document.querySelector("converse-chat textarea.chat-textarea")),
    launcher: () => Boolean(document.querySelector("converse-root .toggle-controlbox, converse-root #controlbox, converse-chat")),
    newest: () => {
      const rows = document.querySelectorAll("converse-chat .chat-msg__text");
      return rows.length > 0 ? rows[rows.length - 1].textContent.trim() : null;
    },
    // Converse renders the newest part of a chat: what it holds is counted from its own model.
    shown: () => window.benchBodies(),
    composer: () => document.querySelector("converse-chat textarea.chat-textarea"),
  },
];
