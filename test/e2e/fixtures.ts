import { test as base, expect, type Page, type Locator } from "@playwright/test";
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { startProsody } from "../../scripts/lib/prosody.mjs";
import { startEjabberd } from "../../scripts/lib/ejabberd.mjs";
import { startBot } from "../../scripts/lib/bot.mjs";
import { startStaticServer } from "../../scripts/lib/static-server.mjs";
import { cookieValue } from "../../scripts/lib/cookies.mjs";
import { addWidget, hostReady, widgetEvents, type Widget, type WidgetProps } from "./widget.js";

export {
  addWidget,
  hostReady,
  openHost,
  reloadHost,
  widgetEvents,
  widgetOn,
  type Widget,
  type WidgetProps,
} from "./widget.js";

/** The shared server, with `service`: the endpoint of the transport this project runs over. */
type Server = Awaited<ReturnType<typeof startProsody>> & { service: string };

export type Transport = "websocket" | "bosh";
export type ServerKind = "prosody" | "ejabberd";
export type Bot = Awaited<ReturnType<typeof startBot>>;

export interface Account {
  user: string;
  password: string;
  jid: string;
}

// The host page is served with a strict policy: the widget must work without inline scripts or styles.
// frame-src and img-src: the host's own roster and upload pages and its uploaded files, also from a second
// origin (localhost vs 127.0.0.1); connect-src and img-src: the XMPP server's upload service (XEP-0363).
const STRICT_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ws://127.0.0.1:* http://127.0.0.1:*; " +
  "img-src 'self' data: http://localhost:* http://127.0.0.1:*; frame-src 'self' http://localhost:*; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
// The host's pages that the widget embeds (test/e2e/pages/frames/) may be framed by the host page.
const FRAME_CSP = STRICT_CSP.replace("frame-ancestors 'none'", "frame-ancestors http://127.0.0.1:*");

/** The host site's sign-in cookie, which its credentials endpoint reads. */
export const SITE_SESSION_COOKIE = "site-session";

interface WorkerFixtures {
  /** Set per Playwright project: every end-to-end test runs over WebSocket and over BOSH... */
  transport: Transport;
  /** ...against Prosody and against ejabberd. */
  serverKind: ServerKind;
  server: Server;
  /**
   * The host site: test/e2e/pages and cdn/ at `url` (127.0.0.1), also reachable at `otherOrigin`
   * (localhost: a second origin for cross-origin frames). Its backend answers `/api/chat-account` with the
   * account stored in `accounts` under the visitor's `site-session` cookie, 401 without one.
   */
  site: { url: string; otherOrigin: string; accounts: Map<string, { jid: string; password: string }> };
}

/** Virtual hosts of the shared server beside `localhost`, for the xmppmini addressing tests. */
export const TEST_HOSTS = [
  "static.test",
  "hosted.test",
  "meta.test",
  "fallback.test",
  "a.example.test",
  "b.example.test",
  "foreign.test",
  "secure.test",
];

interface TestFixtures {
  /** Creates a fresh account on the shared server (on `host`, default localhost), unique to the test. */
  newAccount: (prefix?: string, host?: string) => Promise<Account>;
  /** Starts a bot on a fresh account (or on `account`); stopped after the test. */
  newBot: (options?: {
    onMessage?: Parameters<typeof startBot>[0]["onMessage"];
    host?: string;
    prefix?: string;
    account?: Account;
    receipts?: boolean;
    /** Off: the bot does without XEP-0198 (see startBot). */
    streamManagement?: boolean;
  }) => Promise<Bot & { account: Account }>;
  /** Opens the host page and returns it with console errors collected. */
  hostPage: Page & { consoleErrors: string[] };
  /**
   * Signs a fresh account (or `account`) in with a widget on the host page (or `page`), with the server's
   * service and `props` (e.g. `peer`), and waits until it is online. `props` is what a reload needs again.
   */
  signIn: (options?: {
    props?: WidgetProps;
    page?: Page;
    account?: Account;
    prefix?: string;
  }) => Promise<{ alice: Account; widget: Widget; props: WidgetProps }>;
  /** On a failed test, the server's log and what the page's widgets showed are attached to the report. */
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type -- an automatic fixture gives no value: Playwright types it void
  failureEvidence: void;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  transport: ["websocket", { option: true, scope: "worker" }],
  serverKind: ["prosody", { option: true, scope: "worker" }],
  // Per worker, never shared: a test that restarts or stops its server (delivery, failures, rooms) touches
  // only the tests of its own worker, which run one after another. A failed test ends its worker, and with
  // it this server; the next worker starts a fresh one.
  server: [
    async ({ transport, serverKind }, use) => {
      const start = serverKind === "ejabberd" ? startEjabberd : startProsody;
      const started = (await start({ extraHosts: TEST_HOSTS })) as Awaited<ReturnType<typeof startProsody>>;
      const server = Object.assign(started, { service: transport === "bosh" ? started.boshUrl : started.websocketUrl });
      await use(server);
      await server.stop();
    },
    { scope: "worker" },
  ],
  site: [
    async ({}, use) => {
      const accounts = new Map<string, { jid: string; password: string }>();
      const uploads = new Map<string, { type: string; body: Buffer }>();
      const site = await startStaticServer({
        mounts: { "/cdn/": "cdn", "/": "test/e2e/pages" },
        headers: (pathname: string) =>
          pathname.endsWith(".html")
            ? { "content-security-policy": pathname.startsWith("/frames/") ? FRAME_CSP : STRICT_CSP }
            : {},
        routes: {
          "/api/chat-account": (request: IncomingMessage, response: ServerResponse) => {
            const token = cookieValue(request, SITE_SESSION_COOKIE);
            const account = token && accounts.get(token);
            response.writeHead(account ? 200 : 401, {
              "content-type": "application/json",
              "cache-control": "no-store",
            });
            response.end(JSON.stringify(account ?? { error: "not signed in" }));
          },
          // The host's upload endpoint: POST the file's bytes (name and type in the query), get its URL.
          "/api/upload": async (request: IncomingMessage, response: ServerResponse) => {
            const chunks: Buffer[] = [];
            for await (const chunk of request) chunks.push(chunk as Buffer);
            const query = new URL(request.url ?? "/", "http://x").searchParams;
            const id = `${randomBytes(6).toString("hex")}/${encodeURIComponent(query.get("name") ?? "file")}`;
            uploads.set(id, { type: query.get("type") || "application/octet-stream", body: Buffer.concat(chunks) });
            response.writeHead(201, { "content-type": "application/json" });
            response.end(JSON.stringify({ path: `/uploads/${id}` }));
          },
          "/uploads/": (request: IncomingMessage, response: ServerResponse) => {
            const file = uploads.get(new URL(request.url ?? "/", "http://x").pathname.slice("/uploads/".length));
            if (!file) return void response.writeHead(404).end("gone");
            response.writeHead(200, { "content-type": file.type, "content-length": file.body.length });
            response.end(file.body);
          },
        },
      });
      await use({ ...site, otherOrigin: site.url.replace("127.0.0.1", "localhost"), accounts });
      await site.close();
    },
    { scope: "worker" },
  ],
  newAccount: async ({ server }, use) => {
    await use(async (prefix = "user", host = server.domain) => {
      const user = `${prefix}-${randomBytes(4).toString("hex")}`;
      const password = `pw-${randomBytes(6).toString("hex")}`;
      await server.register(user, password, host);
      return { user, password, jid: `${user}@${host}` };
    });
  },
  newBot: async ({ server, newAccount }, use) => {
    const bots: Bot[] = [];
    await use(async (options = {}) => {
      const host = options.host ?? server.domain;
      const account = options.account ?? (await newAccount(options.prefix ?? "bot", host));
      const bot = await startBot({
        server,
        user: account.user,
        password: account.password,
        domain: host,
        onMessage: options.onMessage,
        receipts: options.receipts ?? true,
        streamManagement: options.streamManagement ?? true,
      });
      bots.push(bot);
      return Object.assign(bot, { account });
    });
    await Promise.all(bots.map((bot) => bot.stop()));
  },
  failureEvidence: [
    async ({ server, page }, use, testInfo) => {
      const traffic = recordXmppTraffic(page);
      await use();
      if (testInfo.status === testInfo.expectedStatus) return;
      await testInfo.attach("server.log", { body: server.log().slice(-400_000), contentType: "text/plain" });
      await testInfo.attach("xmpp-traffic.txt", { body: traffic.join("\n"), contentType: "text/plain" });
      const shown = await page
        .evaluate(() => ({
          events: (window as unknown as { widgetEvents?: unknown[] }).widgetEvents ?? [],
          widgets: [...document.querySelectorAll("xmppmini-chat")].map((element) => ({
            status: element.getAttribute("status"),
            messages: [...(element.shadowRoot?.querySelectorAll("li") ?? [])].map((row) => ({
              classes: row.className,
              text: row.querySelector('[part="message"]')?.textContent,
              delivery: row.querySelector('[part="delivery"]')?.getAttribute("data-state"),
            })),
          })),
        }))
        .catch((error: unknown) => ({ unavailable: String(error) }));
      await testInfo.attach("widgets.json", { body: JSON.stringify(shown, null, 2), contentType: "application/json" });
    },
    { auto: true },
  ],
  signIn: async ({ hostPage, server, newAccount }, use) => {
    await use(async ({ props = {}, page = hostPage, account, prefix = "alice" } = {}) => {
      const alice = account ?? (await newAccount(prefix));
      const all = { jid: alice.jid, password: alice.password, service: server.service, ...props };
      const widget = await addWidget(page, all);
      await widget.waitForStatus("online");
      return { alice, widget, props: all };
    });
  },
  hostPage: async ({ page, site }, use) => {
    const consoleErrors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(message.text());
    });
    page.on("pageerror", (error) => consoleErrors.push(String(error)));
    await page.goto(`${site.url}/host.html`);
    await hostReady(page);
    await use(Object.assign(page, { consoleErrors }));
  },
});

export { expect };

/**
 * Watches the page's XMPP connections over either transport: WebSocket handshakes, or BOSH session
 * creation requests (XEP-0124 §7.1: a body without a sid); and whether the stream was closed cleanly
 * (RFC 7395 `<close/>`, or a BOSH `type="terminate"` request).
 */
export function watchConnections(page: Page) {
  let opened = 0;
  let closedCleanly = false;
  page.on("websocket", (socket) => {
    opened += 1;
    socket.on("framesent", ({ payload }) => {
      if (String(payload).includes("<close")) closedCleanly = true;
    });
  });
  page.on("request", (request) => {
    const body = request.postData() ?? "";
    if (!body.includes("http://jabber.org/protocol/httpbind")) return;
    if (!body.includes(" sid=")) opened += 1;
    if (body.includes('type="terminate"')) closedCleanly = true;
  });
  return {
    opened: () => opened,
    closedCleanly: () => closedCleanly,
  };
}

/**
 * Every message the widget shows in the open conversation, oldest first, as `{id, direction, text}`.
 * The widget renders a window of the conversation at a time (src/ui/controllers/message-window.ts), so this scrolls
 * the list as a person would: up until nothing more comes in above, then down to the newest, collecting
 * each row once. (It does not ask the server for older pages beyond what is loaded: the top of what is
 * loaded is where it stops.)
 */
export async function shownMessages(
  widget: Locator,
): Promise<Array<{ id: string; direction: string; text: string; state?: string }>> {
  return widget.evaluate(async (element) => {
    const list = element.shadowRoot!.querySelector<HTMLElement>(".messages");
    if (!list) return [];
    const rows = () => [...list.querySelectorAll<HTMLElement>('[part="message"]')];
    const edge = (which: "first" | "last") => {
      const all = rows();
      return (which === "first" ? all[0] : all.at(-1))?.dataset.id;
    };
    // Scrolls towards one end until `reached()` says it is there, or else until the row at that end has not
    // changed for 300 ms and 30 frames: on a loaded machine one frame can take longer than 300 ms, and the
    // window's slide comes a frame or more after the scroll that asks for it.
    const settle = async (
      which: "first" | "last",
      scroll: () => void,
      { onStep = () => undefined, reached = () => false }: { onStep?: () => void; reached?: () => boolean } = {},
    ) => {
      let last = edge(which);
      let since = performance.now();
      let steady = 0;
      for (let step = 0; step < 5000 && (performance.now() - since < 300 || steady < 30); step += 1) {
        onStep();
        scroll();
        await new Promise((resolve) => requestAnimationFrame(resolve));
        if (reached()) return;
        const now = edge(which);
        steady += 1;
        if (now !== last) {
          last = now;
          since = performance.now();
          steady = 0;
        }
      }
    };
    // Up to 1 px from the top: the window slides, but no older page is asked for (that happens at 0). The
    // window is at the top of what is loaded when the control above the messages shows (older ones, or the
    // start of the conversation).
    await settle("first", () => (list.scrollTop = 1), {
      reached: () => list.querySelector('[part="load-older"], .older-end') !== null,
    });
    const seen = new Map<string, { id: string; direction: string; text: string; state?: string }>();
    const collect = () => {
      for (const row of rows()) {
        const id = row.dataset.id!;
        // Our own messages: where delivery got, as the row says.
        const state = row.closest("li")?.querySelector<HTMLElement>('[part="delivery"]')?.dataset.state;
        if (!seen.has(id))
          seen.set(id, { id, direction: row.dataset.direction!, text: row.textContent!, ...(state && { state }) });
      }
    };
    await settle("last", () => (list.scrollTop = list.scrollHeight), { onStep: collect });
    collect();
    return [...seen.values()];
  });
}

/**
 * Presses *Load older messages* until the start of the conversation (at most `maxPages` times): after each
 * page the list must be a longer tail of `texts`, and at the end it is all of them, in order, once.
 */
export async function pageBackToStart(widget: Locator, texts: string[], maxPages: number): Promise<void> {
  const shown = widget.locator('[part="message"]');
  const older = widget.locator('[part="load-older"]');
  const end = widget.locator(".older-end");
  for (let pages = 0; pages < maxPages && !(await end.isVisible()); pages += 1) {
    const before = await shown.count();
    await older.click({ timeout: 5000 }).catch(() => undefined); // replaced by the end marker once nothing is left
    await expect.poll(async () => (await shown.count()) > before || (await end.isVisible())).toBe(true);
    const now = await shown.allTextContents();
    expect(now).toEqual(texts.slice(texts.length - now.length));
  }
  await expect(end).toHaveText("Start of the conversation");
  expect(await shown.allTextContents()).toEqual(texts);
}

/**
 * Resolves once the widget's archive catch-up after its latest sign-in is over. Live messages wait while a
 * catch-up runs (src/session/intake.ts), so a message from `probe` (a contact of its own, not in the
 * conversation under test), sent now, is announced only after it. Returns the probe's text, which the
 * test leaves out of what it counts as announced.
 */
export async function waitForCatchUp(page: Page, probe: Bot, to: string): Promise<string> {
  const text = `catch-up probe ${randomBytes(3).toString("hex")}`;
  await probe.send(to, text);
  await expect
    .poll(
      async () =>
        (await widgetEvents(page)).some((event) => event.type === "xmppmini-message" && event.detail.body === text),
      { timeout: 60_000 },
    )
    .toBe(true);
  return text;
}

/**
 * The page's XMPP traffic over either transport, as timestamped lines (the newest 5,000): WebSocket frames
 * both ways, BOSH requests and their responses. Attached to a failed test's report.
 */
function recordXmppTraffic(page: Page): string[] {
  const lines: string[] = [];
  const started = Date.now();
  const add = (what: string, payload: string) => {
    lines.push(`${String(Date.now() - started).padStart(7)} ms ${what} ${payload.slice(0, 2000)}`);
    if (lines.length > 5000) lines.shift();
  };
  page.on("websocket", (socket) => {
    socket.on("framesent", ({ payload }) => add("ws >", String(payload)));
    socket.on("framereceived", ({ payload }) => add("ws <", String(payload)));
    socket.on("close", () => add("ws", "closed"));
  });
  page.on("request", (request) => {
    const body = request.postData() ?? "";
    if (!body.includes("http://jabber.org/protocol/httpbind")) return;
    add("bosh >", body);
    void request
      .response()
      .then(async (response) => add(`bosh < ${response?.status()}`, (await response?.text().catch(() => "")) ?? ""))
      .catch(() => add("bosh <", "no response"));
  });
  return lines;
}
